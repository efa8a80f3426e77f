use dossier_core::ledger::{fields_needed, next_step, Complaint, ComplaintStep, EntryBody};
use dossier_core::{entry_to_raw, Entry, EntryKind, Form, Lang, RawForm};
use leptos::prelude::*;

use crate::components::entry_form::EntryForm;
use crate::i18n::complaints as w;
use crate::i18n::grading::tr;
use crate::state::{use_app, use_archive};

/// The form keys a complaint still lacks to stand at `step` (what the validation will ask for).
fn missing_for(c: &Complaint, raw: &RawForm, step: ComplaintStep) -> Vec<&'static str> {
    fields_needed(step, c.responsibility, c.remedy).into_iter().filter(|k| raw.get(*k).is_none_or(|v| v.is_empty())).collect()
}

/// A field's label on the complaint form.
fn label(key: &str, lang: Lang) -> &'static str {
    Form::Complaint.field(key).map_or("", |f| f.label(lang))
}

/// 客户投诉 on the card: each complaint of the file with seed 004's six steps as a stepper (the
/// current one marked), what that step asks, what the next one needs (from the validation
/// rules), a warning when a long investigation still lacks the customer's written agreement,
/// and "推进到：<next step>", which opens the complaint's form with that step chosen, so the
/// rep fills in what it needs (the form's messages say what is missing). Open ones first.
/// Nothing shows while the file holds no complaint (it is added from the file's quick-add).
///
/// Shown by the file (`CustomerFile`), which owns `advancing` (the complaint whose form is open
/// here, and the step it was opened to reach) so that only one entry form is open on the card:
/// `on_advance` closes the file's own form when this one opens.
#[component]
pub fn ComplaintSteps(customer_id: String, advancing: RwSignal<Option<(String, ComplaintStep)>>, on_advance: Callback<()>) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let cid = StoredValue::new(customer_id);
    let days = i64::from(crate::settings::load_grading().complaint_days);
    let complaints = Memo::new(move |_| {
        archive.revision.track();
        let mut out: Vec<Entry> = archive.archive.with_untracked(|a| {
            a.ledger(&cid.get_value()).iter().filter(|e| !e.deleted && matches!(e.body, EntryBody::Complaint(_))).cloned().collect()
        });
        let key = |e: &Entry| match &e.body {
            EntryBody::Complaint(c) => (!c.step.open(), std::cmp::Reverse(c.received)),
            _ => (true, std::cmp::Reverse(chrono::NaiveDate::default())),
        };
        out.sort_by_key(key);
        out
    });
    let today = crate::platform::today();

    let item = move |e: &Entry, l: Lang| {
        let EntryBody::Complaint(c) = &e.body else { return None };
        let id = e.id.clone();
        let step = c.step;
        let raw = entry_to_raw(&e.body);
        let days_open = (today - c.received).num_days();
        let stepper = ComplaintStep::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let current = *s == step;
                view! {
                    <li data-step=s.code() class:done=*s < step class:current=current aria-current=current.then_some("step")>
                        <span class="step-dot" aria-hidden="true">{if *s < step || (current && !step.open()) { "✓".to_string() } else { (i + 1).to_string() }}</span>
                        <span class="step-name">{s.label(l)}</span>
                    </li>
                }
            })
            .collect_view();
        let received = c.received.format("%Y-%m-%d").to_string();
        let heading = w::heading(l, c.kind.label(l), &received);
        // A linked rep by the name they have now.
        let owner = archive.archive.with_untracked(|a| e.body.rep_name(a.reps()).to_string());
        let status = if step.open() {
            format!("{} · {}", w::days(l, true, days_open), owner)
        } else {
            let resolved = c.days_to_resolve().map(|n| w::days(l, false, n)).unwrap_or_default();
            let satisfied = c.satisfied.map(|ok| tr(l, if ok { w::SATISFIED } else { w::NOT_SATISFIED })).unwrap_or_default();
            [tr(l, w::CLOSED), &resolved, satisfied, &owner].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" · ")
        };
        // Seed 004: a long investigation is explained and the customer's agreement obtained in writing.
        let investigating = step <= ComplaintStep::Facts;
        let long = (investigating && !c.agreed && days_open > days)
            .then(|| view! { <p class="banner banner-warn complaint-long" role="note" data-complaint-long>{tr(l, w::LONG_INVESTIGATION)}</p> });
        let agreed = (investigating && c.agreed).then(|| view! { <p class="muted" data-complaint-agreed>{tr(l, w::AGREED)}</p> });
        let next = next_step(step).map(|next| {
            let missing = missing_for(c, &raw, next);
            let needs = if missing.is_empty() {
                tr(l, w::NEXT_NOTHING).to_string()
            } else {
                format!("{}{}", tr(l, w::NEXT_NEEDS), missing.iter().map(|k| label(k, l)).collect::<Vec<_>>().join(l.pick("、", ", ")))
            };
            let open_id = id.clone();
            view! {
                <div class="complaint-next" data-next=next.code()>
                    <p data-next-needs=missing.join(" ")>{needs}</p>
                    <p class="muted complaint-hint">{w::step_hint(l, next)}</p>
                    <button type="button" class="primary" data-action="complaint-next" data-next-step=next.code()
                        on:click=move |_| {
                            on_advance.run(());
                            advancing.set(Some((open_id.clone(), next)));
                        }>{w::advance(l, next)}</button>
                </div>
            }
        });
        let form_id = id.clone();
        let form = move || {
            let (open, to) = advancing.get()?;
            (open == form_id).then(|| {
                let mut preset = RawForm::new();
                preset.insert("step".into(), to.code().into());
                let close = Callback::new(move |_| advancing.set(None));
                view! { <EntryForm customer_id=cid.get_value() kind=EntryKind::Complaint order_id=None editing=open preset=preset on_close=close/> }
            })
        };
        Some(view! {
            <li class="complaint-item" class:closed=!step.open() data-complaint=id.clone() data-step=step.code()>
                <h3>{heading}</h3>
                {(!c.said.is_empty()).then(|| view! { <p class="complaint-said">{c.said.clone()}</p> })}
                <p class="muted" data-complaint-status>{status}</p>
                <ol class="complaint-stepper" aria-label=tr(l, w::STEPS_LABEL)>{stepper}</ol>
                <p class="complaint-hint" data-step-hint>{w::step_hint(l, step)}</p>
                {long}
                {agreed}
                {next}
                {form}
            </li>
        })
    };

    move || {
        let l = app.lang.get();
        complaints.with(|list| {
            (!list.is_empty()).then(|| {
                let items = list.iter().filter_map(|e| item(e, l)).collect_view();
                let principles = w::PRINCIPLES.iter().map(|p| view! { <li>{tr(l, *p)}</li> }).collect_view();
                view! {
                    <section class="card complaint-steps" data-complaint-steps>
                        <h2>{tr(l, w::TITLE)}</h2>
                        <ol class="complaint-principles" data-principles aria-label=tr(l, w::PRINCIPLES_TITLE)>{principles}</ol>
                        <ul class="complaint-items">{items}</ul>
                    </section>
                }
            })
        })
    }
}
