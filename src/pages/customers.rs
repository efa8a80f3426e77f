use dossier_core::grading::{ProspectGrade, SalesGrade};
use dossier_core::{sort_by_rank, Filter, Kind, Lang, OwnerFilter, SortKey, Stage, Tag, Tier};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::archive_state::LoadStatus;
use crate::components::loading_note::LoadingNote;
use crate::components::empty_state::EmptyState;
use crate::components::me_prompt::MePrompt;
use crate::components::undo_bar::UndoBar;
use crate::route::{go, Page};
use crate::components::owner_options::OwnerOptions;
use crate::state::{use_app, use_archive, use_texts};
use crate::perf;
use crate::reveal::reveal;
use crate::i18n::grading::tr;

/// A filter option: code, zh-CN label, English label.
type Option3 = (&'static str, &'static str, &'static str);

/// Row height in px: every row is the same height so only the visible ones are rendered.
const ROW: f64 = 56.0;
/// Rows rendered above and below the visible window, so fast flicks do not show blanks.
const OVERSCAN: usize = 8;

#[component]
pub fn CustomersPage() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let lang = app.lang;
    let (query, filters, sort) = (app.list.query, app.list.filters, app.list.sort);
    let grade_filter = app.list.grade;
    // Where the rep left the list (a card opened from it and back): its rows render at once.
    let saved = app.list.scroll.get_value();
    let scroll_top = RwSignal::new(saved.0);
    let vlist_ref = NodeRef::<leptos::html::Div>::new();
    // Put both scrollers back once the rows exist (next frame: the rows' height is laid out).
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(el) = vlist_ref.get() else { return false };
        request_animation_frame(move || {
            el.set_scroll_top(saved.0 as i32);
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, saved.1);
            }
        });
        true
    });
    let page_scroll = window_event_listener(leptos::ev::scroll, move |_| {
        if let Some(y) = web_sys::window().and_then(|w| w.scroll_y().ok()) {
            app.list.scroll.update_value(|s| s.1 = y);
        }
    });
    on_cleanup(move || page_scroll.remove());
    let viewport = RwSignal::new(720.0f64);

    // Rank of every position in the chosen order: computed once per change or sort choice, so
    // a keystroke only sorts small integers instead of comparing scattered records.
    // The order key alone: turning the direction round re-sorts nothing.
    let sort_key = Memo::new(move |_| sort.with(|s| s.0));
    let rank = Memo::new(move |_| {
        archive.revision.track();
        let by = sort_key.get();
        let t0 = perf::now();
        let rank = archive.ranks(by);
        if by == SortKey::Name {
            perf::measure_since("dossier:rank-name", t0);
        }
        rank
    });
    // The filtered, sorted positions: recomputed on a keystroke or a filter; after a save only
    // the customers it touched are taken out and put back in their place.
    let results = Memo::new(move |prev: Option<&Hits>| {
        archive.revision.track();
        let q = query.get();
        let f = filters.get();
        let grade = grade_filter.get();
        let (by, asc) = sort.get();
        let (change, touched) = archive.last_change();
        // A save may move other customers' grades: with a grade filter, every hit is checked again.
        let same_view = |p: &Hits| p.query == q && p.filter == f && p.sort == (by, asc) && grade.is_none() && p.grade.is_none();
        let hits = match (prev, touched) {
            (Some(p), Some(touched)) if same_view(p) && p.change + 1 == change => {
                let t0 = perf::now();
                let mut hits = p.hits.clone();
                // `touched` is ascending: updated positions, then the appended ones after them.
                hits.retain(|h| touched.binary_search(h).is_err());
                rank.with(|r| {
                    let rank_of = |h: u32| r.get(h as usize).copied().unwrap_or(u32::MAX);
                    for &t in &touched {
                        if archive.matches(t, q.trim(), &f) {
                            let at = hits.partition_point(|&h| if asc { rank_of(h) < rank_of(t) } else { rank_of(h) > rank_of(t) });
                            hits.insert(at, t);
                        }
                    }
                });
                perf::measure_since("dossier:list-patch", t0);
                hits
            }
            _ => {
                let mut hits = archive.select(q.trim(), &f);
                rank.with(|r| sort_by_rank(&mut hits, r, asc));
                hits
            }
        };
        let mut hits = hits;
        if let Some(g) = grade {
            if let Ok(grades) = archive.sales_grades(crate::platform::today()) {
                hits.retain(|&p| grades.at(p) == Some(g));
            }
        }
        // For the card's previous / next buttons.
        app.list.order.set_value(hits.clone());
        Hits { hits, query: q, filter: f, grade, sort: (by, asc), change }
    });
    let regions = Memo::new(move |_| {
        archive.revision.track();
        archive.regions()
    });
    // Reps by id, for the owner column and filter: (id, name, left).
    let reps = Memo::new(move |_| {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.reps().iter().map(|r| (r.id.clone(), r.name.clone(), r.deleted)).collect::<Vec<_>>())
    });
    // 销售等级 (from the summaries; graded again once after the archive changes, then kept).
    let grade_of = move |id: &str| archive.sales_grades(crate::platform::today()).ok().and_then(|g| g.of(id).map(|r| r.grade));
    let owner_name = move |id: &str| reps.with_untracked(|r| r.iter().find(|x| x.0 == id).map(|x| x.1.clone()).unwrap_or_default());
    let owner_value = move || filters.with(|f| OwnerFilter::code(&f.owner));
    let live = Memo::new(move |_| {
        archive.revision.track();
        archive.live_count()
    });

    let on_search = move |e: leptos::ev::Event| {
        let started = perf::now();
        query.set(event_target_value(&e));
        scroll_top.set(0.0);
        app.list.scroll.update_value(|s| s.0 = 0.0);
        // Search, filter and sort run here, synchronously; the ~20 visible rows are patched in
        // the next microtask. A timer would add its own delay to the measure.
        results.with(|r| r.len());
        perf::measure_since("dossier:search", started);
    };
    let on_search_key = move |e: leptos::ev::KeyboardEvent| {
        if e.key() == "Enter" {
            if let Some(&p) = results.with(|r| r.first().copied()).as_ref() {
                if let Some((_, s)) = archive.rows(&[p]).pop() {
                    let id = s.id;
                    go(&Page::Card(id));
                }
            }
        }
    };

    let window = move || {
        let n = results.with(|r| r.len());
        let first = ((scroll_top.get() / ROW) as usize).saturating_sub(OVERSCAN);
        let last = (((scroll_top.get() + viewport.get()) / ROW) as usize + OVERSCAN).min(n);
        (first.min(last), last)
    };
    let rows = move || {
        let (first, last) = window();
        let l = lang.get();
        let slice: Vec<u32> = results.with(|r| r[first..last].to_vec());
        // From the summaries: the list shows before the cards have loaded.
        archive.rows(&slice)
        .into_iter()
        .enumerate()
        .map(|(i, (_, c))| {
            let i = first + i;
            let href = Page::Card(c.id.clone()).href();
            let phone = c.phones.first().cloned().unwrap_or_default();
            // The name's link is the row's target: it covers the whole row (CSS), so a finger
            // anywhere on the row opens the card, and keyboards and readers still meet a link.
            view! {
                <div class="row" data-row=c.id.clone() role="row" style=format!("top:{}px", i as f64 * ROW)>
                    <span role="cell" class="c-reg">{c.reg_no.clone()}</span>
                    <span role="cell" class="c-name"><a data-open href=href title=c.name.clone()>{c.name.clone()}</a></span>
                    <span role="cell" class="c-kind">{c.kind.label(l)}</span>
                    <span role="cell" class="c-stage">{c.stage.label(l)}</span>
                    <span role="cell" class="c-grade" data-sales-grade=grade_of(&c.id).map(|g| g.code()).unwrap_or("")>{grade_of(&c.id).map(|g| g.code()).unwrap_or("")}</span>
                    <span role="cell" class="c-tier">{c.tier.map(|t| t.label(l)).unwrap_or("")}</span>
                    <span role="cell" class="c-region">{c.region.clone()}</span>
                    <span role="cell" class="c-owner">{owner_name(&c.owner)}</span>
                    <span role="cell" class="c-phone">{phone}</span>
                </div>
            }
        })
        .collect_view()
    };

    let header = move |by: SortKey, label: fn(&crate::i18n::Texts) -> &'static str, class: &'static str| {
        let aria = move || match sort.get() {
            (b, true) if b == by => "ascending",
            (b, false) if b == by => "descending",
            _ => "none",
        };
        view! {
            <span role="columnheader" class=class aria-sort=aria>
                <button type="button" class="sort" data-sort=format!("{by:?}")
                    on:click=move |_| sort.update(|s| *s = if s.0 == by { (by, !s.1) } else { (by, true) })>
                    {move || label(t.get())}
                </button>
            </span>
        }
    };
    let plain_header = move |label: fn(&crate::i18n::Texts) -> &'static str, class: &'static str| {
        view! { <span role="columnheader" class=class>{move || label(t.get())}</span> }
    };

    // Each select shows the filter it sets (cleared from the empty list's banner, kept when coming
    // back from a card).
    let select_filter = move |label: fn(&crate::i18n::Texts) -> &'static str, id: &'static str, options: Vec<Option3>, apply: fn(&mut Filter, &str), current: fn(&Filter) -> &'static str| {
        view! {
            <label for=id class="filter">
                <span>{move || label(t.get())}</span>
                <select id=id prop:value=move || filters.with(current) on:change=move |e| { let v = event_target_value(&e); filters.update(|f| apply(f, &v)); scroll_top.set(0.0); }>
                    <option value="" selected=move || filters.with(current).is_empty()>{move || t.get().filter_all}</option>
                    {options.into_iter().map(|(code, zh, en)| view! {
                        <option value=code selected=move || filters.with(current) == code>{move || if lang.get() == Lang::Zh { zh } else { en }}</option>
                    }).collect_view()}
                </select>
            </label>
        }
    };
    // (code, zh-CN label, English label) for each filter's options.
    let labelled = |code: &'static str, label: &dyn Fn(Lang) -> &'static str| (code, label(Lang::Zh), label(Lang::En));
    let kind_options: Vec<Option3> = Kind::ALL.iter().map(|k| labelled(k.code(), &|l| k.label(l))).collect();
    let stage_options: Vec<Option3> = Stage::ALL.iter().map(|s| labelled(s.code(), &|l| s.label(l))).collect();
    let tier_options: Vec<Option3> = Tier::ALL.iter().map(|s| labelled(s.code(), &|l| s.label(l))).collect();
    let prospect_options: Vec<Option3> = ProspectGrade::ALL.iter().map(|s| labelled(s.code(), &|l| s.label(l))).collect();
    let tag_options: Vec<Option3> = Tag::ALL.iter().map(|s| labelled(s.code(), &|l| s.label(l))).collect();

    // An empty list says why at its top, beside the ways out: what hides the customers (the
    // search text, each filter that is on by name and value, the owner filter — 我的客户 by
    // default — with how many it hides) and one tap each to clear it.
    let why_empty = move || {
        if !results.with(|r| r.is_empty()) {
            return None;
        }
        let f = filters.get();
        let q = query.get();
        let q = q.trim().to_string();
        let grade = grade_filter.get();
        let l = lang.get();
        let tx = t.get();
        let hidden = if f.owner == OwnerFilter::Any { 0 } else { archive.select(&q, &Filter { owner: OwnerFilter::Any, ..f.clone() }).len() };
        let who = match &f.owner {
            OwnerFilter::Any => String::new(),
            OwnerFilter::Nobody => tx.owner_none.to_string(),
            OwnerFilter::Rep(id) if app.me.get().as_ref() == Some(id) => tx.filter_mine.to_string(),
            OwnerFilter::Rep(id) => Some(owner_name(id)).filter(|n| !n.is_empty()).unwrap_or_else(|| id.clone()),
        };
        // Every filter that is on, in the toolbar's order: "销售等级 A".
        let mut on: Vec<String> = Vec::new();
        let mut put = |label: &str, value: Option<&str>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                on.push(format!("{label} {v}"));
            }
        };
        put(tx.filter_kind, f.kind.map(|k| k.label(l)));
        put(tx.filter_stage, f.stage.map(|k| k.label(l)));
        put(tx.sales_grade, grade.map(|g| g.label(l)));
        put(tx.filter_tier, f.tier.map(|k| k.label(l)));
        put(tx.filter_prospect, f.prospect.map(|k| k.label(l)));
        put(tx.filter_tag, f.tag.map(|k| k.label(l)));
        put(tx.filter_region, Some(f.region.as_str()));
        put(tx.filter_owner, Some(who.as_str()));
        // Filters other than the owner's (显示全部客户 clears that one).
        let other_filters = on.len() > usize::from(f.owner != OwnerFilter::Any);
        let headline = if hidden > 0 {
            crate::i18n::list::hidden_by_owner(l, &who, hidden)
        } else if !q.is_empty() {
            // The search alone (under the same owner filter) would list some: the filters hide them.
            let found = if other_filters { archive.select(&q, &Filter { owner: f.owner.clone(), ..Filter::default() }).len() } else { 0 };
            if found > 0 { crate::i18n::list::found_but_filtered(l, &q, found) } else { crate::i18n::list::searched_nothing(l, &q) }
        } else if !on.is_empty() {
            tr(l, crate::i18n::list::NO_MATCH_FILTERS).to_string()
        } else {
            tx.no_match.to_string()
        };
        let detail = (!on.is_empty()).then(|| crate::i18n::list::filtered_by(l, &on));
        let back_to_top = move || {
            scroll_top.set(0.0);
            app.list.scroll.update_value(|s| s.0 = 0.0);
        };
        Some(view! {
            <div class="no-match banner banner-info" role="status" data-why-empty>
                <p data-why>{headline}</p>
                {detail.map(|d| view! { <p data-why-filters>{d}</p> })}
                <div class="why-actions">
                    {(!q.is_empty()).then(|| view! {
                        <button type="button" class="primary" data-action="clear-search" on:click=move |_| { query.set(String::new()); back_to_top(); }>
                            {tr(l, crate::i18n::list::CLEAR_SEARCH)}
                        </button>
                    })}
                    {other_filters.then(|| view! {
                        <button type="button" class="primary" data-action="clear-filters" on:click=move |_| {
                            filters.update(|f| *f = Filter { owner: std::mem::take(&mut f.owner), ..Filter::default() });
                            grade_filter.set(None);
                            back_to_top();
                        }>{tr(l, crate::i18n::list::CLEAR_FILTERS)}</button>
                    })}
                    {(f.owner != OwnerFilter::Any).then(|| view! {
                        <button type="button" class="primary" data-action="all-owners" on:click=move |_| { filters.update(|f| f.owner = OwnerFilter::Any); back_to_top(); }>{tx.show_all_owners}</button>
                    })}
                </div>
            </div>
        })
    };

    let sample_size = RwSignal::new(20usize);
    let sample_error = RwSignal::new(None::<String>);
    let load_sample = move |_| {
        spawn_local(async move {
            if let Err(e) = archive.load_sample(sample_size.get_untracked()).await {
                sample_error.set(Some(t.get_untracked().storage_error(&e).to_string()));
            }
        });
    };
    let new_buttons = move || view! {
        <a class="button primary" data-action="new-individual" href=Page::New(Kind::Individual).href()>{move || t.get().new_individual}</a>
        <a class="button primary" data-action="new-enterprise" href=Page::New(Kind::Enterprise).href()>{move || t.get().new_enterprise}</a>
    };

    view! {
        <div class="list-head">
            <h1>{move || t.get().customers_title}</h1>
            <div class="list-actions">
                {new_buttons}
                <a class="button" data-action="duplicates" href=Page::Duplicates.href()>{move || t.get().duplicates_button}</a>
                <a class="button" data-go-trash href=Page::Trash.href()>{move || crate::i18n::grading::tr(app.lang.get(), crate::i18n::recycle_bin::LINK)}</a>
            </div>
        </div>
        <MePrompt/>
        <UndoBar/>
        {move || match archive.status.get() {
            LoadStatus::Loading => view! { <LoadingNote/> }.into_any(),
            LoadStatus::Failed(e) => view! { <p class="banner banner-error" role="alert">{t.get().storage_error(&e)}</p> }.into_any(),
            LoadStatus::Ready if live.get() == 0 => view! {
                <EmptyState title=Signal::derive(move || t.get().empty_title) body=Signal::derive(move || t.get().empty_body)>
                    {new_buttons()}
                    <span class="sample">
                        <label for="sample-size">{move || t.get().sample_size}</label>
                        <select id="sample-size" on:change=move |e| sample_size.set(event_target_value(&e).parse().unwrap_or(20))>
                            <option value="20">"20"</option>
                            <option value="1000">"1,000"</option>
                            <option value="2000">"2,000"</option>
                            <option value="10000">"10,000"</option>
                            <option value="100000">"100,000"</option>
                        </select>
                        <button type="button" data-action="load-sample" disabled=move || archive.busy.get() on:click=load_sample>
                            {move || t.get().load_sample}
                        </button>
                    </span>
                    {move || archive.busy.get().then(|| view! { <p class="progress" role="status"><progress></progress>" "{t.get().generating}</p> })}
                    {move || sample_error.get().map(|m| view! { <p class="banner banner-error" role="alert" use:reveal>{m}</p> })}
                </EmptyState>
            }.into_any(),
            LoadStatus::Ready => view! {
                <div class="toolbar">
                    <label for="customer-search" class="search">
                        <span class="visually-hidden">{move || t.get().search_label}</span>
                        <input id="customer-search" type="search" autocomplete="off" enterkeyhint="search"
                            placeholder=move || t.get().search_placeholder
                            prop:value=move || query.get() on:input=on_search on:keydown=on_search_key/>
                    </label>
                    {select_filter(|t| t.filter_kind, "filter-kind", kind_options.clone(), |f, v| f.kind = Kind::from_code(v), |f| f.kind.map_or("", |x| x.code()))}
                    {select_filter(|t| t.filter_stage, "filter-stage", stage_options.clone(), |f, v| f.stage = Stage::from_code(v), |f| f.stage.map_or("", |x| x.code()))}
                    <label for="filter-grade" class="filter">
                        <span>{move || t.get().sales_grade}</span>
                        <select id="filter-grade" prop:value=move || grade_filter.get().map(|g| g.code()).unwrap_or("") on:change=move |e| { grade_filter.set(SalesGrade::from_code(&event_target_value(&e))); scroll_top.set(0.0); }>
                            <option value="">{move || t.get().filter_all}</option>
                            {move || {
                                let l = lang.get();
                                let n = archive.sales_grades(crate::platform::today()).map(|g| g.grading.cut.grades()).unwrap_or(3);
                                SalesGrade::ALL.iter().take(n).map(|g| view! { <option value=g.code()>{g.label(l)}</option> }).collect_view()
                            }}
                        </select>
                    </label>
                    {select_filter(|t| t.filter_tier, "filter-tier", tier_options.clone(), |f, v| f.tier = Tier::from_code(v), |f| f.tier.map_or("", |x| x.code()))}
                    {select_filter(|t| t.filter_prospect, "filter-prospect", prospect_options.clone(), |f, v| f.prospect = ProspectGrade::from_code(v), |f| f.prospect.map_or("", |x| x.code()))}
                    {select_filter(|t| t.filter_tag, "filter-tag", tag_options.clone(), |f, v| f.tag = Tag::from_code(v), |f| f.tag.map_or("", |x| x.code()))}
                    <label for="filter-region" class="filter">
                        <span>{move || t.get().filter_region}</span>
                        <select id="filter-region" prop:value=move || filters.with(|f| f.region.clone()) on:change=move |e| { let v = event_target_value(&e); filters.update(|f| f.region = v); scroll_top.set(0.0); }>
                            <option value="" selected=move || filters.with(|f| f.region.is_empty())>{move || t.get().filter_all}</option>
                            {move || regions.get().into_iter().map(|r| {
                                let here = r.clone();
                                view! { <option value=r.clone() selected=move || filters.with(|f| f.region == here)>{r.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label for="filter-owner" class="filter">
                        <span>{move || t.get().filter_owner}</span>
                        <select id="filter-owner" prop:value=owner_value on:change=move |e| {
                            let v = event_target_value(&e);
                            filters.update(|f| f.owner = OwnerFilter::from_code(&v));
                            scroll_top.set(0.0);
                        }>
                            <OwnerOptions reps=reps/>
                        </select>
                    </label>
                    <p class="count" aria-live="polite">
                        {move || t.get().count_prefix}<strong data-count>{move || results.with(|r| r.len())}</strong>{move || t.get().count_suffix}
                    </p>
                </div>
                {why_empty}
                <div class="vtable" role="table" aria-rowcount=move || results.with(|r| r.len())>
                    <div class="row head" role="row">
                        {header(SortKey::RegNo, |t| t.col_reg_no, "c-reg")}
                        {header(SortKey::Name, |t| t.col_name, "c-name")}
                        {plain_header(|t| t.col_kind, "c-kind")}
                        {header(SortKey::Stage, |t| t.col_stage, "c-stage")}
                        {plain_header(|t| t.col_sales_grade, "c-grade")}
                        {plain_header(|t| t.col_tier, "c-tier")}
                        {header(SortKey::Region, |t| t.col_region, "c-region")}
                        {plain_header(|t| t.owner, "c-owner")}
                        {plain_header(|t| t.col_phone, "c-phone")}
                    </div>
                    <div class="vlist" role="rowgroup" node_ref=vlist_ref class:empty=move || results.with(|r| r.is_empty())
                        on:scroll=move |e| {
                            let el = event_target::<web_sys::HtmlElement>(&e);
                            scroll_top.set(el.scroll_top() as f64);
                            viewport.set(el.client_height() as f64);
                            app.list.scroll.update_value(|s| s.0 = el.scroll_top() as f64);
                        }>
                        <div class="vspace" style=move || format!("height:{}px", results.with(|r| r.len()) as f64 * ROW)>
                            {rows}
                        </div>
                    </div>
                </div>
            }.into_any(),
        }}
    }
}


/// The list as shown: positions in order, and the view and change they were computed for.
#[derive(Clone, Debug, PartialEq)]
struct Hits {
    hits: Vec<u32>,
    query: String,
    filter: Filter,
    /// 销售等级 (not in the core's filter: it is cut from the whole archive, not one summary).
    grade: Option<SalesGrade>,
    sort: (SortKey, bool),
    change: u64,
}

impl std::ops::Deref for Hits {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        &self.hits
    }
}

