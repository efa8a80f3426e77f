use dossier_core::ledger::credit::{order_check, CreditFacts};
use dossier_core::{Customer, Entry};
use leptos::prelude::*;

use crate::components::credit_countermeasures::CreditCountermeasures;
use crate::components::credit_investigation::CreditInvestigation;
use crate::components::credit_methods::CreditMethods;
use crate::components::credit_profile_form::CreditProfileForm;
use crate::components::held_orders::HeldOrders;
use crate::components::icon::{Glyph, Icon};
use crate::i18n::credit_card::{self as w, tr};
use crate::route::Page;
use crate::state::{use_app, use_archive};

/// The card's 信用 section (issue 16): the limit in force against the exposure, the class and
/// its next written report; then the profile, the five methods with approval, investigations,
/// countermeasures and held orders, each a component reading the same file.
#[component]
pub fn CreditPanel(customer: Customer) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let lang = app.lang;
    let cid = StoredValue::new(customer.id.clone());
    // One read of the file per save, shared by every part of the section.
    let entries: Memo<Vec<Entry>> = Memo::new(move |_| {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.ledger(&cid.get_value()).to_vec())
    });
    let deleted = customer.deleted;

    let summary = move || {
        let l = lang.get();
        let settings = crate::settings::load_credit();
        let today = crate::platform::today();
        entries.with(|es| {
            let facts = CreditFacts::of(es);
            // An order of nothing: the exposure as it stands and its share of the limit.
            let check = order_check(es, 0, false, None, &settings, today);
            let bp = check.utilisation_bp;
            let level = match bp {
                None => "none",
                Some(b) if b <= i64::from(settings.warning_bp) => "ok",
                Some(b) if b <= 10_000 => "warn",
                Some(_) => "over",
            };
            let limit_text = facts.limit.map_or_else(|| tr(l, w::NO_LIMIT).to_string(), w::yuan);
            // The bar stops at its end; the figure beside it says how far beyond.
            let width = bp.map_or(0, |b| b.clamp(0, 10_000)) as f64 / 100.0;
            let class = facts.class.map(|c| {
                let next = facts.next_report(today);
                let due = next.is_some_and(|d| d <= today);
                format!(
                    "{} · {} · {}{}{}",
                    c.label(l),
                    c.meaning(l),
                    tr(l, w::NEXT_REPORT),
                    next.map(w::day).unwrap_or_default(),
                    if due { tr(l, w::REPORT_DUE) } else { "" }
                )
            });
            let urgent = facts.urgent.len();
            view! {
                <dl class="facts credit-summary">
                    <dt>{tr(l, w::LIMIT_IN_FORCE)}</dt>
                    <dd data-limit-in-force=facts.limit.map(|f| f.to_string()).unwrap_or_default() class:muted=facts.limit.is_none()>{limit_text}</dd>
                    <dt>{tr(l, w::EXPOSURE)}</dt>
                    <dd data-exposure=check.exposure.total.to_string()>{w::yuan(check.exposure.total)}<br/><small class="muted">{check.exposure.working(l)}</small></dd>
                    <dt>{tr(l, w::UTILISATION)}</dt>
                    <dd data-utilisation=bp.map(|b| b.to_string()).unwrap_or_default() data-level=level>
                        {match bp {
                            Some(b) => view! {
                                <span class="util-bar" role="img" aria-label=w::percent(b)><span class=format!("util-fill util-{level}") style=format!("width: {width}%")></span></span>
                                <span class="util-figure">{w::percent(b)}</span>
                            }.into_any(),
                            None => view! { <span class="muted">{tr(l, w::NO_UTILISATION)}</span> }.into_any(),
                        }}
                    </dd>
                    <dt>{tr(l, w::CLASS)}</dt>
                    <dd data-credit-class=facts.class.map(|c| c.code()).unwrap_or("")>{class.unwrap_or_else(|| tr(l, w::NO_CLASS).to_string())}</dd>
                </dl>
                {(urgent > 0).then(|| view! {
                    <p class="banner banner-error" data-urgent-waiting=urgent.to_string()>{w::fill(l, w::URGENT_WAITING, &urgent.to_string())}</p>
                })}
            }
        })
    };

    view! {
        <section class="card credit-panel" data-credit-panel>
            <div class="credit-head">
                <h2>{move || tr(lang.get(), w::TITLE)}</h2>
                <a class="button with-icon" data-action="credit-report" href=Page::CreditReport(customer.id.clone()).href()>
                    <Icon glyph=Glyph::Printer/>{move || tr(lang.get(), w::PRINT_REPORT)}
                </a>
            </div>
            {summary}
            <HeldOrders customer_id=customer.id.clone() entries=entries/>
            <CreditMethods customer_id=customer.id.clone() entries=entries read_only=deleted/>
            <CreditProfileForm customer_id=customer.id.clone() entries=entries read_only=deleted/>
            <CreditInvestigation customer_id=customer.id.clone() entries=entries read_only=deleted/>
            <CreditCountermeasures customer_id=customer.id.clone() entries=entries read_only=deleted/>
        </section>
    }
}

/// This device's rep by name (设置 → 我是), the default for who records or approves.
pub fn my_name(archive: crate::archive_state::ArchiveState) -> String {
    crate::settings::load_me()
        .and_then(|rid| archive.archive.with_untracked(|a| a.rep(&rid).map(|r| r.name.clone())))
        .unwrap_or_default()
}
