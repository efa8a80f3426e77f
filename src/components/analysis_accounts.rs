use dossier_core::analysis::{month_label, Period, StartStop};
use dossier_core::{format_count, Lang};
use leptos::prelude::*;

use crate::analysis_commands::deferred;
use crate::components::analysis_bars::{PairChart, PairRow};
use crate::components::csv_button::CsvButton;
use crate::i18n::analysis as w;
use crate::i18n::grading::tr;
use crate::state::{use_app, use_archive};

/// 交易开始与中止: per month of the period, the customers whose trade started (交易开始调查书
/// approved) and whose trade stopped (中止交易), as bars and a table; the 调查书 still waiting.
#[component]
pub fn AnalysisAccounts(#[prop(into)] period: Signal<Period>, turn: u32) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let data = deferred(turn, move || (period.get(), app.lang.get(), archive.revision.get()), move |(p, l, _)| (l, archive.analysis_accounts(&p)));
    move || {
        data.with(|d| match d {
            None => view! { <p class="muted">{tr(app.lang.get_untracked(), w::COMPUTING)}</p> }.into_any(),
            Some((l, (rows, waiting))) => accounts_view(*l, rows, *waiting).into_any(),
        })
    }
}

fn accounts_view(l: Lang, rows: &[StartStop], waiting: usize) -> impl IntoView {
    let note = (waiting > 0).then(|| view! { <p class="muted" data-starts-waiting=waiting.to_string()>{w::waiting(l, waiting)}</p> });
    if rows.iter().all(|r| r.started == 0 && r.stopped == 0) {
        return view! { <p class="muted" data-no-accounts>{tr(l, w::NO_ACCOUNTS)}</p> {note} }.into_any();
    }
    let blank = |n: usize| if n == 0 { String::new() } else { format_count(n as u64) };
    let chart_rows = rows.iter().map(|r| PairRow { label: month_label(r.month, l), a: r.started as i64, b: r.stopped as i64 }).collect::<Vec<_>>();
    let header = vec![tr(l, w::COL_MONTH), tr(l, w::COL_STARTED), tr(l, w::COL_STOPPED)];
    let csv_rows = rows.iter().map(|r| vec![month_label(r.month, l), r.started.to_string(), r.stopped.to_string()]).collect::<Vec<_>>();
    let (started, stopped) = rows.iter().fold((0, 0), |(a, b), r| (a + r.started, b + r.stopped));
    view! {
        <PairChart data="accounts" title=tr(l, w::ACCOUNTS_TITLE).to_string() rows=chart_rows
            names=(tr(l, w::COL_STARTED).to_string(), tr(l, w::COL_STOPPED).to_string()) classes=("bar-started", "bar-stopped") money=false/>
        <table class="table analysis-table" data-accounts-table>
            <thead><tr>{header.iter().enumerate().map(|(i, h)| view! { <th scope="col" class={if i > 0 { "num" } else { "" }}>{*h}</th> }).collect_view()}</tr></thead>
            <tbody>{rows.iter().map(|r| view! {
                <tr data-month=r.month.to_string()>
                    <th scope="row">{month_label(r.month, l)}</th>
                    <td class="num" data-started=r.started.to_string()>{blank(r.started)}</td>
                    <td class="num" data-stopped=r.stopped.to_string()>{blank(r.stopped)}</td>
                </tr>
            }).collect_view()}</tbody>
            <tfoot><tr><th scope="row">{tr(l, w::TOTAL)}</th><td class="num">{blank(started)}</td><td class="num">{blank(stopped)}</td></tr></tfoot>
        </table>
        {note}
        <div class="analysis-actions"><CsvButton name="交易开始与中止".to_string() header=header rows=csv_rows/></div>
    }
    .into_any()
}
