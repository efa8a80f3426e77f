use std::collections::BTreeMap;

use dossier_core::analysis::evaluation::{self as evaluation, prefill, share_bp};
use dossier_core::grading::sales::MonthlySales;
use dossier_core::grading::{PlanRole, VisitFrequency};
use dossier_core::forms::schema::EVAL_COLUMNS;
use dossier_core::ledger::{eval_key, EntryBody, EvalItem, Evaluation};
use dossier_core::{Customer, Entry, EntryKind, FieldValue, Form, Lang, RawForm, Stage};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::archive_state::ArchiveState;
use crate::components::credit_panel::my_name;
use crate::components::field_input::FieldInput;
use crate::components::icon::{Glyph, Icon};
use crate::i18n::accounts::{self as w, tr};
use crate::reveal::{reveal, reveal_first};
use crate::state::{use_app, use_archive, use_texts};

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The body class that prints only the evaluation table (style/main.css).
const PRINT_CLASS: &str = "print-evaluation";

/// Every 综合评价 of the file, newest first (by date, then as made): none is ever overwritten.
fn evaluations(file: &[Entry]) -> Vec<(String, Evaluation)> {
    let mut out: Vec<(&Entry, &Evaluation)> = file
        .iter()
        .filter(|e| !e.deleted)
        .filter_map(|e| match &e.body {
            EntryBody::Evaluation(ev) => Some((e, ev)),
            _ => None,
        })
        .collect();
    out.sort_by(|a, b| b.1.date.cmp(&a.1.date).then_with(|| b.0.created.cmp(&a.0.created)));
    out.into_iter().map(|(e, ev)| (e.id.clone(), ev.clone())).collect()
}

/// 访问计划 as the settings have it for this customer: a potential customer's 准客户等级, else
/// the 销售等级 of today's grading (or the one stored on the card).
fn visit_plan(archive: ArchiveState, c: &Customer, l: Lang, today: chrono::NaiveDate) -> Option<String> {
    if c.stage == Stage::Potential {
        return c.grades.prospect.map(|p| w::prospect_plan(l, p.label(l), &p.planned_visits().label(l)));
    }
    let settings = crate::settings::load_grading();
    let graded = archive.sales_grades(today).ok().and_then(|gs| gs.of(&c.id).map(|r| r.grade));
    let grade = graded.or(c.grades.sales)?;
    let roles: Vec<(String, String)> = PlanRole::ALL
        .iter()
        .map(|&r| (r, settings.visit_plan.frequency(grade, r)))
        .filter(|(_, f)| *f != VisitFrequency::Never)
        .map(|(r, f)| (r.label(l).to_string(), f.label(l)))
        .collect();
    Some(w::sales_plan(l, grade.label(l), &roles))
}

/// What the form starts with: today, this device's rep and the 客户资料 column from the archive.
fn start(archive: ArchiveState, c: &Customer, l: Lang) -> RawForm {
    let today = crate::platform::today();
    let file = archive.archive.with_untracked(|a| a.ledger(&c.id).to_vec());
    let win = evaluation::window(today);
    // The share of the company's net sales, from the summaries (no other file is read).
    let mine = archive.summary(&c.id).map(|s| s.sales).unwrap_or_else(|| MonthlySales::of(&file));
    let share = archive.with_summaries(|all| share_bp(&mine, all.iter().filter(|s| !s.deleted).map(|s| &s.sales), &win));
    let plan = visit_plan(archive, c, l, today);
    let mut raw = RawForm::new();
    raw.insert("date".into(), day(today).into());
    let me = my_name(archive);
    if !me.is_empty() {
        raw.insert("by".into(), me.into());
    }
    for (item, text) in prefill(c, &file, share, plan.as_deref(), today, l) {
        raw.insert(eval_key(item, "data"), text.into());
    }
    raw
}

/// The ten rows × four columns of one evaluation, read-only.
fn table_view(ev: &Evaluation, l: Lang) -> impl IntoView {
    let rows = EvalItem::ALL
        .iter()
        .enumerate()
        .map(|(i, &item)| {
            let row = ev.row(item).cloned().unwrap_or_default();
            let cells = [row.data, row.comment, row.problems, row.measures];
            view! {
                <tr data-eval-row=item.code()>
                    <th scope="row">{format!("{}. {}", i + 1, item.label(l))}</th>
                    {cells.into_iter().zip(EVAL_COLUMNS).map(|(text, col)| view! {
                        <td data-label=col.label(l) data-eval-cell=col.key>{text}</td>
                    }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="eval-table eval-view">
            <thead><tr>
                <th scope="col">{tr(l, w::EVAL_ITEM)}</th>
                {EVAL_COLUMNS.iter().map(|c| view! { <th scope="col">{c.label(l)}</th> }).collect_view()}
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// 客户情况综合评价表 (seed 004) on the card, a collapsible section: the latest evaluation with its
/// date and 评价人, earlier ones by date (each kept), 打印 of the one shown, and a new one filled
/// in as a table (10 rows × 客户资料, 评语, 存在的问题, 改进措施; a block per row on a narrow
/// screen), 客户资料 prefilled from the archive, saved as an entry of the file.
#[component]
pub fn EvaluationForm(customer: Customer) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let cid = StoredValue::new(customer.id.clone());
    let read_only = customer.deleted;
    let c = StoredValue::new(customer);
    let all = Memo::new(move |_| {
        archive.revision.track();
        archive.archive.with_untracked(|a| evaluations(a.ledger(&cid.get_value())))
    });
    let open = RwSignal::new(false);
    let filling = RwSignal::new(false);
    // The evaluation shown (its entry id); None: the latest.
    let shown = RwSignal::new(None::<String>);
    let values = RwSignal::new(RawForm::new());
    let errors = RwSignal::new(BTreeMap::<String, String>::new());
    let message = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let saving = RwSignal::new(false);

    let begin = move |_| {
        values.set(start(archive, &c.get_value(), lang.get_untracked()));
        errors.set(BTreeMap::new());
        message.set(None);
        saved.set(false);
        open.set(true);
        filling.set(true);
        reveal_first("[data-evaluation-form]");
    };
    let save = move || {
        if saving.get_untracked() {
            return;
        }
        let raw = values.get_untracked();
        errors.set(BTreeMap::new());
        message.set(None);
        saving.set(true);
        spawn_local(async move {
            let result = archive.add_entry(&cid.get_value(), EntryKind::Evaluation, raw, false, Vec::new()).await;
            saving.set(false);
            match result {
                Ok(_) => {
                    filling.set(false);
                    shown.set(None);
                    saved.set(true);
                }
                Err(failure) if !failure.fields().is_empty() => {
                    let l = lang.get_untracked();
                    errors.set(failure.fields().iter().map(|e| (format!("ev-{}", e.field), e.problem_text(l))).collect());
                    message.set(Some(t.get_untracked().form_has_errors.to_string()));
                    reveal_first("[data-evaluation-form] [aria-invalid=true]");
                }
                Err(failure) => message.set(Some(t.get_untracked().entry_failure(&failure))),
            }
        });
    };
    let print = move |_| {
        open.set(true);
        crate::perf::after_render(|| {
            let body = document().body();
            if let Some(b) = &body {
                let _ = b.class_list().add_1(PRINT_CLASS);
            }
            let _ = window().print();
            if let Some(b) = &body {
                let _ = b.class_list().remove_1(PRINT_CLASS);
            }
        });
    };

    // The evaluation shown read-only, with the list of all of them by date.
    let saved_part = move || {
        let l = lang.get();
        let list = all.get();
        let Some(first) = list.first() else {
            return view! { <p class="muted" data-eval-none>{tr(l, w::EVAL_NONE)}</p> }.into_any();
        };
        let which = shown.get().filter(|id| list.iter().any(|(x, _)| x == id)).unwrap_or_else(|| first.0.clone());
        let Some((id, ev)) = list.iter().find(|(x, _)| *x == which).cloned() else { return ().into_any() };
        let latest = id == first.0;
        let c = c.get_value();
        let history = (list.len() > 1).then(|| {
            let items = list
                .iter()
                .map(|(x, e)| {
                    let here = *x == id;
                    let x = x.clone();
                    view! {
                        <li>
                            <button type="button" class="link" data-eval-date=day(e.date) aria-pressed=here.to_string()
                                on:click=move |_| shown.set(Some(x.clone()))>
                                {format!("{} · {}", day(e.date), e.by)}
                            </button>
                            {here.then(|| view! { <span class="muted">" "{tr(l, w::EVAL_SHOWING)}</span> })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="eval-history" data-eval-history>
                    <h4>{tr(l, w::EVAL_EARLIER)}</h4>
                    <ol>{items}</ol>
                </div>
            }
        });
        view! {
            <div class="eval-shown" data-eval-shown=id.clone() data-eval-latest=latest.to_string()>
                <div class="eval-print-head">
                    <h2>{tr(l, w::EVAL_TITLE)}</h2>
                    <p>{c.display_name().to_string()}" · "{c.reg_no.clone()}</p>
                </div>
                <h3>{if latest { tr(l, w::EVAL_LATEST) } else { tr(l, w::EVAL_TITLE) }}</h3>
                <p class="muted" data-eval-meta>{w::eval_meta(l, &day(ev.date), &ev.by)}</p>
                {table_view(&ev, l)}
                {history}
            </div>
        }
        .into_any()
    };

    let form = move || {
        filling.get().then(|| {
            let l = lang.get_untracked();
            let head: Vec<_> = Form::Evaluation.fields().iter().filter(|f| matches!(f.key, "date" | "by")).collect();
            let head = head.into_iter().map(|def| view! { <FieldInput def=def prefix="ev-" values=values errors=errors/> }).collect_view();
            let rows = EvalItem::ALL
                .iter()
                .enumerate()
                .map(|(i, &item)| {
                    let cells = EVAL_COLUMNS
                        .iter()
                        .map(|col| {
                            let key = eval_key(item, col.key);
                            // The schema's own key (a `&'static str`), so the closures below own nothing.
                            let def = Form::Evaluation.field(&key);
                            let label = def.map(|d| d.label(l)).unwrap_or_default();
                            let k: &'static str = def.map(|d| d.key).unwrap_or("");
                            let id = format!("field-ev-{}-{}", item.code(), col.key);
                            let err_id = format!("{id}-error");
                            let err_key = format!("ev-{k}");
                            let err_key2 = err_key.clone();
                            view! {
                                <td data-label=col.label(l) data-eval-cell=col.key class:field-invalid=move || errors.with(|e| e.contains_key(&err_key))>
                                    <textarea id=id rows="3" aria-label=label aria-describedby=err_id.clone()
                                        aria-invalid=move || errors.with(|e| e.contains_key(&err_key2)).to_string()
                                        prop:value=move || values.with(|v| v.get(k).map(|x| x.text().to_string()).unwrap_or_default())
                                        on:input=move |e| {
                                            let text = event_target_value(&e);
                                            values.update(|v| {
                                                if text.trim().is_empty() { v.remove(k); } else { v.insert(k.to_string(), FieldValue::from(text)); }
                                            });
                                        }></textarea>
                                    <p class="field-error" id=err_id role="alert">{move || errors.with(|e| e.get(&format!("ev-{k}")).cloned())}</p>
                                </td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr data-eval-row=item.code()>
                            <th scope="row">{format!("{}. {}", i + 1, item.label(l))}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            let win = evaluation::window(crate::platform::today()).label(l);
            view! {
                <form class="eval-form" data-evaluation-form novalidate on:submit=move |e| { e.prevent_default(); save(); }>
                    <h3>{tr(l, w::EVAL_TITLE)}</h3>
                    <p class="hint">{w::prefilled(l, &win)}</p>
                    <div class="grid">{head}</div>
                    <table class="eval-table eval-edit">
                        <thead><tr>
                            <th scope="col">{tr(l, w::EVAL_ITEM)}</th>
                            {EVAL_COLUMNS.iter().map(|c| view! { <th scope="col">{c.label(l)}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {move || message.get().map(|m| view! { <p class="banner banner-error" role="alert" data-form-message use:reveal>{m}</p> })}
                    <div class="form-actions">
                        <button type="submit" class="primary" data-action="evaluation-save" disabled=move || saving.get()>
                            {move || if saving.get() { t.get().saving } else { t.get().save }}
                        </button>
                        <button type="button" on:click=move |_| { filling.set(false); message.set(None); }>{move || t.get().cancel}</button>
                    </div>
                </form>
            }
        })
    };

    let summary = move || {
        let l = lang.get();
        all.with(|list| match list.first() {
            Some((_, ev)) => format!("{} {} · {}", tr(l, w::EVAL_LATEST), day(ev.date), ev.by),
            None => tr(l, w::EVAL_NONE).split(['。', '.']).next().unwrap_or_default().to_string(),
        })
    };

    view! {
        <section class="card evaluation" data-evaluation class:open=move || open.get()>
            <h2 class="section-toggle">
                <button type="button" data-action="evaluation-toggle" aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    <span class="toggle-mark" aria-hidden="true">{move || if open.get() { "▾" } else { "▸" }}</span>
                    {move || tr(lang.get(), w::EVALUATION)}
                </button>
            </h2>
            <p class="muted eval-summary" data-eval-summary>{summary}</p>
            {move || open.get().then(|| view! {
                <div class="eval-body">
                    <div class="actions eval-controls">
                        {(!read_only).then(|| view! {
                            <button type="button" class="primary" data-action="evaluation-new" disabled=move || filling.get() on:click=begin>
                                {move || tr(lang.get(), w::EVAL_NEW)}
                            </button>
                        })}
                        {move || all.with(|l| !l.is_empty()).then(|| view! {
                            <button type="button" class="with-icon" data-action="evaluation-print" on:click=print>
                                <Icon glyph=Glyph::Printer/>{move || tr(lang.get(), w::EVAL_PRINT)}
                            </button>
                        })}
                    </div>
                    {move || saved.get().then(|| view! { <p class="banner banner-info" role="status" data-eval-saved>{move || tr(lang.get(), w::EVAL_SAVED)}</p> })}
                    {form}
                    {saved_part}
                </div>
            })}
        </section>
    }
}
