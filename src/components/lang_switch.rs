use dossier_core::Lang;
use leptos::prelude::*;

use crate::i18n::lang_name;
use crate::state::{use_app, use_texts};

/// zh-CN / en toggle; the choice is remembered by `AppState`.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    view! {
        <div class="lang-switch" role="group" aria-label=move || t.get().lang_switch_label>
            {[Lang::Zh, Lang::En]
                .into_iter()
                .map(|lang| {
                    view! {
                        <button
                            type="button"
                            lang=lang.code()
                            data-lang=lang.code()
                            aria-pressed=move || (app.lang.get() == lang).to_string()
                            on:click=move |_| app.lang.set(lang)
                        >
                            {lang_name(lang)}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
