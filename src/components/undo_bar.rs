use dossier_core::commands::cards::CardError;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::archive_state::CardFailure;
use crate::state::{use_app, use_archive, use_texts};

/// "Deleted X — Undo": the last delete can be taken back until the next one.
#[component]
pub fn UndoBar() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let error = RwSignal::new(None::<String>);
    let undo = move |_| {
        let Some(id) = archive.last_deleted.get_untracked() else { return };
        spawn_local(async move {
            match archive.restore_card(&id).await {
                Ok(()) => {}
                // Restored meanwhile (another tab): nothing is left to undo.
                Err(CardFailure::Refused(CardError::WrongState)) => archive.last_deleted.set(None),
                Err(e) => error.set(Some(t.get_untracked().card_failure(&e, app.lang.get_untracked()))),
            }
        });
    };
    move || {
        let id = archive.last_deleted.get()?;
        archive.revision.track();
        let name = archive.summary(&id).map(|c| c.name)?;
        Some(view! {
            <div class="banner banner-info" role="status" data-undo>
                <span>{t.get().deleted_notice}{name}</span>
                <button type="button" data-action="undo" on:click=undo>{t.get().undo}</button>
                // Undo lasts until the next delete or a reload; the bin keeps the customer after.
                <a href=crate::route::Page::Trash.href() data-go-trash>{crate::i18n::grading::tr(app.lang.get(), crate::i18n::recycle_bin::LINK)}</a>
                {error.get().map(|m| view! { <span class="field-error">{m}</span> })}
            </div>
        })
    }
}
