use dossier_core::credit::{all_limits, current_approval, ProfileField, SignGroup};
use dossier_core::ledger::credit::{approvals, countermeasures, current_info, order_check, CreditFacts, Investigation, Survey};
use dossier_core::ledger::EntryBody;
use dossier_core::{Entry, Lang};
use leptos::prelude::*;

use crate::components::icon::{Glyph, Icon};
use crate::i18n::credit_card::{self as w, tr};
use crate::route::Page;
use crate::state::{use_app, use_archive};

/// 客户信用调查报告 of one customer, made for paper: the header, the profile's figures with their
/// sources, the five methods, the approvals, the latest investigation with its signs and
/// 客户调查表, the countermeasures and the releases. The print stylesheet drops the app around it.
#[component]
pub fn CreditReportPage(id: String) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let lang = app.lang;
    let id = StoredValue::new(id);
    let customer = Memo::new(move |_| {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.get(&id.get_value()).cloned())
    });
    let entries = Memo::new(move |_| {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.ledger(&id.get_value()).to_vec())
    });

    view! {
        <div class="crumbs credit-report-nav">
            <a href=move || Page::Card(id.get_value()).href()>"← "{move || tr(lang.get(), w::BACK_TO_CARD)}</a>
            <button type="button" class="with-icon" data-action="print-report" onclick="window.print()"><Icon glyph=Glyph::Printer/>{move || tr(lang.get(), w::REPORT_PRINT)}</button>
        </div>
        {move || {
            let l = lang.get();
            let Some(c) = customer.get() else {
                return view! { <p class="banner banner-error" role="alert" data-not-found>{app.texts().get().not_found}</p> }.into_any();
            };
            let today = crate::platform::today();
            let settings = crate::settings::load_credit();
            entries.with(|es| {
                let facts = CreditFacts::of(es);
                let check = order_check(es, 0, false, None, &settings, today);
                let info = current_info(es).cloned();
                let profile = info.as_ref().map(|i| i.profile.clone()).unwrap_or_default();
                let history = approvals(es);
                let base = current_approval(&history).map(|a| a.fen);
                let limits = all_limits(&profile, base, &settings);
                let latest = latest_investigation(es);
                let measures: Vec<_> = countermeasures(es).into_iter().cloned().collect();
                let releases: Vec<_> = es.iter().filter(|e| !e.deleted).filter_map(|e| match &e.body {
                    EntryBody::Release(r) => Some(r.clone()),
                    _ => None,
                }).collect();
                view! {
                    <article class="credit-report" data-credit-report=c.id.clone()>
                        <header class="report-head">
                            <h1>{tr(l, w::REPORT_TITLE)}</h1>
                            <p><strong>{c.display_name().to_string()}</strong>" · "{c.reg_no.clone()}" · "{c.kind().label(l)}</p>
                            <p class="muted">{tr(l, w::REPORT_AS_OF)}{w::day(today)}</p>
                        </header>
                        <section>
                            <dl class="facts">
                                <dt>{tr(l, w::LIMIT_IN_FORCE)}</dt>
                                <dd data-report-limit=facts.limit.map(|f| f.to_string()).unwrap_or_default()>{facts.limit.map_or_else(|| tr(l, w::NO_LIMIT).to_string(), w::yuan)}</dd>
                                <dt>{tr(l, w::EXPOSURE)}</dt><dd>{check.exposure.working(l)}</dd>
                                <dt>{tr(l, w::UTILISATION)}</dt><dd>{check.utilisation_bp.map_or_else(|| "—".to_string(), w::percent)}</dd>
                                <dt>{tr(l, w::CLASS)}</dt>
                                <dd>{facts.class.map_or_else(|| tr(l, w::NO_CLASS).to_string(), |k| format!("{} · {} · {}", k.label(l), k.meaning(l), k.cadence_label(l)))}
                                    {facts.class.map(|k| view! { <br/><small>{k.handling(l)}</small> })}
                                </dd>
                            </dl>
                        </section>
                        <section>
                            <h2>{tr(l, w::PROFILE)}</h2>
                            {match info.as_ref() {
                                None => view! { <p class="muted">{tr(l, w::PROFILE_NONE)}</p> }.into_any(),
                                Some(i) => view! {
                                    <p class="muted">{w::day(i.date)}" · "{i.by.clone()}{(!i.note.is_empty()).then(|| format!(" · {}", i.note))}</p>
                                    <table class="table report-table">
                                        <thead><tr><th>{tr(l, w::FIGURE)}</th><th class="num">{tr(l, w::VALUE)}</th><th>{tr(l, w::LEARNED)}</th><th>{tr(l, w::SOURCE)}</th></tr></thead>
                                        <tbody>{profile_rows(&i.profile, l)}</tbody>
                                    </table>
                                    {i.profile.scorecard.as_ref().map(|sc| view! {
                                        <p>{tr(l, w::SCORECARD)}{l.pick("：", ": ")}
                                            {dossier_core::credit::Factor::ALL.iter().map(|f| format!("{} {}", f.label(l), sc.score(*f))).collect::<Vec<_>>().join(l.pick("，", ", "))}
                                            {format!(" · {}", sc.total())}
                                            {sc.payment.map(|p| format!(" · {}", p.label(l)))}
                                            {sc.volume.map(|v| format!(" · {}", v.label(l)))}
                                        </p>
                                    })}
                                }.into_any(),
                            }}
                        </section>
                        <section>
                            <h2>{tr(l, w::METHODS)}</h2>
                            <table class="table report-table">
                                <thead><tr><th>{tr(l, w::METHOD)}</th><th class="num">{tr(l, w::RESULT)}</th><th>{tr(l, w::WORKING)}</th></tr></thead>
                                <tbody>
                                    {limits.iter().enumerate().map(|(i, r)| {
                                        let m = dossier_core::credit::Method::ALL[i];
                                        match r {
                                            Ok(x) => view! { <tr data-report-method=m.code()><td>{m.label(l)}</td><td class="num">{w::yuan(x.fen)}</td><td>{x.working(l).to_string()}</td></tr> }.into_any(),
                                            Err(e) => view! { <tr data-report-method=m.code()><td>{m.label(l)}</td><td class="num">"—"</td><td>{tr(l, w::NOT_APPLICABLE)}{e.message(l)}</td></tr> }.into_any(),
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                        <section>
                            <h2>{tr(l, w::APPROVALS)}</h2>
                            {if history.is_empty() {
                                view! { <p class="muted">{tr(l, w::NO_APPROVALS)}</p> }.into_any()
                            } else {
                                view! { <ol class="history">{history.iter().rev().map(|a| view! { <li>{a.describe(l)}</li> }).collect_view()}</ol> }.into_any()
                            }}
                        </section>
                        <section>
                            <h2>{tr(l, w::LATEST_INVESTIGATION)}</h2>
                            {match latest {
                                None => view! { <p class="muted">{tr(l, w::NO_PAST)}</p> }.into_any(),
                                Some(inv) => investigation_view(&inv, l).into_any(),
                            }}
                        </section>
                        <section>
                            <h2>{tr(l, w::COUNTERMEASURES)}</h2>
                            {if measures.is_empty() {
                                view! { <p class="muted">{tr(l, w::NO_MEASURES)}</p> }.into_any()
                            } else {
                                view! { <ol class="history">{measures.into_iter().map(|m| view! {
                                    <li>{w::day(m.date)}" · "{m.measure.label(l)}" · "{m.by.clone()}{(!m.note.is_empty()).then(|| format!(" · {}", m.note))}</li>
                                }).collect_view()}</ol> }.into_any()
                            }}
                        </section>
                        <section>
                            <h2>{tr(l, w::RELEASES)}</h2>
                            {if releases.is_empty() {
                                view! { <p class="muted">{tr(l, w::NO_RELEASES)}</p> }.into_any()
                            } else {
                                view! { <ol class="history">{releases.into_iter().map(|r| view! {
                                    <li>{w::day(r.date)}" · "{r.by.clone()}" · "{r.reason.clone()}<br/><small>{r.check.clone()}</small></li>
                                }).collect_view()}</ol> }.into_any()
                            }}
                        </section>
                    </article>
                }.into_any()
            })
        }}
    }
}

/// The latest investigation by its date (then as the file keeps them).
fn latest_investigation(es: &[Entry]) -> Option<Investigation> {
    es.iter()
        .filter(|e| !e.deleted)
        .filter_map(|e| match &e.body {
            EntryBody::Investigation(i) => Some((e, i)),
            _ => None,
        })
        .max_by(|(ea, a), (eb, b)| a.review.date.cmp(&b.review.date).then_with(|| ea.created.cmp(&eb.created)))
        .map(|(_, i)| Investigation::clone(i))
}

/// One row per figure the profile holds: value, day learned, source.
fn profile_rows(p: &dossier_core::credit::CreditProfile, l: Lang) -> impl IntoView {
    ProfileField::ALL
        .iter()
        .filter_map(|f| {
            let value = match f {
                ProfileField::CreditPeriod => p.credit_period.as_ref().map(|x| x.label(l))?,
                ProfileField::OurShare => w::percent(p.figure(*f)?.value),
                ProfileField::Suppliers => p.figure(*f)?.value.to_string(),
                _ => w::yuan(p.figure(*f)?.value),
            };
            let (d, src) = p.learned(*f)?;
            Some(view! { <tr data-report-figure=f.code()><td>{f.label(l)}</td><td class="num">{value}</td><td>{w::day(d)}</td><td>{src.label(l)}</td></tr> })
        })
        .collect_view()
}

/// An investigation as on paper: the signs ticked by group, the note and assessment, the
/// instruction, and the survey's boxes that were filled.
pub fn investigation_view(inv: &Investigation, l: Lang) -> impl IntoView + use<> {
    let r = &inv.review;
    let ticked = r.distinct();
    let groups = SignGroup::ALL
        .iter()
        .filter_map(|g| {
            let signs: Vec<&str> = ticked.iter().filter(|s| s.group() == *g).map(|s| s.label(l)).collect();
            (!signs.is_empty()).then(|| view! { <li><strong>{g.label(l)}</strong>{l.pick("：", ": ")}{signs.join(l.pick("；", "; "))}</li> })
        })
        .collect_view();
    let kind = if inv.report { tr(l, w::REPORT_KIND) } else { tr(l, w::REVIEW_KIND) };
    view! {
        <p>{w::day(r.date)}" · "{kind}" · "{r.by.clone()}{r.sudden_change.then(|| format!(" · {}", tr(l, w::SUDDEN)))}</p>
        {if ticked.is_empty() {
            view! { <p class="muted">{tr(l, w::NO_SIGNS)}</p> }.into_any()
        } else {
            view! { <ul class="report-signs">{groups}</ul> }.into_any()
        }}
        {(!r.note.is_empty()).then(|| view! { <p>{tr(l, w::REVIEW_NOTE)}{l.pick("：", ": ")}{r.note.clone()}</p> })}
        {(!inv.assessment.is_empty()).then(|| view! { <p>{tr(l, w::ASSESSMENT)}{l.pick("：", ": ")}{inv.assessment.clone()}</p> })}
        {inv.urgent.then(|| view! { <p class="urgent-line">{tr(l, w::URGENT)}</p> })}
        {inv.instruction.as_ref().map(|i| view! { <p>{tr(l, w::INSTRUCTION)}{i.text.clone()}" · "{i.by.clone()}" · "{w::day(i.date)}</p> })}
        {inv.survey.as_ref().map(|s| survey_view(s, l))}
    }
}

/// The 客户调查表's filled boxes as a two-column table.
fn survey_view(s: &Survey, l: Lang) -> impl IntoView + use<> {
    let person = |p: &dossier_core::ledger::credit::SurveyPerson| {
        let mut parts = vec![p.name.clone()];
        if let Some(a) = p.age {
            parts.push(format!("{}{a}", tr(l, w::AGE)));
        }
        parts.push(p.education.clone());
        parts.push(p.character.clone());
        parts.retain(|x| !x.is_empty());
        parts.join(" · ")
    };
    let money = |f: Option<i64>| f.map(w::yuan).unwrap_or_default();
    let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let years = s
        .years
        .iter()
        .map(|y| format!("{} {} {}", y.year, y.products, w::yuan(y.fen)))
        .collect::<Vec<_>>()
        .join(l.pick("；", "; "));
    let rows: Vec<(w::Pair, String)> = vec![
        (w::HEAD, person(&s.head)),
        (w::FACTORY_MANAGER, person(&s.factory_manager)),
        (w::CONTACT, [s.contact.as_str(), s.contact_title.as_str(), s.contact_duties.as_str()].iter().filter(|x| !x.is_empty()).copied().collect::<Vec<_>>().join(" · ")),
        (w::MANNER, s.manner.map(|x| x.label(l).to_string()).unwrap_or_default()),
        (w::BUSINESS, s.business.map(|x| x.label(l).to_string()).unwrap_or_default()),
        (w::SCOPE, s.scope.clone()),
        (w::BUYERS, s.buyers.clone()),
        (w::PRICING, s.pricing.map(|x| x.label(l).to_string()).unwrap_or_default()),
        (w::YEARLY, money(s.yearly_fen)),
        (w::PEAK, s.peak_months.clone()),
        (w::PEAK_FEN, money(s.peak_monthly_fen)),
        (w::LOW, s.low_months.clone()),
        (w::LOW_FEN, money(s.low_monthly_fen)),
        (w::ORGANISATION, s.organisation.map(|x| x.label(l).to_string()).unwrap_or_default()),
        (w::STAFF, count(s.staff)),
        (w::WORKERS, count(s.workers)),
        (w::STAFF_TOTAL, count(s.staff_total())),
        (w::STANDING, s.standing.map(|x| x.label(l).to_string()).unwrap_or_default()),
        (w::PAY_ATTITUDE, s.pay_attitude.clone()),
        (w::PAY_TERM, s.pay_term.clone()),
        (w::PAY_METHOD, s.pay_method.clone()),
        (w::PAY_PROCEDURE, s.pay_procedure.clone()),
        (w::YEARS, years),
        (w::SIGNED_HEAD, s.signed_head.clone()),
        (w::SIGNED_REVIEWER, s.signed_reviewer.clone()),
        (w::SIGNED_INVESTIGATOR, s.signed_investigator.clone()),
    ];
    view! {
        <h3>{tr(l, w::SURVEY)}</h3>
        <table class="table report-table survey-table">
            <tbody>
                {rows.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! { <tr><th scope="row">{tr(l, k)}</th><td>{v}</td></tr> }).collect_view()}
            </tbody>
        </table>
    }
}
