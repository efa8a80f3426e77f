//! 查重: duplicate groups of the whole archive, and merging two cards into one.

use dossier_core::summary::Summary;
use dossier_core::{DupCluster, DupGroup, DupReason, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::archive_state::LoadStatus;
use crate::components::empty_state::EmptyState;
use crate::components::merge_form::MergeForm;
use crate::components::open_customers::OpenCustomers;
use crate::i18n::Texts;
use crate::route::{Page, Route};
use crate::state::{use_app, use_archive, use_texts};
use crate::perf;

/// Clusters rendered at first and added per "显示更多": at 100,000 sample customers there are
/// thousands of same-name groups, and a page of thousands of sections would not stay instant.
const PAGE: usize = 50;

/// Bits of a cluster's reasons, for the filter.
const PHONE: u8 = 1;
const TAX: u8 = 2;
const NAME: u8 = 4;

fn bit(reason: &DupReason) -> u8 {
    match reason {
        DupReason::SamePhone(_) => PHONE,
        DupReason::SameTax(_) => TAX,
        DupReason::SameName(_) => NAME,
    }
}

fn reason_code(reason: &DupReason) -> &'static str {
    match reason {
        DupReason::SamePhone(_) => "phone",
        DupReason::SameTax(_) => "tax",
        DupReason::SameName(_) => "name",
    }
}

fn reason_label(t: &Texts, reason: &DupReason) -> &'static str {
    match reason {
        DupReason::SamePhone(_) => t.dup_reason_phone,
        DupReason::SameTax(_) => t.dup_reason_tax,
        DupReason::SameName(_) => t.dup_reason_name,
    }
}

fn reason_value(reason: &DupReason) -> &str {
    match reason {
        DupReason::SamePhone(v) | DupReason::SameTax(v) | DupReason::SameName(v) => v,
    }
}

/// One scan, in the order the page shows it.
#[derive(Clone, Debug, PartialEq)]
struct Scan {
    /// The archive revision it was made at.
    revision: u64,
    groups: Vec<DupGroup>,
    clusters: Vec<DupCluster>,
    /// Per cluster, the reasons of its groups as bits.
    masks: Vec<u8>,
    /// Cluster indices: those with a phone match first, then tax, then name only (a shared
    /// phone or tax number is far more likely one customer than a common name).
    order: Vec<usize>,
}

impl Scan {
    fn of(revision: u64, (groups, clusters): (Vec<DupGroup>, Vec<DupCluster>)) -> Scan {
        let masks: Vec<u8> = clusters.iter().map(|c| c.groups.iter().filter_map(|&g| groups.get(g)).fold(0, |m, g| m | bit(&g.reason))).collect();
        let mut order: Vec<usize> = (0..clusters.len()).collect();
        // Stable: within a rank, clusters stay in archive order (oldest card first).
        order.sort_by_key(|&i| masks[i].trailing_zeros());
        Scan { revision, groups, clusters, masks, order }
    }

    fn count(&self, filter: u8) -> usize {
        self.masks.iter().filter(|&&m| m & filter != 0).count()
    }
}

/// A card as the cluster lists it.
struct Member {
    id: String,
    name: String,
    reg_no: String,
    kind: &'static str,
    owner: String,
    phones: String,
}

fn member(c: &Summary, owner: Option<String>, l: Lang) -> Member {
    Member {
        id: c.id.clone(),
        name: c.name.clone(),
        reg_no: c.reg_no.clone(),
        kind: c.kind.label(l),
        owner: owner.unwrap_or_else(|| if c.owner.is_empty() { "—".into() } else { c.owner.clone() }),
        phones: c.phones.join(l.pick("、", ", ")),
    }
}

#[component]
pub fn DuplicatesPage() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;

    // The first scan also builds the index (≈ 0.3 s at 100,000 customers): paint the page and
    // a progress note first.
    let painted = RwSignal::new(false);
    spawn_local(async move {
        perf::next_frame().await;
        let _ = painted.try_set(true);
    });
    // Once the archive is loaded, and again after every change (a merge, another tab's save).
    let scan = Memo::new(move |_| {
        let revision = archive.revision.get();
        (painted.get() && archive.status.get() == LoadStatus::Ready).then(|| Scan::of(revision, archive.dup_scan()))
    });
    let filter = RwSignal::new(PHONE | TAX | NAME);
    let shown = RwSignal::new(PAGE);
    // The cluster (id of its first card) whose merge form is open, and the chosen pair.
    let merging = RwSignal::new(None::<String>);
    let survivor = RwSignal::new(String::new());
    let other = RwSignal::new(String::new());

    let visible = Memo::new(move |_| {
        let f = filter.get();
        scan.with(|s| s.as_ref().map(|s| s.order.iter().copied().filter(|&i| s.masks[i] & f != 0).collect::<Vec<_>>()).unwrap_or_default())
    });

    let filter_button = move |bits: u8, code: &'static str, label: fn(&Texts) -> &'static str| {
        view! {
            <button type="button" data-dup-filter=code aria-pressed=move || (filter.get() == bits).to_string()
                on:click=move |_| { filter.set(bits); shown.set(PAGE); }>
                {move || label(t.get())}
                " "<span class="dup-n">{move || scan.with(|s| s.as_ref().map(|s| s.count(bits)).unwrap_or(0))}</span>
            </button>
        }
    };

    let cluster_view = move |ci: usize| {
        let l = lang.get_untracked();
        let tx = t.get_untracked();
        let (members, reasons) = scan.with_untracked(|s| {
            let Some(s) = s.as_ref() else { return (Vec::new(), Vec::new()) };
            let Some(cluster) = s.clusters.get(ci) else { return (Vec::new(), Vec::new()) };
            archive.archive.with_untracked(|a| {
                let regs = |g: &DupGroup| archive.rows(&g.positions).into_iter().map(|(_, c)| c.reg_no).collect::<Vec<_>>();
                let members: Vec<Member> = archive
                    .rows(&cluster.positions)
                    .iter()
                    .map(|(_, c)| member(c, a.rep(&c.owner).map(|r| r.name.clone()), l))
                    .collect();
                // Which cards share the value, when not all of the cluster does.
                let reasons: Vec<(DupReason, Vec<String>)> = cluster
                    .groups
                    .iter()
                    .filter_map(|&g| s.groups.get(g))
                    .map(|g| (g.reason.clone(), if g.positions.len() < cluster.positions.len() { regs(g) } else { Vec::new() }))
                    .collect();
                (members, reasons)
            })
        });
        let Some(key) = members.first().map(|m| m.id.clone()) else { return ().into_any() };
        let ids: Vec<(String, String)> = members.iter().map(|m| (m.id.clone(), format!("{} · {}", m.name, m.reg_no))).collect();
        let ids = StoredValue::new(ids);
        let reasons = reasons
            .into_iter()
            .map(|(r, regs)| {
                let which = (!regs.is_empty()).then(|| format!("{}{}{}", l.pick("（", " ("), regs.join(l.pick("、", ", ")), l.pick("）", ")")));
                view! {
                    <li data-dup-reason=reason_code(&r)>
                        <strong>{reason_label(tx, &r)}</strong>{l.pick("：", ": ")}<span class="dup-value">{reason_value(&r).to_string()}</span>
                        {which.map(|w| view! { <span class="muted">{w}</span> })}
                    </li>
                }
            })
            .collect_view();
        let rows = members
            .into_iter()
            .map(|m| {
                view! {
                    <tr data-dup-member=m.id.clone()>
                        <td><a href=Page::Card(m.id.clone()).href()>{m.name}</a></td>
                        <td class="dup-reg">{m.reg_no}</td>
                        <td>{m.kind}</td>
                        <td>{m.owner}</td>
                        <td class="dup-phones">{m.phones}</td>
                    </tr>
                }
            })
            .collect_view();
        let open = {
            let key = key.clone();
            Memo::new(move |_| merging.with(|m| m.as_deref() == Some(key.as_str())))
        };
        let toggle = {
            let key = key.clone();
            move |_| {
                if open.get_untracked() {
                    merging.set(None);
                    return;
                }
                // The older card survives by default: it has the registration number people know.
                ids.with_value(|ids| {
                    survivor.set(ids.first().map(|i| i.0.clone()).unwrap_or_default());
                    other.set(ids.get(1).map(|i| i.0.clone()).unwrap_or_default());
                });
                merging.set(Some(key.clone()));
            }
        };
        let pick = move |id: &'static str, label: fn(&Texts) -> &'static str, chosen: RwSignal<String>| {
            view! {
                <label for=id class="filter">
                    <span>{move || label(t.get())}</span>
                    <select id=id on:change=move |e| chosen.set(event_target_value(&e))>
                        {ids.get_value().into_iter().map(|(cid, text)| {
                            let selected = { let cid = cid.clone(); move || chosen.with(|c| *c == cid) };
                            view! { <option value=cid prop:selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </label>
            }
        };
        view! {
            <section class="card dup-cluster" data-dup-cluster=key.clone()>
                <ul class="dup-reasons">{reasons}</ul>
                <div class="dup-table-wrap">
                    <table class="table dup-table">
                        <thead><tr>
                            <th scope="col">{tx.col_name}</th><th scope="col">{tx.col_reg_no}</th><th scope="col">{tx.col_kind}</th>
                            <th scope="col">{tx.dup_owner}</th><th scope="col">{tx.col_phone}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <div class="actions">
                    <button type="button" data-action="merge" aria-expanded=move || open.get().to_string() on:click=toggle>
                        {move || t.get().dup_merge}
                    </button>
                </div>
                {move || open.get().then(|| view! {
                    <div class="dup-pick">
                        {pick("merge-survivor", |t| t.dup_survivor, survivor)}
                        <button type="button" data-action="swap-merge"
                            on:click=move |_| { let s = survivor.get_untracked(); survivor.set(other.get_untracked()); other.set(s); }>
                            "⇄ "{move || t.get().dup_swap}
                        </button>
                        {pick("merge-other", |t| t.dup_other, other)}
                    </div>
                    {move || {
                        let (s, o) = (survivor.get(), other.get());
                        if s == o {
                            view! { <p class="banner banner-error" role="alert">{move || t.get().dup_same_card}</p> }.into_any()
                        } else {
                            view! {
                                <OpenCustomers ids=vec![s.clone(), o.clone()]>
                                    <MergeForm survivor_id=s.clone() other_id=o.clone() on_cancel=Callback::new(move |_| merging.set(None))/>
                                </OpenCustomers>
                            }.into_any()
                        }
                    }}
                })}
            </section>
        }
        .into_any()
    };

    let scanned = Memo::new(move |_| scan.with(Option::is_some));
    let empty = Memo::new(move |_| scan.with(|s| s.as_ref().is_some_and(|s| s.clusters.is_empty())));

    view! {
        <p class="crumbs"><a href=Route::Customers.href()>"← "{move || t.get().back_to_list}</a></p>
        <h1>{move || t.get().dup_title}</h1>
        <p class="muted">{move || t.get().dup_intro}</p>
        {move || match archive.status.get() {
            LoadStatus::Loading => view! { <p class="muted" data-loading>{t.get().loading_archive}</p> }.into_any(),
            LoadStatus::Failed(e) => view! { <p class="banner banner-error" role="alert">{t.get().storage_error(&e)}</p> }.into_any(),
            LoadStatus::Ready if !scanned.get() => view! { <p class="progress" role="status"><progress></progress>" "{t.get().computing}</p> }.into_any(),
            LoadStatus::Ready if empty.get() => view! {
                <p class="visually-hidden" data-dup-count="0">"0"</p>
                <EmptyState title=Signal::derive(move || t.get().dup_none_title) body=Signal::derive(move || t.get().dup_none_body)/>
            }.into_any(),
            LoadStatus::Ready => view! {
                <div class="toolbar dup-toolbar">
                    <p class="count dup-count" aria-live="polite">
                        {move || t.get().dup_count_prefix}
                        <strong data-dup-count=move || scan.with(|s| s.as_ref().map_or(0, |s| s.clusters.len()))>
                            {move || scan.with(|s| s.as_ref().map_or(0, |s| s.clusters.len()))}
                        </strong>
                        {move || t.get().dup_count_suffix}
                    </p>
                    <div class="dup-filters" role="group" aria-label=move || t.get().dup_filter_label>
                        {filter_button(PHONE | TAX | NAME, "all", |t| t.filter_all)}
                        {filter_button(PHONE, "phone", |t| t.dup_filter_phone)}
                        {filter_button(TAX, "tax", |t| t.dup_filter_tax)}
                        {filter_button(NAME, "name", |t| t.dup_filter_name)}
                    </div>
                </div>
                // A match chosen that no cluster has: say which, with the way back to all of them.
                {move || visible.with(Vec::is_empty).then(|| {
                    let (l, tx) = (lang.get(), t.get());
                    let which = match filter.get() {
                        PHONE => tx.dup_filter_phone,
                        TAX => tx.dup_filter_tax,
                        NAME => tx.dup_filter_name,
                        _ => tx.filter_all,
                    };
                    let on = [format!("{} {}", tx.dup_filter_label, which)];
                    view! {
                        <div class="no-match banner banner-info" role="status" data-why-empty>
                            <p data-why>{crate::i18n::grading::tr(l, crate::i18n::list::DUP_NONE_BY)}</p>
                            <p data-why-filters>{crate::i18n::list::filtered_by(l, &on)}</p>
                            <div class="why-actions">
                                <button type="button" class="primary" data-action="clear-filters" on:click=move |_| { filter.set(PHONE | TAX | NAME); shown.set(PAGE); }>
                                    {crate::i18n::grading::tr(l, crate::i18n::list::CLEAR_FILTERS)}
                                </button>
                            </div>
                        </div>
                    }
                })}
                <div class="dup-list">
                    // Keyed by scan and language, so "显示更多" only adds sections, and a new scan or
                    // another language renders them afresh (the rows hold plain text).
                    <For
                        each=move || {
                            let (n, zh) = (shown.get(), lang.get() == Lang::Zh);
                            let rev = scan.with(|s| s.as_ref().map_or(0, |s| s.revision));
                            visible.with(|v| v.iter().take(n).map(|&ci| (rev, zh, ci)).collect::<Vec<_>>())
                        }
                        key=|k| *k
                        children=move |(_, _, ci)| cluster_view(ci)
                    />
                </div>
                {move || {
                    let (n, total) = (shown.get(), visible.with(Vec::len));
                    (total > n).then(|| view! {
                        <div class="dup-more">
                            <span class="muted">{move || t.get().dup_shown}" "{n}" / "{total}</span>
                            <button type="button" data-action="dup-more" on:click=move |_| shown.update(|s| *s += PAGE)>
                                {move || t.get().dup_show_more}
                            </button>
                        </div>
                    })
                }}
            }.into_any(),
        }}
    }
}
