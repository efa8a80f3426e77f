//! Hash routing (`#/customers`). The app is a static page served from any host and sub-path and
//! opened offline from the service worker's cache, so the route must never reach the server.

use dossier_core::Kind;
use leptos::prelude::*;

use crate::i18n::Texts;

/// A page and its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Section(Route),
    Card(String),
    Edit(String),
    New(Kind),
    /// 查重: duplicate groups of the whole archive, and merging.
    Duplicates,
    /// 客户信用调查报告 of one customer, for printing.
    CreditReport(String),
    /// 客户投诉: every complaint of the archive, filtered (reached from 今日 and 信用).
    Complaints,
    /// 回收站: deleted customers, to restore (reached from the list and settings).
    Trash,
}

impl Page {
    pub fn parse(hash: &str) -> Page {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split('?').next().unwrap_or_default();
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            ["customers", "new", "individual"] => Page::New(Kind::Individual),
            ["customers", "new", "enterprise"] => Page::New(Kind::Enterprise),
            ["customers", "duplicates"] => Page::Duplicates,
            ["customers", id, "edit"] => Page::Edit(id.to_string()),
            ["customers", id, "credit-report"] => Page::CreditReport(id.to_string()),
            ["customers", id] => Page::Card(id.to_string()),
            ["complaints"] => Page::Complaints,
            ["trash"] => Page::Trash,
            _ => Page::Section(Route::parse(hash)),
        }
    }

    /// The navigation entry this page belongs to.
    pub fn section(&self) -> Route {
        match self {
            Page::Section(r) => *r,
            // Its links are on 今日 (and 信用); open complaints are 今日's items.
            Page::Complaints => Route::Today,
            _ => Route::Customers,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Page::Section(r) => r.href(),
            Page::Card(id) => format!("#/customers/{id}"),
            Page::Edit(id) => format!("#/customers/{id}/edit"),
            Page::New(Kind::Individual) => "#/customers/new/individual".into(),
            Page::New(Kind::Enterprise) => "#/customers/new/enterprise".into(),
            Page::Duplicates => "#/customers/duplicates".into(),
            Page::CreditReport(id) => format!("#/customers/{id}/credit-report"),
            Page::Complaints => "#/complaints".into(),
            Page::Trash => "#/trash".into(),
        }
    }
}

/// Goes to a page (adds a history entry, so the back button works).
pub fn go(page: &Page) {
    let _ = window().location().set_hash(&page.href());
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Customers,
    Today,
    Credit,
    Handoff,
    Analysis,
    Settings,
}

impl Route {
    /// The navigation order.
    pub const ALL: [Route; 6] = [
        Route::Customers,
        Route::Today,
        Route::Credit,
        Route::Handoff,
        Route::Analysis,
        Route::Settings,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Route::Customers => "customers",
            Route::Today => "today",
            Route::Credit => "credit",
            Route::Handoff => "handoff",
            Route::Analysis => "analysis",
            Route::Settings => "settings",
        }
    }

    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    /// Unknown or empty hashes open the customer list, the page reps use most.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let first = path.split(['/', '?']).next().unwrap_or_default();
        Route::ALL
            .into_iter()
            .find(|r| r.slug() == first)
            .unwrap_or(Route::Customers)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Route::Customers => t.nav_customers,
            Route::Today => t.nav_today,
            Route::Credit => t.nav_credit,
            Route::Handoff => t.nav_handoff,
            Route::Analysis => t.nav_analysis,
            Route::Settings => t.nav_settings,
        }
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current page, kept in step with `hashchange`. `may_leave` is asked before the page
/// changes (the back button, a typed URL); if it says no, the address goes back to the page
/// still shown. `replaceState` does that without another `hashchange`.
pub fn use_page(may_leave: impl Fn() -> bool + 'static) -> ReadSignal<Page> {
    let (page, set_page) = signal(Page::parse(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = Page::parse(&current_hash());
        let shown = page.get_untracked();
        if next == shown {
            return;
        }
        if !may_leave() {
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&shown.href()));
            }
            return;
        }
        set_page.set(next);
    });
    on_cleanup(move || handle.remove());
    page
}

#[cfg(test)]
mod tests {
    use super::Route;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn parses_every_slug_and_falls_back_to_customers() {
        for r in Route::ALL {
            assert_eq!(Route::parse(&r.href()), r);
            assert_eq!(Route::parse(&format!("{}/x?y=1", r.href())), r);
        }
        assert_eq!(Route::parse(""), Route::Customers);
        assert_eq!(Route::parse("#/nope"), Route::Customers);
    }

    #[wasm_bindgen_test]
    fn parses_pages_with_parameters() {
        use super::Page;
        use dossier_core::Kind;
        for p in [
            Page::Card("abc".into()),
            Page::Edit("abc".into()),
            Page::New(Kind::Individual),
            Page::New(Kind::Enterprise),
            Page::Section(Route::Credit),
            Page::Complaints,
        ] {
            assert_eq!(Page::parse(&p.href()), p);
        }
        assert_eq!(Page::Complaints.section(), Route::Today);
        assert_eq!(Page::parse("#/customers/abc").section(), Route::Customers);
    }
}
