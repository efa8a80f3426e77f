//! 应收账款: replaying one customer's debits (deliveries) and credits (payments, notes that were
//! not dishonoured, approved returns) into open receivables, credit on account and aging.
//!
//! Replay order is by date; on one day deliveries come before credits (cash on delivery pays the
//! day's delivery), then by creation stamp and id, so every device gets the same result. A credit
//! first pays what it names (a payment's manual allocations, a return's delivery), then the open
//! receivables oldest due first; what is left is credit on account (预收款), which the next
//! deliveries absorb. So open receivables and credit on account are never both above zero.

use super::{clamp_fen, Entry, EntryBody, EntryKind};
use crate::customer::Customer;
use crate::primitives::clock::Hlc;
use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;
use std::ops::{Add, AddAssign};

coded! {
    /// Aging buckets by days overdue (today − due): ≤ 0, 1–30, 31–60, 61–90, > 90.
    pub enum AgingBucket {
        NotDue = "not_due", "未到期", "Not due";
        D1To30 = "1_30", "逾期1–30天", "1–30 days overdue";
        D31To60 = "31_60", "逾期31–60天", "31–60 days overdue";
        D61To90 = "61_90", "逾期61–90天", "61–90 days overdue";
        Over90 = "over_90", "逾期90天以上", "Over 90 days overdue";
    }
}

impl AgingBucket {
    /// The bucket of an amount `days_overdue` past due (today − due date).
    pub fn of(days_overdue: i64) -> AgingBucket {
        match days_overdue {
            i64::MIN..=0 => AgingBucket::NotDue,
            1..=30 => AgingBucket::D1To30,
            31..=60 => AgingBucket::D31To60,
            61..=90 => AgingBucket::D61To90,
            _ => AgingBucket::Over90,
        }
    }
}

/// Open receivables by bucket, fen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Aging {
    pub not_due: i64,
    pub d1_30: i64,
    pub d31_60: i64,
    pub d61_90: i64,
    pub over_90: i64,
}

impl Aging {
    /// All open receivables (the 合计 column).
    pub fn total(&self) -> i64 {
        self.not_due
            .saturating_add(self.d1_30)
            .saturating_add(self.d31_60)
            .saturating_add(self.d61_90)
            .saturating_add(self.over_90)
    }

    /// Everything past due.
    pub fn overdue(&self) -> i64 {
        self.total().saturating_sub(self.not_due)
    }

    /// One column of the receivables table.
    pub fn get(&self, b: AgingBucket) -> i64 {
        match b {
            AgingBucket::NotDue => self.not_due,
            AgingBucket::D1To30 => self.d1_30,
            AgingBucket::D31To60 => self.d31_60,
            AgingBucket::D61To90 => self.d61_90,
            AgingBucket::Over90 => self.over_90,
        }
    }

    /// Adds an open amount that is `days_overdue` past due.
    pub fn put(&mut self, days_overdue: i64, fen: i64) {
        let slot = match AgingBucket::of(days_overdue) {
            AgingBucket::NotDue => &mut self.not_due,
            AgingBucket::D1To30 => &mut self.d1_30,
            AgingBucket::D31To60 => &mut self.d31_60,
            AgingBucket::D61To90 => &mut self.d61_90,
            AgingBucket::Over90 => &mut self.over_90,
        };
        *slot = slot.saturating_add(fen);
    }
}

impl AddAssign for Aging {
    fn add_assign(&mut self, o: Aging) {
        self.not_due = self.not_due.saturating_add(o.not_due);
        self.d1_30 = self.d1_30.saturating_add(o.d1_30);
        self.d31_60 = self.d31_60.saturating_add(o.d31_60);
        self.d61_90 = self.d61_90.saturating_add(o.d61_90);
        self.over_90 = self.over_90.saturating_add(o.over_90);
    }
}

impl Add for Aging {
    type Output = Aging;
    fn add(mut self, o: Aging) -> Aging {
        self += o;
        self
    }
}

/// One delivery as a receivable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receivable<'a> {
    /// Id of the delivery entry.
    pub id: &'a str,
    pub order_id: &'a str,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub amount: i64,
    pub settled: i64,
    pub open: i64,
    /// today − due; zero or less is not yet due.
    pub days_overdue: i64,
    /// The day the last fen came in, once paid in full.
    pub settled_on: Option<NaiveDate>,
}

/// One row of the running-balance listing (往来明细).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerLine<'a> {
    pub date: NaiveDate,
    /// Delivery, payment, note or return.
    pub kind: EntryKind,
    pub id: &'a str,
    pub debit: i64,
    pub credit: i64,
    /// What the customer owes after this row; negative is credit on account.
    pub balance: i64,
    /// A dishonoured note: listed, but it paid nothing.
    pub void: bool,
}

/// The whole picture of one customer's receivables as of `today`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerLedger<'a> {
    pub today: NaiveDate,
    /// Every delivery, oldest due first (paid ones too, with `open` 0).
    pub receivables: Vec<Receivable<'a>>,
    pub lines: Vec<LedgerLine<'a>>,
    /// Σ open receivables.
    pub open: i64,
    /// Paid in but not yet absorbed by a delivery (预收款).
    pub credit_on_account: i64,
    /// Notes received and not yet settled (未结算票据余额).
    pub unsettled_notes: i64,
    pub aging: Aging,
}

impl<'a> CustomerLedger<'a> {
    /// Replays all live entries of one customer.
    pub fn build(entries: &'a [Entry], today: NaiveDate) -> CustomerLedger<'a> {
        CustomerLedger::build_until(entries, None, today)
    }

    /// As [`CustomerLedger::build`], counting only entries dated on or before `cutoff` (aging and
    /// statuses are still as known today).
    pub fn build_until(entries: &'a [Entry], cutoff: Option<NaiveDate>, today: NaiveDate) -> CustomerLedger<'a> {
        CustomerLedger::build_inner(entries, None, cutoff, today)
    }

    /// Leaves out the entry `skip` (the one being edited), for validation.
    pub(crate) fn build_inner(entries: &'a [Entry], skip: Option<&str>, cutoff: Option<NaiveDate>, today: NaiveDate) -> CustomerLedger<'a> {
        let mut scratch = LedgerScratch::default();
        let mut lines = Vec::new();
        let mut balance = 0i64;
        let totals = scratch.replay(entries, skip, cutoff.map(day), true, |ev, debit, credit| {
            balance = balance.saturating_add(debit).saturating_sub(credit);
            let e = &entries[ev.idx as usize];
            lines.push(LedgerLine {
                date: e.date(),
                kind: e.category(),
                id: &e.id,
                debit,
                credit,
                balance,
                void: ev.class == VOID,
            });
        });
        let today_day = day(today);
        let mut aging = Aging::default();
        let receivables = scratch
            .items
            .iter()
            .map(|it| {
                let e = &entries[it.idx as usize];
                let order_id = match &e.body {
                    EntryBody::Delivery(d) => d.oid.as_str(),
                    _ => "",
                };
                let days_overdue = i64::from(today_day) - i64::from(it.due);
                if it.open > 0 {
                    aging.put(days_overdue, it.open);
                }
                Receivable {
                    id: &e.id,
                    order_id,
                    date: e.date(),
                    due: date_of(it.due),
                    amount: it.amount,
                    settled: it.amount - it.open,
                    open: it.open,
                    days_overdue,
                    settled_on: (it.open == 0).then(|| date_of(it.settled_day)),
                }
            })
            .collect();
        CustomerLedger {
            today,
            receivables,
            lines,
            open: totals.open,
            credit_on_account: totals.pool,
            unsettled_notes: totals.unsettled,
            aging,
        }
    }

    /// Credit exposure (DOMAIN §5): open receivables plus unsettled notes. The credit check adds
    /// [`super::open_order_value`] and the new order itself.
    pub fn exposure(&self) -> i64 {
        self.open.saturating_add(self.unsettled_notes)
    }

    /// What the customer owes; negative when it has credit on account.
    pub fn balance(&self) -> i64 {
        self.open - self.credit_on_account
    }

    /// The open receivable longest overdue, if any is overdue.
    pub fn oldest_overdue(&self) -> Option<&Receivable<'a>> {
        self.receivables.iter().filter(|r| r.open > 0 && r.days_overdue > 0).max_by_key(|r| (r.days_overdue, r.open))
    }

    /// The receivable of one delivery (paid or not).
    pub fn receivable(&self, delivery_id: &str) -> Option<&Receivable<'a>> {
        self.receivables.iter().find(|r| r.id == delivery_id)
    }
}

/// One row of the aging table (信用 → 应收账款): a customer with open receivables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgingRow {
    pub id: String,
    pub name: String,
    pub reg_no: String,
    pub aging: CustomerAging,
}

/// The aging table as of `today`: every live customer with something open, biggest debtors
/// first (then by 登记编号). One pass over customers with their files
/// ([`crate::archive::Archive::files`] or any other source of them, page by page).
pub fn aging_table<'a>(files: impl IntoIterator<Item = (&'a Customer, &'a [Entry])>, today: NaiveDate) -> Vec<AgingRow> {
    let mut scratch = LedgerScratch::default();
    let mut rows: Vec<AgingRow> = files
        .into_iter()
        .filter(|(c, file)| !c.deleted && !file.is_empty())
        .filter_map(|(c, file)| {
            let aging = scratch.aging(file, today);
            (aging.open() > 0).then(|| AgingRow { id: c.id.clone(), name: c.display_name().to_string(), reg_no: c.reg_no.clone(), aging })
        })
        .collect();
    rows.sort_by(|a, b| b.aging.open().cmp(&a.aging.open()).then_with(|| a.reg_no.cmp(&b.reg_no)));
    rows
}

/// Aging of one customer, without the listing (the fast path over the whole archive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CustomerAging {
    pub aging: Aging,
    pub credit_on_account: i64,
    pub unsettled_notes: i64,
    /// Due date of the oldest overdue open receivable.
    pub oldest_due: Option<NaiveDate>,
    /// Days the oldest overdue receivable is past due (0 if none is).
    pub max_days_overdue: i64,
}

impl CustomerAging {
    /// Σ open receivables.
    pub fn open(&self) -> i64 {
        self.aging.total()
    }

    /// Open receivables plus unsettled notes, as [`CustomerLedger::exposure`].
    pub fn exposure(&self) -> i64 {
        self.open().saturating_add(self.unsettled_notes)
    }
}

/// What is open in one customer's file, as of no particular day ([`LedgerScratch::open_items`]):
/// small enough to keep for every customer without the files.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OpenItems {
    /// (due date, open fen) of each open receivable, oldest due first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open: Vec<(NaiveDate, i64)>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub credit_on_account: i64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unsettled_notes: i64,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

impl OpenItems {
    /// The aging as of `today`, equal to [`aging`] of the file these were taken from.
    pub fn aging(&self, today: NaiveDate) -> CustomerAging {
        let mut out = CustomerAging { credit_on_account: self.credit_on_account, unsettled_notes: self.unsettled_notes, ..CustomerAging::default() };
        let today = day(today);
        let mut oldest: Option<i32> = None;
        for &(due, open) in &self.open {
            let due = day(due);
            let days = i64::from(today) - i64::from(due);
            out.aging.put(days, open);
            if days > 0 && oldest.is_none_or(|o| due < o) {
                oldest = Some(due);
            }
        }
        if let Some(o) = oldest {
            out.oldest_due = Some(date_of(o));
            out.max_days_overdue = i64::from(today) - i64::from(o);
        }
        out
    }
}

/// Aging of one customer's entries. For many customers reuse a [`LedgerScratch`].
pub fn aging(entries: &[Entry], today: NaiveDate) -> CustomerAging {
    LedgerScratch::default().aging(entries, today)
}

const DEBIT: u8 = 0;
const CREDIT: u8 = 1;
/// A dishonoured note: only listed.
const VOID: u8 = 2;

#[derive(Clone, Copy, Debug)]
struct Event {
    day: i32,
    class: u8,
    at: Hlc,
    idx: u32,
    fen: i64,
}

#[derive(Clone, Copy, Debug)]
struct Item {
    idx: u32,
    due: i32,
    amount: i64,
    open: i64,
    settled_day: i32,
}

#[derive(Clone, Copy, Debug, Default)]
struct Totals {
    open: i64,
    pool: i64,
    unsettled: i64,
}

/// Reusable buffers: aging 100,000 customers allocates nothing after the first few.
#[derive(Clone, Debug, Default)]
pub struct LedgerScratch {
    events: Vec<Event>,
    items: Vec<Item>,
    /// Only for [`applications`]: which credit paid which delivery (the aging path records nothing).
    record: bool,
    applied: Vec<Applied>,
    /// Credits on account not yet absorbed, oldest first (entry index, fen left), so a later
    /// delivery's absorption is traced to the payments it came from.
    pool_src: Vec<(u32, i64)>,
}

/// One credit paying part of one delivery (entry indexes).
#[derive(Clone, Copy, Debug)]
struct Applied {
    credit: u32,
    delivery: u32,
    fen: i64,
    by_hand: bool,
}

/// What one credit (payment, note that paid, approved return) applied to one delivery, as the
/// replay applies it: `by_hand` when the credit named the delivery (a payment's 指定冲抵, a
/// return's delivery), otherwise automatically (oldest due first, or credit on account absorbed
/// by a later delivery).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Application<'a> {
    pub credit: &'a Entry,
    pub delivery: &'a Entry,
    pub fen: i64,
    pub by_hand: bool,
}

/// Every application of a credit to a delivery in one customer's file, in replay order. Their sum
/// per delivery is what [`CustomerLedger`] reports as settled of it.
pub fn applications(entries: &[Entry]) -> Vec<Application<'_>> {
    let mut scratch = LedgerScratch { record: true, ..LedgerScratch::default() };
    scratch.replay(entries, None, None, false, |_, _, _| {});
    scratch
        .applied
        .iter()
        .map(|a| Application { credit: &entries[a.credit as usize], delivery: &entries[a.delivery as usize], fen: a.fen, by_hand: a.by_hand })
        .collect()
}

impl LedgerScratch {
    /// As [`aging`], reusing this scratch's buffers.
    pub fn aging(&mut self, entries: &[Entry], today: NaiveDate) -> CustomerAging {
        let totals = self.replay(entries, None, None, false, |_, _, _| {});
        let today = day(today);
        let mut out = CustomerAging { credit_on_account: totals.pool, unsettled_notes: totals.unsettled, ..CustomerAging::default() };
        let mut oldest: Option<i32> = None;
        for it in &self.items {
            if it.open > 0 {
                let days = i64::from(today) - i64::from(it.due);
                out.aging.put(days, it.open);
                if days > 0 && oldest.is_none_or(|o| it.due < o) {
                    oldest = Some(it.due);
                }
            }
        }
        if let Some(o) = oldest {
            out.oldest_due = Some(date_of(o));
            out.max_days_overdue = i64::from(today) - i64::from(o);
        }
        out
    }

    /// What is open in a file, independent of the day: each open receivable's due date and open
    /// amount (oldest due first), credit on account and unsettled notes. [`OpenItems::aging`]
    /// gives the same aging as [`LedgerScratch::aging`] on any day, without the file.
    pub fn open_items(&mut self, entries: &[Entry]) -> OpenItems {
        let totals = self.replay(entries, None, None, false, |_, _, _| {});
        let open = self.items.iter().filter(|it| it.open > 0).map(|it| (date_of(it.due), it.open)).collect();
        OpenItems { open, credit_on_account: totals.pool, unsettled_notes: totals.unsettled }
    }

    /// Replays the live entries dated on or before `cutoff`; leaves the receivables in
    /// `self.items` (oldest due first) and calls `line(event, debit, credit)` in order.
    fn replay(
        &mut self,
        entries: &[Entry],
        skip: Option<&str>,
        cutoff: Option<i32>,
        listing: bool,
        mut line: impl FnMut(&Event, i64, i64),
    ) -> Totals {
        self.events.clear();
        self.items.clear();
        self.applied.clear();
        self.pool_src.clear();
        let mut totals = Totals::default();
        for (i, e) in entries.iter().enumerate() {
            if e.deleted || skip.is_some_and(|s| s == e.id) {
                continue;
            }
            let (d, class, fen) = match &e.body {
                EntryBody::Delivery(d) => (d.date, DEBIT, d.booked()),
                EntryBody::Payment(p) => (p.date, CREDIT, clamp_fen(p.fen)),
                EntryBody::Bill(b) => {
                    if b.pays() {
                        (b.received, CREDIT, clamp_fen(b.fen))
                    } else if listing {
                        (b.received, VOID, 0)
                    } else {
                        continue;
                    }
                }
                EntryBody::Return(r) if r.approved => (r.date, CREDIT, clamp_fen(r.fen)),
                _ => continue,
            };
            let day = day(d);
            if cutoff.is_some_and(|c| day > c) {
                continue;
            }
            if let EntryBody::Bill(b) = &e.body {
                if b.status == super::BillStatus::Unsettled {
                    totals.unsettled = totals.unsettled.saturating_add(fen);
                }
            }
            let Ok(idx) = u32::try_from(i) else { break };
            self.events.push(Event { day, class, at: e.created.at, idx, fen });
        }
        self.events.sort_unstable_by(|a, b| {
            (a.day, a.class, a.at).cmp(&(b.day, b.class, b.at)).then_with(|| tie(entries, a.idx, b.idx))
        });
        let mut pool = 0i64;
        for ev in &self.events {
            let e = &entries[ev.idx as usize];
            match (ev.class, &e.body) {
                (DEBIT, EntryBody::Delivery(d)) => {
                    let mut it = Item { idx: ev.idx, due: day(d.due), amount: ev.fen, open: ev.fen, settled_day: ev.day };
                    let take = pool.min(it.open);
                    it.open -= take;
                    pool -= take;
                    if self.record {
                        absorb(&mut self.pool_src, &mut self.applied, ev.idx, take);
                    }
                    // Oldest due first; equal dues keep replay order.
                    let at = self.items.partition_point(|x| x.due <= it.due);
                    self.items.insert(at, it);
                    line(ev, ev.fen, 0);
                }
                (CREDIT, body) => {
                    let mut left = ev.fen;
                    let (record, applied) = (self.record, &mut self.applied);
                    let mut note = |delivery: u32, fen: i64, by_hand: bool| {
                        if record && fen > 0 {
                            applied.push(Applied { credit: ev.idx, delivery, fen, by_hand });
                        }
                    };
                    match body {
                        EntryBody::Payment(p) => {
                            for a in &p.allocations {
                                let (take, at) = pay_named(&mut self.items, entries, &a.dlv, clamp_fen(a.fen).min(left), ev.day);
                                left -= take;
                                note(at, take, true);
                            }
                        }
                        EntryBody::Return(r) => {
                            if let Some(dlv) = &r.dlv {
                                let (take, at) = pay_named(&mut self.items, entries, dlv, left, ev.day);
                                left -= take;
                                note(at, take, true);
                            }
                        }
                        _ => {}
                    }
                    for it in &mut self.items {
                        if left == 0 {
                            break;
                        }
                        let take = left.min(it.open);
                        if take > 0 {
                            it.open -= take;
                            left -= take;
                            note(it.idx, take, false);
                            if it.open == 0 {
                                it.settled_day = ev.day;
                            }
                        }
                    }
                    pool = pool.saturating_add(left);
                    if self.record && left > 0 {
                        self.pool_src.push((ev.idx, left));
                    }
                    line(ev, 0, ev.fen);
                }
                _ => line(ev, 0, 0),
            }
        }
        totals.pool = pool;
        totals.open = self.items.iter().fold(0i64, |s, it| s.saturating_add(it.open));
        totals
    }
}

/// Pays up to `want` on the named receivable; returns what it took and the delivery's entry index.
fn pay_named(items: &mut [Item], entries: &[Entry], id: &str, want: i64, day: i32) -> (i64, u32) {
    if want <= 0 {
        return (0, 0);
    }
    match items.iter_mut().find(|it| entries[it.idx as usize].id == id) {
        Some(it) => {
            let take = want.min(it.open);
            it.open -= take;
            if take > 0 && it.open == 0 {
                it.settled_day = day;
            }
            (take, it.idx)
        }
        None => (0, 0),
    }
}

/// A delivery (entry `delivery`) absorbed `fen` of credit on account: traced to the credits that
/// put it there, oldest first.
fn absorb(pool_src: &mut Vec<(u32, i64)>, applied: &mut Vec<Applied>, delivery: u32, mut fen: i64) {
    let mut used = 0;
    for (credit, left) in pool_src.iter_mut() {
        if fen == 0 {
            break;
        }
        let take = fen.min(*left);
        *left -= take;
        fen -= take;
        if take > 0 {
            applied.push(Applied { credit: *credit, delivery, fen: take, by_hand: false });
        }
        if *left == 0 {
            used += 1;
        }
    }
    pool_src.drain(..used);
}

/// Same day, class and creation time: the device, then the id decide (never the position, which
/// differs between devices).
fn tie(entries: &[Entry], a: u32, b: u32) -> Ordering {
    let (x, y) = (&entries[a as usize], &entries[b as usize]);
    x.created.dev.cmp(&y.created.dev).then_with(|| x.id.cmp(&y.id))
}

pub(crate) fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

pub(crate) fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::*;
    use crate::primitives::clock::{Hlc, Stamp};

    fn d(s: &str) -> NaiveDate {
        crate::validation::check::date(s).unwrap()
    }

    /// Builds entries in creation order (created = position, so ties are predictable).
    #[derive(Default)]
    struct File(Vec<Entry>);

    impl File {
        fn push(&mut self, id: &str, body: EntryBody) -> &mut Entry {
            let n = self.0.len() as u64;
            self.0.push(Entry::new(id.into(), "c".into(), body, Stamp::new(Hlc { ms: n + 1, n: 0 }, "d")));
            self.0.last_mut().unwrap()
        }
        fn delivery(&mut self, id: &str, date: &str, due: &str, fen: i64) {
            let lines = vec![DeliveryLine { line: 0, qty: 1, unit_fen: fen }];
            let dl = Delivery { oid: "o".into(), date: d(date), lines, fen, due: d(due), note: String::new() };
            self.push(id, EntryBody::Delivery(dl));
        }
        fn payment(&mut self, id: &str, date: &str, fen: i64, alloc: &[(&str, i64)]) {
            let allocations = alloc.iter().map(|(dlv, fen)| Allocation { dlv: dlv.to_string(), fen: *fen }).collect();
            self.push(id, EntryBody::Payment(Payment { date: d(date), fen, allocations, ..Default::default() }));
        }
        fn bill(&mut self, id: &str, date: &str, fen: i64, status: BillStatus) {
            let b = Bill { no: id.into(), fen, received: d(date), due: d("2026-12-31"), status, ..Default::default() };
            self.push(id, EntryBody::Bill(b));
        }
        fn ret(&mut self, id: &str, date: &str, fen: i64, approved: bool, dlv: Option<&str>) {
            let r = Adjustment { date: d(date), fen, approved, dlv: dlv.map(String::from), ..Default::default() };
            self.push(id, EntryBody::Return(r));
        }
        fn ledger(&self, today: &str) -> CustomerLedger<'_> {
            CustomerLedger::build(&self.0, d(today))
        }
    }

    fn opens<'a>(l: &CustomerLedger<'a>) -> Vec<(&'a str, i64)> {
        l.receivables.iter().map(|r| (r.id, r.open)).collect()
    }

    #[test]
    fn the_aging_table_is_one_pass_over_customers_with_their_files() {
        use crate::customer::card::CardBody;
        let cust = |id: &str, reg: &str, deleted: bool| {
            let mut c = Customer::new(id.into(), reg.into(), CardBody::default(), Stamp::default());
            c.deleted = deleted;
            c
        };
        let (small, big, same, gone, paid) =
            (cust("s", "KH-1", false), cust("b", "KH-2", false), cust("t", "KH-0", false), cust("g", "KH-3", true), cust("p", "KH-4", false));
        let file = |fen: i64, pay: i64| {
            let mut f = File::default();
            f.delivery("x", "2025-01-01", "2025-01-31", fen);
            if pay > 0 {
                f.payment("y", "2025-01-10", pay, &[]);
            }
            f.0
        };
        let (fs, fb, ft, fg, fp) = (file(100, 0), file(900, 0), file(100, 0), file(5_000, 0), file(300, 300));
        let files = [(&small, &fs[..]), (&big, &fb[..]), (&same, &ft[..]), (&gone, &fg[..]), (&paid, &fp[..])];
        let rows = aging_table(files, d("2025-03-01"));
        // Biggest first, equal amounts by 登记编号; deleted and settled customers left out.
        assert_eq!(rows.iter().map(|r| (r.id.as_str(), r.aging.open())).collect::<Vec<_>>(), [("b", 900), ("t", 100), ("s", 100)]);
        assert_eq!(rows[0].aging.max_days_overdue, 29);
    }

    #[test]
    fn payments_go_oldest_due_first() {
        let mut f = File::default();
        f.delivery("a", "2025-01-01", "2025-01-31", 1000);
        f.delivery("b", "2025-01-05", "2025-02-04", 2000);
        // Created later but due earlier (a shorter credit period): paid first.
        f.delivery("c", "2025-01-10", "2025-01-20", 500);
        f.payment("p", "2025-02-01", 1200, &[]);
        let l = f.ledger("2025-02-10");
        assert_eq!(opens(&l), [("c", 0), ("a", 300), ("b", 2000)]);
        assert_eq!(l.open, 2300);
        assert_eq!(l.credit_on_account, 0);
        assert_eq!(l.receivable("c").unwrap().settled_on, Some(d("2025-02-01")));
        assert_eq!(l.receivable("a").unwrap().settled, 700);
        assert_eq!(l.receivable("a").unwrap().settled_on, None);
    }

    #[test]
    fn manual_allocation_first_then_oldest() {
        let mut f = File::default();
        f.delivery("a", "2025-01-01", "2025-01-31", 1000);
        f.delivery("b", "2025-01-05", "2025-02-04", 2000);
        f.delivery("c", "2025-01-06", "2025-02-05", 3000);
        // 1500 named for b, the other 700 oldest first (a), nothing left for c.
        f.payment("p", "2025-02-01", 2200, &[("b", 1500)]);
        let l = f.ledger("2025-02-10");
        assert_eq!(opens(&l), [("a", 300), ("b", 500), ("c", 3000)]);
        // An allocation beyond the delivery's open amount only takes what is open; the rest
        // flows on oldest first. An unknown id is ignored the same way.
        let mut f = File::default();
        f.delivery("a", "2025-01-01", "2025-01-31", 1000);
        f.delivery("b", "2025-01-05", "2025-02-04", 2000);
        f.payment("p", "2025-02-01", 2500, &[("b", 2400), ("zz", 100)]);
        let l = f.ledger("2025-02-10");
        assert_eq!(opens(&l), [("a", 500), ("b", 0)]);
    }

    #[test]
    fn partial_payments_accumulate() {
        let mut f = File::default();
        f.delivery("a", "2025-01-01", "2025-01-31", 1000);
        f.payment("p1", "2025-01-15", 400, &[]);
        f.payment("p2", "2025-02-15", 250, &[]);
        let l = f.ledger("2025-03-01");
        let r = l.receivable("a").unwrap();
        assert_eq!((r.amount, r.settled, r.open, r.days_overdue), (1000, 650, 350, 29));
        assert_eq!(l.aging, Aging { d1_30: 350, ..Aging::default() });
        assert_eq!(l.oldest_overdue().map(|r| r.id), Some("a"));
    }

    #[test]
    fn overpayment_is_credit_on_account_and_absorbed_later() {
        let mut f = File::default();
        f.delivery("a", "2025-01-01", "2025-01-31", 1000);
        f.payment("p", "2025-01-10", 1500, &[]);
        let l = f.ledger("2025-01-20");
        assert_eq!((l.open, l.credit_on_account, l.balance()), (0, 500, -500));
        f.delivery("b", "2025-01-25", "2025-02-24", 800);
        let l = f.ledger("2025-01-26");
        assert_eq!(opens(&l), [("a", 0), ("b", 300)]);
        assert_eq!((l.open, l.credit_on_account), (300, 0));
        assert_eq!(l.receivable("b").unwrap().settled, 500);
        // The listing runs through the same story.
        let bal: Vec<i64> = l.lines.iter().map(|x| x.balance).collect();
        assert_eq!(bal, [1000, -500, 300]);
    }

    #[test]
    fn prepayment_before_any_delivery() {
        let mut f = File::default();
        f.payment("p", "2025-01-01", 700, &[("later", 700)]);
        f.delivery("later", "2025-01-05", "2025-02-04", 1000);
        let l = f.ledger("2025-01-06");
        assert_eq!(opens(&l), [("later", 300)]);
        assert_eq!(l.credit_on_account, 0);
    }

    #[test]
    fn same_day_delivery_comes_before_the_payment() {
        let mut f = File::default();
        f.payment("p", "2025-01-01", 1000, &[]);
        f.delivery("a", "2025-01-01", "2025-01-31", 1000);
        let l = f.ledger("2025-01-02");
        assert_eq!(l.lines.iter().map(|x| x.kind).collect::<Vec<_>>(), [EntryKind::Delivery, EntryKind::Payment]);
        assert_eq!((l.open, l.credit_on_account), (0, 0));
        assert_eq!(l.lines[0].balance, 1000);
    }

    #[test]
    fn only_approved_returns_reduce_the_receivable() {
        let mut f = File::default();
        f.delivery("a", "2025-01-01", "2025-01-31", 1000);
        f.delivery("b", "2025-01-02", "2025-02-01", 1000);
        f.ret("r1", "2025-01-10", 300, false, Some("b"));
        let l = f.ledger("2025-01-11");
        assert_eq!(l.open, 2000);
        assert!(l.lines.iter().all(|x| x.kind != EntryKind::Return));
        f.0[2].body = EntryBody::Return(Adjustment { date: d("2025-01-10"), fen: 300, approved: true, dlv: Some("b".into()), ..Default::default() });
        let l = f.ledger("2025-01-11");
        // Against the named delivery, not the oldest.
        assert_eq!(opens(&l), [("a", 1000), ("b", 700)]);
        // Without a delivery: oldest first.
        f.ret("r2", "2025-01-12", 1200, true, None);
        let l = f.ledger("2025-01-13");
        assert_eq!(opens(&l), [("a", 0), ("b", 500)]);
        // More than the named delivery still owes: the rest oldest first, then on account.
        f.ret("r3", "2025-01-14", 900, true, Some("b"));
        let l = f.ledger("2025-01-15");
        assert_eq!((l.open, l.credit_on_account), (0, 400));
    }

    #[test]
    fn compensation_and_discounts_reduce_the_receivable_like_returns() {
        for kind in [AdjustKind::Return, AdjustKind::Compensation, AdjustKind::Discount] {
            let mut f = File::default();
            f.delivery("a", "2025-01-01", "2025-01-31", 1000);
            f.delivery("b", "2025-01-02", "2025-02-01", 1000);
            let r = Adjustment { kind, date: d("2025-01-10"), fen: 250, approved: true, dlv: Some("b".into()), ..Default::default() };
            f.push("r", EntryBody::Return(r));
            let l = f.ledger("2025-02-15");
            assert_eq!(opens(&l), [("a", 1000), ("b", 750)], "{kind:?}");
            assert_eq!(l.aging, Aging { d1_30: 1750, ..Aging::default() }, "{kind:?}");
            assert_eq!(l.lines.last().map(|x| (x.kind, x.credit, x.balance)), Some((EntryKind::Return, 250, 1750)));
        }
    }

    #[test]
    fn dishonoured_note_reopens_the_receivables() {
        let mut f = File::default();
        f.delivery("a", "2025-01-01", "2025-01-31", 1000);
        f.bill("n", "2025-01-20", 1000, BillStatus::Unsettled);
        let l = f.ledger("2025-03-01");
        assert_eq!((l.open, l.unsettled_notes, l.exposure()), (0, 1000, 1000));
        f.0[1].body = EntryBody::Bill(Bill { fen: 1000, received: d("2025-01-20"), status: BillStatus::Dishonoured, ..Default::default() });
        let l = f.ledger("2025-03-01");
        assert_eq!((l.open, l.unsettled_notes, l.exposure()), (1000, 0, 1000));
        assert_eq!(l.aging.d1_30, 1000);
        let void = l.lines.iter().find(|x| x.kind == EntryKind::Bill).unwrap();
        assert!(void.void && void.credit == 0 && void.balance == 1000);
        // Settled: paid and no longer exposed.
        f.0[1].body = EntryBody::Bill(Bill { fen: 1000, received: d("2025-01-20"), status: BillStatus::Settled, ..Default::default() });
        let l = f.ledger("2025-03-01");
        assert_eq!((l.open, l.unsettled_notes, l.exposure()), (0, 0, 0));
    }

    #[test]
    fn unsettled_notes_count_in_exposure() {
        let mut f = File::default();
        f.delivery("a", "2025-01-01", "2025-01-31", 5000);
        f.bill("n", "2025-01-10", 2000, BillStatus::Unsettled);
        f.bill("m", "2025-01-11", 1000, BillStatus::Settled);
        let l = f.ledger("2025-01-12");
        assert_eq!((l.open, l.unsettled_notes, l.exposure()), (2000, 2000, 4000));
        let a = aging(&f.0, d("2025-01-12"));
        assert_eq!((a.open(), a.unsettled_notes, a.exposure()), (2000, 2000, 4000));
    }

    #[test]
    fn deleted_entries_do_not_count() {
        let mut f = File::default();
        f.delivery("a", "2025-01-01", "2025-01-31", 1000);
        f.payment("p", "2025-01-02", 1000, &[]);
        f.0[1].deleted = true;
        assert_eq!(f.ledger("2025-01-03").open, 1000);
        f.0[0].deleted = true;
        assert_eq!(f.ledger("2025-01-03").open, 0);
    }

    #[test]
    fn aging_bucket_edges() {
        let today = d("2025-06-30");
        for (days, bucket) in [
            (-5, AgingBucket::NotDue),
            (0, AgingBucket::NotDue),
            (1, AgingBucket::D1To30),
            (30, AgingBucket::D1To30),
            (31, AgingBucket::D31To60),
            (60, AgingBucket::D31To60),
            (61, AgingBucket::D61To90),
            (90, AgingBucket::D61To90),
            (91, AgingBucket::Over90),
        ] {
            assert_eq!(AgingBucket::of(days), bucket, "{days}");
            let due = today - chrono::TimeDelta::days(days);
            let mut f = File::default();
            f.delivery("a", "2024-01-01", &crate::validation::check::format_date(due), 700);
            let l = f.ledger("2025-06-30");
            assert_eq!(l.receivables[0].days_overdue, days);
            assert_eq!(l.aging.get(bucket), 700, "{days} days → {bucket:?}");
            assert_eq!(l.aging.total(), 700);
            let fast = aging(&f.0, today);
            assert_eq!(fast.aging, l.aging);
            assert_eq!(fast.max_days_overdue, days.max(0));
            assert_eq!(fast.oldest_due, (days > 0).then_some(due));
        }
    }

    #[test]
    fn aging_adds_up() {
        let a = Aging { not_due: 1, d1_30: 2, d31_60: 3, d61_90: 4, over_90: 5 };
        let mut t = a + a;
        assert_eq!(t, Aging { not_due: 2, d1_30: 4, d31_60: 6, d61_90: 8, over_90: 10 });
        t += a;
        assert_eq!(t.total(), 45);
        assert_eq!(t.overdue(), 42);
        assert_eq!(AgingBucket::Over90.label(crate::primitives::lang::Lang::Zh), "逾期90天以上");
    }

    #[test]
    fn cutoff_replays_only_earlier_entries() {
        let mut f = File::default();
        f.delivery("a", "2025-01-01", "2025-01-31", 1000);
        f.payment("p", "2025-02-01", 400, &[]);
        f.delivery("b", "2025-03-01", "2025-03-31", 100);
        let l = CustomerLedger::build_until(&f.0, Some(d("2025-02-01")), d("2025-06-01"));
        assert_eq!((l.open, l.lines.len()), (600, 2));
        let l = CustomerLedger::build_until(&f.0, Some(d("2024-12-31")), d("2025-06-01"));
        assert_eq!((l.open, l.lines.len()), (0, 0));
    }

    #[test]
    fn absurd_amounts_are_clamped_not_overflowed() {
        let mut f = File::default();
        f.delivery("a", "2025-01-01", "2025-01-31", i64::MAX);
        f.delivery("b", "2025-01-01", "2025-01-31", i64::MIN);
        f.payment("p", "2025-01-02", i64::MAX, &[("a", i64::MAX), ("a", i64::MIN)]);
        f.payment("q", "2025-01-02", i64::MIN, &[]);
        let l = f.ledger("2025-02-01");
        assert_eq!(l.receivables.iter().map(|r| r.amount).collect::<Vec<_>>(), [MAX_ENTRY_FEN, 0]);
        assert_eq!((l.open, l.credit_on_account), (0, 0));
    }
}
