use leptos::prelude::*;

use crate::state::{use_app, use_texts, StorageStatus};

/// A storage failure is shown on every page, in words the user can act on.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    move || match app.storage.get() {
        StorageStatus::Failed(e) => Some(view! {
            <div class="banner banner-error" role="alert" data-storage-error=format!("{e:?}")>
                {t.get().storage_error(&e)}
            </div>
        }),
        _ => None,
    }
}
