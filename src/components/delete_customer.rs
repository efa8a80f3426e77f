use dossier_core::ledger::FileHolds;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::grading::tr;
use crate::i18n::recycle_bin as rb;
use crate::reveal::reveal;
use crate::route::{go, Route};
use crate::state::{use_app, use_archive, use_texts};

/// 删除 on a card. A customer whose file is empty goes in one tap (the list then offers 撤销); one
/// with anything on file (open orders, money owed, notes, records) is asked about first, beside
/// the button, with what its file holds. Either way the customer goes to the 回收站.
#[component]
pub fn DeleteCustomer(id: String) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let id = StoredValue::new(id);
    let asking = RwSignal::new(None::<FileHolds>);
    let error = RwSignal::new(None::<String>);
    let delete_now = move || {
        spawn_local(async move {
            match archive.delete_card(&id.get_value()).await {
                // The list shows 已删除 with 撤销 (and the way to the bin).
                Ok(()) => go(&crate::route::Page::Section(Route::Customers)),
                Err(e) => error.set(Some(t.get_untracked().card_failure(&e, app.lang.get_untracked()))),
            }
        })
    };
    let tap = move |_| {
        error.set(None);
        match archive.delete_facts(&id.get_value()) {
            Some(h) if !h.is_empty() => asking.set(Some(h)),
            _ => delete_now(),
        }
    };
    let confirm = move |_| {
        asking.set(None);
        delete_now();
    };
    let cancel = move |_| asking.set(None);
    view! {
        <button type="button" class="danger" data-action="delete" aria-expanded=move || asking.with(Option::is_some).to_string() on:click=tap>
            {move || t.get().delete}
        </button>
        {move || asking.get().map(|h| {
            let l = app.lang.get();
            view! {
                <div class="confirm delete-confirm" role="alertdialog" aria-labelledby="delete-facts" data-delete-confirm use:reveal>
                    <p id="delete-facts" data-delete-facts>{rb::ask(l, &h)}</p>
                    <button type="button" class="danger" data-action="confirm-delete" on:click=confirm>{tr(l, rb::CONFIRM_DELETE)}</button>
                    <button type="button" data-action="cancel-delete" on:click=cancel>{tr(l, rb::CANCEL)}</button>
                </div>
            }
        })}
        {move || error.get().map(|m| view! { <p class="banner banner-error delete-confirm" role="alert" use:reveal>{m}</p> })}
    }
}
