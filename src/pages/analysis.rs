use dossier_core::grading::sales::format_bp;
use dossier_core::grading::{Cut, ProspectGrade};
use dossier_core::primitives::money::format_yuan_grouped;
use dossier_core::Lang;
use leptos::prelude::*;

use crate::components::empty_state::EmptyState;
use crate::components::grade_chart::{GradeBar, GradeChart};
use crate::components::pareto_chart::ParetoChart;
use crate::components::regrade_button::RegradeButton;
use crate::state::{use_app, use_archive, use_texts};

/// Bars at most: one per customer up to this, else groups of neighbours.
const BARS: usize = 120;

/// 客户分析. So far: 销售等级 as a Pareto chart with the customers and share of sales per grade
/// (seed 004 划分客户等级); composition, series and the rest come with the analysis issue.
#[component]
pub fn AnalysisPage() -> impl IntoView {
    let t = use_texts();
    let app = use_app();
    let archive = use_archive();
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
            <h3>{t.get().sales_grade}</h3>
            <GradeChart title=l.pick("各销售等级的客户数", "Customers per sales grade").to_string() bars=sales lang=l/>
            <h3>{l.pick("准客户等级（潜在客户）", "Prospect grades (potential customers)")}</h3>
            <GradeChart title=l.pick("各准客户等级的客户数", "Prospects per grade").to_string() bars=prospect lang=l/>
        }
    };
    view! {
        <h1>{move || t.get().analysis_title}</h1>
        <section class="card" data-pareto>
            <h2>{move || app.lang.get().pick("销售等级（帕累托分析）", "Sales grades (Pareto analysis)")}</h2>
            <RegradeButton/>
            {pareto}
        </section>
        <section class="card" data-distribution>
            <h2>{move || app.lang.get().pick("等级分布", "Grade distribution")}</h2>
            {distribution}
        </section>
        <EmptyState title=Signal::derive(move || t.get().coming_next) body=Signal::derive(move || t.get().analysis_intro)/>
    }
}
