use std::collections::{BTreeMap, BTreeSet};

use dossier_core::commands::cards::{dup_query, CardEdit};
use dossier_core::{
    card_to_raw, contact_fields, contact_to_raw, validate_card, validate_contact, CardBody, ContactFields, Customer,
    DupCheck, FieldError, Hlc, Kind, Part, RawForm, Tag, Tier,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::archive_state::{version_of, ArchiveState, CardFailure, NewCustomer, SaveError};
use crate::components::dup_notice::DupNotice;
use crate::components::field_input::FieldInput;
use crate::i18n::tablet::{self as tb, tr};

use crate::platform;
use crate::reveal::reveal;
use crate::route::{go, Page, Route};
use crate::state::{confirm_leave, use_app, use_archive, use_texts};

/// A person being edited: `id` is `None` until saved for the first time.
#[derive(Clone)]
struct PersonDraft {
    ui_key: u32,
    id: Option<String>,
    values: RwSignal<RawForm>,
}

/// Status and grouping edited with the card.
#[derive(Clone, Debug, Default, PartialEq)]
struct StatusDraft {
    tier: Option<Tier>,
    region: String,
    tags: BTreeSet<Tag>,
}

/// Each message is shown under its field, whose label says already which field it is.
fn field_errors(errors: Vec<FieldError>, prefix: &str, lang: dossier_core::Lang, into: &mut BTreeMap<String, String>) {
    for e in errors {
        into.entry(format!("{prefix}{}", e.field)).or_insert_with(|| e.problem_text(lang));
    }
}

/// The fields a rep fills on the spot (who, how to reach them, what kind of customer, since
/// when, on what terms); the rest of the card waits behind 更多资料.
fn is_common(kind: Kind, key: &str) -> bool {
    match kind {
        Kind::Enterprise => matches!(key, "name" | "address" | "phone" | "fax" | "nature" | "category" | "first_trade" | "credit_days"),
        Kind::Individual => {
            matches!(key, "name" | "company" | "title" | "address" | "mobile" | "office_phone" | "home_phone" | "first_trade" | "credit_days")
        }
    }
}

/// A person's fields shown at once; the others are behind the person's own 更多资料.
const CONTACT_COMMON: &[&str] = &["name", "position", "roles", "mobile", "office_phone"];

/// Create (`kind`) or edit (`id`) a customer card, with its people and status.
#[component]
pub fn CustomerEditPage(id: Option<String>, kind: Option<Kind>) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let existing: Option<Customer> = id.as_ref().and_then(|id| archive.archive.with_untracked(|a| a.get(id).cloned()));
    if id.is_some() && existing.is_none() {
        return view! { <p class="banner banner-error" role="alert">{move || t.get().not_found}</p> }.into_any();
    }
    let kind = existing.as_ref().map(|c| c.kind()).or(kind).unwrap_or(Kind::Enterprise);
    let base: Option<Hlc> = existing.as_ref().map(version_of);
    let values = RwSignal::new(existing.as_ref().map(|c| card_to_raw(&c.body)).unwrap_or_default());
    let next_key = StoredValue::new(0u32);
    let new_person = move |id: Option<String>, raw: RawForm| {
        let ui_key = next_key.get_value();
        next_key.set_value(ui_key + 1);
        PersonDraft { ui_key, id, values: RwSignal::new(raw) }
    };
    let people = RwSignal::new(
        existing
            .as_ref()
            .map(|c| c.live_contacts().map(|p| new_person(Some(p.id.clone()), contact_to_raw(&p.info))).collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    let status = RwSignal::new(
        existing
            .as_ref()
            .map(|c| StatusDraft { tier: c.tier, region: c.region.clone(), tags: c.tags.clone() })
            .unwrap_or_default(),
    );
    let snapshot = move || {
        (values.get(), people.with(|p| p.iter().map(|d| (d.id.clone(), d.values.get())).collect::<Vec<_>>()), status.get())
    };
    let initial = StoredValue::new(snapshot());
    let dirty = Memo::new(move |_| initial.with_value(|i| *i != snapshot()));
    Effect::new(move |_| app.dirty.set(dirty.get()));
    on_cleanup(move || app.dirty.set(false));
    let unload = window_event_listener(leptos::ev::beforeunload, move |e| {
        if dirty.get_untracked() {
            e.prevent_default();
        }
    });
    on_cleanup(move || unload.remove());

    let errors = RwSignal::new(BTreeMap::<String, String>::new());
    let message = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let conflict = RwSignal::new(false);
    let existing_id = StoredValue::new(existing.as_ref().map(|c| c.id.clone()));
    let before = StoredValue::new(existing.clone());
    let dup = RwSignal::new(None::<DupCheck>);
    // The duplicate index costs ≈ 0.5 s to build at 100,000 customers: build it while the user
    // fills the form, not when they press save.
    spawn_local(async move {
        crate::perf::next_frame().await;
        archive.ensure_dups();
    });
    let owner = RwSignal::new(app.me.get_untracked().unwrap_or_default());

    let save = move |overwrite: bool, similar_ok: bool| {
        let today = platform::today();
        let l = lang.get_untracked();
        let mut errs = BTreeMap::new();
        let body = validate_card(kind, &values.get_untracked(), today).map_err(|e| field_errors(e, "", l, &mut errs)).ok();
        let drafts = people.get_untracked();
        let mut infos: Vec<(Option<String>, ContactFields)> = Vec::new();
        for (i, d) in drafts.iter().enumerate() {
            match validate_contact(&d.values.get_untracked(), today) {
                Ok(info) => infos.push((d.id.clone(), info)),
                Err(e) => field_errors(e, &format!("c{i}-"), l, &mut errs),
            }
        }
        errors.set(errs.clone());
        let Some(body) = body.filter(|_| errs.is_empty()) else {
            message.set(Some(t.get_untracked().form_has_errors.to_string()));
            crate::reveal::reveal_first("[aria-invalid=true]");
            return;
        };
        // 查重 before anything is written.
        let check = before.with_value(|b| duplicate_check(archive, &body, &infos, b.as_ref()));
        if check.is_blocking() || (!similar_ok && !check.similar_names.is_empty()) {
            dup.set(Some(check));
            message.set(None);
            return;
        }
        dup.set(None);
        message.set(None);
        saving.set(true);
        let st = status.get_untracked();
        let owner = owner.get_untracked();
        spawn_local(async move {
            let result = match existing_id.get_value() {
                None => {
                    let new = NewCustomer {
                        body,
                        people: infos.into_iter().map(|(_, info)| info).collect(),
                        tier: st.tier,
                        region: st.region,
                        tags: st.tags,
                        owner,
                        by: crate::settings::load_me().unwrap_or_default(),
                        today,
                    };
                    archive.create_customer(new).await
                }
                Some(id) => {
                    let edit = CardEdit { body, people: infos, tier: st.tier, region: st.region, tags: st.tags, today: crate::platform::today() };
                    archive.edit_card(&id, edit, if overwrite { None } else { base }).await.map(|()| id)
                }
            };
            saving.set(false);
            match result {
                Ok(id) => {
                    conflict.set(false);
                    initial.set_value(snapshot());
                    app.dirty.set(false);
                    go(&Page::Card(id));
                }
                Err(CardFailure::Save(SaveError::Conflict)) => conflict.set(true),
                Err(e) => message.set(Some(t.get_untracked().card_failure(&e, lang.get_untracked()))),
            }
        });
    };

    let fields = kind.form().fields();
    let common = fields
        .iter()
        .filter(|f| is_common(kind, f.key))
        .map(|def| view! { <FieldInput def=def prefix="" values=values errors=errors/> })
        .collect_view();
    // Open when editing a card that has something there (so its values are seen), closed on a
    // new card; an error in it opens it (`reveal_first` opens closed `<details>`).
    let more_open = values.with_untracked(|v| fields.iter().any(|f| !is_common(kind, f.key) && v.get(f.key).is_some_and(|x| !x.is_empty())));
    let parts = Part::ALL
        .iter()
        .map(|&part| {
            let inputs = fields
                .iter()
                .filter(|f| f.part == part && !is_common(kind, f.key))
                .map(|def| view! { <FieldInput def=def prefix="" values=values errors=errors/> })
                .collect_view();
            view! { <fieldset class="card"><legend>{move || part.label(lang.get())}</legend><div class="grid">{inputs}</div></fieldset> }
        })
        .collect_view();

    let people_editor = (kind == Kind::Enterprise).then(|| {
        view! {
            <fieldset class="card">
                <legend>{move || t.get().contacts}</legend>
                {move || people.get().into_iter().enumerate().map(|(i, d)| {
                    let prefix = format!("c{i}-");
                    let ui_key = d.ui_key;
                    view! {
                        <div class="person" data-person=i>
                            <h3>{move || t.get().person}" "{i + 1}</h3>
                            <div class="grid">
                                {contact_fields().iter().filter(|f| CONTACT_COMMON.contains(&f.key)).map(|def| view! { <FieldInput def=def prefix=prefix.clone() values=d.values errors=errors/> }).collect_view()}
                            </div>
                            <details class="more" data-person-more open=d.values.with_untracked(|v| contact_fields().iter().any(|f| !CONTACT_COMMON.contains(&f.key) && v.get(f.key).is_some_and(|x| !x.is_empty())))>
                                <summary>{move || tr(lang.get(), tb::PERSON_MORE)}</summary>
                                <div class="grid">
                                    {contact_fields().iter().filter(|f| !CONTACT_COMMON.contains(&f.key)).map(|def| view! { <FieldInput def=def prefix=prefix.clone() values=d.values errors=errors/> }).collect_view()}
                                </div>
                            </details>
                            <button type="button" class="danger" on:click=move |_| people.update(|p| p.retain(|x| x.ui_key != ui_key))>
                                {move || t.get().remove_contact}
                            </button>
                        </div>
                    }
                }).collect_view()}
                <button type="button" data-action="add-contact" on:click=move |_| people.update(|p| p.push(new_person(None, RawForm::new())))>
                    "+ "{move || t.get().add_contact}
                </button>
            </fieldset>
        }
    });

    let tier_select = view! {
        <div class="field">
            <label for="status-tier">{move || t.get().filter_tier}</label>
            <select id="status-tier" prop:value=move || status.with(|s| s.tier.map(|x| x.code()).unwrap_or(""))
                on:change=move |e| status.update(|s| s.tier = Tier::from_code(&event_target_value(&e)))>
                <option value="">"—"</option>
                {Tier::ALL.iter().map(|&x| view! { <option value=x.code()>{move || x.label(lang.get())}</option> }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="status-region">{move || t.get().region}</label>
            <input id="status-region" type="text" prop:value=move || status.with(|s| s.region.clone())
                on:input=move |e| status.update(|s| s.region = event_target_value(&e))/>
        </div>
        <div class="field field-wide">
            <span class="label">{move || t.get().tags}</span>
            <div class="checks">
                {Tag::ALL.iter().map(|&tag| view! {
                    <label class="check"><input type="checkbox" prop:checked=move || status.with(|s| s.tags.contains(&tag))
                        on:change=move |e| status.update(|s| { if event_target_checked(&e) { s.tags.insert(tag); } else { s.tags.remove(&tag); } })/>
                        {move || tag.label(lang.get())}</label>
                }).collect_view()}
            </div>
        </div>
    };

    // The owner the card will be saved with is the one shown selected: the reps are read again
    // when the archive arrives (a form opened cold renders before it), and each option says
    // itself whether it is the chosen one, so the choice holds whenever the options appear.
    let owner_select = existing.is_none().then(|| {
        let reps = Memo::new(move |_| {
            archive.revision.track();
            archive.archive.with_untracked(|a| a.active_reps().map(|r| (r.id.clone(), r.name.clone())).collect::<Vec<_>>())
        });
        view! {
            <div class="field">
                <label for="status-owner">{move || t.get().owner}</label>
                <select id="status-owner" on:change=move |e| owner.set(event_target_value(&e))>
                    <option value="" prop:selected=move || owner.with(|o| o.is_empty())>{move || t.get().owner_none}</option>
                    {move || reps.get().into_iter().map(|(id, name)| {
                        let mine = id.clone();
                        view! { <option value=id prop:selected=move || owner.with(|o| *o == mine)>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    });

    let title = move || match (existing_id.get_value(), kind) {
        (Some(_), _) => t.get().edit_title,
        (None, Kind::Individual) => t.get().new_individual,
        (None, Kind::Enterprise) => t.get().new_enterprise,
    };
    let back = existing_id.get_value().map(Page::Card).unwrap_or(Page::Section(Route::Customers));
    view! {
        <form class="edit" novalidate on:submit=move |e| { e.prevent_default(); save(false, false); }>
            <h1>{title}</h1>
            <fieldset class="card" data-main><legend>{move || tr(lang.get(), tb::MAIN_DETAILS)}</legend><div class="grid">{common}</div></fieldset>
            {people_editor}
            <fieldset class="card"><legend>{move || t.get().lifecycle}</legend><div class="grid">{owner_select}{tier_select}</div></fieldset>
            <details class="more card" data-more open=more_open>
                <summary>{move || tr(lang.get(), tb::MORE_DETAILS)}<small class="muted">{move || tr(lang.get(), tb::MORE_DETAILS_HINT)}</small></summary>
                {parts}
            </details>
            {move || conflict.get().then(|| view! {
                <div class="banner banner-error" role="alert" data-conflict use:reveal>
                    <p>{t.get().conflict}</p>
                    <button type="button" on:click=move |_| { app.dirty.set(false); initial.set_value(snapshot()); go(&existing_id.get_value().map(Page::Card).unwrap_or(Page::Section(Route::Customers))); }>{t.get().conflict_reload}</button>
                    <button type="button" class="danger" data-action="overwrite" on:click=move |_| save(true, true)>{t.get().conflict_overwrite}</button>
                </div>
            })}
            {move || dup.get().map(|check| view! { <DupNotice check=check on_override=Callback::new(move |_| save(false, true))/> })}
            {move || message.get().map(|m| view! { <p class="banner banner-error" role="alert" data-form-message use:reveal>{m}</p> })}
            <div class="form-actions">
                <button type="submit" class="primary" data-action="save" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
                <a class="button" href=back.href() on:click=move |e| if !confirm_leave(app) { e.prevent_default(); }>{move || t.get().cancel}</a>
            </div>
        </form>
    }
    .into_any()
}

/// The duplicate check of the form as it would be saved (what counts on an edit:
/// [`dup_query`]).
fn duplicate_check(archive: ArchiveState, body: &CardBody, people: &[(Option<String>, ContactFields)], before: Option<&Customer>) -> DupCheck {
    let q = dup_query(body, people.iter().map(|(_, info)| info), before);
    archive.dup_check(q.name, &q.phones, q.tax, q.editing)
}
