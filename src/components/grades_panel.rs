use dossier_core::commands::grades::{GradesError, GradesInput};
use dossier_core::grading::{ManAnswers, ProspectGrade, WatchReason};
use dossier_core::{Customer, Tier};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::grading_commands::{failure_text, GradesFailure};
use crate::i18n::grading::{self as g, tr};
use crate::reveal::{reveal, reveal_first};
use crate::state::{use_app, use_archive, use_texts};

/// 客户分级 on the card: the four views (准客户等级 with MAN, 销售等级, 重要程度 with 另作观察)
/// each with how it came about, the route place, the last review, and the grade history; the
/// 分级 form (MAN answers → the suggested grade; another grade or a new 重要程度 needs a reason)
/// and 已复核 in one tap.
#[component]
pub fn GradesPanel(customer: Customer) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let id = StoredValue::new(customer.id.clone());
    let c = StoredValue::new(customer.clone());
    let editing = RwSignal::new(false);
    let error = RwSignal::new(None::<(String, &'static str)>);

    // The form's fields, filled from the card when it opens.
    let man_on = RwSignal::new(false);
    let (m, a, n) = (RwSignal::new(false), RwSignal::new(false), RwSignal::new(false));
    let prospect = RwSignal::new(String::new());
    let tier = RwSignal::new(String::new());
    let watch = RwSignal::new(String::new());
    let watch_note = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let seq = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let open_form = move |_| {
        let c = c.get_value();
        let gr = &c.grades;
        man_on.set(gr.man.is_some());
        let ans = gr.man.unwrap_or_default();
        m.set(ans.money);
        a.set(ans.authority);
        n.set(ans.need);
        // With MAN answers a grade equal to the suggestion reads as "the suggestion".
        let scale = crate::settings::load_grading().prospect_scale;
        let follows = gr.man.is_some_and(|ans| Some(ans.suggested_grade(scale)) == gr.prospect);
        prospect.set(if follows { String::new() } else { gr.prospect.map(|p| p.code().to_string()).unwrap_or_else(|| "none".into()) });
        tier.set(c.tier.map(|x| x.code().to_string()).unwrap_or_default());
        watch.set(gr.watch.as_ref().map(|w| w.reason.code().to_string()).unwrap_or_default());
        watch_note.set(gr.watch.as_ref().map(|w| w.note.clone()).unwrap_or_default());
        area.set(gr.area.clone());
        seq.set(gr.route_seq.map(|s| s.to_string()).unwrap_or_default());
        reason.set(String::new());
        error.set(None);
        editing.set(true);
    };
    let answers = move || man_on.get().then(|| ManAnswers::new(m.get(), a.get(), n.get()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let seq_text = seq.get_untracked();
        let route_seq = match seq_text.trim() {
            "" => None,
            s => match s.chars().map(dossier_core::primitives::text::half_width).collect::<String>().parse::<u32>().ok() {
                Some(n) => Some(n),
                None => {
                    error.set(Some((GradesError::RouteSeq.message(l), "grade-seq")));
                    reveal_first("[data-grades-form] [aria-invalid=true]");
                    return;
                }
            },
        };
        let p = prospect.get_untracked();
        let input = GradesInput {
            man: answers(),
            prospect: if p == "none" { None } else { ProspectGrade::from_code(&p) },
            tier: Tier::from_code(&tier.get_untracked()),
            watch: WatchReason::from_code(&watch.get_untracked()).map(|r| (r, watch_note.get_untracked())),
            area: area.get_untracked(),
            route_seq,
            reason: reason.get_untracked(),
            by: crate::settings::load_me().unwrap_or_default(),
        };
        spawn_local(async move {
            match archive.set_grades(&id.get_value(), input, l).await {
                // The card shows the saved grades in place of the form.
                Ok(()) => {
                    editing.set(false);
                    error.set(None);
                }
                Err(e) => {
                    let field = match &e {
                        GradesFailure::Refused(GradesError::ReasonRequired(_)) => "grade-reason",
                        GradesFailure::Refused(GradesError::WatchNote) => "grade-watch-note",
                        GradesFailure::Refused(GradesError::RouteSeq) => "grade-seq",
                        _ => "",
                    };
                    error.set(Some((failure_text(&e, l, t.get_untracked()), field)));
                    // The field to fix has the focus, its message beside it.
                    reveal_first("[data-grades-form] [aria-invalid=true]");
                }
            }
        });
    };
    let reviewed = move |_| {
        spawn_local(async move {
            match archive.mark_reviewed(&id.get_value()).await {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some((failure_text(&e, lang.get_untracked(), t.get_untracked()), ""))),
            }
        })
    };

    let view_part = move || {
        let l = lang.get();
        let tx = t.get();
        let c = c.get_value();
        let gr = c.grades.clone();
        let settings = crate::settings::load_grading();
        let today = crate::platform::today();
        // The grade with what it means (seed 004): readiness, planned visits, expected purchase;
        // the next review, and at a review the grades it may be promoted to (seed 001).
        let prospect_text = gr.prospect.map(|p| {
            let next = settings.review.next_review(p, gr.reviewed, today).map(|d| d.by.format("%Y-%m-%d").to_string()).unwrap_or_default();
            let promote = settings.prospect_scale.fit(p).offers_promotion().then(|| {
                let to = p.promotions().iter().map(|x| x.label(l)).collect::<Vec<_>>().join(l.pick("、", ", "));
                format!(" · {}{to}", tr(l, g::MAY_PROMOTE))
            });
            format!(
                "{} · {} · {}{} · {}{} · {}{}{}",
                p.label(l),
                settings.prospect_scale.readiness(p, l),
                tr(l, g::PLANNED_VISITS),
                p.planned_visits().label(l),
                tr(l, g::PURCHASE),
                p.purchase_horizon(l),
                tr(l, g::NEXT_REVIEW),
                next,
                promote.unwrap_or_default()
            )
        });
        let man_text = gr.man.map(|ans| format!("{} · {}", ans.combination(), ans.advice(l)));
        // 销售等级: today's grading (as the list shows it), and the stored one when a regrade is due.
        let graded = (!c.deleted).then(|| archive.sales_grades(today).ok()).flatten();
        let row = graded.as_ref().and_then(|gs| gs.of(&c.id).cloned().map(|r| (gs.grading.explain(&r, l), gs.grading.window.label(l), r)));
        let (code, label) = row.as_ref().map(|r| (r.2.grade.code(), r.2.grade.label(l))).unwrap_or(("", "—"));
        let stale = row.as_ref().is_some_and(|r| gr.sales != Some(r.2.grade));
        let stored = gr.sales.map(|s| s.label(l)).unwrap_or("—");
        let history: Vec<String> = archive.archive.with_untracked(|a| {
            let mut changes: Vec<_> = a.history_of(&c.id).into_iter().flat_map(|h| h.grades.clone()).collect();
            changes.sort_by_key(|x| std::cmp::Reverse(x.date));
            changes.iter().map(|ch| ch.describe(l)).collect()
        });
        let route = match (gr.area.is_empty(), gr.route_seq) {
            (true, None) => "—".to_string(),
            (_, s) => format!("{}{}", gr.area, s.map(|s| format!(" · {}{s}", tr(l, g::SEQ_SHORT))).unwrap_or_default()),
        };
        view! {
            <dl class="facts">
                <dt>{tr(l, g::PROSPECT)}</dt><dd data-prospect-grade=gr.prospect.map(|p| p.code()).unwrap_or("")>{prospect_text.unwrap_or_else(|| "—".into())}</dd>
                <dt>"MAN"</dt><dd data-man=gr.man.map(|x| x.combination()).unwrap_or("")>{man_text.unwrap_or_else(|| tr(l, g::MAN_NOT_ASKED).to_string())}</dd>
                <dt>{tx.sales_grade}</dt>
                <dd data-sales-grade=code>
                    {label}
                    {row.map(|(why, window, r)| view! {
                        " "<small class="muted" data-sales-why>{if r.no_sales { l.pick("期内无销售", "no sales in the window").to_string() } else { why }}" · "{window}</small>
                    })}
                    {stale.then(|| view! { <small class="stale" data-sales-stored>{tr(l, g::STORED_AS)}{stored}{tr(l, g::REGRADE_PENDING)}</small> })}
                </dd>
                <dt>{tx.filter_tier}</dt>
                <dd data-tier=c.tier.map(|x| x.code()).unwrap_or("")>
                    {c.tier.map(|x| x.label(l)).unwrap_or("—")}
                    {gr.watch.as_ref().map(|w| view! { " · "<span class="watch" data-watch=w.reason.code()>{w.describe(l)}</span> })}
                </dd>
                <dt>{tr(l, g::ROUTE)}</dt><dd data-route>{route}</dd>
                <dt>{tr(l, g::LAST_REVIEW)}</dt><dd data-reviewed>{gr.reviewed.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".into())}</dd>
            </dl>
            <h3>{tr(l, g::HISTORY)}</h3>
            {if history.is_empty() {
                view! { <p class="muted" data-grade-history-empty>{tr(l, g::NO_HISTORY)}</p> }.into_any()
            } else {
                view! { <ol class="history" data-grade-history>{history.into_iter().map(|h| view! { <li data-grade-change>{h}</li> }).collect_view()}</ol> }.into_any()
            }}
        }
    };

    let form = move || {
        let l = lang.get();
        let scale = crate::settings::load_grading().prospect_scale;
        let suggestion = move || {
            let l = lang.get();
            match answers() {
                Some(ans) => match l {
                    dossier_core::Lang::Zh => format!("{}{}（{}：{}）", tr(l, g::SUGGESTED), ans.suggested_grade(scale).label(l), ans.combination(), ans.advice(l)),
                    dossier_core::Lang::En => format!("{}{} ({}: {})", tr(l, g::SUGGESTED), ans.suggested_grade(scale).label(l), ans.combination(), ans.advice(l)),
                },
                None => tr(l, g::MAN_OFF).to_string(),
            }
        };
        let invalid = move |field: &'static str| move || error.get().is_some_and(|(_, f)| f == field);
        let toggle = move |sig: RwSignal<bool>, id: &'static str, label: g::Pair| view! {
            <label class="check" for=id><input type="checkbox" id=id prop:checked=move || sig.get() prop:disabled=move || !man_on.get() on:change=move |e| sig.set(event_target_checked(&e))/>{tr(l, label)}</label>
        };
        view! {
            <form class="grades-form" data-grades-form on:submit=save novalidate>
                <fieldset>
                    <legend>"MAN"</legend>
                    <label class="check" for="man-on"><input type="checkbox" id="man-on" prop:checked=move || man_on.get() on:change=move |e| man_on.set(event_target_checked(&e))/>{tr(l, g::MAN_ASKED)}</label>
                    {toggle(m, "man-m", g::MAN_M)}
                    {toggle(a, "man-a", g::MAN_A)}
                    {toggle(n, "man-n", g::MAN_N)}
                    <p class="muted" data-man-suggestion>{suggestion}</p>
                </fieldset>
                <label for="grade-prospect">{tr(l, g::PROSPECT)}</label>
                <select id="grade-prospect" prop:value=move || prospect.get() on:change=move |e| prospect.set(event_target_value(&e))>
                    <option value="">{tr(l, g::AS_SUGGESTED)}</option>
                    {scale.grades().iter().map(|p| view! { <option value=p.code()>{p.label(l)}{" · "}{scale.readiness(*p, l)}</option> }).collect_view()}
                    <option value="none">{tr(l, g::NO_GRADE)}</option>
                </select>
                <label for="grade-tier">{t.get().filter_tier}</label>
                <select id="grade-tier" prop:value=move || tier.get() on:change=move |e| tier.set(event_target_value(&e))>
                    <option value="">"—"</option>
                    {Tier::ALL.iter().map(|x| view! { <option value=x.code()>{x.label(l)}</option> }).collect_view()}
                </select>
                <label for="grade-watch">{tr(l, g::WATCH)}</label>
                <select id="grade-watch" prop:value=move || watch.get() on:change=move |e| watch.set(event_target_value(&e))>
                    <option value="">{tr(l, g::NOT_WATCHED)}</option>
                    {WatchReason::ALL.iter().map(|x| view! { <option value=x.code()>{x.label(l)}</option> }).collect_view()}
                </select>
                {move || (!watch.get().is_empty()).then(|| view! {
                    <label for="grade-watch-note">{tr(l, g::WATCH_NOTE)}</label>
                    <input id="grade-watch-note" type="text" aria-invalid=move || invalid("grade-watch-note")().to_string() prop:value=move || watch_note.get() on:input=move |e| watch_note.set(event_target_value(&e))/>
                })}
                <div class="row-2">
                    <div>
                        <label for="grade-area">{tr(l, g::AREA)}</label>
                        <input id="grade-area" type="text" placeholder="1A" prop:value=move || area.get() on:input=move |e| area.set(event_target_value(&e))/>
                    </div>
                    <div>
                        <label for="grade-seq">{tr(l, g::SEQ)}</label>
                        <input id="grade-seq" type="text" inputmode="numeric" aria-invalid=move || invalid("grade-seq")().to_string() prop:value=move || seq.get() on:input=move |e| seq.set(event_target_value(&e))/>
                    </div>
                </div>
                <label for="grade-reason">{tr(l, g::REASON)}</label>
                <textarea id="grade-reason" rows="2" aria-invalid=move || invalid("grade-reason")().to_string() placeholder=tr(l, g::REASON_HINT) prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e))></textarea>
                {move || error.get().map(|(msg, field)| view! {
                    <p class="banner banner-error" role="alert" data-grades-problem=field use:reveal>{msg}</p>
                })}
                <div class="actions">
                    <button type="submit" class="primary" data-action="save-grades">{t.get().save}</button>
                    <button type="button" on:click=move |_| editing.set(false)>{t.get().cancel}</button>
                </div>
            </form>
        }
    };

    view! {
        <section class="card" data-grades>
            <h2>{move || tr(lang.get(), g::TITLE)}</h2>
            {view_part}
            {move || (!editing.get()).then(|| error.get().map(|(m, _)| view! { <p class="banner banner-error" role="alert" use:reveal>{m}</p> })).flatten()}
            {move || if editing.get() {
                form().into_any()
            } else if c.get_value().deleted {
                ().into_any()
            } else {
                view! {
                    <div class="actions">
                        <button type="button" class="primary" data-action="grade" on:click=open_form>{tr(lang.get(), g::EDIT)}</button>
                        <button type="button" data-action="reviewed" on:click=reviewed>{tr(lang.get(), g::MARK_REVIEWED)}</button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
