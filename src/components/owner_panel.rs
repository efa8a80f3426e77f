use std::collections::BTreeSet;

use dossier_core::{Customer, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform::local_time;
use crate::state::{use_app, use_archive, use_texts};
use crate::reveal::reveal;

/// 负责人: who is in charge of the customer, the collaborators, changing the owner (with a reason
/// once someone owns it) and 负责人记录, the full history of owner changes.
#[component]
pub fn OwnerPanel(customer: Customer) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let id = StoredValue::new(customer.id.clone());
    let asking = RwSignal::new(false);
    let to = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let picking = RwSignal::new(false);
    let helpers = RwSignal::new(customer.collaborators.clone());
    let name_of = move |rep: &str| -> String {
        if rep.is_empty() {
            return t.get_untracked().owner_none.to_string();
        }
        archive.archive.with_untracked(|a| match a.rep(rep) {
            Some(r) if r.deleted => format!("{}（{}）", r.name, t.get_untracked().rep_left),
            Some(r) => r.name.clone(),
            // A rep this device has not heard of yet (an archive handed over without them).
            None => rep.chars().take(8).collect(),
        })
    };
    let reps = move || {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.active_reps().map(|r| (r.id.clone(), r.name.clone())).collect::<Vec<_>>())
    };
    let save = move |_| {
        let (target, why) = (to.get_untracked(), reason.get_untracked());
        let by = app.me.get_untracked().unwrap_or_default();
        spawn_local(async move {
            // The same owner or a missing reason is refused before anything is written.
            match archive.change_owner(&id.get_value(), &target, &by, &why).await {
                Ok(()) => {
                    error.set(None);
                    asking.set(false);
                    reason.set(String::new());
                }
                Err(e) => error.set(Some(t.get_untracked().owner_failure(&e, lang.get_untracked()))),
            }
        });
    };

    let save_helpers = move |_| {
        let chosen: BTreeSet<String> = helpers.get_untracked();
        spawn_local(async move {
            match archive.set_collaborators(&id.get_value(), chosen).await {
                Ok(()) => {
                    error.set(None);
                    picking.set(false);
                }
                Err(e) => error.set(Some(t.get_untracked().owner_failure(&e, lang.get_untracked()))),
            }
        });
    };

    let owner = customer.owner.clone();
    let owner_for_pick = customer.owner.clone();
    let collaborators = customer.collaborators.iter().map(|r| name_of(r)).collect::<Vec<_>>().join("、");
    let history = customer
        .owner_history
        .iter()
        .rev()
        .map(|h| {
            let l = lang.get_untracked();
            let tx = t.get_untracked();
            let line = if h.from.is_empty() {
                format!("{}{}{}", tx.owner_first, l.pick("：", ": "), name_of(&h.to))
            } else {
                format!("{} → {}", name_of(&h.from), name_of(&h.to))
            };
            let by = (!h.by.is_empty()).then(|| format!("{}{}{}", tx.owner_by, if l == Lang::Zh { "：" } else { ": " }, name_of(&h.by)));
            view! {
                <li data-owner-change=h.to.clone()>
                    <time>{local_time(h.at.at.ms)}</time>" "<strong>{line}</strong>
                    {by.map(|b| view! { <span class="muted">" · "{b}</span> })}
                    {(!h.reason.is_empty()).then(|| view! { <span>" · "{h.reason.clone()}</span> })}
                </li>
            }
        })
        .collect_view();
    let has_history = !customer.owner_history.is_empty();
    let deleted = customer.deleted;
    view! {
        <section class="card" data-owner-panel>
            <h2>{move || t.get().owner}</h2>
            <dl class="facts">
                <dt>{move || t.get().owner}</dt><dd data-owner=owner.clone()>{name_of(&owner)}</dd>
                {(!collaborators.is_empty()).then(|| view! { <dt>{move || t.get().collaborators}</dt><dd data-collaborators>{collaborators.clone()}</dd> })}
            </dl>
            {(!deleted).then(|| view! {
                <div class="actions">
                    <button type="button" data-action="change-owner" on:click=move |_| { to.set(String::new()); asking.set(true); }>{move || t.get().change_owner}</button>
                    <button type="button" data-action="edit-collaborators" on:click=move |_| picking.set(true)>{move || t.get().collaborators}</button>
                </div>
            })}
            {move || picking.get().then(|| {
                let owner = owner_for_pick.clone();
                view! {
                    <fieldset class="confirm" data-collaborators-form>
                        <legend>{t.get().collaborators}</legend>
                        {reps().into_iter().filter(|(rid, _)| *rid != owner).map(|(rid, name)| {
                            let (r1, r2) = (rid.clone(), rid.clone());
                            view! {
                                <label class="check"><input type="checkbox" prop:checked=move || helpers.with(|h| h.contains(&r1))
                                    on:change=move |e| { let on = event_target_checked(&e); let r = r2.clone(); helpers.update(|h| { if on { h.insert(r); } else { h.remove(&r); } }); }/>
                                    {name}</label>
                            }
                        }).collect_view()}
                        <button type="button" class="primary" data-action="save-collaborators" on:click=save_helpers>{t.get().save}</button>
                        <button type="button" on:click=move |_| picking.set(false)>{t.get().cancel}</button>
                    </fieldset>
                }
            })}
            {move || asking.get().then(|| view! {
                <div class="confirm" data-owner-form>
                    <label for="owner-to">{t.get().owner_to}</label>
                    <select id="owner-to" prop:value=move || to.get() on:change=move |e| to.set(event_target_value(&e))>
                        <option value="">{t.get().owner_none}</option>
                        {reps().into_iter().map(|(rid, name)| view! { <option value=rid>{name}</option> }).collect_view()}
                    </select>
                    <label for="owner-reason">{t.get().owner_reason}</label>
                    <textarea id="owner-reason" rows="2" prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e))></textarea>
                    <button type="button" class="primary" data-action="confirm-owner" on:click=save>{t.get().save}</button>
                    <button type="button" on:click=move |_| { asking.set(false); error.set(None); }>{t.get().cancel}</button>
                </div>
            })}
            {move || error.get().map(|m| view! { <p class="banner banner-error" role="alert" use:reveal>{m}</p> })}
            <h3>{move || t.get().owner_history}</h3>
            {if has_history {
                view! { <ol class="history" data-owner-history>{history}</ol> }.into_any()
            } else {
                view! { <p class="muted">{move || t.get().owner_history_empty}</p> }.into_any()
            }}
        </section>
    }
}
