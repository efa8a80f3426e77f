use std::collections::BTreeSet;

use dossier_core::bundle::format::Header;
use dossier_core::bundle::import::{Choices, Outcome, Preview, Report, Row};
use dossier_core::bundle::profile;
use dossier_core::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::export_panel::Progress;
use crate::handoff_commands::{Picked, Received};
use crate::i18n::handoff::{self as h, tr};
use crate::platform;
use crate::reveal::reveal;
use crate::route::Page;
use crate::state::{use_app, use_archive};

/// Where an import is.
#[derive(Clone)]
enum Step {
    /// Nothing picked yet.
    Pick,
    /// A file picked, its header read: waiting for the passphrase (if locked) and "check".
    Picked(Picked, Header),
    /// Read whole and checked; the preview is shown, nothing written.
    Preview(Received, Preview),
    /// Written; how many new cards may be duplicates of cards here (to merge on 查重).
    Done(Report, usize),
}

/// 导入: pick or drop a file, see what it is, check it whole, preview, confirm or cancel.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let lang = app.lang;
    let step = RwSignal::new_local(Step::Pick);
    let pass = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let progress = RwSignal::new(None::<(u32, u32)>);
    let problem = RwSignal::new(None::<String>);
    let cancelled = RwSignal::new(false);
    // Per customer, the conflicting keys where this device's value is kept.
    let keep = RwSignal::new(Choices::default());
    let fail = move |e: crate::handoff_commands::HandoffError| {
        let l = lang.get_untracked();
        problem.set(Some(h::error(l, &e, crate::i18n::texts(l))));
    };

    let take = move |file: Picked| {
        problem.set(None);
        cancelled.set(false);
        pass.set(String::new());
        busy.set(true);
        spawn_local(async move {
            match archive.read_bundle_header(&file).await {
                Ok(header) => step.set(Step::Picked(file, header)),
                Err(e) => {
                    step.set(Step::Pick);
                    fail(e);
                }
            }
            busy.set(false);
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            take(Picked::from_file(file));
        }
        // Picking the same file again still fires.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            take(Picked::from_file(file));
        }
    };
    let check = move |file: Picked, header: Header| {
        problem.set(None);
        busy.set(true);
        let passphrase = header.encryption.is_some().then(|| pass.get_untracked());
        spawn_local(async move {
            let read = archive.read_bundle(&file, passphrase, progress).await;
            let shown = match read {
                Ok(received) => match archive.preview_import(&received).await {
                    Ok(preview) => {
                        keep.set(Choices::default());
                        step.set(Step::Preview(received, preview));
                        Ok(())
                    }
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            };
            if let Err(e) = shown {
                fail(e);
            }
            progress.set(None);
            busy.set(false);
        });
    };
    let confirm = move |received: Received, dups: usize| {
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            match archive.import_bundle(&received, keep.get_untracked(), progress).await {
                Ok(report) => {
                    step.set(Step::Done(report, dups.saturating_sub(keep.with_untracked(|k| k.merge_into.len()))));
                    // New customers and entries: their 销售等级 are stored (with the history) now.
                    archive.regrade_if_due(true, app.lang.get_untracked());
                }
                Err(e) => fail(e),
            }
            busy.set(false);
        });
    };
    let cancel = move |received: Option<Received>| {
        if let Some(r) = received {
            archive.end_import(&r);
        }
        step.set(Step::Pick);
        problem.set(None);
        cancelled.set(true);
    };

    view! {
        <section class="card handoff-import" data-import>
            <div class="drop-zone" on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                <label class="button primary file-pick">
                    {move || tr(lang.get(), h::PICK)}
                    <input type="file" accept=".json,application/json" data-import-file class="visually-hidden" on:change=on_pick/>
                </label>
                <span class="muted">{move || tr(lang.get(), h::DROP)}</span>
            </div>
            {move || problem.get().map(|p| view! { <p class="banner banner-error" role="alert" data-problem use:reveal>{p}</p> })}
            {move || cancelled.get().then(|| view! { <p class="banner banner-info" role="status" data-cancelled>{tr(lang.get(), h::CANCELLED)}</p> })}
            {move || match step.get() {
                Step::Pick => ().into_any(),
                Step::Picked(file, header) => {
                    let locked = header.encryption.is_some();
                    let (f, hd) = (file.clone(), header.clone());
                    view! {
                        <HeaderFacts header=header.clone() lang=lang/>
                        {locked.then(|| view! {
                            <p>{tr(lang.get(), h::ENCRYPTED)}</p>
                            <div class="field"><label for="im-pass">{tr(lang.get(), h::PASSPHRASE)}</label>
                                <input type="password" id="im-pass" data-import-pass autocomplete="off" prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev))/></div>
                        })}
                        <div class="form-actions">
                            <button class="primary" data-import-check prop:disabled=move || busy.get() on:click=move |_| check(f.clone(), hd.clone())>{tr(lang.get(), h::CHECK)}</button>
                            <button on:click=move |_| cancel(None)>{tr(lang.get(), h::CANCEL)}</button>
                        </div>
                    }.into_any()
                }
                Step::Preview(received, preview) => {
                    let r2 = received.clone();
                    let r3 = received.clone();
                    let writes = preview.changes_anything();
                    let dups = preview.duplicates();
                    view! {
                        <HeaderFacts header=received.header.clone() lang=lang/>
                        {received.streamed.is_some().then(|| view! { <p class="banner banner-info" data-streamed>{tr(lang.get(), h::STREAMED)}</p> })}
                        <PreviewView preview=preview.clone() keep=keep lang=lang/>
                        <div class="form-actions sticky-actions">
                            {writes.then(|| view! {
                                <button class="primary" data-import-confirm prop:disabled=move || busy.get() on:click=move |_| confirm(r2.clone(), dups)>{tr(lang.get(), h::CONFIRM)}</button>
                            })}
                            {(!writes).then(|| view! { <p class="muted" data-nothing-new>{tr(lang.get(), h::NOTHING_NEW)}</p> })}
                            <button data-import-cancel on:click=move |_| cancel(Some(r3.clone()))>{tr(lang.get(), h::CANCEL)}</button>
                        </div>
                    }.into_any()
                }
                Step::Done(report, dups) => {
                    let l = lang.get();
                    let renumbered = report.renumbered.iter().map(|(old, new, _)| format!("{old} → {new}")).collect::<Vec<_>>().join(l.pick("；", "; "));
                    view! {
                        <p class="banner banner-info" role="status" data-imported=report.customers.to_string() use:reveal>
                            {tr(l, h::IMPORTED)}{report.customers}{tr(l, h::IMPORTED_CUSTOMERS)}{report.entries}{tr(l, h::IMPORTED_ENTRIES)}
                            {(!renumbered.is_empty()).then(|| view! { <br/><span data-renumbered>{tr(l, h::RENUMBERED)}{renumbered.clone()}</span> })}
                            {(report.merged > 0).then(|| view! { <br/><span data-merged=report.merged.to_string()>{tr(l, h::MERGED_N)}{report.merged}</span> })}
                        </p>
                        {(dups > 0).then(|| view! { <p><a class="button" data-go-duplicates href=Page::Duplicates.href()>{tr(l, h::GO_DUPLICATES)}</a></p> })}
                    }.into_any()
                }
            }}
            <Progress progress=progress label=Signal::derive(move || tr(lang.get(), h::READING))/>
        </section>
    }
}

/// What the bundle says of itself: from whom, when, under which profile (and what it leaves
/// out), which customers, how many records, lent until when.
#[component]
fn HeaderFacts(header: Header, lang: RwSignal<Lang>) -> impl IntoView {
    let l = lang.get_untracked();
    let withheld = header.withheld.iter().map(|k| profile::label(k, l)).collect::<Vec<_>>().join(l.pick("、", ", "));
    let c = header.counts;
    let mut contents = if l == Lang::Zh {
        format!("客户 {}，往来记录 {}，修改记录 {}，业务员 {}", c.customers, c.entries, c.history, c.reps)
    } else {
        format!("{} customers, {} entries, {} change records, {} reps", c.customers, c.entries, c.history, c.reps)
    };
    if c.files > 0 {
        contents += &if l == Lang::Zh { format!("，附件（原件）{}", c.files) } else { format!(", {} attached files (originals)", c.files) };
    }
    let when = platform::local_time(header.created_at.timestamp_millis().max(0) as u64);
    view! {
        <dl class="facts" data-bundle-header>
            <dt>{tr(l, h::FROM)}</dt><dd data-from>{format!("{} ({})", header.rep.name, header.device)}</dd>
            <dt>{tr(l, h::CREATED)}</dt><dd>{when}</dd>
            <dt>{tr(l, h::PROFILE)}</dt><dd data-profile-name>{header.profile.name.clone()}</dd>
            <dt>{tr(l, h::SCOPE)}</dt><dd>{header.scope.label.clone()}</dd>
            <dt>{tr(l, h::CONTENTS)}</dt><dd data-contents>{contents}</dd>
            {(!withheld.is_empty()).then(|| view! { <dt>{tr(l, h::WITHHELD_COUNT)}</dt><dd data-header-withheld>{withheld.clone()}</dd> })}
            {header.lent.as_ref().map(|lent| view! { <dt>{tr(l, h::LEND)}</dt><dd data-lent>{tr(l, h::LENT_COPY)}{lent.return_by.format("%Y-%m-%d").to_string()}</dd> })}
        </dl>
        {(!header.withheld.is_empty()).then(|| view! { <p class="muted">{tr(l, h::WITHHELD_NOTE)}</p> })}
    }
}

/// The preview: counts per outcome, the clock warnings, the conflicts with a choice each, the
/// possible duplicates, and the customers of each outcome.
#[component]
fn PreviewView(preview: Preview, keep: RwSignal<Choices>, lang: RwSignal<Lang>) -> impl IntoView {
    let l = lang.get_untracked();
    let tally = |t: dossier_core::bundle::import::Tally| tr(l, h::TALLY).replace("{n}", &t.new.to_string()).replace("{u}", &t.updated.to_string()).replace("{s}", &t.unchanged.to_string());
    let outcomes = [
        (Outcome::New, h::OUT_NEW, "new"),
        (Outcome::Updated, h::OUT_UPDATED, "updated"),
        (Outcome::Unchanged, h::OUT_UNCHANGED, "unchanged"),
        (Outcome::Deleted, h::OUT_DELETED, "deleted"),
        (Outcome::Revived, h::OUT_REVIVED, "revived"),
    ];
    let lists = outcomes
        .iter()
        .map(|&(o, pair, code)| {
            let rows: Vec<Row> = preview.rows.iter().filter(|r| r.outcome == o).cloned().collect();
            let n = rows.len();
            view! {
                <details data-outcome=code data-count=n.to_string()>
                    <summary>{tr(l, pair)}" "<strong>{n}</strong></summary>
                    <ul>{rows.into_iter().take(200).map(|r| view! { <li><a href=Page::Card(r.id.clone()).href()>{r.name.clone()}</a>" "<small class="muted">{r.reg_no.clone()}</small></li> }).collect_view()}</ul>
                </details>
            }
        })
        .collect_view();
    let ahead = (!preview.ahead.is_empty()).then(|| {
        view! {
            <div class="banner" role="status" data-ahead>
                <p>{tr(l, h::AHEAD)}</p>
                <ul>{preview.ahead.iter().map(|a| view! { <li>{a.device.clone()}{l.pick("：", ": ")}{tr(l, h::AHEAD_BY).replace("{h}", &(a.by_ms / 3_600_000).to_string())}</li> }).collect_view()}</ul>
            </div>
        }
    });
    let with_conflicts: Vec<Row> = preview.rows.iter().filter(|r| !r.conflicts.is_empty()).cloned().collect();
    let conflicts = (!with_conflicts.is_empty()).then(|| {
        let blocks = with_conflicts
            .into_iter()
            .map(|row| {
                let fields = row
                    .conflicts
                    .iter()
                    .map(|c| {
                        let later_mine = c.mine_stamp > c.theirs_stamp;
                        let shown = |v: &str| if v.is_empty() { tr(l, h::EMPTY_VALUE).to_string() } else { v.to_string() };
                        let who = |s: &dossier_core::Stamp| format!("{} · {}", s.dev, platform::local_time(s.at.ms));
                        let group = format!("c-{}-{}", row.id, c.key);
                        // The default follows the stamps; a choice against them is recorded.
                        let (id, key) = (row.id.clone(), c.key.clone());
                        let mine_chosen = {
                            let (id, key) = (id.clone(), key.clone());
                            move || keep.with(|k| choice_is_mine(k, &id, &key, later_mine))
                        };
                        let choose = move |mine: bool| {
                            let (id, key) = (id.clone(), key.clone());
                            move |_| keep.update(|k| set_choice(k, &id, &key, later_mine, mine))
                        };
                        let theirs_chosen = {
                            let m = mine_chosen.clone();
                            move || !m()
                        };
                        view! {
                            <fieldset class="conflict" data-conflict=c.key.clone()>
                                <legend>{profile::label(&c.key, l)}</legend>
                                <label class="radio">
                                    <input type="radio" name=group.clone() data-keep="mine" prop:checked=mine_chosen on:change=choose(true)/>
                                    <span>{tr(l, h::KEEP_MINE)}{later_mine.then(|| tr(l, h::LATER))}{l.pick("：", ": ")}<strong data-mine>{shown(&c.mine)}</strong><br/><small class="muted">{who(&c.mine_stamp)}</small></span>
                                </label>
                                <label class="radio">
                                    <input type="radio" name=group data-keep="theirs" prop:checked=theirs_chosen on:change=choose(false)/>
                                    <span>{tr(l, h::TAKE_THEIRS)}{(!later_mine).then(|| tr(l, h::LATER))}{l.pick("：", ": ")}<strong data-theirs>{shown(&c.theirs)}</strong><br/><small class="muted">{who(&c.theirs_stamp)}</small></span>
                                </label>
                            </fieldset>
                        }
                    })
                    .collect_view();
                view! { <div class="conflict-card" data-conflict-customer=row.id.clone()><h4><a href=Page::Card(row.id.clone()).href()>{row.name.clone()}</a></h4>{fields}</div> }
            })
            .collect_view();
        view! { <section data-conflicts><h3>{tr(l, h::OUT_CONFLICTS)}" "{preview.conflicts()}</h3><p class="muted">{tr(l, h::CONFLICT_HEAD)}</p>{blocks}</section> }
    });
    let dups: Vec<Row> = preview.rows.iter().filter(|r| !r.duplicates.is_empty()).cloned().collect();
    let duplicates = (!dups.is_empty()).then(|| {
        let archive = use_archive();
        let items = dups
            .into_iter()
            .map(|r| {
                let group = format!("d-{}", r.id);
                let id = r.id.clone();
                let choose = move |target: Option<String>| {
                    let id = id.clone();
                    move |_| {
                        keep.update(|k| match &target {
                            Some(t) => {
                                k.merge_into.insert(id.clone(), t.clone());
                            }
                            None => {
                                k.merge_into.remove(&id);
                            }
                        })
                    }
                };
                let both = {
                    let id = r.id.clone();
                    move || keep.with(|k| !k.merge_into.contains_key(&id))
                };
                let targets = r
                    .duplicates
                    .iter()
                    .map(|d| {
                        let s = archive.summary(d);
                        let name = s.as_ref().map(|s| format!("{} {}", s.name, s.reg_no)).unwrap_or_else(|| d.clone());
                        let chosen = {
                            let (id, d) = (r.id.clone(), d.clone());
                            move || keep.with(|k| k.merge_into.get(&id) == Some(&d))
                        };
                        view! {
                            <label class="radio">
                                <input type="radio" name=group.clone() data-merge-into=d.clone() prop:checked=chosen on:change=choose(Some(d.clone()))/>
                                <span>{tr(l, h::MERGE_INTO)}<strong>{name}</strong>" "<a href=Page::Card(d.clone()).href()>{tr(l, h::OPEN_EXISTING)}</a></span>
                            </label>
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset class="conflict" data-dup=r.id.clone()>
                        <legend>{r.name.clone()}" "<small class="muted">{r.reg_no.clone()}</small></legend>
                        <label class="radio">
                            <input type="radio" name=group.clone() data-keep-both prop:checked=both on:change=choose(None)/>
                            <span>{tr(l, h::KEEP_BOTH)}</span>
                        </label>
                        {targets}
                    </fieldset>
                }
            })
            .collect_view();
        view! {
            <section data-duplicates>
                <h3>{tr(l, h::OUT_DUPLICATES)}" "{preview.duplicates()}</h3>
                <p class="muted">{tr(l, h::DUP_HEAD)}</p>
                {items}
            </section>
        }
    });
    let renumber: Vec<Row> = preview.rows.iter().filter(|r| r.renumber).cloned().collect();
    let renumber = (!renumber.is_empty()).then(|| view! {
        <p class="banner" data-renumber=renumber.len().to_string()>{tr(l, h::OUT_RENUMBER)}{l.pick("：", ": ")}{renumber.iter().map(|r| format!("{} {}", r.reg_no, r.name)).collect::<Vec<_>>().join(l.pick("；", "; "))}</p>
    });
    view! {
        <section class="import-preview" data-preview use:reveal tabindex="-1">
            <h3>{tr(l, h::PREVIEW)}</h3>
            {ahead}
            <div class="outcomes">{lists}</div>
            <p data-entries>{tr(l, h::ENTRIES)}{l.pick("：", ": ")}{tally(preview.entries)}</p>
            <p data-history>{tr(l, h::HISTORY)}{l.pick("：", ": ")}{tally(preview.history)}</p>
            <p data-reps>{tr(l, h::REPS)}{l.pick("：", ": ")}{tally(preview.reps)}</p>
            {renumber}
            {conflicts}
            {duplicates}
        </section>
    }
}

/// Whether this device's value is the one kept for `key` of customer `id`: the later stamp by
/// default, unless the user chose otherwise.
fn choice_is_mine(k: &Choices, id: &str, key: &str, later_mine: bool) -> bool {
    let has = |m: &std::collections::BTreeMap<String, BTreeSet<String>>| m.get(id).is_some_and(|s| s.contains(key));
    if later_mine { !has(&k.take_theirs) } else { has(&k.keep_mine) }
}

fn set_choice(k: &mut Choices, id: &str, key: &str, later_mine: bool, mine: bool) {
    let (against, set) = if later_mine { (!mine, &mut k.take_theirs) } else { (mine, &mut k.keep_mine) };
    let keys = set.entry(id.to_string()).or_default();
    if against {
        keys.insert(key.to_string());
    } else {
        keys.remove(key);
    }
}
