//! Merging two copies of the same customer from different devices: last writer wins per part,
//! per status, per person, for the owner group and for the tombstone (with `merged_into`); the
//! owner history is a union; a kind change supersedes concurrent edits. Commutative, associative
//! and idempotent, so hand-offs converge (tests/merge_props.rs).

use super::card::CardBody;
use super::Customer;
use crate::forms::schema::Part;
use std::cmp::Ordering;

/// Merges `other` into a copy of `mine` (both must have the same id).
pub fn merge_customer(mine: &Customer, other: &Customer) -> Customer {
    let mut out = mine.clone();
    // Identity fields: the earlier creation wins, so both sides agree.
    if other.created < mine.created {
        out.created = other.created.clone();
        out.reg_no = other.reg_no.clone();
    }
    merge_body(&mut out, other);
    if other.status_stamp > mine.status_stamp {
        out.stage = other.stage;
        out.former_reason = other.former_reason.clone();
        out.tags = other.tags.clone();
        out.tier = other.tier;
        out.region = other.region.clone();
        out.status_stamp = other.status_stamp.clone();
    }
    for theirs in &other.contacts {
        match out.contacts.iter_mut().find(|c| c.id == theirs.id) {
            Some(c) if theirs.stamp > c.stamp => *c = theirs.clone(),
            Some(_) => {}
            None => out.contacts.push(theirs.clone()),
        }
    }
    out.contacts.sort_by(|a, b| a.id.cmp(&b.id));
    super::owner::merge_owner(&mut out, other);
    if other.deleted_stamp > mine.deleted_stamp {
        out.deleted = other.deleted;
        out.deleted_stamp = other.deleted_stamp.clone();
        out.merged_into = other.merged_into.clone();
    }
    out
}

fn merge_body(out: &mut Customer, other: &Customer) {
    let take_whole = match other.kind_stamp.cmp(&out.kind_stamp) {
        Ordering::Greater => true,
        // Edits made before the other copy's kind change are superseded by it.
        Ordering::Less => return,
        // Same kind change, so the same kind; except for kind changes stored before
        // `kind_stamp` existed, where the later body wins as before.
        Ordering::Equal => out.body.kind() != other.body.kind() && other.body_stamp > out.body_stamp,
    };
    if take_whole {
        out.body = other.body.clone();
        out.parts = other.parts.clone();
        out.body_stamp = other.body_stamp.clone();
        out.kind_stamp = other.kind_stamp.clone();
        return;
    }
    if out.body.kind() != other.body.kind() {
        return;
    }
    for &part in Part::ALL {
        if other.parts.get(part) > out.parts.get(part) {
            take_part(&mut out.body, &other.body, part);
            out.parts.set(part, other.parts.get(part).clone());
        }
    }
    out.body_stamp = out.body_stamp.clone().max(other.body_stamp.clone());
}

fn take_part(into: &mut CardBody, from: &CardBody, part: Part) {
    match (into, from) {
        (CardBody::Individual(a), CardBody::Individual(b)) => match part {
            Part::Basic => a.basic = b.basic.clone(),
            Part::Traits => a.traits = b.traits.clone(),
            Part::Business => a.business = b.business.clone(),
            Part::Trading => a.trading = b.trading.clone(),
        },
        (CardBody::Enterprise(a), CardBody::Enterprise(b)) => match part {
            Part::Basic => a.basic = b.basic.clone(),
            Part::Traits => a.traits = b.traits.clone(),
            Part::Business => a.business = b.business.clone(),
            Part::Trading => a.trading = b.trading.clone(),
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::card::{validate_card, Kind};
    use crate::customer::contact::{Contact, ContactFields};
    use crate::customer::lifecycle;
    use crate::primitives::clock::{Hlc, Stamp};
    use chrono::NaiveDate;

    fn st(ms: u64, dev: &str) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, dev)
    }

    fn body(pairs: &[(&str, &str)]) -> CardBody {
        let raw = crate::forms::flat_values(pairs.iter().copied());
        validate_card(Kind::Enterprise, &raw, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap()
    }

    #[test]
    fn concurrent_edits_of_different_parts_both_survive() {
        let base = Customer::new("c".into(), "KH-2026-000001".into(), body(&[("name", "甲")]), st(1, "a"));
        let mut a = base.clone();
        a.set_body(body(&[("name", "甲公司")]), st(2, "a"));
        let mut b = base.clone();
        b.set_body(body(&[("name", "甲"), ("payment", "月结")]), st(3, "b"));
        lifecycle::move_to_former(&mut b, "倒闭", st(4, "b")).unwrap();
        b.upsert_contact(Contact::new("p".into(), ContactFields { name: "张".into(), ..Default::default() }, st(4, "b")));
        lifecycle::delete(&mut a, st(5, "a"));

        let ab = merge_customer(&a, &b);
        assert_eq!(ab, merge_customer(&b, &a));
        assert_eq!(ab.display_name(), "甲公司");
        let CardBody::Enterprise(e) = &ab.body else { panic!() };
        assert_eq!(e.trading.payment, "月结");
        assert_eq!(ab.former_reason, "倒闭");
        assert_eq!(ab.contacts.len(), 1);
        assert!(ab.deleted);
        assert_eq!(merge_customer(&ab, &ab), ab);
    }

    #[test]
    fn a_kind_change_supersedes_concurrent_edits_in_any_merge_order() {
        // Found by the merge laws (tests/merge_props.rs): with the body stamp as the only
        // tie-breaker, (a·b)·c kept one edit that a·(b·c) lost.
        let base = Customer::new("c".into(), "r".into(), body(&[("name", "甲")]), st(1, "o"));
        let mut a = base.clone();
        a.set_body(body(&[("name", "甲"), ("payment", "月结")]), st(2, "a"));
        let mut b = base.clone();
        let raw = [("name".to_string(), "乙".into())].into();
        b.set_body(validate_card(Kind::Individual, &raw, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap(), st(2, "b"));
        let mut c = base.clone();
        c.set_body(body(&[("name", "丙")]), st(2, "c"));
        let left = merge_customer(&merge_customer(&a, &b), &c);
        assert_eq!(left, merge_customer(&a, &merge_customer(&b, &c)));
        assert_eq!(left.kind(), Kind::Individual);
        assert_eq!(left.display_name(), "乙");
        assert_eq!(left.kind_stamp, st(2, "b"));
    }
}
