use dossier_core::{card_to_raw, contact_fields, contact_to_raw, FieldDef, FieldValue, Form, Input, Part};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::archive_state::CardFailure;
use crate::components::customer_file::CustomerFile;
use crate::components::delete_customer::DeleteCustomer;
use crate::components::field_input::display_value;
use crate::components::credit_panel::CreditPanel;
use crate::components::evaluation_form::EvaluationForm;
use crate::components::trade_panel::TradePanel;
use crate::components::grades_panel::GradesPanel;
use crate::components::owner_panel::OwnerPanel;
use crate::components::phone_link::PhoneLink;

use crate::platform::local_time;
use crate::route::{go, Page, Route};
use crate::state::{use_app, use_archive, use_texts};
use crate::reveal::reveal;
use crate::components::icon::{Glyph, Icon};

/// 客户资料卡: the four parts, people, status and history of one customer.
#[component]
pub fn CustomerCardPage(id: String) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let id = StoredValue::new(id);
    let customer = Memo::new(move |_| {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.get(&id.get_value()).cloned())
    });
    let error = RwSignal::new(None::<String>);
    // Previous / next in the list the user came from (its current search, filters and order).
    let neighbours = Memo::new(move |_| {
        archive.revision.track();
        let here = archive.position(&id.get_value());
        let order = app.list.order.get_value();
        let i = here.and_then(|p| order.iter().position(|&x| x == p))?;
        let live = |p: &u32| archive.rows(&[*p]).pop().filter(|(_, c)| !c.deleted).map(|(_, c)| c.id);
        let prev = order[..i].iter().rev().find_map(live);
        let next = order[i + 1..].iter().find_map(live);
        Some((prev, next, i + 1, order.len()))
    });
    let step = move |forward: bool| {
        if let Some((prev, next, _, _)) = neighbours.get_untracked() {
            if let Some(target) = if forward { next } else { prev } {
                go(&Page::Card(target));
            }
        }
    };
    // ← / → walk the list too, unless the user is typing.
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        let typing = document().active_element().is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if typing || e.alt_key() || e.ctrl_key() || e.meta_key() {
            return;
        }
        match e.key().as_str() {
            "ArrowLeft" => step(false),
            "ArrowRight" => step(true),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    // What restoring answered.
    let answered = move |result: Result<(), CardFailure>| match result {
        Ok(()) => error.set(None),
        Err(e) => error.set(Some(t.get_untracked().card_failure(&e, lang.get_untracked()))),
    };
    // 删除 is `DeleteCustomer` (asks first when the file holds anything); a deleted card opened
    // by its address is restored as from the 回收站.
    let restore = move |_| spawn_local(async move { answered(archive.restore_from_bin(&id.get_value()).await) });

    // The same pager at the top and at the foot of a long card (the bottom one has its own
    // names: a test or a screen reader tells them apart).
    let pager = move |bottom: bool| {
        move || neighbours.get().map(|(prev, next, at, of)| view! {
            <nav class="pager" aria-label=if bottom { format!("{} ({})", t.get().back_to_list, t.get().next_customer) } else { t.get().back_to_list.to_string() }>
                <button type="button" data-action=if bottom { "prev-bottom" } else { "prev" } disabled=prev.is_none() on:click=move |_| step(false)>"‹ "{t.get().prev_customer}</button>
                <span class="muted" data-list-place>{format!("{at} / {of}")}</span>
                <button type="button" data-action=if bottom { "next-bottom" } else { "next" } disabled=next.is_none() on:click=move |_| step(true)>{t.get().next_customer}" ›"</button>
            </nav>
        })
    };
    view! {
        <div class="crumbs">
            <a class="back-link" href=Route::Customers.href()>"← "{move || t.get().back_to_list}</a>
            {pager(false)}
        </div>
        {move || match customer.get() {
            None => view! { <p class="banner banner-error" role="alert" data-not-found>{t.get().not_found}</p> }.into_any(),
            Some(c) => {
                let l = lang.get();
                let tx = t.get();
                let form: Form = c.kind().form();
                let raw = card_to_raw(&c.body);
                // The four parts; an empty one is a one-line header that opens on tap.
                let part_view = |part: Part| {
                    let rows: Vec<_> = form.fields().iter().filter(|f| f.part == part).filter_map(|f| {
                        let v = raw.get(f.key)?;
                        let shown = value_view(f, v, l, tx.yes)?;
                        Some(view! { <dt>{f.label(l)}</dt><dd data-field=f.key>{shown}</dd> })
                    }).collect();
                    let empty = rows.is_empty();
                    section(part.label(l).to_string(), empty, l, view! { <dl class="facts">{rows}</dl> }.into_any())
                };
                let basic = part_view(Part::Basic);
                let parts = Part::ALL.iter().filter(|&&p| p != Part::Basic).map(|&part| part_view(part)).collect_view();
                let contacts = c.live_contacts().map(|p| {
                    let raw = contact_to_raw(&p.info);
                    // Phones first: the person is usually looked up to be called.
                    let mut fields: Vec<_> = contact_fields().iter().filter(|f| f.key != "name").collect();
                    fields.sort_by_key(|f| f.input != Input::Tel);
                    let rows = fields.into_iter().filter_map(|f| {
                        let shown = value_view(f, raw.get(f.key)?, l, tx.yes)?;
                        Some(view! { <dt>{f.label(l)}</dt><dd>{shown}</dd> })
                    }).collect_view();
                    view! { <article class="person" data-contact=p.info.name.clone()><h3>{p.info.name.clone()}</h3><dl class="facts">{rows}</dl></article> }
                }).collect_view();
                let has_contacts = c.live_contacts().next().is_some();
                let history = archive.archive.with_untracked(|a| {
                    a.history_of(&c.id).into_iter().map(|h| {
                        let when = local_time(h.stamp.at.ms);
                        let summary = if h.action == dossier_core::Action::Import {
                            crate::i18n::handoff::provenance(l, &h.changes)
                        } else {
                            h.summary(l, |key| {
                                let key = key.rsplit('.').next().unwrap_or(key);
                                form.field(key).or_else(|| Form::Contact.field(key)).map(|f| f.label(l).to_string()).unwrap_or_else(|| dossier_core::bundle::profile::label(key, l))
                            })
                        };
                        view! { <li><time>{when}</time>" "{summary}</li> }
                    }).collect_view()
                });
                let history_empty = archive.archive.with_untracked(|a| a.history_of(&c.id).is_empty());
                view! {
                    <div class="card-head">
                        <h1 data-card=c.id.clone()>{c.display_name().to_string()}</h1>
                        <p class="muted"><span data-reg-no>{c.reg_no.clone()}</span>" · "{c.kind().label(l)}" · "<span data-stage=c.stage.code()>{c.stage.label(l)}</span></p>
                        {c.deleted.then(|| {
                            // A card merged away: say where the customer lives now (following chains).
                            let now = (!c.merged_into.is_empty()).then(|| {
                                let id = dossier_core::follow_merged_by(&c.id, |id| archive.summary(id).filter(|s| s.deleted && !s.merged_into.is_empty()).map(|s| s.merged_into));
                                archive.summary(&id).filter(|s| !s.deleted).map(|s| (id.clone(), s.name))
                            }).flatten();
                            view! {
                                <p class="banner banner-error">{tx.card_deleted}
                                    {now.map(|(id, name)| view! { " "{tx.merged_into_notice}<a data-merged-into=id.clone() href=Page::Card(id).href()>{name}</a> })}
                                </p>
                            }
                        })}
                        <div class="actions">
                            // A deleted card is read-only until restored (a merged one stays where it went).
                            {(!c.deleted).then(|| view! {
                                <a class="button primary" data-action="edit" href=Page::Edit(c.id.clone()).href()>{tx.edit}</a>
                            })}
                            {(c.deleted && c.merged_into.is_empty()).then(|| view! {
                                <button type="button" class="primary" data-action="restore" on:click=restore>{crate::i18n::grading::tr(l, crate::i18n::recycle_bin::RESTORE)}</button>
                            })}
                            <button type="button" class="with-icon" data-action="print" onclick="window.print()"><Icon glyph=Glyph::Printer/>{tx.print}</button>
                            {(!c.deleted).then(|| view! {
                                <DeleteCustomer id=c.id.clone()/>
                            })}
                        </div>
                        {move || error.get().map(|m| view! { <p class="banner banner-error" role="alert" use:reveal>{m}</p> })}
                        {archive.lent_until(&c.id).map(|d| {
                            use crate::i18n::handoff::{self as h, tr};
                            let overdue = d < crate::platform::today();
                            let text = tr(l, if overdue { h::LENT_OVERDUE } else { h::LENT_HERE }).replace("{d}", &d.format("%Y-%m-%d").to_string());
                            view! { <p class="banner" class:banner-error=overdue data-lent-copy>{text}</p> }
                        })}
                        {(!c.withheld.is_empty()).then(|| {
                            let names = c.withheld.iter().map(|k| dossier_core::bundle::profile::label(k, l)).collect::<Vec<_>>().join(l.pick("、", ", "));
                            view! { <p class="banner banner-info" data-withheld-card>{crate::i18n::handoff::tr(l, crate::i18n::handoff::WITHHELD_CARD)}{names}</p> }
                        })}
                    </div>
                    // Who the customer is and how to reach them first (the rep opens a card to
                    // call), then the trade, grades, credit and file, then the rest of the card.
                    {basic}
                    {section(tx.contacts.to_string(), !has_contacts, l,
                        if has_contacts { contacts.into_any() } else { view! { <p class="muted">{tx.no_contacts}</p> }.into_any() })}
                    <OwnerPanel customer=c.clone()/>
                    <TradePanel customer=c.clone()/>
                    <GradesPanel customer=c.clone()/>
                    <CreditPanel customer=c.clone()/>
                    <EvaluationForm customer=c.clone()/>
                    <CustomerFile customer_id=c.id.clone()/>
                    {parts}
                    {section(tx.history.to_string(), history_empty, l,
                        if history_empty { view! { <p class="muted">{tx.no_history}</p> }.into_any() } else { view! { <ol class="history" data-history>{history}</ol> }.into_any() })}
                }.into_any()
            }
        }}
        <div class="crumbs crumbs-bottom">{pager(true)}</div>
    }
}

/// A section of the card; an empty one is a one-line header saying so, which opens on tap.
fn section(title: String, empty: bool, l: dossier_core::Lang, body: AnyView) -> AnyView {
    use crate::i18n::tablet::{self as tb, tr};
    if empty {
        view! {
            <details class="card section-empty" data-empty-section>
                <summary><h2>{title}<span class="muted">{tr(l, tb::EMPTY_SECTION)}</span></h2></summary>
                {body}
            </details>
        }
        .into_any()
    } else {
        view! { <section class="card"><h2>{title}</h2>{body}</section> }.into_any()
    }
}

/// A field's value on the card, `None` when there is nothing to show: phones are links that
/// call, with a copy button; tables stored in a field (经营品种及比重) are tables.
fn value_view(f: &FieldDef, v: &FieldValue, l: dossier_core::Lang, yes: &'static str) -> Option<AnyView> {
    if let (Input::Rows(cols), FieldValue::Rows(rows)) = (f.input, v) {
        if rows.is_empty() {
            return None;
        }
        let head = cols.iter().map(|c| view! { <th scope="col">{c.label(l)}</th> }).collect_view();
        let body = rows.iter().map(|r| {
            let cells = (0..cols.len()).map(|i| view! { <td>{r.get(i).cloned().unwrap_or_default()}</td> }).collect_view();
            view! { <tr>{cells}</tr> }
        }).collect_view();
        return Some(view! { <table class="table field-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table> }.into_any());
    }
    let text = display_value(f, v, l, yes);
    if text.is_empty() {
        None
    } else if f.input == Input::Tel {
        Some(view! { <PhoneLink number=text/> }.into_any())
    } else {
        Some(text.into_any())
    }
}
