use dossier_core::analysis::ProductCost;
use dossier_core::format_yuan;
use leptos::prelude::*;

use crate::i18n::analysis as w;
use crate::i18n::grading::tr;
use crate::settings::{self, CostError, CostField, CostInput};
use crate::state::use_app;

/// What became of the last 保存成本.
#[derive(Clone, Debug, PartialEq)]
pub enum CostsSaved {
    Saved,
    Invalid,
    NotKept,
}

/// The manager's product cost table (商品分析): each product sold in the period and each with a
/// saved cost, with its unit cost and average stock at cost in yuan, and rows for products not
/// sold yet. Checked as a whole by `settings::check_product_costs` and kept on this device;
/// `costs` is set to what was kept, so the economics table follows.
#[component]
pub fn AnalysisCosts(
    costs: RwSignal<Vec<ProductCost>>,
    /// The products sold in the period, biggest first.
    products: Vec<String>,
    status: RwSignal<Option<CostsSaved>>,
) -> impl IntoView {
    let app = use_app();
    let yuan = |fen: i64| format_yuan(fen);
    let start = costs.with_untracked(|saved| {
        let mut rows: Vec<CostInput> = products
            .iter()
            .map(|p| match saved.iter().find(|c| c.product == *p) {
                Some(c) => CostInput { product: p.clone(), unit_cost: yuan(c.unit_cost_fen), avg_stock: stock_text(c.avg_stock_fen) },
                None => CostInput { product: p.clone(), ..CostInput::default() },
            })
            .collect();
        rows.extend(
            saved
                .iter()
                .filter(|c| !products.contains(&c.product))
                .map(|c| CostInput { product: c.product.clone(), unit_cost: yuan(c.unit_cost_fen), avg_stock: stock_text(c.avg_stock_fen) }),
        );
        rows
    });
    // Rows whose name is fixed (sold or saved); later rows are typed in.
    let fixed = start.len();
    let rows = RwSignal::new(start);
    rows.update(|r| r.push(CostInput::default()));
    let errors = RwSignal::new(Vec::<CostError>::new());

    let save = move |_| {
        let typed = rows.get_untracked();
        match settings::check_product_costs(&typed) {
            Ok(kept) => {
                errors.set(Vec::new());
                if settings::save_product_costs(&kept) {
                    costs.set(kept);
                    status.set(Some(CostsSaved::Saved));
                } else {
                    status.set(Some(CostsSaved::NotKept));
                }
            }
            Err(e) => {
                errors.set(e);
                status.set(Some(CostsSaved::Invalid));
                crate::reveal::reveal_first("[data-costs] [aria-invalid=true]");
            }
        }
    };
    let error_of = move |row: usize, field: CostField| errors.with(|e| e.iter().find(|e| e.row == row && e.field == field).map(|e| e.problem.message(app.lang.get())));
    let set = move |row: usize, field: CostField, v: String| {
        rows.update(|r| {
            if let Some(r) = r.get_mut(row) {
                match field {
                    CostField::Product => r.product = v,
                    CostField::UnitCost => r.unit_cost = v,
                    CostField::AvgStock => r.avg_stock = v,
                }
            }
        });
    };
    let input = move |row: usize, field: CostField, label: String| {
        // Typed into, never rewritten: the box keeps its caret while the rows change.
        let value = rows.with_untracked(|r| {
            r.get(row)
                .map(|r| match field {
                    CostField::Product => r.product.clone(),
                    CostField::UnitCost => r.unit_cost.clone(),
                    CostField::AvgStock => r.avg_stock.clone(),
                })
                .unwrap_or_default()
        });
        let hook = match field {
            CostField::Product => "product",
            CostField::UnitCost => "unit",
            CostField::AvgStock => "stock",
        };
        view! {
            <input type="text" inputmode=if field == CostField::Product { "text" } else { "decimal" } aria-label=label data-cost=hook
                aria-invalid=move || error_of(row, field).is_some().to_string()
                prop:value=value on:input=move |ev| set(row, field, event_target_value(&ev))/>
            {move || error_of(row, field).map(|m| view! { <p class="field-error">{m}</p> })}
        }
    };
    // The table is drawn again only when a row is added, not at each key.
    let count = Memo::new(move |_| rows.with(Vec::len));
    let body = move || {
        let l = app.lang.get();
        let n = count.get();
        (0..n)
            .map(|i| {
                let product = rows.with_untracked(|r| r[i].product.clone());
                let name_cell = if i < fixed {
                    view! { <th scope="row">{product.clone()}</th> }.into_any()
                } else {
                    view! { <th scope="row">{input(i, CostField::Product, tr(l, w::NEW_PRODUCT).to_string())}</th> }.into_any()
                };
                view! {
                    <tr data-cost-row=product>
                        {name_cell}
                        <td data-label=tr(l, w::COL_UNIT_COST)>{input(i, CostField::UnitCost, tr(l, w::COL_UNIT_COST).to_string())}</td>
                        <td data-label=tr(l, w::COL_AVG_STOCK)>{input(i, CostField::AvgStock, tr(l, w::COL_AVG_STOCK).to_string())}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="analysis-costs" data-costs>
            <table class="table cost-table">
                <thead><tr>
                    <th scope="col">{move || tr(app.lang.get(), w::COL_PRODUCT)}</th>
                    <th scope="col">{move || tr(app.lang.get(), w::COL_UNIT_COST)}</th>
                    <th scope="col">{move || tr(app.lang.get(), w::COL_AVG_STOCK)}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
            <div class="analysis-actions">
                <button type="button" data-action="add-cost-row" on:click=move |_| rows.update(|r| r.push(CostInput::default()))>"+ "{move || tr(app.lang.get(), w::COL_PRODUCT)}</button>
                <button type="button" class="primary" data-action="save-costs" on:click=save>{move || tr(app.lang.get(), w::COSTS_SAVE)}</button>
            </div>
            {move || status.get().map(|s| {
                let l = app.lang.get();
                let (class, text, code) = match s {
                    CostsSaved::Saved => ("banner banner-ok", tr(l, w::COSTS_SAVED), "saved"),
                    CostsSaved::Invalid => ("banner banner-error", tr(l, w::COSTS_INVALID), "invalid"),
                    CostsSaved::NotKept => ("banner banner-error", tr(l, w::COSTS_NOT_KEPT), "not-kept"),
                };
                view! { <p class=class role="status" data-costs-status=code>{text}</p> }
            })}
        </div>
    }
}

/// An average stock as typed back: blank when none was given.
fn stock_text(fen: i64) -> String {
    if fen == 0 {
        String::new()
    } else {
        format_yuan(fen)
    }
}
