use dossier_core::credit::{Countermeasure, CountermeasureTaken};
use dossier_core::ledger::credit::countermeasures;
use dossier_core::Entry;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::credit_panel::my_name;
use crate::i18n::credit_card::{self as w, tr};
use crate::reveal::reveal;
use crate::state::{use_app, use_archive, use_texts};

/// 对策 for worsening credit: choose one, with the day and a note; the ones taken, latest first.
#[component]
pub fn CreditCountermeasures(customer_id: String, entries: Memo<Vec<Entry>>, read_only: bool) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let cid = StoredValue::new(customer_id);
    let measure = RwSignal::new(Countermeasure::default().code().to_string());
    let date = RwSignal::new(w::day(crate::platform::today()));
    let by = RwSignal::new(my_name(archive));
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);

    let take = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let Ok(d) = chrono::NaiveDate::parse_from_str(date.get_untracked().trim(), "%Y-%m-%d") else {
            error.set(Some(tr(l, w::NOT_A_DATE).to_string()));
            return;
        };
        let cm = CountermeasureTaken {
            measure: Countermeasure::from_code(&measure.get_untracked()).unwrap_or_default(),
            date: d,
            by: by.get_untracked(),
            note: note.get_untracked(),
        };
        spawn_local(async move {
            match archive.take_countermeasure(&cid.get_value(), cm).await {
                Ok(_) => {
                    error.set(None);
                    note.set(String::new());
                    saved.set(true);
                }
                Err(e) => {
                    saved.set(false);
                    error.set(Some(e.text(l, t.get_untracked())));
                }
            }
        });
    };

    let list = move || {
        let l = lang.get();
        entries.with(|es| {
            let taken = countermeasures(es);
            if taken.is_empty() {
                return view! { <p class="muted">{tr(l, w::NO_MEASURES)}</p> }.into_any();
            }
            view! {
                <ol class="history countermeasures">
                    {taken.into_iter().map(|c| view! {
                        <li data-countermeasure=c.measure.code()>
                            <time>{w::day(c.date)}</time>" "<strong>{c.measure.label(l)}</strong>
                            {format!(" · {}", c.by)}
                            {(!c.note.is_empty()).then(|| format!(" · {}", c.note))}
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        })
    };

    let form = move || {
        let l = lang.get();
        view! {
            <form class="credit-form" data-countermeasure-form novalidate on:submit=take>
                <div class="grid">
                    <div class="field">
                        <label for="cm-measure">{tr(l, w::MEASURE)}</label>
                        <select id="cm-measure" prop:value=move || measure.get() on:change=move |e| measure.set(event_target_value(&e))>
                            {Countermeasure::ALL.iter().map(|m| view! { <option value=m.code()>{m.label(l)}</option> }).collect_view()}
                        </select>
                        <small class="hint">{move || Countermeasure::from_code(&measure.get()).unwrap_or_default().detail(lang.get())}</small>
                    </div>
                    <div class="field">
                        <label for="cm-date">{tr(l, w::DATE)}</label>
                        <crate::components::date_input::DateInput id="cm-date".to_string() value=Signal::derive(move || date.get()) set=Callback::new(move |v: String| date.set(v))/>
                    </div>
                    <div class="field">
                        <label for="cm-by">{tr(l, w::BY)}</label>
                        <input id="cm-by" type="text" prop:value=move || by.get() on:input=move |e| by.set(event_target_value(&e))/>
                    </div>
                    <div class="field field-wide">
                        <label for="cm-note">{tr(l, w::NOTE)}</label>
                        <textarea id="cm-note" rows="2" prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e))></textarea>
                    </div>
                </div>
                {move || error.get().map(|m| view! { <p class="banner banner-error" role="alert" use:reveal>{m}</p> })}
                {move || saved.get().then(|| view! { <p class="banner banner-ok" role="status" data-countermeasure-saved use:reveal>{tr(lang.get(), w::SAVED)}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" data-action="take-countermeasure">{tr(l, w::TAKE)}</button>
                </div>
            </form>
        }
    };

    view! {
        <div class="credit-part" data-countermeasures>
            <h3>{move || tr(lang.get(), w::COUNTERMEASURES)}</h3>
            {(!read_only).then(form)}
            {list}
        </div>
    }
}
