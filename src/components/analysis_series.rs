use dossier_core::analysis::{self, format_percent, month_label, Balance, MonthRow, Period, RepBalance};
use dossier_core::{format_yuan_grouped, Lang};
use leptos::prelude::*;

use crate::analysis_commands::{deferred, SeriesScope};
use crate::components::analysis_bars::{PairChart, PairRow};
use crate::components::analysis_shares::yuan_or_blank;
use crate::components::csv_button::CsvButton;
use crate::i18n::analysis as w;
use crate::i18n::grading::tr;
use crate::route::Page;
use crate::state::{use_app, use_archive};

/// 销售与回款: each month's sales against collections of everyone, a rep or one customer (chart
/// and table) with the verdict whether they balance, then seed 001's 检阅销售、收款是否平衡 per
/// rep. Computed at `turn` and `turn + 1` (see `analysis_commands::deferred`).
#[component]
pub fn AnalysisSeries(#[prop(into)] period: Signal<Period>, turn: u32) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let scope = RwSignal::new(SeriesScope::All);
    let picking = RwSignal::new(false);
    let query = RwSignal::new(String::new());
    let not_found = RwSignal::new(false);
    let chosen = RwSignal::new(None::<(String, String)>);

    let series = deferred(
        turn,
        move || (period.get(), scope.get(), app.lang.get(), archive.revision.get()),
        move |(p, s, l, _)| (l, archive.analysis_series(&p, &s)),
    );
    let by_rep = deferred(turn + 1, move || (period.get(), app.lang.get(), archive.revision.get()), move |(p, l, _)| (l, archive.analysis_rep_balance(&p)));

    let reps = move || {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.active_reps().map(|r| (r.id.clone(), r.name.clone())).collect::<Vec<_>>())
    };
    let on_scope = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        not_found.set(false);
        if v == "all" {
            picking.set(false);
            scope.set(SeriesScope::All);
        } else if v == "customer" {
            picking.set(true);
        } else if let Some(id) = v.strip_prefix("rep:") {
            picking.set(false);
            scope.set(SeriesScope::Rep(id.to_string()));
        }
    };
    let find = move || match archive.analysis_find_customer(&query.get_untracked()) {
        Some((id, name)) => {
            not_found.set(false);
            chosen.set(Some((id.clone(), name)));
            scope.set(SeriesScope::Customer(id));
        }
        None => not_found.set(true),
    };
    let selected = move || match scope.get() {
        _ if picking.get() => "customer".to_string(),
        SeriesScope::All => "all".into(),
        SeriesScope::Rep(id) => format!("rep:{id}"),
        SeriesScope::Customer(_) => "customer".into(),
    };

    let scope_bar = move || {
        let l = app.lang.get();
        view! {
            <div class="analysis-scope">
                <label class="filter">{tr(l, w::SCOPE)}
                    <select data-scope on:change=on_scope prop:value=selected>
                        <option value="all" selected=move || selected() == "all">{tr(l, w::SCOPE_ALL)}</option>
                        {reps().into_iter().map(|(id, name)| {
                            let v = format!("rep:{id}");
                            let v2 = v.clone();
                            view! { <option value=v selected=move || selected() == v2>{format!("{}{name}", tr(l, w::SCOPE_REP))}</option> }
                        }).collect_view()}
                        <option value="customer" selected=move || selected() == "customer">{tr(l, w::SCOPE_CUSTOMER)}</option>
                    </select>
                </label>
                {move || picking.get().then(|| view! {
                    <form class="scope-customer" on:submit=move |ev| { ev.prevent_default(); find(); }>
                        <label class="filter">{tr(l, w::CUSTOMER_QUERY)}
                            <input type="search" data-scope-customer prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                        </label>
                        <button type="submit" data-action="scope-customer">{tr(l, w::SHOW)}</button>
                    </form>
                })}
                {move || {
                    let c = matches!(scope.get(), SeriesScope::Customer(_)).then(|| chosen.get()).flatten();
                    c.map(|(id, name)| {
                        let href = Page::Card(id.clone()).href();
                        view! { <p class="scope-chosen" data-scope-chosen=id><a href=href>{name}</a></p> }
                    })
                }}
                {move || not_found.get().then(|| view! { <p class="field-error" role="alert" data-scope-missing>{tr(l, w::NO_CUSTOMER_FOUND)}</p> })}
            </div>
        }
    };

    let months = move || {
        series.with(|s| match s {
            None => view! { <p class="muted">{tr(app.lang.get_untracked(), w::COMPUTING)}</p> }.into_any(),
            Some((l, (rows, balance))) => series_view(*l, rows, balance).into_any(),
        })
    };
    let reps_view = move || {
        by_rep.with(|r| match r {
            None => view! { <p class="muted">{tr(app.lang.get_untracked(), w::COMPUTING)}</p> }.into_any(),
            Some((l, rows)) => rep_table(*l, rows).into_any(),
        })
    };
    view! {
        <div class="analysis-part" data-series>
            <h3>{move || tr(app.lang.get(), w::SERIES_TITLE)}</h3>
            <p class="muted">{move || tr(app.lang.get(), w::SERIES_NOTE)}</p>
            {scope_bar}
            {months}
        </div>
        <div class="analysis-part" data-rep-balances>
            <h3>{move || tr(app.lang.get(), w::REP_BALANCE_TITLE)}</h3>
            {reps_view}
        </div>
    }
}

/// A balance's verdict in words.
fn verdict_text(l: Lang, b: &Balance) -> String {
    let rate = b.rate_bp.map(|r| format_percent(i64::from(r)));
    w::verdict(l, b.balanced, &format_yuan_grouped(b.difference.saturating_abs()), rate.as_deref(), b.difference > 0)
}

fn balance_code(b: &Balance) -> &'static str {
    if b.balanced {
        "balanced"
    } else {
        "unbalanced"
    }
}

fn series_view(l: Lang, rows: &[MonthRow], balance: &Balance) -> impl IntoView {
    if rows.iter().all(|r| r.sales == 0 && r.collected == 0) {
        return view! { <p class="muted" data-no-series>{tr(l, w::NO_SERIES)}</p> }.into_any();
    }
    let chart_rows = rows.iter().map(|r| PairRow { label: month_label(r.month, l), a: r.sales, b: r.collected }).collect::<Vec<_>>();
    let (header, csv_rows) = analysis::series_rows(rows, l);
    let body = rows
        .iter()
        .map(|r| {
            view! {
                <tr data-month=r.month.to_string()>
                    <th scope="row">{month_label(r.month, l)}</th>
                    <td class="num" data-sales=r.sales.to_string()>{yuan_or_blank(r.sales)}</td>
                    <td class="num" data-collected=r.collected.to_string()>{yuan_or_blank(r.collected)}</td>
                    <td class="num">{yuan_or_blank(r.sales.saturating_sub(r.collected))}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <PairChart data="series" title=tr(l, w::SERIES_TITLE).to_string() rows=chart_rows
            names=(tr(l, w::SALES).to_string(), tr(l, w::COLLECTED).to_string()) classes=("bar-sales", "bar-collected") money=true/>
        <p class=format!("verdict verdict-{}", balance_code(balance)) data-balance=balance_code(balance)
            data-balance-rate=balance.rate_bp.map(|r| r.to_string()).unwrap_or_default()>{verdict_text(l, balance)}</p>
        <table class="table analysis-table" data-series-table>
            <thead><tr>
                <th scope="col">{tr(l, w::COL_MONTH)}</th>
                <th scope="col" class="num">{tr(l, w::COL_SALES)}</th>
                <th scope="col" class="num">{tr(l, w::COL_COLLECTED)}</th>
                <th scope="col" class="num">{tr(l, w::COL_DIFFERENCE)}</th>
            </tr></thead>
            <tbody>{body}</tbody>
            <tfoot><tr>
                <th scope="row">{tr(l, w::TOTAL)}</th>
                <td class="num">{yuan_or_blank(balance.sales)}</td>
                <td class="num">{yuan_or_blank(balance.collected)}</td>
                <td class="num">{yuan_or_blank(balance.difference)}</td>
            </tr></tfoot>
        </table>
        <div class="analysis-actions"><CsvButton name="销售与回款".to_string() header=header rows=csv_rows/></div>
    }
    .into_any()
}

fn rep_table(l: Lang, rows: &[RepBalance]) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted" data-no-rep-balance>{tr(l, w::NO_SERIES)}</p> }.into_any();
    }
    let name = |r: &RepBalance| if r.name.is_empty() { tr(l, w::NO_OWNER).to_string() } else { r.name.clone() };
    let rate = |b: &Balance| b.rate_bp.map(|r| format_percent(i64::from(r))).unwrap_or_default();
    let verdict = |b: &Balance| tr(l, if b.balanced { w::BALANCED } else { w::UNBALANCED });
    let header = vec![tr(l, w::COL_REP), tr(l, w::COL_SALES), tr(l, w::COL_COLLECTED), tr(l, w::COL_DIFFERENCE), tr(l, w::COL_RATE), tr(l, w::COL_VERDICT)];
    let csv_rows = rows
        .iter()
        .map(|r| {
            let b = &r.balance;
            vec![name(r), format_yuan_grouped(b.sales), format_yuan_grouped(b.collected), format_yuan_grouped(b.difference), rate(b), verdict(b).to_string()]
        })
        .collect::<Vec<_>>();
    let labels = header.clone();
    let body = rows
        .iter()
        .map(|r| {
            let b = &r.balance;
            view! {
                <tr data-rep-balance=r.rep_id.clone()>
                    <th scope="row">{name(r)}</th>
                    <td class="num" data-label=labels[1]>{yuan_or_blank(b.sales)}</td>
                    <td class="num" data-label=labels[2]>{yuan_or_blank(b.collected)}</td>
                    <td class="num" data-label=labels[3]>{yuan_or_blank(b.difference)}</td>
                    <td class="num" data-label=labels[4]>{rate(b)}</td>
                    <td data-label=labels[5] data-balance=balance_code(b) class=format!("verdict-{}", balance_code(b))>{verdict(b)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table analysis-table stack" data-rep-balance-table>
            <thead><tr>{header.iter().enumerate().map(|(i, h)| view! { <th scope="col" class={if i > 0 && i < 5 { "num" } else { "" }}>{*h}</th> }).collect_view()}</tr></thead>
            <tbody>{body}</tbody>
        </table>
        <div class="analysis-actions"><CsvButton name="销售与回款-业务员".to_string() header=header rows=csv_rows/></div>
    }
    .into_any()
}
