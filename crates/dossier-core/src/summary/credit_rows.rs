//! 信用总览: one row per live customer with anything of credit (a limit, an exposure, a class,
//! held orders or urgent reports), from the summaries alone, so the whole archive's overview
//! needs no card or file read. The numbers are the order check's (`credit::check`): exposure with
//! no new order, utilisation in basis points, the same warning level and overdue days; flags
//! compare exactly, the basis points are only shown.

use super::Summary;
use crate::credit::check::{exposure, utilisation_bp, CheckInput};
use crate::credit::{CreditClass, CreditSettings};
use chrono::NaiveDate;
use std::cmp::Ordering;

/// What a row flags, in the order the page shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CreditFlag {
    /// Exposure above the limit (超限).
    OverLimit,
    /// Above the warning level, within the limit (预警).
    Warning,
    /// A receivable more than the settings' days overdue (逾期超 N 天).
    Overdue,
    /// Exposure without an approved limit (无限度).
    NoLimit,
    /// The class's written report is due or overdue (报告到期).
    ReportDue,
    /// Urgent reports wait for the superior's instruction (紧急报告待指示).
    Urgent,
    /// Orders held by credit (冻结订单).
    Held,
}

impl CreditFlag {
    pub const ALL: [CreditFlag; 7] =
        [CreditFlag::OverLimit, CreditFlag::Warning, CreditFlag::Overdue, CreditFlag::NoLimit, CreditFlag::ReportDue, CreditFlag::Urgent, CreditFlag::Held];

    /// The code the page and its tests use (`data-flags`).
    pub fn code(self) -> &'static str {
        match self {
            CreditFlag::OverLimit => "over_limit",
            CreditFlag::Warning => "warning",
            CreditFlag::Overdue => "overdue",
            CreditFlag::NoLimit => "no_limit",
            CreditFlag::ReportDue => "report_due",
            CreditFlag::Urgent => "urgent",
            CreditFlag::Held => "held",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of flags in one byte (100,000 rows: no allocation per row).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CreditFlags(u8);

impl CreditFlags {
    pub fn has(self, f: CreditFlag) -> bool {
        self.0 & f.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    fn set(&mut self, f: CreditFlag, on: bool) {
        if on {
            self.0 |= f.bit();
        }
    }

    /// The flags set, in [`CreditFlag::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = CreditFlag> {
        CreditFlag::ALL.into_iter().filter(move |f| self.has(*f))
    }

    /// "over_limit overdue" (space-separated codes).
    pub fn codes(self) -> String {
        self.iter().map(CreditFlag::code).collect::<Vec<_>>().join(" ")
    }
}

/// One customer of the overview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditRow {
    /// Index of the customer in the summaries given.
    pub pos: u32,
    pub id: String,
    pub name: String,
    pub reg_no: String,
    /// The owner's rep id (the page's "my customers" filter).
    pub owner: String,
    /// The approved limit in force (fen).
    pub limit: Option<i64>,
    /// Receivables + unsettled notes + open orders (if the settings count them), fen.
    pub exposure: i64,
    /// Exposure ÷ limit, basis points; `None` without a limit above zero.
    pub utilisation_bp: Option<i64>,
    pub class: Option<CreditClass>,
    /// When the class's next written report is due (`None` without a class).
    pub next_report: Option<NaiveDate>,
    /// `next_report` ≤ today.
    pub report_due: bool,
    /// The most days any open receivable is overdue (0: none overdue).
    pub overdue_days: i64,
    /// Urgent reports waiting for an instruction.
    pub urgent: u32,
    /// Orders held by credit.
    pub held: u32,
    pub flags: CreditFlags,
}

/// Totals of a set of rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CreditTotals {
    pub customers: usize,
    pub limit: i64,
    pub exposure: i64,
}

/// The overview's row of one summary as of `today`; `None` for a deleted customer or one with
/// nothing of credit.
pub fn credit_row(pos: u32, s: &Summary, settings: &CreditSettings, today: NaiveDate) -> Option<CreditRow> {
    if s.deleted {
        return None;
    }
    let cf = &s.credit;
    let input = CheckInput {
        limit: cf.limit,
        receivables: &s.open.open,
        unsettled_notes: s.open.unsettled_notes,
        open_orders: cf.open_orders,
        order: 0,
        credit_sale: true,
    };
    let exp = exposure(&input, settings).total;
    let urgent = u32::try_from(cf.urgent.len()).unwrap_or(u32::MAX);
    if cf.limit.is_none() && exp == 0 && cf.class.is_none() && cf.blocked == 0 && urgent == 0 {
        return None;
    }
    let limit = cf.limit.map(|l| l.max(0));
    let overdue_days = s
        .open
        .open
        .iter()
        .filter(|(_, fen)| *fen > 0)
        .map(|(due, _)| today.signed_duration_since(*due).num_days())
        .max()
        .unwrap_or(0)
        .max(0);
    let next_report = cf.next_report(today);
    let report_due = next_report.is_some_and(|d| d <= today);
    // The check's warning level: `warning_bp` of the limit, rounded down, compared exactly.
    let level = limit.map(|l| i64::try_from(i128::from(l) * settings.warning() / 10_000).unwrap_or(i64::MAX));
    let mut flags = CreditFlags::default();
    flags.set(CreditFlag::OverLimit, limit.is_some_and(|l| exp > l));
    flags.set(CreditFlag::Warning, matches!((limit, level), (Some(l), Some(w)) if exp > w && exp <= l));
    flags.set(CreditFlag::Overdue, overdue_days > i64::from(settings.overdue_days));
    flags.set(CreditFlag::NoLimit, limit.is_none() && exp > 0);
    flags.set(CreditFlag::ReportDue, report_due);
    flags.set(CreditFlag::Urgent, urgent > 0);
    flags.set(CreditFlag::Held, cf.blocked > 0);
    Some(CreditRow {
        pos,
        id: s.id.clone(),
        name: s.name.clone(),
        reg_no: s.reg_no.clone(),
        owner: s.owner.clone(),
        limit,
        exposure: exp,
        utilisation_bp: limit.and_then(|l| utilisation_bp(exp, l)),
        class: cf.class,
        next_report,
        report_due,
        overdue_days,
        urgent,
        held: cf.blocked,
        flags,
    })
}

/// Every live customer with anything of credit, as of `today`, sorted by utilisation.
pub fn credit_rows(summaries: &[Summary], settings: &CreditSettings, today: NaiveDate) -> Vec<CreditRow> {
    let mut rows: Vec<CreditRow> = summaries
        .iter()
        .enumerate()
        .filter_map(|(i, s)| credit_row(u32::try_from(i).unwrap_or(u32::MAX), s, settings, today))
        .collect();
    sort_by_utilisation(&mut rows);
    rows
}

/// Customers, Σ limits, Σ exposure (saturating).
pub fn totals<'a>(rows: impl IntoIterator<Item = &'a CreditRow>) -> CreditTotals {
    rows.into_iter().fold(CreditTotals::default(), |t, r| CreditTotals {
        customers: t.customers + 1,
        limit: t.limit.saturating_add(r.limit.unwrap_or(0)),
        exposure: t.exposure.saturating_add(r.exposure),
    })
}

/// Ties: the larger exposure first, then by 登记编号 and id, so the order never depends on the
/// summaries' order.
fn tie(a: &CreditRow, b: &CreditRow) -> Ordering {
    b.exposure.cmp(&a.exposure).then_with(|| a.reg_no.cmp(&b.reg_no)).then_with(|| a.id.cmp(&b.id))
}

/// Highest utilisation first; customers without a limit last.
pub fn sort_by_utilisation(rows: &mut [CreditRow]) {
    rows.sort_by(|a, b| match (a.utilisation_bp, b.utilisation_bp) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| tie(a, b)));
}

/// Most days overdue first.
pub fn sort_by_overdue(rows: &mut [CreditRow]) {
    rows.sort_by(|a, b| b.overdue_days.cmp(&a.overdue_days).then_with(|| tie(a, b)));
}

/// Earliest report due first; customers without a class last.
pub fn sort_by_report(rows: &mut [CreditRow]) {
    rows.sort_by(|a, b| match (a.next_report, b.next_report) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| tie(a, b)));
}
