use dossier_core::ledger::{AgingBucket, AgingRow};
use dossier_core::summary::aging_table;
use dossier_core::{format_yuan_grouped, Aging, OwnerFilter};
use leptos::prelude::*;

use crate::archive_state::LoadStatus;
use crate::components::empty_state::EmptyState;
use crate::platform;
use crate::route::Page;
use crate::components::credit_overview::CreditOverview;
use crate::i18n::credit_page as w;
use crate::i18n::grading::tr;
use crate::components::owner_options::OwnerOptions;
use crate::state::{use_app, use_archive, use_texts};
use crate::perf;

fn yuan(fen: i64) -> String {
    format_yuan_grouped(fen)
}

/// A bucket's cell: blank when nothing is in it, so the amounts stand out.
fn yuan_or_blank(fen: i64) -> String {
    if fen == 0 { String::new() } else { yuan(fen) }
}

/// 信用: two tabs. 信用总览 (first): every customer's limit, exposure, utilisation, report due and
/// flags (`CreditOverview`). 应收账款: the aging table of every customer with open receivables, a
/// totals row, and the overdue list in collection order (built only when the tab is open).
#[component]
pub fn CreditPage() -> impl IntoView {
    let archive = use_archive();
    let app = use_app();
    let t = use_texts();
    let aging_tab = RwSignal::new(false);
    let today = platform::today();
    // Whose customers both tabs show; everyone's by default (the manager's overview).
    let owner = RwSignal::new(OwnerFilter::Any);
    let reps = Memo::new(move |_| {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.reps().iter().map(|r| (r.id.clone(), r.name.clone(), r.deleted)).collect::<Vec<_>>())
    });
    let rows = Memo::new(move |_| {
        archive.revision.track();
        let owner = owner.get();
        let t0 = perf::now();
        let rows = archive.with_summaries(|all| match &owner {
            OwnerFilter::Any => aging_table(all, today),
            o => {
                let theirs: Vec<_> = all.iter().filter(|s| match o {
                    OwnerFilter::Nobody => s.owner.is_empty(),
                    OwnerFilter::Rep(id) => &s.owner == id,
                    OwnerFilter::Any => true,
                }).cloned().collect();
                aging_table(&theirs, today)
            }
        });
        perf::measure_since("dossier:aging", t0);
        rows
    });
    let buckets = AgingBucket::ALL;
    let bucket_label = move |b: AgingBucket| {
        let tx = t.get();
        match b {
            AgingBucket::NotDue => tx.bucket_not_due,
            AgingBucket::D1To30 => tx.bucket_1_30,
            AgingBucket::D31To60 => tx.bucket_31_60,
            AgingBucket::D61To90 => tx.bucket_61_90,
            AgingBucket::Over90 => tx.bucket_over_90,
        }
    };
    // Rendering 100,000 rows would freeze a tablet: the table shows the largest debtors, the
    // totals row always covers everyone.
    const SHOWN: usize = 500;

    let table = move || {
        let tx = t.get();
        rows.with(|rows| {
            if rows.is_empty() && owner.with(|o| *o != OwnerFilter::Any) {
                // Empty because of the owner filter: say whose, with the way out at the top.
                let l = app.lang.get();
                let who = match owner.get() {
                    OwnerFilter::Any => String::new(),
                    OwnerFilter::Nobody => tx.owner_none.to_string(),
                    OwnerFilter::Rep(id) if app.me.get().as_ref() == Some(&id) => tx.filter_mine.to_string(),
                    OwnerFilter::Rep(id) => reps.with(|r| r.iter().find(|x| x.0 == id).map(|x| x.1.clone())).unwrap_or(id),
                };
                let on = [format!("{} {}", tr(l, w::OWNER), who)];
                return view! {
                    <div class="no-match banner banner-info" role="status" data-no-receivables data-why-empty>
                        <p data-why>{tx.no_receivables}</p>
                        <p data-why-filters>{crate::i18n::list::filtered_by(l, &on)}</p>
                        <div class="why-actions">
                            <button type="button" class="primary" data-action="all-owners" on:click=move |_| owner.set(OwnerFilter::Any)>{tx.show_all_owners}</button>
                        </div>
                    </div>
                }.into_any();
            }
            if rows.is_empty() {
                return view! {
                    <div data-no-receivables>
                        <EmptyState title=Signal::derive(move || t.get().no_receivables) body=Signal::derive(move || t.get().credit_intro)/>
                    </div>
                }.into_any();
            }
            let total = rows.iter().fold(Aging::default(), |acc, r| acc + r.aging.aging);
            let body = rows.iter().take(SHOWN).map(|r| {
                let cells = buckets.iter().map(|&b| view! { <td class="num" data-label=bucket_label(b)>{yuan_or_blank(r.aging.aging.get(b))}</td> }).collect_view();
                view! { <tr data-customer=r.id.clone()>
                    <th scope="row"><a href=Page::Card(r.id.clone()).href()>{r.name.clone()}</a><br/><small class="muted reg-no">{r.reg_no.clone()}</small></th>
                    {cells}
                    <td class="num" data-total data-label=tx.total>{yuan(r.aging.open())}</td>
                </tr> }
            }).collect_view();
            let more = rows.len().saturating_sub(SHOWN);
            view! {
                <table class="table aging" data-aging>
                    <caption>{tx.as_of}" "{today.to_string()}" · "{rows.len()}" "{tx.count_suffix}</caption>
                    <thead><tr>
                        <th scope="col">{tx.col_customer}</th>
                        {buckets.iter().map(|&b| view! { <th scope="col" class="num">{bucket_label(b)}</th> }).collect_view()}
                        <th scope="col" class="num">{tx.total}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                    <tfoot><tr data-totals>
                        <th scope="row">{tx.total}</th>
                        {buckets.iter().map(|&b| view! { <td class="num" data-bucket=b.code() data-label=bucket_label(b)>{yuan_or_blank(total.get(b))}</td> }).collect_view()}
                        <td class="num" data-total data-label=tx.total>{yuan(total.total())}</td>
                    </tr></tfoot>
                </table>
                {(more > 0).then(|| view! { <p class="muted">"+"{more}</p> })}
            }
            .into_any()
        })
    };

    // Oldest overdue first: the order a collection route visits them.
    let overdue = move || {
        let tx = t.get();
        rows.with(|rows| {
            let mut late: Vec<&AgingRow> = rows.iter().filter(|r| r.aging.aging.overdue() > 0).collect();
            late.sort_by(|a, b| b.aging.max_days_overdue.cmp(&a.aging.max_days_overdue).then_with(|| b.aging.aging.overdue().cmp(&a.aging.aging.overdue())));
            if late.is_empty() {
                return view! { <p class="muted">{tx.no_overdue}</p> }.into_any();
            }
            let body = late.iter().take(SHOWN).map(|r| view! {
                <tr data-overdue=r.id.clone()>
                    <th scope="row"><a href=Page::Card(r.id.clone()).href()>{r.name.clone()}</a></th>
                    <td>{r.aging.oldest_due.map(|d| d.to_string()).unwrap_or_default()}</td>
                    <td class="num">{r.aging.max_days_overdue}</td>
                    <td class="num">{yuan(r.aging.aging.overdue())}</td>
                </tr>
            }).collect_view();
            view! {
                <table class="table" data-overdue-list><thead><tr>
                    <th scope="col">{tx.col_customer}</th><th scope="col">{tx.col_oldest_due}</th>
                    <th scope="col" class="num">{tx.col_overdue_days}</th><th scope="col" class="num">{tx.col_overdue_amount}</th>
                </tr></thead><tbody>{body}</tbody></table>
            }
            .into_any()
        })
    };

    // The archive's state, the same for both tabs.
    let ready = move |inner: AnyView| match archive.status.get() {
        LoadStatus::Loading => view! { <p class="muted">{t.get().loading_archive}</p> }.into_any(),
        LoadStatus::Failed(e) => view! { <p class="banner banner-error" role="alert">{t.get().storage_error(&e)}</p> }.into_any(),
        LoadStatus::Ready => inner,
    };
    let aging_view = move || view! {
        <section class="card" data-receivables-page>
            <h2>{move || t.get().receivables_title}</h2>
            {move || ready(view! { <div class="scroll-x">{table}</div> }.into_any())}
        </section>
        <section class="card">
            <h2>{move || t.get().overdue_title}</h2>
            <div class="scroll-x">{overdue}</div>
        </section>
    };
    let overview_view = move || view! {
        <section class="card" data-credit-page>
            <h2>{move || tr(app.lang.get(), w::OVERVIEW_TITLE)}</h2>
            {move || ready(view! { <div class="scroll-x"><CreditOverview owner=owner/></div> }.into_any())}
        </section>
    };

    view! {
        <h1>{move || t.get().credit_title}</h1>
        <p><a class="button complaints-link" data-link="complaints" href=Page::Complaints.href()>{move || tr(app.lang.get(), crate::i18n::complaints::LINK)}</a></p>
        <div class="credit-owner">
            <label for="credit-owner" class="filter">
                <span>{move || tr(app.lang.get(), w::OWNER)}</span>
                <select id="credit-owner" prop:value=move || OwnerFilter::code(&owner.get()) on:change=move |e| owner.set(OwnerFilter::from_code(&event_target_value(&e)))>
                    <OwnerOptions reps=reps/>
                </select>
            </label>
        </div>
        <div class="tabs" role="tablist">
            <button type="button" role="tab" data-tab="overview" aria-selected=move || (!aging_tab.get()).to_string() on:click=move |_| aging_tab.set(false)>{move || tr(app.lang.get(), w::TAB_OVERVIEW)}</button>
            <button type="button" role="tab" data-tab="aging" aria-selected=move || aging_tab.get().to_string() on:click=move |_| aging_tab.set(true)>{move || t.get().tab_receivables}</button>
        </div>
        {move || if aging_tab.get() { aging_view().into_any() } else { overview_view().into_any() }}
    }
}

