//! 负责人: give a customer to another rep (or to nobody), with a reason once someone owns it, and
//! set its collaborators. Each leaves a change record (`Owner`); the owner change also lands in
//! 负责人记录 (the card's owner history).

use std::collections::BTreeSet;

use thiserror::Error;

use super::Planned;
use crate::archive::{version_of, Archive, Batch};
use crate::customer::history::{Action, Change, ChangeRecord};
use crate::customer::owner::{self, OwnerError};
use crate::customer::Customer;
use crate::primitives::clock::Stamp;

#[derive(Clone, Debug, PartialEq, Error)]
pub enum AssignError {
    #[error("no such customer")]
    NoCustomer,
    /// Unchanged, a reason missing, a deleted card, a stale stamp.
    #[error("{0}")]
    Owner(OwnerError),
}

/// Makes `to` (a rep id, or "" for nobody) the owner of `customer_id`; `by` is the acting rep.
/// The first owner needs no reason; taking the customer from a rep does.
pub fn change_owner(a: &Archive, customer_id: &str, to: &str, by: &str, reason: &str, record_id: &str, stamp: &Stamp) -> Result<Planned, AssignError> {
    let old = a.get(customer_id).ok_or(AssignError::NoCustomer)?;
    let mut c = old.clone();
    owner::change_owner(&mut c, to, by, reason, stamp.clone()).map_err(AssignError::Owner)?;
    let changes = vec![Change { field: "owner".into(), old: old.owner.clone(), new: c.owner.clone() }];
    Ok(saved(old, c, changes, record_id, stamp))
}

/// Replaces the collaborators (协作人) of `customer_id`; the owner and empty ids are left out.
pub fn set_collaborators(a: &Archive, customer_id: &str, collaborators: &BTreeSet<String>, record_id: &str, stamp: &Stamp) -> Result<Planned, AssignError> {
    let old = a.get(customer_id).ok_or(AssignError::NoCustomer)?;
    if old.deleted {
        return Err(AssignError::Owner(OwnerError::Deleted));
    }
    let mut c = old.clone();
    let changes = owner::set_collaborators(&mut c, collaborators.clone(), stamp.clone());
    Ok(saved(old, c, changes, record_id, stamp))
}

/// 离职继承: gives every live customer of `from` among `ids` to `to`, in one save, each with
/// the reason in its 负责人记录 and a change record (`record_ids`: one per customer, in order).
/// Customers not owned by `from` (changed meanwhile) are left as they are.
#[allow(clippy::too_many_arguments)]
pub fn hand_over(a: &Archive, ids: &[String], from: &str, to: &str, by: &str, reason: &str, record_ids: &[String], stamp: &Stamp) -> Result<Planned, AssignError> {
    if from == to || to.is_empty() {
        return Err(AssignError::Owner(OwnerError::Unchanged));
    }
    let mut batch = Batch::default();
    let mut expect = Vec::new();
    for (id, record) in ids.iter().zip(record_ids) {
        let Some(old) = a.get(id) else { return Err(AssignError::NoCustomer) };
        if old.owner != from || old.deleted {
            continue;
        }
        let (b, e) = change_owner(a, id, to, by, reason, record, stamp)?;
        batch.customers.extend(b.customers);
        batch.history.extend(b.history);
        expect.extend(e);
    }
    Ok((batch, expect))
}

fn saved(old: &Customer, c: Customer, changes: Vec<Change>, record_id: &str, stamp: &Stamp) -> Planned {
    let rec = ChangeRecord { id: record_id.to_string(), customer_id: c.id.clone(), stamp: stamp.clone(), action: Action::Owner, changes, grades: Vec::new() };
    (Batch { customers: vec![c], history: vec![rec], ..Batch::default() }, vec![(old.id.clone(), Some(version_of(old)))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_over_moves_every_live_customer_of_the_rep_with_the_reason() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut cs = crate::sample::sample_archive(3, 30, today, "dev");
        for (i, c) in cs.iter_mut().enumerate() {
            c.owner = if i % 3 == 0 { "leaving".into() } else { "other".into() };
            c.deleted = i == 3;
        }
        let a = Archive::from_parts(cs.clone(), vec![], Numbering::default());
        let ids: Vec<String> = cs.iter().map(|c| c.id.clone()).collect();
        let recs: Vec<String> = (0..ids.len()).map(|i| format!("r{i}")).collect();
        let (b, expect) = hand_over(&a, &ids, "leaving", "taker", "mgr", "离职继承", &recs, &Stamp::new(Hlc { ms: 9_000_000_000_000, n: 0 }, "d")).unwrap();
        // 10 owned by "leaving", one of them deleted.
        assert_eq!(b.customers.len(), 9);
        assert!(b.customers.iter().all(|c| c.owner == "taker" && c.owner_history.last().is_some_and(|h| h.reason == "离职继承")));
        assert_eq!(b.history.len(), 9);
        assert_eq!(expect.len(), 9);
        assert!(hand_over(&a, &ids, "x", "x", "mgr", "r", &recs, &at(1)).is_err());
    }
    use crate::customer::numbering::Numbering;
    use crate::primitives::clock::Hlc;

    fn at(ms: u64) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, "dev")
    }

    fn archive() -> Archive {
        let c = Customer { id: "c".into(), reg_no: "KH-2026-000001".into(), created: at(1), ..Customer::default() };
        Archive::from_parts(vec![c], vec![], Numbering::default())
    }

    fn applied(mut a: Archive, (batch, _): Planned) -> Archive {
        a.apply(&batch);
        a
    }

    #[test]
    fn the_first_owner_needs_no_reason_the_next_one_does() {
        let a = archive();
        let (batch, expect) = change_owner(&a, "c", "rep-a", "mgr", "", "h1", &at(10)).unwrap();
        assert_eq!(expect, vec![("c".to_string(), Some(version_of(a.get("c").unwrap())))]);
        let rec = &batch.history[0];
        assert_eq!((rec.id.as_str(), rec.customer_id.as_str(), rec.action), ("h1", "c", Action::Owner));
        assert_eq!(rec.changes, [Change { field: "owner".into(), old: "".into(), new: "rep-a".into() }]);
        let a = applied(a, (batch, expect));
        assert_eq!(a.get("c").unwrap().owner, "rep-a");

        assert_eq!(change_owner(&a, "c", "rep-b", "mgr", " ", "h2", &at(11)).unwrap_err(), AssignError::Owner(OwnerError::ReasonRequired));
        assert_eq!(change_owner(&a, "c", "rep-a", "mgr", "x", "h2", &at(11)).unwrap_err(), AssignError::Owner(OwnerError::Unchanged));
        assert_eq!(change_owner(&a, "nobody", "rep-b", "mgr", "x", "h2", &at(11)).unwrap_err(), AssignError::NoCustomer);
        // A stamp the card has already seen is refused (the app stamps from the archive's clock).
        assert_eq!(change_owner(&a, "c", "rep-b", "mgr", "x", "h2", &at(10)).unwrap_err(), AssignError::Owner(OwnerError::StaleStamp));

        let a = { let plan = change_owner(&a, "c", "rep-b", "mgr", "离职交接", "h2", &at(11)).unwrap(); applied(a, plan) };
        let c = a.get("c").unwrap();
        assert_eq!(c.owner, "rep-b");
        assert_eq!(c.owner_history.iter().map(|h| (h.to.as_str(), h.reason.as_str())).collect::<Vec<_>>(), [("rep-a", ""), ("rep-b", "离职交接")]);
    }

    #[test]
    fn collaborators_leave_out_the_owner_and_refuse_a_deleted_card() {
        let a = archive();
        let a = { let plan = change_owner(&a, "c", "rep-a", "mgr", "", "h1", &at(10)).unwrap(); applied(a, plan) };
        let chosen = BTreeSet::from(["rep-a".to_string(), "rep-b".to_string()]);
        let (batch, _) = set_collaborators(&a, "c", &chosen, "h2", &at(11)).unwrap();
        assert_eq!(batch.customers[0].collaborators, BTreeSet::from(["rep-b".to_string()]));
        assert_eq!(batch.history[0].changes, [Change { field: "collaborators".into(), old: "".into(), new: "rep-b".into() }]);
        assert_eq!(set_collaborators(&a, "nobody", &chosen, "h2", &at(11)).unwrap_err(), AssignError::NoCustomer);
        let mut gone = a.get("c").unwrap().clone();
        gone.deleted = true;
        let a = Archive::from_parts(vec![gone], vec![], Numbering::default());
        assert_eq!(set_collaborators(&a, "c", &chosen, "h2", &at(12)).unwrap_err(), AssignError::Owner(OwnerError::Deleted));
        assert_eq!(change_owner(&a, "c", "rep-b", "mgr", "x", "h2", &at(12)).unwrap_err(), AssignError::Owner(OwnerError::Deleted));
    }
}
