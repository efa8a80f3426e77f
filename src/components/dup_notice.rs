use dossier_core::DupCheck;
use leptos::prelude::*;

use crate::route::Page;
use crate::state::{use_archive, use_texts};
use crate::reveal::reveal;

/// What the duplicate check found for the card being saved: a phone or tax number that belongs
/// to another card blocks the save and links to that card; a very similar name only warns, and
/// the user may save anyway.
#[component]
pub fn DupNotice(check: DupCheck, on_override: Callback<()>) -> impl IntoView {
    let archive = use_archive();
    let t = use_texts();
    let tx = t.get_untracked();
    let blocking = check.is_blocking();
    let positions: Vec<u32> = if blocking {
        let mut p: Vec<u32> = check.phone.iter().map(|h| h.pos).chain(check.tax.iter().copied()).collect();
        p.sort_unstable();
        p.dedup();
        p
    } else {
        check.similar_names.clone()
    };
    let items = archive.archive.with_untracked(|a| {
        archive
            .rows(&positions)
            .into_iter()
            .map(|(pos, c)| {
                let owner = a.rep(&c.owner).map(|r| r.name.clone()).unwrap_or_else(|| tx.owner_none.to_string());
                // As written on that card, not in the normalised form the check compares.
                let phones: Vec<String> = check
                    .phone
                    .iter()
                    .filter(|h| h.pos == pos)
                    .map(|h| {
                        let written = c.phones.iter().find(|p| dossier_core::normalize_phone(p).as_deref() == Some(h.phone.as_str()));
                        written.unwrap_or(&h.phone).to_string()
                    })
                    .collect();
                view! {
                    <li>
                        <a data-dup-link=c.id.clone() href=Page::Card(c.id.clone()).href()>{c.name.clone()}</a>
                        " · "<span>{c.reg_no.clone()}</span>
                        " · "{tx.owner}": "{owner}
                        {(!phones.is_empty()).then(|| view! { <span>" · "{tx.col_phone}" "{phones.join("、")}</span> })}
                    </li>
                }
            })
            .collect_view()
    });
    let heading = if !blocking {
        tx.dup_similar
    } else if check.phone.is_empty() {
        tx.dup_blocked_tax
    } else {
        tx.dup_blocked
    };
    view! {
        <div class=if blocking { "banner banner-error dup-notice" } else { "banner banner-info dup-notice" } role="alert"
            data-dup-block=blocking.then_some("") data-dup-warn=(!blocking).then_some("") use:reveal>
            <p>{heading}</p>
            <ul>{items}</ul>
            {(!blocking).then(|| view! {
                <button type="button" data-action="save-anyway" on:click=move |_| on_override.run(())>{tx.save_anyway}</button>
            })}
        </div>
    }
}
