use leptos::prelude::*;

use crate::components::shell::Shell;
use crate::pages::{
    analysis::AnalysisPage, credit::CreditPage, customers::CustomersPage, handoff::HandoffPage,
    settings::SettingsPage, today::TodayPage,
};
use crate::pages::{customer_card::CustomerCardPage, customer_edit::CustomerEditPage, duplicates::DuplicatesPage};
use crate::route::{use_page, Page, Route};
use crate::archive_state::LoadStatus;
use crate::state::{confirm_leave, use_archive, use_texts, AppState};

/// The route table, and nothing else: state and IO are set up by `AppState`.
#[component]
pub fn App() -> impl IntoView {
    let app = AppState::provide();
    let (archive, t) = (use_archive(), use_texts());
    // Changes only when the list-only phase starts or ends: a page is not built again when the
    // archive goes from loading to ready (a form being filled in keeps what was typed).
    let listing = Memo::new(move |_| archive.status.get() == LoadStatus::Listing);
    let page = use_page(move || confirm_leave(app));
    let section = Memo::new(move |_| page.with(|p| p.section()));
    view! {
        <Shell route=section>
            {move || match page.get() {
                // While the list works from the summaries, every other page waits for the cards.
                p if p != Page::Section(Route::Customers) && listing.get() => view! {
                    <p class="muted" data-loading role="status">{move || t.get().loading_archive}</p>
                }.into_any(),
                Page::Section(Route::Customers) => view! { <CustomersPage/> }.into_any(),
                Page::Section(Route::Today) => view! { <TodayPage/> }.into_any(),
                Page::Section(Route::Credit) => view! { <CreditPage/> }.into_any(),
                Page::Section(Route::Handoff) => view! { <HandoffPage/> }.into_any(),
                Page::Section(Route::Analysis) => view! { <AnalysisPage/> }.into_any(),
                Page::Section(Route::Settings) => view! { <SettingsPage/> }.into_any(),
                Page::Card(id) => view! { <CustomerCardPage id=id/> }.into_any(),
                Page::Edit(id) => view! { <CustomerEditPage id=Some(id) kind=None/> }.into_any(),
                Page::New(kind) => view! { <CustomerEditPage id=None kind=Some(kind)/> }.into_any(),
                Page::Duplicates => view! { <DuplicatesPage/> }.into_any(),
            }}
        </Shell>
    }
}
