//! 合同订单 and 出货 (seed 000 第二、四大类). A delivery is the receivable (the invoice): its
//! amount and due date are fixed when it is made.

use super::{clamp_fen, Entry, EntryBody};
use crate::primitives::ledger_codes::OrderStatus;
use chrono::NaiveDate;

record! {
    /// Product, quantity and unit price; the amount is always computed, never stored.
    pub struct OrderLine {
        #[serde(rename = "p")]
        pub product: String,
        /// Whole units.
        #[serde(rename = "q")]
        pub qty: i64,
        #[serde(rename = "u")]
        pub unit_fen: i64,
    }
}

record! {
    /// A contract or order (合同/订单). It owes nothing by itself: deliveries do.
    pub struct Order {
        /// Contract / order number; unique per archive is the app's job.
        pub no: String,
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub lines: Vec<OrderLine>,
        #[serde(rename = "st")]
        pub status: OrderStatus,
        /// 现款交易: paid before or on delivery, so it uses no credit (the check then looks only
        /// at overdue receivables).
        pub cash: bool,
        /// 要求交货日期.
        #[serde(rename = "rd")]
        pub requested: Option<NaiveDate>,
        pub rep: String,
        /// The rep by id, when the name given was one of the archive's reps (业务员); `rep` keeps
        /// the name as written, and is all an entry from before reps were linked has.
        #[serde(rename = "rid")]
        pub rep_id: String,
        pub note: String,
    }
}

record! {
    /// How much of one order line went out in a delivery.
    pub struct DeliveryLine {
        /// Index into the order's lines.
        #[serde(rename = "l")]
        pub line: u32,
        #[serde(rename = "q")]
        pub qty: i64,
        /// The order line's unit price when delivered: an issued invoice does not change when the
        /// order is edited later.
        #[serde(rename = "u")]
        pub unit_fen: i64,
    }
}

record! {
    /// Goods out against an order (出货): the receivable, due on `due`.
    pub struct Delivery {
        /// Id of the order entry.
        pub oid: String,
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub lines: Vec<DeliveryLine>,
        /// The invoice total, Σ qty × unit as validation computed it. Kept so that aging a
        /// million entries never has to read the lines (a cache miss per delivery).
        pub fen: i64,
        /// Delivery date + the customer's credit period, fixed at creation.
        pub due: NaiveDate,
        pub note: String,
    }
}

/// qty × unit, `None` on overflow.
pub fn line_amount(qty: i64, unit_fen: i64) -> Option<i64> {
    qty.checked_mul(unit_fen)
}

fn total(mut lines: impl Iterator<Item = (i64, i64)>) -> Option<i64> {
    lines.try_fold(0i64, |acc, (q, u)| acc.checked_add(line_amount(q, u)?))
}

impl Order {
    /// Σ qty × unit; `None` if it overflows (validation refuses such an order).
    pub fn amount(&self) -> Option<i64> {
        total(self.lines.iter().map(|l| (l.qty, l.unit_fen)))
    }
}

impl Delivery {
    /// Σ qty × unit price of the lines; `None` if it overflows. Validation stores it as `fen`.
    pub fn lines_amount(&self) -> Option<i64> {
        total(self.lines.iter().map(|l| (l.qty, l.unit_fen)))
    }

    /// The amount as the books use it: the stored total clamped to 0..=cap, so stored junk
    /// cannot overflow sums.
    pub(crate) fn booked(&self) -> i64 {
        clamp_fen(self.fen)
    }
}

/// How much of one order line has gone out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineProgress {
    pub ordered: i64,
    pub delivered: i64,
    /// Never negative.
    pub remaining: i64,
}

/// Per order line: ordered, delivered by live deliveries (except `skip`, the one being edited),
/// remaining. `None` if there is no live order with that id.
pub fn order_progress(entries: &[Entry], order_id: &str, skip: Option<&str>) -> Option<Vec<LineProgress>> {
    let order = entries.iter().find_map(|e| match &e.body {
        EntryBody::Order(o) if !e.deleted && e.id == order_id => Some(o),
        _ => None,
    })?;
    let mut out: Vec<LineProgress> =
        order.lines.iter().map(|l| LineProgress { ordered: l.qty, ..LineProgress::default() }).collect();
    for e in entries {
        let EntryBody::Delivery(d) = &e.body else { continue };
        if e.deleted || d.oid != order_id || skip == Some(e.id.as_str()) {
            continue;
        }
        for dl in &d.lines {
            if let Some(p) = out.get_mut(dl.line as usize) {
                p.delivered = p.delivered.saturating_add(dl.qty.max(0));
            }
        }
    }
    for p in &mut out {
        p.remaining = p.ordered.saturating_sub(p.delivered).max(0);
    }
    Some(out)
}

/// Value of what open orders still have to deliver (for the credit check's exposure). Draft,
/// blocked, cancelled and closed orders do not count: none of them will ship as they stand.
pub fn open_order_value(entries: &[Entry]) -> i64 {
    open_order_value_except(entries, None)
}

/// [`open_order_value`] leaving out order `skip` (the one being checked: its value is the new
/// order, not an open one).
pub fn open_order_value_except(entries: &[Entry], skip: Option<&str>) -> i64 {
    let mut sum = 0i64;
    for e in entries {
        let EntryBody::Order(o) = &e.body else { continue };
        if e.deleted || o.status != OrderStatus::Open || skip == Some(e.id.as_str()) {
            continue;
        }
        let Some(progress) = order_progress(entries, &e.id, None) else { continue };
        for (line, p) in o.lines.iter().zip(progress) {
            let v = line_amount(p.remaining, line.unit_fen).map_or(super::MAX_ENTRY_FEN, clamp_fen);
            sum = sum.saturating_add(v);
        }
    }
    sum
}
