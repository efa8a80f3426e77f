//! 商品构成 (seed 004 三(一) 3–7): each product's sales and share, 毛利率, 商品周转率, and the two
//! textbook ratios built on them, 交叉比率 and 贡献比率 (not in the seeds: docs/analysis.md).
//!
//! Sales are the gross deliveries of the product's lines dated in the period, at the price
//! invoiced (returns are not per product). Cost is what the manager enters for each product: a
//! cost per unit and the average inventory at cost ([`ProductCost`]); without it the figures
//! that need it are `None`.
//!
//! Each figure is worked from the amounts themselves, in integers (i128), rounded half away from
//! zero once at the end; so 交叉比率 may differ in the last digit from the product of the rounded
//! 毛利率 and 周转率.

use super::composition::live;
use super::period::Period;
use super::share::{div_round, split_bp, to_fen, WHOLE_BP};
use crate::summary::Summary;
use std::collections::HashMap;

/// What the manager enters for a product.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductCost {
    pub product: String,
    /// Cost of one unit, fen.
    pub unit_cost_fen: i64,
    /// Average inventory over the period, at cost, fen.
    pub avg_stock_fen: i64,
}

/// One product over the period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductRow {
    pub product: String,
    /// Units delivered.
    pub qty: i64,
    /// Gross sales, fen.
    pub sales_fen: i64,
    /// 销售构成比: share of all products' sales, basis points (largest remainder: the rows add to
    /// 10,000).
    pub share_bp: u32,
    /// 销售成本 = qty × unit cost.
    pub cost_fen: Option<i64>,
    /// 毛利 = sales − cost.
    pub margin_fen: Option<i64>,
    /// 毛利率 = 毛利 ÷ sales, basis points (below zero when sold under cost; `None` without sales).
    pub margin_bp: Option<i32>,
    /// 商品周转率 = 销售成本 ÷ average inventory at cost, in ten-thousandths of a time (2.5 times =
    /// 25,000); `None` without an average inventory above zero.
    pub turnover_bp: Option<u32>,
    /// 交叉比率 = 毛利率 × 周转率, basis points (120 % = 12,000).
    pub cross_bp: Option<i64>,
    /// 贡献比率 = 交叉比率 × 销售构成比, basis points.
    pub contribution_bp: Option<i64>,
}

/// Every product delivered in the period (units or amount not zero), biggest sales first, then
/// by name. `costs` gives the cost of the products it names (by exact name; the first entry of a
/// name counts).
pub fn products(all: &[Summary], period: &Period, costs: &[ProductCost]) -> Vec<ProductRow> {
    let (first, last) = (period.first_index(), period.last_index());
    let mut sums: HashMap<&str, (i128, i128)> = HashMap::new();
    for s in live(all) {
        for p in &s.facts.products {
            let mut qty: i128 = 0;
            let mut fen: i128 = 0;
            for &(m, q, f) in &p.months {
                if (first..=last).contains(&m) {
                    qty += i128::from(q);
                    fen += i128::from(f);
                }
            }
            if qty != 0 || fen != 0 {
                let slot = sums.entry(p.product.as_str()).or_default();
                slot.0 += qty;
                slot.1 += fen;
            }
        }
    }
    let mut cost_of: HashMap<&str, &ProductCost> = HashMap::new();
    for c in costs {
        cost_of.entry(c.product.as_str()).or_insert(c);
    }
    let mut sums: Vec<(&str, i128, i128)> = sums.into_iter().map(|(p, (q, f))| (p, q, f)).collect();
    sums.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
    let parts: Vec<i128> = sums.iter().map(|r| r.2).collect();
    let total: i128 = parts.iter().map(|p| (*p).max(0)).sum();
    let shares = split_bp(&parts);
    let whole = i128::from(WHOLE_BP);
    sums.into_iter()
        .zip(shares)
        .map(|((product, qty, sales), share_bp)| {
            let cost = cost_of.get(product).copied();
            let cost_fen = cost.map(|c| qty * i128::from(c.unit_cost_fen));
            let margin = cost_fen.map(|c| sales - c);
            let stock = cost.map(|c| i128::from(c.avg_stock_fen)).filter(|s| *s > 0);
            let margin_bp = margin.filter(|_| sales > 0).and_then(|m| div_round(m * whole, sales));
            let turnover_bp = match (cost_fen, stock) {
                (Some(c), Some(st)) => div_round(c * whole, st),
                _ => None,
            };
            // 毛利 ÷ sales × 销售成本 ÷ inventory, and × sales ÷ total for the contribution.
            let cross_bp = match (margin, cost_fen, stock) {
                (Some(m), Some(c), Some(st)) if sales > 0 => ratio(m, c, sales, st, margin_bp, turnover_bp),
                _ => None,
            };
            let contribution_bp = match (margin, cost_fen, stock) {
                (Some(m), Some(c), Some(st)) if sales > 0 && total > 0 => {
                    let share = div_round(sales.max(0) * whole, total);
                    ratio(m, c, total, st, cross_bp, share)
                }
                _ => None,
            };
            ProductRow {
                product: product.to_string(),
                qty: to_fen(qty),
                sales_fen: to_fen(sales),
                share_bp,
                cost_fen: cost_fen.map(to_fen),
                margin_fen: margin.map(to_fen),
                margin_bp: margin_bp.map(|v| i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX })),
                turnover_bp: turnover_bp.map(|v| u32::try_from(v.max(0)).unwrap_or(u32::MAX)),
                cross_bp: cross_bp.map(|v| i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })),
                contribution_bp: contribution_bp.map(|v| i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })),
            }
        })
        .collect()
}

/// a × b × 10,000 ÷ (c × d), rounded half away from zero; when the exact product overflows
/// (amounts beyond any real ledger), the product of the two rounded factors `x` × `y` ÷ 10,000.
fn ratio(a: i128, b: i128, c: i128, d: i128, x: Option<i128>, y: Option<i128>) -> Option<i128> {
    let whole = i128::from(WHOLE_BP);
    let exact = a.checked_mul(b).and_then(|ab| ab.checked_mul(whole)).zip(c.checked_mul(d));
    match exact {
        Some((num, den)) => div_round(num, den),
        None => div_round(x?.checked_mul(y?)?, whole),
    }
}
