use dossier_core::analysis::{CustomerDim, Period, SalesDim, Share};
use dossier_core::grading::sales::format_bp;
use dossier_core::grading::{Cut, ProspectGrade};
use dossier_core::primitives::money::format_yuan_grouped;
use dossier_core::Lang;
use leptos::prelude::*;

use crate::analysis_commands::deferred;
use crate::archive_state::LoadStatus;
use crate::components::analysis_accounts::AnalysisAccounts;
use crate::components::analysis_complaints::AnalysisComplaints;
use crate::components::analysis_products::AnalysisProducts;
use crate::components::analysis_series::AnalysisSeries;
use crate::components::analysis_shares::{AnalysisShares, ShareColumns};
use crate::components::empty_state::EmptyState;
use crate::components::grade_chart::{GradeBar, GradeChart};
use crate::components::icon::{Glyph, Icon};
use crate::components::pareto_chart::ParetoChart;
use crate::components::regrade_button::RegradeButton;
use crate::i18n::analysis as w;
use crate::i18n::grading::{tr, Pair};
use crate::perf;
use crate::state::{use_app, use_archive, use_texts};

/// Bars at most: one per customer up to this, else groups of neighbours.
const BARS: usize = 120;

/// The periods offered, in whole months; the last is the default.
const PERIODS: [(u8, Pair); 3] = [(3, w::LAST_3), (6, w::LAST_6), (12, w::LAST_12)];

/// What a composition chart splits.
#[derive(Clone, Copy)]
enum By {
    Customers(CustomerDim),
    Sales(SalesDim),
}

/// One chart of 构成分析: what it splits, its hook (`data-share-table=<hook>`), title, first
/// column and CSV name.
struct Part {
    by: By,
    hook: &'static str,
    title: Pair,
    item: Pair,
    csv: &'static str,
}

/// 客户构成 first (one pass over the summaries each), then seed 000's 销售构成、商品构成、地区构成.
const PARTS: [Part; 9] = [
    Part { by: By::Customers(CustomerDim::Nature), hook: "nature", title: w::BY_NATURE, item: w::COL_NATURE, csv: "构成-性质" },
    Part { by: By::Customers(CustomerDim::Category), hook: "category", title: w::BY_CATEGORY, item: w::COL_CATEGORY, csv: "构成-类别" },
    Part { by: By::Customers(CustomerDim::Region), hook: "region", title: w::BY_REGION, item: w::COL_REGION, csv: "构成-地区" },
    Part { by: By::Customers(CustomerDim::SalesGrade), hook: "grade", title: w::BY_GRADE, item: w::COL_GRADE, csv: "构成-销售等级" },
    Part { by: By::Customers(CustomerDim::Rep), hook: "rep", title: w::BY_REP, item: w::COL_REP, csv: "构成-业务员" },
    Part { by: By::Sales(SalesDim::Customer), hook: "sales-customer", title: w::SALES_BY_CUSTOMER, item: w::COL_CUSTOMER, csv: "销售构成-客户" },
    Part { by: By::Sales(SalesDim::Product), hook: "sales-product", title: w::SALES_BY_PRODUCT, item: w::COL_PRODUCT, csv: "商品构成" },
    Part { by: By::Sales(SalesDim::Region), hook: "sales-region", title: w::SALES_BY_REGION, item: w::COL_REGION, csv: "地区构成" },
    Part { by: By::Sales(SalesDim::Rep), hook: "sales-rep", title: w::SALES_BY_REP, item: w::COL_REP, csv: "销售构成-业务员" },
];

/// One chart's figures, once computed, in the language they were worded in.
type Shares = RwSignal<Option<(Lang, Vec<Share>)>>;

/// The sections after 构成分析, in page order: hook and heading.
const SECTIONS: [(&str, Pair); 6] = [
    ("composition", w::SEC_COMPOSITION),
    ("series", w::SEC_SERIES),
    ("pareto", w::SEC_PARETO),
    ("products", w::SEC_PRODUCTS),
    ("complaints", w::SEC_COMPLAINTS),
    ("accounts", w::SEC_ACCOUNTS),
];

/// 客户分析 (seed 004 三、客户分析的内容; seed 000 销售构成、商品构成、地区构成; seed 001 检阅销售、
/// 收款是否平衡), all from the customers' summaries over a period of whole months: 构成分析,
/// 销售与回款, the 帕累托 chart of 销售等级 with the grade distribution, 商品分析 with the
/// manager's costs, 投诉分析 and 交易开始与中止. The first chart is computed one frame after the
/// page shows and each later part one frame after the one before (`analysis_commands::deferred`),
/// so a tablet with 100,000 customers paints the first chart at once and never freezes. Every
/// table exports as CSV; the page prints section by section.
#[component]
pub fn AnalysisPage() -> impl IntoView {
    let t0 = perf::now();
    let t = use_texts();
    let app = use_app();
    let archive = use_archive();
    let months = RwSignal::new(12u8);
    let today = crate::platform::today();
    let period = Memo::new(move |_| Period::last_months(today, months.get()));
    let period_signal = Signal::from(period);

    // 构成分析: a figure per chart, each at its own turn.
    let parts: Vec<Shares> = PARTS
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let by = part.by;
            let turn = i as u32;
            match by {
                // Customers are counted as they are now: the period does not matter.
                By::Customers(dim) => deferred(turn, move || (app.lang.get(), archive.revision.get()), move |(l, _)| (l, archive.analysis_customers(dim, l))),
                By::Sales(dim) => deferred(
                    turn,
                    move || (period.get(), app.lang.get(), archive.revision.get()),
                    move |(p, l, _)| (l, archive.analysis_sales(dim, &p, l)),
                ),
            }
        })
        .collect();
    // The bench's row "分析 first chart": from the page made to the first chart rendered.
    let first = parts[0];
    let measured = StoredValue::new(false);
    Effect::new(move |_| {
        if first.with(Option::is_some) && !measured.get_value() {
            measured.set_value(true);
            perf::after_render(move || perf::measure_since("dossier:analysis-first-chart", t0));
        }
    });
    let turn = PARTS.len() as u32;
    let has_customers = Memo::new(move |_| {
        archive.revision.track();
        archive.analysis_has_customers()
    });

    let composition = move || {
        let l = app.lang.get();
        match archive.status.get() {
            LoadStatus::Loading => return view! { <p class="muted">{t.get().loading_archive}</p> }.into_any(),
            LoadStatus::Failed(e) => return view! { <p class="banner banner-error" role="alert">{t.get().storage_error(&e)}</p> }.into_any(),
            LoadStatus::Ready => {}
        }
        if !has_customers.get() {
            return view! {
                <div data-no-analysis>
                    <EmptyState title=Signal::derive(move || tr(app.lang.get(), w::EMPTY_TITLE)) body=Signal::derive(move || tr(app.lang.get(), w::NO_CUSTOMERS))/>
                </div>
            }
            .into_any();
        }
        let charts = PARTS
            .iter()
            .zip(parts.iter().copied())
            .map(|(part, data)| {
                let (hook, title, item, csv) = (part.hook, part.title, part.item, part.csv);
                let customers = matches!(part.by, By::Customers(_));
                move || {
                    data.with(|d| match d {
                        None => view! { <div class="analysis-part" data-share=hook><h3>{tr(app.lang.get_untracked(), title)}</h3><p class="muted">{tr(app.lang.get_untracked(), w::COMPUTING)}</p></div> }.into_any(),
                        Some((l, shares)) => {
                            let l = *l;
                            let columns = if customers {
                                ShareColumns { item, count: w::COL_CUSTOMERS, amount: None, unit: w::UNIT_CUSTOMERS, by_amount: false }
                            } else {
                                ShareColumns { item, count: w::COL_CUSTOMERS, amount: Some(w::COL_SALES), unit: w::UNIT_CUSTOMERS, by_amount: true }
                            };
                            let empty = tr(l, if customers { w::NO_VALUES } else { w::NO_ROWS });
                            view! { <AnalysisShares dim=hook title=tr(l, title) shares=shares.clone() columns=columns csv=csv empty=empty lang=l/> }.into_any()
                        }
                    })
                }
            })
            .collect_view();
        view! {
            <p class="muted">{tr(l, w::COMPOSITION_NOTE)}</p>
            {charts}
        }
        .into_any()
    };

    // 销售等级 as a Pareto chart with the customers and share of sales per grade (seed 004
    // 划分客户等级), over the grading window of the settings.
    let pareto = move || {
        archive.revision.track();
        let l = app.lang.get();
        let graded = match archive.sales_grades(crate::platform::today()) {
            Ok(g) => g,
            Err(e) => return view! { <p class="banner banner-error" role="alert">{e.message(l)}</p> }.into_any(),
        };
        let g = &graded.grading;
        if g.total <= 0 {
            return view! {
                <p class="muted" data-no-sales>{g.window.label(l)}{l.pick("：期内没有销售，暂无销售等级。", ": no sales in the window, so no sales grades yet.")}</p>
            }
            .into_any();
        }
        let rule = match &g.cut {
            Cut::Share { cuts_bp } => {
                let cuts = cuts_bp.iter().map(|c| format_bp(u32::from(*c))).collect::<Vec<_>>().join(" / ");
                match l {
                    Lang::Zh => format!("按累计占比划分（{cuts}）"),
                    Lang::En => format!("cut by cumulative share ({cuts})"),
                }
            }
            Cut::Threshold { fen } => {
                let t = fen.iter().map(|f| format!("¥{}", format_yuan_grouped(*f))).collect::<Vec<_>>().join(" / ");
                match l {
                    Lang::Zh => format!("按等级标准额划分（月均 {t}）"),
                    Lang::En => format!("cut by threshold monthly averages ({t})"),
                }
            }
        };
        let bands = g.bands();
        view! {
            <p class="muted" data-pareto-window>{g.window.label(l)}" · "{rule}" · "{l.pick("销售额合计 ¥", "sales in all ¥")}{format_yuan_grouped(g.total)}</p>
            <ParetoChart bars=g.pareto(BARS) cut=g.cut.clone() lang=l/>
            <table class="bands" data-bands>
                <thead><tr><th>{t.get().sales_grade}</th><th>{l.pick("客户数", "Customers")}</th><th>{l.pick("销售额占比", "Share of sales")}</th></tr></thead>
                <tbody>
                    {bands.into_iter().map(|(grade, n, bp)| view! {
                        <tr data-band=grade.code()><td><span class=format!("swatch g-{}", grade.code())></span>{grade.label(l)}</td><td data-band-count>{n}</td><td>{format_bp(bp)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    // 等级分布: customers per 销售等级 (live ones graded) and per 准客户等级 (prospects).
    let distribution = move || {
        archive.revision.track();
        let l = app.lang.get();
        let sales: Vec<GradeBar> = match archive.sales_grades(crate::platform::today()) {
            Ok(g) => g.grading.bands().into_iter().map(|(grade, n, _)| GradeBar { code: grade.code().to_string(), label: grade.label(l).to_string(), count: n }).collect(),
            Err(_) => Vec::new(),
        };
        let mut prospect = [0usize; 5];
        archive.with_summaries(|all| {
            for s in all.iter().filter(|s| !s.deleted && s.stage == dossier_core::Stage::Potential) {
                prospect[s.grades.prospect.map_or(4, |p| p as usize)] += 1;
            }
        });
        let prospect: Vec<GradeBar> = ProspectGrade::ALL
            .iter()
            .map(|p| GradeBar { code: p.code().to_string(), label: p.label(l).to_string(), count: prospect[*p as usize] })
            .chain([GradeBar { code: "none".into(), label: l.pick("未分级", "not graded").to_string(), count: prospect[4] }])
            .collect();
        view! {
            <h4>{t.get().sales_grade}</h4>
            <GradeChart title=l.pick("各销售等级的客户数", "Customers per sales grade").to_string() bars=sales lang=l/>
            <h4>{l.pick("准客户等级（潜在客户）", "Prospect grades (potential customers)")}</h4>
            <GradeChart title=l.pick("各准客户等级的客户数", "Prospects per grade").to_string() bars=prospect lang=l/>
        }
    };
    // The Pareto part waits its turn like the others (its grading is kept until the archive
    // changes, so later visits are quick).
    let pareto_turn = turn + 2;
    let pareto_ready = deferred(pareto_turn, || (), |_| ());
    let show_pareto = move || pareto_ready.with(Option::is_some);

    let on_period = move |ev: leptos::ev::Event| {
        if let Ok(n) = event_target_value(&ev).parse::<u8>() {
            months.set(n);
        }
    };
    let jump = move |hook: &'static str| {
        if let Some(el) = document().query_selector(&format!("[data-section={hook}]")).ok().flatten() {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Start);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    };
    let heading = move |hook: &'static str| {
        let pair = SECTIONS.iter().find(|(h, _)| *h == hook).map(|(_, p)| *p).unwrap_or(w::SEC_COMPOSITION);
        move || tr(app.lang.get(), pair)
    };

    view! {
        <div class="analysis" data-analysis>
            <h1>{move || t.get().analysis_title}</h1>
            <div class="analysis-bar">
                <label class="filter">{move || tr(app.lang.get(), w::PERIOD)}
                    <select data-period on:change=on_period prop:value=move || months.get().to_string()>
                        {PERIODS.iter().map(|(n, pair)| {
                            let n = *n;
                            let pair = *pair;
                            view! { <option value=n.to_string() selected=move || months.get() == n>{move || tr(app.lang.get(), pair)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <p class="analysis-period" data-period-label>{move || period.get().label(app.lang.get())}</p>
                <button type="button" class="with-icon" data-action="print" onclick="window.print()"><Icon glyph=Glyph::Printer/>{move || tr(app.lang.get(), w::PRINT)}</button>
            </div>
            <nav class="analysis-jump" aria-label=move || tr(app.lang.get(), w::JUMP)>
                {SECTIONS.iter().map(|(hook, pair)| {
                    let (hook, pair) = (*hook, *pair);
                    view! { <button type="button" data-jump=hook on:click=move |_| jump(hook)>{move || tr(app.lang.get(), pair)}</button> }
                }).collect_view()}
            </nav>
            <section class="card analysis-section" data-section="composition">
                <h2>{heading("composition")}</h2>
                {composition}
            </section>
            <section class="card analysis-section" data-section="series">
                <h2>{heading("series")}</h2>
                <AnalysisSeries period=period_signal turn=turn/>
            </section>
            <section class="card analysis-section" data-section="pareto">
                <h2>{heading("pareto")}</h2>
                <div data-pareto>
                    <h3>{move || app.lang.get().pick("销售等级（帕累托分析）", "Sales grades (Pareto analysis)")}</h3>
                    <RegradeButton/>
                    {move || show_pareto().then_some(pareto)}
                </div>
                <div data-distribution>
                    <h3>{move || app.lang.get().pick("等级分布", "Grade distribution")}</h3>
                    {move || show_pareto().then_some(distribution)}
                </div>
            </section>
            <section class="card analysis-section" data-section="products">
                <h2>{heading("products")}</h2>
                <AnalysisProducts period=period_signal turn=pareto_turn + 1/>
            </section>
            <section class="card analysis-section" data-section="complaints">
                <h2>{heading("complaints")}</h2>
                <AnalysisComplaints period=period_signal turn=pareto_turn + 2/>
            </section>
            <section class="card analysis-section" data-section="accounts">
                <h2>{heading("accounts")}</h2>
                <p class="muted">{move || tr(app.lang.get(), w::ACCOUNTS_NOTE)}</p>
                <AnalysisAccounts period=period_signal turn=pareto_turn + 3/>
            </section>
        </div>
    }
}
