use dossier_core::{format_count, format_yuan_grouped};
use leptos::prelude::*;

use crate::components::analysis_shares::{fit, text_width};

// The drawing's own units (about 1:1 on a tablet in portrait).
const W: f64 = 720.0;
const LEFT: f64 = 112.0;
const BAR: f64 = 20.0;
const GAP: f64 = 14.0;
const LEGEND: f64 = 34.0;
const FONT: f64 = 15.0;

/// One group of two bars: its label (a month) and the two values.
#[derive(Clone, Debug, PartialEq)]
pub struct PairRow {
    pub label: String,
    pub a: i64,
    pub b: i64,
}

/// Two figures side by side per row (sales against collections, trade started against stopped):
/// horizontal bars, one group per month, the value written after each bar (or on it where there
/// is no room), nothing where the value is zero; a legend on top. Drawn by the app, nothing to
/// hover.
#[component]
pub fn PairChart(
    /// `data-pair-chart=<data>`.
    data: &'static str,
    title: String,
    rows: Vec<PairRow>,
    /// The two bars' names, for the legend.
    names: (String, String),
    /// The two bars' colour classes.
    classes: (&'static str, &'static str),
    /// Amounts (fen, written "¥1,234.50") or counts.
    money: bool,
) -> impl IntoView {
    let max = rows.iter().flat_map(|r| [r.a, r.b]).max().unwrap_or(0).max(1) as f64;
    let group = 2.0 * BAR + GAP;
    let h = LEGEND + group * rows.len() as f64 + 4.0;
    let pw = W - LEFT - 8.0;
    let figure = move |v: i64| {
        if v == 0 {
            String::new()
        } else if money {
            format!("¥{}", format_yuan_grouped(v))
        } else {
            format_count(v.unsigned_abs())
        }
    };
    let bar = move |y: f64, v: i64, class: &'static str| {
        let bw = pw * v.max(0) as f64 / max;
        let note = figure(v);
        let tw = text_width(&note, FONT);
        let inside = LEFT + bw + 6.0 + tw > W;
        let (tx, anchor, tclass) = if inside { (LEFT + bw - 6.0, "end", "value on-bar") } else { (LEFT + bw + 6.0, "start", "value") };
        view! {
            <rect class=format!("bar {class}") x=LEFT y=format!("{y:.1}") width=format!("{:.1}", if v > 0 { bw.max(2.0) } else { 0.0 }) height=BAR rx="3"></rect>
            <text class=tclass x=format!("{tx:.1}") y=format!("{:.1}", y + BAR / 2.0 + 5.0) text-anchor=anchor>{note}</text>
        }
    };
    let groups = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = LEGEND + i as f64 * group;
            view! {
                <g data-pair-row=r.label.clone() data-a=r.a.to_string() data-b=r.b.to_string()>
                    <text class="label" x=LEFT - 8.0 y=format!("{:.1}", y + BAR + 5.0) text-anchor="end">{fit(&r.label, FONT, LEFT - 12.0)}</text>
                    {bar(y, r.a, classes.0)}
                    {bar(y + BAR, r.b, classes.1)}
                </g>
            }
        })
        .collect_view();
    let label = title.clone();
    let second_x = LEFT + 26.0 + text_width(&names.0, FONT) + 28.0;
    view! {
        <svg class="pair-chart" data-pair-chart=data viewBox=format!("0 0 {W} {h:.0}") role="img" aria-label=label>
            <title>{title}</title>
            <rect class=format!("bar {}", classes.0) x=LEFT y="8" width="18" height="18" rx="3"></rect>
            <text class="label" x=LEFT + 26.0 y="23">{names.0.clone()}</text>
            <rect class=format!("bar {}", classes.1) x=second_x y="8" width="18" height="18" rx="3"></rect>
            <text class="label" x=second_x + 26.0 y="23">{names.1.clone()}</text>
            {groups}
        </svg>
    }
}
