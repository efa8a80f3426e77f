use leptos::prelude::*;

use crate::components::backup_card::BackupCard;
use crate::components::export_panel::ExportPanel;
use crate::components::handoff_log::HandoffLog;
use crate::components::handover_panel::HandoverPanel;
use crate::components::import_panel::ImportPanel;
use crate::i18n::handoff::{self as h, tr};
use crate::state::{use_app, use_archive, use_texts};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Export,
    Import,
    Log,
}

/// 交接: export (with backup and 离职继承), import with preview, and the 借阅表. On http://
/// other than localhost the browser has no WebCrypto: said at the top instead of failing later.
#[component]
pub fn HandoffPage() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let tab = RwSignal::new(Tab::Export);
    let tab_button = move |which: Tab, pair: h::Pair, code: &'static str| {
        view! {
            <button role="tab" data-tab=code aria-selected=move || (tab.get() == which).to_string() on:click=move |_| tab.set(which)>
                {move || tr(lang.get(), pair)}
            </button>
        }
    };
    view! {
        <h1>{move || t.get().handoff_title}</h1>
        <p class="muted" data-intro>{move || t.get().handoff_intro}</p>
        {move || (!archive.crypto_available()).then(|| {
            let l = lang.get();
            view! { <p class="banner banner-error" role="alert" data-insecure>{h::error(l, &crate::handoff_commands::HandoffError::Insecure, crate::i18n::texts(l))}</p> }
        })}
        {move || {
            archive.revision.track();
            let l = lang.get();
            let today = crate::platform::today();
            let soon = today + chrono::Duration::days(3);
            let lines = archive.handoff_log();
            let due: Vec<_> = lines
                .iter()
                .filter(|x| x.returned_on.is_none())
                .filter_map(|x| x.return_by.filter(|d| *d <= soon).map(|d| (x.direction, d)))
                .collect();
            (!due.is_empty()).then(|| {
                let text = due
                    .iter()
                    .map(|(dir, d)| {
                        let what = if *dir == Some(dossier_core::archive::handoffs::Direction::Export) { l.pick("借出", "lent out") } else { l.pick("借入", "borrowed") };
                        let late = if *d < today { l.pick("（已逾期）", " (overdue)") } else { "" };
                        format!("{what} {}{late}", d.format("%Y-%m-%d"))
                    })
                    .collect::<Vec<_>>()
                    .join(l.pick("；", "; "));
                view! { <p class="banner" role="status" data-lent-due>{tr(l, h::LENT_DUE)}{text}</p> }
            })
        }}
        <div class="tabs" role="tablist" aria-label=move || tr(lang.get(), h::TABS_LABEL)>
            {tab_button(Tab::Export, h::TAB_EXPORT, "export")}
            {tab_button(Tab::Import, h::TAB_IMPORT, "import")}
            {tab_button(Tab::Log, h::TAB_LOG, "log")}
        </div>
        {move || match tab.get() {
            Tab::Export => view! { <BackupCard/><ExportPanel/><HandoverPanel/> }.into_any(),
            Tab::Import => view! { <ImportPanel/> }.into_any(),
            Tab::Log => view! { <HandoffLog/> }.into_any(),
        }}
    }
}
