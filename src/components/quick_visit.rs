use dossier_core::forms::RawForm;
use dossier_core::primitives::ledger_codes::VisitMethod;
use dossier_core::{flat_values, EntryKind, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::entry_commands::EntryFailure;
use crate::i18n::grading::{self as g, tr};
use crate::reveal::reveal;
use crate::state::{use_app, use_archive, use_texts};

/// 记拜访 from the day's list: a visit made today by this device's rep, prefilled, saved with
/// one tap (the outcome and the next visit may be added first). Once saved the visit moves the
/// customer's next planned visit on, so the item leaves the list.
#[component]
pub fn QuickVisit(customer_id: String, #[prop(into)] on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let id = StoredValue::new(customer_id);
    let method = RwSignal::new(VisitMethod::InPerson.code().to_string());
    let outcome = RwSignal::new(String::new());
    let next = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // This device's rep, by name (the visit records who went; the id links it).
    let me = move || {
        crate::settings::load_me().and_then(|rid| archive.archive.with_untracked(|a| a.rep(&rid).map(|r| r.name.clone())))
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = app.lang.get_untracked();
        let Some(rep) = me() else {
            problem.set(Some(tr(l, g::VISIT_NO_ME).to_string()));
            return;
        };
        let today = dossier_core::validation::check::format_date(crate::platform::today());
        let raw: RawForm = flat_values([
            ("method", method.get_untracked()),
            ("actual", today),
            ("rep", rep),
            ("outcome", outcome.get_untracked()),
            ("next_date", next.get_untracked()),
        ]);
        busy.set(true);
        spawn_local(async move {
            let result = archive.add_entry(&id.get_value(), EntryKind::Visit, raw, false, Vec::new()).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    problem.set(None);
                    on_done.run(());
                }
                Err(e) => problem.set(Some(visit_failure(&e, l, t.get_untracked()))),
            }
        });
    };
    let l = move || app.lang.get();
    let fid = move |s: &str| format!("{s}-{}", id.get_value());
    view! {
        <form class="quick-visit" data-quick-visit on:submit=save novalidate>
            <p class="muted">{move || tr(l(), g::VISIT_PREFILLED)}{move || me().unwrap_or_else(|| "—".into())}{" · "}{crate::platform::today().format("%Y-%m-%d").to_string()}</p>
            <div class="row-2">
                <div>
                    <label for=fid("qv-method")>{move || tr(l(), g::VISIT_METHOD)}</label>
                    <select id=fid("qv-method") prop:value=move || method.get() on:change=move |e| method.set(event_target_value(&e))>
                        {move || VisitMethod::ALL.iter().map(|m| view! { <option value=m.code()>{m.label(l())}</option> }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for=fid("qv-next")>{move || tr(l(), g::VISIT_NEXT)}</label>
                    <crate::components::date_input::DateInput id=fid("qv-next") value=Signal::derive(move || next.get()) set=Callback::new(move |v: String| next.set(v))/>
                </div>
            </div>
            <label for=fid("qv-outcome")>{move || tr(l(), g::VISIT_OUTCOME)}</label>
            <textarea id=fid("qv-outcome") rows="2" prop:value=move || outcome.get() on:input=move |e| outcome.set(event_target_value(&e))></textarea>
            {move || problem.get().map(|m| view! { <p class="banner banner-error" role="alert" data-quick-visit-problem use:reveal>{m}</p> })}
            <div class="actions">
                <button type="submit" class="primary" data-action="save-visit" prop:disabled=move || busy.get()>{move || tr(l(), g::VISIT_SAVE)}</button>
                <button type="button" on:click=move |_| on_done.run(())>{move || t.get().cancel}</button>
            </div>
        </form>
    }
}

fn visit_failure(e: &EntryFailure, l: Lang, tx: &crate::i18n::Texts) -> String {
    match e.fields().first() {
        Some(f) => f.message(l),
        None => tx.entry_failure(e),
    }
}
