use dossier_core::Lang;
use leptos::prelude::*;

// The drawing's own units; the SVG scales to the width it is given.
const W: f64 = 720.0;
const ROW: f64 = 34.0;
const LEFT: f64 = 96.0;
const RIGHT: f64 = 120.0;

/// One bar: the grade's code (for its colour), its label, how many customers.
#[derive(Clone, Debug, PartialEq)]
pub struct GradeBar {
    pub code: String,
    pub label: String,
    pub count: usize,
}

/// 等级分布: customers per grade as horizontal bars with the count and share written beside
/// each (drawn by the app, readable on a tablet; nothing to hover).
#[component]
pub fn GradeChart(title: String, bars: Vec<GradeBar>, lang: Lang) -> impl IntoView {
    let total: usize = bars.iter().map(|b| b.count).sum();
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let h = ROW * bars.len() as f64 + 8.0;
    let pw = W - LEFT - RIGHT;
    let rows = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let y = 4.0 + i as f64 * ROW;
            let w = pw * b.count as f64 / max as f64;
            let share = if total == 0 { 0.0 } else { b.count as f64 * 100.0 / total as f64 };
            let note = match lang {
                Lang::Zh => format!("{} 位 · {share:.0} %", b.count),
                Lang::En => format!("{} · {share:.0} %", b.count),
            };
            view! {
                <g data-dist-grade=b.code.clone() data-dist-count=b.count.to_string()>
                    <text class="axis-label" x=LEFT - 8.0 y=format!("{:.1}", y + ROW / 2.0 + 4.0) text-anchor="end">{b.label.clone()}</text>
                    <rect class=format!("bar g-{}", b.code) x=LEFT y=format!("{:.1}", y + 4.0) width=format!("{:.1}", w.max(if b.count > 0 { 2.0 } else { 0.0 })) height=format!("{:.1}", ROW - 10.0)></rect>
                    <text class="axis-label" x=format!("{:.1}", LEFT + w + 6.0) y=format!("{:.1}", y + ROW / 2.0 + 4.0)>{note}</text>
                </g>
            }
        })
        .collect_view();
    let label = title.clone();
    view! {
        <svg class="pareto grade-chart" data-grade-chart viewBox=format!("0 0 {W} {h:.0}") role="img" aria-label=label>
            <title>{title}</title>
            {rows}
        </svg>
    }
}
