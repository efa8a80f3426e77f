//! A customer's file: add, edit, delete and restore an entry (visit, order, delivery, payment,
//! bill, return, document…). Adding and editing run the same validation; a delete is a tombstone
//! that can be taken back, and is refused while another live entry refers to the one deleted,
//! so money history never silently loses a link (a delivery's order, a payment's delivery).

use chrono::NaiveDate;
use thiserror::Error;

use super::Planned;
use crate::archive::{entry_version, Archive, Batch};
use crate::forms::form::FieldError;
use crate::forms::schema::RawForm;
use crate::ledger::{compensation_entry_id, compensation_of, customer_since, validate_entry, Entry, EntryBody, EntryKind, LedgerContext};
use crate::primitives::clock::{Hlc, Stamp};

#[derive(Clone, Debug, PartialEq, Error)]
pub enum EntryError {
    #[error("no such customer")]
    NoCustomer,
    #[error("no such entry")]
    NoEntry,
    /// The form has problems; nothing is saved.
    #[error("{} field(s) invalid", .0.len())]
    Invalid(Vec<FieldError>),
    /// Live entries refer to the one to delete (ids): they go first.
    #[error("{} entries refer to it", .0.len())]
    InUse(Vec<String>),
    /// Already deleted (restore it first), or not deleted (nothing to restore).
    #[error("the entry is not in the expected state")]
    WrongState,
    /// Made and changed only with something else: a complaint's compensation (with its
    /// complaint), a 中止交易 (with the card's move to 旧客户, `commands::cards::close_account`).
    #[error("the entry is changed with the record it belongs to")]
    MadeElsewhere,
}

/// What the user typed, and what the app knows besides.
#[derive(Clone, Copy, Debug)]
pub struct EntryInput<'a> {
    pub raw: &'a RawForm,
    pub today: NaiveDate,
    /// The user confirmed a warning (a payment above what the customer owes).
    pub confirmed: bool,
    /// The credit settings an order is checked under (`commands::credit::gate_order`); `None`:
    /// not checked (tests of other rules).
    pub credit: Option<&'a crate::credit::CreditSettings>,
}

/// A new entry `id` of `kind` in `customer_id`'s file.
pub fn add_entry(a: &Archive, customer_id: &str, kind: EntryKind, input: EntryInput, id: &str, stamp: &Stamp) -> Result<Planned, EntryError> {
    if kind == EntryKind::TradeStop {
        return Err(EntryError::MadeElsewhere);
    }
    let body = validated(a, customer_id, kind, input, None)?;
    let entry = Entry::new(id.to_string(), customer_id.to_string(), body, stamp.clone());
    let mut batch = Batch { entries: vec![entry], ..Batch::default() };
    let mut expect = vec![(id.to_string(), None)];
    compensation(a, &mut batch, &mut expect, stamp);
    gate(a, &mut batch, input);
    Ok((batch, expect))
}

/// Whether an entry is made and changed only with another record (see [`EntryError::MadeElsewhere`]).
fn made_elsewhere(e: &Entry) -> bool {
    matches!(&e.body, EntryBody::TradeStop(_)) || matches!(&e.body, EntryBody::Return(r) if r.cmp.is_some())
}

/// A complaint in the batch writes its 退赔折价 with it: a settled money compensation is an
/// approved 赔偿 of that amount (against the delivery it is about, if it is about one); a
/// complaint without one (or deleted) takes its compensation back (a tombstone).
fn compensation(a: &Archive, batch: &mut Batch, expect: &mut Vec<(String, Option<Hlc>)>, stamp: &Stamp) {
    let mut extra = Vec::new();
    for e in &batch.entries {
        let EntryBody::Complaint(c) = &e.body else { continue };
        let id = compensation_entry_id(&e.id);
        let old = a.entry(&id);
        let is_delivery = |d: &str| a.ledger(&e.customer_id).iter().any(|x| !x.deleted && x.id == d && matches!(x.body, EntryBody::Delivery(_)));
        let want = if e.deleted { None } else { compensation_of(&e.id, c, is_delivery).map(EntryBody::Return) };
        let entry = match (old, want) {
            (None, None) => continue,
            (Some(o), None) if o.deleted => continue,
            (Some(o), None) => {
                let mut x = o.clone();
                x.delete(stamp.clone());
                x
            }
            (Some(o), Some(body)) if !o.deleted && o.body == body => continue,
            (Some(o), Some(body)) => {
                let mut x = o.clone();
                x.deleted = false;
                x.set_body(body, stamp.clone());
                x
            }
            (None, Some(body)) => Entry::new(id.clone(), e.customer_id.clone(), body, stamp.clone()),
        };
        expect.push((id, old.map(entry_version)));
        extra.push(entry);
    }
    batch.entries.extend(extra);
}

/// Replaces an entry's content (its kind and customer stay), validated as if it were new but
/// with itself left out of what is owed and delivered. `seen` is the version the form showed.
pub fn edit_entry(a: &Archive, entry_id: &str, input: EntryInput, seen: Option<Hlc>, stamp: &Stamp) -> Result<Planned, EntryError> {
    let old = a.entry(entry_id).ok_or(EntryError::NoEntry)?;
    if old.deleted {
        return Err(EntryError::WrongState);
    }
    if made_elsewhere(old) {
        return Err(EntryError::MadeElsewhere);
    }
    let body = validated(a, &old.customer_id, old.body.kind(), input, Some(entry_id))?;
    let mut entry = old.clone();
    entry.set_body(body, stamp.clone());
    let seen = seen.or_else(|| Some(entry_version(old)));
    let mut batch = Batch { entries: vec![entry], ..Batch::default() };
    let mut expect = vec![(entry_id.to_string(), seen)];
    compensation(a, &mut batch, &mut expect, stamp);
    gate(a, &mut batch, input);
    Ok((batch, expect))
}

/// Deletes an entry (a tombstone that merges like an edit; a document's file leaves this device
/// with it). Refused while live entries refer to it.
pub fn delete_entry(a: &Archive, entry_id: &str, stamp: &Stamp) -> Result<Planned, EntryError> {
    let old = a.entry(entry_id).ok_or(EntryError::NoEntry)?;
    if old.deleted {
        return Err(EntryError::WrongState);
    }
    if made_elsewhere(old) {
        return Err(EntryError::MadeElsewhere);
    }
    let users = referring(a.ledger(&old.customer_id), entry_id);
    if !users.is_empty() {
        return Err(EntryError::InUse(users));
    }
    let mut entry = old.clone();
    entry.delete(stamp.clone());
    let mut batch = Batch { entries: vec![entry], ..Batch::default() };
    let mut expect = vec![(entry_id.to_string(), Some(entry_version(old)))];
    compensation(a, &mut batch, &mut expect, stamp);
    Ok((batch, expect))
}

/// Takes a delete back (undo). A document's file did not survive the delete, so documents cannot
/// be restored.
pub fn restore_entry(a: &Archive, entry_id: &str, stamp: &Stamp) -> Result<Planned, EntryError> {
    let old = a.entry(entry_id).ok_or(EntryError::NoEntry)?;
    if !old.deleted || matches!(old.body, EntryBody::Document(_)) {
        return Err(EntryError::WrongState);
    }
    if made_elsewhere(old) {
        return Err(EntryError::MadeElsewhere);
    }
    let mut entry = old.clone();
    entry.deleted = false;
    entry.stamp = stamp.clone();
    let mut batch = Batch { entries: vec![entry], ..Batch::default() };
    let mut expect = vec![(entry_id.to_string(), Some(entry_version(old)))];
    compensation(a, &mut batch, &mut expect, stamp);
    Ok((batch, expect))
}

/// An order the credit check blocks is held (信用冻结): see `commands::credit::gate_order`.
fn gate(a: &Archive, batch: &mut Batch, input: EntryInput) {
    if let Some(settings) = input.credit {
        super::credit::gate_order(a, batch, settings, input.today);
    }
}

/// Ids of live entries of a file that refer to `id`: deliveries of an order, payments applied to
/// a delivery, returns against a delivery.
pub fn referring(file: &[Entry], id: &str) -> Vec<String> {
    file.iter()
        .filter(|e| !e.deleted && e.id != id)
        .filter(|e| match &e.body {
            EntryBody::Delivery(d) => d.oid == id,
            EntryBody::Payment(p) => p.allocations.iter().any(|x| x.dlv == id),
            // A complaint's own compensation goes with the complaint, so it does not hold it.
            EntryBody::Return(r) => r.dlv.as_deref() == Some(id) && r.cmp.is_none(),
            EntryBody::Complaint(c) => c.about.as_deref() == Some(id),
            _ => false,
        })
        .map(|e| e.id.clone())
        .collect()
}

fn validated(a: &Archive, customer_id: &str, kind: EntryKind, input: EntryInput, editing: Option<&str>) -> Result<EntryBody, EntryError> {
    let c = a.get(customer_id).filter(|c| !c.deleted).ok_or(EntryError::NoCustomer)?;
    let ctx = LedgerContext {
        customer_id: &c.id,
        since: customer_since(c),
        today: input.today,
        entries: a.ledger(&c.id),
        editing,
        credit_days: c.credit_days(),
        confirmed: input.confirmed,
        reps: a.reps(),
    };
    validate_entry(kind, input.raw, &ctx).map_err(EntryError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Archive;
    use crate::forms::FieldValue;
    use crate::customer::card::CardBody;
    use crate::customer::individual::Individual;
    use crate::customer::numbering::Numbering;
    use crate::customer::Customer;
    use crate::ledger::{entry_to_raw, Allocation, Delivery, Order, OrderLine, Payment};
    use crate::validation::Problem;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(ms: u64) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, "dev")
    }

    fn entry(id: &str, ms: u64, body: EntryBody) -> Entry {
        Entry::new(id.into(), "c".into(), body, at(ms))
    }

    /// Customer `c` (card made 2025-01-01); order o1 of 10 × 100.00, delivery d1 of 4 (400.00),
    /// payment p1 of 300.00 applied to d1.
    fn archive() -> Archive {
        let mut i = Individual::default();
        i.basic.name = "钱老板".into();
        let created = Stamp::new(Hlc { ms: 1_735_689_600_000, n: 0 }, "dev");
        let c = Customer::new("c".into(), "KH-2025-000001".into(), CardBody::Individual(i), created);
        let o = Order { no: "HT-1".into(), date: d("2025-01-10"), lines: vec![OrderLine { product: "A".into(), qty: 10, unit_fen: 10_000, unit: String::new() }], ..Default::default() };
        let dl = Delivery { oid: "o1".into(), date: d("2025-01-15"), lines: vec![crate::ledger::DeliveryLine { line: 0, qty: 4, unit_fen: 10_000 }], fen: 40_000, due: d("2025-02-14"), note: String::new() };
        let p = Payment { date: d("2025-02-20"), fen: 30_000, allocations: vec![Allocation { dlv: "d1".into(), fen: 30_000 }], ..Default::default() };
        let entries = vec![entry("o1", 1, EntryBody::Order(o)), entry("d1", 2, EntryBody::Delivery(dl)), entry("p1", 3, EntryBody::Payment(p))];
        Archive::with_entries(vec![c], entries, vec![], Numbering::default())
    }

    fn input(raw: &RawForm) -> EntryInput<'_> {
        EntryInput { raw, today: d("2025-06-30"), confirmed: false, credit: None }
    }

    fn applied(mut a: Archive, (batch, _): Planned) -> Archive {
        a.apply(&batch);
        a
    }

    #[test]
    fn an_edit_is_validated_like_an_add_and_keeps_id_kind_and_customer() {
        let a = archive();
        let mut raw = entry_to_raw(&a.entry("p1").unwrap().body);
        raw.insert("amount".into(), "250.00".into());
        raw.insert("allocations".into(), FieldValue::Rows(vec![vec!["d1".into(), "250.00".into()]]));
        let (batch, expect) = edit_entry(&a, "p1", input(&raw), None, &at(10)).unwrap();
        assert_eq!(expect, vec![("p1".to_string(), Some(entry_version(a.entry("p1").unwrap())))]);
        let e = &batch.entries[0];
        assert_eq!((e.id.as_str(), e.customer_id.as_str(), e.body.kind()), ("p1", "c", EntryKind::Payment));
        let EntryBody::Payment(p) = &e.body else { panic!() };
        assert_eq!(p.fen, 25_000);
        assert_eq!(e.last_write(), &at(10));

        // The same checks as adding: an amount that does not read is refused, beside the field.
        raw.insert("amount".into(), "两百".into());
        let Err(EntryError::Invalid(errs)) = edit_entry(&a, "p1", input(&raw), None, &at(11)) else { panic!() };
        assert!(errs.iter().any(|e| e.field == "amount"), "{errs:?}");
    }

    /// A payment received stamped a year ahead, edited here: the edit is stamped after it and
    /// wins the entry merge either way round.
    #[test]
    fn an_edit_of_an_entry_stamped_far_ahead_wins_the_merge() {
        use crate::commands::plan_stamped;
        use crate::ledger::merge_entry;
        use crate::primitives::clock::AHEAD_LIMIT_MS;
        let now = 1_735_689_600_000 + 1_000;
        let far = now + 365 * AHEAD_LIMIT_MS;
        let mut a = archive();
        let mut p1 = a.entry("p1").unwrap().clone();
        p1.stamp = Stamp::new(Hlc { ms: far, n: 0 }, "ahead");
        a.apply(&Batch { entries: vec![p1.clone()], ..Batch::default() });
        let mut raw = entry_to_raw(&p1.body);
        raw.insert("amount".into(), "250.00".into());
        raw.insert("allocations".into(), FieldValue::Rows(vec![vec!["d1".into(), "250.00".into()]]));
        // The bare clock (the bug): the edit loses to the copy it replaced.
        let bare = crate::primitives::clock::Clock::bounded(a.clock().last(), now).stamp(now, "here");
        let (lost, _) = edit_entry(&a, "p1", input(&raw), None, &bare).unwrap();
        assert!(matches!(&merge_entry(&p1, &lost.entries[0]).body, EntryBody::Payment(p) if p.fen == 30_000));
        let (batch, _) = plan_stamped(&a, now, "here", |a, s| edit_entry(a, "p1", input(&raw), None, s)).unwrap();
        let e = &batch.entries[0];
        assert!(e.last_write().at > Hlc { ms: far, n: 0 });
        for merged in [merge_entry(&p1, e), merge_entry(e, &p1)] {
            let EntryBody::Payment(p) = &merged.body else { panic!() };
            assert_eq!(p.fen, 25_000);
        }
    }

    #[test]
    fn an_edited_delivery_is_checked_against_the_order_without_itself() {
        let a = archive();
        // d1 delivered 4 of 10: editing it to 10 is fine (its own 4 are not counted twice)…
        let mut raw = entry_to_raw(&a.entry("d1").unwrap().body);
        raw.insert("lines".into(), FieldValue::Rows(vec![vec!["1".into(), "10".into()]]));
        assert!(edit_entry(&a, "d1", input(&raw), None, &at(10)).is_ok());
        // …11 is more than was ordered.
        raw.insert("lines".into(), FieldValue::Rows(vec![vec!["1".into(), "11".into()]]));
        let Err(EntryError::Invalid(errs)) = edit_entry(&a, "d1", input(&raw), None, &at(10)) else { panic!() };
        assert!(errs.iter().any(|e| matches!(e.problem, Problem::Cell { problem: ref p, .. } if matches!(**p, Problem::BeyondOrdered { remaining: 10 }))), "{errs:?}");
    }

    #[test]
    fn add_uses_the_new_id_and_must_be_new() {
        let a = archive();
        let mut raw = RawForm::new();
        raw.insert("actual".into(), "2025-03-01".into());
        raw.insert("method".into(), "visit".into());
        raw.insert("rep".into(), "王伟".into());
        let (batch, expect) = add_entry(&a, "c", EntryKind::Visit, input(&raw), "v1", &at(5)).unwrap();
        assert_eq!(batch.entries[0].id, "v1");
        assert_eq!(expect, vec![("v1".to_string(), None)]);
        assert_eq!(add_entry(&a, "nobody", EntryKind::Visit, input(&raw), "v2", &at(5)).unwrap_err(), EntryError::NoCustomer);
    }

    #[test]
    fn a_delete_is_refused_while_entries_refer_to_it_then_undone() {
        let a = archive();
        assert_eq!(delete_entry(&a, "o1", &at(10)).unwrap_err(), EntryError::InUse(vec!["d1".into()]));
        assert_eq!(delete_entry(&a, "d1", &at(10)).unwrap_err(), EntryError::InUse(vec!["p1".into()]));
        // The payment first, then the delivery, then the order.
        let a = applied(a, delete_entry(&archive(), "p1", &at(10)).unwrap());
        assert!(a.entry("p1").unwrap().deleted);
        let a = { let plan = delete_entry(&a, "d1", &at(11)).unwrap(); applied(a, plan) };
        let a = { let plan = delete_entry(&a, "o1", &at(12)).unwrap(); applied(a, plan) };
        assert!(a.ledger("c").iter().all(|e| e.deleted));
        assert_eq!(delete_entry(&a, "o1", &at(13)).unwrap_err(), EntryError::WrongState);
        // Undo brings it back whole, as a newer write.
        let a = { let plan = restore_entry(&a, "o1", &at(14)).unwrap(); applied(a, plan) };
        let o1 = a.entry("o1").unwrap();
        assert!(!o1.deleted);
        assert_eq!(o1.body, archive().entry("o1").unwrap().body);
        assert_eq!(o1.last_write(), &at(14));
        assert_eq!(restore_entry(&a, "o1", &at(15)).unwrap_err(), EntryError::WrongState);
        assert_eq!(edit_entry(&a, "d1", input(&RawForm::new()), None, &at(15)).unwrap_err(), EntryError::WrongState);
    }
}
