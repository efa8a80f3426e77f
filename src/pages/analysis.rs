use leptos::prelude::*;

use crate::components::empty_state::EmptyState;
use crate::state::use_texts;

#[component]
pub fn AnalysisPage() -> impl IntoView {
    let t = use_texts();
    view! {
        <h1>{move || t.get().analysis_title}</h1>
        <EmptyState
            title=Signal::derive(move || t.get().coming_next)
            body=Signal::derive(move || t.get().analysis_intro)
        />
    }
}
