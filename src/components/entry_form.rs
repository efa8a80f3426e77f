use std::collections::BTreeMap;

use dossier_core::archive::entry_version;
use dossier_core::ledger::{order_progress, CustomerLedger, EntryBody};
use dossier_core::{entry_to_raw, format_yuan, Entry, EntryKind, FieldValue, Problem, RawForm};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::components::delivery_lines::DeliveryLines;
use crate::components::field_input::FieldInput;
use crate::components::order_lines::OrderLines;

use crate::platform;
use crate::state::{use_app, use_archive, use_texts};
use crate::reveal::reveal;

/// Fields the form fills itself: a document's file facts come from the chosen file, a delivery's
/// order from the order it was started from, a payment's allocations from the table below it.
fn filled_by_form(kind: EntryKind, key: &str) -> bool {
    matches!(
        (kind, key),
        (EntryKind::Document, "name" | "mime" | "size" | "blob") | (EntryKind::Delivery, "order") | (EntryKind::Payment, "allocations")
    )
}

/// Product names offered on the order form: enough for any rep's range, few enough for a list.
const MAX_PRODUCTS: usize = 500;

/// What a new entry starts with: today's date where one is required, and the rep: this
/// device's rep if set, else the one who last worked with this customer.
fn defaults(kind: EntryKind, entries: &[Entry], me: Option<&str>) -> RawForm {
    let today = platform::today().format("%Y-%m-%d").to_string();
    let mut raw = RawForm::new();
    let date_key = match kind {
        EntryKind::Visit => "actual",
        EntryKind::Bill | EntryKind::Complaint => "received",
        _ => "date",
    };
    raw.insert(date_key.into(), today.into());
    if kind == EntryKind::Visit {
        raw.insert("method".into(), "visit".into());
    }
    // Who fills in a form with a 负责者 / 评价人 (交易开始调查书): this device's rep.
    if let Some(me) = me.filter(|m| !m.is_empty()) {
        if kind.form().field("by").is_some() {
            raw.insert("by".into(), me.into());
        }
    }
    let rep = me.map(str::to_string).or_else(|| entries.iter().rev().find_map(|e| e.body.rep().map(|(name, _)| name.to_string()).filter(|n| !n.is_empty())));
    if let Some(rep) = rep.filter(|r| !r.is_empty()) {
        if kind.form().field("rep").is_some() {
            raw.insert("rep".into(), rep.into());
        } else if kind == EntryKind::Complaint {
            // A complaint's 负责人: whoever takes it, this device's rep first.
            raw.insert("owner".into(), rep.into());
        }
    }
    if kind == EntryKind::Complaint {
        // 受理: every complaint starts by letting the customer explain.
        raw.insert("step".into(), dossier_core::ledger::ComplaintStep::Received.code().into());
    }
    raw
}

/// The form for one entry of a customer's file: a new one (quick-add) or, with `editing`, an
/// existing one, checked alike. Nothing is saved while a field is invalid; a payment above what
/// the customer owes needs an explicit confirmation.
#[component]
pub fn EntryForm(
    customer_id: String,
    kind: EntryKind,
    /// For a delivery: the order entry it delivers.
    order_id: Option<String>,
    /// The id of the entry being edited (`kind` must be its kind).
    #[prop(optional)]
    editing: Option<String>,
    /// Values set over what the form starts with (a complaint moved on: its next step).
    #[prop(optional)]
    preset: Option<RawForm>,
    on_close: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let cid = StoredValue::new(customer_id);
    let form = kind.form();

    let editing = StoredValue::new(editing);
    // The edited entry as the form opened on it: its content, and its version for the conflict check.
    let opened = archive.archive.with_untracked(|a| editing.get_value().and_then(|id| a.entry(&id).map(|e| (entry_to_raw(&e.body), entry_version(e)))));
    let seen = opened.as_ref().map(|(_, v)| *v);
    let start = archive.archive.with_untracked(|a| {
        if let Some((raw, _)) = &opened {
            let mut raw = raw.clone();
            // A linked rep by the name they have now, so a renamed rep still links on save.
            if let Some(e) = editing.get_value().and_then(|id| a.entry(&id)) {
                if e.body.rep().is_some_and(|(_, id)| !id.is_empty()) {
                    // A complaint names its rep as 负责人.
                    let key = if kind == EntryKind::Complaint { "owner" } else { "rep" };
                    raw.insert(key.into(), e.body.rep_name(a.reps()).into());
                }
            }
            return raw;
        }
        let entries = a.ledger(&cid.get_value());
        // This device's rep, by name (the form names reps; the save links the name to the id).
        let me = app.me.get_untracked().and_then(|id| a.rep(&id).filter(|r| !r.deleted).map(|r| r.name.clone()));
        let mut raw = defaults(kind, entries, me.as_deref());
        if kind == EntryKind::Order {
            // The next number of this archive's yearly sequence (every customer's summary keeps
            // the heads of its sequences; this file's own are read as it is now).
            let here = dossier_core::ledger::order_no_heads(entries);
            let next = archive.with_summaries(|all| {
                let taken = all.iter().filter(|s| !s.deleted).flat_map(|s| s.facts.order_nos.iter()).chain(here.iter());
                dossier_core::ledger::next_order_no(taken.map(String::as_str), platform::today())
            });
            raw.insert("no".into(), next.into());
        }
        if let Some(oid) = &order_id {
            raw.insert("order".into(), oid.clone().into());
            // Prefill what is still to deliver on each line.
            if let Some(progress) = order_progress(entries, oid, None) {
                let rows: Vec<Vec<String>> = progress
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.remaining > 0)
                    .map(|(i, p)| vec![(i + 1).to_string(), p.remaining.to_string()])
                    .collect();
                raw.insert("lines".into(), FieldValue::Rows(rows));
            }
        }
        raw
    });
    let mut start = start;
    start.extend(preset.unwrap_or_default());
    let values = RwSignal::new(start);
    let errors = RwSignal::new(BTreeMap::<String, String>::new());
    let message = RwSignal::new(None::<String>);
    let needs_confirm = RwSignal::new(false);
    let confirmed = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let file = StoredValue::new_local(None::<web_sys::File>);
    // Hand allocation of a payment: delivery id → amount typed (yuan).
    let allocations = RwSignal::new(BTreeMap::<String, String>::new());
    if let Some(rows) = values.with_untracked(|v| v.get("allocations").map(|a| a.rows().to_vec())) {
        // An edited payment: its allocations fill the table (delivery id → yuan).
        allocations.set(rows.into_iter().filter_map(|r| Some((r.first()?.clone(), r.get(1)?.clone()))).collect());
    }

    let open_items = Memo::new(move |_| {
        archive.revision.track();
        archive.archive.with_untracked(|a| {
            // An edited payment's own allocations are open again in its table.
            let own = editing.get_value();
            let file: Vec<Entry> = a.ledger(&cid.get_value()).iter().filter(|e| Some(&e.id) != own.as_ref()).cloned().collect();
            let ledger = CustomerLedger::build(&file, platform::today());
            ledger.receivables.iter().filter(|r| r.open > 0).map(|r| (r.id.to_string(), r.date, r.due, r.open)).collect::<Vec<_>>()
        })
    });

    let on_file = move |e: leptos::ev::Event| {
        let input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(f) = input.and_then(|i| i.files()).and_then(|l| l.get(0)) else { return };
        let blob = match archive.new_id() {
            Ok(id) => id,
            Err(e) => {
                message.set(Some(t.get_untracked().save_error(&e)));
                return;
            }
        };
        values.update(|v| {
            v.insert("name".into(), f.name().into());
            v.insert("mime".into(), f.type_().into());
            v.insert("size".into(), (f.size() as u64).to_string().into());
            v.insert("blob".into(), blob.into());
        });
        file.set_value(Some(f));
    };

    let save = move || {
        if saving.get_untracked() {
            return;
        }
        let l = lang.get_untracked();
        let mut raw = values.get_untracked();
        if kind == EntryKind::Payment {
            let rows: Vec<Vec<String>> = allocations
                .get_untracked()
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(d, v)| vec![d, v])
                .collect();
            if !rows.is_empty() {
                raw.insert("allocations".into(), FieldValue::Rows(rows));
            }
        }
        if kind == EntryKind::Payment && raw.contains_key("allocations") && allocations.with_untracked(|a| a.values().all(|v| v.trim().is_empty())) {
            // Every allocation cleared: the payment is applied oldest first again.
            raw.remove("allocations");
        }
        errors.set(BTreeMap::new());
        message.set(None);
        saving.set(true);
        let files: Vec<(String, web_sys::Blob)> = match (kind, file.get_value()) {
            (EntryKind::Document, Some(f)) => vec![(raw.get("blob").map(|b| b.text().to_string()).unwrap_or_default(), f.into())],
            _ => Vec::new(),
        };
        let confirmed = confirmed.get_untracked();
        spawn_local(async move {
            let result = match editing.get_value() {
                None => archive.add_entry(&cid.get_value(), kind, raw, confirmed, files).await.map(|_| ()),
                Some(id) => archive.edit_entry(&id, raw, confirmed, seen).await,
            };
            saving.set(false);
            match result {
                Ok(()) => on_close.run(()),
                Err(failure) if !failure.fields().is_empty() => {
                    let errs = failure.fields();
                    needs_confirm.set(errs.iter().any(|e| matches!(e.problem, Problem::ExceedsOpenBalance { .. })));
                    // Errors in the allocation table are shown beside it, under the amount field (naming
                    // their field); a cell of an order's or a delivery's lines beside that cell. Beside
                    // its own field a message does not repeat the label.
                    let key_of = |e: &dossier_core::FieldError| match (&e.problem, e.field.as_str()) {
                        (Problem::Cell { row, col, problem }, "lines") if matches!(kind, EntryKind::Order | EntryKind::Delivery) => {
                            (format!("e-lines-{row}-{col}"), problem.message(l))
                        }
                        (_, "allocations") => ("e-amount".to_string(), e.message(l)),
                        (_, field) => (format!("e-{field}"), e.problem_text(l)),
                    };
                    errors.set(errs.iter().map(key_of).collect());
                    message.set(Some(t.get_untracked().form_has_errors.to_string()));
                    crate::reveal::reveal_first("[data-entry-form] [aria-invalid=true]");
                }
                Err(failure) => message.set(Some(t.get_untracked().entry_failure(&failure))),
            }
        });
    };

    // Product names the archive's orders used, offered as the rep types one.
    let products = (kind == EntryKind::Order).then(|| {
        let mut names: Vec<String> = archive.archive.with_untracked(|a| dossier_core::ledger::ordered_products(a.ledger(&cid.get_value())));
        archive.with_summaries(|all| {
            for p in all.iter().filter(|s| !s.deleted).flat_map(|s| s.facts.ordered.iter()) {
                if names.len() >= MAX_PRODUCTS {
                    break;
                }
                if !names.contains(p) {
                    names.push(p.clone());
                }
            }
        });
        names
    });
    let fields = form
        .fields()
        .iter()
        .filter(|f| !filled_by_form(kind, f.key))
        .map(|def| match (kind, def.key) {
            (EntryKind::Order, "lines") => view! { <OrderLines values=values errors=errors products=products.clone().unwrap_or_default()/> }.into_any(),
            (EntryKind::Delivery, "lines") => {
                view! { <DeliveryLines customer_id=cid.get_value() editing=editing.get_value() values=values errors=errors/> }.into_any()
            }
            _ => view! { <FieldInput def=def prefix="e-" values=values errors=errors/> }.into_any(),
        })
        .collect_view();
    let file_input = (kind == EntryKind::Document).then(|| {
        view! {
            <div class="field field-wide" class:field-invalid=move || errors.with(|e| e.keys().any(|k| matches!(k.as_str(), "e-size" | "e-mime" | "e-name" | "e-blob")))>
                <label for="entry-file">{move || t.get().file_label}" *"</label>
                <input id="entry-file" type="file" accept="image/*,application/pdf" on:change=on_file/>
                <p class="field-error" role="alert" data-file-error>
                    {move || errors.with(|e| ["e-size", "e-mime", "e-name", "e-blob"].iter().find_map(|k| e.get(*k).cloned()))}
                </p>
            </div>
        }
    });
    let order_note = order_id.clone().map(|oid| {
        let no = archive.archive.with_untracked(|a| match a.entry(&oid).map(|e| &e.body) {
            Some(EntryBody::Order(o)) => o.no.clone(),
            _ => String::new(),
        });
        view! { <p class="muted" data-delivering=oid>{move || t.get().col_order_no}" "{no.clone()}</p> }
    });
    let allocation_table = (kind == EntryKind::Payment).then(|| {
        view! {
            {move || (!open_items.get().is_empty()).then(|| view! {
                <fieldset class="field field-wide allocations">
                    <legend>{move || t.get().apply_to}</legend>
                    <small class="hint">{move || t.get().apply_hint}</small>
                    <table class="table">
                        <thead><tr>
                            <th>{move || t.get().col_date}</th><th>{move || t.get().col_due}</th>
                            <th class="num">{move || t.get().col_open}</th><th>{move || t.get().col_amount}</th>
                        </tr></thead>
                        <tbody>
                            {open_items.get().into_iter().map(|(id, date, due, open)| {
                                let input_id = format!("alloc-{id}");
                                let key = id.clone();
                                view! { <tr>
                                    <td>{date.to_string()}</td><td>{due.to_string()}</td>
                                    <td class="num">{format_yuan(open)}</td>
                                    <td><input id=input_id type="text" inputmode="decimal" aria-label=move || t.get().col_amount
                                        prop:value=move || allocations.with(|a| a.get(&id).cloned().unwrap_or_default())
                                        on:input=move |e| { let v = event_target_value(&e); allocations.update(|a| { a.insert(key.clone(), v); }); }/></td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </fieldset>
            })}
        }
    });
    // An order shows its credit check as it is typed (issue 16).
    let credit_check = (kind == EntryKind::Order).then(|| {
        view! { <crate::components::order_check::OrderCheck customer_id=cid.get_value() values=values editing=editing.get_value()/> }
    });
    view! {
        <form class="card entry-form" data-entry-form=kind.code() data-editing=editing.get_value() novalidate on:submit=move |e| { e.prevent_default(); save(); }>
            <h2>{move || if editing.with_value(Option::is_some) { t.get().edit } else { t.get().add }}" · "{move || kind.label(lang.get())}</h2>
            {order_note}
            <div class="grid">{fields}{file_input}{allocation_table}</div>
            {credit_check}
            {move || needs_confirm.get().then(|| view! {
                <label class="check confirm-amount">
                    <input type="checkbox" data-action="confirm-amount" prop:checked=move || confirmed.get() on:change=move |e| confirmed.set(event_target_checked(&e))/>
                    {move || t.get().confirm_amount}
                </label>
            })}
            {move || message.get().map(|m| view! { <p class="banner banner-error" role="alert" data-form-message use:reveal>{m}</p> })}
            <div class="form-actions">
                <button type="submit" class="primary" data-action="save-entry" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
                <button type="button" on:click=move |_| on_close.run(())>{move || t.get().cancel}</button>
            </div>
        </form>
    }
}
