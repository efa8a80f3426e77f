use leptos::prelude::*;

use crate::components::loading_note::LoadingNote;
use crate::components::open_customers::OpenCustomers;
use crate::components::shell::Shell;
use crate::pages::{
    analysis::AnalysisPage, credit::CreditPage, customers::CustomersPage, handoff::HandoffPage,
    settings::SettingsPage, today::TodayPage,
};
use crate::pages::{customer_card::CustomerCardPage, customer_edit::CustomerEditPage, duplicates::DuplicatesPage};
use crate::pages::credit_report::CreditReportPage;
use crate::pages::complaints::ComplaintsPage;
use crate::pages::recycle_bin::RecycleBinPage;
use crate::route::{use_page, Page, Route};
use crate::archive_state::LoadStatus;
use crate::state::{confirm_leave, use_archive, AppState};

/// The route table, and nothing else: state and IO are set up by `AppState`.
#[component]
pub fn App() -> impl IntoView {
    let app = AppState::provide();
    let archive = use_archive();
    // Every page but the list waits for start-up's read (a form needs the summaries for 查重
    // and the numbering for the 登记编号). A memo, so a page is built once when loading ends.
    // A card, and a form editing one, wait for that customer's card and file too.
    let waiting = Memo::new(move |_| archive.status.get() == LoadStatus::Loading);
    let page = use_page(move || confirm_leave(app));
    let section = Memo::new(move |_| page.with(|p| p.section()));
    view! {
        <Shell route=section>
            {move || match page.get() {
                p if p != Page::Section(Route::Customers) && waiting.get() => view! { <LoadingNote/> }.into_any(),
                Page::Section(Route::Customers) => view! { <CustomersPage/> }.into_any(),
                Page::Section(Route::Today) => view! { <TodayPage/> }.into_any(),
                Page::Section(Route::Credit) => view! { <CreditPage/> }.into_any(),
                Page::Section(Route::Handoff) => view! { <HandoffPage/> }.into_any(),
                Page::Section(Route::Analysis) => view! { <AnalysisPage/> }.into_any(),
                Page::Section(Route::Settings) => view! { <SettingsPage/> }.into_any(),
                Page::Card(id) => view! { <OpenCustomers ids=vec![id.clone()]><CustomerCardPage id=id.clone()/></OpenCustomers> }.into_any(),
                Page::Edit(id) => view! { <OpenCustomers ids=vec![id.clone()]><CustomerEditPage id=Some(id.clone()) kind=None/></OpenCustomers> }.into_any(),
                Page::New(kind) => view! { <CustomerEditPage id=None kind=Some(kind)/> }.into_any(),
                Page::Duplicates => view! { <DuplicatesPage/> }.into_any(),
                Page::Complaints => view! { <ComplaintsPage/> }.into_any(),
                Page::Trash => view! { <RecycleBinPage/> }.into_any(),
                Page::CreditReport(id) => view! { <OpenCustomers ids=vec![id.clone()]><CreditReportPage id=id.clone()/></OpenCustomers> }.into_any(),
            }}
        </Shell>
    }
}
