use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::{use_archive, use_texts};

/// Shows `children` once these customers' cards and files have been read (they are read when
/// a page needs them, not at start-up); a note while they are read, and what went wrong if
/// they could not be.
#[component]
pub fn OpenCustomers(ids: Vec<String>, children: ChildrenFn) -> impl IntoView {
    let archive = use_archive();
    let t = use_texts();
    let ready = RwSignal::new(None::<Result<(), crate::archive_state::StorageError>>);
    // Kept while shown, whatever else is opened meanwhile.
    archive.pin(&ids);
    let shown = ids.clone();
    on_cleanup(move || archive.unpin(&shown));
    if archive.is_open(&ids) {
        ready.set(Some(Ok(())));
    } else {
        spawn_local(async move {
            let read = archive.open(&ids).await;
            let _ = ready.try_set(Some(read));
        });
    }
    move || match ready.get() {
        None => view! { <p class="muted" data-loading role="status">{move || t.get().loading_card}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="banner banner-error" role="alert">{move || t.get().storage_error(&e)}</p> }.into_any(),
        Some(Ok(())) => children().into_any(),
    }
}
