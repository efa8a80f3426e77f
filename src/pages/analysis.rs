use leptos::prelude::*;

use crate::components::planned_page::PlannedPage;

#[component]
pub fn AnalysisPage() -> impl IntoView {
    view! { <PlannedPage title=|t| t.analysis_title intro=|t| t.analysis_intro/> }
}
