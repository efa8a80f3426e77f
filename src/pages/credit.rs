use leptos::prelude::*;

use crate::components::planned_page::PlannedPage;

#[component]
pub fn CreditPage() -> impl IntoView {
    view! { <PlannedPage title=|t| t.credit_title intro=|t| t.credit_intro/> }
}
