use dossier_core::grading::sales::{format_bp, ParetoBar};
use dossier_core::grading::Cut;
use dossier_core::primitives::money::format_yuan_grouped;
use dossier_core::Lang;
use leptos::prelude::*;

// The drawing's own units; the SVG scales to the width it is given (a 10" tablet: ~1:1).
const W: f64 = 720.0;
const H: f64 = 300.0;
const LEFT: f64 = 88.0;
const RIGHT: f64 = 44.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 28.0;

/// The Pareto chart of 销售等级: customers by monthly average, best first, one bar each (or a
/// bar per group of neighbours for a large archive), coloured by grade, with the cumulative
/// share as a line and the cuts as dashed lines (shares on the right axis, 等级标准额 on the left).
#[component]
pub fn ParetoChart(bars: Vec<ParetoBar>, cut: Cut, lang: Lang) -> impl IntoView {
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let max = bars.iter().map(|b| b.average).max().unwrap_or(0).max(1);
    let bw = pw / bars.len().max(1) as f64;
    let y_amount = |fen: i64| TOP + ph * (1.0 - (fen.max(0) as f64 / max as f64).min(1.0));
    let y_share = |bp: u32| TOP + ph * (1.0 - f64::from(bp.min(10_000)) / 10_000.0);
    let rects = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = y_amount(b.average);
            let class = format!("bar g-{}{}", b.grade.code(), if b.mixed { " mixed" } else { "" });
            let tip = if b.first == b.last {
                format!("#{} {} ¥{}", b.first + 1, b.grade.code(), format_yuan_grouped(b.average))
            } else {
                format!("#{}–{} {} ¥{}", b.first + 1, b.last + 1, b.grade.code(), format_yuan_grouped(b.average))
            };
            view! {
                <rect class=class data-grade=b.grade.code() x=format!("{:.1}", LEFT + i as f64 * bw) y=format!("{y:.1}") width=format!("{:.2}", (bw - 1.0).max(0.5)) height=format!("{:.1}", TOP + ph - y)>
                    <title>{tip}</title>
                </rect>
            }
        })
        .collect_view();
    let mut points = vec![format!("{LEFT:.1},{:.1}", TOP + ph)];
    points.extend(bars.iter().enumerate().map(|(i, b)| format!("{:.1},{:.1}", LEFT + (i + 1) as f64 * bw, y_share(b.cumulative_bp))));
    let cut_lines = match &cut {
        Cut::Share { cuts_bp } => cuts_bp
            .iter()
            .map(|&c| {
                let y = y_share(u32::from(c));
                view! {
                    <line class="cut" x1=LEFT x2=W - RIGHT y1=format!("{y:.1}") y2=format!("{y:.1}")/>
                    <text class="cut-label" x=W - RIGHT + 4.0 y=format!("{:.1}", y + 4.0)>{format_bp(u32::from(c))}</text>
                }
            })
            .collect_view()
            .into_any(),
        Cut::Threshold { fen } => fen
            .iter()
            .filter(|&&t| t <= max)
            .map(|&t| {
                let y = y_amount(t);
                view! {
                    <line class="cut" x1=LEFT x2=W - RIGHT y1=format!("{y:.1}") y2=format!("{y:.1}")/>
                    <text class="cut-label" x=LEFT - 4.0 y=format!("{:.1}", y + 4.0) text-anchor="end">{format!("¥{}", format_yuan_grouped(t))}</text>
                }
            })
            .collect_view()
            .into_any(),
    };
    let label = lang.pick("帕累托图：客户按月均销售额从高到低排列，折线为累计占比", "Pareto chart: customers by monthly average sales, highest first; the line is the cumulative share");
    view! {
        <svg class="pareto" data-pareto-chart viewBox=format!("0 0 {W} {H}") role="img" aria-label=label preserveAspectRatio="xMidYMid meet">
            <title>{label}</title>
            <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=TOP + ph/>
            <line class="axis" x1=LEFT x2=W - RIGHT y1=TOP + ph y2=TOP + ph/>
            <text class="axis-label" x=LEFT - 4.0 y=TOP + 4.0 text-anchor="end">{format!("¥{}", format_yuan_grouped(max))}</text>
            <text class="axis-label" x=LEFT - 4.0 y=TOP + ph text-anchor="end">"0"</text>
            <text class="axis-label" x=W - RIGHT + 4.0 y=TOP + 4.0>"100 %"</text>
            {rects}
            <polyline class="cum" data-cumulative points=points.join(" ")/>
            {cut_lines}
            <text class="axis-label" x=LEFT + pw / 2.0 y=H - 8.0 text-anchor="middle">{lang.pick("客户（按月均销售额排序）", "Customers (by monthly average)")}</text>
        </svg>
    }
}
