use dossier_core::agenda::{build, Day, DayItem, DayKind, DayScope};
use dossier_core::grading::{DueStatus, PlanRole};
use dossier_core::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::quick_visit::QuickVisit;
use crate::components::rep_overview::RepOverview;
use crate::i18n::credit_page;
use crate::i18n::grading::{self as g, tr};
use crate::perf;
use crate::reveal::reveal;
use crate::route::Page;
use crate::state::{use_app, use_archive};

/// 今日: what this rep has to do — overdue first, then today (one round, in route order), then
/// the next days — built from the summaries (no card read), with the counts per kind on top.
/// A visit is recorded from the list (prefilled with today and this device's rep) and a card
/// marked reviewed in one tap; done items leave the list. 经理视图: each rep's customers.
/// Items a section shows at first, and how many more each tap adds.
const SHOW_FIRST: usize = 200;
const SHOW_MORE: usize = 500;

#[component]
pub fn TodayPage() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let me = crate::settings::load_me();
    let has_me = me.is_some();
    // My customers by default once this device knows its rep; everyone's otherwise.
    let mine = RwSignal::new(has_me);
    let role = RwSignal::new(crate::settings::load_role());
    let manager = RwSignal::new(false);
    let visiting = RwSignal::new(None::<String>);
    let checked = RwSignal::new(crate::settings::load_last_check());
    let me = StoredValue::new(me);

    let day = Memo::new(move |_| {
        archive.revision.track();
        let scope = DayScope { owner: if mine.get() { me.get_value() } else { None }, role: role.get() };
        let settings = crate::settings::load_grading();
        let areas = crate::settings::load_areas();
        let t0 = perf::now();
        let day = archive.with_summaries(|all| build(all, &scope, &settings, &areas, checked.get(), crate::platform::today()));
        perf::measure_since("dossier:today", t0);
        day
    });

    // The name alone, not a copy of the whole summary per item.
    let name_at = move |pos: u32| archive.with_summaries(|all| all.get(pos as usize).map(|s| s.name.clone())).unwrap_or_default();
    let failed = RwSignal::new(None::<String>);
    let reviewed = move |id: String| spawn_local(async move {
        match archive.mark_reviewed(&id).await {
            Ok(()) => failed.set(None),
            Err(e) => failed.set(Some(crate::grading_commands::failure_text(&e, app.lang.get_untracked(), crate::i18n::texts(app.lang.get_untracked())))),
        }
    });

    let item_view = move |it: DayItem| {
        let l = app.lang.get();
        let id = it.customer_id.clone();
        let id_for_visit = id.clone();
        let id_for_review = id.clone();
        let id_for_form = id.clone();
        let id_for_quick = id.clone();
        let visit = matches!(it.kind, DayKind::PlanVisit | DayKind::PromisedVisit | DayKind::PlannedVisit);
        let open = move || visiting.get().as_deref() == Some(id_for_form.as_str());
        view! {
            <li class="today-item" data-item data-kind=it.kind.code() data-customer=id.clone() data-complaint=it.complaint.as_ref().map(|c| c.id.clone())
                data-step=it.complaint.as_ref().map(|c| c.step.code()) class:overdue=it.section == DueStatus::Overdue>
                <a class="today-main" href=Page::Card(id.clone()).href()>
                    // An urgent report waits for the superior's instruction: marked so it is not
                    // read as routine.
                    {(it.kind == DayKind::CreditUrgent).then(|| view! { <span class="badge-urgent" data-urgent>{tr(l, credit_page::URGENT)}</span> })}
                    <strong data-item-name>{name_at(it.pos)}</strong>
                    <span data-item-what>{it.what(l)}</span>
                    <small class="muted" data-item-when>{it.when(l)}</small>
                    // A long investigation without the customer's written agreement (seed 004).
                    {it.complaint.as_ref().filter(|c| c.needs_agreement).map(|c| view! {
                        <span class="complaint-long" data-complaint-hint=c.id.clone()>{tr(l, crate::i18n::complaints::LONG_INVESTIGATION)}</span>
                    })}
                </a>
                <div class="today-actions">
                    {visit.then(|| view! {
                        <button type="button" class="primary" data-action="record-visit" on:click=move |_| visiting.set(Some(id_for_visit.clone()))>{tr(l, g::RECORD_VISIT)}</button>
                    })}
                    {(it.kind == DayKind::Review).then(|| view! {
                        <button type="button" data-action="mark-reviewed" on:click=move |_| reviewed(id_for_review.clone())>{tr(l, g::MARK_REVIEWED)}</button>
                    })}
                </div>
                {move || open().then(|| view! { <QuickVisit customer_id=id_for_quick.clone() on_done=move |_| visiting.set(None)/> })}
            </li>
        }
    };

    // A manager's "all" on 100,000 customers holds thousands of items: each section shows the
    // first ones and more on request, so a tablet never builds the whole list at once.
    let shown = RwSignal::new([SHOW_FIRST; 3]);
    let section = move |d: &Day, status: DueStatus, title: g::Pair| {
        let at = match status {
            DueStatus::Overdue => 0,
            DueStatus::Due => 1,
            _ => 2,
        };
        let limit = shown.with(|s| s[at]);
        let all = d.section(status);
        let n = all.len();
        let items = all[..n.min(limit)].to_vec();
        let l = app.lang.get();
        (!items.is_empty()).then(|| {
            let rest = n.saturating_sub(limit);
            // The next days: a heading per day.
            let mut last = None;
            let rows = items
                .into_iter()
                .map(|it| {
                    let head = (status == DueStatus::Upcoming && last != Some(it.date)).then(|| {
                        last = Some(it.date);
                        view! { <li class="day-head" data-day=it.date.to_string()>{day_label(it.date, l)}</li> }
                    });
                    view! { {head}{item_view(it)} }
                })
                .collect_view();
            view! {
                <section class="card today-section" data-section=status.code()>
                    <h2>{tr(l, title)}<span class="n" data-section-count>{n}</span></h2>
                    <ul class="today-list">{rows}</ul>
                    {(rest > 0).then(|| view! {
                        <button type="button" class="more" data-action="today-more" data-rest=rest.to_string()
                            on:click=move |_| shown.update(|s| s[at] = s[at].saturating_add(SHOW_MORE))>
                            {match l {
                                Lang::Zh => format!("显示更多（还有 {rest} 项）"),
                                Lang::En => format!("Show more ({rest} more)"),
                            }}
                        </button>
                    })}
                </section>
            }
        })
    };

    let day_list = move || {
        let d = day.get();
        let l = app.lang.get();
        let counts = DayKind::ALL
            .iter()
            .filter(|k| d.counts.kind(**k) > 0)
            .map(|k| view! { <li data-count-kind=k.code()>{k.label(l)}" "<strong>{d.counts.kind(*k)}</strong></li> })
            .collect_view();
        let check = d.check_due.then(|| view! {
            <p class="banner banner-info" data-check-due>
                <span>{tr(l, g::CHECK_DUE)}</span>
                <button type="button" data-action="check-done" on:click=move |_| {
                    let today = crate::platform::today();
                    crate::settings::save_last_check(today);
                    checked.set(Some(today));
                }>{tr(l, g::CHECK_DONE)}</button>
            </p>
        });
        let next_check = (!d.check_due).then_some(d.next_check).flatten().map(|n| view! {
            <p class="muted" data-next-check>{tr(l, g::CHECK_NEXT)}{n.format("%Y-%m-%d").to_string()}</p>
        });
        if d.items.is_empty() {
            return view! {
                {check}
                <section class="card empty" data-today-empty>
                    <h2>{tr(l, if mine.get() { g::NOTHING_MINE } else { g::NOTHING })}</h2>
                    <p class="muted">{tr(l, g::NOTHING_WHY)}</p>
                    // Only this rep's customers are shown: the way to everyone's, at the top.
                    {mine.get().then(|| view! {
                        <button type="button" class="primary" data-action="scope-all" on:click=move |_| mine.set(false)>{tr(l, g::SHOW_ALL)}</button>
                    })}
                </section>
                {next_check}
            }
            .into_any();
        }
        view! {
            <ul class="today-counts" data-today-counts>{counts}</ul>
            {move || failed.get().map(|m| view! { <p class="banner banner-error" role="alert" use:reveal>{m}</p> })}
            {check}
            {section(&d, DueStatus::Overdue, g::OVERDUE)}
            {section(&d, DueStatus::Due, g::DUE_TODAY)}
            {section(&d, DueStatus::Upcoming, g::NEXT_DAYS)}
            {next_check}
        }
        .into_any()
    };

    view! {
        <h1>{move || tr(app.lang.get(), g::TODAY)}</h1>
        <p class="muted today-date" data-today-date>
            {crate::platform::today().format("%Y-%m-%d").to_string()}
            <a class="button complaints-link" data-link="complaints" href=Page::Complaints.href()>{move || tr(app.lang.get(), crate::i18n::complaints::LINK)}</a>
        </p>
        <div class="today-bar">
            <div class="tabs" role="tablist">
                <button type="button" role="tab" data-tab="day" aria-selected=move || (!manager.get()).to_string() on:click=move |_| manager.set(false)>{move || tr(app.lang.get(), g::TAB_DAY)}</button>
                <button type="button" role="tab" data-tab="manager" aria-selected=move || manager.get().to_string() on:click=move |_| manager.set(true)>{move || tr(app.lang.get(), g::TAB_MANAGER)}</button>
            </div>
            <label for="today-scope">{move || tr(app.lang.get(), g::SCOPE)}</label>
            <select id="today-scope" prop:value=move || if mine.get() { "mine" } else { "all" } on:change=move |e| mine.set(event_target_value(&e) == "mine")>
                {has_me.then(|| view! { <option value="mine">{move || tr(app.lang.get(), g::SCOPE_MINE)}</option> })}
                <option value="all">{move || tr(app.lang.get(), g::SCOPE_ALL)}</option>
            </select>
            <label for="today-role">{move || tr(app.lang.get(), g::ROLE)}</label>
            <select id="today-role" prop:value=move || role.get().code() on:change=move |e| {
                if let Some(r) = PlanRole::from_code(&event_target_value(&e)) {
                    crate::settings::save_role(r);
                    role.set(r);
                }
            }>
                {move || PlanRole::ALL.iter().map(|r| view! { <option value=r.code()>{r.label(app.lang.get())}</option> }).collect_view()}
            </select>
        </div>
        {(!has_me).then(|| view! { <p class="muted" data-no-me>{move || tr(app.lang.get(), g::NO_ME)}</p> })}
        {move || if manager.get() { view! { <RepOverview role=role/> }.into_any() } else { day_list().into_any() }}
    }
}

/// "12月3日 星期四" / "Thu 3 Dec".
fn day_label(d: chrono::NaiveDate, l: Lang) -> String {
    use chrono::Datelike;
    let i = d.weekday().num_days_from_monday() as usize;
    match l {
        Lang::Zh => format!("{} 星期{}", d.format("%Y-%m-%d"), ["一", "二", "三", "四", "五", "六", "日"][i]),
        Lang::En => format!("{} {}", ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i], d.format("%Y-%m-%d")),
    }
}
