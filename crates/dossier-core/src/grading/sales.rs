//! 销售等级 (DOMAIN §4.3, seed 004 划分客户等级): each customer's sales per month over the last N
//! whole months, averaged, sorted, and cut by cumulative share (Pareto) or by 等级标准额.
//!
//! # Definitions (also in `docs/grading.md`)
//! - **Sales** of a month: the amounts of live deliveries (出货, the invoice) dated in that month,
//!   less the approved 退赔折价 (returns, compensation, discounts) against them. A return counts
//!   in the month of the delivery it names (by delivery date); one that names no delivery, or a
//!   delivery not in this file, counts in its own month; one against a deleted delivery counts
//!   nowhere (the sale it undid does not count either). Only returns dated up to the window's last
//!   day count, so a grade does not move between the first and the last day of a month.
//! - **Window**: the N whole calendar months before the month of `today` (N = 3 by default,
//!   3–6 allowed); the current month, being incomplete, never counts.
//! - **Average**: the window's sum / N, rounded half away from zero to the fen. Grading itself
//!   compares the exact sums (all customers share N), so rounding never moves a grade.
//! - **Order**: sum descending, then customer id ascending (only for the order shown: equal sums
//!   always get the same grade and the same rank).
//! - **Share cut** (Pareto; default A ≤ 80 %, B ≤ 95 %, C the rest): customers with equal sums
//!   form one block; a block takes the grade in which its first fen falls, i.e. the first grade
//!   whose cut is above the cumulative share of everything sorted before it. So a customer whose
//!   cumulative share ends exactly on a cut is in the better grade, the next one in the worse;
//!   one customer straddling a cut is in the better grade (a single customer with 90 % is A).
//! - **Threshold cut** (等级标准额): the first grade whose threshold the average reaches (≥, exact:
//!   sum ≥ threshold × N); below the last threshold: the last grade.
//! - **No sales**: a customer whose sum is zero or negative (returns exceeding deliveries) is in
//!   the last grade, in both modes, flagged [`GradedCustomer::no_sales`]; it adds nothing to the
//!   total the shares are taken of. With no sales at all, everybody is in the last grade.

use super::settings::{check_window, SettingsError};
use crate::ledger::{clamp_fen, Entry, EntryBody, YearMonth};
use crate::primitives::lang::Lang;
use crate::primitives::money::format_yuan_grouped;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub use crate::primitives::grades::SalesGrade;
use std::cmp::Ordering;

/// The shortest and the longest sales window (DOMAIN §4.3).
pub const MIN_WINDOW: u8 = 3;
pub const MAX_WINDOW: u8 = 6;
/// Grades A–F: at most five cuts.
pub const MAX_GRADES: usize = 6;
/// Basis points in a whole.
pub const WHOLE_BP: u32 = 10_000;

/// How the sorted customers are cut into grades. Each list holds one entry per grade but the
/// last, so `n` entries make `n + 1` grades.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Cut {
    /// Cumulative share (Pareto): the upper cut of each grade in basis points, rising
    /// (default `[8000, 9500]`: A up to 80 %, B up to 95 %, C the rest).
    Share { cuts_bp: Vec<u16> },
    /// 等级标准额: the lowest monthly average (fen) of each grade, falling.
    Threshold { fen: Vec<i64> },
}

impl Default for Cut {
    fn default() -> Self {
        Cut::Share { cuts_bp: vec![8000, 9500] }
    }
}

impl Cut {
    /// Number of grades it makes.
    pub fn grades(&self) -> usize {
        match self {
            Cut::Share { cuts_bp } => cuts_bp.len() + 1,
            Cut::Threshold { fen } => fen.len() + 1,
        }
    }

    /// Refuses empty lists, more than five cuts, shares outside (0 %, 100 %) or not rising, and
    /// thresholds that are not positive or not falling.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let n = self.grades() - 1;
        if n == 0 {
            return Err(SettingsError::NoCuts);
        }
        if n >= MAX_GRADES {
            return Err(SettingsError::TooManyCuts(n));
        }
        match self {
            Cut::Share { cuts_bp } => {
                if let Some(bad) = cuts_bp.iter().find(|c| **c == 0 || u32::from(**c) >= WHOLE_BP) {
                    return Err(SettingsError::CutRange(*bad));
                }
                if let Some(w) = cuts_bp.windows(2).find(|w| w[0] >= w[1]) {
                    return Err(SettingsError::CutOrder { lower: w[0], upper: w[1] });
                }
            }
            Cut::Threshold { fen } => {
                if let Some(bad) = fen.iter().find(|t| **t <= 0) {
                    return Err(SettingsError::ThresholdNotPositive(*bad));
                }
                if let Some(w) = fen.windows(2).find(|w| w[0] <= w[1]) {
                    return Err(SettingsError::ThresholdOrder { higher: w[0], lower: w[1] });
                }
            }
        }
        Ok(())
    }
}

/// The whole months whose sales count: `months` of them, the last being the month before
/// `today`'s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SalesWindow {
    pub first: YearMonth,
    pub last: YearMonth,
    pub months: u8,
}

impl SalesWindow {
    /// The `months` whole months before the month of `today` (3–6, else refused).
    pub fn ending_before(today: NaiveDate, months: u8) -> Result<SalesWindow, SettingsError> {
        check_window(months)?;
        let last = YearMonth::of(today).prev();
        let mut first = last;
        for _ in 1..months {
            first = first.prev();
        }
        Ok(SalesWindow { first, last, months })
    }

    /// 0-based month of `d` in the window, if it is in it.
    pub fn index_of(&self, d: NaiveDate) -> Option<usize> {
        let i = usize::try_from(self.first.months_until(YearMonth::of(d))).ok()?;
        (i < usize::from(self.months)).then_some(i)
    }

    /// The first day of the window (`None` only outside chrono's calendar).
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.first.first_day()
    }

    /// The last day of the window (`None` only outside chrono's calendar).
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.last.last_day()
    }

    /// What the screen shows: "2025-06 至 2025-08（近3个月）".
    pub fn label(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{} 至 {}（近{}个月）", self.first, self.last, self.months),
            Lang::En => format!("{} to {} (last {} months)", self.first, self.last, self.months),
        }
    }

    fn divisor(&self) -> i128 {
        i128::from(self.months.max(1))
    }
}

/// What counts as sales in a file, each item with its day: live deliveries (day, amount), and
/// approved live returns (the day they count on — their delivery's —, their own date, amount);
/// a return against a deleted delivery counts nowhere. The one reading of the module docs'
/// definition, for the ledger ([`monthly_net_sales`]) and the summaries ([`MonthlySales`]).
/// (day, fen) of a delivery; (day it counts on, its own date, fen) of a return.
type SalesItems = (Vec<(NaiveDate, i64)>, Vec<(NaiveDate, NaiveDate, i64)>);

fn sales_items(entries: &[Entry]) -> SalesItems {
    // Every delivery by id (deleted ones too: a return against one counts nowhere).
    let mut deliveries: Vec<(&str, NaiveDate, bool)> = Vec::new();
    let mut delivered = Vec::new();
    let mut has_returns = false;
    for e in entries {
        match &e.body {
            EntryBody::Delivery(d) => {
                deliveries.push((e.id.as_str(), d.date, e.deleted));
                if !e.deleted {
                    delivered.push((d.date, d.booked()));
                }
            }
            EntryBody::Return(_) => has_returns = true,
            _ => {}
        }
    }
    let mut returned = Vec::new();
    if !has_returns {
        return (delivered, returned);
    }
    // A live copy wins over a deleted one with the same id.
    deliveries.sort_by(|a, b| a.0.cmp(b.0).then(a.2.cmp(&b.2)));
    for e in entries {
        let EntryBody::Return(r) = &e.body else { continue };
        if e.deleted || !r.approved {
            continue;
        }
        let at = match r.dlv.as_deref().filter(|d| !d.is_empty()) {
            None => Some(r.date),
            Some(id) => match deliveries.binary_search_by(|d| d.0.cmp(id).then(d.2.cmp(&false))) {
                Ok(i) => Some(deliveries[i].1),
                // Only a deleted delivery of that id: the return counts nowhere.
                Err(i) if deliveries.get(i).is_some_and(|d| d.0 == id) => None,
                Err(_) => Some(r.date),
            },
        };
        if let Some(at) = at {
            returned.push((at, r.date, clamp_fen(r.fen)));
        }
    }
    (delivered, returned)
}

/// Net sales of one customer in each month of the window, oldest first (see the module docs for
/// what counts). May be negative in a month of returns.
pub fn monthly_net_sales(entries: &[Entry], window: &SalesWindow) -> Vec<i64> {
    let mut out = vec![0i64; usize::from(window.months)];
    let (delivered, returned) = sales_items(entries);
    for (day, fen) in delivered {
        if let Some(slot) = window.index_of(day).and_then(|i| out.get_mut(i)) {
            *slot = slot.saturating_add(fen);
        }
    }
    let last_day = window.last_day();
    for (at, dated, fen) in returned {
        if last_day.is_some_and(|end| dated > end) {
            continue;
        }
        if let Some(slot) = window.index_of(at).and_then(|i| out.get_mut(i)) {
            *slot = slot.saturating_sub(fen);
        }
    }
    out
}

/// A customer's sales by month, kept in its summary so that regrading a whole archive reads no
/// ledger: live deliveries per month, and approved returns by the month they count in (their
/// delivery's, see the module docs) and the month of their own date (a window counts only
/// returns dated up to its last day). [`MonthlySales::in_window`] gives what
/// [`monthly_net_sales`] gives from the ledger (property-tested).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlySales {
    /// (month, fen): month = year × 12 + month − 1; ascending, no zero amounts.
    #[serde(rename = "d", default, skip_serializing_if = "Vec::is_empty")]
    pub delivered: Vec<(i64, i64)>,
    /// (month counted in, month of the return's date, fen), ascending.
    #[serde(rename = "r", default, skip_serializing_if = "Vec::is_empty")]
    pub returned: Vec<(i64, i64, i64)>,
}

impl MonthlySales {
    /// From a customer's ledger.
    pub fn of(entries: &[Entry]) -> MonthlySales {
        use std::collections::BTreeMap;
        let (items, back) = sales_items(entries);
        let mut delivered: BTreeMap<i64, i64> = BTreeMap::new();
        for (day, fen) in items {
            let m = delivered.entry(YearMonth::of(day).index()).or_default();
            *m = m.saturating_add(fen);
        }
        let mut returned: BTreeMap<(i64, i64), i64> = BTreeMap::new();
        for (at, dated, fen) in back {
            let m = returned.entry((YearMonth::of(at).index(), YearMonth::of(dated).index())).or_default();
            *m = m.saturating_add(fen);
        }
        MonthlySales {
            delivered: delivered.into_iter().filter(|(_, f)| *f != 0).collect(),
            returned: returned.into_iter().filter(|(_, f)| *f != 0).map(|((m, d), f)| (m, d, f)).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.delivered.is_empty() && self.returned.is_empty()
    }

    /// Net sales in each month of the window, oldest first.
    pub fn in_window(&self, window: &SalesWindow) -> Vec<i64> {
        let mut out = vec![0i64; usize::from(window.months)];
        let (first, last) = (window.first.index(), window.last.index());
        let n = out.len();
        let slot = |m: i64| usize::try_from(m - first).ok().filter(|i| *i < n);
        for &(m, fen) in &self.delivered {
            if let Some(i) = slot(m) {
                out[i] = out[i].saturating_add(fen);
            }
        }
        for &(m, dated, fen) in &self.returned {
            if dated > last {
                continue;
            }
            if let Some(i) = slot(m) {
                out[i] = out[i].saturating_sub(fen);
            }
        }
        out
    }
}

/// One customer's net sales in the window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomerSales {
    pub customer_id: String,
    /// Net sales per month, oldest first.
    pub months: Vec<i64>,
}

impl CustomerSales {
    /// From the ledger: see [`monthly_net_sales`].
    pub fn from_entries(customer_id: &str, entries: &[Entry], window: &SalesWindow) -> CustomerSales {
        CustomerSales { customer_id: customer_id.to_string(), months: monthly_net_sales(entries, window) }
    }

    /// Σ of the months (saturating).
    pub fn total(&self) -> i64 {
        self.months.iter().fold(0i64, |a, m| a.saturating_add(*m))
    }

    /// The monthly average over `months` months, rounded half away from zero to the fen.
    pub fn average(&self, months: u8) -> i64 {
        average(self.total(), i128::from(months.max(1)))
    }
}

/// Sales of many customers, each given with its (possibly empty) file.
pub fn customers_sales<'a>(
    customers: impl IntoIterator<Item = (&'a str, &'a [Entry])>,
    window: &SalesWindow,
) -> Vec<CustomerSales> {
    customers.into_iter().map(|(id, entries)| CustomerSales::from_entries(id, entries, window)).collect()
}

fn average(total: i64, n: i128) -> i64 {
    let a = i128::from(total);
    let r = if a >= 0 { (a + n / 2) / n } else { -((-a + n / 2) / n) };
    r as i64
}

/// One customer's place in the grading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GradedCustomer {
    pub customer_id: String,
    pub grade: SalesGrade,
    /// Net sales over the window (fen).
    pub total: i64,
    /// Monthly average (fen), rounded half away from zero.
    pub average: i64,
    /// 1-based; equal sums share a rank (1, 2, 2, 4…).
    pub rank: u32,
    /// Own share of the total of positive sums, basis points, rounded down.
    pub share_bp: u32,
    /// Cumulative share through this customer in the order shown, basis points, rounded down.
    pub cumulative_bp: u32,
    /// Zero or negative sales in the window: last grade.
    pub no_sales: bool,
}

/// The result of one grading: every customer given, sorted by sales.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalesGrading {
    pub window: SalesWindow,
    pub cut: Cut,
    /// Sum descending, then customer id.
    pub rows: Vec<GradedCustomer>,
    /// Σ of the positive sums (fen, saturating): what the shares are shares of.
    pub total: i64,
}

impl SalesGrading {
    /// The row of one customer (linear; build a map for many look-ups).
    pub fn get(&self, customer_id: &str) -> Option<&GradedCustomer> {
        self.rows.iter().find(|r| r.customer_id == customer_id)
    }

    /// How many customers in each grade the cut makes, A first (zeros included).
    pub fn counts(&self) -> Vec<(SalesGrade, usize)> {
        let mut out: Vec<(SalesGrade, usize)> = (0..self.cut.grades()).map(|i| (SalesGrade::nth(i), 0)).collect();
        for r in &self.rows {
            if let Some(slot) = out.get_mut(r.grade.index()) {
                slot.1 += 1;
            }
        }
        out
    }

    /// How a grade was derived, for the card: "近3个月月均 ¥4,000.00 · 第7名/20 · 累计 86 %".
    pub fn explain(&self, row: &GradedCustomer, lang: Lang) -> String {
        let n = self.rows.len();
        let avg = format_yuan_grouped(row.average);
        let cum = format_bp(row.cumulative_bp);
        match lang {
            Lang::Zh => format!("近{}个月月均 ¥{avg} · 第{}名/{n} · 累计 {cum}", self.window.months, row.rank),
            Lang::En => format!("{}-month average ¥{avg} · #{} of {n} · cumulative {cum}", self.window.months, row.rank),
        }
    }
}

/// One bar of a Pareto chart: customers `first..=last` (0-based, in the grading's order) taken
/// together when there are more customers than bars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParetoBar {
    pub first: usize,
    pub last: usize,
    /// Σ of their monthly averages (fen; a bar of one customer: its average).
    pub average: i64,
    /// Cumulative share through the bar's last customer (basis points).
    pub cumulative_bp: u32,
    /// The grade of its first customer, and whether every customer in it has that grade.
    pub grade: SalesGrade,
    pub mixed: bool,
}

impl SalesGrading {
    /// The Pareto chart's bars: one per customer with sales, or at most `bars` groups of
    /// neighbours (a chart of 100,000 customers stays readable and small). Customers without
    /// sales are left out (they hold no share).
    pub fn pareto(&self, bars: usize) -> Vec<ParetoBar> {
        let with_sales: Vec<&GradedCustomer> = self.rows.iter().filter(|r| !r.no_sales).collect();
        let n = with_sales.len();
        if n == 0 || bars == 0 {
            return Vec::new();
        }
        let per = n.div_ceil(bars);
        with_sales
            .chunks(per)
            .enumerate()
            .map(|(i, chunk)| {
                let grade = chunk[0].grade;
                ParetoBar {
                    first: i * per,
                    last: i * per + chunk.len() - 1,
                    average: chunk.iter().fold(0i64, |a, r| a.saturating_add(r.average)),
                    cumulative_bp: chunk[chunk.len() - 1].cumulative_bp,
                    grade,
                    mixed: chunk.iter().any(|r| r.grade != grade),
                }
            })
            .collect()
    }

    /// Per grade: customers, and their share of the sales (basis points, rounded down).
    pub fn bands(&self) -> Vec<(SalesGrade, usize, u32)> {
        let mut sums: Vec<(SalesGrade, usize, i128)> = (0..self.cut.grades()).map(|i| (SalesGrade::nth(i), 0, 0)).collect();
        for r in &self.rows {
            if let Some(slot) = sums.get_mut(r.grade.index()) {
                slot.1 += 1;
                slot.2 += i128::from(r.total.max(0));
            }
        }
        let whole = i128::from(self.total.max(0));
        sums.into_iter()
            .map(|(g, n, sum)| (g, n, if whole > 0 { u32::try_from(sum * i128::from(WHOLE_BP) / whole).unwrap_or(WHOLE_BP) } else { 0 }))
            .collect()
    }
}

/// Basis points as a percentage for display: `8000` → "80 %", `8625` → "86.2 %" (truncated).
pub fn format_bp(bp: u32) -> String {
    let tenths = bp / 10;
    if tenths.is_multiple_of(10) {
        format!("{} %", tenths / 10)
    } else {
        format!("{}.{} %", tenths / 10, tenths % 10)
    }
}

/// Grades every customer given (each exactly once, whatever its sales) by the cut. Refuses an
/// invalid cut or window length; never panics.
pub fn grade_sales(sales: &[CustomerSales], window: SalesWindow, cut: &Cut) -> Result<SalesGrading, SettingsError> {
    check_window(window.months)?;
    cut.validate()?;
    let n = window.divisor();
    let last = cut.grades() - 1;
    let mut rows: Vec<GradedCustomer> = sales
        .iter()
        .map(|s| {
            let total = s.total();
            GradedCustomer {
                customer_id: s.customer_id.clone(),
                grade: SalesGrade::nth(last),
                total,
                average: average(total, n),
                rank: 0,
                share_bp: 0,
                cumulative_bp: 0,
                no_sales: total <= 0,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.customer_id.cmp(&b.customer_id)));
    let positive: i128 = rows.iter().map(|r| i128::from(r.total.max(0))).sum();
    let whole = i128::from(WHOLE_BP);
    let bp_of = |part: i128| if positive > 0 { u32::try_from(part * whole / positive).unwrap_or(WHOLE_BP) } else { 0 };
    let mut cum: i128 = 0;
    let mut i = 0;
    while i < rows.len() {
        let total = rows[i].total;
        let end = i + rows[i..].iter().take_while(|r| r.total == total).count();
        let grade = if total <= 0 {
            last
        } else {
            match cut {
                // The block's first fen: everything before it is `cum`.
                Cut::Share { cuts_bp } => cuts_bp
                    .iter()
                    .position(|c| cum * whole < i128::from(*c) * positive)
                    .unwrap_or(last),
                Cut::Threshold { fen } => {
                    fen.iter().position(|t| i128::from(total) >= i128::from(*t) * n).unwrap_or(last)
                }
            }
        };
        let rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for r in &mut rows[i..end] {
            let own = i128::from(r.total.max(0));
            cum += own;
            r.grade = SalesGrade::nth(grade);
            r.rank = rank;
            r.share_bp = bp_of(own);
            r.cumulative_bp = bp_of(cum);
        }
        i = end;
    }
    let total = i64::try_from(positive).unwrap_or(i64::MAX);
    Ok(SalesGrading { window, cut: cut.clone(), rows, total })
}

/// The whole regrade from the ledger: the window before `today`, each customer's net sales, the
/// cut. `customers` gives every customer to grade with its file (empty for none).
pub fn grade_customers<'a>(
    customers: impl IntoIterator<Item = (&'a str, &'a [Entry])>,
    today: NaiveDate,
    window_months: u8,
    cut: &Cut,
) -> Result<SalesGrading, SettingsError> {
    let window = SalesWindow::ending_before(today, window_months)?;
    cut.validate()?;
    let sales = customers_sales(customers, &window);
    grade_sales(&sales, window, cut)
}

/// Orders two rows as [`SalesGrading::rows`] are ordered.
pub fn row_order(a: &GradedCustomer, b: &GradedCustomer) -> Ordering {
    b.total.cmp(&a.total).then_with(|| a.customer_id.cmp(&b.customer_id))
}

/// The day of the month does not matter: the window is the same all month.
pub fn same_window(a: NaiveDate, b: NaiveDate) -> bool {
    (a.year(), a.month()) == (b.year(), b.month())
}
