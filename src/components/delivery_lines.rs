use std::collections::BTreeMap;

use dossier_core::ledger::{order_progress, EntryBody, LineProgress, OrderLine};
use dossier_core::{format_count, FieldValue, RawForm};
use leptos::prelude::*;

use crate::i18n::grading::tr;
use crate::i18n::orders as o;
use crate::state::{use_app, use_archive};

/// The delivery form's 出货明细: each product of the order with what was ordered, what went out
/// before and what is left, and the quantity going out now (the form starts it at what is
/// left; the rep may lower it, 0 or empty leaves the product out). It writes the form's `lines`
/// value (rows of order line number and quantity); the core refuses more than is left, and that
/// problem (`e-lines-<row>-<column>`, the row counted among the rows sent) shows beside the product.
#[component]
pub fn DeliveryLines(
    customer_id: String,
    /// The delivery being edited: its own quantities are not "delivered before".
    editing: Option<String>,
    values: RwSignal<RawForm>,
    errors: RwSignal<BTreeMap<String, String>>,
) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let lang = app.lang;
    let oid = values.with_untracked(|v| v.get("order").map(|x| x.text().to_string()).unwrap_or_default());
    let lines: Vec<(OrderLine, LineProgress)> = archive.archive.with_untracked(|a| {
        let entries = a.ledger(&customer_id);
        let order = entries.iter().find_map(|e| match &e.body {
            EntryBody::Order(o) if e.id == oid && !e.deleted => Some(o.clone()),
            _ => None,
        });
        let progress = order_progress(entries, &oid, editing.as_deref()).unwrap_or_default();
        order.map(|o| o.lines.into_iter().zip(progress).collect()).unwrap_or_default()
    });
    // Quantity typed per order line, from the form's rows (line numbers are 1-based).
    let start: Vec<String> = values.with_untracked(|v| {
        let rows = v.get("lines").map(|x| x.rows().to_vec()).unwrap_or_default();
        (1..=lines.len())
            .map(|n| rows.iter().find(|r| r.first().map(|c| c.trim()) == Some(n.to_string().as_str())).and_then(|r| r.get(1).cloned()).unwrap_or_default())
            .collect()
    });
    let qty = RwSignal::new(start);
    let write = move || {
        let rows: Vec<Vec<String>> = qty.with_untracked(|q| {
            q.iter()
                .enumerate()
                .filter(|(_, x)| !matches!(x.trim(), "" | "0"))
                .map(|(i, x)| vec![(i + 1).to_string(), x.clone()])
                .collect()
        });
        values.update(|v| {
            if rows.is_empty() {
                v.remove("lines");
            } else {
                v.insert("lines".into(), FieldValue::Rows(rows));
            }
        });
    };
    // The row the core saw for order line `i` (0-based), for its errors.
    let sent_index = move |i: usize| {
        let n = (i + 1).to_string();
        values.with(|v| v.get("lines").and_then(|x| x.rows().iter().position(|r| r.first().map(|c| c.trim()) == Some(n.as_str()))))
    };
    let whole_error = move || errors.with(|e| e.get("e-lines").cloned());
    let row_error = move |i: usize| {
        let r = sent_index(i)?;
        errors.with(|e| e.get(&format!("e-lines-{r}-1")).or_else(|| e.get(&format!("e-lines-{r}-0"))).cloned())
    };
    let first_open = lines.iter().position(|(_, p)| p.remaining > 0);
    let rows = lines
        .into_iter()
        .enumerate()
        .map(|(i, (line, p))| {
            let id = format!("dl-{i}");
            let err_id = format!("{id}-error");
            let can = p.remaining > 0 || qty.with_untracked(|q| q.get(i).is_some_and(|x| !x.trim().is_empty()));
            let invalid = move || (row_error(i).is_some() || whole_error().is_some() && Some(i) == first_open).to_string();
            let product = line.product.clone();
            let input = if can {
                view! {
                    <input id=id type="text" inputmode="numeric" autocomplete="off" aria-invalid=invalid aria-describedby=err_id.clone()
                        aria-label=move || format!("{} {}", product, tr(lang.get(), o::THIS_TIME))
                        prop:value=move || qty.with(|q| q.get(i).cloned().unwrap_or_default())
                        on:input=move |e| { let v = event_target_value(&e); qty.update(|q| if let Some(x) = q.get_mut(i) { *x = v; }); write(); }/>
                }
                .into_any()
            } else {
                view! { <span class="muted">{move || tr(lang.get(), o::NONE_LEFT)}</span> }.into_any()
            };
            view! {
                <tr data-delivery-line=i data-left=p.remaining.to_string()>
                    <td>{line.product.clone()}</td>
                    <td>{line.unit.clone()}</td>
                    <td class="num">{format_count(p.ordered.max(0) as u64)}</td>
                    <td class="num">{format_count(p.delivered.max(0) as u64)}</td>
                    <td class="num" data-remaining-qty>{format_count(p.remaining.max(0) as u64)}</td>
                    <td class="num">
                        {input}
                        <p class="field-error" id=err_id role="alert">{move || row_error(i)}</p>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field field-wide order-lines" class:field-invalid=move || whole_error().is_some() data-delivery-lines>
            <legend id="field-e-lines">{move || dossier_core::Form::Delivery.field("lines").map(|f| f.label(lang.get())).unwrap_or_default()}" *"</legend>
            <table class="line-grid">
                <thead><tr>
                    <th scope="col">{move || tr(lang.get(), o::PRODUCT)}</th>
                    <th scope="col">{move || tr(lang.get(), o::UNIT)}</th>
                    <th scope="col" class="num">{move || tr(lang.get(), o::ORDERED)}</th>
                    <th scope="col" class="num">{move || tr(lang.get(), o::DELIVERED)}</th>
                    <th scope="col" class="num">{move || tr(lang.get(), o::LEFT)}</th>
                    <th scope="col" class="num">{move || tr(lang.get(), o::THIS_TIME)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <small class="hint">{move || tr(lang.get(), o::DELIVERY_HINT)}</small>
            <p class="field-error" id="field-e-lines-error" role="alert">{whole_error}</p>
        </fieldset>
    }
}
