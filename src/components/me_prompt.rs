use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::rep_manager::{add_rep, set_me};
use crate::state::{use_app, use_archive, use_texts};

/// First start: asks whose device this is (pick a known rep or add one). Not a modal: the rep
/// can carry on and answer later in 设置.
#[component]
pub fn MePrompt() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let dismissed = RwSignal::new(false);
    let pick = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Said once the prompt is answered: 本机业务员：王伟.
    let chosen = RwSignal::new(None::<String>);
    let reps = move || {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.active_reps().map(|r| (r.id.clone(), r.name.clone())).collect::<Vec<_>>())
    };
    let add = move |_| {
        let n = name.get_untracked();
        spawn_local(async move {
            match add_rep(app, &n, "", "").await {
                Ok(id) => {
                    chosen.set(Some(n.trim().to_string()));
                    set_me(app, &id);
                }
                Err(m) => error.set(Some(m)),
            }
        });
    };
    move || {
        if let Some(name) = chosen.get().filter(|_| app.me.get().is_some()) {
            use crate::i18n::tablet::{self as tb, tr};
            return Some(view! {
                <p class="banner banner-ok" role="status" data-me-confirmed>{tr(app.lang.get(), tb::ME_NOW)}{name}</p>
            }.into_any());
        }
        (app.me.get().is_none() && !dismissed.get()).then(|| {
            let known = reps();
            view! {
                <div class="banner banner-info me-prompt" role="region" aria-label=t.get().me_prompt_title data-me-prompt>
                    <p><strong>{t.get().me_prompt_title}</strong>" "{t.get().me_prompt_body}</p>
                    <div class="actions">
                        {(!known.is_empty()).then(|| view! {
                            <label for="me-pick" class="visually-hidden">{t.get().me_pick}</label>
                            <select id="me-pick" on:change=move |e| pick.set(event_target_value(&e))>
                                <option value="">{t.get().me_pick}</option>
                                {known.into_iter().map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view()}
                            </select>
                            <button type="button" data-action="pick-me" on:click=move |_| {
                                let p = pick.get_untracked();
                                if !p.is_empty() {
                                    chosen.set(archive.archive.with_untracked(|a| a.rep(&p).map(|r| r.name.clone())));
                                    set_me(app, &p);
                                }
                            }>{t.get().set_me}</button>
                        })}
                        <label for="me-name" class="visually-hidden">{t.get().rep_name}</label>
                        <input id="me-name" type="text" autocomplete="name" placeholder=t.get().rep_name
                            prop:value=move || name.get() on:input=move |e| name.set(event_target_value(&e))/>
                        <button type="button" class="primary" data-action="add-me" on:click=add>{t.get().add_rep}</button>
                        <button type="button" on:click=move |_| dismissed.set(true)>{t.get().later}</button>
                    </div>
                    {error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
            }.into_any()
        })
    }
}
