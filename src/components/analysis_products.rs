use dossier_core::analysis::{self, format_percent, format_times, Period, ProductCost, ProductRow};
use dossier_core::grading::sales::format_bp;
use dossier_core::{format_count, Lang};
use leptos::prelude::*;

use crate::analysis_commands::deferred;
use crate::components::analysis_costs::{AnalysisCosts, CostsSaved};
use crate::components::analysis_shares::yuan_or_blank;
use crate::components::csv_button::CsvButton;
use crate::i18n::analysis as w;
use crate::i18n::grading::tr;
use crate::state::{use_app, use_archive};

/// 商品分析: every product sold in the period with its units, sales and share, and — where the
/// manager entered its cost and average stock — cost of sales, margin, 毛利率, 周转率, 交叉比率
/// and 贡献比率 (standard textbook formulas, labelled so, not the seeds'); then the cost table.
#[component]
pub fn AnalysisProducts(#[prop(into)] period: Signal<Period>, turn: u32) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let costs = RwSignal::new(crate::settings::load_product_costs());
    let status = RwSignal::new(None::<CostsSaved>);
    let rows = deferred(
        turn,
        move || (period.get(), costs.get(), app.lang.get(), archive.revision.get()),
        move |(p, c, l, _): (Period, Vec<ProductCost>, Lang, u64)| (l, archive.analysis_products(&p, &c)),
    );
    let table = move || {
        rows.with(|r| match r {
            None => view! { <p class="muted">{tr(app.lang.get_untracked(), w::COMPUTING)}</p> }.into_any(),
            Some((l, rows)) => {
                let products = rows.iter().map(|r| r.product.clone()).collect::<Vec<_>>();
                view! {
                    {product_table(*l, rows)}
                    <h4 class="analysis-cost-settings">{tr(*l, w::COSTS_TITLE)}</h4>
                    <AnalysisCosts costs=costs products=products status=status/>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class="analysis-part" data-products>
            <h3>{move || tr(app.lang.get(), w::PRODUCTS_TITLE)}</h3>
            <p class="textbook" data-textbook><strong>{move || tr(app.lang.get(), w::TEXTBOOK)}</strong>{move || app.lang.get().pick("：", ": ")}{move || tr(app.lang.get(), w::PRODUCTS_FORMULAS)}</p>
            {table}
        </div>
    }
}

fn product_table(l: Lang, rows: &[ProductRow]) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted" data-no-products>{tr(l, w::NO_PRODUCTS)}</p> }.into_any();
    }
    let (header, csv_rows) = analysis::product_rows(rows, l);
    let labels = [
        tr(l, w::COL_QTY),
        tr(l, w::COL_SALES),
        tr(l, w::COL_PRODUCT_SHARE),
        tr(l, w::COL_COST),
        tr(l, w::COL_MARGIN),
        tr(l, w::COL_MARGIN_RATE),
        tr(l, w::COL_TURNOVER),
        tr(l, w::COL_CROSS),
        tr(l, w::COL_CONTRIBUTION),
    ];
    let opt = |v: Option<String>| v.unwrap_or_default();
    let body = rows
        .iter()
        .map(|r| {
            let cells = [
                if r.qty == 0 { String::new() } else { format_count(r.qty.unsigned_abs()) },
                yuan_or_blank(r.sales_fen),
                format_bp(r.share_bp),
                opt(r.cost_fen.map(yuan_or_blank)),
                opt(r.margin_fen.map(yuan_or_blank)),
                opt(r.margin_bp.map(|v| format_percent(i64::from(v)))),
                opt(r.turnover_bp.map(|v| format_times(i64::from(v)))),
                opt(r.cross_bp.map(format_percent)),
                opt(r.contribution_bp.map(format_percent)),
            ];
            let hooks = ["qty", "sales", "share", "cost", "margin", "margin-rate", "turnover", "cross", "contribution"];
            view! {
                <tr data-product=r.product.clone()>
                    <th scope="row">{r.product.clone()}</th>
                    {cells.into_iter().zip(labels).zip(hooks).map(|((c, label), hook)| view! {
                        <td class="num" data-label=label data-col=hook>{c}</td>
                    }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table analysis-table stack product-table" data-product-table>
            <thead><tr>
                <th scope="col">{tr(l, w::COL_PRODUCT)}</th>
                {labels.into_iter().map(|h| view! { <th scope="col" class="num">{h}</th> }).collect_view()}
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
        <div class="analysis-actions"><CsvButton name="商品分析".to_string() header=header rows=csv_rows/></div>
    }
    .into_any()
}
