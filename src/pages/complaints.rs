use dossier_core::ledger::{ComplaintFact, ComplaintKind, ComplaintStep, RepRef, Responsibility};
use dossier_core::{format_yuan_grouped, Lang, Rep};
use leptos::prelude::*;

use crate::archive_state::LoadStatus;
use crate::components::empty_state::EmptyState;
use crate::i18n::complaints as w;
use crate::i18n::grading::tr;
use crate::perf;
use crate::route::Page;
use crate::state::{use_app, use_archive, use_texts};

/// Rows rendered at a time (a manager's archive of 100,000 customers holds thousands).
const PAGE: usize = 500;

/// One complaint with its customer, as the summaries keep it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Row {
    customer_id: String,
    name: String,
    fact: ComplaintFact,
}

/// Which steps are shown: the open ones (the default), all, or one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StepFilter {
    Open,
    All,
    Is(ComplaintStep),
}

impl StepFilter {
    fn code(self) -> &'static str {
        match self {
            StepFilter::Open => "open",
            StepFilter::All => "",
            StepFilter::Is(s) => s.code(),
        }
    }

    fn from_code(s: &str) -> StepFilter {
        match s {
            "open" => StepFilter::Open,
            _ => ComplaintStep::from_code(s).map_or(StepFilter::All, StepFilter::Is),
        }
    }

    fn keeps(self, step: ComplaintStep) -> bool {
        match self {
            StepFilter::Open => step.open(),
            StepFilter::All => true,
            StepFilter::Is(s) => s == step,
        }
    }
}

/// The rep filter's value for a complaint's 负责人: the linked rep's id, else the name as written
/// (prefixed, so a name can never equal an id).
fn rep_key(f: &ComplaintFact) -> String {
    match RepRef::of(&f.owner, &f.owner_id) {
        RepRef::Id(id) => id.to_string(),
        RepRef::Named(name) => format!("n:{name}"),
    }
}

/// The 负责人 as shown now: a linked rep's current name, else as written.
fn owner_name(f: &ComplaintFact, reps: &[Rep]) -> String {
    RepRef::of(&f.owner, &f.owner_id).name(reps).unwrap_or(&f.owner).to_string()
}

/// Open ones first, the longest waiting first; then closed ones, the latest resolved first.
fn sort_rows(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        let (x, y) = (&a.fact, &b.fact);
        y.step.open().cmp(&x.step.open()).then_with(|| {
            if x.step.open() {
                x.received.cmp(&y.received)
            } else {
                y.resolved.cmp(&x.resolved).then_with(|| y.received.cmp(&x.received))
            }
        })
        .then_with(|| a.fact.id.cmp(&b.fact.id))
    });
}

/// 客户投诉: every complaint of the archive from the summaries (no card or file read), with seed
/// 004's four principles on top; filtered by type, step (open ones by default), responsibility
/// and who handles it, with a count; each row links to the customer's card. Rows are a table
/// on wide screens and cards on narrow ones.
#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let app = use_app();
    let archive = use_archive();
    let t = use_texts();
    let kind = RwSignal::new(None::<ComplaintKind>);
    let step = RwSignal::new(StepFilter::Open);
    let resp = RwSignal::new(None::<Responsibility>);
    let rep = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);
    let today = crate::platform::today();
    let l = move || app.lang.get();

    // Every complaint, sorted; the filters only pick among them.
    let all = Memo::new(move |_| {
        archive.revision.track();
        let t0 = perf::now();
        let mut rows: Vec<Row> = archive.with_summaries(|all| {
            all.iter()
                .filter(|s| !s.deleted)
                .flat_map(|s| s.facts.complaints.iter().map(|f| Row { customer_id: s.id.clone(), name: s.name.clone(), fact: f.clone() }))
                .collect()
        });
        sort_rows(&mut rows);
        perf::measure_since("dossier:complaints", t0);
        rows
    });
    let reps = Memo::new(move |_| {
        archive.revision.track();
        archive.archive.with_untracked(|a| a.reps().to_vec())
    });
    let rows = Memo::new(move |_| {
        let (k, st, r, who) = (kind.get(), step.get(), resp.get(), rep.get());
        all.with(|all| {
            all.iter()
                .filter(|x| k.is_none_or(|k| x.fact.kind == k))
                .filter(|x| st.keeps(x.fact.step))
                .filter(|x| r.is_none_or(|r| x.fact.responsible() == r))
                .filter(|x| who.is_empty() || rep_key(&x.fact) == who)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    // The rep filter offers whoever handles a complaint: (key, name), by name.
    let rep_options = Memo::new(move |_| {
        reps.with(|reps| {
            let mut out: Vec<(String, String)> = all.with(|all| all.iter().map(|x| (rep_key(&x.fact), owner_name(&x.fact, reps))).collect());
            out.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
            out.dedup();
            out
        })
    });
    let reset_paging = move || shown.set(PAGE);

    let filter_bar = move || {
        let lang = l();
        let kinds = ComplaintKind::ALL
            .iter()
            .map(|k| view! { <option value=k.code() selected=move || kind.get() == Some(*k)>{k.label(lang)}</option> })
            .collect_view();
        let steps = ComplaintStep::ALL
            .iter()
            .map(|s| view! { <option value=s.code() selected=move || step.get() == StepFilter::Is(*s)>{s.label(lang)}</option> })
            .collect_view();
        let resps = Responsibility::ALL
            .iter()
            .map(|r| view! { <option value=r.code() selected=move || resp.get() == Some(*r)>{r.label(lang)}</option> })
            .collect_view();
        let owners = rep_options
            .get()
            .into_iter()
            .map(|(key, name)| {
                let shown_name = if name.is_empty() { tr(lang, w::NO_OWNER).to_string() } else { name };
                let k = key.clone();
                view! { <option value=key selected=move || rep.get() == k>{shown_name}</option> }
            })
            .collect_view();
        view! {
            <div class="complaints-bar" data-complaint-filters>
                <label class="filter" for="complaint-kind">{tr(lang, w::FILTER_KIND)}
                    <select id="complaint-kind" data-filter="kind" prop:value=move || kind.get().map_or("", |k| k.code()) on:change=move |e| {
                        kind.set(ComplaintKind::from_code(&event_target_value(&e)));
                        reset_paging();
                    }>
                        <option value="" selected=move || kind.get().is_none()>{tr(lang, w::ALL)}</option>
                        {kinds}
                    </select>
                </label>
                <label class="filter" for="complaint-step">{tr(lang, w::FILTER_STEP)}
                    <select id="complaint-step" data-filter="step" prop:value=move || step.get().code() on:change=move |e| {
                        step.set(StepFilter::from_code(&event_target_value(&e)));
                        reset_paging();
                    }>
                        <option value="open" selected=move || step.get() == StepFilter::Open>{tr(lang, w::OPEN_ONLY)}</option>
                        <option value="" selected=move || step.get() == StepFilter::All>{tr(lang, w::ALL)}</option>
                        {steps}
                    </select>
                </label>
                <label class="filter" for="complaint-resp">{tr(lang, w::FILTER_RESP)}
                    <select id="complaint-resp" data-filter="resp" prop:value=move || resp.get().map_or("", |r| r.code()) on:change=move |e| {
                        resp.set(Responsibility::from_code(&event_target_value(&e)));
                        reset_paging();
                    }>
                        <option value="" selected=move || resp.get().is_none()>{tr(lang, w::ALL)}</option>
                        {resps}
                    </select>
                </label>
                <label class="filter" for="complaint-rep">{tr(lang, w::FILTER_REP)}
                    <select id="complaint-rep" data-filter="rep" prop:value=move || rep.get() on:change=move |e| {
                        rep.set(event_target_value(&e));
                        reset_paging();
                    }>
                        <option value="" selected=move || rep.get().is_empty()>{tr(lang, w::ALL)}</option>
                        {owners}
                    </select>
                </label>
            </div>
        }
    };

    let row_view = move |x: &Row, lang: Lang, reps: &[Rep]| {
        let f = &x.fact;
        let open = f.step.open();
        let days = if open { Some((today - f.received).num_days()) } else { f.resolved.map(|r| (r - f.received).num_days()) };
        let days_text = days.map(|n| w::days(lang, open, n)).unwrap_or_else(|| "—".into());
        let comp = (f.fen > 0).then(|| format!("¥{}", format_yuan_grouped(f.fen)));
        let received = f.received.format("%Y-%m-%d").to_string();
        let received_attr = received.clone();
        let blank = comp.is_none();
        view! {
            <tr data-complaint-row=f.id.clone() data-customer=x.customer_id.clone() data-step=f.step.code() data-kind=f.kind.code() class:closed=!open>
                <th scope="row" data-label=tr(lang, w::COL_CUSTOMER)>
                    <a href=Page::Card(x.customer_id.clone()).href()>{x.name.clone()}</a>
                    {(!f.said.is_empty()).then(|| view! { <small class="complaint-said">{f.said.clone()}</small> })}
                </th>
                <td data-label=tr(lang, w::COL_RECEIVED) data-received=received_attr><span class="nowrap">{received}</span></td>
                <td data-label=tr(lang, w::COL_KIND)>{f.kind.label(lang)}</td>
                <td data-label=tr(lang, w::COL_STEP)><span class="complaint-step" class:open=open>{f.step.label(lang)}</span></td>
                <td data-label=tr(lang, w::COL_RESP) data-resp=f.responsible().code()>{f.responsible().label(lang)}</td>
                <td data-label=tr(lang, w::COL_OWNER)>{owner_name(f, reps)}</td>
                <td class="num" data-label=tr(lang, w::COL_DAYS) data-days=days.map(|d| d.to_string()).unwrap_or_default()>{days_text}</td>
                <td class="num" class:blank=blank data-label=tr(lang, w::COL_COMP) data-comp=f.fen.to_string()>{comp}</td>
            </tr>
        }
    };

    // Nothing matches: say which filters hide the complaints, at the top of the list, with one
    // tap to clear them all (进度 back to 全部, so closed ones show too).
    let why_empty = move |lang: Lang| {
        let mut on: Vec<String> = Vec::new();
        if let Some(k) = kind.get() {
            on.push(format!("{} {}", tr(lang, w::FILTER_KIND), k.label(lang)));
        }
        match step.get() {
            StepFilter::All => {}
            StepFilter::Open => on.push(format!("{} {}", tr(lang, w::FILTER_STEP), tr(lang, w::OPEN_ONLY))),
            StepFilter::Is(s) => on.push(format!("{} {}", tr(lang, w::FILTER_STEP), s.label(lang))),
        }
        if let Some(r) = resp.get() {
            on.push(format!("{} {}", tr(lang, w::FILTER_RESP), r.label(lang)));
        }
        let who = rep.get();
        if !who.is_empty() {
            let name = rep_options.with(|o| o.iter().find(|x| x.0 == who).map(|x| x.1.clone())).filter(|n| !n.is_empty()).unwrap_or_else(|| tr(lang, w::NO_OWNER).to_string());
            on.push(format!("{} {}", tr(lang, w::FILTER_REP), name));
        }
        view! {
            <div class="no-match banner banner-info" role="status" data-no-complaints-match data-why-empty>
                <p data-why>{tr(lang, w::NONE_MATCH_TITLE)}</p>
                {(!on.is_empty()).then(|| view! { <p data-why-filters>{crate::i18n::list::filtered_by(lang, &on)}</p> })}
                <div class="why-actions">
                    <button type="button" class="primary" data-action="clear-filters" on:click=move |_| {
                        kind.set(None);
                        step.set(StepFilter::All);
                        resp.set(None);
                        rep.set(String::new());
                        reset_paging();
                    }>{tr(lang, crate::i18n::list::CLEAR_FILTERS)}</button>
                </div>
            </div>
        }
    };

    let list = move || {
        let lang = l();
        let n = shown.get();
        if all.with(Vec::is_empty) {
            return view! {
                <div data-no-complaints>
                    <EmptyState title=Signal::derive(move || tr(app.lang.get(), w::EMPTY_TITLE)) body=Signal::derive(move || tr(app.lang.get(), w::EMPTY_BODY))/>
                </div>
            }
            .into_any();
        }
        rows.with(|rows| {
            let count = view! { <p class="complaints-count" data-complaint-count=rows.len().to_string() role="status">{w::count(lang, rows.len())}</p> };
            if rows.is_empty() {
                return view! {
                    {count}
                    {why_empty(lang)}
                }
                .into_any();
            }
            let body = reps.with(|reps| rows.iter().take(n).map(|x| row_view(x, lang, reps)).collect_view());
            let more = rows.len() > n;
            view! {
                {count}
                <table class="table complaints-table" data-complaints-table>
                    <thead><tr>
                        <th scope="col">{tr(lang, w::COL_CUSTOMER)}</th>
                        <th scope="col">{tr(lang, w::COL_RECEIVED)}</th>
                        <th scope="col">{tr(lang, w::COL_KIND)}</th>
                        <th scope="col">{tr(lang, w::COL_STEP)}</th>
                        <th scope="col">{tr(lang, w::COL_RESP)}</th>
                        <th scope="col">{tr(lang, w::COL_OWNER)}</th>
                        <th scope="col" class="num">{tr(lang, w::COL_DAYS)}</th>
                        <th scope="col" class="num">{tr(lang, w::COL_COMP)}</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
                {more.then(|| view! {
                    <p class="complaints-more">
                        <span class="muted" data-shown>{w::shown(lang, n, rows.len())}</span>
                        <button type="button" data-action="complaints-more" on:click=move |_| shown.update(|s| *s += PAGE)>{tr(lang, w::SHOW_MORE)}</button>
                    </p>
                })}
            }
            .into_any()
        })
    };

    let principles = move || {
        let lang = l();
        w::PRINCIPLES.iter().map(|p| view! { <li>{tr(lang, *p)}</li> }).collect_view()
    };

    view! {
        <div data-complaints>
            <h1>{move || tr(l(), w::TITLE)}</h1>
            <section class="card complaint-principles-card" aria-labelledby="complaint-principles">
                <h2 id="complaint-principles">{move || tr(l(), w::PRINCIPLES_TITLE)}</h2>
                <ol class="complaint-principles" data-principles>{principles}</ol>
            </section>
            <section class="card">
                {move || match archive.status.get() {
                    LoadStatus::Loading => view! { <p class="muted">{t.get().loading_archive}</p> }.into_any(),
                    LoadStatus::Failed(e) => view! { <p class="banner banner-error" role="alert">{t.get().storage_error(&e)}</p> }.into_any(),
                    LoadStatus::Ready => view! { {filter_bar} {list} }.into_any(),
                }}
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn row(id: &str, step: ComplaintStep, received: (u32, u32), resolved: Option<(u32, u32)>) -> Row {
        let d = |(m, day): (u32, u32)| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        Row {
            customer_id: "c".into(),
            name: "客户".into(),
            fact: ComplaintFact { id: id.into(), step, received: d(received), resolved: resolved.map(d), ..ComplaintFact::default() },
        }
    }

    #[wasm_bindgen_test]
    fn open_ones_first_longest_waiting_first_then_latest_resolved() {
        let mut rows = vec![
            row("closed-old", ComplaintStep::Goodwill, (1, 1), Some((1, 5))),
            row("open-new", ComplaintStep::Received, (3, 1), None),
            row("closed-new", ComplaintStep::Goodwill, (2, 1), Some((2, 9))),
            row("open-old", ComplaintStep::Settled, (2, 1), Some((2, 20))),
        ];
        sort_rows(&mut rows);
        let ids: Vec<&str> = rows.iter().map(|r| r.fact.id.as_str()).collect();
        assert_eq!(ids, ["open-old", "open-new", "closed-new", "closed-old"]);
    }

    #[wasm_bindgen_test]
    fn the_step_filter_reads_its_codes() {
        assert_eq!(StepFilter::from_code("open"), StepFilter::Open);
        assert_eq!(StepFilter::from_code(""), StepFilter::All);
        assert_eq!(StepFilter::from_code("facts"), StepFilter::Is(ComplaintStep::Facts));
        assert!(StepFilter::Open.keeps(ComplaintStep::Suggested) && !StepFilter::Open.keeps(ComplaintStep::Goodwill));
        let linked = ComplaintFact { owner: "王伟".into(), owner_id: "r1".into(), ..ComplaintFact::default() };
        let named = ComplaintFact { owner: "r1".into(), ..ComplaintFact::default() };
        assert_ne!(rep_key(&linked), rep_key(&named), "a name never passes for an id");
    }
}
