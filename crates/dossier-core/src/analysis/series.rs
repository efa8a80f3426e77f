//! 交易业绩 month by month (seed 004 三(一) 2) and whether sales and collections balance (seed
//! 001: 检阅销售、收款是否平衡), for the whole archive, one rep's customers or one customer.

use super::composition::{live, net_sales, rep_names};
use super::period::Period;
use super::share::{div_round, to_fen, WHOLE_BP};
use crate::customer::owner::Rep;
use crate::ledger::YearMonth;
use crate::summary::Summary;
use std::collections::HashMap;

/// One month: net sales (as [`super::net_sales`] counts them) and collections (live 回款 dated in
/// it), fen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthRow {
    pub month: YearMonth,
    pub sales: i64,
    pub collected: i64,
}

/// Whose figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope<'a> {
    All,
    /// The customers a rep owns, by the rep's id.
    Rep(&'a str),
    /// One customer, by id.
    Customer(&'a str),
}

impl Scope<'_> {
    fn takes(&self, s: &Summary) -> bool {
        match self {
            Scope::All => true,
            Scope::Rep(id) => s.owner == *id,
            Scope::Customer(id) => s.id == *id,
        }
    }
}

/// One row per month of the period, oldest first, summed over the live customers in `scope`.
/// A return counts in its delivery's month when dated up to the period's last day (as
/// [`super::net_sales`]), so the rows add up to the period's net sales.
pub fn series(all: &[Summary], period: &Period, scope: Scope) -> Vec<MonthRow> {
    let n = period.len();
    let mut sums: Vec<(i128, i128)> = vec![(0, 0); n];
    let last = period.last_index();
    for s in live(all).filter(|s| scope.takes(s)) {
        for &(m, fen) in &s.sales.delivered {
            if let Some(i) = period.slot(m) {
                sums[i].0 += i128::from(fen);
            }
        }
        for &(m, dated, fen) in &s.sales.returned {
            if dated > last {
                continue;
            }
            if let Some(i) = period.slot(m) {
                sums[i].0 -= i128::from(fen);
            }
        }
        for &(m, fen) in &s.facts.collected {
            if let Some(i) = period.slot(m) {
                sums[i].1 += i128::from(fen);
            }
        }
        if matches!(scope, Scope::Customer(_)) {
            break;
        }
    }
    period
        .months()
        .into_iter()
        .zip(sums)
        .map(|(month, (sales, collected))| MonthRow { month, sales: to_fen(sales), collected: to_fen(collected) })
        .collect()
}

/// How far collections may be from sales and still balance: ±10 % (our choice, docs/analysis.md).
pub const BALANCE_TOLERANCE_BP: u32 = 1_000;

/// Sales against collections over some months.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Balance {
    pub sales: i64,
    pub collected: i64,
    /// sales − collected: what the receivables grew by (below zero: older debts collected).
    pub difference: i64,
    /// collected ÷ sales in basis points, rounded half away from zero; `None` when there are no
    /// sales (zero or below).
    pub rate_bp: Option<u32>,
    /// Collections within ±10 % of sales (rate 90 %–110 %, both ends included); with no sales,
    /// balanced only when nothing was collected either and sales are exactly zero.
    pub balanced: bool,
}

impl Balance {
    /// From the two sums.
    pub fn of(sales: i64, collected: i64) -> Balance {
        let rate_bp = (sales > 0).then(|| {
            let r = div_round(i128::from(collected.max(0)) * i128::from(WHOLE_BP), i128::from(sales)).unwrap_or(0);
            u32::try_from(r).unwrap_or(u32::MAX)
        });
        let balanced = match rate_bp {
            Some(r) => (WHOLE_BP - BALANCE_TOLERANCE_BP..=WHOLE_BP + BALANCE_TOLERANCE_BP).contains(&r),
            None => sales == 0 && collected == 0,
        };
        Balance { sales, collected, difference: to_fen(i128::from(sales) - i128::from(collected)), rate_bp, balanced }
    }
}

/// The balance of some months (e.g. [`series`]' rows).
pub fn balance(rows: &[MonthRow]) -> Balance {
    let sales: i128 = rows.iter().map(|r| i128::from(r.sales)).sum();
    let collected: i128 = rows.iter().map(|r| i128::from(r.collected)).sum();
    Balance::of(to_fen(sales), to_fen(collected))
}

/// One rep's balance over the period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RepBalance {
    pub rep_id: String,
    /// The rep's name; an id not among the reps: the id; customers with no owner: "".
    pub name: String,
    pub balance: Balance,
}

/// Seed 001, 检阅销售、收款是否平衡 per rep: the period's sales and collections of each rep's
/// customers (by their owner now). Every rep who has not left is listed, with zeros if need be;
/// a rep who left, an unknown owner id and customers with no owner ("") are listed when they have
/// sales or collections in the period. Biggest sales first, then by name, then id.
pub fn balance_by_rep(all: &[Summary], period: &Period, reps: &[Rep]) -> Vec<RepBalance> {
    let mut sums: HashMap<&str, (i128, i128)> = HashMap::new();
    for r in reps.iter().filter(|r| !r.deleted) {
        sums.entry(r.id.as_str()).or_default();
    }
    for s in live(all) {
        let sales = net_sales(&s.sales, period);
        let collected: i128 = s
            .facts
            .collected
            .iter()
            .filter(|(m, _)| period.contains_index(*m))
            .map(|(_, f)| i128::from(*f))
            .sum();
        if sales == 0 && collected == 0 {
            continue;
        }
        let slot = sums.entry(s.owner.as_str()).or_default();
        slot.0 += i128::from(sales);
        slot.1 += collected;
    }
    let names = rep_names(reps);
    let mut rows: Vec<RepBalance> = sums
        .into_iter()
        .map(|(id, (sales, collected))| RepBalance {
            rep_id: id.to_string(),
            name: names.get(id).copied().unwrap_or(id).to_string(),
            balance: Balance::of(to_fen(sales), to_fen(collected)),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.balance.sales.cmp(&a.balance.sales).then_with(|| a.name.cmp(&b.name)).then_with(|| a.rep_id.cmp(&b.rep_id))
    });
    rows
}
