use std::collections::BTreeMap;

use dossier_core::commands::cards::CardError;
use dossier_core::ledger::{EntryBody, TradeStart, TradeStop};
use dossier_core::{Customer, Entry, EntryKind, Form, RawForm, Stage};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::archive_state::CardFailure;
use crate::components::credit_panel::my_name;
use crate::components::entry_form::EntryForm;
use crate::components::field_input::FieldInput;
use crate::i18n::accounts::{self as w, tr};
use crate::platform::local_time;
use crate::reveal::{reveal, reveal_first};
use crate::state::{use_app, use_archive, use_texts};

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Where a potential customer's 交易开始调查书 stands: the approved one if any (the latest
/// approval), else the latest one still waiting.
fn trade_start(file: &[Entry]) -> Option<(String, TradeStart)> {
    let surveys = file.iter().filter(|e| !e.deleted).filter_map(|e| match &e.body {
        EntryBody::TradeStart(t) => Some((e, t)),
        _ => None,
    });
    let approved = surveys.clone().filter(|(_, t)| t.approved()).max_by_key(|(e, t)| (t.chair_on, t.date, e.created.clone()));
    approved.or_else(|| surveys.max_by_key(|(e, t)| (t.date, e.created.clone()))).map(|(e, t)| (e.id.clone(), t.clone()))
}

/// The latest 中止交易 of the file.
fn trade_stop(file: &[Entry]) -> Option<TradeStop> {
    file.iter()
        .filter(|e| !e.deleted)
        .filter_map(|e| match &e.body {
            EntryBody::TradeStop(t) => Some((e, t)),
            _ => None,
        })
        .max_by_key(|(e, t)| (t.date, e.created.clone()))
        .map(|(_, t)| t.clone())
}

/// The card's 生命周期 section (seed 004 交易开始与中止): the stage and its facts; for a potential
/// customer its 交易开始调查书 (none → fill one in; waiting → who still has to endorse or
/// approve; approved → trade may start) and 转为现有客户, refused here without an approved one;
/// 转为旧客户 through the 中止交易 form (reason, the original documents kept, who), saved with the
/// move in one save; a former customer's 中止交易 record.
#[component]
pub fn TradePanel(customer: Customer) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let cid = StoredValue::new(customer.id.clone());
    let c = StoredValue::new(customer);
    let file: Memo<Vec<Entry>> = Memo::new(move |_| {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.ledger(&cid.get_value()).to_vec())
    });
    // A refusal or failed save of 转为现有客户 / 转为旧客户, shown in this section.
    let error = RwSignal::new(None::<String>);
    // The 交易开始调查书 form: None closed, Some(None) a new one, Some(Some(id)) that one edited.
    let survey_form = RwSignal::new(None::<Option<String>>);
    // The 中止交易 form.
    let closing = RwSignal::new(false);
    let stop_values = RwSignal::new(RawForm::new());
    let stop_errors = RwSignal::new(BTreeMap::<String, String>::new());
    let saving = RwSignal::new(false);

    let open_close_form = move |_| {
        let mut raw = RawForm::new();
        raw.insert("date".into(), day(crate::platform::today()).into());
        let me = my_name(archive);
        if !me.is_empty() {
            raw.insert("by".into(), me.into());
        }
        stop_values.set(raw);
        stop_errors.set(BTreeMap::new());
        error.set(None);
        closing.set(true);
        reveal_first("[data-close-form]");
    };
    let close_account = move || {
        if saving.get_untracked() {
            return;
        }
        let raw = stop_values.get_untracked();
        stop_errors.set(BTreeMap::new());
        error.set(None);
        saving.set(true);
        spawn_local(async move {
            let result = archive.close_account(&cid.get_value(), raw).await;
            saving.set(false);
            let l = lang.get_untracked();
            match result {
                Ok(()) => closing.set(false),
                Err(CardFailure::Refused(CardError::Invalid(errs))) => {
                    stop_errors.set(errs.iter().map(|e| (format!("stop-{}", e.field), e.problem_text(l))).collect());
                    error.set(Some(t.get_untracked().form_has_errors.to_string()));
                    reveal_first("[data-close-form] [aria-invalid=true]");
                }
                Err(e) => error.set(Some(t.get_untracked().card_failure(&e, l))),
            }
        });
    };
    let make_current = move |_| {
        spawn_local(async move {
            match archive.make_current(&cid.get_value()).await {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(t.get_untracked().card_failure(&e, lang.get_untracked()))),
            }
        })
    };

    let facts = move || {
        let l = lang.get();
        let tx = t.get();
        let c = c.get_value();
        let stop = file.with(|f| trade_stop(f)).filter(|_| c.stage == Stage::Former);
        let tags = c.tags.iter().map(|tag| tag.label(l)).collect::<Vec<_>>().join("、");
        let label = |key: &str| Form::TradeStop.field(key).map(|f| f.label(l)).unwrap_or_default();
        view! {
            <dl class="facts">
                <dt>{tx.filter_stage}</dt><dd>{c.stage.label(l)}</dd>
                // A former customer without a 中止交易 record (moved before there was one) shows its reason here.
                {(stop.is_none() && !c.former_reason.is_empty()).then(|| view! { <dt>{tx.former_reason}</dt><dd data-former-reason>{c.former_reason.clone()}</dd> })}
                <dt>{tx.tags}</dt><dd>{if tags.is_empty() { "—".to_string() } else { tags }}</dd>
                <dt>{tx.region}</dt><dd>{if c.region.is_empty() { "—".to_string() } else { c.region.clone() }}</dd>
                <dt>{tx.created_on}</dt><dd>{local_time(c.created.at.ms)}</dd>
            </dl>
            {stop.map(|s| view! {
                <div class="trade-stop" data-trade-stop>
                    <h3>{tr(l, w::STOPPED)}</h3>
                    <dl class="facts">
                        <dt>{label("date")}</dt><dd data-stop-date>{day(s.date)}</dd>
                        <dt>{label("reason")}</dt><dd data-former-reason>{s.reason.clone()}</dd>
                        <dt>{label("kept")}</dt><dd data-stop-kept>{s.kept.clone()}</dd>
                        <dt>{label("by")}</dt><dd>{s.by.clone()}</dd>
                    </dl>
                </div>
            })}
        }
    };

    // The 交易开始调查书 of a potential customer (and, once current, the approval it started on).
    let survey = move || {
        let l = lang.get();
        let c = c.get_value();
        if c.deleted || c.stage == Stage::Former {
            return None;
        }
        let found = file.with(|f| trade_start(f));
        if c.stage == Stage::Current {
            // Trade started on it: say so, nothing to do.
            return found.filter(|(_, s)| s.approved()).map(|(_, s)| {
                let text = w::approved(l, &s.chair, &s.chair_on.map(day).unwrap_or_default());
                view! { <p class="muted trade-started" data-trade-approved>{tr(l, w::TRADE_START)}{l.pick("：", ": ")}{text}</p> }.into_any()
            });
        }
        let body = match found {
            None => view! {
                <div class="trade-start" data-trade-state="none">
                    <h3>{tr(l, w::TRADE_START)}</h3>
                    <p class="muted">{tr(l, w::TRADE_NONE)}</p>
                    <button type="button" class="primary" data-action="trade-start" on:click=move |_| survey_form.set(Some(None))>
                        {tr(l, w::FILL_TRADE_START)}
                    </button>
                </div>
            }.into_any(),
            Some((id, s)) if s.approved() => {
                let text = w::approved(l, &s.chair, &s.chair_on.map(day).unwrap_or_default());
                view! {
                    <div class="trade-start" data-trade-state="approved">
                        <h3>{tr(l, w::TRADE_START)}</h3>
                        <p>{w::filled(l, &day(s.date), &s.by)}{(!s.goods.is_empty()).then(|| format!(" · {}", s.goods))}</p>
                        <ol class="trade-steps">
                            <li class="done">{w::endorsed(l, &s.head, &s.head_on.map(day).unwrap_or_default())}</li>
                            <li class="done" data-trade-approved>{text}</li>
                        </ol>
                        <p class="trade-ok">{tr(l, w::CAN_START)}</p>
                        <button type="button" data-action="trade-start-edit" on:click=move |_| survey_form.set(Some(Some(id.clone())))>{move || t.get().edit}</button>
                    </div>
                }.into_any()
            }
            Some((id, s)) => {
                let head = s.head_on.map(|d| w::endorsed(l, &s.head, &day(d)));
                let waiting = if head.is_some() { w::WAIT_CHAIR } else { w::WAIT_HEAD };
                view! {
                    <div class="trade-start" data-trade-state="waiting">
                        <h3>{tr(l, w::TRADE_START)}</h3>
                        <p>{w::filled(l, &day(s.date), &s.by)}{(!s.goods.is_empty()).then(|| format!(" · {}", s.goods))}</p>
                        <p class="trade-waiting" data-trade-waiting>{tr(l, waiting)}</p>
                        <ol class="trade-steps" aria-label=tr(l, w::STEPS)>
                            <li class:done=head.is_some()>{head.clone().unwrap_or_else(|| tr(l, w::HEAD_STEP).to_string())}</li>
                            <li>{tr(l, w::CHAIR_STEP)}</li>
                        </ol>
                        <button type="button" class="primary" data-action="trade-start-edit" on:click=move |_| survey_form.set(Some(Some(id.clone())))>
                            {tr(l, w::EDIT_TRADE_START)}
                        </button>
                    </div>
                }.into_any()
            }
        };
        Some(body)
    };
    let survey_editor = move || {
        survey_form.get().map(|which| {
            // A refusal of 转为现有客户 said the survey was missing: the survey just saved answers it.
            let close = Callback::new(move |_| {
                survey_form.set(None);
                error.set(None);
            });
            match which {
                None => view! { <EntryForm customer_id=cid.get_value() kind=EntryKind::TradeStart order_id=None on_close=close/> }.into_any(),
                Some(id) => view! { <EntryForm customer_id=cid.get_value() kind=EntryKind::TradeStart order_id=None editing=id on_close=close/> }.into_any(),
            }
        })
    };

    let close_form = move || {
        closing.get().then(|| {
            let fields = Form::TradeStop
                .fields()
                .iter()
                .map(|def| view! { <FieldInput def=def prefix="stop-" values=stop_values errors=stop_errors/> })
                .collect_view();
            view! {
                <form class="card entry-form close-form" data-close-form novalidate on:submit=move |e| { e.prevent_default(); close_account(); }>
                    <h3>{move || tr(lang.get(), w::CLOSE_TITLE)}</h3>
                    <p class="muted">{move || tr(lang.get(), w::CLOSE_INTRO)}</p>
                    <div class="grid">{fields}</div>
                    <div class="form-actions">
                        <button type="submit" class="danger" data-action="close-account" disabled=move || saving.get()>
                            {move || if saving.get() { t.get().saving } else { tr(lang.get(), w::CLOSE_SAVE) }}
                        </button>
                        <button type="button" on:click=move |_| { closing.set(false); error.set(None); }>{move || t.get().cancel}</button>
                    </div>
                </form>
            }
        })
    };

    let actions = move || {
        let c = c.get_value();
        let tx = t.get();
        (!c.deleted).then(|| view! {
            <div class="actions">
                {(c.stage != Stage::Former).then(|| view! {
                    <button type="button" data-action="move-former" aria-expanded=move || closing.get().to_string() on:click=open_close_form>{tx.move_former}</button>
                })}
                {(c.stage != Stage::Current).then(|| view! {
                    <button type="button" data-action="make-current" on:click=make_current>{tx.make_current}</button>
                })}
            </div>
        })
    };

    view! {
        <section class="card trade-panel" data-trade-panel>
            <h2>{move || t.get().lifecycle}</h2>
            {facts}
            {survey}
            {survey_editor}
            {actions}
            {move || error.get().map(|m| view! { <p class="banner banner-error" role="alert" data-trade-error use:reveal>{m}</p> })}
            {close_form}
        </section>
    }
}
