use dossier_core::bundle::format::ProfileCode;
use dossier_core::bundle::profile;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::export_panel::Progress;
use crate::i18n::handoff::{self as h, tr};
use crate::reveal::reveal;
use crate::state::{use_app, use_archive};

/// 离职继承: a leaving rep's customers go to another rep in one save (the reason in each card's
/// 负责人记录), and out in one bundle (客服 profile: everything but originals).
#[component]
pub fn HandoverPanel() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let lang = app.lang;
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let progress = RwSignal::new(None::<(u32, u32)>);
    let message = RwSignal::new(None::<(bool, String)>);
    let reps = move || archive.archive.with(|a| a.reps().iter().map(|r| (r.id.clone(), r.name.clone(), r.deleted)).collect::<Vec<_>>());
    let run = move |_| {
        let l = lang.get_untracked();
        let (f, t) = (from.get_untracked(), to.get_untracked());
        if f.is_empty() || t.is_empty() || f == t {
            message.set(Some((false, tr(l, h::HANDOVER_SAME).into())));
            return;
        }
        busy.set(true);
        message.set(None);
        spawn_local(async move {
            match archive.hand_over(&f, &t, tr(l, h::HANDOVER_REASON), profile::fixed(ProfileCode::Service, l), None, progress).await {
                Ok(out) => message.set(Some((true, format!("{}{} · {}", tr(l, h::HANDOVER_DONE), out.counts.customers, out.file_name)))),
                Err(crate::handoff_commands::HandoffError::NothingToExport) => message.set(Some((false, tr(l, h::HANDOVER_NONE).into()))),
                Err(e) => message.set(Some((false, h::error(l, &e, crate::i18n::texts(l))))),
            }
            busy.set(false);
        });
    };
    let select = move |value: RwSignal<String>, pair: h::Pair, key: &'static str, live_only: bool| {
        view! {
            <div class="field"><label for=format!("ho-{key}")>{move || tr(lang.get(), pair)}</label>
                <select id=format!("ho-{key}") data-handover=key on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || reps().into_iter().filter(|(_, _, gone)| !live_only || !gone).map(|(id, name, _)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <section class="card handover" data-handover-panel>
            <h2>{move || tr(lang.get(), h::HANDOVER_TITLE)}</h2>
            <p class="muted">{move || tr(lang.get(), h::HANDOVER_EXPLAIN)}</p>
            <div class="grid">
                {select(from, h::HANDOVER_FROM, "from", false)}
                {select(to, h::HANDOVER_TO, "to", true)}
            </div>
            <div class="actions">
                <button class="primary" data-handover-run prop:disabled=move || busy.get() on:click=run>{move || tr(lang.get(), h::HANDOVER_BUTTON)}</button>
            </div>
            <Progress progress=progress label=Signal::derive(move || tr(lang.get(), h::EXPORTING))/>
            {move || message.get().map(|(ok, m)| if ok {
                view! { <p class="banner banner-info" role="status" data-handover-done use:reveal>{m}</p> }.into_any()
            } else {
                view! { <p class="banner banner-error" role="alert" data-problem use:reveal>{m}</p> }.into_any()
            })}
        </section>
    }
}
