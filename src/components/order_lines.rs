use std::collections::BTreeMap;

use dossier_core::forms::schema::ORDER_LINE_COLUMNS;
use dossier_core::ledger::{line_amount, MAX_QTY};
use dossier_core::validation::check;
use dossier_core::{format_yuan_grouped, FieldValue, RawForm};
use leptos::prelude::*;

use crate::i18n::grading::tr;
use crate::i18n::orders as o;
use crate::state::use_app;

/// The cells of a row in the form's order (`ORDER_LINE_COLUMNS`): product, quantity, unit price,
/// unit. The grid shows them as product, quantity, unit, price.
const PRODUCT: usize = 0;
const QTY: usize = 1;
const PRICE: usize = 2;
const UNIT: usize = 3;

#[derive(Clone, Debug, PartialEq)]
struct Row {
    /// Stable across removals, so a row's inputs keep their text and focus.
    key: u32,
    cells: [String; 4],
}

impl Row {
    fn blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    /// quantity × price as the core will compute it; `None` while either is not (yet) valid.
    fn amount(&self) -> Option<i64> {
        let qty = check::count(self.cells[QTY].trim(), MAX_QTY).ok()?;
        let price = check::money(self.cells[PRICE].trim()).ok()?;
        line_amount(i64::from(qty), price)
    }
}

/// The order form's 订货明细 as a grid: one row per product (product with the archive's product
/// names offered, quantity and price with a numeric keypad, unit, the amount computed), rows
/// added and removed by buttons. It writes the form's `lines` value (rows of
/// `ORDER_LINE_COLUMNS`, blank rows left out); the core checks it, and a cell's problem comes back
/// as `e-lines-<row>-<column>` (the row counted among the rows sent) and shows beside the cell.
#[component]
pub fn OrderLines(values: RwSignal<RawForm>, errors: RwSignal<BTreeMap<String, String>>, products: Vec<String>) -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let start: Vec<Row> = values.with_untracked(|v| {
        v.get("lines")
            .map(|x| x.rows().to_vec())
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, r)| Row { key: i as u32, cells: std::array::from_fn(|c| r.get(c).cloned().unwrap_or_default()) })
            .collect()
    });
    let next_key = StoredValue::new(start.len() as u32 + 1);
    let rows = RwSignal::new(if start.is_empty() { vec![Row { key: 0, cells: Default::default() }] } else { start });
    // The form's value follows the grid.
    let write = move || {
        let sent: Vec<Vec<String>> = rows.with_untracked(|rs| rs.iter().filter(|r| !r.blank()).map(|r| r.cells.to_vec()).collect());
        values.update(|v| {
            if sent.is_empty() {
                v.remove("lines");
            } else {
                v.insert("lines".into(), FieldValue::Rows(sent));
            }
        });
    };
    let set_cell = move |key: u32, col: usize, text: String| {
        rows.update(|rs| {
            if let Some(r) = rs.iter_mut().find(|r| r.key == key) {
                r.cells[col] = text;
            }
        });
        write();
    };
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|rs| rs.push(Row { key, cells: Default::default() }));
        crate::perf::after_render(move || {
            if let Some(el) = document().get_element_by_id(&format!("ol-{key}-{PRODUCT}")) {
                use wasm_bindgen::JsCast;
                if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    };
    let remove = move |key: u32| {
        rows.update(|rs| {
            if rs.len() > 1 {
                rs.retain(|r| r.key != key);
            } else if let Some(r) = rs.first_mut() {
                r.cells = Default::default();
            }
        });
        write();
    };
    // The row's place among the rows sent (blank rows are not sent), for its errors.
    let sent_index = move |key: u32| {
        rows.with(|rs| {
            let pos = rs.iter().position(|r| r.key == key)?;
            (!rs[pos].blank()).then(|| rs[..pos].iter().filter(|r| !r.blank()).count())
        })
    };
    let cell_error = move |key: u32, col: usize| {
        let i = sent_index(key)?;
        errors.with(|e| e.get(&format!("e-lines-{i}-{col}")).cloned())
    };
    let whole_error = move || errors.with(|e| e.get("e-lines").cloned());
    let total = move || {
        rows.with(|rs| rs.iter().filter_map(Row::amount).try_fold(0i64, i64::checked_add)).map(format_yuan_grouped).unwrap_or_default()
    };
    let label = move |col: usize| ORDER_LINE_COLUMNS[col].label(lang.get());
    let header = move || {
        view! {
            <tr>
                <th scope="col">{label(PRODUCT)}" *"</th>
                <th scope="col" class="num">{label(QTY)}" *"</th>
                <th scope="col">{label(UNIT)}</th>
                <th scope="col" class="num">{label(PRICE)}" *"</th>
                <th scope="col" class="num">{move || tr(lang.get(), o::AMOUNT)}</th>
                <th scope="col"><span class="sr-only">{move || tr(lang.get(), o::REMOVE_ROW)}</span></th>
            </tr>
        }
    };
    let cell = move |key: u32, n: usize, col: usize, mode: &'static str, list: Option<&'static str>| {
        let id = format!("ol-{key}-{col}");
        let err_id = format!("{id}-error");
        let value = move || rows.with(|rs| rs.iter().find(|r| r.key == key).map(|r| r.cells[col].clone()).unwrap_or_default());
        // "no lines at all" marks the first product, so the focus goes where typing starts.
        let first = move || col == PRODUCT && rows.with(|rs| rs.first().is_some_and(|r| r.key == key)) && whole_error().is_some();
        let invalid = move || (cell_error(key, col).is_some() || first()).to_string();
        let name = move || format!("{} {}", o::row(lang.get(), n), label(col));
        let class = if matches!(col, QTY | PRICE) { "num" } else { "" };
        view! {
            <td class=class data-cell=ORDER_LINE_COLUMNS[col].key>
                <input id=id type="text" inputmode=mode autocomplete="off" list=list aria-label=name aria-invalid=invalid
                    aria-describedby=err_id.clone() prop:value=value on:input=move |e| set_cell(key, col, event_target_value(&e))/>
                <p class="field-error" id=err_id role="alert">{move || cell_error(key, col)}</p>
            </td>
        }
    };
    // The rows by key: typing in a cell changes `rows` but not this, so the inputs stay (and keep
    // the focus); adding or removing a row renders the rows again.
    let keys = Memo::new(move |_| rows.with(|rs| rs.iter().map(|r| r.key).collect::<Vec<u32>>()));
    let body = move || {
        keys.get()
            .into_iter()
            .enumerate()
            .map(|(i, key)| {
                let amount = move || rows.with(|rs| rs.iter().find(|r| r.key == key).and_then(Row::amount)).map(format_yuan_grouped).unwrap_or_default();
                view! {
                    <tr data-line-row=i>
                        {cell(key, i + 1, PRODUCT, "text", Some("order-products"))}
                        {cell(key, i + 1, QTY, "numeric", None)}
                        {cell(key, i + 1, UNIT, "text", None)}
                        {cell(key, i + 1, PRICE, "decimal", None)}
                        <td class="num" data-line-amount>{amount}</td>
                        <td>
                            <button type="button" class="line-remove" data-action="remove-line"
                                aria-label=move || format!("{} {}", tr(lang.get(), o::REMOVE_ROW), i + 1)
                                on:click=move |_| remove(key)>{move || tr(lang.get(), o::REMOVE_ROW)}</button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let options = products.into_iter().map(|p| view! { <option value=p></option> }).collect_view();
    view! {
        <fieldset class="field field-wide order-lines" class:field-invalid=move || whole_error().is_some() data-order-lines>
            <legend id="field-e-lines">{move || dossier_core::Form::Order.field("lines").map(|f| f.label(lang.get())).unwrap_or_default()}" *"</legend>
            <datalist id="order-products">{options}</datalist>
            <table class="line-grid">
                <thead>{header}</thead>
                <tbody>{body}</tbody>
                <tfoot>
                    <tr>
                        <td colspan="4" class="num">{move || tr(lang.get(), o::TOTAL)}</td>
                        <td class="num" data-lines-total>{total}</td>
                        <td></td>
                    </tr>
                </tfoot>
            </table>
            <button type="button" class="line-add" data-action="add-line" on:click=add>{move || tr(lang.get(), o::ADD_ROW)}</button>
            <p class="field-error" id="field-e-lines-error" role="alert">{whole_error}</p>
        </fieldset>
    }
}
