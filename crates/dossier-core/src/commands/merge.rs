//! 合并: two cards of one customer become one, in one save: the survivor as merged, the other
//! card as a tombstone pointing at it, the other card's file moved over, and a change record on
//! each card. Expects both cards as they are in the archive the command ran against.

use chrono::NaiveDate;
use thiserror::Error;

use super::Planned;
use crate::archive::{version_of, Archive, Batch};
use crate::dedup::card_merge::{self, move_entries, CardMergeError, MergeChoices};
use crate::primitives::clock::Stamp;

#[derive(Clone, Debug, PartialEq, Error)]
pub enum MergeError {
    #[error("no such customer")]
    NoCustomer,
    /// The same card twice, a deleted card, different kinds, an invalid result.
    #[error("{0}")]
    Refused(CardMergeError),
}

/// Merges `other_id` into `survivor_id` (conflicting fields by `choices`); `by` is the acting
/// rep, `record_ids` the ids of the survivor's and the tombstone's change records.
#[allow(clippy::too_many_arguments)]
pub fn merge_cards(
    a: &Archive,
    survivor_id: &str,
    other_id: &str,
    choices: &MergeChoices,
    by: &str,
    record_ids: [String; 2],
    today: NaiveDate,
    stamp: &Stamp,
) -> Result<Planned, MergeError> {
    let survivor = a.get(survivor_id).ok_or(MergeError::NoCustomer)?;
    let other = a.get(other_id).ok_or(MergeError::NoCustomer)?;
    let merged = card_merge::merge_cards(survivor, other, choices, by, stamp, record_ids, today).map_err(MergeError::Refused)?;
    let entries = move_entries(a.ledger(other_id), survivor_id, stamp);
    let expect = vec![(survivor.id.clone(), Some(version_of(survivor))), (other.id.clone(), Some(version_of(other)))];
    let batch = Batch { customers: vec![merged.survivor, merged.merged], entries, history: merged.history, ..Batch::default() };
    Ok((batch, expect))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::card::{validate_card, Kind};
    use crate::customer::history::Action;
    use crate::customer::lifecycle;
    use crate::customer::numbering::Numbering;
    use crate::customer::Customer;
    use crate::dedup::card_merge::follow_merged;
    use crate::ledger::{Entry, EntryBody, Visit};
    use crate::primitives::clock::Hlc;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
    }

    fn at(ms: u64) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, "dev")
    }

    fn card(id: &str, reg: &str, kind: Kind, name: &str) -> Customer {
        let raw = [("name".to_string(), name.into())].into_iter().collect();
        Customer::new(id.into(), reg.into(), validate_card(kind, &raw, today()).unwrap(), at(1))
    }

    /// Cards a and b (one customer), an individual card i; b has two entries, one deleted.
    fn archive() -> Archive {
        let cards = vec![
            card("a", "KH-2026-000001", Kind::Enterprise, "杭州鑫源食品有限公司"),
            card("b", "KH-2026-000002", Kind::Enterprise, "杭州鑫源食品厂"),
            card("i", "KH-2026-000003", Kind::Individual, "王伟"),
        ];
        let visit = |id: &str| Entry::new(id.into(), "b".into(), EntryBody::Visit(Visit::default()), at(2));
        let mut gone = visit("v2");
        gone.delete(at(3));
        Archive::with_entries(cards, vec![visit("v1"), gone], vec![], Numbering::default())
    }

    #[test]
    fn a_merge_moves_the_file_and_leaves_a_tombstone_in_one_save() {
        let a = archive();
        let (batch, expect) = merge_cards(&a, "a", "b", &MergeChoices::new(), "rep", ["h1".into(), "h2".into()], today(), &at(10)).unwrap();
        assert_eq!(expect, vec![("a".to_string(), Some(version_of(a.get("a").unwrap()))), ("b".to_string(), Some(version_of(a.get("b").unwrap())))]);
        assert_eq!(batch.history.iter().map(|h| (h.id.as_str(), h.customer_id.as_str(), h.action)).collect::<Vec<_>>(), [("h1", "a", Action::Merge), ("h2", "b", Action::Merge)]);
        // Every entry moves, deleted ones too, stamped so the move wins.
        assert_eq!(batch.entries.iter().map(|e| (e.id.as_str(), e.customer_id.as_str(), e.stamp.clone())).collect::<Vec<_>>(), [("v1", "a", at(10)), ("v2", "a", at(10))]);
        let mut a = a;
        a.apply(&batch);
        assert!(a.ledger("b").is_empty());
        assert_eq!(a.ledger("a").len(), 2);
        assert_eq!(follow_merged("b", |id| a.get(id)), "a");
        assert!(!a.get("a").unwrap().deleted);
    }

    #[test]
    fn a_merge_is_refused_for_unknown_deleted_same_or_different_kinds() {
        let a = archive();
        let go = |a: &Archive, s: &str, o: &str| merge_cards(a, s, o, &MergeChoices::new(), "rep", ["h1".into(), "h2".into()], today(), &at(10)).unwrap_err();
        assert_eq!(go(&a, "a", "nobody"), MergeError::NoCustomer);
        assert_eq!(go(&a, "nobody", "a"), MergeError::NoCustomer);
        assert_eq!(go(&a, "a", "a"), MergeError::Refused(CardMergeError::SameCard));
        assert_eq!(go(&a, "a", "i"), MergeError::Refused(CardMergeError::KindDiffers));
        let mut b = a.get("b").unwrap().clone();
        lifecycle::delete(&mut b, at(5));
        let mut a = a;
        a.apply(&Batch { customers: vec![b], ..Batch::default() });
        assert_eq!(go(&a, "a", "b"), MergeError::Refused(CardMergeError::Deleted));
    }
}
