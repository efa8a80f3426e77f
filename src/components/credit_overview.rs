use dossier_core::credit::percent;
use dossier_core::{format_yuan_grouped, OwnerFilter};
use dossier_core::summary::credit_rows::{credit_rows, sort_by_overdue, sort_by_report, totals, CreditFlag, CreditRow};
use leptos::prelude::*;

use crate::i18n::credit_page as w;
use crate::i18n::grading::tr;
use crate::perf;
use crate::route::Page;
use crate::state::{use_app, use_archive};

/// Rows rendered at a time: 100,000 table rows would freeze a tablet.
const PAGE: usize = 500;

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Util,
    Overdue,
    Report,
}

impl SortBy {
    fn code(self) -> &'static str {
        match self {
            SortBy::Util => "util",
            SortBy::Overdue => "overdue",
            SortBy::Report => "report",
        }
    }

    fn from_code(s: &str) -> SortBy {
        match s {
            "overdue" => SortBy::Overdue,
            "report" => SortBy::Report,
            _ => SortBy::Util,
        }
    }
}

/// 信用总览: every customer with anything of credit, from the summaries (no card read): class,
/// limit, exposure, a utilisation bar, the next written report and short flags; sorted by
/// share used, days overdue or report due; this device's rep's customers or everyone's; totals
/// over all rows, the first 500 rendered and more on request.
#[component]
pub fn CreditOverview(
    /// Whose customers (the page's owner filter, shared with 应收账款).
    #[prop(into)]
    owner: Signal<OwnerFilter>,
) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let sort = RwSignal::new(SortBy::Util);
    let shown = RwSignal::new(PAGE);
    let settings = StoredValue::new(crate::settings::load_credit());
    let today = crate::platform::today();

    let rows = Memo::new(move |_| {
        archive.revision.track();
        let owner = owner.get();
        let by = sort.get();
        let t0 = perf::now();
        let mut rows = settings.with_value(|s| archive.with_summaries(|all| credit_rows(all, s, today)));
        match owner {
            OwnerFilter::Any => {}
            OwnerFilter::Nobody => rows.retain(|r| r.owner.is_empty()),
            OwnerFilter::Rep(o) => rows.retain(|r| r.owner == o),
        }
        match by {
            // credit_rows sorts by utilisation already.
            SortBy::Util => {}
            SortBy::Overdue => sort_by_overdue(&mut rows),
            SortBy::Report => sort_by_report(&mut rows),
        }
        perf::measure_since("dossier:credit-rows", t0);
        rows
    });
    let overdue_days = settings.with_value(|s| s.overdue_days);
    let row_view = move |r: &CreditRow, l: dossier_core::Lang| {
        let util = r.utilisation_bp;
        // Colour by the exact comparison the flags made, not by the rounded basis points.
        let level = if r.flags.has(CreditFlag::OverLimit) {
            "red"
        } else if r.flags.has(CreditFlag::Warning) {
            "amber"
        } else {
            "green"
        };
        let width = util.map(|bp| format!("width: {}%", bp.clamp(0, 10_000) / 100));
        let flags = r
            .flags
            .iter()
            .map(|f| view! { <span class=format!("credit-flag flag-{}", f.code())>{w::flag(l, f, overdue_days, r.held)}</span> })
            .collect_view();
        let class = r.class.map(|c| c.label(l)).unwrap_or("—");
        view! {
            <tr data-credit-row=r.id.clone()>
                <th scope="row">
                    <a href=Page::Card(r.id.clone()).href()>{r.name.clone()}</a>
                    <br/><small class="credit-sub" style="color: var(--muted); font-weight: normal">{r.reg_no.clone()}{r.class.map(|c| view! { <span class="credit-class-inline" style="white-space: nowrap">{format!(" · {}", c.label(l))}</span> })}</small>
                </th>
                <td class="credit-class" data-class=r.class.map(|c| c.code()).unwrap_or("")>{class}</td>
                <td class="num" data-limit=r.limit.map(|l| l.to_string()).unwrap_or_default()>
                    {r.limit.map_or_else(|| tr(l, w::NO_LIMIT).to_string(), format_yuan_grouped)}
                </td>
                <td class="num" data-exposure=r.exposure.to_string()>{format_yuan_grouped(r.exposure)}</td>
                <td class="credit-util" data-util=util.map(|b| b.to_string()).unwrap_or_default()>
                    {width.map(|s| view! { <span class=format!("util-bar util-{level}") aria-hidden="true"><span style=s></span></span> })}
                    <span class=format!("util-num util-{level}")>{util.map_or_else(|| "—".to_string(), percent)}</span>
                </td>
                <td data-report=r.next_report.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()>
                    // A date never breaks across lines.
                    <span style="white-space: nowrap">{r.next_report.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".into())}</span>
                    {r.report_due.then(|| view! { " "<span class="credit-due" data-due>{tr(l, w::DUE)}</span> })}
                </td>
                <td class="credit-flags" data-flags=r.flags.codes()>{flags}</td>
            </tr>
        }
    };

    let table = move || {
        let l = app.lang.get();
        let n = shown.get();
        rows.with(|rows| {
            if rows.is_empty() {
                let body = if owner.get() != OwnerFilter::Any { w::OWNER_EMPTY } else { w::EMPTY_BODY };
                return view! {
                    <div data-no-credit>
                        <crate::components::empty_state::EmptyState title=Signal::derive(move || tr(app.lang.get(), w::EMPTY_TITLE)) body=Signal::derive(move || tr(app.lang.get(), body))/>
                    </div>
                }
                .into_any();
            }
            let t = totals(rows);
            let body = rows.iter().take(n).map(|r| row_view(r, l)).collect_view();
            let more = rows.len() > n;
            view! {
                <p class="credit-totals" data-credit-totals>{w::totals(l, t.customers, &format_yuan_grouped(t.limit), &format_yuan_grouped(t.exposure))}</p>
                <table class="table credit-overview" data-credit-overview>
                    <thead><tr>
                        <th scope="col">{tr(l, w::COL_CUSTOMER)}</th>
                        <th scope="col" class="credit-class">{tr(l, w::COL_CLASS)}</th>
                        <th scope="col" class="num">{tr(l, w::COL_LIMIT)}</th>
                        <th scope="col" class="num">{tr(l, w::COL_EXPOSURE)}</th>
                        <th scope="col">{tr(l, w::COL_UTIL)}</th>
                        <th scope="col">{tr(l, w::COL_REPORT)}</th>
                        <th scope="col">{tr(l, w::COL_FLAGS)}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
                {more.then(|| view! {
                    <p class="credit-more">
                        <span class="muted" data-shown>{w::shown(l, n, rows.len())}</span>
                        <button type="button" data-action="credit-more" on:click=move |_| shown.update(|s| *s += PAGE)>{tr(l, w::SHOW_MORE)}</button>
                    </p>
                })}
            }
            .into_any()
        })
    };

    view! {
        <div class="credit-bar">
            <label for="credit-sort">{move || tr(app.lang.get(), w::SORT)}</label>
            <select id="credit-sort" prop:value=move || sort.get().code() on:change=move |e| {
                sort.set(SortBy::from_code(&event_target_value(&e)));
                shown.set(PAGE);
            }>
                <option value="util">{move || tr(app.lang.get(), w::SORT_UTIL)}</option>
                <option value="overdue">{move || tr(app.lang.get(), w::SORT_OVERDUE)}</option>
                <option value="report">{move || tr(app.lang.get(), w::SORT_REPORT)}</option>
            </select>
        </div>
        {table}
    }
}
