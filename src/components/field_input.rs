use std::collections::BTreeMap;

use dossier_core::{FieldDef, FieldValue, Input, Lang, RawForm};
use leptos::prelude::*;

use crate::state::use_app;

/// A table is typed as lines with `|` between columns.
pub fn rows_to_text(rows: &[Vec<String>]) -> String {
    rows.iter().map(|r| r.join(" | ")).collect::<Vec<_>>().join("\n")
}

pub fn text_to_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(['|', '｜']).map(|c| c.trim().to_string()).collect())
        .collect()
}

/// A value as a person reads it: choice codes become labels, rows become lines.
pub fn display_value(def: &FieldDef, value: &FieldValue, lang: Lang, yes: &'static str) -> String {
    let label = |choices: &[dossier_core::Choice], code: &str| {
        choices.iter().find(|c| c.code == code).map(|c| c.label(lang).to_string()).unwrap_or_else(|| code.to_string())
    };
    match (def.input, value) {
        (Input::Choice(choices), FieldValue::Text(code)) => label(choices, code),
        (Input::Multi(choices), FieldValue::Multi(codes)) => codes.iter().map(|c| label(choices, c)).collect::<Vec<_>>().join(lang.pick("、", ", ")),
        (_, FieldValue::Flag(b)) => if *b { yes.to_string() } else { String::new() },
        (_, FieldValue::Rows(rows)) => rows_to_text(rows),
        // Amounts are read grouped (5,000,000.00), as everywhere else in the app.
        (Input::Money, FieldValue::Text(t)) => dossier_core::parse_yuan(t).map(dossier_core::format_yuan_grouped).unwrap_or_else(|_| t.clone()),
        (_, v) => v.flat(),
    }
}

/// One labelled input for a schema field. `prefix` keeps ids unique when a form repeats
/// (people at an enterprise): the id is `field-<prefix><key>`.
#[component]
pub fn FieldInput(
    def: &'static FieldDef,
    #[prop(into)] prefix: String,
    values: RwSignal<RawForm>,
    errors: RwSignal<BTreeMap<String, String>>,
) -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let key = def.key;
    let id = format!("field-{prefix}{key}");
    let err_key = format!("{prefix}{key}");
    let err_id = format!("{id}-error");
    let value = move || values.with(|v| v.get(key).cloned().unwrap_or_default());
    let text = move || values.with(|v| v.get(key).map(|v| v.text().to_string()).unwrap_or_default());
    let set = move |v: FieldValue| values.update(|m| {
        if v.is_empty() {
            m.remove(key);
        } else {
            m.insert(key.to_string(), v);
        }
    });
    let error = {
        let err_key = err_key.clone();
        Signal::derive(move || errors.with(|e| e.get(&err_key).cloned()))
    };
    let invalid = move || error.with(|e| e.is_some()).to_string();
    let label = move || def.label(lang.get());
    let hint = move || {
        let h = def.hint(lang.get());
        match def.input {
            Input::Rows(cols) => {
                let cols: Vec<&str> = cols.iter().map(|c| c.label(lang.get())).collect();
                format!("{}{}{}", app.texts().get().rows_hint, cols.join(" | "), if h.is_empty() { String::new() } else { format!(" — {h}") })
            }
            _ => h.to_string(),
        }
    };
    let control = match def.input {
        Input::Choice(choices) => view! {
            <select id=id.clone() aria-invalid=invalid aria-describedby=err_id.clone()
                prop:value=text on:change=move |e| set(event_target_value(&e).into())>
                <option value="">"—"</option>
                {choices.iter().map(|c| view! { <option value=c.code>{move || c.label(lang.get())}</option> }).collect_view()}
            </select>
        }.into_any(),
        Input::Multi(choices) => view! {
            <div id=id.clone() class="checks" role="group" aria-describedby=err_id.clone()>
                {choices.iter().map(|c| {
                    let checked = move || value().codes().iter().any(|x| x == c.code);
                    let toggle = move |_| {
                        let mut codes: Vec<String> = value().codes().iter().filter(|x| *x != c.code).cloned().collect();
                        if !checked() { codes.push(c.code.to_string()); }
                        set(FieldValue::Multi(codes));
                    };
                    view! { <label class="check"><input type="checkbox" prop:checked=checked on:change=toggle/>{move || c.label(lang.get())}</label> }
                }).collect_view()}
            </div>
        }.into_any(),
        // The label wraps the box: the whole line is the target, not a 22 px square.
        Input::Bool => view! {
            <label class="check"><input type="checkbox" id=id.clone() prop:checked=move || value().flag()
                on:change=move |e| set(FieldValue::Flag(event_target_checked(&e)))/>{label}</label>
        }.into_any(),
        Input::TextArea => view! {
            <textarea id=id.clone() rows="3" aria-invalid=invalid aria-describedby=err_id.clone()
                prop:value=text on:input=move |e| set(event_target_value(&e).into())></textarea>
        }.into_any(),
        Input::Rows(_) => view! {
            <textarea id=id.clone() rows="3" aria-invalid=invalid aria-describedby=err_id.clone()
                prop:value=move || rows_to_text(value().rows()) on:change=move |e| set(FieldValue::Rows(text_to_rows(&event_target_value(&e))))></textarea>
        }.into_any(),
        Input::Date => view! { <crate::components::date_input::DateInput id=id.clone() err_id=err_id.clone() invalid=Signal::derive(invalid) value=Signal::derive(text) set=Callback::new(move |v: String| set(v.into()))/> }.into_any(),
        other => {
            let (ty, mode) = match other {
                Input::Tel => ("tel", "tel"),
                Input::Email => ("email", "email"),
                Input::Url => ("url", "url"),
                Input::Money => ("text", "decimal"),
                Input::Integer => ("text", "numeric"),
                _ => ("text", "text"),
            };
            view! {
                <input type=ty inputmode=mode id=id.clone() aria-invalid=invalid aria-describedby=err_id.clone()
                    autocomplete="off" prop:value=text on:input=move |e| set(event_target_value(&e).into())/>
            }.into_any()
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.with(|e| e.is_some()) class:field-wide=matches!(def.input, Input::TextArea | Input::Rows(_) | Input::Multi(_))>
            {(def.input != Input::Bool).then(|| view! { <label for=id>{label}{def.required.then_some(" *")}</label> })}
            {control}
            <small class="hint">{hint}</small>
            <p class="field-error" id=err_id role="alert">{move || error.get()}</p>
        </div>
    }
}
