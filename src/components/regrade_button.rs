use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::grading::{self as g, tr};
use crate::reveal::reveal;
use crate::state::{use_app, use_archive, use_texts};

/// 重新分级: stores today's 销售等级 of every customer whose stored grade differs, each change
/// in the card's grade history, and says what changed ("5 位客户 B → A"). The same result shows
/// after a regrade that ran by itself (a new month, new cuts, an import).
#[component]
pub fn RegradeButton() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let run = move |_| {
        let l = app.lang.get_untracked();
        spawn_local(async move {
            archive.regrade_now(l).await;
        });
    };
    view! {
        <div class="regrade" data-regrade>
            <button type="button" class="primary" data-action="regrade" on:click=run prop:disabled=move || archive.regrading.get().is_some()>
                {move || tr(app.lang.get(), g::REGRADE)}
            </button>
            {move || archive.regrading.get().map(|(done, of)| view! {
                <p class="muted" role="status" data-regrading>{tr(app.lang.get(), g::REGRADING)}{format!(" {done} / {of}")}</p>
            })}
            {move || archive.regraded.get().map(|r| {
                let l = app.lang.get();
                match r {
                    Ok(r) if r.changed == 0 => view! { <p class="banner banner-info" role="status" data-regraded="0" use:reveal>{r.window.clone()}" · "{tr(l, g::REGRADED_NONE)}</p> }.into_any(),
                    Ok(r) => {
                        let lines = r.counts.iter().map(|c| c.describe(l)).collect::<Vec<_>>().join(l.pick("；", "; "));
                        view! { <p class="banner banner-ok" role="status" data-regraded=r.changed.to_string() use:reveal>{tr(l, g::REGRADED)}{"（"}{r.window.clone()}{"）："}{lines}</p> }.into_any()
                    }
                    Err(e) => view! { <p class="banner banner-error" role="alert" use:reveal>{crate::grading_commands::failure_text(&e, l, t.get())}</p> }.into_any(),
                }
            })}
        </div>
    }
}
