use dossier_core::Lang;
use leptos::prelude::*;

use crate::components::area_table::AreaTable;
use crate::components::credit_settings::CreditSettingsPanel;
use crate::components::day_settings::DaySettings;
use crate::components::grading_settings::GradingSettingsPanel;
use crate::components::rep_manager::RepManager;
use crate::i18n::lang_name;
use crate::state::{use_app, use_texts, StorageStatus};

#[component]
pub fn SettingsPage() -> impl IntoView {
    let app = use_app();
    let t = use_texts();
    let space = RwSignal::new(None::<Option<(f64, f64)>>);
    leptos::task::spawn_local(async move { space.set(Some(app.archive.space().await)) });
    view! {
        <h1>{move || t.get().settings_title}</h1>
        <section class="card">
            <h2>{move || t.get().settings_language}</h2>
            <div class="radio-row">
                {[Lang::Zh, Lang::En]
                    .into_iter()
                    .map(|lang| {
                        let id = format!("lang-{}", lang.code());
                        let for_id = id.clone();
                        view! {
                            <label for=for_id class="radio">
                                <input
                                    type="radio"
                                    id=id
                                    name="lang"
                                    prop:checked=move || app.lang.get() == lang
                                    on:change=move |_| app.lang.set(lang)
                                />
                                {lang_name(lang)}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
        <RepManager/>
        <GradingSettingsPanel/>
        <DaySettings/>
        <AreaTable/>
        <CreditSettingsPanel/>
        <section class="card">
            <h2>{move || t.get().settings_storage}</h2>
            <dl class="facts">
                {move || match app.storage.get() {
                    StorageStatus::Opening => view! { <dd>{t.get().storage_opening}</dd> }.into_any(),
                    StorageStatus::Ready { device_id } => {
                        let shown = device_id.clone();
                        view! {
                            <dd data-storage="ready">{t.get().storage_ready}</dd>
                            <dt>{t.get().device_id}</dt>
                            <dd><code data-device-id=device_id>{shown}</code></dd>
                        }
                            .into_any()
                    }
                    StorageStatus::Failed(e) => {
                        view! { <dd data-storage="failed">{t.get().storage_error(&e)}</dd> }.into_any()
                    }
                }}
                <dt>{move || t.get().persist_label}</dt>
                <dd data-persist=move || format!("{:?}", app.persistence.get())>
                    {move || t.get().persistence(app.persistence.get())}
                </dd>
                <dt>{move || t.get().storage_space}</dt>
                <dd data-space>
                    {move || match space.get() {
                        None => t.get().persist_checking.to_string(),
                        Some(Some((used, quota))) => t.get().space_used(used, quota).trim().to_string(),
                        Some(None) => t.get().storage_space_unknown.to_string(),
                    }}
                </dd>
                <dt>{move || crate::i18n::handoff::tr(app.lang.get(), crate::i18n::handoff::BACKUP_TITLE)}</dt>
                <dd data-settings-backup>
                    {move || {
                        use crate::i18n::handoff::{self as h, tr};
                        let l = app.lang.get();
                        app.archive.revision.track();
                        let last = match app.archive.last_backup() {
                            Some(b) => format!("{}{}", tr(l, h::BACKUP_LAST), crate::platform::local_time(b.at.at.ms)),
                            None => tr(l, h::BACKUP_NEVER).to_string(),
                        };
                        view! { {last}" " <a href=crate::route::Route::Handoff.href() data-go-backup>{tr(l, h::BACKUP_NOW)}</a> }
                    }}
                </dd>
                // Deleted customers are kept (tombstones) and restored from the bin.
                <dt>{move || crate::i18n::grading::tr(app.lang.get(), crate::i18n::recycle_bin::TITLE)}</dt>
                <dd><a class="button" data-go-trash href=crate::route::Page::Trash.href()>{move || crate::i18n::grading::tr(app.lang.get(), crate::i18n::recycle_bin::OPEN)}</a></dd>
            </dl>
        </section>
    }
}
