//! 客户构成分析 and 销售构成 (seed 004 三(一) 1–3; seed 000 销售构成、地区构成): the live customers
//! by a value of their card, and the period's sales by customer, product, region or rep, each
//! with its share of the whole. One pass over the summaries; the maps hold borrowed keys, so
//! nothing is allocated per customer beyond the result.

use super::period::Period;
use super::share::{bp_by_count, bp_by_fen, not_given, to_fen, Share};
use crate::customer::owner::Rep;
use crate::grading::sales::MonthlySales;
use crate::primitives::codes::{Category, Nature, Stage, Tier};
use crate::primitives::grades::SalesGrade;
use crate::primitives::lang::Lang;
use crate::summary::Summary;
use std::collections::HashMap;

/// What the customers are counted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CustomerDim {
    /// 性质 (enterprise cards; an individual has none: not given).
    Nature,
    /// 类别 (enterprise cards).
    Category,
    /// 地区 as written on the card.
    Region,
    /// 销售等级 as last stored on the card (not graded: not given).
    SalesGrade,
    /// The owner (业务员).
    Rep,
    /// 潜在 / 现有 / 旧客户.
    Stage,
    /// 重要 / 特殊 / 一般.
    Tier,
}

/// What the period's sales are split by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SalesDim {
    Customer,
    /// Gross deliveries by product line (returns are not per product).
    Product,
    Region,
    /// The customer's owner now (the sales of a customer handed over go with it).
    Rep,
}

/// Reps by id, for labels.
pub(crate) fn rep_names(reps: &[Rep]) -> HashMap<&str, &str> {
    reps.iter().map(|r| (r.id.as_str(), r.name.as_str())).collect()
}

/// The live customers.
pub(crate) fn live(all: &[Summary]) -> impl Iterator<Item = &Summary> {
    all.iter().filter(|s| !s.deleted)
}

/// Net sales of one customer in the period: live deliveries dated in it, less approved returns
/// counted in it (by their delivery's month) and dated up to its last day — the reading of
/// 销售等级 (`grading::sales`, docs/grading.md), so a period's sales equal a sales window's.
pub fn net_sales(sales: &MonthlySales, period: &Period) -> i64 {
    let (first, last) = (period.first_index(), period.last_index());
    let mut net: i128 = 0;
    for &(m, fen) in &sales.delivered {
        if m > last {
            break;
        }
        if m >= first {
            net += i128::from(fen);
        }
    }
    for &(m, dated, fen) in &sales.returned {
        if (first..=last).contains(&m) && dated <= last {
            net -= i128::from(fen);
        }
    }
    to_fen(net)
}

fn dim_key(s: &Summary, dim: CustomerDim) -> &str {
    match dim {
        CustomerDim::Nature => s.nature.map_or("", Nature::code),
        CustomerDim::Category => s.category.map_or("", Category::code),
        CustomerDim::Region => s.region.trim(),
        CustomerDim::SalesGrade => s.grades.sales.map_or("", SalesGrade::code),
        CustomerDim::Rep => s.owner.as_str(),
        CustomerDim::Stage => s.stage.code(),
        CustomerDim::Tier => s.tier.map_or("", Tier::code),
    }
}

fn dim_label(key: &str, dim: CustomerDim, names: &HashMap<&str, &str>, lang: Lang) -> String {
    if key.is_empty() {
        return not_given(lang).to_string();
    }
    let coded = match dim {
        CustomerDim::Nature => Nature::from_code(key).map(|v| v.label(lang)),
        CustomerDim::Category => Category::from_code(key).map(|v| v.label(lang)),
        CustomerDim::SalesGrade => SalesGrade::from_code(key).map(|v| v.label(lang)),
        CustomerDim::Stage => Stage::from_code(key).map(|v| v.label(lang)),
        CustomerDim::Tier => Tier::from_code(key).map(|v| v.label(lang)),
        CustomerDim::Rep => names.get(key).copied().filter(|n| !n.is_empty()),
        CustomerDim::Region => None,
    };
    coded.unwrap_or(key).to_string()
}

/// Count first, then label, then key.
fn by_count(a: &Share, b: &Share) -> std::cmp::Ordering {
    b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)).then_with(|| a.key.cmp(&b.key))
}

/// Amount first, then label, then key.
fn by_fen(a: &Share, b: &Share) -> std::cmp::Ordering {
    b.fen.cmp(&a.fen).then_with(|| a.label.cmp(&b.label)).then_with(|| a.key.cmp(&b.key))
}

/// 客户构成: the live customers by `dim`, each value with how many customers hold it (`count`;
/// `fen` is 0) and its share of the live customers (`bp`, over the counts). A missing value is
/// the row with key "" and label 未填 / Not given; a rep is labelled by name (an unknown id by
/// itself). Most customers first, then by label.
pub fn customers_by(all: &[Summary], dim: CustomerDim, reps: &[Rep], lang: Lang) -> Vec<Share> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in live(all) {
        *counts.entry(dim_key(s, dim)).or_default() += 1;
    }
    let names = if dim == CustomerDim::Rep { rep_names(reps) } else { HashMap::new() };
    let mut rows: Vec<Share> = counts
        .into_iter()
        .map(|(key, count)| Share { key: key.to_string(), label: dim_label(key, dim, &names, lang), count, fen: 0, bp: 0 })
        .collect();
    rows.sort_by(by_count);
    bp_by_count(&mut rows);
    rows
}

/// 销售构成: the period's sales by `dim`. `fen` is the net sales in the period ([`net_sales`]);
/// for [`SalesDim::Product`] the gross deliveries of the product's lines dated in it. `count` is
/// the customers contributing (net sales above zero; for a product: with deliveries of it). Rows
/// whose amount is zero or below are left out (so a customer whose returns exceed its deliveries
/// adds nothing to the total); `bp` is each row's share of the rows' total. Biggest first.
pub fn sales_by(all: &[Summary], dim: SalesDim, period: &Period, reps: &[Rep], lang: Lang) -> Vec<Share> {
    if dim == SalesDim::Customer {
        // One row per customer: no map.
        let mut rows: Vec<Share> = live(all)
            .filter_map(|s| {
                let fen = net_sales(&s.sales, period);
                (fen > 0).then(|| Share { key: s.id.clone(), label: s.name.clone(), count: 1, fen, bp: 0 })
            })
            .collect();
        rows.sort_by(by_fen);
        bp_by_fen(&mut rows);
        return rows;
    }
    // key → (fen, customers, label)
    let mut sums: HashMap<&str, (i128, usize, &str)> = HashMap::new();
    let (first, last) = (period.first_index(), period.last_index());
    for s in live(all) {
        match dim {
            SalesDim::Product => {
                for p in &s.facts.products {
                    let mut fen: i128 = 0;
                    let mut any = false;
                    for &(m, qty, f) in &p.months {
                        if (first..=last).contains(&m) {
                            fen += i128::from(f);
                            any |= qty != 0 || f != 0;
                        }
                    }
                    if any {
                        let slot = sums.entry(p.product.as_str()).or_insert((0, 0, p.product.as_str()));
                        slot.0 += fen;
                        slot.1 += 1;
                    }
                }
            }
            _ => {
                let net = net_sales(&s.sales, period);
                if net == 0 {
                    continue;
                }
                let (key, label) = match dim {
                    SalesDim::Customer => (s.id.as_str(), s.name.as_str()),
                    SalesDim::Region => (s.region.trim(), s.region.trim()),
                    _ => (s.owner.as_str(), s.owner.as_str()),
                };
                let slot = sums.entry(key).or_insert((0, 0, label));
                slot.0 += i128::from(net);
                slot.1 += usize::from(net > 0);
            }
        }
    }
    let names = if dim == SalesDim::Rep { rep_names(reps) } else { HashMap::new() };
    let mut rows: Vec<Share> = sums
        .into_iter()
        .filter(|(_, (fen, _, _))| *fen > 0)
        .map(|(key, (fen, count, label))| {
            let label = if key.is_empty() {
                not_given(lang)
            } else if dim == SalesDim::Rep {
                names.get(key).copied().filter(|n| !n.is_empty()).unwrap_or(key)
            } else {
                label
            };
            Share { key: key.to_string(), label: label.to_string(), count, fen: to_fen(fen), bp: 0 }
        })
        .collect();
    rows.sort_by(by_fen);
    bp_by_fen(&mut rows);
    rows
}

/// Σ of the rows' amounts (fen, saturating).
pub fn total_fen(rows: &[Share]) -> i64 {
    to_fen(rows.iter().map(|r| i128::from(r.fen)).sum())
}
