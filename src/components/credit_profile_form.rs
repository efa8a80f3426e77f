use chrono::NaiveDate;
use dossier_core::credit::{
    CreditClass, CreditProfile, Factor, Figure, PaymentRecord, PeriodFigure, PeriodUnit, ProfileError, ProfileField, Scorecard, Source,
    TradeVolume,
};
use dossier_core::ledger::credit::{current_info, CreditInfo};
use dossier_core::ledger::EntryBody;
use dossier_core::{format_yuan, format_yuan_grouped, parse_yuan, Entry, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::credit_panel::my_name;
use crate::credit_commands::CreditFailure;
use crate::i18n::credit_card::{self as w, tr};
use crate::reveal::{reveal, reveal_first};
use crate::state::{use_app, use_archive, use_texts};

/// One figure's boxes: amount (or share, count, period), the day learned and the channel.
#[derive(Clone, Copy)]
struct FigureBoxes {
    value: RwSignal<String>,
    learned: RwSignal<String>,
    source: RwSignal<String>,
}

/// The form's name of a field: the `#cp-<key>` of its input (the record's field name).
fn key(f: ProfileField) -> &'static str {
    match f {
        ProfileField::MonthlyPurchases => "monthly_purchases",
        ProfileField::OurShare => "our_share",
        ProfileField::CreditPeriod => "credit_period",
        ProfileField::WorkingCapital => "working_capital",
        ProfileField::CurrentAssets => "current_assets",
        ProfileField::CurrentLiabilities => "current_liabilities",
        ProfileField::TotalAssets => "total_assets",
        ProfileField::TotalLiabilities => "total_liabilities",
        ProfileField::Suppliers => "suppliers",
    }
}

/// The box a refusal belongs beside.
fn field_of(e: &ProfileError) -> String {
    match e {
        ProfileError::Negative(f) | ProfileError::TooLarge(f) | ProfileError::Future(f) => key(*f).to_string(),
        ProfileError::Share(_) => key(ProfileField::OurShare).to_string(),
        ProfileError::Suppliers(_) => key(ProfileField::Suppliers).to_string(),
        ProfileError::Period => key(ProfileField::CreditPeriod).to_string(),
        ProfileError::Score(f, _) => format!("score-{}", f.code()),
        ProfileError::ScoredInFuture => "scorecard".to_string(),
    }
}

/// A share in basis points as the percent typed: `3000` → `30`, `1250` → `12.5`.
fn share_text(bp: i64) -> String {
    format_yuan(bp).trim_end_matches('0').trim_end_matches('.').to_string()
}

/// 信用资料: each figure with its amount, the day learned (today unless changed) and its source;
/// the credit period in months or days; the 综合判断法 scorecard; the class and a note. Every
/// refusal is shown beside its box and nothing is saved until all pass; a save adds a record.
#[component]
pub fn CreditProfileForm(customer_id: String, entries: Memo<Vec<Entry>>, read_only: bool) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let cid = StoredValue::new(customer_id);
    let today = crate::platform::today();
    let current = entries.with_untracked(|es| current_info(es).cloned());
    let p = current.as_ref().map(|i| i.profile.clone()).unwrap_or_default();

    // Filled from the latest profile, so an update changes only what is new.
    let boxes: Vec<(ProfileField, FigureBoxes)> = ProfileField::ALL
        .iter()
        .map(|&f| {
            let (value, learned, source) = match f {
                ProfileField::CreditPeriod => match &p.credit_period {
                    Some(x) => (x.n.to_string(), x.learned, x.source),
                    None => (String::new(), today, Source::default()),
                },
                _ => match p.figure(f) {
                    Some(x) => {
                        let v = match f {
                            ProfileField::OurShare => share_text(x.value),
                            ProfileField::Suppliers => x.value.to_string(),
                            _ => format_yuan_grouped(x.value),
                        };
                        (v, x.learned, x.source)
                    }
                    None => (String::new(), today, Source::default()),
                },
            };
            let b = FigureBoxes {
                value: RwSignal::new(value),
                learned: RwSignal::new(w::day(learned)),
                source: RwSignal::new(source.code().to_string()),
            };
            (f, b)
        })
        .collect();
    let boxes = StoredValue::new(boxes);
    let unit = RwSignal::new(p.credit_period.as_ref().map_or(PeriodUnit::Months, |x| x.unit).code().to_string());
    let sc = p.scorecard.clone();
    let scores: [RwSignal<String>; 6] = std::array::from_fn(|i| {
        RwSignal::new(sc.as_ref().map(|s| s.scores[i]).filter(|s| *s > 0).map(|s| s.to_string()).unwrap_or_default())
    });
    let payment = RwSignal::new(sc.as_ref().and_then(|s| s.payment).map(|x| x.code().to_string()).unwrap_or_default());
    let volume = RwSignal::new(sc.as_ref().and_then(|s| s.volume).map(|x| x.code().to_string()).unwrap_or_default());
    let class = RwSignal::new(current.as_ref().and_then(|i| i.class).map(|c| c.code().to_string()).unwrap_or_default());
    let note = RwSignal::new(String::new());
    let by = RwSignal::new(my_name(archive));
    // (box key, message) of each refusal; empty: none.
    let problems = RwSignal::new(Vec::<(String, String)>::new());
    let banner = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);

    // The typed boxes as a profile, or the refusals of the boxes that do not read.
    let read = move |l: Lang| -> Result<CreditProfile, Vec<(String, String)>> {
        let mut out = CreditProfile::default();
        let mut bad = Vec::new();
        for (f, b) in boxes.get_value() {
            let text = b.value.get_untracked();
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            // Typed as 2026/12/1 or 20261201 too (DateInput writes it back as 年-月-日 on leaving).
            let typed = b.learned.get_untracked();
            let Some(Ok(learned)) = dossier_core::validation::check::normalize_date(&typed).map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d")) else {
                bad.push((format!("{}-date", key(f)), tr(l, w::NOT_A_DATE).to_string()));
                continue;
            };
            let source = Source::from_code(&b.source.get_untracked()).unwrap_or_default();
            let value: Option<i64> = match f {
                ProfileField::Suppliers | ProfileField::CreditPeriod => text.parse::<i64>().ok(),
                ProfileField::OurShare => parse_yuan(text.trim_end_matches(['%', '％']).trim()).ok(),
                // Working capital may be negative; the others are refused below when they are.
                _ => match text.strip_prefix(['-', '−']) {
                    Some(rest) => parse_yuan(rest).ok().map(|v| -v),
                    None => parse_yuan(text).ok(),
                },
            };
            let Some(v) = value else {
                bad.push((key(f).to_string(), tr(l, w::NOT_A_NUMBER).to_string()));
                continue;
            };
            let fig = Some(Figure::new(v, learned, source));
            match f {
                ProfileField::MonthlyPurchases => out.monthly_purchases = fig,
                ProfileField::OurShare => out.our_share = fig,
                ProfileField::CreditPeriod => {
                    let n = u16::try_from(v).unwrap_or(u16::MAX);
                    let u = PeriodUnit::from_code(&unit.get_untracked()).unwrap_or_default();
                    out.credit_period = Some(PeriodFigure { n, unit: u, learned, source });
                }
                ProfileField::WorkingCapital => out.working_capital = fig,
                ProfileField::CurrentAssets => out.current_assets = fig,
                ProfileField::CurrentLiabilities => out.current_liabilities = fig,
                ProfileField::TotalAssets => out.total_assets = fig,
                ProfileField::TotalLiabilities => out.total_liabilities = fig,
                ProfileField::Suppliers => out.suppliers = fig,
            }
        }
        let marks: [u8; 6] = std::array::from_fn(|i| scores[i].get_untracked().parse::<u8>().unwrap_or(0));
        let (pay, vol) = (PaymentRecord::from_code(&payment.get_untracked()), TradeVolume::from_code(&volume.get_untracked()));
        if marks.iter().any(|s| *s > 0) || pay.is_some() || vol.is_some() {
            out.scorecard = Some(Scorecard { scores: marks, payment: pay, volume: vol, date: crate::platform::today(), by: by.get_untracked() });
        }
        if bad.is_empty() { Ok(out) } else { Err(bad) }
    };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let today = crate::platform::today();
        saved.set(false);
        let profile = match read(l) {
            Ok(p) => p,
            Err(bad) => {
                problems.set(bad);
                banner.set(Some(tr(l, w::FIX_FIELDS).to_string()));
                reveal_first("[data-credit-profile] [aria-invalid=true]");
                return;
            }
        };
        let refused = profile.problems(today);
        if !refused.is_empty() {
            problems.set(refused.iter().map(|e| (field_of(e), e.message(l))).collect());
            banner.set(Some(tr(l, w::FIX_FIELDS).to_string()));
            reveal_first("[data-credit-profile] [aria-invalid=true]");
            return;
        }
        problems.set(Vec::new());
        let info = CreditInfo { date: today, by: by.get_untracked(), profile, class: CreditClass::from_code(&class.get_untracked()), note: note.get_untracked() };
        spawn_local(async move {
            match archive.record_credit_info(&cid.get_value(), info).await {
                Ok(_) => {
                    banner.set(None);
                    note.set(String::new());
                    saved.set(true);
                }
                Err(e) => {
                    use dossier_core::commands::credit::CreditError;
                    match &e {
                        CreditFailure::Refused(CreditError::Profile(ps)) => problems.set(ps.iter().map(|p| (field_of(p), p.message(l))).collect()),
                        CreditFailure::Refused(CreditError::NoName) => problems.set(vec![("by".to_string(), e.text(l, t.get_untracked()))]),
                        _ => {}
                    }
                    reveal_first("[data-credit-profile] [aria-invalid=true]");
                    banner.set(Some(e.text(l, t.get_untracked())));
                }
            }
        });
    };

    let problem = move |k: String| problems.with(|ps| ps.iter().find(|(f, _)| *f == k).map(|(_, m)| m.clone()));
    let invalid = move |k: &'static str| move || problems.with(|ps| ps.iter().any(|(f, _)| f == k)).to_string();

    let figure_rows = move || {
        let l = lang.get();
        boxes
            .get_value()
            .into_iter()
            .map(|(f, b)| {
                let k = key(f);
                let (id, date_id, src_id) = (format!("cp-{k}"), format!("cp-{k}-date"), format!("cp-{k}-src"));
                let what = match f {
                    ProfileField::OurShare => tr(l, w::SHARE_PCT),
                    ProfileField::Suppliers => tr(l, w::COUNT),
                    ProfileField::CreditPeriod => tr(l, w::PERIOD_N),
                    _ => tr(l, w::AMOUNT_YUAN),
                };
                let date_key = format!("{k}-date");
                let date_key2 = date_key.clone();
                view! {
                    <fieldset class="figure-row" class:field-invalid=move || problem(k.to_string()).is_some() || problem(date_key.clone()).is_some()>
                        <legend>{f.label(l)}</legend>
                        <div class="field">
                            <label for=id.clone()>{what}</label>
                            <div class="figure-value">
                                <input id=id type="text" inputmode="decimal" aria-invalid=invalid(k)
                                    prop:value=move || b.value.get() on:input=move |e| b.value.set(event_target_value(&e))/>
                                {(f == ProfileField::CreditPeriod).then(|| view! {
                                    <select id="cp-credit_period-unit" aria-label=tr(l, w::PERIOD_N) prop:value=move || unit.get() on:change=move |e| unit.set(event_target_value(&e))>
                                        {PeriodUnit::ALL.iter().map(|u| view! { <option value=u.code()>{u.label(l)}</option> }).collect_view()}
                                    </select>
                                })}
                            </div>
                        </div>
                        <div class="field">
                            <label for=date_id.clone()>{tr(l, w::LEARNED)}</label>
                            <crate::components::date_input::DateInput id=date_id.clone() value=Signal::derive(move || b.learned.get()) set=Callback::new(move |v: String| b.learned.set(v))/>
                        </div>
                        <div class="field">
                            <label for=src_id.clone()>{tr(l, w::SOURCE)}</label>
                            <select id=src_id prop:value=move || b.source.get() on:change=move |e| b.source.set(event_target_value(&e))>
                                {Source::ALL.iter().map(|s| view! { <option value=s.code()>{s.label(l)}</option> }).collect_view()}
                            </select>
                        </div>
                        {move || problem(k.to_string()).or_else(|| problem(date_key2.clone())).map(|m| view! { <p class="field-error" data-problem=k>{m}</p> })}
                    </fieldset>
                }
            })
            .collect_view()
    };

    let score_boxes = move || {
        let l = lang.get();
        Factor::ALL
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let id = format!("cp-score-{}", f.code());
                let k = format!("score-{}", f.code());
                let k2 = k.clone();
                let sig = scores[i];
                view! {
                    <div class="field" class:field-invalid=move || problem(k.clone()).is_some()>
                        <label for=id.clone()>{f.label(l)}</label>
                        <select id=id prop:value=move || sig.get() on:change=move |e| sig.set(event_target_value(&e))>
                            <option value="">{tr(l, w::NOT_SCORED)}</option>
                            {(1..=5).map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> }).collect_view()}
                        </select>
                        {move || problem(k2.clone()).map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                }
            })
            .collect_view()
    };

    let history = move || {
        let l = lang.get();
        entries.with(|es| {
            let mut list: Vec<&CreditInfo> = es
                .iter()
                .filter(|e| !e.deleted)
                .filter_map(|e| match &e.body {
                    EntryBody::CreditInfo(i) => Some(i),
                    _ => None,
                })
                .collect();
            list.sort_by_key(|i| std::cmp::Reverse(i.date));
            if list.is_empty() {
                return view! { <p class="muted">{tr(l, w::PROFILE_NONE)}</p> }.into_any();
            }
            view! {
                <ol class="history" data-credit-infos>
                    {list.into_iter().map(|i| {
                        let filled = ProfileField::ALL.iter().filter(|f| i.profile.learned(**f).is_some()).count();
                        let what = [
                            i.class.map(|c| c.label(l).to_string()).unwrap_or_default(),
                            format!("{filled}/{}", ProfileField::ALL.len()),
                            i.by.clone(),
                            i.note.clone(),
                        ].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(" · ");
                        view! { <li data-credit-info><time>{w::day(i.date)}</time>" "{what}</li> }
                    }).collect_view()}
                </ol>
            }.into_any()
        })
    };

    view! {
        <div class="credit-part" data-credit-profile>
            <h3>{move || tr(lang.get(), w::PROFILE)}</h3>
            {(!read_only).then(|| view! {
                <form class="credit-form profile-form" novalidate on:submit=save>
                    <p class="muted">{move || tr(lang.get(), w::PROFILE_INTRO)}</p>
                    <div class="figure-grid">{figure_rows}</div>
                    <fieldset class="scorecard" class:field-invalid=move || problem("scorecard".into()).is_some()>
                        <legend>{move || tr(lang.get(), w::SCORECARD)}</legend>
                        <div class="grid">
                            {score_boxes}
                            <div class="field">
                                <label for="cp-payment">{move || tr(lang.get(), w::PAYMENT_RECORD)}</label>
                                <select id="cp-payment" prop:value=move || payment.get() on:change=move |e| payment.set(event_target_value(&e))>
                                    <option value="">{move || tr(lang.get(), w::UNKNOWN)}</option>
                                    {move || PaymentRecord::ALL.iter().map(|x| view! { <option value=x.code()>{x.label(lang.get())}</option> }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="cp-volume">{move || tr(lang.get(), w::TRADE_VOLUME)}</label>
                                <select id="cp-volume" prop:value=move || volume.get() on:change=move |e| volume.set(event_target_value(&e))>
                                    <option value="">{move || tr(lang.get(), w::UNKNOWN)}</option>
                                    {move || TradeVolume::ALL.iter().map(|x| view! { <option value=x.code()>{x.label(lang.get())}</option> }).collect_view()}
                                </select>
                            </div>
                        </div>
                        {move || problem("scorecard".into()).map(|m| view! { <p class="field-error">{m}</p> })}
                    </fieldset>
                    <div class="grid">
                        <div class="field">
                            <label for="cp-class">{move || tr(lang.get(), w::CLASS)}</label>
                            <select id="cp-class" prop:value=move || class.get() on:change=move |e| class.set(event_target_value(&e))>
                                <option value="">{move || tr(lang.get(), w::NO_CLASS)}</option>
                                {move || CreditClass::ALL.iter().map(|c| view! { <option value=c.code()>{format!("{} · {}", c.label(lang.get()), c.meaning(lang.get()))}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="cp-by">{move || tr(lang.get(), w::BY)}</label>
                            <input id="cp-by" type="text" aria-invalid=invalid("by") prop:value=move || by.get() on:input=move |e| by.set(event_target_value(&e))/>
                        </div>
                        <div class="field field-wide">
                            <label for="cp-note">{move || tr(lang.get(), w::NOTE)}</label>
                            <textarea id="cp-note" rows="2" prop:value=move || note.get() on:input=move |e| note.set(event_target_value(&e))></textarea>
                        </div>
                    </div>
                    {move || banner.get().map(|m| view! { <p class="banner banner-error" role="alert" data-profile-error use:reveal>{m}</p> })}
                    {move || saved.get().then(|| view! { <p class="banner banner-ok" role="status" data-profile-saved use:reveal>{tr(lang.get(), w::SAVED)}</p> })}
                    <div class="actions">
                        <button type="submit" class="primary" data-action="save-credit-info">{move || tr(lang.get(), w::SAVE_PROFILE)}</button>
                    </div>
                </form>
            })}
            <h4>{move || tr(lang.get(), w::HISTORY_INFO)}</h4>
            {history}
        </div>
    }
}
