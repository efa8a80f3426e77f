use dossier_core::credit::{all_limits, current_approval, Approval, ApprovalError, Limit, Method};
use dossier_core::ledger::credit::{approvals, current_info};
use dossier_core::{parse_yuan, Entry};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::credit_panel::my_name;
use crate::i18n::credit_card::{self as w, tr};
use crate::reveal::reveal;
use crate::state::{use_app, use_archive, use_texts};

/// The five methods side by side, each with its amount and working or why it does not apply,
/// the class's proposal marked; approving one (or an amount set by hand, with a note); the
/// approval history, latest first.
#[component]
pub fn CreditMethods(customer_id: String, entries: Memo<Vec<Entry>>, read_only: bool) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let cid = StoredValue::new(customer_id);
    // The method whose result is in the form; any other amount typed makes it a manual one.
    let picked = RwSignal::new(None::<Limit>);
    let amount = RwSignal::new(String::new());
    let by = RwSignal::new(my_name(archive));
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);

    // The five results for the latest profile; method 3's base is the limit in force.
    let limits = Memo::new(move |_| {
        let settings = crate::settings::load_credit();
        entries.with(|es| {
            let profile = current_info(es).map(|i| i.profile.clone()).unwrap_or_default();
            let class = current_info(es).and_then(|i| i.class);
            let history = approvals(es);
            let base = current_approval(&history).map(|a| a.fen);
            let all = all_limits(&profile, base, &settings);
            let ok: Vec<Limit> = all.iter().filter_map(|r| r.as_ref().ok().cloned()).collect();
            let proposed = class.and_then(|c| c.propose(&ok).map(|l| l.method));
            (all, proposed)
        })
    });

    let approve = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let today = crate::platform::today();
        let text = amount.get_untracked();
        let (b, n) = (by.get_untracked(), note.get_untracked());
        let fen = match parse_yuan(&text) {
            Ok(f) if !text.trim().is_empty() => f,
            Ok(_) => {
                error.set(Some(tr(l, w::AMOUNT_REQUIRED).to_string()));
                return;
            }
            Err(_) => {
                error.set(Some(format!("{}{}{}", tr(l, w::APPROVE_AMOUNT), l.pick("：", ": "), tr(l, w::NOT_A_NUMBER))));
                return;
            }
        };
        let approval: Result<Approval, ApprovalError> = match picked.get_untracked() {
            Some(m) if m.fen == fen => Approval::of_limit(&m, &b, &n, l, today),
            _ => Approval::manual(fen, &b, &n, today),
        };
        spawn_local(async move {
            match archive.approve_limit(&cid.get_value(), approval).await {
                Ok(_) => {
                    error.set(None);
                    picked.set(None);
                    amount.set(String::new());
                    note.set(String::new());
                    saved.set(Some(w::yuan(fen)));
                }
                Err(e) => {
                    saved.set(None);
                    error.set(Some(e.text(l, t.get_untracked())));
                }
            }
        });
    };

    let cards = move || {
        let l = lang.get();
        let (all, proposed) = limits.get();
        all.into_iter()
            .enumerate()
            .map(|(i, r)| {
                let method = Method::ALL[i];
                let is_proposed = proposed == Some(method);
                let body = match r {
                    Ok(limit) => {
                        let fen = limit.fen;
                        let working = limit.working(l).to_string();
                        view! {
                            <p class="method-amount" data-method-amount=fen.to_string()>{w::yuan(fen)}</p>
                            <p class="method-working">{working}</p>
                            {(!read_only).then(|| view! {
                                <button type="button" data-action="approve-method" on:click=move |_| {
                                    amount.set(dossier_core::format_yuan_grouped(limit.fen));
                                    picked.set(Some(limit.clone()));
                                    saved.set(None);
                                    error.set(None);
                                    crate::reveal::reveal_first("#limit-by");
                                }>{tr(l, w::APPROVE_THIS)}</button>
                            })}
                        }
                        .into_any()
                    }
                    Err(why) => view! {
                        <p class="method-amount muted" data-method-amount="">"—"</p>
                        <p class="method-na" data-not-applicable>{tr(l, w::NOT_APPLICABLE)}{why.message(l)}</p>
                    }
                    .into_any(),
                };
                view! {
                    <article class="method-card" class:proposed=is_proposed data-method=method.code() data-proposed=is_proposed.to_string()>
                        <h4>{format!("{}. {}", i + 1, method.label(l))}</h4>
                        {is_proposed.then(|| view! { <p class="tag proposed-tag">{tr(l, w::PROPOSED)}</p> })}
                        {body}
                    </article>
                }
            })
            .collect_view()
    };

    let history = move || {
        let l = lang.get();
        entries.with(|es| {
            let list = approvals(es);
            if list.is_empty() {
                return view! { <p class="muted" data-no-approvals>{tr(l, w::NO_APPROVALS)}</p> }.into_any();
            }
            let n = list.len();
            // `approvals` runs oldest first with the one in force last.
            view! {
                <ol class="history approvals">
                    {list.into_iter().enumerate().rev().map(|(i, a)| view! {
                        <li data-approval=a.fen.to_string()>
                            {a.describe(l)}
                            {(i + 1 == n).then(|| view! { " "<span class="tag">{tr(l, w::IN_FORCE)}</span> })}
                            {(!a.working.is_empty()).then(|| view! { <br/><small class="muted">{a.working.clone()}</small> })}
                        </li>
                    }).collect_view()}
                </ol>
            }
            .into_any()
        })
    };

    let form = move || {
        let l = lang.get();
        view! {
            <form class="credit-form approve-form" data-approve-form novalidate on:submit=approve>
                <h4>{tr(l, w::APPROVE)}</h4>
                <p class="muted" data-approve-basis>{move || {
                    let l = lang.get();
                    match picked.get() {
                        Some(m) if parse_yuan(&amount.get()).ok() == Some(m.fen) => format!("{}{} · {}", tr(l, w::APPROVE_AS), m.method.label(l), m.working(l)),
                        _ => tr(l, w::APPROVE_MANUAL).to_string(),
                    }
                }}</p>
                <div class="grid">
                    <div class="field">
                        <label for="limit-manual">{tr(l, w::APPROVE_AMOUNT)}</label>
                        <input id="limit-manual" type="text" inputmode="decimal" prop:value=move || amount.get() on:input=move |e| amount.set(event_target_value(&e))/>
                    </div>
                    <div class="field">
                        <label for="limit-by">{tr(l, w::APPROVE_BY)}</label>
                        <input id="limit-by" type="text" prop:value=move || by.get() on:input=move |e| by.set(event_target_value(&e))/>
                    </div>
                    <div class="field field-wide">
                        <label for="limit-note">{tr(l, w::APPROVE_NOTE)}</label>
                        <textarea id="limit-note" rows="2" prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e))></textarea>
                    </div>
                </div>
                {move || error.get().map(|m| view! { <p class="banner banner-error" role="alert" data-approve-error use:reveal>{m}</p> })}
                {move || saved.get().map(|f| view! { <p class="banner banner-ok" role="status" data-approved use:reveal>{tr(lang.get(), w::APPROVED)}{f}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" data-action="approve-limit">{tr(l, w::APPROVE_SAVE)}</button>
                    {move || picked.get().is_some().then(|| view! {
                        <button type="button" on:click=move |_| picked.set(None)>{tr(lang.get(), w::APPROVE_CLEAR)}</button>
                    })}
                </div>
            </form>
        }
    };

    view! {
        <div class="credit-part" data-credit-methods>
            <h3>{move || tr(lang.get(), w::METHODS)}</h3>
            <div class="method-grid">{cards}</div>
            {(!read_only).then(form)}
            <h4>{move || tr(lang.get(), w::APPROVALS)}</h4>
            {history}
        </div>
    }
}
