use leptos::prelude::*;

use crate::components::{damage_banner::DamageBanner, lang_switch::LangSwitch, nav_bar::NavBar, storage_banner::StorageBanner};
use crate::route::Route;
use crate::repository::LoadStatus;
use crate::state::{use_app, use_archive, use_texts};

/// The frame around every page: title bar, navigation (a side rail on wide screens, a bottom tab
/// bar on tablets in portrait and phones) and the page itself.
#[component]
pub fn Shell(route: Memo<Route>, children: Children) -> impl IntoView {
    let t = use_texts();
    let app = use_app();
    let archive = use_archive();
    // Once loaded: 重新分级 by itself if the month (the window) or the cuts moved since this
    // device last regraded.
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) {
            return true;
        }
        let ready = archive.status.get() == LoadStatus::Ready;
        if ready {
            archive.regrade_if_due(false, app.lang.get_untracked());
        }
        ready
    });
    view! {
        <a class="skip-link" href="#main">{move || t.get().skip_to_content}</a>
        <div class="shell">
            <header class="topbar">
                <span class="brand">
                    <img src="icons/icon.svg" alt="" width="28" height="28"/>
                    <span class="brand-name">{move || t.get().app_name}</span>
                </span>
                <LangSwitch/>
            </header>
            <NavBar route=route/>
            <main id="main" class="page" tabindex="-1">
                <StorageBanner/>
                <DamageBanner/>
                {children()}
            </main>
        </div>
    }
}
