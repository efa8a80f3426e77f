use dossier_core::archive::handoffs::{filtered, Direction, Handoff, LogFilter};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::handoff::{self as h, tr};
use crate::platform;
use crate::reveal::reveal;
use crate::state::{use_app, use_archive};

/// 借阅表: every export and import, newest first, filterable, exportable as CSV; a lent copy
/// that is out shows its due date (overdue ones marked) and can be marked returned.
#[component]
pub fn HandoffLog() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let lang = app.lang;
    let direction = RwSignal::new(None::<Direction>);
    let out_only = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let today = platform::today();
    let lines = Memo::new(move |_| {
        archive.revision.track();
        let log = archive.handoff_log();
        let f = LogFilter { direction: direction.get(), out_only: out_only.get(), text: text.get() };
        filtered(&log, &f).into_iter().cloned().collect::<Vec<Handoff>>()
    });
    let returned = move |line: Handoff| {
        spawn_local(async move {
            if let Err(e) = archive.mark_returned(line).await {
                let l = lang.get_untracked();
                problem.set(Some(crate::i18n::texts(l).save_error(&e)));
            }
        });
    };
    let progress = RwSignal::new(None::<(u32, u32)>);
    let give_back = move |line: Handoff| {
        let l = lang.get_untracked();
        spawn_local(async move {
            problem.set(None);
            done.set(None);
            match archive.return_lent(line, l, progress).await {
                Ok(out) if out.sent() => {
                    done.set(Some(tr(l, h::RETURNED_DONE).replace("{n}", &out.withdrawn.to_string())))
                }
                Ok(_) => problem.set(Some(tr(l, h::RETURN_NOT_SENT).to_string())),
                Err(e) => problem.set(Some(h::error(l, &e, crate::i18n::texts(l)))),
            }
        });
    };
    let filter_button = move |d: Option<Direction>, out: bool, pair: h::Pair, code: &'static str| {
        view! {
            <button data-log-filter=code aria-pressed=move || (direction.get() == d && out_only.get() == out).to_string() on:click=move |_| { direction.set(d); out_only.set(out); }>
                {move || tr(lang.get(), pair)}
            </button>
        }
    };
    view! {
        <section class="card handoff-log" data-log>
            <div class="toolbar dup-filters">
                {filter_button(None, false, h::LOG_FILTER_ALL, "all")}
                {filter_button(Some(Direction::Export), false, h::TAB_EXPORT, "export")}
                {filter_button(Some(Direction::Import), false, h::TAB_IMPORT, "import")}
                {filter_button(None, true, h::LOG_FILTER_OUT, "out")}
                <input type="search" data-log-search aria-label=move || tr(lang.get(), h::LOG_SEARCH) placeholder=move || tr(lang.get(), h::LOG_SEARCH) prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                <button data-log-csv on:click=move |_| {
                    let l = lang.get_untracked();
                    lines.with_untracked(|ls| {
                        let refs: Vec<&Handoff> = ls.iter().collect();
                        archive.export_log(&refs, l);
                    });
                }>{move || tr(lang.get(), h::LOG_CSV)}</button>
            </div>
            {move || problem.get().map(|p| view! { <p class="banner banner-error" role="alert" use:reveal>{p}</p> })}
            {move || done.get().map(|p| view! { <p class="banner banner-info" role="status" data-returned use:reveal>{p}</p> })}
            <crate::components::export_panel::Progress progress=progress label=Signal::derive(move || tr(lang.get(), h::EXPORTING))/>
            {move || {
                let l = lang.get();
                let ls = lines.get();
                if ls.is_empty() {
                    return view! { <p class="muted" data-log-empty>{tr(l, h::LOG_EMPTY)}</p> }.into_any();
                }
                view! {
                    <ul class="log-lines">
                        {ls.into_iter().map(|line| {
                            let overdue = line.overdue(today);
                            let out = line.is_out() || (line.direction == Some(Direction::Import) && line.return_by.is_some() && line.returned_on.is_none());
                            let who = [line.borrower.as_str(), line.approver.as_str(), line.clerk.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" / ");
                            let peer = if line.peer_device.is_empty() { String::new() } else { format!(" ← {} ({})", line.peer_rep, line.peer_device) };
                            let l2 = line.clone();
                            let l3 = line.clone();
                            let incoming_lent = line.direction == Some(Direction::Import) && line.return_by.is_some() && line.returned_on.is_none() && !line.lent_ids.is_empty();
                            view! {
                                <li class="log-line" class:overdue=overdue data-log-line=line.direction.map(|d| d.code()).unwrap_or("")>
                                    <div><strong>{line.direction.map(|d| d.label(l)).unwrap_or("")}</strong>" · "{platform::local_time(line.at.at.ms)}" · "{line.rep.clone()}{peer}</div>
                                    <div>{line.scope.clone()}" · "{line.profile_name.clone()}" · "{dossier_core::format_count(line.customers.into())}{tr(l, h::SCOPE_COUNT)}
                                        {line.encrypted.then(|| format!(" · {}", tr(l, h::LOCKED)))}</div>
                                    <div class="muted"><small>{line.file_name.clone()}" · "{line.digest.chars().take(12).collect::<String>()}</small></div>
                                    {(!who.is_empty()).then(|| view! { <div>{tr(l, h::LOG_WHO)}{l.pick("：", ": ")}{who.clone()}</div> })}
                                    {line.purpose.is_empty().then_some(()).is_none().then(|| view! { <div>{tr(l, h::PURPOSE)}{l.pick("：", ": ")}{line.purpose.clone()}</div> })}
                                    {line.return_by.map(|d| view! { <div data-due>
                                        {match line.returned_on {
                                            Some(r) => format!("{}{}", tr(l, h::LOG_RETURNED_ON), r.format("%Y-%m-%d")),
                                            None => format!("{}{}", tr(l, h::LOG_DUE), d.format("%Y-%m-%d")),
                                        }}
                                        {overdue.then(|| view! { " " <strong class="overdue-tag">{tr(l, h::LOG_OVERDUE)}</strong> })}
                                    </div> })}
                                    {(out && !incoming_lent).then(|| view! { <button data-mark-returned on:click=move |_| returned(l2.clone())>{tr(l, h::LOG_MARK_RETURNED)}</button> })}
                                    {incoming_lent.then(|| view! { <button class="primary" data-give-back on:click=move |_| give_back(l3.clone())>{tr(l, h::GIVE_BACK)}</button> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
