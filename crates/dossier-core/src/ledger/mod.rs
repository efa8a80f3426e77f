//! The file of one customer (seed 000, 五大类): visits, activities, referrals, contracts and
//! orders, deliveries, payments, notes (票据), returns/compensation/discounts and documents.
//!
//! Every item is an [`Entry`]: its own record with id, stamps and tombstone, so two devices adding
//! entries to the same customer both keep them, and an edit merges as a whole (last writer wins).
//! Receivables, aging and reports are pure functions of the entries and `today`.
//!
//! # Wire format
//! 100,000 customers carry about 1,000,000 entries, so the hot names are short:
//!
//! | field | wire | note |
//! |---|---|---|
//! | `id` | `id` | |
//! | `customer_id` | `cid` | |
//! | `created` | `c` | [`Stamp`] |
//! | `stamp` | `s` | omitted while the entry is as created |
//! | `deleted` | `del` | omitted unless true |
//! | `body` | `b` | tagged by `t`: `vis` `act` `ref` `ord` `dlv` `pay` `bill` `ret` `doc`, the credit records `cinf` `clim` `cinv` `cmsr` `crel` ([`credit`]), `cmp` (complaint), `eval` (综合评价表), `tst` `tsp` (交易开始调查书, 中止交易) |
//!
//! Body fields: `d` is the entry's main date, `fen` an amount (or total) in fen, `rep` the sales rep,
//! `k` a kind code, `st` a status code, `no` a number, `dlv`/`oid` ids of a delivery/order.
//! Empty and default values are left out, e.g.
//! `{"id":"…","cid":"…","c":{"at":{"ms":1735722000000},"dev":"…"},"b":{"t":"pay","d":"2025-01-01","fen":1250000,"rep":"王伟"}}`.

mod account;
mod activity;
mod adjust;
mod complaint;
pub mod credit;
mod document;
mod evaluation;
mod facts;
mod holds;
mod order;
mod payment;
mod receivables;
mod report;
mod validate;
mod visit;

pub use account::{TradeStart, TradeStop};
pub use activity::{Activity, Referral};
pub use complaint::{compensation_entry_id, compensation_of, fields_needed, next_step, Complaint};
pub use evaluation::{EvalRow, Evaluation};
pub use facts::{ComplaintFact, FileFacts, ProductSales};
pub use holds::FileHolds;
pub use adjust::Adjustment;
pub use document::{check_document, Document, DOCUMENT_TYPES, MAX_DOCUMENT_BYTES};
pub use order::{
    line_amount, next_order_no, open_order_value, open_order_value_except, order_detail, order_no_heads, order_progress, ordered_products, Delivery,
    DeliveryDone, DeliveryLine, LineProgress, Order, OrderDetail, OrderLine, OrderState, PaymentDone,
};
pub use payment::{Allocation, Bill, Payment};
pub use receivables::{aging, aging_table, Aging, AgingBucket, AgingRow, CustomerAging, CustomerLedger, LedgerLine, LedgerScratch, OpenItems, Receivable, applications, Application};
pub use report::{
    group_by_customer, monthly, monthly_by_rep, overdue_list, period_balance, referral_counts, sales_series, MonthFigures,
    OverdueRow, PeriodBalance, ReferralCount, RepMonth, YearMonth, VIP_REFERRALS_PER_YEAR,
};
pub use validate::{entry_to_raw, eval_key, validate_entry, LedgerContext, MAX_QTY};
pub use visit::Visit;
// Defined lower down, where the forms (which offer these codes as choices) and the card (which
// has a credit period) can use them too.
pub use crate::customer::DEFAULT_CREDIT_DAYS;
pub use crate::primitives::ledger_codes::{
    ActivityKind, AdjustKind, BillKind, BillStatus, ComplaintKind, ComplaintStep, DocKind, EvalItem, OrderStatus, PayMethod, Remedy,
    Responsibility, VisitMethod, VisitRole,
};

use crate::customer::card::CardBody;
use crate::customer::owner::Rep;
use crate::customer::Customer;
use crate::primitives::clock::Stamp;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Hard cap for any one amount in the file: 10亿元. Above it a form is always refused, and
/// computations clamp to it, so sums over a million entries cannot overflow `i64`.
pub const MAX_ENTRY_FEN: i64 = 100_000_000_000;

coded! {
    /// What an entry is; the timeline filters by it.
    pub enum EntryKind {
        Visit = "visit", "拜访", "Visit";
        Activity = "activity", "活动", "Activity";
        Referral = "referral", "介绍", "Referral";
        Order = "order", "合同订单", "Contract / order";
        Delivery = "delivery", "出货", "Delivery";
        Payment = "payment", "回款", "Payment";
        Bill = "note", "票据", "Note (bill)";
        Return = "return", "退赔折价", "Return / compensation / discount";
        Document = "document", "资料", "Document";
        Credit = "credit", "信用", "Credit";
        Complaint = "complaint", "客户投诉", "Complaint";
        Evaluation = "evaluation", "综合评价", "Overall evaluation";
        TradeStart = "trade_start", "交易开始调查书", "Trade start survey";
        TradeStop = "trade_stop", "中止交易", "Trade stopped";
    }
}

/// What an entry says; internally tagged with a short `t`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t")]
pub enum EntryBody {
    #[serde(rename = "vis")]
    Visit(Visit),
    #[serde(rename = "act")]
    Activity(Activity),
    #[serde(rename = "ref")]
    Referral(Referral),
    #[serde(rename = "ord")]
    Order(Order),
    #[serde(rename = "dlv")]
    Delivery(Delivery),
    #[serde(rename = "pay")]
    Payment(Payment),
    #[serde(rename = "bill")]
    Bill(Bill),
    #[serde(rename = "ret")]
    Return(Adjustment),
    #[serde(rename = "doc")]
    Document(Document),
    /// 信用资料 (see [`credit`]).
    #[serde(rename = "cinf")]
    CreditInfo(credit::CreditInfo),
    /// 信用限度核定.
    #[serde(rename = "clim")]
    CreditLimit(crate::credit::Approval),
    /// 客户信用调查.
    #[serde(rename = "cinv")]
    Investigation(Box<credit::Investigation>),
    /// 对策.
    #[serde(rename = "cmsr")]
    Countermeasure(crate::credit::CountermeasureTaken),
    /// 放行 of an order held by credit.
    #[serde(rename = "crel")]
    Release(credit::Release),
    /// 客户投诉 ([`Complaint`]).
    #[serde(rename = "cmp")]
    Complaint(Box<Complaint>),
    /// 客户情况综合评价表.
    #[serde(rename = "eval")]
    Evaluation(Evaluation),
    /// 交易开始调查书.
    #[serde(rename = "tst")]
    TradeStart(TradeStart),
    /// 中止交易.
    #[serde(rename = "tsp")]
    TradeStop(TradeStop),
}

// A visit carries no money, so a default body can never move a balance.
impl Default for EntryBody {
    fn default() -> Self {
        EntryBody::Visit(Visit::default())
    }
}

/// The rep an entry counts for: one of the archive's reps by id, or a name as written (an entry
/// from before reps were linked, or someone not on the list; empty: nobody). Grouping by this
/// keeps a renamed rep's entries together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RepRef<'a> {
    Id(&'a str),
    Named(&'a str),
}

impl<'a> RepRef<'a> {
    pub fn of(name: &'a str, id: &'a str) -> RepRef<'a> {
        if id.is_empty() { RepRef::Named(name) } else { RepRef::Id(id) }
    }

    /// As shown now: a linked rep's current name, else the written name; `None` for an id
    /// that is not in `reps` (then show a name as written on the entry).
    pub fn name(self, reps: &'a [Rep]) -> Option<&'a str> {
        match self {
            RepRef::Id(id) => reps.iter().find(|r| r.id == id).map(|r| r.name.as_str()),
            RepRef::Named(name) => Some(name),
        }
    }
}

impl EntryBody {
    /// The rep (业务员) the entry names, as (name as written, rep id or ""), for the kinds that
    /// have one.
    pub fn rep(&self) -> Option<(&str, &str)> {
        match self {
            EntryBody::Visit(v) => Some((&v.rep, &v.rep_id)),
            EntryBody::Order(o) => Some((&o.rep, &o.rep_id)),
            EntryBody::Payment(p) => Some((&p.rep, &p.rep_id)),
            EntryBody::Bill(b) => Some((&b.rep, &b.rep_id)),
            EntryBody::Complaint(c) => Some((&c.owner, &c.owner_id)),
            _ => None,
        }
    }

    /// The rep's name as shown now: a linked rep's current name (renamed or not), else the name
    /// as written (entries from before reps were linked, or someone not on the list).
    pub fn rep_name<'a>(&'a self, reps: &'a [Rep]) -> &'a str {
        let Some((name, id)) = self.rep() else { return "" };
        RepRef::of(name, id).name(reps).unwrap_or(name)
    }

    /// Who the entry counts for, for grouping by rep: the linked rep's id, else the name as
    /// written.
    pub fn rep_ref(&self) -> Option<RepRef<'_>> {
        self.rep().map(|(name, id)| RepRef::of(name, id))
    }

    /// The category, for the timeline filter and the form to edit it with.
    pub fn kind(&self) -> EntryKind {
        match self {
            EntryBody::Visit(_) => EntryKind::Visit,
            EntryBody::Activity(_) => EntryKind::Activity,
            EntryBody::Referral(_) => EntryKind::Referral,
            EntryBody::Order(_) => EntryKind::Order,
            EntryBody::Delivery(_) => EntryKind::Delivery,
            EntryBody::Payment(_) => EntryKind::Payment,
            EntryBody::Bill(_) => EntryKind::Bill,
            EntryBody::Return(_) => EntryKind::Return,
            EntryBody::Document(_) => EntryKind::Document,
            EntryBody::CreditInfo(_)
            | EntryBody::CreditLimit(_)
            | EntryBody::Investigation(_)
            | EntryBody::Countermeasure(_)
            | EntryBody::Release(_) => EntryKind::Credit,
            EntryBody::Complaint(_) => EntryKind::Complaint,
            EntryBody::Evaluation(_) => EntryKind::Evaluation,
            EntryBody::TradeStart(_) => EntryKind::TradeStart,
            EntryBody::TradeStop(_) => EntryKind::TradeStop,
        }
    }

    /// The date the timeline sorts by: when it happened (a visit not yet made: when planned;
    /// a note: when received). A visit without either date sorts first.
    pub fn date(&self) -> NaiveDate {
        match self {
            EntryBody::Visit(v) => v.actual.or(v.planned).unwrap_or_default(),
            EntryBody::Activity(a) => a.date,
            EntryBody::Referral(r) => r.date,
            EntryBody::Order(o) => o.date,
            EntryBody::Delivery(d) => d.date,
            EntryBody::Payment(p) => p.date,
            EntryBody::Bill(b) => b.received,
            EntryBody::Return(r) => r.date,
            EntryBody::Document(d) => d.date,
            EntryBody::CreditInfo(c) => c.date,
            EntryBody::CreditLimit(a) => a.date,
            EntryBody::Investigation(i) => i.review.date,
            EntryBody::Countermeasure(c) => c.date,
            EntryBody::Release(r) => r.date,
            EntryBody::Complaint(c) => c.received,
            EntryBody::Evaluation(e) => e.date,
            EntryBody::TradeStart(t) => t.date,
            EntryBody::TradeStop(t) => t.date,
        }
    }
}

record! {
    /// One item in a customer's file. Wire names in the module docs.
    pub struct Entry {
        pub id: String,
        #[serde(rename = "cid")]
        pub customer_id: String,
        #[serde(rename = "c")]
        pub created: Stamp,
        /// Last write. Zero means "as created" (like [`crate::customer::PartStamps`]), which keeps
        /// a second device id out of most entries; see [`Entry::last_write`].
        #[serde(rename = "s")]
        pub stamp: Stamp,
        /// Tombstone: entries are never hard-deleted, so deletes merge like edits.
        #[serde(rename = "del")]
        pub deleted: bool,
        #[serde(rename = "b")]
        pub body: EntryBody,
    }
}

impl Entry {
    /// A new entry as created on one device; `stamp` stays zero until the first edit.
    pub fn new(id: String, customer_id: String, body: EntryBody, created: Stamp) -> Entry {
        Entry { id, customer_id, created, stamp: Stamp::default(), deleted: false, body }
    }

    /// See [`EntryBody::date`].
    pub fn date(&self) -> NaiveDate {
        self.body.date()
    }

    pub fn category(&self) -> EntryKind {
        self.body.kind()
    }

    /// The stamp that orders writes of this entry: the last edit, or the creation.
    pub fn last_write(&self) -> &Stamp {
        if self.stamp > self.created {
            &self.stamp
        } else {
            &self.created
        }
    }

    /// Saves an edit (or a delete): the whole entry is the unit of merge.
    pub fn set_body(&mut self, body: EntryBody, stamp: Stamp) {
        self.body = body;
        self.stamp = stamp;
    }

    /// Marks the entry deleted (a tombstone that merges like an edit).
    pub fn delete(&mut self, stamp: Stamp) {
        self.deleted = true;
        self.stamp = stamp;
    }
}

/// Merges two copies of the same entry (same id): the later write wins whole. Equal stamps can
/// only come from a corrupt copy; the tombstone, then the larger JSON, wins so the result is
/// still the same on every device. Commutative, associative and idempotent.
pub fn merge_entry(a: &Entry, b: &Entry) -> Entry {
    let pick_b = match a.last_write().cmp(b.last_write()) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Greater => false,
        std::cmp::Ordering::Equal => match a.deleted.cmp(&b.deleted) {
            std::cmp::Ordering::Equal => {
                let json = |e: &Entry| serde_json::to_string(e).unwrap_or_default();
                json(b) > json(a)
            }
            o => o.is_lt(),
        },
    };
    if pick_b { b.clone() } else { a.clone() }
}

/// The customer's entries for the timeline, newest first, optionally of some kinds only.
/// Deleted entries are left out.
pub fn timeline<'a>(entries: &'a [Entry], kinds: &[EntryKind]) -> Vec<&'a Entry> {
    let mut v: Vec<&Entry> = entries
        .iter()
        .filter(|e| !e.deleted && (kinds.is_empty() || kinds.contains(&e.category())))
        .collect();
    v.sort_by(|a, b| b.date().cmp(&a.date()).then_with(|| b.created.cmp(&a.created)).then_with(|| b.id.cmp(&a.id)));
    v
}

/// The UTC calendar day of a stamp (`None` only for absurd values).
pub fn stamp_date(s: &Stamp) -> Option<NaiveDate> {
    const MS_PER_DAY: u64 = 86_400_000;
    let days = i64::try_from(s.at.ms / MS_PER_DAY).ok()?;
    NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_days(chrono::Days::new(u64::try_from(days).ok()?))
}

/// From when the customer existed for us: the day its card was created or, for an enterprise
/// entered after the fact, the card's 开发日期 or 首次交易日期 if earlier. Actual dates in the file
/// may not be earlier than this.
pub fn customer_since(c: &Customer) -> NaiveDate {
    let created = stamp_date(&c.created).unwrap_or_default();
    match &c.body {
        CardBody::Enterprise(e) => [e.business.developed, e.basic.first_trade].into_iter().flatten().fold(created, NaiveDate::min),
        CardBody::Individual(i) => i.trading.first_trade.map_or(created, |d| d.min(created)),
    }
}

/// Clamps an amount into 0..=[`MAX_ENTRY_FEN`], so arithmetic on stored data never overflows.
pub(crate) fn clamp_fen(fen: i64) -> i64 {
    fen.clamp(0, MAX_ENTRY_FEN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::clock::Hlc;

    fn st(ms: u64, dev: &str) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, dev)
    }

    fn pay(fen: i64) -> EntryBody {
        EntryBody::Payment(Payment { date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), fen, ..Default::default() })
    }

    #[test]
    fn wire_names_are_short_and_defaults_vanish() {
        let e = Entry::new("e1".into(), "c1".into(), pay(1_250_000), st(1_735_722_000_000, "d"));
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"id":"e1","cid":"c1","c":{"at":{"ms":1735722000000},"dev":"d"},"b":{"t":"pay","d":"2025-01-01","fen":1250000}}"#
        );
        assert_eq!(serde_json::from_str::<Entry>(&json).unwrap(), e);
        let mut d = e.clone();
        d.delete(st(1_735_722_000_001, "x"));
        let json = serde_json::to_string(&d).unwrap();
        assert!(json.contains(r#""s":{"at":{"ms":1735722000001},"dev":"x"}"#) && json.contains(r#""del":true"#), "{json}");
        assert_eq!(serde_json::from_str::<Entry>(&json).unwrap(), d);
    }

    #[test]
    fn unknown_and_missing_fields_load() {
        let e: Entry = serde_json::from_str(r#"{"id":"x","b":{"t":"vis","d":"2025-02-03","future":1},"zz":2}"#).unwrap();
        assert_eq!(e.category(), EntryKind::Visit);
        assert_eq!(e.date(), NaiveDate::from_ymd_opt(2025, 2, 3).unwrap());
        let e: Entry = serde_json::from_str(r#"{"id":"x"}"#).unwrap();
        assert_eq!(e.body, EntryBody::default());
        assert!(serde_json::from_str::<Entry>(r#"{"id":"x","b":{"t":"nope"}}"#).is_err());
    }

    #[test]
    fn merge_takes_the_later_write_whole() {
        let base = Entry::new("e".into(), "c".into(), pay(100), st(10, "a"));
        let mut a = base.clone();
        a.set_body(pay(200), st(20, "a"));
        let mut b = base.clone();
        b.delete(st(30, "b"));
        assert_eq!(merge_entry(&a, &b), b);
        assert_eq!(merge_entry(&b, &a), b);
        assert_eq!(merge_entry(&a, &base), a);
        assert_eq!(merge_entry(&base, &a), a);
        assert_eq!(merge_entry(&a, &a), a);
        // A corrupt copy with the same stamp: both devices still pick the same one.
        let mut c = a.clone();
        c.body = pay(300);
        assert_eq!(merge_entry(&a, &c), merge_entry(&c, &a));
        let mut t = a.clone();
        t.deleted = true;
        assert_eq!(merge_entry(&a, &t), t);
        assert_eq!(merge_entry(&t, &a), t);
    }

    #[test]
    fn timeline_filters_and_sorts_newest_first() {
        let d = |m: u32| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
        let visit = |m| EntryBody::Visit(Visit { planned: Some(d(m)), ..Default::default() });
        let mut es = vec![
            Entry::new("a".into(), "c".into(), visit(3), st(1, "d")),
            Entry::new("b".into(), "c".into(), pay(1), st(2, "d")),
            Entry::new("c".into(), "c".into(), visit(5), st(3, "d")),
        ];
        es[2].delete(st(4, "d"));
        let ids = |v: Vec<&Entry>| v.into_iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(timeline(&es, &[])), ["a", "b"]);
        assert_eq!(ids(timeline(&es, &[EntryKind::Payment])), ["b"]);
        assert_eq!(EntryKind::Bill.code(), "note");
    }

    #[test]
    fn since_is_the_earliest_known_date() {
        use crate::customer::card::{validate_card, Kind};
        let raw = crate::forms::flat_values([("name", "甲"), ("developed", "2020-05-06")].iter().copied());
        let body = validate_card(Kind::Enterprise, &raw, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
        // 2025-01-01T09:00Z
        let c = Customer::new("c".into(), "r".into(), body, st(1_735_722_000_000, "d"));
        assert_eq!(customer_since(&c), NaiveDate::from_ymd_opt(2020, 5, 6).unwrap());
        let c = Customer::new("c".into(), "r".into(), CardBody::default(), st(1_735_722_000_000, "d"));
        assert_eq!(customer_since(&c), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        // An individual's 首次交易日期 reaches back too; a later one does not move the start.
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let person = |first: &str| {
            let raw = crate::forms::flat_values([("name", "张三"), ("first_trade", first)].iter().copied());
            Customer::new("p".into(), "r".into(), validate_card(Kind::Individual, &raw, today).unwrap(), st(1_735_722_000_000, "d"))
        };
        assert_eq!(customer_since(&person("2019-03-08")), NaiveDate::from_ymd_opt(2019, 3, 8).unwrap());
        assert_eq!(customer_since(&person("2025-06-01")), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        assert_eq!(customer_since(&person("")), NaiveDate::from_ymd_opt(2025, 1, 1).unwrap());
        // In the future: refused like the enterprise's.
        let raw = crate::forms::flat_values([("name", "张三"), ("first_trade", "2026-02-01")].iter().copied());
        assert!(validate_card(Kind::Individual, &raw, today).is_err());
    }
}
