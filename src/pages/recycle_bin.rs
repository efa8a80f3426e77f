use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::empty_state::EmptyState;
use crate::i18n::grading::tr;
use crate::i18n::recycle_bin as w;
use crate::platform::local_time;
use crate::reveal::reveal;
use crate::route::{Page, Route};
use crate::state::{use_app, use_archive, use_texts};

/// Rows rendered at a time (a bin can grow long in a manager's archive).
const PAGE: usize = 200;

/// 回收站 (`#/trash`): every customer deleted by hand, the newest delete first, read from the
/// resident summaries (no card is read until one is restored); 恢复 brings one back with its file.
#[component]
pub fn RecycleBinPage() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let rows = Memo::new(move |_| {
        archive.revision.track();
        archive.recycle_bin()
    });
    let shown = RwSignal::new(PAGE);
    let restored = RwSignal::new(None::<(String, String)>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(None::<String>);
    let device = StoredValue::new(archive.device());
    let restore = move |id: String, name: String| {
        error.set(None);
        restored.set(None);
        busy.set(Some(id.clone()));
        spawn_local(async move {
            match archive.restore_from_bin(&id).await {
                Ok(()) => restored.set(Some((id, name))),
                Err(e) => error.set(Some(t.get_untracked().card_failure(&e, app.lang.get_untracked()))),
            }
            busy.set(None);
        });
    };
    // Who deleted: this device (with its rep) or another device, by the start of its id.
    let by = move |dev: &str| {
        let l = app.lang.get();
        if dev == device.get_value() {
            let me = app.me.get().and_then(|me| archive.archive.with_untracked(|a| a.rep(&me).map(|r| r.name.clone())));
            match me {
                Some(name) => format!("{}（{name}）", tr(l, w::BY_THIS_DEVICE)),
                None => tr(l, w::BY_THIS_DEVICE).to_string(),
            }
        } else {
            format!("{}{}", tr(l, w::BY_DEVICE), dev.chars().take(8).collect::<String>())
        }
    };
    view! {
        <div class="crumbs">
            <a href=Route::Customers.href()>"← "{move || t.get().back_to_list}</a>
        </div>
        <h1>{move || tr(app.lang.get(), w::TITLE)}</h1>
        <p class="muted">{move || tr(app.lang.get(), w::INTRO)}</p>
        {move || restored.get().map(|(id, name)| {
            let l = app.lang.get();
            let href = Page::Card(id.clone()).href();
            view! {
                <p class="banner banner-info" role="status" data-restored=id use:reveal>
                    {tr(l, w::RESTORED)}{name}" "
                    <a href=href data-open-restored>{tr(l, w::OPEN_CARD)}</a>
                </p>
            }
        })}
        {move || error.get().map(|m| view! { <p class="banner banner-error" role="alert" use:reveal>{m}</p> })}
        {move || {
            let l = app.lang.get();
            let all = rows.get();
            if all.is_empty() {
                return view! {
                    <div data-trash-empty>
                        <EmptyState title=Signal::derive(move || tr(app.lang.get(), w::EMPTY_TITLE)) body=Signal::derive(move || tr(app.lang.get(), w::EMPTY_BODY))/>
                    </div>
                }.into_any();
            }
            let count = tr(l, w::COUNT).replace("{n}", &dossier_core::format_count(all.len() as u64));
            let more = all.len() > shown.get();
            let items = all.into_iter().take(shown.get()).filter_map(|s| {
                let bin = s.bin.clone()?;
                let (id, name) = (s.id.clone(), s.name.clone());
                let (rid, rname) = (id.clone(), name.clone());
                let mine = id.clone();
                Some(view! {
                    <li class="trash-row" data-trash-row=id.clone()>
                        <div class="trash-who">
                            <strong data-trash-name>{name.clone()}</strong>
                            " "<span class="muted" data-reg-no>{s.reg_no.clone()}</span>
                        </div>
                        <div class="muted" data-trash-when>
                            {tr(l, w::DELETED_AT)}" "{local_time(bin.at.at.ms)}" · "{by(&bin.at.dev)}
                        </div>
                        <div data-trash-holds>{tr(l, w::FILE)}{l.pick("：", ": ")}{w::holdings(l, &bin.holds)}</div>
                        <button type="button" class="primary" data-action="restore-bin"
                            disabled=move || busy.get().is_some_and(|b| b == mine)
                            on:click=move |_| restore(rid.clone(), rname.clone())>
                            {tr(l, w::RESTORE)}
                        </button>
                    </li>
                })
            }).collect_view();
            view! {
                <p data-trash-count>{count}</p>
                <ul class="trash-list">{items}</ul>
                {more.then(|| view! {
                    <button type="button" data-action="show-more" on:click=move |_| shown.update(|n| *n += PAGE)>
                        {crate::i18n::grading::tr(l, crate::i18n::complaints::SHOW_MORE)}
                    </button>
                })}
            }.into_any()
        }}
    }
}
