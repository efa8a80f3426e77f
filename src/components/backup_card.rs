use dossier_core::bundle::format::{ProfileCode, Scope, ScopeKind};
use dossier_core::bundle::profile;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::export_panel::Progress;
use crate::handoff_commands::{ExportRequest, LogDetails};
use crate::i18n::handoff::{self as h, tr};
use crate::platform;
use crate::reveal::reveal;
use crate::state::{use_app, use_archive};

/// Days after which a backup is old: Safari may erase a site's storage after 7 days unvisited.
pub const BACKUP_DAYS: i64 = 7;

/// 备份: the last backup, a reminder when it is old, and one tap (with a passphrase) to make one.
#[component]
pub fn BackupCard() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let lang = app.lang;
    let pass = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let progress = RwSignal::new(None::<(u32, u32)>);
    let message = RwSignal::new(None::<(bool, String)>);
    let last = Memo::new(move |_| {
        archive.revision.track();
        archive.last_backup()
    });
    let old = move || {
        let now = platform::now_ms();
        match last.get() {
            Some(b) => now.saturating_sub(b.at.at.ms) > BACKUP_DAYS as u64 * 86_400_000,
            None => archive.live_count() > 0,
        }
    };
    let run = move |_| {
        let l = lang.get_untracked();
        let p = pass.get_untracked();
        if p.chars().count() < 8 {
            message.set(Some((false, tr(l, h::PASSPHRASE_SHORT).into())));
            return;
        }
        busy.set(true);
        message.set(None);
        let req = ExportRequest {
            profile: profile::fixed(ProfileCode::Backup, l),
            scope: Scope { kind: ScopeKind::All, label: tr(l, h::SCOPE_ALL).into() },
            ids: None,
            passphrase: Some(p),
            return_by: None,
            details: LogDetails::default(),
            share: false,
        };
        spawn_local(async move {
            match archive.export_bundle(req, progress).await {
                Ok(out) => message.set(Some((true, format!("{}{}", tr(l, h::EXPORTED), out.file_name)))),
                Err(e) => message.set(Some((false, h::error(l, &e, crate::i18n::texts(l))))),
            }
            pass.set(String::new());
            busy.set(false);
        });
    };
    view! {
        <section class="card backup-card" data-backup>
            <h2>{move || tr(lang.get(), h::BACKUP_TITLE)}</h2>
            <p data-last-backup>{move || match last.get() {
                Some(b) => format!("{}{}", tr(lang.get(), h::BACKUP_LAST), platform::local_time(b.at.at.ms)),
                None => tr(lang.get(), h::BACKUP_NEVER).to_string(),
            }}</p>
            {move || old().then(|| view! { <p class="banner" role="status" data-backup-old>{tr(lang.get(), h::BACKUP_OLD)}</p> })}
            <p class="muted">{move || tr(lang.get(), h::BACKUP_EXPLAIN)}</p>
            <div class="field"><label for="bk-pass">{move || tr(lang.get(), h::PASSPHRASE)}</label>
                <input type="password" id="bk-pass" data-backup-pass autocomplete="new-password" prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev))/></div>
            <div class="actions">
                <button class="primary" data-backup-run prop:disabled=move || busy.get() on:click=run>{move || tr(lang.get(), h::BACKUP_NOW)}</button>
            </div>
            <Progress progress=progress label=Signal::derive(move || tr(lang.get(), h::EXPORTING))/>
            {move || message.get().map(|(ok, m)| if ok {
                view! { <p class="banner banner-info" role="status" data-backup-done use:reveal>{m}</p> }.into_any()
            } else {
                view! { <p class="banner banner-error" role="alert" data-problem use:reveal>{m}</p> }.into_any()
            })}
        </section>
    }
}
