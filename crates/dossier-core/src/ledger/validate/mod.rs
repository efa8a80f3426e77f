//! Raw form → entry body, collecting every problem with the field it belongs to (like the card),
//! and back. Rules that need the rest of the file (what an order still has to deliver, what the
//! customer owes) read it from the [`LedgerContext`].
//!
//! Dates: what happened (an actual visit, an order, a delivery, a payment, a note received, a
//! return, an activity other than an appointment) lies between the day the customer existed and
//! today. Planned, next, requested and due dates may lie in the future. Referral and document
//! dates may precede the customer (a licence is older than our file) but not today.
//!
//! Here: the context, the field helpers, [`validate_entry`] and [`entry_to_raw`]. The rules of
//! each form are in `visits.rs` (visits, activities, referrals), `orders.rs` (orders,
//! deliveries), `payments.rs` (payments, notes, returns) and `documents.rs`, each with its tests.

mod complaints;
mod documents;
mod orders;
mod payments;
mod visits;

use super::receivables::CustomerLedger;
use super::*;
use crate::forms::{FieldError, Form, RawForm, Reader, Writer};
use crate::validation::{check, Problem};
use crate::customer::owner::Rep;
use chrono::NaiveDate;
pub use complaints::eval_key;
use complaints::{read_complaint, read_evaluation, read_trade_start, read_trade_stop};
use documents::read_document;
use orders::{read_delivery, read_order};
use payments::{read_bill, read_payment, read_return};
use visits::{read_activity, read_referral, read_visit};

/// Largest quantity on one line: catches typos, not real orders.
pub const MAX_QTY: u32 = 1_000_000_000;

/// What validation needs to know about the rest of the customer's file.
#[derive(Clone, Copy, Debug)]
pub struct LedgerContext<'a> {
    pub customer_id: &'a str,
    /// The day the customer existed from ([`super::customer_since`]).
    pub since: NaiveDate,
    pub today: NaiveDate,
    /// The customer's entries as stored; deleted ones are ignored.
    pub entries: &'a [Entry],
    /// Id of the entry being edited: it is left out of what remains to deliver and what is owed.
    pub editing: Option<&'a str>,
    /// Days from delivery to payment due (信用期间).
    pub credit_days: u32,
    /// The user confirmed a warning (a payment above what the customer owes).
    pub confirmed: bool,
    /// The archive's reps (业务员): a rep named on an entry is linked by id.
    pub reps: &'a [Rep],
}

impl<'a> LedgerContext<'a> {
    /// A new entry, default credit period, nothing confirmed.
    pub fn new(customer_id: &'a str, since: NaiveDate, today: NaiveDate, entries: &'a [Entry]) -> LedgerContext<'a> {
        LedgerContext { customer_id, since, today, entries, editing: None, credit_days: DEFAULT_CREDIT_DAYS, confirmed: false, reps: &[] }
    }

    /// The rep a form names, as (name, id): one of the archive's reps by id or by name (a
    /// current rep before one who left), else the text as written with no id.
    fn rep_of(&self, written: String) -> (String, String) {
        let by = |live: bool| self.reps.iter().find(|r| (r.id == written || r.name == written) && (r.deleted != live));
        match by(true).or_else(|| by(false)) {
            Some(r) => (r.name.clone(), r.id.clone()),
            None => (written, String::new()),
        }
    }

    fn live(&self) -> impl Iterator<Item = &'a Entry> + '_ {
        self.entries.iter().filter(move |e| !e.deleted && Some(e.id.as_str()) != self.editing)
    }

    fn order(&self, id: &str) -> Option<&'a Order> {
        self.live().find_map(|e| match &e.body {
            EntryBody::Order(o) if e.id == id => Some(o),
            _ => None,
        })
    }

    fn delivery(&self, id: &str) -> Option<&'a Delivery> {
        self.live().find_map(|e| match &e.body {
            EntryBody::Delivery(d) if e.id == id => Some(d),
            _ => None,
        })
    }

    /// The ledger without the edited entry, optionally only up to a date.
    fn ledger(&self, until: Option<NaiveDate>) -> CustomerLedger<'a> {
        CustomerLedger::build_inner(self.entries, self.editing, until, self.today)
    }
}

impl EntryKind {
    /// The form (field list) the app shows for this kind of entry.
    pub fn form(self) -> Form {
        match self {
            EntryKind::Visit => Form::Visit,
            EntryKind::Activity => Form::Activity,
            EntryKind::Referral => Form::Referral,
            EntryKind::Order => Form::Order,
            EntryKind::Delivery => Form::Delivery,
            EntryKind::Payment => Form::Payment,
            EntryKind::Bill => Form::Bill,
            EntryKind::Return => Form::Return,
            EntryKind::Document => Form::Document,
            EntryKind::Credit => Form::Credit,
            EntryKind::Complaint => Form::Complaint,
            EntryKind::Evaluation => Form::Evaluation,
            EntryKind::TradeStart => Form::TradeStart,
            EntryKind::TradeStop => Form::TradeStop,
        }
    }
}

/// Checks every field of an entry form; on success the body holds normalised values.
pub fn validate_entry(kind: EntryKind, raw: &RawForm, ctx: &LedgerContext) -> Result<EntryBody, Vec<FieldError>> {
    let mut r = Reader::new(kind.form(), raw, ctx.today);
    let body = match kind {
        EntryKind::Visit => EntryBody::Visit(read_visit(&mut r, ctx)),
        EntryKind::Activity => EntryBody::Activity(read_activity(&mut r, ctx)),
        EntryKind::Referral => EntryBody::Referral(read_referral(&mut r, ctx)),
        EntryKind::Order => EntryBody::Order(read_order(&mut r, ctx)),
        EntryKind::Delivery => EntryBody::Delivery(read_delivery(&mut r, ctx)),
        EntryKind::Payment => EntryBody::Payment(read_payment(&mut r, ctx)),
        EntryKind::Bill => EntryBody::Bill(read_bill(&mut r, ctx)),
        EntryKind::Return => EntryBody::Return(read_return(&mut r, ctx)),
        EntryKind::Document => EntryBody::Document(read_document(&mut r)),
        // Credit records are made by `commands::credit`, never from a generic entry form.
        EntryKind::Credit => return Err(vec![FieldError { field: "kind".into(), problem: Problem::WrongKind, form: Form::Credit }]),
        EntryKind::Complaint => EntryBody::Complaint(Box::new(read_complaint(&mut r, ctx))),
        EntryKind::Evaluation => EntryBody::Evaluation(read_evaluation(&mut r, ctx)),
        EntryKind::TradeStart => EntryBody::TradeStart(read_trade_start(&mut r, ctx)),
        EntryKind::TradeStop => EntryBody::TradeStop(read_trade_stop(&mut r, ctx)),
    };
    r.finish(body)
}

// ---- field helpers ----

fn required_date(r: &mut Reader, key: &str) -> Option<NaiveDate> {
    if r.get(key).is_empty() {
        r.fail(key, Problem::Required);
        return None;
    }
    r.date(key)
}

/// Something that happened: not after today, not before the customer existed.
fn actual_date(r: &mut Reader, key: &str, ctx: &LedgerContext, required: bool) -> Option<NaiveDate> {
    let d = if required { required_date(r, key)? } else { r.date(key)? };
    if d > ctx.today {
        r.fail(key, Problem::FutureDate);
    } else if d < ctx.since {
        r.fail(key, Problem::BeforeCustomer(ctx.since));
    }
    Some(d)
}

fn past_date(r: &mut Reader, key: &str, ctx: &LedgerContext) -> Option<NaiveDate> {
    let d = required_date(r, key)?;
    if d > ctx.today {
        r.fail(key, Problem::FutureDate);
    }
    Some(d)
}

fn amount_of(s: &str) -> Result<i64, Problem> {
    match check::money(s)? {
        0 => Err(Problem::NotPositive),
        f if f > MAX_ENTRY_FEN => Err(Problem::OverCap(MAX_ENTRY_FEN)),
        f => Ok(f),
    }
}

/// A required amount above zero and within the cap.
fn amount(r: &mut Reader, key: &str) -> i64 {
    if r.get(key).is_empty() {
        r.fail(key, Problem::Required);
        return 0;
    }
    r.check(key, amount_of).unwrap_or(0)
}

fn qty_of(s: &str) -> Result<i64, Problem> {
    match check::count(s, MAX_QTY) {
        Ok(0) | Err(Problem::Negative) => Err(Problem::NotPositive),
        Ok(n) => Ok(i64::from(n)),
        Err(p) => Err(p),
    }
}

fn choice_or_default<T: crate::primitives::codes::Coded + Default>(r: &mut Reader, key: &str) -> T {
    r.choice(key).unwrap_or_default()
}

fn required_choice<T: crate::primitives::codes::Coded + Default>(r: &mut Reader, key: &str) -> T {
    if r.get(key).is_empty() {
        r.fail(key, Problem::Required);
    }
    choice_or_default(r, key)
}

fn opt_text(r: &mut Reader, key: &str) -> Option<String> {
    Some(r.text(key)).filter(|s| !s.is_empty())
}

/// The customer must be able to pay this much without ending up in credit, unless confirmed.
fn check_owed(r: &mut Reader, key: &str, fen: i64, ctx: &LedgerContext) {
    if fen <= 0 || ctx.confirmed {
        return;
    }
    let owed = ctx.ledger(None).balance().max(0);
    if fen > owed {
        r.fail(key, Problem::ExceedsOpenBalance { open: owed });
    }
}

// ---- the forms: visits.rs, orders.rs, payments.rs, documents.rs ----

// ---- back to raw, for editing ----

/// The form values of an entry; validating them again gives the same body (given the same file).
pub fn entry_to_raw(body: &EntryBody) -> RawForm {
    let mut w = Writer::default();
    match body {
        EntryBody::Visit(v) => {
            w.choice("method", Some(v.method));
            w.date("planned", v.planned);
            w.date("actual", v.actual);
            w.text("rep", &v.rep);
            w.multi("with", &v.with);
            w.text("purpose", &v.purpose);
            w.text("outcome", &v.outcome);
            w.text("next_step", &v.next);
            w.date("next_date", v.next_date);
        }
        EntryBody::Activity(a) => {
            w.choice("kind", Some(a.kind));
            w.date("date", Some(a.date));
            w.text("note", &a.note);
            w.money("cost", (a.cost_fen != 0).then_some(a.cost_fen));
        }
        EntryBody::Referral(x) => {
            w.date("date", Some(x.date));
            w.text("by_customer", x.by_customer.as_deref().unwrap_or(""));
            w.text("by_contact", x.by_contact.as_deref().unwrap_or(""));
            w.text("by_name", &x.by_name);
            w.text("note", &x.note);
        }
        EntryBody::Order(o) => {
            w.text("no", &o.no);
            w.date("date", Some(o.date));
            let rows = o.lines.iter().map(|l| vec![l.product.clone(), l.qty.to_string(), crate::primitives::money::format_yuan(l.unit_fen), l.unit.clone()]);
            w.rows("lines", rows.collect());
            w.choice("status", Some(o.status));
            w.flag("cash", o.cash);
            w.date("requested", o.requested);
            w.text("rep", &o.rep);
            w.text("note", &o.note);
        }
        EntryBody::Delivery(d) => {
            w.text("order", &d.oid);
            w.date("date", Some(d.date));
            let rows = d.lines.iter().map(|l| vec![(u64::from(l.line) + 1).to_string(), l.qty.to_string()]);
            w.rows("lines", rows.collect());
            w.date("due", Some(d.due));
            w.text("note", &d.note);
        }
        EntryBody::Payment(p) => {
            w.date("date", Some(p.date));
            w.money("amount", Some(p.fen));
            w.choice("method", Some(p.method));
            let rows = p.allocations.iter().map(|a| vec![a.dlv.clone(), crate::primitives::money::format_yuan(a.fen)]);
            w.rows("allocations", rows.collect());
            w.text("rep", &p.rep);
            w.text("note", &p.note);
        }
        EntryBody::Bill(b) => {
            w.choice("kind", Some(b.kind));
            w.text("no", &b.no);
            w.money("amount", Some(b.fen));
            w.date("received", Some(b.received));
            w.date("issued", b.issued);
            w.date("due", Some(b.due));
            w.choice("status", Some(b.status));
            w.text("rep", &b.rep);
            w.text("note", &b.note);
        }
        EntryBody::Return(a) => {
            w.choice("kind", Some(a.kind));
            w.date("date", Some(a.date));
            w.money("amount", Some(a.fen));
            w.text("delivery", a.dlv.as_deref().unwrap_or(""));
            w.text("reason", &a.reason);
            w.choice("responsibility", a.responsibility);
            w.flag("approved", a.approved);
            w.text("approver", &a.approver);
        }
        EntryBody::Document(d) => {
            w.choice("kind", Some(d.kind));
            w.date("date", Some(d.date));
            w.text("name", &d.name);
            w.text("mime", &d.mime);
            w.text("size", &d.size.to_string());
            w.text("blob", &d.blob);
            w.text("note", &d.note);
        }
        // No generic form shows a credit record.
        EntryBody::CreditInfo(_) | EntryBody::CreditLimit(_) | EntryBody::Investigation(_) | EntryBody::Countermeasure(_) | EntryBody::Release(_) => {}
        EntryBody::Complaint(c) => complaints::write_complaint(&mut w, c),
        EntryBody::Evaluation(e) => complaints::write_evaluation(&mut w, e),
        EntryBody::TradeStart(t) => complaints::write_trade_start(&mut w, t),
        EntryBody::TradeStop(t) => complaints::write_trade_stop(&mut w, t),
    }
    w.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::clock::{Hlc, Stamp};
    use crate::primitives::lang::Lang;

    // ---- fixtures, shared with the tests of each form ----

    pub(super) fn d(s: &str) -> NaiveDate {
        crate::validation::check::date(s).unwrap()
    }

    pub(super) fn raw(pairs: &[(&str, &str)]) -> RawForm {
        crate::forms::flat_values(pairs.iter().copied())
    }

    pub(super) fn entry(id: &str, n: u64, body: EntryBody) -> Entry {
        Entry::new(id.into(), "c".into(), body, Stamp::new(Hlc { ms: n, n: 0 }, "dev"))
    }

    /// Customer `c` since 2024-01-01. Order o1: line 1 10 × 100.00, line 2 5 × 20.00.
    /// d1 (01-15, due 02-14): 4 of line 1 = 400.00; d2 (02-01, due 03-03): 2 of line 1 and 5 of
    /// line 2 = 300.00; p1 (02-20) 300.00 pays d1 down to 100.00. Owed: 400.00.
    pub(super) fn file() -> Vec<Entry> {
        let lines = vec![
            OrderLine { product: "A".into(), qty: 10, unit_fen: 10_000, unit: String::new() },
            OrderLine { product: "B".into(), qty: 5, unit_fen: 2_000, unit: String::new() },
        ];
        let o = Order { no: "HT-1".into(), date: d("2025-01-10"), lines, rep: "王伟".into(), ..Default::default() };
        let d1 = Delivery {
            oid: "o1".into(),
            date: d("2025-01-15"),
            lines: vec![DeliveryLine { line: 0, qty: 4, unit_fen: 10_000 }],
            fen: 40_000,
            due: d("2025-02-14"),
            note: String::new(),
        };
        let d2 = Delivery {
            oid: "o1".into(),
            date: d("2025-02-01"),
            lines: vec![DeliveryLine { line: 0, qty: 2, unit_fen: 10_000 }, DeliveryLine { line: 1, qty: 5, unit_fen: 2_000 }],
            fen: 30_000,
            due: d("2025-03-03"),
            note: String::new(),
        };
        let p1 = Payment { date: d("2025-02-20"), fen: 30_000, ..Default::default() };
        vec![
            entry("o1", 1, EntryBody::Order(o)),
            entry("d1", 2, EntryBody::Delivery(d1)),
            entry("d2", 3, EntryBody::Delivery(d2)),
            entry("p1", 4, EntryBody::Payment(p1)),
        ]
    }

    pub(super) fn ctx(entries: &[Entry]) -> LedgerContext<'_> {
        LedgerContext::new("c", d("2024-01-01"), d("2025-06-30"), entries)
    }

    pub(super) fn run(kind: EntryKind, pairs: &[(&str, &str)], c: &LedgerContext) -> Result<EntryBody, Vec<(String, Problem)>> {
        match validate_entry(kind, &raw(pairs), c) {
            Ok(b) => {
                // Every valid body survives a trip through the form.
                assert_eq!(validate_entry(kind, &entry_to_raw(&b), c).as_ref(), Ok(&b), "{kind:?}");
                Ok(b)
            }
            Err(es) => {
                for e in &es {
                    let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
                    assert!(!zh.is_empty() && !en.is_empty() && zh != en);
                    assert!(!zh.contains(['(', ')', ';']) && !zh.contains(": "), "half-width punctuation: {zh}");
                    assert!(!en.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)), "{en}");
                }
                Err(es.into_iter().map(|e| (e.field, e.problem)).collect())
            }
        }
    }

    pub(super) fn problems(kind: EntryKind, pairs: &[(&str, &str)], c: &LedgerContext) -> Vec<(String, Problem)> {
        run(kind, pairs, c).err().unwrap_or_default()
    }

    /// Exactly one problem, on `field`.
    pub(super) fn one(kind: EntryKind, pairs: &[(&str, &str)], c: &LedgerContext, field: &str) -> Problem {
        let ps = problems(kind, pairs, c);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].0, field, "{ps:?}");
        ps[0].1.clone()
    }

    pub(super) fn with(base: &[(&'static str, &'static str)], extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        let mut v: Vec<_> = base.iter().filter(|(k, _)| !extra.iter().any(|(x, _)| x == k)).copied().collect();
        v.extend_from_slice(extra);
        v
    }

    pub(super) const VISIT: &[(&str, &str)] = &[("method", "visit"), ("actual", "2025-03-01"), ("rep", "王伟")];

    pub(super) const ORDER: &[(&str, &str)] = &[
        ("no", "HT-2"),
        ("date", "2025-03-01"),
        ("lines", r#"[["A","10","100.00"],["B","3","0"],["","",""]]"#),
        ("rep", "王伟"),
    ];

    pub(super) const DELIVERY: &[(&str, &str)] = &[("order", "o1"), ("date", "2025-03-01"), ("lines", r#"[["1","3"]]"#)];

    pub(super) const PAY: &[(&str, &str)] = &[("date", "2025-03-10"), ("amount", "150.00")];

    pub(super) const BILL: &[(&str, &str)] = &[("no", "31300051 20250310"), ("amount", "400"), ("received", "2025-03-10"), ("issued", "2025-03-01"), ("due", "2025-09-01")];

    pub(super) const RET: &[(&str, &str)] = &[("kind", "return"), ("date", "2025-03-05"), ("amount", "50"), ("reason", "包装破损"), ("delivery", "d2")];

    pub(super) const DOC: &[(&str, &str)] = &[("kind", "licence"), ("date", "2019-05-01"), ("name", "营业执照.jpg"), ("mime", "image/JPEG"), ("size", "2,000,000"), ("blob", "b1")];

    // ---- across the forms ----

    /// The four refusals the issue names, as the user reads them: the field's label first, in
    /// both languages, and nothing saved (an error, not a body).
    #[test]
    fn refusals_name_the_field_in_both_languages() {
        let f = file();
        let c = ctx(&f);
        let msgs = |kind, pairs: &[(&str, &str)], c: &LedgerContext| {
            let es = validate_entry(kind, &raw(pairs), c).unwrap_err();
            assert_eq!(es.len(), 1, "{es:?}");
            (es[0].message(Lang::Zh), es[0].message(Lang::En))
        };
        // Negative quantity, on an order and on a delivery.
        let (zh, en) = msgs(EntryKind::Order, &with(ORDER, &[("lines", r#"[["A","-2","10"]]"#)]), &c);
        assert_eq!((zh.as_str(), en.as_str()), ("订货明细：第1行“数量”：必须大于0", "Lines: row 1, Quantity: must be more than 0"));
        let (zh, en) = msgs(EntryKind::Delivery, &with(DELIVERY, &[("lines", r#"[["1","-1"]]"#)]), &c);
        assert_eq!((zh.as_str(), en.as_str()), ("出货明细：第1行“数量”：必须大于0", "Lines: row 1, Quantity: must be more than 0"));
        // Delivery beyond what the order still has to deliver (line 1: 4 left).
        let (zh, en) = msgs(EntryKind::Delivery, &with(DELIVERY, &[("lines", r#"[["1","5"]]"#)]), &c);
        assert_eq!(zh, "出货明细：第1行“数量”：超出订单剩余未出货数量（还剩 4）");
        assert_eq!(en, "Lines: row 1, Quantity: more than the order still has to deliver (4 remaining)");
        // A payment above what the customer owes (400.00) needs the user's confirmation.
        let (zh, en) = msgs(EntryKind::Payment, &with(PAY, &[("amount", "5000")]), &c);
        assert_eq!(zh, "回款金额：金额超过该客户的未收余额（400.00 元）；确认无误后，超出部分记为预收款");
        assert_eq!(en, "Amount: more than the customer's open balance (¥400.00); confirm to keep the excess as credit on account");
        assert!(run(EntryKind::Payment, &with(PAY, &[("amount", "5000")]), &LedgerContext { confirmed: true, ..c }).is_ok());
        // Actual dates before the customer existed (2024-01-01).
        for (kind, pairs, zh_label, en_label) in [
            (EntryKind::Order, with(ORDER, &[("date", "2023-12-31"), ("requested", "")]), "签订日期", "Order date"),
            (EntryKind::Payment, with(PAY, &[("date", "2023-12-31")]), "回款日期", "Payment date"),
            (EntryKind::Visit, with(VISIT, &[("actual", "2023-12-31")]), "实际拜访日期", "Actual date"),
            (EntryKind::Bill, with(BILL, &[("received", "2023-12-31"), ("issued", "")]), "收票日期", "Date received"),
        ] {
            let (zh, en) = msgs(kind, &pairs, &c);
            assert_eq!(zh, format!("{zh_label}：日期不能早于客户建档日期（2024-01-01）"), "{kind:?}");
            assert_eq!(en, format!("{en_label}: the date cannot be before the customer existed (2024-01-01)"), "{kind:?}");
        }
    }

    #[test]
    fn errors_come_in_form_order_with_labels() {
        let f = file();
        let e = validate_entry(EntryKind::Payment, &raw(&[("amount", "x"), ("date", "")]), &ctx(&f)).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["date", "amount"]);
        assert_eq!(e[0].message(Lang::Zh), "回款日期：必填");
        assert_eq!(e[1].message(Lang::En), "Amount: not a valid amount (e.g. 1,234.50)");
    }
}
