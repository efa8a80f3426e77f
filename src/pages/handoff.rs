use leptos::prelude::*;

use crate::components::planned_page::PlannedPage;

#[component]
pub fn HandoffPage() -> impl IntoView {
    view! { <PlannedPage title=|t| t.handoff_title intro=|t| t.handoff_intro/> }
}
