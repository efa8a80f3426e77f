use leptos::prelude::*;

use crate::components::shell::Shell;
use crate::pages::{
    analysis::AnalysisPage, credit::CreditPage, customers::CustomersPage, handoff::HandoffPage,
    settings::SettingsPage, today::TodayPage,
};
use crate::route::{use_route, Route};
use crate::state::AppState;

/// The route table, and nothing else: state and IO are set up by `AppState`.
#[component]
pub fn App() -> impl IntoView {
    AppState::provide();
    let route = use_route();
    view! {
        <Shell route=route>
            {move || match route.get() {
                Route::Customers => view! { <CustomersPage/> }.into_any(),
                Route::Today => view! { <TodayPage/> }.into_any(),
                Route::Credit => view! { <CreditPage/> }.into_any(),
                Route::Handoff => view! { <HandoffPage/> }.into_any(),
                Route::Analysis => view! { <AnalysisPage/> }.into_any(),
                Route::Settings => view! { <SettingsPage/> }.into_any(),
            }}
        </Shell>
    }
}
