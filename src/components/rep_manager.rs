use dossier_core::Rep;
use leptos::prelude::*;
use leptos::task::spawn_local;


use crate::settings;
use crate::state::{use_app, use_archive, use_texts, AppState};
use crate::reveal::reveal;

/// Makes `rep` this device's rep: remembered on the device, and the list switches to "my
/// customers".
pub fn set_me(app: AppState, rep: &str) {
    settings::save_me(rep);
    app.me.set(Some(rep.to_string()));
    app.list.filters.update(|f| f.owner = dossier_core::OwnerFilter::Rep(rep.to_string()));
}

/// Adds a rep from the form's fields; returns its id, or the message to show.
pub async fn add_rep(app: AppState, name: &str, phone: &str, area: &str) -> Result<String, String> {
    app.archive.add_rep(name, phone, area).await.map_err(|e| app.texts().get_untracked().rep_failure(&e))
}

/// 业务员 in settings: who the archive knows, how many customers each is in charge of, this
/// device's rep, adding and editing reps, and marking one as left (kept, so old cards and
/// histories still show the name).
#[component]
pub fn RepManager() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let (name, phone, area) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let editing = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    // What the last tap did, said in words (本机业务员：王伟 / 已添加业务员：李娜).
    let done = RwSignal::new(None::<(bool, String)>);
    let rows = Memo::new(move |_| {
        archive.revision.track();
        let counts = archive.with_summaries(|all| {
            let mut counts = std::collections::HashMap::<String, usize>::new();
            for c in all.iter().filter(|c| !c.deleted && !c.owner.is_empty()) {
                *counts.entry(c.owner.clone()).or_default() += 1;
            }
            counts
        });
        archive.archive.with_untracked(|a| a.reps().iter().map(|r| (r.clone(), counts.get(r.id.as_str()).copied().unwrap_or(0))).collect::<Vec<_>>())
    });
    let clear = move || {
        name.set(String::new());
        phone.set(String::new());
        area.set(String::new());
        editing.set(None);
    };
    let submit = move |_| {
        let (n, p, ar) = (name.get_untracked(), phone.get_untracked(), area.get_untracked());
        let editing_id = editing.get_untracked();
        spawn_local(async move {
            let result = match editing_id {
                Some(id) => archive.edit_rep(&id, &n, &p, &ar).await.map(|()| id).map_err(|e| t.get_untracked().rep_failure(&e)),
                None => add_rep(app, &n, &p, &ar).await,
            };
            match result {
                Ok(id) => {
                    error.set(None);
                    let mine = app.me.get_untracked().as_deref() == Some(id.as_str());
                    if editing.get_untracked().is_none() {
                        done.set(Some((mine, n.trim().to_string())));
                    }
                    clear();
                }
                Err(m) => error.set(Some(m)),
            }
        });
    };
    let toggle_left = move |rep: Rep| {
        spawn_local(async move {
            if let Err(e) = archive.set_rep_left(&rep.id, !rep.deleted).await {
                error.set(Some(t.get_untracked().rep_failure(&e)));
            }
        });
    };
    view! {
        <section class="card" id="reps" data-reps>
            <h2>{move || t.get().reps_title}</h2>
            <p class="muted">{move || t.get().reps_intro}</p>
            <table class="table">
                <thead><tr>
                    <th>{move || t.get().rep_name}</th><th>{move || t.get().rep_phone}</th><th>{move || t.get().rep_area}</th>
                    <th>{move || t.get().nav_customers}</th><th></th>
                </tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|(r, count)| {
                        let me = app.me.get().as_deref() == Some(r.id.as_str());
                        let (rid, rid2, for_edit, for_toggle) = (r.id.clone(), r.id.clone(), r.clone(), r.clone());
                        view! {
                            <tr data-rep=r.id.clone() class:muted=r.deleted>
                                <td>{r.name.clone()}{me.then(|| view! { <strong data-me>" · "{t.get().rep_me}</strong> })}
                                    {r.deleted.then(|| view! { <span>" ("{t.get().rep_left}")"</span> })}</td>
                                <td>{r.phone.clone()}</td>
                                <td>{r.area.clone()}</td>
                                <td>{count}</td>
                                <td class="actions">
                                    {(!me && !r.deleted).then(|| view! {
                                        <button type="button" data-action="set-me" on:click={
                                            let who = r.name.clone();
                                            move |_| { set_me(app, &rid); done.set(Some((true, who.clone()))); }
                                        }>{t.get().set_me}</button>
                                    })}
                                    <button type="button" data-action="edit-rep" on:click=move |_| {
                                        name.set(for_edit.name.clone()); phone.set(for_edit.phone.clone()); area.set(for_edit.area.clone());
                                        editing.set(Some(rid2.clone()));
                                    }>{t.get().edit}</button>
                                    <button type="button" data-action="toggle-left" on:click=move |_| toggle_left(for_toggle.clone())>
                                        {if r.deleted { t.get().rep_restore } else { t.get().rep_mark_left }}
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <form class="grid rep-form" novalidate on:submit=move |e| { e.prevent_default(); submit(()); }>
                <div class="field"><label for="rep-name">{move || t.get().rep_name}" *"</label>
                    <input id="rep-name" type="text" autocomplete="off" prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/></div>
                <div class="field"><label for="rep-phone">{move || t.get().rep_phone}</label>
                    <input id="rep-phone" type="tel" autocomplete="off" prop:value=move || phone.get() on:input=move |e| phone.set(event_target_value(&e))/></div>
                <div class="field"><label for="rep-area">{move || t.get().rep_area}</label>
                    <input id="rep-area" type="text" autocomplete="off" prop:value=move || area.get() on:input=move |e| area.set(event_target_value(&e))/></div>
                <div class="form-actions">
                    <button type="submit" class="primary" data-action="save-rep">
                        {move || if editing.get().is_some() { t.get().save } else { t.get().add_rep }}
                    </button>
                    {move || editing.get().is_some().then(|| view! { <button type="button" on:click=move |_| clear()>{t.get().cancel}</button> })}
                </div>
            </form>
            {move || error.get().map(|m| view! { <p class="banner banner-error" role="alert" use:reveal>{m}</p> })}
            {move || done.get().map(|(mine, name)| {
                use crate::i18n::tablet::{self as tb, tr};
                let l = app.lang.get();
                view! { <p class="banner banner-ok" role="status" data-me-confirmed=mine.then_some("") data-rep-added=(!mine).then_some("")>
                    {tr(l, if mine { tb::ME_NOW } else { tb::REP_ADDED })}{name}</p> }
            })}
        </section>
    }
}
