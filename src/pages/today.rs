use leptos::prelude::*;

use crate::components::planned_page::PlannedPage;

#[component]
pub fn TodayPage() -> impl IntoView {
    view! { <PlannedPage title=|t| t.today_title intro=|t| t.today_intro/> }
}
