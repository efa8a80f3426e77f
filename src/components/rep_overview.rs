use dossier_core::agenda::{by_rep, RepRow};
use dossier_core::grading::{ProspectGrade, SalesGrade};
use dossier_core::primitives::money::format_yuan_grouped;
use leptos::prelude::*;

use crate::i18n::grading::{self as g, tr};
use crate::state::{use_app, use_archive};

/// 经理视图 (seed 001: a manager checks every rep's cards at least weekly): per rep, customers by
/// sales and prospect grade, visits made and still to make this week and month, reviews and
/// receivables overdue. One card per rep, so nothing scrolls sideways on a tablet.
#[component]
pub fn RepOverview(#[prop(into)] role: Signal<dossier_core::grading::PlanRole>) -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let rows = Memo::new(move |_| {
        archive.revision.track();
        let role = role.get();
        let settings = crate::settings::load_grading();
        archive.with_summaries(|all| by_rep(all, &settings, role, crate::platform::today()))
    });
    let name_of = move |owner: &str| -> String {
        if owner.is_empty() {
            return tr(app.lang.get_untracked(), g::NO_OWNER).to_string();
        }
        archive.archive.with_untracked(|a| a.rep(owner).map(|r| r.name.clone())).unwrap_or_else(|| owner.chars().take(8).collect())
    };
    let card = move |r: RepRow| {
        let l = app.lang.get();
        let sales = SalesGrade::ALL.iter().map(|s| (s.code().to_string(), r.sales_count(Some(*s)))).chain([("—".to_string(), r.sales_count(None))]).filter(|(_, n)| *n > 0);
        let sales = sales.map(|(c, n)| format!("{c} {n}")).collect::<Vec<_>>().join(" · ");
        let prospect = ProspectGrade::ALL.iter().map(|p| (p.code().to_uppercase(), r.prospect_count(Some(*p)))).filter(|(_, n)| *n > 0);
        let prospect = prospect.map(|(c, n)| format!("{c} {n}")).collect::<Vec<_>>().join(" · ");
        let dash = |s: String| if s.is_empty() { "—".to_string() } else { s };
        view! {
            <article class="rep-card" data-rep-row=r.owner.clone()>
                <h3>{name_of(&r.owner)}</h3>
                <dl class="facts">
                    <dt>{tr(l, g::CUSTOMERS)}</dt><dd data-rep-customers>{r.customers}</dd>
                    <dt>{tr(l, g::BY_SALES)}</dt><dd data-rep-sales>{dash(sales)}</dd>
                    <dt>{tr(l, g::BY_PROSPECT)}</dt><dd data-rep-prospect>{dash(prospect)}</dd>
                    <dt>{tr(l, g::WEEK)}</dt><dd data-rep-week>{format!("{} / {}", r.made_week, r.planned_week)}</dd>
                    <dt>{tr(l, g::MONTH)}</dt><dd data-rep-month>{format!("{} / {}", r.made_month, r.planned_month)}</dd>
                    <dt>{tr(l, g::REVIEWS_OVERDUE)}</dt><dd data-rep-reviews>{r.overdue_reviews}</dd>
                    <dt>{tr(l, g::COLLECT_OVERDUE)}</dt>
                    <dd data-rep-collect>{if r.overdue_collections == 0 { "—".to_string() } else { format!("{} · ¥{}", r.overdue_collections, format_yuan_grouped(r.overdue_fen)) }}</dd>
                </dl>
            </article>
        }
    };
    view! {
        <section class="card" data-rep-overview>
            <h2>{move || tr(app.lang.get(), g::REPS_TITLE)}</h2>
            <div class="rep-cards">{move || rows.get().into_iter().map(card).collect_view()}</div>
        </section>
    }
}
