use dossier_core::analysis::{self, Share};
use dossier_core::grading::sales::format_bp;
use dossier_core::{format_count, format_yuan_grouped, Lang};
use leptos::prelude::*;

use crate::components::csv_button::CsvButton;
use crate::i18n::analysis as w;
use crate::i18n::grading::{tr, Pair};

// The drawing's own units; the SVG scales to the width it is given (about 1:1 on a tablet in
// portrait, so 15 units are 15 px).
const W: f64 = 720.0;
const ROW: f64 = 38.0;
const LEFT: f64 = 190.0;
const FONT: f64 = 15.0;
/// Bars drawn at most; the table has every row.
const CHART_MAX: usize = 15;
/// Rows of the table before "显示全部".
const TABLE_FIRST: usize = 20;

/// What a list of shares counts: the table's columns, and whether a bar is labelled with its
/// amount (sales) or its count (customers, complaints).
#[derive(Clone, Copy)]
pub struct ShareColumns {
    pub item: Pair,
    pub count: Pair,
    /// The amount column; `None` where the shares have no amount (客户构成).
    pub amount: Option<Pair>,
    /// After a count on a bar: 位, 件.
    pub unit: Pair,
    pub by_amount: bool,
}

/// Roughly how wide `s` is drawn at `px`: CJK and full-width characters a full em, others about
/// half.
pub fn text_width(s: &str, px: f64) -> f64 {
    s.chars().map(|c| if u32::from(c) >= 0x2E80 { px } else { px * 0.56 }).sum()
}

/// `s` cut to fit `room` at `px`, with "…" when cut.
pub fn fit(s: &str, px: f64, room: f64) -> String {
    if text_width(s, px) <= room {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = px;
    for c in s.chars() {
        let cw = if u32::from(c) >= 0x2E80 { px } else { px * 0.56 };
        if used + cw > room {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// Amounts grouped ("1,234.50"), blank where there is none.
pub fn yuan_or_blank(fen: i64) -> String {
    if fen == 0 {
        String::new()
    } else {
        format_yuan_grouped(fen)
    }
}

/// One list of shares (客户构成 by a dimension, 销售构成, complaints by type…): a horizontal bar
/// chart drawn by the app with the value and share written on each bar, and a table with the
/// count, the amount and the share of the total, exportable as CSV. A sentence when empty.
#[component]
pub fn AnalysisShares(
    /// The hooks' name: `data-share-table=<dim>`.
    dim: &'static str,
    title: &'static str,
    shares: Vec<Share>,
    columns: ShareColumns,
    /// The CSV file's part of the name ("构成-地区").
    csv: &'static str,
    /// What to say when the list is empty.
    empty: &'static str,
    lang: Lang,
) -> impl IntoView {
    if shares.is_empty() || shares.iter().all(|s| s.count == 0 && s.fen == 0) {
        return view! {
            <div class="analysis-part" data-share=dim>
                <h3>{title}</h3>
                <p class="muted" data-share-empty=dim>{empty}</p>
            </div>
        }
        .into_any();
    }
    let chart = share_chart(dim, title, &shares, columns, lang);
    let (mut header, mut rows) = analysis::share_rows(&shares, lang);
    header[0] = tr(lang, columns.item);
    header[1] = tr(lang, columns.count);
    match columns.amount {
        Some(a) => header[2] = tr(lang, a),
        None => {
            header.remove(2);
            rows.iter_mut().for_each(|r| {
                r.remove(2);
            });
        }
    }
    let total_count: usize = shares.iter().map(|s| s.count).sum();
    let total_fen = analysis::total_fen(&shares);
    let n = shares.len();
    let all = RwSignal::new(n <= TABLE_FIRST + 5);
    let shares = StoredValue::new(shares);
    let body = move || {
        let take = if all.get() { usize::MAX } else { TABLE_FIRST };
        shares.with_value(|shares| {
            shares
                .iter()
                .take(take)
                .map(|s| {
                    view! {
                        <tr data-share-row=s.key.clone()>
                            <th scope="row">{s.label.clone()}</th>
                            <td class="num" data-count=s.count.to_string()>{format_count(s.count as u64)}</td>
                            {columns.amount.map(|_| view! { <td class="num" data-fen=s.fen.to_string()>{yuan_or_blank(s.fen)}</td> })}
                            <td class="num" data-share-bp=s.bp.to_string()>{format_bp(s.bp)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="analysis-part" data-share=dim>
            <h3>{title}</h3>
            {chart}
            {(n > CHART_MAX).then(|| view! { <p class="muted chart-note">{tr(lang, w::CHART_TOP)}</p> })}
            <table class="table analysis-table" data-share-table=dim>
                <thead><tr>
                    <th scope="col">{tr(lang, columns.item)}</th>
                    <th scope="col" class="num">{tr(lang, columns.count)}</th>
                    {columns.amount.map(|a| view! { <th scope="col" class="num">{tr(lang, a)}</th> })}
                    <th scope="col" class="num">{tr(lang, w::COL_SHARE)}</th>
                </tr></thead>
                <tbody>{body}</tbody>
                <tfoot><tr data-share-total>
                    <th scope="row">{tr(lang, w::TOTAL)}</th>
                    <td class="num">{format_count(total_count as u64)}</td>
                    {columns.amount.map(|_| view! { <td class="num">{yuan_or_blank(total_fen)}</td> })}
                    <td class="num">{if total_count > 0 || total_fen > 0 { "100 %" } else { "" }}</td>
                </tr></tfoot>
            </table>
            <div class="analysis-actions">
                {move || (!all.get()).then(|| view! {
                    <button type="button" data-action="show-all" on:click=move |_| all.set(true)>{w::rows_in_all(lang, n)}</button>
                })}
                <CsvButton name=csv.to_string() header=header rows=rows/>
            </div>
        </div>
    }
    .into_any()
}

/// The bars: one per share (the first [`CHART_MAX`]), longest for the largest, the value and
/// share after the bar or, where there is no room, on it.
fn share_chart(dim: &'static str, title: &'static str, shares: &[Share], columns: ShareColumns, lang: Lang) -> impl IntoView {
    let shown = &shares[..shares.len().min(CHART_MAX)];
    let value = |s: &Share| if columns.by_amount { s.fen.max(0) as f64 } else { s.count as f64 };
    let max = shown.iter().map(value).fold(0.0, f64::max).max(1.0);
    let pw = W - LEFT - 8.0;
    let h = ROW * shown.len() as f64 + 8.0;
    let bars = shown
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let y = 4.0 + i as f64 * ROW;
            let bw = pw * value(s) / max;
            let figure = if columns.by_amount {
                format!("¥{}", format_yuan_grouped(s.fen))
            } else {
                let unit = tr(lang, columns.unit);
                if unit.is_empty() { format_count(s.count as u64) } else { format!("{} {unit}", format_count(s.count as u64)) }
            };
            let note = format!("{figure} · {}", format_bp(s.bp));
            let tw = text_width(&note, FONT);
            let inside = LEFT + bw + 6.0 + tw > W;
            let (tx, anchor, class) = if inside { (LEFT + bw - 6.0, "end", "value on-bar") } else { (LEFT + bw + 6.0, "start", "value") };
            let text_y = format!("{:.1}", y + ROW / 2.0 + 5.0);
            let bar_class = if s.key == "other" { "bar other" } else { "bar" };
            view! {
                <g data-share-bar=s.key.clone()>
                    <title>{format!("{}: {note}", s.label)}</title>
                    <text class="label" x=LEFT - 8.0 y=text_y.clone() text-anchor="end">{fit(&s.label, FONT, LEFT - 12.0)}</text>
                    <rect class=bar_class x=LEFT y=format!("{:.1}", y + 4.0) width=format!("{:.1}", bw.max(if value(s) > 0.0 { 2.0 } else { 0.0 })) height=format!("{:.1}", ROW - 8.0) rx="3"></rect>
                    <text class=class x=format!("{tx:.1}") y=text_y text-anchor=anchor>{note}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="share-chart" data-share-chart=dim viewBox=format!("0 0 {W} {h:.0}") role="img" aria-label=title>
            <title>{title}</title>
            {bars}
        </svg>
    }
}
