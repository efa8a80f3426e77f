//! Merging two copies of the same customer from different devices: per field, the value of the
//! copy whose stamp of that field is newer ([`super::fields`]; a withheld field loses to any
//! value); per person likewise, field by field; the owner history is a union and names the
//! owner; the tombstone (with `merged_into`) is last writer wins; a kind change supersedes
//! concurrent edits of the card. Commutative, associative and idempotent, so hand-offs converge
//! (tests/merge_props.rs). [`conflicts`] lists the fields both copies changed since they last
//! met, for the import preview; [`keep_mine`] puts this device's choice back.

use super::fields::{Group, CONTACT_DELETED};
use super::Customer;
use crate::forms::schema::Part;
use crate::primitives::clock::{Hlc, Stamp};
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
    merge_group(&mut out, other, Group::Status);
    let keys = Group::Contact.keys(out.kind());
    for theirs in &other.contacts {
        match out.contacts.iter_mut().find(|c| c.id == theirs.id) {
            Some(c) => {
                let (mut e, te) = (c.effective(&keys), theirs.effective(&keys));
                let take = newer(&keys, &mut e, te);
                c.copy_values(Some(theirs), &take);
                c.store(&keys, &e);
            }
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

/// Per key, the newer of two effective stamps into `mine`; returns the keys `theirs` won.
/// Equal stamps are the same write (a withheld field has none: it loses to any stamp).
fn newer<'k>(keys: &[&'k str], mine: &mut [Option<Stamp>], theirs: Vec<Option<Stamp>>) -> Vec<&'k str> {
    let mut take = Vec::new();
    for ((k, m), t) in keys.iter().zip(mine.iter_mut()).zip(theirs) {
        if t > *m {
            *m = t;
            take.push(*k);
        }
    }
    take
}

/// Merges one group of fields of `other` into `out` (of the same kind, for a part).
pub(crate) fn merge_group(out: &mut Customer, other: &Customer, g: Group) {
    let keys = g.keys(out.kind());
    let mut e = out.effective(g, &keys);
    let take = newer(&keys, &mut e, other.effective(g, &keys));
    out.copy_values(Some(other), g, &take);
    // Always stored, also with nothing taken: one canonical form whatever the merge order.
    out.store(g, &keys, &e);
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
        out.take_card_fields(other);
        return;
    }
    if out.body.kind() != other.body.kind() {
        return;
    }
    for &part in Part::ALL {
        merge_group(out, other, Group::Part(part));
    }
    out.body_stamp = out.body_stamp.clone().max(other.body_stamp.clone());
}

/// A field both copies changed, differently, since they last met (for the import preview).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldConflict {
    /// The field's key (`contact.<id>.<key>` for a person's field).
    pub key: String,
    /// Values as flat text ([`crate::forms::FieldValue::flat`]; "stage" with its reason as
    /// `former: 倒闭`, collaborators joined by `,`).
    pub mine: String,
    pub theirs: String,
    pub mine_stamp: Stamp,
    pub theirs_stamp: Stamp,
}

/// Fields whose values differ where both copies changed them after `since` (when the two
/// devices last exchanged), neither withholding them: card fields (when both cards are of one
/// kind), status and owner fields, then the fields of people both copies have, by id.
pub fn conflicts(mine: &Customer, theirs: &Customer, since: Hlc) -> Vec<FieldConflict> {
    let mut out = Vec::new();
    let mut push = |key: String, (m, t): (&Option<Stamp>, &Option<Stamp>), (mv, tv): (&String, &String)| {
        if let (Some(ms), Some(ts)) = (m, t) {
            if ms.at > since && ts.at > since && mv != tv {
                let c = FieldConflict { key, mine: mv.clone(), theirs: tv.clone(), mine_stamp: ms.clone(), theirs_stamp: ts.clone() };
                out.push(c);
            }
        }
    };
    let kind = mine.kind();
    let (mine_card, theirs_card) = (mine.card_raw(), theirs.card_raw());
    let card = Part::ALL.iter().map(|p| Group::Part(*p)).filter(|_| kind == theirs.kind());
    for g in card.chain([Group::Status, Group::Owner]) {
        let keys = g.keys(kind);
        let (me, te) = (mine.effective(g, &keys), theirs.effective(g, &keys));
        let (mv, tv) = (mine.flat_values(g, &keys, &mine_card), theirs.flat_values(g, &keys, &theirs_card));
        for (i, k) in keys.iter().enumerate() {
            push(k.to_string(), (&me[i], &te[i]), (&mv[i], &tv[i]));
        }
    }
    let keys: Vec<&str> = Group::Contact.keys(kind).into_iter().filter(|k| *k != CONTACT_DELETED).collect();
    let mut people: Vec<_> = mine.contacts.iter().filter_map(|m| Some((m, theirs.contact(&m.id)?))).collect();
    people.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for (m, t) in people {
        let (me, te) = (m.effective(&keys), t.effective(&keys));
        let (mv, tv) = (m.flat_values(&keys), t.flat_values(&keys));
        for (i, k) in keys.iter().enumerate() {
            push(format!("contact.{}.{k}", m.id), (&me[i], &te[i]), (&mv[i], &tv[i]));
        }
    }
    out
}

/// After `merged = merge_customer(mine, theirs)`: puts back `mine`'s value of each key listed
/// (as [`FieldConflict::key`]) where it differs, stamped `stamp`: a new local edit, so the
/// choice also wins on the other device when the bundle goes back. A field `mine` withholds,
/// a card field when the kinds differ and an unknown key are left as merged. Keeping mine's
/// owner records an owner change (the owner is the history's newest change).
pub fn keep_mine(merged: &Customer, mine: &Customer, keys: &[String], stamp: &Stamp) -> Customer {
    let mut out = merged.clone();
    for key in keys {
        if let Some((id, k)) = key.strip_prefix("contact.").and_then(|r| r.rsplit_once('.')) {
            let (Some(m), Some(o)) = (mine.contact(id), out.contacts.iter_mut().find(|c| c.id == id)) else { continue };
            let keys = [k];
            if k == CONTACT_DELETED || m.field_stamp(k).is_none() || m.flat_values(&keys) == o.flat_values(&keys) {
                continue;
            }
            o.copy_values(Some(m), &keys);
            o.stamp_fields(&keys, stamp);
            continue;
        }
        let Some(g) = Group::of(key, out.kind()).filter(|_| mine.kind() == out.kind()) else { continue };
        let k = [key.as_str()];
        if mine.field_stamp(key).is_none() || mine.flat_values(g, &k, &mine.card_raw()) == out.flat_values(g, &k, &out.card_raw()) {
            continue;
        }
        if key == "owner" {
            super::owner::record_owner(&mut out, &mine.owner, "", "", stamp);
            continue;
        }
        out.copy_values(Some(mine), g, &k);
        out.stamp_fields(g, &k, stamp);
        if matches!(g, Group::Part(_)) {
            out.body_stamp = out.body_stamp.clone().max(stamp.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::card::{validate_card, CardBody, Kind};
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
