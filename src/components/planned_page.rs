use leptos::prelude::*;

use crate::components::empty_state::EmptyState;
use crate::i18n::Texts;
use crate::state::use_texts;

/// A page whose feature is still to come: its title, and what will be there.
#[component]
pub fn PlannedPage(title: fn(&Texts) -> &'static str, intro: fn(&Texts) -> &'static str) -> impl IntoView {
    let t = use_texts();
    view! {
        <h1>{move || title(t.get())}</h1>
        <EmptyState
            title=Signal::derive(move || t.get().coming_next)
            body=Signal::derive(move || intro(t.get()))
        />
    }
}
