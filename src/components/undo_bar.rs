use dossier_core::customer::lifecycle;
use dossier_core::Action;
use leptos::prelude::*;
use leptos::task::spawn_local;


use crate::state::{use_archive, use_texts};

/// "Deleted X — Undo": the last delete can be taken back until the next one.
#[component]
pub fn UndoBar() -> impl IntoView {
    let archive = use_archive();
    let t = use_texts();
    let error = RwSignal::new(None::<String>);
    let undo = move |_| {
        let Some(id) = archive.last_deleted.get_untracked() else { return };
        spawn_local(async move {
            let result = archive
                .change(&id, None, Action::Restore, |c, stamp| {
                    lifecycle::restore(c, stamp);
                    Ok(vec![])
                })
                .await;
            match result {
                Ok(()) => archive.last_deleted.set(None),
                Err(e) => error.set(Some(t.get_untracked().save_error(&e))),
            }
        });
    };
    move || {
        let id = archive.last_deleted.get()?;
        let name = archive.archive.with(|a| a.get(&id).map(|c| c.display_name().to_string()))?;
        Some(view! {
            <div class="banner banner-info" role="status" data-undo>
                <span>{t.get().deleted_notice}{name}</span>
                <button type="button" data-action="undo" on:click=undo>{t.get().undo}</button>
                {error.get().map(|m| view! { <span class="field-error">{m}</span> })}
            </div>
        })
    }
}
