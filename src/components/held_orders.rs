use dossier_core::ledger::credit::order_check;
use dossier_core::ledger::{EntryBody, OrderStatus};
use dossier_core::Entry;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::credit_card::{self as w, tr};
use crate::reveal::reveal;
use crate::state::{use_app, use_archive, use_texts};

/// 信用冻结的订单: each held order with its amount and why the check holds it (and what would
/// pass it); a manager releases one with a reason and the manager passphrase. Orders released
/// and still waiting to ship stay listed with their status, and every release is logged below.
#[component]
pub fn HeldOrders(customer_id: String, entries: Memo<Vec<Entry>>) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let cid = StoredValue::new(customer_id);
    // The order whose release form is open; `None`: the first held one (ids stay unique).
    let chosen = RwSignal::new(None::<String>);
    let by = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let pass = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);

    // (id, order no., amount, status, explanation) of held orders and of released ones still to ship.
    let orders = move || {
        let l = lang.get();
        let settings = crate::settings::load_credit();
        let today = crate::platform::today();
        entries.with(|es| {
            let released: Vec<&str> = es
                .iter()
                .filter(|e| !e.deleted)
                .filter_map(|e| match &e.body {
                    EntryBody::Release(r) => Some(r.oid.as_str()),
                    _ => None,
                })
                .collect();
            let mut v: Vec<(String, String, i64, OrderStatus, String)> = es
                .iter()
                .filter(|e| !e.deleted)
                .filter_map(|e| {
                    let EntryBody::Order(o) = &e.body else { return None };
                    let held = o.status == OrderStatus::Blocked;
                    let shown = held || (o.status == OrderStatus::Open && released.contains(&e.id.as_str()));
                    if !shown {
                        return None;
                    }
                    let fen = o.amount().unwrap_or(0);
                    let why = if held {
                        order_check(es, fen, o.cash, Some(&e.id), &settings, today).explain(l)
                    } else {
                        String::new()
                    };
                    Some((e.id.clone(), o.no.clone(), fen, o.status, why))
                })
                .collect();
            v.sort_by(|a, b| a.1.cmp(&b.1));
            v
        })
    };
    let releases = move || {
        entries.with(|es| {
            let mut v: Vec<(String, dossier_core::ledger::credit::Release, String)> = es
                .iter()
                .filter(|e| !e.deleted)
                .filter_map(|e| match &e.body {
                    EntryBody::Release(r) => {
                        let no = es
                            .iter()
                            .find(|o| o.id == r.oid)
                            .and_then(|o| match &o.body {
                                EntryBody::Order(o) => Some(o.no.clone()),
                                _ => None,
                            })
                            .unwrap_or_default();
                        Some((e.id.clone(), r.clone(), no))
                    }
                    _ => None,
                })
                .collect();
            v.sort_by_key(|r| std::cmp::Reverse(r.1.date));
            v
        })
    };

    let release = move |order_id: String| {
        if busy.get_untracked() {
            return;
        }
        let l = lang.get_untracked();
        let (b, r, p) = (by.get_untracked(), reason.get_untracked(), pass.get_untracked());
        busy.set(true);
        error.set(None);
        done.set(None);
        spawn_local(async move {
            let result = archive.release_order(&cid.get_value(), &order_id, &b, &r, &p, l).await;
            busy.set(false);
            // The passphrase never stays in the page, right or wrong.
            pass.set(String::new());
            match result {
                Ok(()) => {
                    reason.set(String::new());
                    chosen.set(None);
                    done.set(Some(order_id));
                }
                Err(e) => error.set(Some(e.text(l, t.get_untracked()))),
            }
        });
    };

    let form = move |order_id: String| {
        let l = lang.get_untracked();
        let oid = order_id.clone();
        view! {
            <form class="credit-form release-form" data-release-form=order_id novalidate
                on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); release(oid.clone()); }>
                <div class="grid">
                    <div class="field">
                        <label for="release-by">{tr(l, w::RELEASE_BY)}</label>
                        <input id="release-by" type="text" autocomplete="name" prop:value=move || by.get() on:input=move |e| by.set(event_target_value(&e))/>
                    </div>
                    <div class="field">
                        <label for="release-pass">{tr(l, w::RELEASE_PASS)}</label>
                        <input id="release-pass" type="password" autocomplete="off" prop:value=move || pass.get() on:input=move |e| pass.set(event_target_value(&e))/>
                    </div>
                    <div class="field field-wide">
                        <label for="release-reason">{tr(l, w::RELEASE_REASON)}</label>
                        <textarea id="release-reason" rows="2" prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e))></textarea>
                    </div>
                </div>
                {move || error.get().map(|m| view! { <p class="banner banner-error" role="alert" data-release-error use:reveal>{m}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" data-action="release" prop:disabled=move || busy.get()>
                        {move || if busy.get() { tr(lang.get(), w::RELEASE_CHECKING) } else { tr(lang.get(), w::RELEASE) }}
                    </button>
                </div>
            </form>
        }
    };

    view! {
        <div class="credit-part" data-held-orders>
            <h3>{move || tr(lang.get(), w::HELD)}</h3>
            {move || done.get().map(|_| view! {
                <p class="banner banner-ok" role="status" data-released use:reveal>
                    {tr(lang.get(), w::RELEASED)}{OrderStatus::Open.label(lang.get())}
                </p>
            })}
            {move || {
                let l = lang.get();
                let list = orders();
                if list.is_empty() {
                    return view! { <p class="muted">{tr(l, w::NO_HELD)}</p> }.into_any();
                }
                let first_held = list.iter().find(|o| o.3 == OrderStatus::Blocked).map(|o| o.0.clone());
                let open = chosen.get().filter(|c| list.iter().any(|o| o.0 == *c && o.3 == OrderStatus::Blocked)).or(first_held);
                view! {
                    <ul class="held-orders">
                        {list.into_iter().map(|(id, no, fen, status, why)| {
                            let held = status == OrderStatus::Blocked;
                            let here = open.as_deref() == Some(id.as_str());
                            let pick = id.clone();
                            view! {
                                <li data-held-order=id.clone() data-status=status.code() class:released=!held>
                                    <p class="held-line">
                                        <strong>{tr(l, w::ORDER)}" "{no}</strong>" · "
                                        <span data-order-amount=fen.to_string()>{w::yuan(fen)}</span>" · "
                                        <span class="tag" data-order-status>{if held { status.label(l).to_string() } else { format!("{}{}", tr(l, w::RELEASED_WAITING), status.label(l)) }}</span>
                                    </p>
                                    {held.then(|| view! { <p class="held-why" data-check-explain>{why}</p> })}
                                    {if here {
                                        form(id.clone()).into_any()
                                    } else if held {
                                        view! { <button type="button" data-action="open-release" on:click=move |_| { error.set(None); chosen.set(Some(pick.clone())); }>{tr(l, w::RELEASE_THIS)}</button> }.into_any()
                                    } else {
                                        ().into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h4>{move || tr(lang.get(), w::RELEASES)}</h4>
            {move || {
                let l = lang.get();
                let list = releases();
                if list.is_empty() {
                    return view! { <p class="muted" data-no-releases>{tr(l, w::NO_RELEASES)}</p> }.into_any();
                }
                view! {
                    <ul class="history releases">
                        {list.into_iter().map(|(id, r, no)| view! {
                            <li data-release=id data-order=r.oid.clone()>
                                <time>{w::day(r.date)}</time>" "{tr(l, w::ORDER)}" "{no}" · "{r.by.clone()}" · "{r.reason.clone()}
                                {(!r.check.is_empty()).then(|| view! { <br/><small class="muted">{tr(l, w::CHECK_THEN)}{r.check.clone()}</small> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}
