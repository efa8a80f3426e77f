use dossier_core::format_count;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::state::{use_archive, use_texts};

/// How many customers a list names before "and more".
const NAMED: usize = 12;

/// Records that did not read are told on every page: which customers they affect, that nothing
/// was deleted, and a download of the raw records for whoever repairs them.
#[component]
pub fn DamageBanner() -> impl IntoView {
    let archive = use_archive();
    let t = use_texts();
    let failed = RwSignal::new(false);
    let download = move |_| {
        spawn_local(async move {
            let ok = match archive.rescue_file().await {
                Ok((name, bytes)) => archive.offer_download(&name, "application/json", &bytes),
                Err(_) => false,
            };
            failed.set(!ok);
        });
    };
    let names = move |list: &[(String, String)]| {
        let shown: Vec<String> = list
            .iter()
            .take(NAMED)
            .map(|(reg_no, name)| match (reg_no.is_empty(), name.is_empty()) {
                (false, false) => format!("{name}（{reg_no}）"),
                (true, false) => name.clone(),
                (false, true) => reg_no.clone(),
                (true, true) => "?".to_string(),
            })
            .collect();
        let mut text = shown.join("、");
        if list.len() > NAMED {
            text.push_str(&format!("{}{}{}", t.get().damage_more, format_count(list.len() as u64), t.get().damage_more_suffix));
        }
        text
    };
    move || {
        let r = archive.damage.get();
        (!r.is_empty()).then(|| {
            let t = t.get();
            view! {
                <div class="banner banner-error" role="alert" data-damage=r.records>
                    <p><strong>{t.damage_title}</strong></p>
                    <p>{t.damage_body}</p>
                    {(!r.cards.is_empty()).then(|| view! { <p data-damage-cards>{t.damage_cards}{names(&r.cards)}</p> })}
                    {(r.unnamed_cards > 0).then(|| view! { <p data-damage-unnamed>{t.damage_unnamed_cards}{format_count(r.unnamed_cards as u64)}{t.damage_unnamed_suffix}</p> })}
                    {(!r.files.is_empty()).then(|| view! { <p data-damage-files>{t.damage_files}{names(&r.files)}</p> })}
                    {(r.saves > 0).then(|| view! { <p data-damage-saves>{t.damage_saves}{r.saves}</p> })}
                    <button type="button" data-action="rescue-download" on:click=download>
                        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" width="20" height="20">
                            <path d="M12 3v12m0 0-5-5m5 5 5-5M4 19h16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
                        </svg>
                        {t.damage_download}
                    </button>
                    {move || failed.get().then(|| view! { <p class="field-error">{t.damage_download_failed}</p> })}
                </div>
            }
        })
    }
}

