//! The analysis tables as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads
//! the Chinese), CRLF line ends, RFC 4180 quoting, and a guard against formula injection: a cell
//! starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, except a plain
//! number (`-12.50`, `-1,234.50`, `-12.34%`), which stays a number.

use super::period::month_label;
use super::products::ProductRow;
use super::series::MonthRow;
use super::share::{format_percent, format_times, Share};
use crate::primitives::lang::Lang;
use crate::primitives::money::format_yuan_grouped;

/// The whole file: the header line, then one line per row, each ended by CRLF.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    line(&mut out, header.iter().copied());
    for r in rows {
        line(&mut out, r.iter().map(String::as_str));
    }
    out
}

fn line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, c) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(out, c);
    }
    out.push_str("\r\n");
}

/// One cell, guarded then quoted.
pub fn cell(out: &mut String, c: &str) {
    let guard = c.starts_with(['=', '+', '-', '@', '\t', '\r']) && !plain_number(c);
    let quote = c.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if quote {
        out.push_str(&c.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(c);
    }
}

/// `-` then digits (commas between them allowed), an optional decimal part and an optional `%`.
fn plain_number(c: &str) -> bool {
    let Some(rest) = c.strip_prefix('-') else { return false };
    let rest = rest.strip_suffix('%').unwrap_or(rest);
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let int_ok = int.starts_with(|ch: char| ch.is_ascii_digit())
        && int.ends_with(|ch: char| ch.is_ascii_digit())
        && int.chars().all(|ch| ch.is_ascii_digit() || ch == ',')
        && !int.contains(",,");
    int_ok && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|ch| ch.is_ascii_digit()))
}

/// A [`Share`] table: name, count, amount (yuan, "1,234.50"), share ("12.34%").
pub fn share_rows(rows: &[Share], lang: Lang) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = match lang {
        Lang::Zh => vec!["名称", "数量", "金额（元）", "占比"],
        Lang::En => vec!["Name", "Count", "Amount (yuan)", "Share"],
    };
    let body = rows
        .iter()
        .map(|r| vec![r.label.clone(), r.count.to_string(), format_yuan_grouped(r.fen), format_percent(i64::from(r.bp))])
        .collect();
    (header, body)
}

/// The product table: product, units, sales, share, cost, margin, 毛利率, 周转率 (times), 交叉比率,
/// 贡献比率; an unknown figure is an empty cell.
pub fn product_rows(rows: &[ProductRow], lang: Lang) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = match lang {
        Lang::Zh => vec!["商品", "数量", "销售额（元）", "销售构成比", "销售成本（元）", "毛利（元）", "毛利率", "商品周转率（次）", "交叉比率", "贡献比率"],
        Lang::En => vec![
            "Product",
            "Units",
            "Sales (yuan)",
            "Share of sales",
            "Cost of sales (yuan)",
            "Gross margin (yuan)",
            "Gross margin rate",
            "Turnover (times)",
            "Cross ratio",
            "Contribution ratio",
        ],
    };
    let opt = |v: Option<String>| v.unwrap_or_default();
    let body = rows
        .iter()
        .map(|r| {
            vec![
                r.product.clone(),
                r.qty.to_string(),
                format_yuan_grouped(r.sales_fen),
                format_percent(i64::from(r.share_bp)),
                opt(r.cost_fen.map(format_yuan_grouped)),
                opt(r.margin_fen.map(format_yuan_grouped)),
                opt(r.margin_bp.map(|v| format_percent(i64::from(v)))),
                opt(r.turnover_bp.map(|v| format_times(i64::from(v)))),
                opt(r.cross_bp.map(format_percent)),
                opt(r.contribution_bp.map(format_percent)),
            ]
        })
        .collect();
    (header, body)
}

/// The month table: month, sales, collections.
pub fn series_rows(rows: &[MonthRow], lang: Lang) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let header = match lang {
        Lang::Zh => vec!["月份", "销售额（元）", "回款（元）"],
        Lang::En => vec!["Month", "Sales (yuan)", "Collected (yuan)"],
    };
    let body = rows
        .iter()
        .map(|r| vec![month_label(r.month, lang), format_yuan_grouped(r.sales), format_yuan_grouped(r.collected)])
        .collect();
    (header, body)
}
