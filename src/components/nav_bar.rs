use leptos::prelude::*;

use crate::components::icon::{Glyph, Icon};
use crate::route::Route;
use crate::state::{confirm_leave, use_app, use_texts};

fn icon(route: Route) -> Glyph {
    match route {
        Route::Customers => Glyph::People,
        Route::Today => Glyph::Calendar,
        Route::Credit => Glyph::Card,
        Route::Handoff => Glyph::Swap,
        Route::Analysis => Glyph::Chart,
        Route::Settings => Glyph::Sliders,
    }
}

/// Main navigation: big touch targets, the current page marked with `aria-current`.
#[component]
pub fn NavBar(route: Memo<Route>) -> impl IntoView {
    let t = use_texts();
    let app = use_app();
    view! {
        <nav class="nav" aria-label=move || t.get().nav_label>
            <ul>
                {Route::ALL
                    .into_iter()
                    .map(|r| {
                        view! {
                            <li>
                                <a
                                    href=r.href()
                                    data-route=r.slug()
                                    aria-current=move || (route.get() == r).then_some("page")
                                    on:click=move |e| if !confirm_leave(app) { e.prevent_default(); }
                                >
                                    <span class="nav-icon"><Icon glyph=icon(r)/></span>
                                    <span class="nav-label">{move || r.label(t.get())}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
