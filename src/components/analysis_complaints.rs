use dossier_core::analysis::{ComplaintAnalysis, Period};
use dossier_core::grading::sales::format_bp;
use dossier_core::{format_count, format_yuan_grouped, Lang};
use leptos::prelude::*;

use crate::analysis_commands::deferred;
use crate::components::analysis_shares::{AnalysisShares, ShareColumns};
use crate::components::csv_button::CsvButton;
use crate::i18n::analysis as w;
use crate::i18n::grading::{tr, Pair};
use crate::route::Page;
use crate::state::{use_app, use_archive};

/// 投诉分析: the complaints received in the period — how many and how many still open, by type,
/// by who was responsible, by the step reached, the days to resolve and to a first answer, the
/// customers satisfied, the compensation paid, and the customers who complained more than once
/// (each a link to the card).
#[component]
pub fn AnalysisComplaints(#[prop(into)] period: Signal<Period>, turn: u32) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let data = deferred(turn, move || (period.get(), app.lang.get(), archive.revision.get()), move |(p, l, _)| (l, archive.analysis_complaints(&p, l)));
    move || {
        data.with(|d| match d {
            None => view! { <p class="muted">{tr(app.lang.get_untracked(), w::COMPUTING)}</p> }.into_any(),
            Some((l, a)) => complaints_view(*l, a).into_any(),
        })
    }
}

fn complaints_view(l: Lang, a: &ComplaintAnalysis) -> impl IntoView {
    if a.total == 0 {
        return view! { <p class="muted" data-no-complaints>{tr(l, w::NO_COMPLAINTS)}</p> }.into_any();
    }
    let figure = |label: Pair, hook: &'static str, value: String| {
        view! { <div class="figure" data-figure=hook><dt>{tr(l, label)}</dt><dd>{value}</dd></div> }
    };
    let resolve = match (a.avg_resolve_days, a.max_resolve_days) {
        (None, None) => String::new(),
        (avg, max) => format!("{} / {}", w::days(l, avg), w::days(l, max)),
    };
    let money = |fen: i64| if fen == 0 { String::new() } else { format!("¥{}", format_yuan_grouped(fen)) };
    let columns = |item| ShareColumns { item, count: w::COL_COMPLAINTS, amount: Some(w::COL_COMPENSATION), unit: w::UNIT_COMPLAINTS, by_amount: false };
    let repeat = if a.repeat.is_empty() {
        view! { <p class="muted" data-no-repeat>{tr(l, w::NO_REPEAT)}</p> }.into_any()
    } else {
        let header = vec![tr(l, w::COL_CUSTOMER), tr(l, w::COL_COMPLAINTS)];
        let csv_rows = a.repeat.iter().map(|r| vec![r.name.clone(), r.count.to_string()]).collect::<Vec<_>>();
        view! {
            <table class="table analysis-table" data-repeat-table>
                <thead><tr><th scope="col">{header[0]}</th><th scope="col" class="num">{header[1]}</th></tr></thead>
                <tbody>{a.repeat.iter().map(|r| view! {
                    <tr data-repeat=r.id.clone()>
                        <th scope="row"><a href=Page::Card(r.id.clone()).href()>{r.name.clone()}</a></th>
                        <td class="num" data-count=r.count.to_string()>{format_count(r.count as u64)}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
            <div class="analysis-actions"><CsvButton name="投诉-重复客户".to_string() header=header rows=csv_rows/></div>
        }
        .into_any()
    };
    view! {
        <dl class="figures" data-complaint-figures>
            {figure(w::FIG_TOTAL, "total", format_count(a.total as u64))}
            {figure(w::FIG_OPEN, "open", format_count(a.open as u64))}
            {figure(w::FIG_RESOLVE, "resolve", resolve)}
            {figure(w::FIG_RESPONSE, "response", w::days(l, a.avg_response_days))}
            {figure(w::FIG_SATISFIED, "satisfied", a.satisfied_bp.map(format_bp).unwrap_or_default())}
            {figure(w::FIG_COMPENSATION, "compensation", money(a.compensation_fen))}
        </dl>
        <AnalysisShares dim="complaint-kind" title=tr(l, w::BY_TYPE) shares=a.by_kind.clone() columns=columns(w::COL_TYPE) csv="投诉-类型" empty=tr(l, w::NO_COMPLAINTS) lang=l/>
        <AnalysisShares dim="complaint-responsibility" title=tr(l, w::BY_RESPONSIBILITY) shares=a.by_responsibility.clone() columns=columns(w::COL_RESPONSIBILITY) csv="投诉-责任方" empty=tr(l, w::NO_COMPLAINTS) lang=l/>
        <AnalysisShares dim="complaint-step" title=tr(l, w::BY_STEP) shares=a.by_step.clone()
            columns=ShareColumns { item: w::COL_STEP, count: w::COL_COMPLAINTS, amount: None, unit: w::UNIT_COMPLAINTS, by_amount: false }
            csv="投诉-处理步骤" empty=tr(l, w::NO_COMPLAINTS) lang=l/>
        <div class="analysis-part" data-repeat>
            <h3>{tr(l, w::REPEAT_TITLE)}</h3>
            {repeat}
        </div>
    }
    .into_any()
}
