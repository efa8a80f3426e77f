use dossier_core::credit::{Sign, SignGroup, SignReview};
use dossier_core::ledger::credit::{Business, Investigation, Manner, Organisation, Pricing, Standing, Survey, SurveyPerson, SurveyYear};
use dossier_core::ledger::EntryBody;
use dossier_core::{parse_yuan, Entry, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::credit_panel::my_name;
use crate::i18n::credit_card::{self as w, tr, Pair};
use crate::reveal::reveal;
use crate::state::{use_app, use_archive, use_texts};

/// The 客户调查表's boxes as typed (text; numbers are read on save).
#[derive(Clone, Copy)]
struct SurveyBoxes {
    head: [RwSignal<String>; 4],
    manager: [RwSignal<String>; 4],
    contact: RwSignal<String>,
    contact_title: RwSignal<String>,
    contact_duties: RwSignal<String>,
    manner: RwSignal<String>,
    business: RwSignal<String>,
    scope: RwSignal<String>,
    buyers: RwSignal<String>,
    pricing: RwSignal<String>,
    yearly: RwSignal<String>,
    peak: RwSignal<String>,
    peak_fen: RwSignal<String>,
    low: RwSignal<String>,
    low_fen: RwSignal<String>,
    organisation: RwSignal<String>,
    staff: RwSignal<String>,
    workers: RwSignal<String>,
    standing: RwSignal<String>,
    pay_attitude: RwSignal<String>,
    pay_term: RwSignal<String>,
    pay_method: RwSignal<String>,
    pay_procedure: RwSignal<String>,
    years: RwSignal<Vec<[RwSignal<String>; 3]>>,
    signed_head: RwSignal<String>,
    signed_reviewer: RwSignal<String>,
    signed_investigator: RwSignal<String>,
}

fn text() -> RwSignal<String> {
    RwSignal::new(String::new())
}

impl SurveyBoxes {
    fn new() -> SurveyBoxes {
        SurveyBoxes {
            head: std::array::from_fn(|_| text()),
            manager: std::array::from_fn(|_| text()),
            contact: text(),
            contact_title: text(),
            contact_duties: text(),
            manner: text(),
            business: text(),
            scope: text(),
            buyers: text(),
            pricing: text(),
            yearly: text(),
            peak: text(),
            peak_fen: text(),
            low: text(),
            low_fen: text(),
            organisation: text(),
            staff: text(),
            workers: text(),
            standing: text(),
            pay_attitude: text(),
            pay_term: text(),
            pay_method: text(),
            pay_procedure: text(),
            years: RwSignal::new(Vec::new()),
            signed_head: text(),
            signed_reviewer: text(),
            signed_investigator: text(),
        }
    }

    /// The survey as typed, `None` when no box is filled, or the label of a box that does not read.
    fn read(&self) -> Result<Option<Survey>, Pair> {
        let g = |s: RwSignal<String>| s.get_untracked().trim().to_string();
        let money = |s: RwSignal<String>, label: Pair| -> Result<Option<i64>, Pair> {
            let v = g(s);
            if v.is_empty() { Ok(None) } else { parse_yuan(&v).map(Some).map_err(|_| label) }
        };
        let count = |s: RwSignal<String>, label: Pair| -> Result<Option<u32>, Pair> {
            let v = g(s);
            if v.is_empty() { Ok(None) } else { v.parse::<u32>().map(Some).map_err(|_| label) }
        };
        let person = |p: [RwSignal<String>; 4]| -> Result<SurveyPerson, Pair> {
            let age = g(p[1]);
            Ok(SurveyPerson {
                name: g(p[0]),
                age: if age.is_empty() { None } else { Some(age.parse::<u16>().map_err(|_| w::AGE)?) },
                education: g(p[2]),
                character: g(p[3]),
            })
        };
        let mut years = Vec::new();
        for [y, p, f] in self.years.get_untracked() {
            if g(y).is_empty() && g(p).is_empty() && g(f).is_empty() {
                continue;
            }
            years.push(SurveyYear {
                year: g(y).parse::<i32>().map_err(|_| w::YEAR)?,
                products: g(p),
                fen: money(f, w::AMOUNT)?.unwrap_or(0),
            });
        }
        let s = Survey {
            head: person(self.head)?,
            factory_manager: person(self.manager)?,
            contact: g(self.contact),
            contact_title: g(self.contact_title),
            contact_duties: g(self.contact_duties),
            manner: Manner::from_code(&g(self.manner)),
            business: Business::from_code(&g(self.business)),
            scope: g(self.scope),
            buyers: g(self.buyers),
            pricing: Pricing::from_code(&g(self.pricing)),
            yearly_fen: money(self.yearly, w::YEARLY)?,
            peak_months: g(self.peak),
            peak_monthly_fen: money(self.peak_fen, w::PEAK_FEN)?,
            low_months: g(self.low),
            low_monthly_fen: money(self.low_fen, w::LOW_FEN)?,
            organisation: Organisation::from_code(&g(self.organisation)),
            staff: count(self.staff, w::STAFF)?,
            workers: count(self.workers, w::WORKERS)?,
            standing: Standing::from_code(&g(self.standing)),
            pay_attitude: g(self.pay_attitude),
            pay_term: g(self.pay_term),
            pay_method: g(self.pay_method),
            pay_procedure: g(self.pay_procedure),
            years,
            signed_head: g(self.signed_head),
            signed_reviewer: g(self.signed_reviewer),
            signed_investigator: g(self.signed_investigator),
        };
        Ok((s != Survey::default()).then_some(s))
    }
}

/// A labelled text box of the survey.
fn text_box(id: &'static str, l: Lang, label: Pair, sig: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{tr(l, label)}</label>
            <input id=id type="text" prop:value=move || sig.get() on:input=move |e| sig.set(event_target_value(&e))/>
        </div>
    }
}

/// A labelled choice of the survey from a code list.
fn choice_box(id: &'static str, l: Lang, label: Pair, sig: RwSignal<String>, options: Vec<(&'static str, &'static str)>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{tr(l, label)}</label>
            <select id=id prop:value=move || sig.get() on:change=move |e| sig.set(event_target_value(&e))>
                <option value="">"—"</option>
                {options.into_iter().map(|(code, name)| view! { <option value=code>{name}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// 信用调查: the four warning-sign checklists, a sudden change, the 客户调查表 (collapsible), the
/// written assessment and whether it is the written report; an urgent one waits for the
/// superior's instruction, recorded here. Past investigations below, latest first.
#[component]
pub fn CreditInvestigation(customer_id: String, entries: Memo<Vec<Entry>>, read_only: bool) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let cid = StoredValue::new(customer_id);
    let ticked = RwSignal::new(Vec::<Sign>::new());
    let sudden = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let assessment = RwSignal::new(String::new());
    let report = RwSignal::new(false);
    let by = RwSignal::new(my_name(archive));
    let survey = SurveyBoxes::new();
    let error = RwSignal::new(None::<String>);
    // The urgent report just saved (its instruction form opens at once).
    let urgent_id = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    // The waiting report whose instruction form is open; `None`: the one just saved, else the first.
    let instructing = RwSignal::new(None::<String>);
    let ins_by = RwSignal::new(String::new());
    let ins_text = RwSignal::new(String::new());
    let ins_error = RwSignal::new(None::<String>);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let sv = match survey.read() {
            Ok(s) => s,
            Err(label) => {
                error.set(Some(format!("{}{}{}", tr(l, label), l.pick("：", ": "), tr(l, w::NOT_A_NUMBER))));
                return;
            }
        };
        let inv = Investigation {
            review: SignReview {
                date: crate::platform::today(),
                signs: ticked.get_untracked(),
                sudden_change: sudden.get_untracked(),
                by: by.get_untracked(),
                note: note.get_untracked(),
            },
            survey: sv,
            assessment: assessment.get_untracked(),
            report: report.get_untracked(),
            urgent: false,
            instruction: None,
        };
        saved.set(false);
        urgent_id.set(None);
        spawn_local(async move {
            match archive.record_investigation(&cid.get_value(), inv).await {
                Ok((id, urgent)) => {
                    error.set(None);
                    ticked.set(Vec::new());
                    sudden.set(false);
                    note.set(String::new());
                    assessment.set(String::new());
                    report.set(false);
                    if urgent {
                        instructing.set(Some(id.clone()));
                        urgent_id.set(Some(id));
                    } else {
                        saved.set(true);
                    }
                }
                Err(e) => error.set(Some(e.text(l, t.get_untracked()))),
            }
        });
    };

    let instruct = move |entry_id: String| {
        let l = lang.get_untracked();
        let (b, x) = (ins_by.get_untracked(), ins_text.get_untracked());
        spawn_local(async move {
            match archive.instruct(&cid.get_value(), &entry_id, &b, &x).await {
                Ok(()) => {
                    ins_error.set(None);
                    ins_text.set(String::new());
                    instructing.set(None);
                    urgent_id.set(None);
                    saved.set(true);
                }
                Err(e) => ins_error.set(Some(e.text(l, t.get_untracked()))),
            }
        });
    };

    let checklists = move || {
        let l = lang.get();
        SignGroup::ALL
            .iter()
            .map(|g| {
                view! {
                    <fieldset class="sign-group" data-sign-group=g.code()>
                        <legend>{g.label(l)}</legend>
                        <div class="checks">
                            {Sign::of_group(*g).map(|s| {
                                let (id, for_id) = (format!("sign-{}", s.code()), format!("sign-{}", s.code()));
                                view! {
                                    <label class="check" for=for_id>
                                        <input type="checkbox" id=id data-sign=s.code()
                                            prop:checked=move || ticked.with(|v| v.contains(&s))
                                            on:change=move |e| {
                                                let on = event_target_checked(&e);
                                                ticked.update(|v| { v.retain(|x| *x != s); if on { v.push(s); } });
                                            }/>
                                        {s.label(l)}
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                }
            })
            .collect_view()
    };

    let survey_form = move || {
        let l = lang.get();
        let s = survey;
        let person = |prefix: &'static str, label: Pair, p: [RwSignal<String>; 4]| {
            let ids: [&'static str; 4] = match prefix {
                "hd" => ["sv-hd-name", "sv-hd-age", "sv-hd-edu", "sv-hd-chr"],
                _ => ["sv-fm-name", "sv-fm-age", "sv-fm-edu", "sv-fm-chr"],
            };
            view! {
                <fieldset>
                    <legend>{tr(l, label)}</legend>
                    <div class="grid">
                        {text_box(ids[0], l, w::NAME, p[0])}
                        {text_box(ids[1], l, w::AGE, p[1])}
                        {text_box(ids[2], l, w::EDUCATION, p[2])}
                        {text_box(ids[3], l, w::CHARACTER, p[3])}
                    </div>
                </fieldset>
            }
        };
        let opts = |all: Vec<(&'static str, &'static str)>| all;
        view! {
            <details class="survey" data-survey>
                <summary>{tr(l, w::SURVEY_FILL)}</summary>
                {person("hd", w::HEAD, s.head)}
                {person("fm", w::FACTORY_MANAGER, s.manager)}
                <div class="grid">
                    {text_box("sv-contact", l, w::CONTACT, s.contact)}
                    {text_box("sv-contact-title", l, w::CONTACT_TITLE, s.contact_title)}
                    {text_box("sv-contact-duties", l, w::CONTACT_DUTIES, s.contact_duties)}
                    {choice_box("sv-manner", l, w::MANNER, s.manner, opts(Manner::ALL.iter().map(|x| (x.code(), x.label(l))).collect()))}
                    {choice_box("sv-business", l, w::BUSINESS, s.business, opts(Business::ALL.iter().map(|x| (x.code(), x.label(l))).collect()))}
                    {text_box("sv-scope", l, w::SCOPE, s.scope)}
                    {text_box("sv-buyers", l, w::BUYERS, s.buyers)}
                    {choice_box("sv-pricing", l, w::PRICING, s.pricing, opts(Pricing::ALL.iter().map(|x| (x.code(), x.label(l))).collect()))}
                    {text_box("sv-yearly", l, w::YEARLY, s.yearly)}
                    {text_box("sv-peak", l, w::PEAK, s.peak)}
                    {text_box("sv-peak-fen", l, w::PEAK_FEN, s.peak_fen)}
                    {text_box("sv-low", l, w::LOW, s.low)}
                    {text_box("sv-low-fen", l, w::LOW_FEN, s.low_fen)}
                    {choice_box("sv-org", l, w::ORGANISATION, s.organisation, opts(Organisation::ALL.iter().map(|x| (x.code(), x.label(l))).collect()))}
                    {text_box("sv-staff", l, w::STAFF, s.staff)}
                    {text_box("sv-workers", l, w::WORKERS, s.workers)}
                    <div class="field">
                        <span class="label">{tr(l, w::STAFF_TOTAL)}</span>
                        <output data-staff-total>{move || {
                            let n = |x: RwSignal<String>| x.get().trim().parse::<u32>().unwrap_or(0);
                            n(s.staff).saturating_add(n(s.workers)).to_string()
                        }}</output>
                    </div>
                    {choice_box("sv-standing", l, w::STANDING, s.standing, opts(Standing::ALL.iter().map(|x| (x.code(), x.label(l))).collect()))}
                    {text_box("sv-pay-attitude", l, w::PAY_ATTITUDE, s.pay_attitude)}
                    {text_box("sv-pay-term", l, w::PAY_TERM, s.pay_term)}
                    {text_box("sv-pay-method", l, w::PAY_METHOD, s.pay_method)}
                    {text_box("sv-pay-procedure", l, w::PAY_PROCEDURE, s.pay_procedure)}
                </div>
                <fieldset>
                    <legend>{tr(l, w::YEARS)}</legend>
                    {move || {
                        let l = lang.get();
                        s.years.get().into_iter().enumerate().map(|(i, [y, p, f])| view! {
                            <div class="year-row">
                                <input type="text" inputmode="numeric" aria-label=tr(l, w::YEAR) placeholder=tr(l, w::YEAR) prop:value=move || y.get() on:input=move |e| y.set(event_target_value(&e))/>
                                <input type="text" aria-label=tr(l, w::PRODUCTS) placeholder=tr(l, w::PRODUCTS) prop:value=move || p.get() on:input=move |e| p.set(event_target_value(&e))/>
                                <input type="text" inputmode="decimal" aria-label=tr(l, w::AMOUNT) placeholder=tr(l, w::AMOUNT) prop:value=move || f.get() on:input=move |e| f.set(event_target_value(&e))/>
                                <button type="button" on:click=move |_| s.years.update(|v| { if i < v.len() { v.remove(i); } })>{tr(l, w::REMOVE)}</button>
                            </div>
                        }).collect_view()
                    }}
                    <button type="button" data-action="add-survey-year" on:click=move |_| s.years.update(|v| v.push([text(), text(), text()]))>"+ "{tr(l, w::ADD_YEAR)}</button>
                </fieldset>
                <div class="grid">
                    {text_box("sv-signed-head", l, w::SIGNED_HEAD, s.signed_head)}
                    {text_box("sv-signed-reviewer", l, w::SIGNED_REVIEWER, s.signed_reviewer)}
                    {text_box("sv-signed-investigator", l, w::SIGNED_INVESTIGATOR, s.signed_investigator)}
                </div>
            </details>
        }
    };

    let instruct_form = move |entry_id: String| {
        let l = lang.get_untracked();
        let eid = entry_id.clone();
        view! {
            <form class="credit-form instruct-form" data-instruct-form=entry_id novalidate
                on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); instruct(eid.clone()); }>
                <div class="grid">
                    <div class="field">
                        <label for="instruct-by">{tr(l, w::INSTRUCT_BY)}</label>
                        <input id="instruct-by" type="text" prop:value=move || ins_by.get() on:input=move |e| ins_by.set(event_target_value(&e))/>
                    </div>
                    <div class="field field-wide">
                        <label for="instruct-text">{tr(l, w::INSTRUCT_TEXT)}</label>
                        <textarea id="instruct-text" rows="2" prop:value=move || ins_text.get() on:input=move |e| ins_text.set(event_target_value(&e))></textarea>
                    </div>
                </div>
                {move || ins_error.get().map(|m| view! { <p class="banner banner-error" role="alert" use:reveal>{m}</p> })}
                <div class="actions"><button type="submit" class="primary" data-action="instruct">{tr(l, w::INSTRUCT)}</button></div>
            </form>
        }
    };

    let past = move || {
        let l = lang.get();
        entries.with(|es| {
            let mut list: Vec<(String, Investigation)> = es
                .iter()
                .filter(|e| !e.deleted)
                .filter_map(|e| match &e.body {
                    EntryBody::Investigation(i) => Some((e.id.clone(), Investigation::clone(i))),
                    _ => None,
                })
                .collect();
            list.sort_by_key(|(_, i)| std::cmp::Reverse(i.review.date));
            if list.is_empty() {
                return view! { <p class="muted">{tr(l, w::NO_PAST)}</p> }.into_any();
            }
            let first_waiting = list.iter().find(|(_, i)| i.waiting()).map(|(id, _)| id.clone());
            let open = instructing.get().filter(|id| list.iter().any(|(x, i)| x == id && i.waiting())).or(first_waiting);
            view! {
                <ol class="history investigations">
                    {list.into_iter().map(|(id, inv)| {
                        let waiting = inv.waiting();
                        let here = open.as_deref() == Some(id.as_str());
                        let pick = id.clone();
                        let kind = if inv.report { tr(l, w::REPORT_KIND) } else { tr(l, w::REVIEW_KIND) };
                        let signs = inv.review.distinct().iter().map(|s| s.label(l)).collect::<Vec<_>>().join(l.pick("；", "; "));
                        view! {
                            <li data-investigation=id.clone() data-waiting=waiting.to_string()>
                                <time>{w::day(inv.review.date)}</time>" "<strong>{kind}</strong>" · "
                                {w::fill(l, w::SIGNS_N, &inv.review.distinct().len().to_string())}" · "{inv.review.by.clone()}
                                {inv.review.sudden_change.then(|| format!(" · {}", tr(l, w::SUDDEN)))}
                                {(!signs.is_empty()).then(|| view! { <br/><small class="muted">{signs}</small> })}
                                {(!inv.assessment.is_empty()).then(|| view! { <br/><span>{tr(l, w::ASSESSMENT)}{l.pick("：", ": ")}{inv.assessment.clone()}</span> })}
                                {inv.instruction.as_ref().map(|i| view! { <br/><span data-instruction>{tr(l, w::INSTRUCTION)}{i.text.clone()}" · "{i.by.clone()}" · "{w::day(i.date)}</span> })}
                                {waiting.then(|| view! { <br/><span class="tag urgent-tag">{tr(l, w::WAITING)}</span> })}
                                {if waiting && here && !read_only {
                                    instruct_form(id.clone()).into_any()
                                } else if waiting && !read_only {
                                    view! { <button type="button" data-action="open-instruct" on:click=move |_| { ins_error.set(None); instructing.set(Some(pick.clone())); }>{tr(l, w::INSTRUCT)}</button> }.into_any()
                                } else {
                                    ().into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        })
    };

    let form = move || {
        let l = lang.get();
        view! {
            <form class="credit-form investigation-form" data-investigation-form novalidate on:submit=save>
                <h4>{tr(l, w::NEW_INVESTIGATION)}</h4>
                <p class="muted">{tr(l, w::SIGNS)}</p>
                {checklists}
                <label class="check" for="inv-sudden">
                    <input type="checkbox" id="inv-sudden" data-sudden prop:checked=move || sudden.get() on:change=move |e| sudden.set(event_target_checked(&e))/>
                    {tr(l, w::SUDDEN)}
                </label>
                <div class="grid">
                    <div class="field field-wide">
                        <label for="inv-note">{tr(l, w::REVIEW_NOTE)}</label>
                        <textarea id="inv-note" rows="2" prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e))></textarea>
                    </div>
                </div>
                {survey_form}
                <div class="grid">
                    <div class="field field-wide">
                        <label for="inv-assessment">{tr(l, w::ASSESSMENT)}</label>
                        <textarea id="inv-assessment" rows="3" prop:value=move || assessment.get() on:input=move |e| assessment.set(event_target_value(&e))></textarea>
                    </div>
                    <div class="field">
                        <label for="inv-by">{tr(l, w::BY)}</label>
                        <input id="inv-by" type="text" prop:value=move || by.get() on:input=move |e| by.set(event_target_value(&e))/>
                    </div>
                </div>
                <label class="check" for="inv-report">
                    <input type="checkbox" id="inv-report" prop:checked=move || report.get() on:change=move |e| report.set(event_target_checked(&e))/>
                    {tr(l, w::IS_REPORT)}
                </label>
                {move || error.get().map(|m| view! { <p class="banner banner-error" role="alert" data-investigation-error use:reveal>{m}</p> })}
                {move || saved.get().then(|| view! { <p class="banner banner-ok" role="status" data-investigation-saved use:reveal>{tr(lang.get(), w::SAVED)}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" data-action="save-investigation">{tr(l, w::SAVE_INVESTIGATION)}</button>
                </div>
            </form>
        }
    };

    view! {
        <div class="credit-part" data-credit-investigation>
            <h3>{move || tr(lang.get(), w::INVESTIGATION)}</h3>
            {(!read_only).then(form)}
            {move || urgent_id.get().map(|_| view! {
                <p class="banner banner-error urgent-notice" role="alert" data-urgent use:reveal>{tr(lang.get(), w::URGENT)}</p>
            })}
            <h4>{move || tr(lang.get(), w::PAST)}</h4>
            {past}
        </div>
    }
}
