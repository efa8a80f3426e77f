use dossier_core::ledger::{timeline, CustomerLedger, EntryBody, OrderState, OrderStatus};
use dossier_core::{format_yuan_grouped, Entry, EntryKind, Lang, Rep};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::complaint_steps::ComplaintSteps;
use crate::components::entry_form::EntryForm;
use crate::components::order_detail::OrderDetail;
use crate::i18n::grading::tr;
use crate::i18n::orders as orders_tx;
use crate::entry_commands::EntryFailure;
use crate::platform;
use crate::state::{use_app, use_archive, use_texts};
use crate::reveal::reveal;

/// Kinds with a quick-add button, in the order a rep needs them.
const QUICK_ADD: &[EntryKind] = &[
    EntryKind::Visit,
    EntryKind::Activity,
    EntryKind::Order,
    EntryKind::Payment,
    EntryKind::Bill,
    EntryKind::Return,
    EntryKind::Complaint,
    EntryKind::Referral,
    EntryKind::Document,
];

fn yuan(fen: i64) -> String {
    format!("¥{}", format_yuan_grouped(fen))
}

/// What an entry is, for the timeline: its parts (method, rep, outcome, next step, amount…),
/// each shown in a place of its own so they do not run together.
fn summary(e: &Entry, l: Lang, reps: &[Rep]) -> Vec<String> {
    // A linked rep by the name they have now; an old entry by the name it was written with.
    let rep = e.body.rep_name(reps);
    let join = |parts: &[&str]| parts.iter().filter(|p| !p.is_empty()).map(|p| p.to_string()).collect::<Vec<_>>();
    match &e.body {
        EntryBody::Visit(v) => {
            let next_date = v.next_date.map(|d| d.to_string()).unwrap_or_default();
            let next = join(&[&v.next, &next_date]).join(" ");
            let next = if next.is_empty() { next } else { format!("{}{next}", crate::i18n::tablet::tr(l, crate::i18n::tablet::NEXT_STEP)) };
            join(&[v.method.label(l), rep, &v.purpose, &v.outcome, &next])
        }
        EntryBody::Activity(a) => {
            let cost = if a.cost_fen > 0 { yuan(a.cost_fen) } else { String::new() };
            join(&[a.kind.label(l), &a.note, &cost])
        }
        EntryBody::Referral(r) => join(&[&r.by_name, &r.note]),
        EntryBody::Order(o) => {
            let total = o.amount().map(yuan).unwrap_or_default();
            join(&[&o.no, o.status.label(l), &total, rep])
        }
        EntryBody::Delivery(d) => join(&[&yuan(d.fen), &d.due.to_string(), &d.note]),
        EntryBody::Payment(p) => join(&[&yuan(p.fen), p.method.label(l), rep]),
        EntryBody::Bill(b) => join(&[b.kind.label(l), &b.no, &yuan(b.fen), b.status.label(l)]),
        EntryBody::Return(r) => join(&[r.kind.label(l), &yuan(r.fen), &r.reason]),
        EntryBody::Document(d) => join(&[d.kind.label(l), &d.name]),
        EntryBody::CreditInfo(c) => {
            join(&[l.pick("信用资料", "Credit profile"), c.class.map(|x| x.label(l)).unwrap_or_default(), &c.by, &c.note])
        }
        EntryBody::CreditLimit(a) => join(&[l.pick("信用限度核定", "Credit limit approved"), &a.describe(l)]),
        EntryBody::Investigation(i) => {
            let signs = match l {
                Lang::Zh => format!("预警信号 {} 项", i.review.signs.len()),
                Lang::En => format!("{} warning signs", i.review.signs.len()),
            };
            let urgent = match &i.instruction {
                Some(ins) => format!("{}{} · {}", l.pick("上司指示：", "instruction: "), ins.text, ins.by),
                None if i.urgent => l.pick("紧急报告，待上司指示", "urgent report, waiting for an instruction").to_string(),
                None => String::new(),
            };
            let kind = if i.report { l.pick("书面信用调查报告", "Written credit report") } else { l.pick("信用调查", "Credit review") };
            join(&[kind, &signs, &urgent, &i.review.by])
        }
        EntryBody::Countermeasure(c) => join(&[l.pick("对策", "Countermeasure"), c.measure.label(l), &c.note, &c.by]),
        EntryBody::Release(r) => join(&[l.pick("放行信用冻结订单", "Held order released"), &r.reason, &r.by]),
        EntryBody::Complaint(c) => {
            let fen = if c.compensation_fen() > 0 { yuan(c.compensation_fen()) } else { String::new() };
            join(&[c.kind.label(l), c.step.label(l), c.responsible().label(l), &fen, &c.said, rep])
        }
        EntryBody::Evaluation(e) => join(&[l.pick("客户情况综合评价表", "Overall evaluation"), &e.by]),
        EntryBody::TradeStart(t) => {
            let state = if t.approved() { l.pick("已承认", "approved") } else { l.pick("待认可", "awaiting approval") };
            join(&[&t.goods, state, &t.by])
        }
        EntryBody::TradeStop(t) => join(&[&t.reason, &t.kept, &t.by]),
    }
}

/// The customer's file on the card: its complaints' steps (`ComplaintSteps`), quick-add buttons,
/// the timeline of every record filterable by category, the orders with what is left to
/// deliver, and the ledger with its balance.
#[component]
pub fn CustomerFile(customer_id: String) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let cid = StoredValue::new(customer_id);
    // (kind, order id for a delivery) of the open quick-add form.
    let adding = RwSignal::new(None::<(EntryKind, Option<String>)>);
    let shown = RwSignal::new(None::<EntryKind>);
    let doc_error = RwSignal::new(None::<String>);
    // The document whose delete awaits confirmation (its file cannot come back, so no undo).
    let confirm_delete = RwSignal::new(None::<String>);
    // The entry being edited: (kind, id).
    let editing = RwSignal::new(None::<(EntryKind, String)>);
    // A complaint being moved on from its steps (`ComplaintSteps` shows that form): one form at a time.
    let advancing = RwSignal::new(None::<(String, dossier_core::ledger::ComplaintStep)>);
    // The last deleted entry, for undo: (id, what it was).
    let undo = RwSignal::new(None::<(String, String)>);
    let failed = move |f: EntryFailure| doc_error.set(Some(t.get_untracked().entry_failure(&f)));
    let delete_document = move |entry_id: String| {
        spawn_local(async move {
            match archive.delete_entry(&entry_id).await {
                Ok(()) => {
                    confirm_delete.set(None);
                    doc_error.set(None);
                }
                Err(f) => failed(f),
            }
        });
    };
    // Other entries go at once and can be taken back (undo), like a customer.
    let delete_entry = move |entry_id: String, what: String| {
        spawn_local(async move {
            match archive.delete_entry(&entry_id).await {
                Ok(()) => {
                    doc_error.set(None);
                    if editing.with_untracked(|e| e.as_ref().is_some_and(|(_, id)| *id == entry_id)) {
                        editing.set(None);
                    }
                    undo.set(Some((entry_id, what)));
                }
                Err(f) => failed(f),
            }
        });
    };
    let undo_delete = move |_| {
        let Some((id, _)) = undo.get_untracked() else { return };
        spawn_local(async move {
            match archive.restore_entry(&id).await {
                Ok(()) => {
                    undo.set(None);
                    doc_error.set(None);
                }
                Err(f) => failed(f),
            }
        });
    };
    let entries = Memo::new(move |_| {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.ledger(&cid.get_value()).to_vec())
    });

    let open_document = move |key: String| {
        spawn_local(async move {
            match archive.file_url(&key).await {
                Ok(Some(url)) => {
                    doc_error.set(None);
                    let _ = window().open_with_url_and_target(&url, "_blank");
                }
                Ok(None) => doc_error.set(Some(t.get_untracked().document_missing.to_string())),
                Err(e) => doc_error.set(Some(t.get_untracked().storage_error(&e).to_string())),
            }
        });
    };

    let buttons = QUICK_ADD
        .iter()
        .map(|&k| {
            view! {
                <button type="button" class="chip" data-add=k.code() on:click=move |_| { editing.set(None); advancing.set(None); adding.set(Some((k, None))); }>
                    "+ "{move || k.label(lang.get())}
                </button>
            }
        })
        .collect_view();

    let form = move || {
        if let Some((kind, id)) = editing.get() {
            let close = Callback::new(move |_| editing.set(None));
            return Some(view! { <EntryForm customer_id=cid.get_value() kind=kind order_id=None editing=id on_close=close/> }.into_any());
        }
        adding.get().map(|(kind, order)| {
            let close = Callback::new(move |_| adding.set(None));
            view! { <EntryForm customer_id=cid.get_value() kind=kind order_id=order on_close=close/> }.into_any()
        })
    };
    let undo_bar = move || {
        undo.get().map(|(_, what)| view! {
            <div class="banner banner-info" role="status" data-entry-undo>
                <span>{t.get().entry_deleted_notice}{what}</span>
                <button type="button" data-action="undo-entry" on:click=undo_delete>{t.get().undo}</button>
            </div>
        })
    };

    let filter_chips = move || {
        let l = lang.get();
        let mut kinds: Vec<EntryKind> = entries.with(|es| es.iter().filter(|e| !e.deleted).map(|e| e.category()).collect());
        kinds.sort_by_key(|k| EntryKind::ALL.iter().position(|x| x == k));
        kinds.dedup();
        let chip = move |k: Option<EntryKind>, label: String| {
            let code = k.map_or("all", |k| k.code());
            view! {
                <button type="button" class="chip" data-filter=code aria-pressed=move || (shown.get() == k).to_string()
                    on:click=move |_| shown.set(k)>{label}</button>
            }
        };
        let mut out = vec![chip(None, t.get().file_all.to_string()).into_any()];
        out.extend(kinds.into_iter().map(|k| chip(Some(k), k.label(l).to_string()).into_any()));
        out
    };

    let rows = move || {
        let l = lang.get();
        let kinds: Vec<EntryKind> = shown.get().into_iter().collect();
        entries.with(|es| {
            timeline(es, &kinds)
                .into_iter()
                .map(|e| {
                    let doc = match &e.body {
                        EntryBody::Document(d) => Some(d.blob.clone()),
                        _ => None,
                    };
                    let entry_id = e.id.clone();
                    let what = format!("{} {}", e.category().label(l), e.date());
                    let (kind, edit_id, del_id) = (e.body.kind(), e.id.clone(), e.id.clone());
                    // Credit records are made and read in the card's 信用 section, not by the
                    // generic entry form; they stay in the file as its history.
                    // A complaint's compensation changes only with its complaint, and a 中止交易
                    // only with the card's trade panel (it moved the card to 以往客户).
                    let made_elsewhere = matches!(&e.body, EntryBody::Return(r) if r.cmp.is_some())
                        || matches!(&e.body, EntryBody::TradeStop(_));
                    let editable = doc.is_none() && e.category() != EntryKind::Credit && !made_elsewhere;
                    let actions = editable.then(|| view! {
                        <button type="button" class="link" data-action="edit-entry"
                            on:click=move |_| { adding.set(None); advancing.set(None); editing.set(Some((kind, edit_id.clone()))); }>{t.get().edit}</button>
                        <button type="button" class="link danger" data-action="delete-entry"
                            on:click=move |_| delete_entry(del_id.clone(), what.clone())>{t.get().delete}</button>
                    });
                    view! {
                        <li data-entry=e.id.clone() data-kind=e.category().code()>
                            <time>{e.date().to_string()}</time>
                            <span class="tag">{e.category().label(l)}</span>
                            <span class="t-parts">{archive.archive.with_untracked(|a| summary(e, l, a.reps())).into_iter().map(|p| view! { <span class="t-part">{p}</span> }).collect_view()}</span>
                            <span class="t-actions">{actions}
                            {doc.map(|key| {
                                let (ask, del) = (entry_id.clone(), entry_id.clone());
                                let asking = move || confirm_delete.get().as_deref() == Some(ask.as_str());
                                view! {
                                    <button type="button" class="link" on:click=move |_| open_document(key.clone())>{t.get().open_document}</button>
                                    {move || if asking() {
                                        let del = del.clone();
                                        view! {
                                            <button type="button" class="danger" data-action="confirm-delete-document" on:click=move |_| delete_document(del.clone())>{t.get().doc_delete_confirm}</button>
                                            <button type="button" on:click=move |_| confirm_delete.set(None)>{t.get().doc_delete_cancel}</button>
                                        }.into_any()
                                    } else {
                                        let id = del.clone();
                                        view! {
                                            <button type="button" class="link" data-action="delete-document" on:click=move |_| confirm_delete.set(Some(id.clone()))>{t.get().doc_delete}</button>
                                        }.into_any()
                                    }}
                                }
                            })}
                            </span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let empty = move || entries.with(|es| es.iter().all(|e| e.deleted));

    // The order opened in 合同订单 (its detail under its row), by id.
    let open_order = RwSignal::new(None::<String>);
    let orders = move || {
        let l = lang.get();
        let tx = t.get();
        let shown = open_order.get();
        entries.with(|es| {
            let rows = timeline(es, &[EntryKind::Order])
                .into_iter()
                .filter_map(|e| {
                    let EntryBody::Order(o) = &e.body else { return None };
                    let progress = dossier_core::ledger::order_progress(es, &e.id, None).unwrap_or_default();
                    let remaining: i64 = progress.iter().map(|x| x.remaining).sum();
                    // 部分出货 and 已出货 are derived from the deliveries, not stored.
                    let state = OrderState::of(o.status, &progress);
                    let oid = e.id.clone();
                    let can_deliver = remaining > 0 && matches!(o.status, OrderStatus::Open | OrderStatus::Draft);
                    let open = shown.as_deref() == Some(e.id.as_str());
                    let toggle = {
                        let id = e.id.clone();
                        move |_| open_order.update(|x| *x = if x.as_deref() == Some(id.as_str()) { None } else { Some(id.clone()) })
                    };
                    let detail = open.then(|| {
                        view! { <tr class="order-detail-row"><td colspan="6"><OrderDetail entries=entries order_id=e.id.clone()/></td></tr> }
                    });
                    Some(view! {
                        <tr data-order=e.id.clone() data-state=state.code() class:open=open>
                            <td>
                                <button type="button" class="link order-open" data-action="order-detail" aria-expanded=open.to_string()
                                    on:click=toggle>{o.no.clone()}<span class="muted">" · "{tr(l, orders_tx::DETAIL)}</span></button>
                            </td>
                            <td>{o.date.to_string()}</td>
                            <td class="num">{o.amount().map(yuan).unwrap_or_default()}</td>
                            <td data-order-state>{state.label(l)}</td><td class="num" data-remaining>{remaining}</td>
                            <td>{can_deliver.then(|| view! {
                                <button type="button" data-action="deliver" on:click=move |_| { advancing.set(None); adding.set(Some((EntryKind::Delivery, Some(oid.clone())))); }>{tx.deliver}</button>
                            })}</td>
                        </tr>
                        {detail}
                    })
                })
                .collect::<Vec<_>>();
            if rows.is_empty() {
                view! { <p class="muted">{tx.no_orders}</p> }.into_any()
            } else {
                view! {
                    <table class="table orders-table"><thead><tr>
                        <th>{tx.col_order_no}</th><th>{tx.col_date}</th><th class="num">{tx.col_amount}</th>
                        <th>{tx.col_status}</th><th class="num">{tx.col_remaining}</th><th></th>
                    </tr></thead><tbody>{rows}</tbody></table>
                }
                .into_any()
            }
        })
    };

    let ledger = move || {
        let l = lang.get();
        let tx = t.get();
        entries.with(|es| {
            let led = CustomerLedger::build(es, platform::today());
            let receivables = led
                .receivables
                .iter()
                .filter(|r| r.open > 0)
                .map(|r| {
                    view! { <tr data-receivable=r.id.to_string()>
                        <td>{r.date.to_string()}</td><td>{r.due.to_string()}</td>
                        <td class="num">{yuan(r.amount)}</td><td class="num">{yuan(r.open)}</td>
                        <td class="num">{r.days_overdue.max(0)}</td>
                    </tr> }
                })
                .collect::<Vec<_>>();
            let lines = led
                .lines
                .iter()
                .map(|x| {
                    let (d, c) = (x.debit, x.credit);
                    view! { <tr class:void=x.void>
                        <td>{x.date.to_string()}</td><td>{x.kind.label(l)}</td>
                        <td class="num">{(d != 0).then(|| yuan(d))}</td><td class="num">{(c != 0).then(|| yuan(c))}</td>
                        <td class="num">{yuan(x.balance)}</td>
                    </tr> }
                })
                .collect::<Vec<_>>();
            view! {
                <dl class="facts figures">
                    <dt>{tx.balance}</dt><dd data-balance=led.balance().to_string()>{yuan(led.balance())}</dd>
                    <dt>{tx.open_receivables}</dt><dd data-open=led.open.to_string()>{yuan(led.open)}</dd>
                    <dt>{tx.credit_on_account}</dt><dd data-credit=led.credit_on_account.to_string()>{yuan(led.credit_on_account)}</dd>
                    <dt>{tx.unsettled_notes}</dt><dd>{yuan(led.unsettled_notes)}</dd>
                </dl>
                <h3>{tx.receivables_title}</h3>
                {if receivables.is_empty() {
                    view! { <p class="muted">{tx.no_receivables}</p> }.into_any()
                } else {
                    view! { <table class="table" data-receivables><thead><tr>
                        <th>{tx.col_date}</th><th>{tx.col_due}</th><th class="num">{tx.col_amount}</th>
                        <th class="num">{tx.col_open}</th><th class="num">{tx.col_overdue_days}</th>
                    </tr></thead><tbody>{receivables}</tbody></table> }.into_any()
                }}
                {(!lines.is_empty()).then(|| view! {
                    <table class="table" data-ledger-lines><thead><tr>
                        <th>{tx.col_date}</th><th>{tx.col_item}</th><th class="num">{tx.col_debit}</th>
                        <th class="num">{tx.col_credit}</th><th class="num">{tx.col_balance}</th>
                    </tr></thead><tbody>{lines}</tbody></table>
                })}
            }
        })
    };

    let close_file_form = Callback::new(move |_| {
        adding.set(None);
        editing.set(None);
    });
    view! {
        <ComplaintSteps customer_id=cid.get_value() advancing=advancing on_advance=close_file_form/>
        <section class="card" data-file>
            <h2>{move || t.get().file_title}</h2>
            <div class="chips quick-add">{buttons}</div>
            {form}
            {undo_bar}
            {move || doc_error.get().map(|m| view! { <p class="banner banner-error" role="alert" use:reveal>{m}</p> })}
            <div class="chips" role="group" aria-label=move || t.get().file_title>{filter_chips}</div>
            {move || if empty() {
                view! { <p class="muted">{t.get().file_empty}</p> }.into_any()
            } else {
                view! { <ol class="timeline" data-timeline>{rows}</ol> }.into_any()
            }}
        </section>
        <section class="card" data-orders>
            <h2>{move || t.get().orders_title}</h2>
            {orders}
        </section>
        <section class="card" data-ledger>
            <h2>{move || t.get().ledger_title}</h2>
            {ledger}
        </section>
    }
}
