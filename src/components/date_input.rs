use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::use_app;

/// A date typed as 年-月-日 on the numeric keypad (`2026-12-01`, `2026/12/1`, `2026.12.1` and
/// `20261201` are written as `2026-12-01` when the field is left), with a button that opens the
/// browser's calendar. A native `type=date` input would show the device's own format
/// (mm/dd/yyyy on many tablets) under a hint that says 年-月-日; here a hidden one only lends its
/// picker (`showPicker`).
#[component]
pub fn DateInput(
    id: String,
    /// The id of the field's error message, if it has one.
    #[prop(optional, into)] err_id: Option<String>,
    #[prop(optional, into)] invalid: Option<Signal<String>>,
    #[prop(into)] value: Signal<String>,
    set: Callback<String>,
) -> impl IntoView {
    let lang = use_app().lang;
    let picker = NodeRef::<leptos::html::Input>::new();
    let open = move |_| {
        if let Some(el) = picker.get_untracked() {
            // Only a valid date can prefill the picker; showPicker is missing on old browsers.
            el.set_value(&dossier_core::validation::check::normalize_date(&value.get_untracked()).unwrap_or_default());
            let show = js_sys::Reflect::get(&el, &"showPicker".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
            match show {
                Some(f) if f.call0(&el).is_ok() => {}
                _ => {
                    let _ = el.focus();
                    el.click();
                }
            }
        }
    };
    view! {
        <span class="date-input">
            <input type="text" inputmode="numeric" id=id aria-invalid=move || invalid.map(|i| i.get()) aria-describedby=err_id autocomplete="off"
                placeholder=move || crate::i18n::tablet::tr(lang.get(), crate::i18n::tablet::DATE_PLACEHOLDER)
                prop:value=move || value.get() on:input=move |e| set.run(event_target_value(&e))
                on:blur=move |e| {
                    let typed = event_target_value(&e);
                    if let Some(d) = dossier_core::validation::check::normalize_date(&typed).filter(|d| *d != typed) {
                        set.run(d);
                    }
                }/>
            <button type="button" class="date-pick" data-action="pick-date"
                aria-label=move || crate::i18n::tablet::tr(lang.get(), crate::i18n::tablet::OPEN_CALENDAR) on:click=open>
                <crate::components::icon::Icon glyph=crate::components::icon::Glyph::Calendar/>
            </button>
            <input type="date" class="date-proxy" tabindex="-1" aria-hidden="true" node_ref=picker
                on:change=move |e| { let v = event_target_value(&e); if !v.is_empty() { set.run(v); } }/>
        </span>
    }
}
