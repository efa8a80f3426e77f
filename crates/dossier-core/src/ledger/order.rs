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
        /// 单位 (箱, 吨, 件…) as typed; empty on orders from before the line-item grid.
        #[serde(rename = "un")]
        pub unit: String,
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

coded! {
    /// An order as the card shows it: its stored status, except that an open order tells how far
    /// it has gone out (derived from its deliveries, never stored: 部分出货 while some but not
    /// all of it went out).
    pub enum OrderState {
        Draft = "draft", "草稿", "Draft";
        Open = "open", "待出货", "Open";
        Partly = "partly", "部分出货", "Partly delivered";
        Delivered = "delivered", "已出货", "Delivered";
        Closed = "closed", "已完结", "Closed";
        Cancelled = "cancelled", "已取消", "Cancelled";
        Blocked = "blocked", "信用冻结", "Credit hold";
    }
}

impl OrderState {
    /// The state of an order with `progress` ([`order_progress`]).
    pub fn of(status: OrderStatus, progress: &[LineProgress]) -> OrderState {
        let delivered = progress.iter().any(|p| p.delivered > 0);
        let left = progress.iter().any(|p| p.remaining > 0);
        match status {
            OrderStatus::Draft => OrderState::Draft,
            OrderStatus::Closed => OrderState::Closed,
            OrderStatus::Cancelled => OrderState::Cancelled,
            OrderStatus::Blocked => OrderState::Blocked,
            // Marked 已出货 by hand with something still to go: the rep's word stands.
            OrderStatus::Delivered => OrderState::Delivered,
            OrderStatus::Open => match (delivered, left) {
                (false, _) => OrderState::Open,
                (true, true) => OrderState::Partly,
                (true, false) => OrderState::Delivered,
            },
        }
    }
}

/// One delivery against an order, with what has been paid of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryDone<'a> {
    pub id: &'a str,
    pub delivery: &'a Delivery,
    /// Paid of this delivery so far (payments, notes, returns, as the ledger applies them).
    pub settled: i64,
    pub open: i64,
}

/// A credit that paid some of the order's deliveries: a payment (回款), a note that paid (票据) or
/// an approved return (退赔折价), with the part it applied to this order — one row for what it was
/// told to pay (指定冲抵, `by_hand`) and one for what the ledger applied automatically (oldest due
/// first, or credit on account absorbed by a later delivery).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentDone<'a> {
    pub id: &'a str,
    pub kind: super::EntryKind,
    pub date: NaiveDate,
    /// Applied to this order's deliveries.
    pub fen: i64,
    /// The whole credit (it may pay other orders too, or sit on account).
    pub total: i64,
    pub by_hand: bool,
}

/// Everything the order detail on the card shows: its lines with what went out and what is left
/// per product, the deliveries against it and the payments for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderDetail<'a> {
    pub id: &'a str,
    pub order: &'a Order,
    /// Parallel to `order.lines`.
    pub progress: Vec<LineProgress>,
    pub state: OrderState,
    /// Oldest first.
    pub deliveries: Vec<DeliveryDone<'a>>,
    /// Oldest first.
    pub payments: Vec<PaymentDone<'a>>,
    /// Σ delivered value, Σ settled of it, Σ still open.
    pub delivered_fen: i64,
    pub settled_fen: i64,
    pub open_fen: i64,
}

/// The detail of live order `order_id` as of `today`; `None` if there is no such order.
pub fn order_detail<'a>(entries: &'a [Entry], order_id: &str, today: NaiveDate) -> Option<OrderDetail<'a>> {
    let (id, order) = entries.iter().find_map(|e| match &e.body {
        EntryBody::Order(o) if !e.deleted && e.id == order_id => Some((e.id.as_str(), o)),
        _ => None,
    })?;
    let progress = order_progress(entries, order_id, None)?;
    let ledger = super::CustomerLedger::build(entries, today);
    let mut deliveries: Vec<DeliveryDone<'a>> = entries
        .iter()
        .filter(|e| !e.deleted)
        .filter_map(|e| match &e.body {
            EntryBody::Delivery(d) if d.oid == order_id => {
                let r = ledger.receivables.iter().find(|r| r.id == e.id);
                let (settled, open) = r.map_or((0, d.booked()), |r| (r.settled, r.open));
                Some(DeliveryDone { id: e.id.as_str(), delivery: d, settled, open })
            }
            _ => None,
        })
        .collect();
    deliveries.sort_by(|a, b| a.delivery.date.cmp(&b.delivery.date).then_with(|| a.id.cmp(b.id)));
    // Every credit the ledger applied to these deliveries, by hand or not, so the rows add up to
    // what the deliveries show as paid.
    let mut payments: Vec<PaymentDone<'a>> = Vec::new();
    for a in super::applications(entries) {
        if !matches!(&a.delivery.body, EntryBody::Delivery(d) if d.oid == order_id) {
            continue;
        }
        let c = a.credit;
        match payments.iter_mut().find(|p| p.id == c.id && p.by_hand == a.by_hand) {
            Some(p) => p.fen = p.fen.saturating_add(a.fen),
            None => {
                let total = match &c.body {
                    EntryBody::Payment(p) => clamp_fen(p.fen),
                    EntryBody::Bill(b) => clamp_fen(b.fen),
                    EntryBody::Return(r) => clamp_fen(r.fen),
                    _ => 0,
                };
                payments.push(PaymentDone { id: c.id.as_str(), kind: c.category(), date: c.date(), fen: a.fen, total, by_hand: a.by_hand });
            }
        }
    }
    payments.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(b.id)).then_with(|| b.by_hand.cmp(&a.by_hand)));
    let sum = |f: fn(&DeliveryDone) -> i64| deliveries.iter().fold(0i64, |s, d| s.saturating_add(f(d)));
    let (delivered_fen, settled_fen, open_fen) = (sum(|d| d.delivery.booked()), sum(|d| d.settled), sum(|d| d.open));
    let state = OrderState::of(order.status, &progress);
    Some(OrderDetail { id, order, progress, state, deliveries, payments, delivered_fen, settled_fen, open_fen })
}

/// An order number in a yearly sequence: `<prefix><year><sep><seq>`, e.g. `DD-2026-0007`
/// (prefix `DD-`, sep `-`, seq 7 written 4 wide) or `HT2026001`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SeqNo<'a> {
    prefix: &'a str,
    year: i32,
    sep: &'a str,
    seq: u64,
    width: usize,
}

impl<'a> SeqNo<'a> {
    fn parse(no: &'a str) -> Option<SeqNo<'a>> {
        let digit = |c: char| c.is_ascii_digit();
        let no = no.trim();
        let head = no.trim_end_matches(digit);
        let tail = &no[head.len()..];
        let with_year = head.trim_end_matches(|c: char| !digit(c));
        let sep = &head[with_year.len()..];
        let year_digits = with_year.len() - with_year.trim_end_matches(digit).len();
        let (prefix, year, sep, seq) = if year_digits == 4 {
            // DD-2026-0007: the year, a separator, the sequence.
            let (prefix, year) = with_year.split_at(with_year.len() - 4);
            (prefix, year, sep, tail)
        } else if tail.len() > 4 {
            // HT2026001: the year is the first four of the trailing digits.
            let (year, seq) = tail.split_at(4);
            (head, year, "", seq)
        } else {
            return None;
        };
        let year: i32 = year.parse().ok().filter(|y| (2000..2100).contains(y))?;
        if seq.is_empty() {
            return None;
        }
        Some(SeqNo { prefix, year, sep, seq: seq.parse().ok()?, width: seq.len() })
    }

    fn format(&self, year: i32, seq: u64) -> String {
        format!("{}{year}{}{seq:0w$}", self.prefix, self.sep, w = self.width)
    }
}

/// Of the order numbers in `entries`, the highest of each yearly sequence (prefix, year,
/// separator): all [`next_order_no`] needs, so a customer's summary keeps only these.
pub fn order_no_heads(entries: &[Entry]) -> Vec<String> {
    let mut heads: Vec<(SeqNo, &str)> = Vec::new();
    for e in entries.iter().filter(|e| !e.deleted) {
        let EntryBody::Order(o) = &e.body else { continue };
        let Some(n) = SeqNo::parse(&o.no) else { continue };
        match heads.iter_mut().find(|(h, _)| (h.prefix, h.year, h.sep) == (n.prefix, n.year, n.sep)) {
            Some(slot) if slot.0.seq < n.seq => *slot = (n, o.no.trim()),
            Some(_) => {}
            None => heads.push((n, o.no.trim())),
        }
    }
    heads.into_iter().map(|(_, no)| no.to_string()).collect()
}

/// The order number to suggest on a new order made `today`: the next in this archive's
/// sequence for the year (after the highest of `taken`, in its prefix and width), else the
/// first of the year in the form used last year, else `DD-<year>-0001`.
pub fn next_order_no<'a>(taken: impl IntoIterator<Item = &'a str>, today: NaiveDate) -> String {
    use chrono::Datelike;
    let year = today.year();
    let mut this_year: Option<SeqNo> = None;
    let mut before: Option<SeqNo> = None;
    for n in taken.into_iter().filter_map(SeqNo::parse) {
        let slot = if n.year == year { &mut this_year } else if n.year < year { &mut before } else { continue };
        let better = match slot {
            None => true,
            Some(s) if n.year == year => n.seq > s.seq,
            Some(s) => (n.year, n.seq) > (s.year, s.seq),
        };
        if better {
            *slot = Some(n);
        }
    }
    match (this_year, before) {
        (Some(n), _) => n.format(year, n.seq.saturating_add(1)),
        (None, Some(n)) => n.format(year, 1),
        (None, None) => format!("DD-{year}-0001"),
    }
}

/// The product names of the live orders in `entries`, each once, in first-seen order (the
/// order form offers them as the rep types).
pub fn ordered_products(entries: &[Entry]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in entries.iter().filter(|e| !e.deleted) {
        let EntryBody::Order(o) = &e.body else { continue };
        for l in &o.lines {
            let p = l.product.trim();
            if !p.is_empty() && !out.iter().any(|x| x == p) {
                out.push(p.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{Allocation, EntryKind, Payment};
    use crate::primitives::clock::{Hlc, Stamp};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn entry(id: &str, n: u64, body: EntryBody) -> Entry {
        Entry::new(id.into(), "c".into(), body, Stamp::new(Hlc { ms: n, n: 0 }, "dev"))
    }

    fn order(no: &str, lines: &[(&str, i64, i64, &str)]) -> EntryBody {
        let lines = lines.iter().map(|&(p, qty, unit_fen, unit)| OrderLine { product: p.into(), qty, unit_fen, unit: unit.into() }).collect();
        EntryBody::Order(Order { no: no.into(), date: d("2026-03-01"), lines, ..Default::default() })
    }

    fn delivery(oid: &str, date: &str, lines: &[(u32, i64, i64)]) -> EntryBody {
        let lines: Vec<DeliveryLine> = lines.iter().map(|&(line, qty, unit_fen)| DeliveryLine { line, qty, unit_fen }).collect();
        let fen = lines.iter().map(|l| l.qty * l.unit_fen).sum();
        EntryBody::Delivery(Delivery { oid: oid.into(), date: d(date), lines, fen, due: d(date) + chrono::Days::new(30), note: String::new() })
    }

    /// Order o1: 水泥 10 吨 × 50.00, 砂石 4 车 × 300.00. d1 delivers 6 吨 水泥 (300.00), d2 2 车
    /// 砂石 (600.00); p1 pays 200.00 of d1 by hand.
    fn file() -> Vec<Entry> {
        vec![
            entry("o1", 1, order("DD-2026-0003", &[("水泥", 10, 5_000, "吨"), ("砂石", 4, 30_000, "车")])),
            entry("d1", 2, delivery("o1", "2026-03-05", &[(0, 6, 5_000)])),
            entry("d2", 3, delivery("o1", "2026-03-06", &[(1, 2, 30_000)])),
            entry(
                "p1",
                4,
                EntryBody::Payment(Payment { date: d("2026-03-10"), fen: 20_000, allocations: vec![Allocation { dlv: "d1".into(), fen: 20_000 }], ..Default::default() }),
            ),
        ]
    }

    #[test]
    fn the_state_is_derived_from_the_deliveries() {
        let p = |ordered, delivered| LineProgress { ordered, delivered, remaining: ordered - delivered };
        assert_eq!(OrderState::of(OrderStatus::Open, &[p(10, 0), p(4, 0)]), OrderState::Open);
        assert_eq!(OrderState::of(OrderStatus::Open, &[p(10, 6), p(4, 0)]), OrderState::Partly);
        assert_eq!(OrderState::of(OrderStatus::Open, &[p(10, 10), p(4, 4)]), OrderState::Delivered);
        // What the rep set by hand stands.
        assert_eq!(OrderState::of(OrderStatus::Cancelled, &[p(10, 6)]), OrderState::Cancelled);
        assert_eq!(OrderState::of(OrderStatus::Delivered, &[p(10, 6)]), OrderState::Delivered);
        assert_eq!(OrderState::Partly.label(crate::primitives::lang::Lang::Zh), "部分出货");
    }

    #[test]
    fn the_detail_shows_what_is_left_per_product_and_what_was_paid() {
        let mut f = file();
        let detail = order_detail(&f, "o1", d("2026-03-20")).unwrap();
        let left: Vec<(i64, i64, i64)> = detail.progress.iter().map(|p| (p.ordered, p.delivered, p.remaining)).collect();
        assert_eq!(left, [(10, 6, 4), (4, 2, 2)]);
        assert_eq!(detail.state, OrderState::Partly);
        let ds: Vec<(&str, i64, i64)> = detail.deliveries.iter().map(|x| (x.id, x.settled, x.open)).collect();
        assert_eq!(ds, [("d1", 20_000, 10_000), ("d2", 0, 60_000)]);
        let by_hand = |id, date, fen, total| PaymentDone { id, kind: EntryKind::Payment, date: d(date), fen, total, by_hand: true };
        assert_eq!(detail.payments, [by_hand("p1", "2026-03-10", 20_000, 20_000)]);
        assert_eq!((detail.delivered_fen, detail.settled_fen, detail.open_fen), (90_000, 20_000, 70_000));
        assert_eq!(detail.order.lines[0].unit, "吨");
        // A deleted delivery gives its quantity back; the rest goes out: 已出货.
        f[1].deleted = true;
        f.push(entry("d3", 5, delivery("o1", "2026-03-12", &[(0, 10, 5_000), (1, 2, 30_000)])));
        let detail = order_detail(&f, "o1", d("2026-03-20")).unwrap();
        assert!(detail.progress.iter().all(|p| p.remaining == 0));
        assert_eq!(detail.state, OrderState::Delivered);
        assert_eq!(detail.deliveries.iter().map(|x| x.id).collect::<Vec<_>>(), ["d2", "d3"]);
        // p1 named a delivery that is gone: it pays the oldest open one (d2) automatically.
        assert_eq!(detail.payments.iter().map(|p| (p.id, p.fen, p.by_hand)).collect::<Vec<_>>(), [("p1", 20_000, false)]);
        assert!(order_detail(&f, "nope", d("2026-03-20")).is_none());
    }

    fn pay(date: &str, fen: i64, alloc: &[(&str, i64)]) -> EntryBody {
        let allocations = alloc.iter().map(|&(dlv, fen)| Allocation { dlv: dlv.into(), fen }).collect();
        EntryBody::Payment(Payment { date: d(date), fen, allocations, ..Default::default() })
    }

    #[test]
    fn the_detail_lists_every_payment_that_paid_the_order_by_hand_or_automatically() {
        // o1 (from `file`): d1 300.00, d2 600.00, p1 200.00 of d1 by hand. o2: d3 1,000.00, due
        // later than o1's deliveries.
        let mut f = file();
        f.push(entry("o2", 5, order("DD-2026-0004", &[("钢筋", 1, 100_000, "吨")])));
        f.push(entry("d3", 6, delivery("o2", "2026-03-08", &[(0, 1, 100_000)])));
        // p3 split by hand over both orders: 100.00 to d2 (o1), 150.00 to d3 (o2).
        f.push(entry("p3", 7, pay("2026-03-12", 25_000, &[("d2", 10_000), ("d3", 15_000)])));
        // p2 applied automatically (1,500.00), oldest due first: d1's last 100.00, d2's 500.00,
        // d3's 850.00; 50.00 stays on account.
        f.push(entry("p2", 8, pay("2026-03-15", 150_000, &[])));
        let one = order_detail(&f, "o1", d("2026-03-20")).unwrap();
        fn rows<'a>(x: &OrderDetail<'a>) -> Vec<(&'a str, i64, i64, bool)> {
            x.payments.iter().map(|p| (p.id, p.fen, p.total, p.by_hand)).collect()
        }
        assert_eq!(rows(&one), [("p1", 20_000, 20_000, true), ("p3", 10_000, 25_000, true), ("p2", 60_000, 150_000, false)]);
        assert_eq!((one.settled_fen, one.open_fen), (90_000, 0));
        let two = order_detail(&f, "o2", d("2026-03-20")).unwrap();
        assert_eq!(rows(&two), [("p3", 15_000, 25_000, true), ("p2", 85_000, 150_000, false)]);
        assert_eq!((two.settled_fen, two.open_fen), (100_000, 0));
        // Both orders' rows add up to what their deliveries show as paid.
        for x in [&one, &two] {
            assert_eq!(x.payments.iter().map(|p| p.fen).sum::<i64>(), x.settled_fen);
        }
        // A payment named for a delivery already paid flows on automatically: one row each way.
        f.push(entry("d4", 9, delivery("o2", "2026-03-18", &[])));
        if let EntryBody::Delivery(x) = &mut f[8].body {
            x.fen = 30_000;
        }
        f.push(entry("p4", 10, pay("2026-03-19", 40_000, &[("d1", 10_000), ("d4", 10_000)])));
        let two = order_detail(&f, "o2", d("2026-03-20")).unwrap();
        // d4 (300.00) takes the 50.00 on account from p2, then p4's 100.00 by hand, then p4's
        // 100.00 named for d1 (paid) and its other 200.00: 150.00 more automatically.
        assert_eq!(
            rows(&two),
            [("p3", 15_000, 25_000, true), ("p2", 90_000, 150_000, false), ("p4", 10_000, 40_000, true), ("p4", 15_000, 40_000, false)]
        );
        assert_eq!((two.settled_fen, two.open_fen), (130_000, 0));
        assert_eq!(two.payments.iter().map(|p| p.fen).sum::<i64>(), two.settled_fen);
    }

    #[test]
    fn credit_on_account_absorbed_by_a_later_delivery_is_traced_to_its_payment() {
        // Paid in advance (预收款), then delivered: the delivery absorbs the payment automatically.
        let f = vec![
            entry("o1", 1, order("DD-2026-0001", &[("水泥", 10, 5_000, "吨")])),
            entry("p0", 2, pay("2026-03-01", 20_000, &[])),
            entry("q0", 3, pay("2026-03-02", 50_000, &[])),
            entry("d1", 4, delivery("o1", "2026-03-05", &[(0, 5, 5_000)])),
        ];
        let x = order_detail(&f, "o1", d("2026-03-20")).unwrap();
        let rows: Vec<_> = x.payments.iter().map(|p| (p.id, p.fen, p.by_hand)).collect();
        assert_eq!(rows, [("p0", 20_000, false), ("q0", 5_000, false)]);
        assert_eq!((x.settled_fen, x.open_fen), (25_000, 0));
    }

    #[test]
    fn the_next_order_number_follows_the_archive_sequence_of_the_year() {
        let today = d("2026-12-03");
        assert_eq!(next_order_no([], today), "DD-2026-0001");
        assert_eq!(next_order_no(["DD-2026-0003", "DD-2026-0012", "DD-2026-0007"], today), "DD-2026-0013");
        // Its prefix and width are kept; numbers of other years and free text are ignored.
        assert_eq!(next_order_no(["HT-2026-009", "HT-2025-120", "合同甲", "HT-1", "PO-0"], today), "HT-2026-010");
        assert_eq!(next_order_no(["HT2026001", "HT2026041"], today), "HT2026042");
        assert_eq!(next_order_no(["订单2026-7"], today), "订单2026-8");
        // A new year starts the form used last at 1.
        assert_eq!(next_order_no(["HT-2025-120"], today), "HT-2026-001");
        // A number from next year (a typo) does not pull this year's on.
        assert_eq!(next_order_no(["DD-2027-0500", "DD-2026-0002"], today), "DD-2026-0003");
        // Widths grow when the sequence outgrows them.
        assert_eq!(next_order_no(["DD-2026-99"], today), "DD-2026-100");
    }

    #[test]
    fn a_file_keeps_the_head_of_each_sequence_and_its_products() {
        let mut f = file();
        f.push(entry("o2", 6, order("DD-2026-0010", &[("水泥", 1, 5_000, "吨"), ("钢筋", 1, 1, "")])));
        f.push(entry("o3", 7, order("HT-2025-044", &[])));
        f.push(entry("o4", 8, order("DD-2026-0099", &[("废品", 1, 1, "")])));
        f[6].deleted = true;
        assert_eq!(order_no_heads(&f), ["DD-2026-0010", "HT-2025-044"]);
        assert_eq!(next_order_no(order_no_heads(&f).iter().map(String::as_str), d("2026-05-01")), "DD-2026-0011");
        assert_eq!(ordered_products(&f), ["水泥", "砂石", "钢筋"]);
    }

    #[test]
    fn a_line_without_a_unit_reads_as_before() {
        // Stored before the grid: no "un"; written without it when empty.
        let l: OrderLine = serde_json::from_str(r#"{"p":"水泥","q":10,"u":5000}"#).unwrap();
        assert_eq!(l, OrderLine { product: "水泥".into(), qty: 10, unit_fen: 5_000, unit: String::new() });
        assert_eq!(serde_json::to_string(&l).unwrap(), r#"{"p":"水泥","q":10,"u":5000}"#);
        let l = OrderLine { unit: "吨".into(), ..l };
        assert_eq!(serde_json::to_string(&l).unwrap(), r#"{"p":"水泥","q":10,"u":5000,"un":"吨"}"#);
    }
}
