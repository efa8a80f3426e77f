//! Hash routing (`#/customers`). The app is a static page served from any host and sub-path and
//! opened offline from the service worker's cache, so the route must never reach the server.

use leptos::prelude::*;

use crate::i18n::Texts;

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

/// The current route, kept in step with `hashchange`.
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(Route::parse(&current_hash()));
    });
    on_cleanup(move || handle.remove());
    route
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
}
