use leptos::prelude::*;

use crate::state::{use_archive, use_texts};

/// What start-up is doing: reading the archive, or making its index page by page (the first
/// start after an update), with how far it is.
#[component]
pub fn LoadingNote() -> impl IntoView {
    let archive = use_archive();
    let t = use_texts();
    view! {
        <p class="muted" data-loading role="status">
            {move || match archive.progress.get() {
                Some((done, all)) => format!("{}{} / {}", t.get().making_summaries, done + 1, all),
                None => t.get().loading_archive.to_string(),
            }}
        </p>
    }
}
