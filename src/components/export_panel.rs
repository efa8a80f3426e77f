use std::collections::{BTreeSet, HashSet};

use dossier_core::bundle::format::{Profile, ProfileCode, Scope, ScopeKind};
use dossier_core::bundle::profile;
use dossier_core::{Filter, Lang, OwnerFilter, Tier};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::handoff_commands::{ExportRequest, Exported, LogDetails, Offered};
use crate::i18n::handoff::{self as h, tr};
use crate::platform;
use crate::reveal::reveal;
use crate::settings;
use crate::state::{use_app, use_archive};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    All,
    List,
    Owner,
    Region,
    Grade,
    Ticked,
}

/// 导出: which customers, under which profile, locked or not, lent or not; then one tap.
#[component]
pub fn ExportPanel() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let lang = app.lang;
    let which = RwSignal::new(Which::All);
    let owner = RwSignal::new(app.me.get_untracked().unwrap_or_default());
    let region = RwSignal::new(String::new());
    let tier = RwSignal::new(Tier::Key);
    let ticked = RwSignal::new(BTreeSet::<String>::new());
    let tick_query = RwSignal::new(String::new());
    let code = RwSignal::new(ProfileCode::Service);
    let custom_name = RwSignal::new(String::new());
    let custom_fields = RwSignal::new(BTreeSet::<String>::new());
    let lock = RwSignal::new(true);
    let pass = RwSignal::new(String::new());
    let pass2 = RwSignal::new(String::new());
    let borrower = RwSignal::new(String::new());
    let approver = RwSignal::new(String::new());
    let clerk = RwSignal::new(String::new());
    let purpose = RwSignal::new(String::new());
    let return_by = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let progress = RwSignal::new(None::<(u32, u32)>);
    let done = RwSignal::new(None::<Exported>);
    let problem = RwSignal::new(None::<String>);
    if let Some((name, fields)) = settings::load_custom_profiles().into_iter().next() {
        custom_name.set(name);
        custom_fields.set(fields.into_iter().collect());
    }

    // The customers in scope, by id (None: every customer, tombstones too).
    let scope_ids = move || -> Option<HashSet<String>> {
        archive.revision.track();
        let ids_of = |positions: Vec<u32>| archive.rows(&positions).into_iter().map(|(_, s)| s.id).collect::<HashSet<_>>();
        match which.get() {
            Which::All => None,
            Which::List => Some(ids_of(archive.select(&app.list.query.get(), &app.list.filters.get()))),
            Which::Owner => {
                let o = owner.get();
                let f = Filter { owner: if o.is_empty() { OwnerFilter::Nobody } else { OwnerFilter::Rep(o) }, ..Filter::default() };
                Some(ids_of(archive.select("", &f)))
            }
            Which::Region => Some(ids_of(archive.select("", &Filter { region: region.get(), ..Filter::default() }))),
            Which::Grade => Some(ids_of(archive.select("", &Filter { tier: Some(tier.get()), ..Filter::default() }))),
            Which::Ticked => Some(ticked.get().into_iter().collect()),
        }
    };
    let scope_count = Memo::new(move |_| scope_ids().map(|s| s.len()).unwrap_or_else(|| archive.live_count()));
    let profile_now = move || -> Profile {
        let l = lang.get();
        match code.get() {
            ProfileCode::Custom => {
                let fields: Vec<String> = custom_fields.get().into_iter().collect();
                let name = custom_name.get();
                profile::custom(if name.trim().is_empty() { tr(l, h::PROFILE_CUSTOM) } else { &name }, &fields)
            }
            c => profile::fixed(c, l),
        }
    };
    let scope_label = move || -> (ScopeKind, String) {
        let l = lang.get();
        match which.get() {
            Which::All => (ScopeKind::All, tr(l, h::SCOPE_ALL).to_string()),
            // Not the search words: they may name a customer, and the header is not encrypted.
            Which::List => (ScopeKind::Filter, tr(l, h::SCOPE_LIST).to_string()),
            Which::Owner => {
                let o = owner.get();
                let name = archive.archive.with(|a| a.rep(&o).map(|r| r.name.clone())).unwrap_or_else(|| tr(l, h::NO_OWNER).to_string());
                (ScopeKind::Owner, format!("{}{}{name}", tr(l, h::SCOPE_OWNER), l.pick("：", ": ")))
            }
            Which::Region => (ScopeKind::Region, format!("{}{}{}", tr(l, h::SCOPE_REGION), l.pick("：", ": "), region.get())),
            Which::Grade => (ScopeKind::Grade, format!("{}{}", tr(l, h::SCOPE_GRADE_LABEL), tier.get().label(l))),
            Which::Ticked => (ScopeKind::Ticked, format!("{} {}", tr(l, h::TICKED), ticked.get().len())),
        }
    };

    let run = move |share: bool| {
        let l = lang.get_untracked();
        problem.set(None);
        done.set(None);
        let locked = lock.get_untracked();
        if locked {
            let (p, p2) = (pass.get_untracked(), pass2.get_untracked());
            if p.chars().count() < 8 {
                problem.set(Some(tr(l, h::PASSPHRASE_SHORT).into()));
                return;
            }
            if p != p2 {
                problem.set(Some(tr(l, h::PASSPHRASE_MISMATCH).into()));
                return;
            }
        }
        let due = match return_by.get_untracked().trim() {
            "" => None,
            s => match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                Ok(d) if d >= platform::today() => Some(d),
                _ => {
                    problem.set(Some(tr(l, h::RETURN_BY_PAST).into()));
                        return;
                }
            },
        };
        let (kind, label) = scope_label();
        let req = ExportRequest {
            profile: profile_now(),
            scope: Scope { kind, label },
            ids: scope_ids(),
            passphrase: locked.then(|| pass.get_untracked()),
            return_by: due,
            details: LogDetails { borrower: borrower.get_untracked(), approver: approver.get_untracked(), clerk: clerk.get_untracked(), purpose: purpose.get_untracked() },
            share,
        };
        busy.set(true);
        spawn_local(async move {
            let texts = crate::i18n::texts(l);
            match archive.export_bundle(req, progress).await {
                Ok(out) => done.set(Some(out)),
                Err(e) => problem.set(Some(h::error(l, &e, texts))),
            }
            progress.set(None);
            busy.set(false);
        });
    };

    let reps = move || archive.archive.with(|a| a.active_reps().map(|r| (r.id.clone(), r.name.clone())).collect::<Vec<_>>());
    let profile_radio = move |c: ProfileCode, pair: h::Pair| {
        view! {
            <label class="radio">
                <input type="radio" name="profile" data-profile=profile_code(c) prop:checked=move || code.get() == c on:change=move |_| {
                    code.set(c);
                    lock.set(c == ProfileCode::Backup || lock.get_untracked());
                }/>
                {move || tr(lang.get(), pair)}
            </label>
        }
    };
    let scope_radio = move |w: Which, pair: h::Pair| {
        view! {
            <label class="radio">
                <input type="radio" name="scope" data-scope=format!("{w:?}").to_lowercase() prop:checked=move || which.get() == w on:change=move |_| which.set(w)/>
                {move || tr(lang.get(), pair)}
            </label>
        }
    };
    let text_field = move |pair: h::Pair, value: RwSignal<String>, key: &'static str| {
        view! {
            <div class="field">
                <label for=format!("ex-{key}")>{move || tr(lang.get(), pair)}</label>
                <input type="text" id=format!("ex-{key}") data-field=key prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    let tick_matches = move || {
        let q = tick_query.get();
        if q.trim().is_empty() {
            return Vec::new();
        }
        let positions: Vec<u32> = archive.select(&q, &Filter::default()).into_iter().take(20).collect();
        archive.rows(&positions).into_iter().map(|(_, s)| (s.id, s.name, s.reg_no)).collect::<Vec<_>>()
    };

    view! {
        <section class="card handoff-export" data-export>
            <fieldset>
                <legend>{move || tr(lang.get(), h::SCOPE)}</legend>
                <div class="radio-row">
                    {scope_radio(Which::All, h::SCOPE_ALL)}
                    {scope_radio(Which::List, h::SCOPE_LIST)}
                    {scope_radio(Which::Owner, h::SCOPE_OWNER)}
                    {scope_radio(Which::Region, h::SCOPE_REGION)}
                    {scope_radio(Which::Grade, h::SCOPE_GRADE)}
                    {scope_radio(Which::Ticked, h::SCOPE_TICKED)}
                </div>
                <Show when=move || which.get() == Which::Owner>
                    <select data-owner aria-label=move || tr(lang.get(), h::SCOPE_OWNER) on:change=move |ev| owner.set(event_target_value(&ev))>
                        <option value="" selected=move || owner.get().is_empty()>{move || tr(lang.get(), h::NO_OWNER)}</option>
                        {move || reps().into_iter().map(|(id, name)| {
                            let sel = id.clone();
                            view! { <option value=id.clone() selected=move || owner.get() == sel>{name}</option> }
                        }).collect_view()}
                    </select>
                </Show>
                <Show when=move || which.get() == Which::Region>
                    <select data-region aria-label=move || tr(lang.get(), h::SCOPE_REGION) on:change=move |ev| region.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {move || archive.regions().into_iter().map(|r| view! { <option value=r.clone()>{r.clone()}</option> }).collect_view()}
                    </select>
                </Show>
                <Show when=move || which.get() == Which::Grade>
                    <select data-grade aria-label=move || tr(lang.get(), h::SCOPE_GRADE) on:change=move |ev| {
                        if let Some(t) = Tier::ALL.iter().copied().find(|t| t.code() == event_target_value(&ev)) {
                            tier.set(t);
                        }
                    }>
                        {Tier::ALL.iter().map(|&t| view! { <option value=t.code() selected=move || tier.get() == t>{move || t.label(lang.get())}</option> }).collect_view()}
                    </select>
                </Show>
                <Show when=move || which.get() == Which::Ticked>
                    <input type="search" data-tick-search placeholder=move || tr(lang.get(), h::TICK_SEARCH) prop:value=move || tick_query.get() on:input=move |ev| tick_query.set(event_target_value(&ev))/>
                    <ul class="checks tick-list">
                        {move || tick_matches().into_iter().map(|(id, name, no)| {
                            let (a, b) = (id.clone(), id.clone());
                            view! { <li><label class="check">
                                <input type="checkbox" data-tick=id.clone() prop:checked=move || ticked.with(|t| t.contains(&a)) on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    ticked.update(|t| { if on { t.insert(b.clone()); } else { t.remove(&b); } });
                                }/>
                                {name}" "<small class="muted">{no}</small>
                            </label></li> }
                        }).collect_view()}
                    </ul>
                </Show>
                <p class="count" data-scope-count>{move || format!("{}{}", dossier_core::format_count(scope_count.get() as u64), tr(lang.get(), h::SCOPE_COUNT))}</p>
            </fieldset>
            <fieldset>
                <legend>{move || tr(lang.get(), h::PROFILE)}</legend>
                <div class="radio-col">
                    {profile_radio(ProfileCode::Rep, h::PROFILE_REP)}
                    {profile_radio(ProfileCode::Service, h::PROFILE_SERVICE)}
                    {profile_radio(ProfileCode::Backup, h::PROFILE_BACKUP)}
                    {profile_radio(ProfileCode::Custom, h::PROFILE_CUSTOM)}
                </div>
                <Show when=move || code.get() == ProfileCode::Custom>
                    <CustomProfile name=custom_name fields=custom_fields lang=lang/>
                </Show>
                <p class="muted" data-withheld>{move || {
                    let l = lang.get();
                    let left = profile::withheld(&profile_now());
                    format!("{}{}", tr(l, h::WITHHELD_COUNT), if left.is_empty() { "—".to_string() } else { left.iter().map(|k| profile::label(k, l)).collect::<Vec<_>>().join(l.pick("、", ", ")) })
                }}</p>
            </fieldset>
            <fieldset>
                <legend>{move || tr(lang.get(), h::PASSPHRASE)}</legend>
                <label class="check"><input type="checkbox" data-lock prop:checked=move || lock.get() on:change=move |ev| lock.set(event_target_checked(&ev))/>{move || tr(lang.get(), h::LOCK)}</label>
                <Show when=move || lock.get()>
                    <div class="grid">
                        <div class="field"><label for="ex-pass">{move || tr(lang.get(), h::PASSPHRASE)}</label>
                            <input type="password" id="ex-pass" data-pass autocomplete="new-password" prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev))/></div>
                        <div class="field"><label for="ex-pass2">{move || tr(lang.get(), h::PASSPHRASE_AGAIN)}</label>
                            <input type="password" id="ex-pass2" data-pass2 autocomplete="new-password" prop:value=move || pass2.get() on:input=move |ev| pass2.set(event_target_value(&ev))/></div>
                    </div>
                </Show>
            </fieldset>
            <details>
                <summary>{move || tr(lang.get(), h::LEND)}</summary>
                <div class="grid">
                    {text_field(h::BORROWER, borrower, "borrower")}
                    {text_field(h::APPROVER, approver, "approver")}
                    {text_field(h::CLERK, clerk, "clerk")}
                    {text_field(h::PURPOSE, purpose, "purpose")}
                    <div class="field"><label for="ex-return">{move || tr(lang.get(), h::RETURN_BY)}</label>
                        <crate::components::date_input::DateInput id="ex-return".to_string() value=Signal::derive(move || return_by.get()) set=Callback::new(move |v: String| return_by.set(v))/></div>
                </div>
            </details>
            <div class="form-actions">
                <button class="primary" data-export-run prop:disabled=move || busy.get() on:click=move |_| run(false)>{move || tr(lang.get(), h::EXPORT_BUTTON)}</button>
                <Show when=move || archive.can_share_files()>
                    <button data-export-share prop:disabled=move || busy.get() on:click=move |_| run(true)>{move || tr(lang.get(), h::SHARE_BUTTON)}</button>
                </Show>
            </div>
            <Progress progress=progress label=Signal::derive(move || tr(lang.get(), h::EXPORTING))/>
            {move || problem.get().map(|p| view! { <p class="banner banner-error" role="alert" data-problem use:reveal>{p}</p> })}
            {move || done.get().map(|d| {
                let l = lang.get();
                let how = match d.offered {
                    Offered::Shared => tr(l, h::EXPORTED_SHARED),
                    Offered::ShareCancelled => tr(l, h::EXPORTED_CANCELLED),
                    _ => tr(l, h::EXPORTED_DOWNLOADED),
                };
                view! { <p class="banner banner-info" role="status" data-exported=d.counts.customers.to_string() data-result use:reveal>
                    {tr(l, h::EXPORTED)}{d.file_name.clone()}" · "{dossier_core::format_count(d.counts.customers)}{tr(l, h::SCOPE_COUNT)}" · "{crate::i18n::megabytes(d.bytes)}" · "{how}
                </p> }
            })}
        </section>
    }
}

fn profile_code(c: ProfileCode) -> &'static str {
    match c {
        ProfileCode::Rep => "rep",
        ProfileCode::Service => "service",
        ProfileCode::Backup => "backup",
        ProfileCode::Custom => "custom",
    }
}

/// The custom profile's name and field list, saved on this device for reuse.
#[component]
fn CustomProfile(name: RwSignal<String>, fields: RwSignal<BTreeSet<String>>, lang: RwSignal<Lang>) -> impl IntoView {
    let saved = RwSignal::new(false);
    view! {
        <div class="custom-profile" data-custom-profile>
            <div class="field"><label for="ex-custom-name">{move || tr(lang.get(), h::CUSTOM_NAME)}</label>
                <input type="text" id="ex-custom-name" prop:value=move || name.get() on:input=move |ev| { name.set(event_target_value(&ev)); saved.set(false); }/></div>
            <p class="label">{move || tr(lang.get(), h::CUSTOM_FIELDS)}</p>
            <ul class="checks field-list">
                {profile::all_keys().into_iter().map(|k| {
                    let (a, b) = (k.clone(), k.clone());
                    view! { <li><label class="check">
                        <input type="checkbox" data-key=k.clone() prop:checked=move || fields.with(|f| f.contains(&a)) on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            fields.update(|f| { if on { f.insert(b.clone()); } else { f.remove(&b); } });
                            saved.set(false);
                        }/>
                        {move || profile::label(&k, lang.get())}
                    </label></li> }
                }).collect_view()}
            </ul>
            <button on:click=move |_| {
                settings::save_custom_profile(&name.get_untracked(), &fields.get_untracked().into_iter().collect::<Vec<_>>());
                saved.set(true);
            }>{move || tr(lang.get(), h::CUSTOM_SAVE)}{move || if saved.get() { tr(lang.get(), h::SAVED) } else { "" }}</button>
        </div>
    }
}

/// A progress bar with what is under way, while `progress` is set (done, in all).
#[component]
pub fn Progress(progress: RwSignal<Option<(u32, u32)>>, #[prop(into)] label: Signal<&'static str>) -> impl IntoView {
    view! {
        {move || progress.get().map(|(done, all)| view! {
            <div class="progress-line" role="status" data-progress>
                <span>{label.get()}</span>
                <progress max=all.max(1).to_string() value=done.to_string()></progress>
            </div>
        })}
    }
}
