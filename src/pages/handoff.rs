use leptos::prelude::*;

use crate::components::empty_state::EmptyState;
use crate::state::use_texts;

#[component]
pub fn HandoffPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <h1>{move || t.get().handoff_title}</h1>
        <EmptyState
            title=Signal::derive(move || t.get().coming_next)
            body=Signal::derive(move || t.get().handoff_intro)
        />
    }
}
