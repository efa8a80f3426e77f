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

fn saved(old: &Customer, c: Customer, changes: Vec<Change>, record_id: &str, stamp: &Stamp) -> Planned {
    let rec = ChangeRecord { id: record_id.to_string(), customer_id: c.id.clone(), stamp: stamp.clone(), action: Action::Owner, changes };
    (Batch { customers: vec![c], history: vec![rec], ..Batch::default() }, vec![(old.id.clone(), Some(version_of(old)))])
}

#[cfg(test)]
mod tests {
    use super::*;
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
