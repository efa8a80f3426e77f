//! Raw form → entry body, collecting every problem with the field it belongs to (like the card),
//! and back. Rules that need the rest of the file (what an order still has to deliver, what the
//! customer owes) read it from the [`LedgerContext`].
//!
//! Dates: what happened (an actual visit, an order, a delivery, a payment, a note received, a
//! return, an activity other than an appointment) lies between the day the customer existed and
//! today. Planned, next, requested and due dates may lie in the future. Referral and document
//! dates may precede the customer (a licence is older than our file) but not today.

use super::order::order_progress;
use super::receivables::CustomerLedger;
use super::*;
use crate::check::{self, Problem};
use crate::form::{FieldError, Reader, Writer};
use crate::schema::{Form, RawForm};
use chrono::NaiveDate;
use std::collections::BTreeSet;

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
}

impl<'a> LedgerContext<'a> {
    /// A new entry, default credit period, nothing confirmed.
    pub fn new(customer_id: &'a str, since: NaiveDate, today: NaiveDate, entries: &'a [Entry]) -> LedgerContext<'a> {
        LedgerContext { customer_id, since, today, entries, editing: None, credit_days: DEFAULT_CREDIT_DAYS, confirmed: false }
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

fn choice_or_default<T: crate::codes::Coded + Default>(r: &mut Reader, key: &str) -> T {
    r.choice(key).unwrap_or_default()
}

fn required_choice<T: crate::codes::Coded + Default>(r: &mut Reader, key: &str) -> T {
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

// ---- the forms ----

fn read_visit(r: &mut Reader, ctx: &LedgerContext) -> Visit {
    let method = required_choice(r, "method");
    let planned = r.date("planned");
    let actual = actual_date(r, "actual", ctx, false);
    let (planned_given, actual_given) = (!r.get("planned").is_empty(), !r.get("actual").is_empty());
    if !planned_given && !actual_given {
        r.fail("actual", Problem::VisitDate);
    }
    let next_date = r.date("next_date");
    if let (Some(n), Some(v)) = (next_date, actual.or(planned)) {
        if n < v {
            r.fail("next_date", Problem::NextBeforeVisit);
        }
    }
    Visit {
        method,
        planned,
        actual,
        rep: r.required("rep"),
        with: r.multi("with"),
        purpose: r.text("purpose"),
        outcome: r.text("outcome"),
        next: r.text("next_step"),
        next_date,
    }
}

fn read_activity(r: &mut Reader, ctx: &LedgerContext) -> Activity {
    let kind: ActivityKind = required_choice(r, "kind");
    let date = if kind == ActivityKind::Appointment {
        // An appointment is planned: the future is fine, before the customer is not.
        let d = required_date(r, "date");
        if d.is_some_and(|d| d < ctx.since) {
            r.fail("date", Problem::BeforeCustomer(ctx.since));
        }
        d
    } else {
        actual_date(r, "date", ctx, true)
    };
    let cost_fen = match r.get("cost") {
        "" => 0,
        s => match check::money(s) {
            Ok(f) if f > MAX_ENTRY_FEN => {
                r.fail("cost", Problem::OverCap(MAX_ENTRY_FEN));
                0
            }
            Ok(f) => f,
            Err(p) => {
                r.fail("cost", p);
                0
            }
        },
    };
    Activity { kind, date: date.unwrap_or_default(), note: r.text("note"), cost_fen }
}

fn read_referral(r: &mut Reader, ctx: &LedgerContext) -> Referral {
    let date = past_date(r, "date", ctx);
    let by_customer = opt_text(r, "by_customer");
    if by_customer.as_deref() == Some(ctx.customer_id) {
        r.fail("by_customer", Problem::SelfReferral);
    }
    let by_contact = opt_text(r, "by_contact");
    let by_name = r.text("by_name");
    if by_customer.is_none() && by_contact.is_none() && by_name.is_empty() {
        r.fail("by_name", Problem::ReferrerMissing);
    }
    Referral { date: date.unwrap_or_default(), by_customer, by_contact, by_name, note: r.text("note") }
}

fn read_order(r: &mut Reader, ctx: &LedgerContext) -> Order {
    const KEY: &str = "lines";
    let no = r.required("no");
    let date = actual_date(r, "date", ctx, true);
    let mut lines = Vec::new();
    let mut total = Some(0i64);
    for (i, row) in r.rows(KEY, 3).into_iter().enumerate() {
        if row[0].is_empty() {
            r.cell_fail(KEY, i, 0, Problem::Required);
        }
        let qty = match row[1].as_str() {
            "" => Err(Problem::Required),
            s => qty_of(s),
        };
        let qty = qty.map_err(|p| r.cell_fail(KEY, i, 1, p)).unwrap_or(0);
        let unit = match row[2].as_str() {
            "" => Err(Problem::Required),
            s => check::money(s),
        };
        let unit_fen = unit.map_err(|p| r.cell_fail(KEY, i, 2, p)).unwrap_or(0);
        match line_amount(qty, unit_fen) {
            Some(a) if a <= MAX_ENTRY_FEN => total = total.and_then(|t| t.checked_add(a)),
            _ => {
                r.cell_fail(KEY, i, 2, Problem::OverCap(MAX_ENTRY_FEN));
                total = None;
            }
        }
        lines.push(OrderLine { product: row[0].clone(), qty, unit_fen });
    }
    if lines.is_empty() && r.get(KEY).is_empty() {
        r.fail(KEY, Problem::Required);
    } else if lines.is_empty() {
        if !r.failed(KEY) {
            r.fail(KEY, Problem::NoLines);
        }
    } else if total.is_some_and(|t| t > MAX_ENTRY_FEN) {
        r.fail(KEY, Problem::OverCap(MAX_ENTRY_FEN));
    }
    // An edit may not cut a line below what has gone out already.
    if let Some(id) = ctx.editing {
        if let Some(progress) = order_progress(ctx.entries, id, None) {
            for (i, p) in progress.iter().enumerate().filter(|(_, p)| p.delivered > 0) {
                match lines.get(i) {
                    Some(l) if l.qty >= p.delivered => {}
                    Some(_) => r.cell_fail(KEY, i, 1, Problem::BelowDelivered { delivered: p.delivered }),
                    None => r.cell_fail(KEY, i, 1, Problem::BelowDelivered { delivered: p.delivered }),
                }
            }
        }
    }
    let requested = r.date("requested");
    if let (Some(q), Some(d)) = (requested, date) {
        if q < d {
            r.fail("requested", Problem::RequestedBeforeOrder);
        }
    }
    Order {
        no,
        date: date.unwrap_or_default(),
        lines,
        status: choice_or_default(r, "status"),
        requested,
        rep: r.required("rep"),
        note: r.text("note"),
    }
}

fn read_delivery(r: &mut Reader, ctx: &LedgerContext) -> Delivery {
    const KEY: &str = "lines";
    let oid = r.required("order");
    let order = if oid.is_empty() { None } else { ctx.order(&oid) };
    if !oid.is_empty() && order.is_none() {
        r.fail("order", Problem::UnknownOrder);
    }
    if let Some(o) = order {
        // A new delivery needs a released order; re-saving one that went out is always fine.
        let existing = ctx.editing.is_some_and(|id| {
            ctx.entries.iter().any(|e| e.id == id && matches!(&e.body, EntryBody::Delivery(d) if d.oid == oid))
        });
        let ships = matches!(o.status, OrderStatus::Open | OrderStatus::Delivered);
        if !ships && !existing {
            r.fail("order", Problem::OrderNotDeliverable(o.status));
        }
    }
    let date = actual_date(r, "date", ctx, true);
    if let (Some(d), Some(o)) = (date, order) {
        if d < o.date {
            r.fail("date", Problem::DeliveryBeforeOrder);
        }
    }
    let progress = order.and_then(|_| order_progress(ctx.entries, &oid, ctx.editing));
    let mut lines: Vec<DeliveryLine> = Vec::new();
    let mut total = Some(0i64);
    let mut seen = BTreeSet::new();
    for (i, row) in r.rows(KEY, 2).into_iter().enumerate() {
        let n = match row[0].as_str() {
            "" => Err(Problem::Required),
            s => check::count(s, u32::MAX),
        };
        let n = n.map_err(|p| r.cell_fail(KEY, i, 0, p)).ok();
        let qty = match row[1].as_str() {
            "" => Err(Problem::Required),
            s => qty_of(s),
        };
        let qty = qty.map_err(|p| r.cell_fail(KEY, i, 1, p)).unwrap_or(0);
        let (mut line, mut unit_fen) = (0u32, 0i64);
        if let (Some(n), Some(o)) = (n, order) {
            match n.checked_sub(1).and_then(|ix| o.lines.get(ix as usize).map(|l| (ix, l))) {
                None => r.cell_fail(KEY, i, 0, Problem::UnknownOrderLine(u64::from(n))),
                Some((ix, l)) => {
                    (line, unit_fen) = (ix, l.unit_fen);
                    if !seen.insert(ix) {
                        r.cell_fail(KEY, i, 0, Problem::DuplicateLine);
                    }
                    let remaining = progress.as_ref().and_then(|p| p.get(ix as usize)).map_or(0, |p| p.remaining);
                    if qty > remaining {
                        r.cell_fail(KEY, i, 1, Problem::BeyondOrdered { remaining });
                    }
                }
            }
        }
        total = total.and_then(|t| t.checked_add(line_amount(qty, unit_fen)?));
        lines.push(DeliveryLine { line, qty, unit_fen });
    }
    if lines.is_empty() {
        if !r.failed(KEY) {
            r.fail(KEY, if r.get(KEY).is_empty() { Problem::Required } else { Problem::NoLines });
        }
    } else if total.is_none_or(|t| t > MAX_ENTRY_FEN) {
        r.fail(KEY, Problem::OverCap(MAX_ENTRY_FEN));
    }
    // Fixed when the delivery is made: a stored due date is kept when the entry is edited.
    let due = match r.date("due") {
        Some(due) => {
            if date.is_some_and(|d| due < d) {
                r.fail("due", Problem::DueBeforeDelivery);
            }
            due
        }
        None if !r.get("due").is_empty() => NaiveDate::default(),
        None => date
            .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(ctx.credit_days))))
            .unwrap_or_default(),
    };
    Delivery { oid, date: date.unwrap_or_default(), lines, fen: total.unwrap_or(0), due, note: r.text("note") }
}

fn read_payment(r: &mut Reader, ctx: &LedgerContext) -> Payment {
    const KEY: &str = "allocations";
    let date = actual_date(r, "date", ctx, true);
    let fen = amount(r, "amount");
    check_owed(r, "amount", fen, ctx);
    let rows = r.rows(KEY, 2);
    // What each delivery still owed on the payment's day, before this payment.
    let before = if rows.is_empty() { None } else { Some(ctx.ledger(date)) };
    let mut allocations = Vec::new();
    let mut seen = BTreeSet::new();
    let mut sum = 0i64;
    for (i, row) in rows.into_iter().enumerate() {
        let dlv = row[0].clone();
        let a = match row[1].as_str() {
            "" => Err(Problem::Required),
            s => amount_of(s),
        };
        let a = a.map_err(|p| r.cell_fail(KEY, i, 1, p)).unwrap_or(0);
        if dlv.is_empty() {
            r.cell_fail(KEY, i, 0, Problem::Required);
        } else if !seen.insert(dlv.clone()) {
            r.cell_fail(KEY, i, 0, Problem::DuplicateLine);
        } else {
            match before.as_ref().and_then(|l| l.receivable(&dlv)) {
                Some(rec) if rec.open == 0 => r.cell_fail(KEY, i, 0, Problem::DeliveryPaid),
                Some(rec) if a > rec.open => r.cell_fail(KEY, i, 1, Problem::AllocationExceedsOpen { open: rec.open }),
                Some(_) => {}
                None if ctx.delivery(&dlv).is_some() => r.cell_fail(KEY, i, 0, Problem::DeliveryAfterPayment),
                None => r.cell_fail(KEY, i, 0, Problem::UnknownDelivery),
            }
        }
        sum = sum.saturating_add(a);
        allocations.push(Allocation { dlv, fen: a });
    }
    if fen > 0 && sum > fen {
        r.fail(KEY, Problem::AllocationsExceedAmount { amount: fen });
    }
    Payment {
        date: date.unwrap_or_default(),
        fen,
        method: choice_or_default(r, "method"),
        allocations,
        rep: r.text("rep"),
        note: r.text("note"),
    }
}

fn read_bill(r: &mut Reader, ctx: &LedgerContext) -> Bill {
    let kind = choice_or_default(r, "kind");
    let no = r.required("no");
    let fen = amount(r, "amount");
    let received = actual_date(r, "received", ctx, true);
    let issued = r.date("issued");
    if let (Some(i), Some(rc)) = (issued, received) {
        if i > rc {
            r.fail("issued", Problem::IssueAfterReceipt);
        }
    }
    let due = required_date(r, "due");
    if let (Some(d), Some(i)) = (due, issued.or(received)) {
        if d < i {
            r.fail("due", Problem::DueBeforeIssue);
        }
    }
    let status: BillStatus = choice_or_default(r, "status");
    // A dishonoured note pays nothing, so it cannot overpay.
    if status != BillStatus::Dishonoured {
        check_owed(r, "amount", fen, ctx);
    }
    Bill {
        kind,
        no,
        fen,
        received: received.unwrap_or_default(),
        issued,
        due: due.unwrap_or_default(),
        status,
        rep: r.text("rep"),
        note: r.text("note"),
    }
}

fn read_return(r: &mut Reader, ctx: &LedgerContext) -> Adjustment {
    let kind = required_choice(r, "kind");
    let date = actual_date(r, "date", ctx, true);
    let fen = amount(r, "amount");
    let dlv = opt_text(r, "delivery");
    if let Some(id) = &dlv {
        match ctx.delivery(id) {
            None => r.fail("delivery", Problem::UnknownDelivery),
            Some(d) => {
                let others = ctx
                    .live()
                    .filter_map(|e| match &e.body {
                        EntryBody::Return(a) if a.approved && a.dlv.as_deref() == Some(id) => Some(clamp_fen(a.fen)),
                        _ => None,
                    })
                    .fold(0i64, i64::saturating_add);
                let left = d.booked().saturating_sub(others).max(0);
                if fen > left {
                    r.fail("amount", Problem::ReturnExceedsDelivery { left });
                }
            }
        }
    }
    let reason = r.required("reason");
    let responsibility = r.choice("responsibility");
    let approved = r.flag("approved");
    let approver = r.text("approver");
    if approved {
        if responsibility.is_none() && r.get("responsibility").is_empty() {
            r.fail("responsibility", Problem::RequiredIfApproved);
        }
        if approver.is_empty() {
            r.fail("approver", Problem::RequiredIfApproved);
        }
    }
    Adjustment { kind, date: date.unwrap_or_default(), fen, reason, responsibility, approver, approved, dlv }
}

fn read_document(r: &mut Reader) -> Document {
    let kind = required_choice(r, "kind");
    let date = required_date(r, "date");
    if date.is_some_and(|d| d > r.today) {
        r.fail("date", Problem::FutureDate);
    }
    let name = r.required("name");
    let size = if r.get("size").is_empty() {
        r.fail("size", Problem::Required);
        None
    } else {
        r.check("size", |s| check::count(s, u32::MAX)).map(u64::from)
    };
    let mut mime = r.required("mime");
    if !mime.is_empty() {
        match check_document(&mime, size.unwrap_or(0)) {
            Ok(m) => mime = m,
            Err(p @ Problem::FileTooLarge { .. }) => r.fail("size", p),
            Err(p) => r.fail("mime", p),
        }
    }
    Document {
        kind,
        date: date.unwrap_or_default(),
        name,
        mime,
        size: size.unwrap_or(0),
        blob: r.required("blob"),
        note: r.text("note"),
    }
}

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
            let rows = o.lines.iter().map(|l| vec![l.product.clone(), l.qty.to_string(), crate::money::format_yuan(l.unit_fen)]);
            w.rows("lines", rows.collect());
            w.choice("status", Some(o.status));
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
            let rows = p.allocations.iter().map(|a| vec![a.dlv.clone(), crate::money::format_yuan(a.fen)]);
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
    }
    w.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Hlc, Stamp};
    use crate::lang::Lang;
    use crate::money::MoneyError;

    fn d(s: &str) -> NaiveDate {
        crate::check::date(s).unwrap()
    }

    fn raw(pairs: &[(&str, &str)]) -> RawForm {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn entry(id: &str, n: u64, body: EntryBody) -> Entry {
        Entry::new(id.into(), "c".into(), body, Stamp::new(Hlc { ms: n, n: 0 }, "dev"))
    }

    /// Customer `c` since 2024-01-01. Order o1: line 1 10 × 100.00, line 2 5 × 20.00.
    /// d1 (01-15, due 02-14): 4 of line 1 = 400.00; d2 (02-01, due 03-03): 2 of line 1 and 5 of
    /// line 2 = 300.00; p1 (02-20) 300.00 pays d1 down to 100.00. Owed: 400.00.
    fn file() -> Vec<Entry> {
        let lines = vec![
            OrderLine { product: "A".into(), qty: 10, unit_fen: 10_000 },
            OrderLine { product: "B".into(), qty: 5, unit_fen: 2_000 },
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

    fn ctx(entries: &[Entry]) -> LedgerContext<'_> {
        LedgerContext::new("c", d("2024-01-01"), d("2025-06-30"), entries)
    }

    fn run(kind: EntryKind, pairs: &[(&str, &str)], c: &LedgerContext) -> Result<EntryBody, Vec<(String, Problem)>> {
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

    fn problems(kind: EntryKind, pairs: &[(&str, &str)], c: &LedgerContext) -> Vec<(String, Problem)> {
        run(kind, pairs, c).err().unwrap_or_default()
    }

    /// Exactly one problem, on `field`.
    fn one(kind: EntryKind, pairs: &[(&str, &str)], c: &LedgerContext, field: &str) -> Problem {
        let ps = problems(kind, pairs, c);
        assert_eq!(ps.len(), 1, "{ps:?}");
        assert_eq!(ps[0].0, field, "{ps:?}");
        ps[0].1.clone()
    }

    fn with(base: &[(&'static str, &'static str)], extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        let mut v: Vec<_> = base.iter().filter(|(k, _)| !extra.iter().any(|(x, _)| x == k)).copied().collect();
        v.extend_from_slice(extra);
        v
    }

    const VISIT: &[(&str, &str)] = &[("method", "visit"), ("actual", "2025-03-01"), ("rep", "王伟")];

    #[test]
    fn visits() {
        let f = file();
        let c = ctx(&f);
        let ok = |extra| run(EntryKind::Visit, &with(VISIT, extra), &c);
        let Ok(EntryBody::Visit(v)) = ok(&[("with", "manager,gm"), ("next_date", "2025-07-15"), ("outcome", " 答应月底付款 ")]) else { panic!() };
        assert_eq!(v.with, BTreeSet::from([VisitRole::Manager, VisitRole::GeneralManager]));
        assert_eq!(v.outcome, "答应月底付款");
        // Planned only, in the future: fine.
        assert!(run(EntryKind::Visit, &[("method", "tel"), ("planned", "2025-08-01"), ("rep", "王伟")], &c).is_ok());
        let p = one(EntryKind::Visit, &[("method", "tel"), ("rep", "王伟")], &c, "actual");
        assert_eq!(p, Problem::VisitDate);
        assert_eq!(p.message(Lang::Zh), "预定拜访日期和实际拜访日期至少填一个");
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("actual", "2025-07-01")]), &c, "actual"), Problem::FutureDate);
        let p = one(EntryKind::Visit, &with(VISIT, &[("actual", "2023-12-31")]), &c, "actual");
        assert_eq!(p, Problem::BeforeCustomer(d("2024-01-01")));
        assert_eq!(p.message(Lang::Zh), "日期不能早于客户建档日期（2024-01-01）");
        assert_eq!(p.message(Lang::En), "the date cannot be before the customer existed (2024-01-01)");
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("next_date", "2025-02-01")]), &c, "next_date"), Problem::NextBeforeVisit);
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("method", "")]), &c, "method"), Problem::Required);
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("rep", " ")]), &c, "rep"), Problem::Required);
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("with", "boss")]), &c, "with"), Problem::UnknownChoice("boss".into()));
        assert_eq!(one(EntryKind::Visit, &with(VISIT, &[("planned", "2025-02-30")]), &c, "planned"), Problem::Date);
    }

    #[test]
    fn activities() {
        let f = file();
        let c = ctx(&f);
        let base: &[(&str, &str)] = &[("kind", "gift"), ("date", "2025-02-01"), ("cost", "88.50")];
        let Ok(EntryBody::Activity(a)) = run(EntryKind::Activity, base, &c) else { panic!() };
        assert_eq!((a.kind, a.cost_fen), (ActivityKind::Gift, 8_850));
        assert_eq!(one(EntryKind::Activity, &with(base, &[("date", "2025-07-01")]), &c, "date"), Problem::FutureDate);
        // An appointment is planned: the future is fine, before the customer is not.
        assert!(run(EntryKind::Activity, &[("kind", "appt"), ("date", "2025-07-01")], &c).is_ok());
        assert_eq!(one(EntryKind::Activity, &[("kind", "appt"), ("date", "2023-07-01")], &c, "date"), Problem::BeforeCustomer(d("2024-01-01")));
        assert_eq!(one(EntryKind::Activity, &with(base, &[("cost", "1000000001")]), &c, "cost"), Problem::OverCap(MAX_ENTRY_FEN));
        assert_eq!(one(EntryKind::Activity, &with(base, &[("cost", "-1")]), &c, "cost"), Problem::Money(MoneyError::Negative));
        assert_eq!(one(EntryKind::Activity, &[("kind", "gift")], &c, "date"), Problem::Required);
    }

    #[test]
    fn referrals() {
        let f = file();
        let c = ctx(&f);
        // Introduced before we opened the file: fine.
        let Ok(EntryBody::Referral(r)) = run(EntryKind::Referral, &[("date", "2023-05-01"), ("by_customer", "k9"), ("by_name", "老张")], &c) else { panic!() };
        assert_eq!(r.by_customer.as_deref(), Some("k9"));
        assert!(run(EntryKind::Referral, &[("date", "2025-05-01"), ("by_contact", "p1")], &c).is_ok());
        let p = one(EntryKind::Referral, &[("date", "2025-05-01")], &c, "by_name");
        assert_eq!(p, Problem::ReferrerMissing);
        assert_eq!(one(EntryKind::Referral, &[("date", "2025-05-01"), ("by_customer", "c")], &c, "by_customer"), Problem::SelfReferral);
        assert_eq!(one(EntryKind::Referral, &[("date", "2025-07-01"), ("by_name", "老张")], &c, "date"), Problem::FutureDate);
    }

    const ORDER: &[(&str, &str)] = &[
        ("no", "HT-2"),
        ("date", "2025-03-01"),
        ("lines", r#"[["A","10","100.00"],["B","3","0"],["","",""]]"#),
        ("rep", "王伟"),
    ];

    #[test]
    fn orders() {
        let f = file();
        let c = ctx(&f);
        let Ok(EntryBody::Order(o)) = run(EntryKind::Order, ORDER, &c) else { panic!() };
        assert_eq!(o.lines.len(), 2, "the blank row is dropped");
        assert_eq!((o.amount(), o.status), (Some(100_000), OrderStatus::Open));
        let lines = |v: &'static str| with(ORDER, &[("lines", v)]);
        assert_eq!(one(EntryKind::Order, &with(ORDER, &[("lines", "")]), &c, "lines"), Problem::Required);
        assert_eq!(one(EntryKind::Order, &lines(r#"[["","",""]]"#), &c, "lines"), Problem::NoLines);
        assert_eq!(one(EntryKind::Order, &lines("not json"), &c, "lines"), Problem::Rows);
        let cell = |row, col, p| Problem::Cell { row, col, problem: Box::new(p) };
        assert_eq!(one(EntryKind::Order, &lines(r#"[["A","0","1"]]"#), &c, "lines"), cell(0, 1, Problem::NotPositive));
        assert_eq!(one(EntryKind::Order, &lines(r#"[["A","-3","1"]]"#), &c, "lines"), cell(0, 1, Problem::NotPositive));
        assert_eq!(one(EntryKind::Order, &lines(r#"[["A","1.5","1"]]"#), &c, "lines"), cell(0, 1, Problem::Integer));
        assert_eq!(one(EntryKind::Order, &lines(r#"[["","1","1"]]"#), &c, "lines"), cell(0, 0, Problem::Required));
        assert_eq!(one(EntryKind::Order, &lines(r#"[["A","1","x"]]"#), &c, "lines"), cell(0, 2, Problem::Money(MoneyError::Format)));
        // One line beyond the cap, and lines within it that add up beyond it: refused, no panic.
        let p = one(EntryKind::Order, &lines(r#"[["A","1000000000","92233720368547758"]]"#), &c, "lines");
        assert_eq!(p, cell(0, 2, Problem::OverCap(MAX_ENTRY_FEN)));
        let p = one(EntryKind::Order, &lines(r#"[["A","1000","800000"],["B","1000","800000"]]"#), &c, "lines");
        assert_eq!(p, Problem::OverCap(MAX_ENTRY_FEN));
        assert!(p.message(Lang::Zh).contains("1,000,000,000.00 元"));
        let e = validate_entry(EntryKind::Order, &raw(&lines(r#"[["A","0","1"]]"#)), &c).unwrap_err();
        assert_eq!(e[0].message(Lang::Zh), "订货明细：第1行“数量”：必须大于0");
        assert_eq!(e[0].message(Lang::En), "Lines: row 1, Quantity: must be more than 0");
        assert_eq!(one(EntryKind::Order, &with(ORDER, &[("requested", "2025-02-01")]), &c, "requested"), Problem::RequestedBeforeOrder);
        assert!(run(EntryKind::Order, &with(ORDER, &[("requested", "2025-09-01")]), &c).is_ok());
        assert_eq!(one(EntryKind::Order, &with(ORDER, &[("date", "2025-07-01")]), &c, "date"), Problem::FutureDate);
        assert_eq!(one(EntryKind::Order, &with(ORDER, &[("no", "")]), &c, "no"), Problem::Required);
        assert_eq!(one(EntryKind::Order, &with(ORDER, &[("status", "shipped")]), &c, "status"), Problem::UnknownChoice("shipped".into()));
    }

    #[test]
    fn an_order_cannot_be_cut_below_what_went_out() {
        let f = file();
        let c = LedgerContext { editing: Some("o1"), ..ctx(&f) };
        // Line 1 went out 6 times (4 + 2), line 2 five times.
        let base = with(ORDER, &[("date", "2025-01-10")]);
        assert!(run(EntryKind::Order, &with(&base, &[("lines", r#"[["A","6","100"],["B","5","20"]]"#)]), &c).is_ok());
        let p = one(EntryKind::Order, &with(&base, &[("lines", r#"[["A","5","100"],["B","5","20"]]"#)]), &c, "lines");
        assert_eq!(p, Problem::Cell { row: 0, col: 1, problem: Box::new(Problem::BelowDelivered { delivered: 6 }) });
        assert!(p.message(Lang::Zh).contains("不能少于已出货数量（已出货 6）"));
        let p = one(EntryKind::Order, &with(&base, &[("lines", r#"[["A","6","100"]]"#)]), &c, "lines");
        assert_eq!(p, Problem::Cell { row: 1, col: 1, problem: Box::new(Problem::BelowDelivered { delivered: 5 }) });
    }

    const DELIVERY: &[(&str, &str)] = &[("order", "o1"), ("date", "2025-03-01"), ("lines", r#"[["1","3"]]"#)];

    #[test]
    fn deliveries() {
        let f = file();
        let c = LedgerContext { credit_days: 45, ..ctx(&f) };
        let Ok(EntryBody::Delivery(dl)) = run(EntryKind::Delivery, DELIVERY, &c) else { panic!() };
        // Unit price copied from the order line, total stored, due = date + credit period.
        assert_eq!(dl.lines, [DeliveryLine { line: 0, qty: 3, unit_fen: 10_000 }]);
        assert_eq!((dl.fen, dl.lines_amount(), dl.due), (30_000, Some(30_000), d("2025-04-15")));
        // A due date given (the one fixed at creation, when editing) is kept.
        let Ok(EntryBody::Delivery(kept)) = run(EntryKind::Delivery, &with(DELIVERY, &[("due", "2025-03-31")]), &c) else { panic!() };
        assert_eq!(kept.due, d("2025-03-31"));
        let p = one(EntryKind::Delivery, &with(DELIVERY, &[("lines", r#"[["1","3"],["2",""]]"#)]), &c, "lines");
        assert_eq!(p, Problem::Cell { row: 1, col: 1, problem: Box::new(Problem::Required) });
        // No credit period on file: 30 days.
        let Ok(EntryBody::Delivery(dl)) = run(EntryKind::Delivery, DELIVERY, &ctx(&f)) else { panic!() };
        assert_eq!((DEFAULT_CREDIT_DAYS, dl.due), (30, d("2025-03-31")));
    }

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
    fn delivery_problems() {
        let f = file();
        let c = ctx(&f);
        let lines = |v: &'static str| with(DELIVERY, &[("lines", v)]);
        let cell = |row, col, p| Problem::Cell { row, col, problem: Box::new(p) };
        // Line 1: 10 ordered, 6 delivered, 4 remain.
        assert!(run(EntryKind::Delivery, &lines(r#"[["1","4"]]"#), &c).is_ok());
        let p = one(EntryKind::Delivery, &lines(r#"[["1","5"]]"#), &c, "lines");
        assert_eq!(p, cell(0, 1, Problem::BeyondOrdered { remaining: 4 }));
        let e = validate_entry(EntryKind::Delivery, &raw(&lines(r#"[["1","5"]]"#)), &c).unwrap_err();
        assert_eq!(e[0].message(Lang::Zh), "出货明细：第1行“数量”：超出订单剩余未出货数量（还剩 4）");
        assert_eq!(e[0].message(Lang::En), "Lines: row 1, Quantity: more than the order still has to deliver (4 remaining)");
        // Line 2 is fully delivered.
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["2","1"]]"#), &c, "lines"), cell(0, 1, Problem::BeyondOrdered { remaining: 0 }));
        // Editing d1 (4 of line 1): its own quantity is available again, 8 in all.
        let edit = LedgerContext { editing: Some("d1"), ..c };
        assert!(run(EntryKind::Delivery, &lines(r#"[["1","8"]]"#), &edit).is_ok());
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["1","9"]]"#), &edit, "lines"), cell(0, 1, Problem::BeyondOrdered { remaining: 8 }));
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["3","1"]]"#), &c, "lines"), cell(0, 0, Problem::UnknownOrderLine(3)));
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["0","1"]]"#), &c, "lines"), cell(0, 0, Problem::UnknownOrderLine(0)));
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["1","1"],["1","1"]]"#), &c, "lines"), cell(1, 0, Problem::DuplicateLine));
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["1","0"]]"#), &c, "lines"), cell(0, 1, Problem::NotPositive));
        assert_eq!(one(EntryKind::Delivery, &lines(""), &c, "lines"), Problem::Required);
        assert_eq!(one(EntryKind::Delivery, &with(DELIVERY, &[("order", "nope")]), &c, "order"), Problem::UnknownOrder);
        assert_eq!(one(EntryKind::Delivery, &with(DELIVERY, &[("date", "2025-01-09")]), &c, "date"), Problem::DeliveryBeforeOrder);
        assert_eq!(one(EntryKind::Delivery, &with(DELIVERY, &[("date", "2025-07-01")]), &c, "date"), Problem::FutureDate);
        assert_eq!(one(EntryKind::Delivery, &with(DELIVERY, &[("due", "2025-02-28")]), &c, "due"), Problem::DueBeforeDelivery);
    }

    #[test]
    fn only_released_orders_ship() {
        for status in [OrderStatus::Draft, OrderStatus::Cancelled, OrderStatus::Blocked, OrderStatus::Closed] {
            let mut f = file();
            if let EntryBody::Order(o) = &mut f[0].body {
                o.status = status;
            }
            let c = ctx(&f);
            let p = one(EntryKind::Delivery, DELIVERY, &c, "order");
            assert_eq!(p, Problem::OrderNotDeliverable(status));
            // A delivery that already went out can still be corrected.
            let edit = LedgerContext { editing: Some("d1"), ..c };
            assert!(run(EntryKind::Delivery, DELIVERY, &edit).is_ok(), "{status:?}");
        }
        assert_eq!(Problem::OrderNotDeliverable(OrderStatus::Cancelled).message(Lang::Zh), "订单状态为“已取消”，不能出货");
        let mut f = file();
        if let EntryBody::Order(o) = &mut f[0].body {
            o.status = OrderStatus::Delivered;
        }
        assert!(run(EntryKind::Delivery, DELIVERY, &ctx(&f)).is_ok());
        // A deleted order is gone.
        f[0].deleted = true;
        assert_eq!(one(EntryKind::Delivery, DELIVERY, &ctx(&f), "order"), Problem::UnknownOrder);
    }

    const PAY: &[(&str, &str)] = &[("date", "2025-03-10"), ("amount", "150.00")];

    #[test]
    fn payments() {
        let f = file();
        let c = ctx(&f);
        let Ok(EntryBody::Payment(p)) = run(EntryKind::Payment, &with(PAY, &[("method", "cash")]), &c) else { panic!() };
        assert_eq!((p.fen, p.method), (15_000, PayMethod::Cash));
        assert_eq!(one(EntryKind::Payment, &with(PAY, &[("amount", "0")]), &c, "amount"), Problem::NotPositive);
        assert_eq!(one(EntryKind::Payment, &with(PAY, &[("amount", "")]), &c, "amount"), Problem::Required);
        assert_eq!(one(EntryKind::Payment, &with(PAY, &[("date", "2025-07-01")]), &c, "date"), Problem::FutureDate);
        assert_eq!(one(EntryKind::Payment, &with(PAY, &[("date", "2023-07-01")]), &c, "date"), Problem::BeforeCustomer(d("2024-01-01")));
    }

    #[test]
    fn paying_more_than_owed_needs_confirmation() {
        let f = file();
        let c = ctx(&f);
        // Owed: 400.00.
        assert!(run(EntryKind::Payment, &with(PAY, &[("amount", "400")]), &c).is_ok());
        let p = one(EntryKind::Payment, &with(PAY, &[("amount", "400.01")]), &c, "amount");
        assert_eq!(p, Problem::ExceedsOpenBalance { open: 40_000 });
        assert!(p.confirmable());
        assert_eq!(p.message(Lang::Zh), "金额超过该客户的未收余额（400.00 元）；确认无误后，超出部分记为预收款");
        assert_eq!(p.message(Lang::En), "more than the customer's open balance (¥400.00); confirm to keep the excess as credit on account");
        let sure = LedgerContext { confirmed: true, ..c };
        assert!(run(EntryKind::Payment, &with(PAY, &[("amount", "400.01")]), &sure).is_ok());
        // Above the hard cap nothing helps.
        let p = one(EntryKind::Payment, &with(PAY, &[("amount", "1000000000.01")]), &sure, "amount");
        assert_eq!(p, Problem::OverCap(MAX_ENTRY_FEN));
        assert!(!p.confirmable());
        // Editing p1 (300.00): without it the customer owes 700.00.
        let edit = LedgerContext { editing: Some("p1"), ..c };
        assert!(run(EntryKind::Payment, &with(PAY, &[("amount", "700")]), &edit).is_ok());
        assert_eq!(one(EntryKind::Payment, &with(PAY, &[("amount", "700.01")]), &edit, "amount"), Problem::ExceedsOpenBalance { open: 70_000 });
    }

    #[test]
    fn manual_allocations() {
        let f = file();
        let c = ctx(&f);
        let alloc = |rows: &'static str, amount: &'static str| with(PAY, &[("amount", amount), ("allocations", rows)]);
        let cell = |row, col, p| Problem::Cell { row, col, problem: Box::new(p) };
        let Ok(EntryBody::Payment(p)) = run(EntryKind::Payment, &alloc(r#"[["d2","250"],["d1","100"]]"#, "400"), &c) else { panic!() };
        assert_eq!(p.allocations, [Allocation { dlv: "d2".into(), fen: 25_000 }, Allocation { dlv: "d1".into(), fen: 10_000 }]);
        // d1 owes 100.00 on 03-10.
        let p = one(EntryKind::Payment, &alloc(r#"[["d1","100.01"]]"#, "300"), &c, "allocations");
        assert_eq!(p, cell(0, 1, Problem::AllocationExceedsOpen { open: 10_000 }));
        assert!(p.message(Lang::Zh).contains("超过该出货单的未收金额（100.00 元）"));
        assert_eq!(one(EntryKind::Payment, &alloc(r#"[["zz","1"]]"#, "300"), &c, "allocations"), cell(0, 0, Problem::UnknownDelivery));
        let p = one(EntryKind::Payment, &alloc(r#"[["d2","200"],["d1","100"]]"#, "250"), &c, "allocations");
        assert_eq!(p, Problem::AllocationsExceedAmount { amount: 25_000 });
        assert_eq!(one(EntryKind::Payment, &alloc(r#"[["d2","1"],["d2","1"]]"#, "300"), &c, "allocations"), cell(1, 0, Problem::DuplicateLine));
        assert_eq!(one(EntryKind::Payment, &alloc(r#"[["d2","0"]]"#, "300"), &c, "allocations"), cell(0, 1, Problem::NotPositive));
        assert_eq!(one(EntryKind::Payment, &alloc(r#"[["","1"]]"#, "300"), &c, "allocations"), cell(0, 0, Problem::Required));
        // On 01-20 d2 did not exist yet.
        let early = [("date", "2025-01-20"), ("amount", "100"), ("allocations", r#"[["d2","100"]]"#)];
        assert_eq!(one(EntryKind::Payment, &early, &c, "allocations"), cell(0, 0, Problem::DeliveryAfterPayment));
        // Once d1 is paid in full it takes nothing more.
        let mut f2 = file();
        f2.push(entry("p2", 5, EntryBody::Payment(Payment { date: d("2025-03-01"), fen: 10_000, allocations: vec![Allocation { dlv: "d1".into(), fen: 10_000 }], ..Default::default() })));
        let c2 = ctx(&f2);
        assert_eq!(one(EntryKind::Payment, &alloc(r#"[["d1","1"]]"#, "1"), &c2, "allocations"), cell(0, 0, Problem::DeliveryPaid));
        // As of the payment's day: the same allocation dated before p2 is fine.
        assert!(run(EntryKind::Payment, &[("date", "2025-02-25"), ("amount", "1"), ("allocations", r#"[["d1","1"]]"#)], &c2).is_ok());
    }

    const BILL: &[(&str, &str)] = &[("no", "31300051 20250310"), ("amount", "400"), ("received", "2025-03-10"), ("issued", "2025-03-01"), ("due", "2025-09-01")];

    #[test]
    fn bills() {
        let f = file();
        let c = ctx(&f);
        let Ok(EntryBody::Bill(b)) = run(EntryKind::Bill, BILL, &c) else { panic!() };
        assert_eq!((b.kind, b.status, b.fen), (BillKind::BankAcceptance, BillStatus::Unsettled, 40_000));
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("due", "2025-02-28")]), &c, "due"), Problem::DueBeforeIssue);
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("issued", "2025-03-11")]), &c, "issued"), Problem::IssueAfterReceipt);
        // Without an issue date the due date is checked against the day received.
        assert_eq!(one(EntryKind::Bill, &[("no", "1"), ("amount", "1"), ("received", "2025-03-10"), ("due", "2025-03-09")], &c, "due"), Problem::DueBeforeIssue);
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("amount", "400.01")]), &c, "amount"), Problem::ExceedsOpenBalance { open: 40_000 });
        // A dishonoured note pays nothing, so it cannot overpay.
        assert!(run(EntryKind::Bill, &with(BILL, &[("amount", "900"), ("status", "dishonoured")]), &c).is_ok());
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("no", "")]), &c, "no"), Problem::Required);
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("received", "2025-07-01")]), &c, "received"), Problem::FutureDate);
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("due", "")]), &c, "due"), Problem::Required);
    }

    const RET: &[(&str, &str)] = &[("kind", "return"), ("date", "2025-03-05"), ("amount", "50"), ("reason", "包装破损"), ("delivery", "d2")];

    #[test]
    fn returns() {
        let f = file();
        let c = ctx(&f);
        let Ok(EntryBody::Return(r)) = run(EntryKind::Return, RET, &c) else { panic!() };
        assert!(!r.approved && r.approver.is_empty() && r.dlv.as_deref() == Some("d2"));
        let approved = with(RET, &[("approved", "true"), ("approver", "赵经理"), ("responsibility", "carrier")]);
        let Ok(EntryBody::Return(r)) = run(EntryKind::Return, &approved, &c) else { panic!() };
        assert_eq!((r.approved, r.responsibility), (true, Some(Responsibility::Carrier)));
        let ps = problems(EntryKind::Return, &with(RET, &[("approved", "true")]), &c);
        assert_eq!(
            ps,
            [("responsibility".to_string(), Problem::RequiredIfApproved), ("approver".to_string(), Problem::RequiredIfApproved)]
        );
        assert_eq!(one(EntryKind::Return, &with(RET, &[("delivery", "zz")]), &c, "delivery"), Problem::UnknownDelivery);
        assert_eq!(one(EntryKind::Return, &with(RET, &[("amount", "300.01")]), &c, "amount"), Problem::ReturnExceedsDelivery { left: 30_000 });
        // What is left after other approved returns on the same delivery.
        let mut f2 = file();
        let prior = Adjustment { date: d("2025-03-01"), fen: 20_000, approved: true, dlv: Some("d2".into()), ..Default::default() };
        f2.push(entry("r0", 5, EntryBody::Return(prior)));
        let p = one(EntryKind::Return, &with(RET, &[("amount", "100.01")]), &ctx(&f2), "amount");
        assert_eq!(p, Problem::ReturnExceedsDelivery { left: 10_000 });
        assert_eq!(p.message(Lang::Zh), "超过该出货单可退赔的金额（还剩 100.00 元）");
        assert_eq!(one(EntryKind::Return, &with(RET, &[("reason", "")]), &c, "reason"), Problem::Required);
        assert_eq!(one(EntryKind::Return, &with(RET, &[("date", "2023-01-01")]), &c, "date"), Problem::BeforeCustomer(d("2024-01-01")));
        assert_eq!(one(EntryKind::Return, &with(RET, &[("approved", "maybe")]), &c, "approved"), Problem::Bool);
    }

    const DOC: &[(&str, &str)] = &[("kind", "licence"), ("date", "2019-05-01"), ("name", "营业执照.jpg"), ("mime", "image/JPEG"), ("size", "2,000,000"), ("blob", "b1")];

    #[test]
    fn documents() {
        let f = file();
        let c = ctx(&f);
        // Older than our file is fine for a licence.
        let Ok(EntryBody::Document(doc)) = run(EntryKind::Document, DOC, &c) else { panic!() };
        assert_eq!((doc.mime.as_str(), doc.size, doc.kind), ("image/jpeg", 2_000_000, DocKind::Licence));
        assert_eq!(
            one(EntryKind::Document, &with(DOC, &[("size", "10485761")]), &c, "size"),
            Problem::FileTooLarge { size: 10_485_761, max: MAX_DOCUMENT_BYTES }
        );
        assert_eq!(one(EntryKind::Document, &with(DOC, &[("mime", "application/zip")]), &c, "mime"), Problem::FileType("application/zip".into()));
        assert_eq!(one(EntryKind::Document, &with(DOC, &[("date", "2025-07-01")]), &c, "date"), Problem::FutureDate);
        assert_eq!(one(EntryKind::Document, &with(DOC, &[("blob", "")]), &c, "blob"), Problem::Required);
        assert_eq!(one(EntryKind::Document, &with(DOC, &[("size", "")]), &c, "size"), Problem::Required);
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
