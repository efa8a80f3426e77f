//! Merging two copies of the same customer from different devices: per field, the value of the
//! copy whose stamp of that field is newer ([`super::fields`]; a withheld field loses to any
//! value); per person likewise, field by field; the owner history is a union and names the
//! owner; the tombstone (with `merged_into`) is last writer wins, but a deletion stands only if
//! it is newer than every edit the merged record holds ([`settle_tombstone`]); a kind change
//! supersedes concurrent edits of the card. Commutative, associative and idempotent, so hand-offs
//! converge (tests/merge_props.rs). [`conflicts`] lists the fields both copies changed since they last
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
            Some(c) if c.whole() && theirs.whole() => {
                if theirs.stamp > c.stamp {
                    *c = theirs.clone();
                }
            }
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
    let (stamp, deletion, into) = tombstone(mine).max(tombstone(other));
    let (stamp, into) = (stamp.clone(), into.to_string());
    out.deleted_stamp = stamp;
    out.merged_into = into;
    settle_tombstone(&mut out, deletion);
    out
}

/// A copy's tombstone as merges order it: its stamp, then (one stamp is one write, so only for
/// damaged copies) a deletion above a restore, then `merged_into`. A total order, so taking the
/// greater is last writer wins and a join. A deletion is one whether or not it still stands
/// (`revived`), so what stands is decided again on the merged record.
fn tombstone(c: &Customer) -> (&Option<Stamp>, bool, &str) {
    (&c.deleted_stamp, c.deleted || c.revived, &c.merged_into)
}

/// Whether the record is deleted, its tombstone (`deleted_stamp`) being a deletion (`deletion`)
/// or a restore: an edit made after a deletion keeps the record alive and says so (`revived`);
/// a deletion newer than every edit ([`Customer::edited`]) removes it. The tombstone's stamp
/// stays either way, so later merges still know the deletion. A card merged into another (合并,
/// `merged_into`) stays a tombstone whatever was edited: its file moved to the survivor, and an
/// edit of the old card belongs there (a restore takes it back). A deletion without a stamp
/// (none is written so) stands, as it did.
pub(crate) fn settle_tombstone(c: &mut Customer, deletion: bool) {
    let stands = deletion
        && (!c.merged_into.is_empty() || c.deleted_stamp.as_ref().is_none_or(|d| d > c.edited()));
    c.deleted = stands;
    c.revived = deletion && !stands;
}

/// After `merged = merge_customer(mine, other)`: whether `mine` was deleted and the merge keeps
/// it alive because of an edit made after the deletion (not because of a restore), for the
/// import to say so.
pub fn revived(mine: &Customer, merged: &Customer) -> bool {
    mine.deleted && !merged.deleted && merged.revived
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
    if out.whole(&keys) && other.whole(&keys) {
        if other.group_stamp(g) > out.group_stamp(g) {
            out.copy_values(Some(other), g, &keys);
            out.set_group_stamp(g, other.group_stamp(g).clone());
        }
        return;
    }
    let (mut e, settled) = out.effective_settled(g, &keys);
    let take = newer(&keys, &mut e, other.effective(g, &keys));
    // Stored again unless nothing changes: one canonical form whatever the merge order.
    if take.is_empty() && settled {
        return;
    }
    out.copy_values(Some(other), g, &take);
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
/// owner records an owner change (the owner is the history's newest change). A deleted merged
/// record is left as it is: deleted cards are read-only, and a value put back would be an edit
/// newer than the deletion, which would bring the card back.
pub fn keep_mine(merged: &Customer, mine: &Customer, keys: &[String], stamp: &Stamp) -> Customer {
    let mut out = merged.clone();
    if merged.deleted {
        return out;
    }
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
        let Some(g) = Group::of(key, out.kind()) else { continue };
        if matches!(g, Group::Part(_)) && mine.kind() != out.kind() {
            continue;
        }
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

    fn edit(c: &Customer, pairs: &[(&str, &str)], at: Stamp) -> Customer {
        let mut raw = crate::customer::card::card_to_raw(&c.body);
        raw.extend(crate::forms::flat_values(pairs.iter().copied()));
        let b = validate_card(c.kind(), &raw, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
        let mut c = c.clone();
        c.set_body(b, at);
        c
    }

    fn trading(c: &Customer) -> &crate::customer::enterprise::EnterpriseTrading {
        let CardBody::Enterprise(e) = &c.body else { panic!() };
        &e.trading
    }

    #[test]
    fn concurrent_edits_of_different_fields_of_one_part_both_survive() {
        let base = Customer::new("c".into(), "r".into(), body(&[("name", "甲"), ("payment", "现金")]), st(1, "o"));
        let a = edit(&base, &[("payment", "月结")], st(5, "a"));
        let b = edit(&base, &[("terms", "货到付款")], st(6, "b"));
        let ab = merge_customer(&a, &b);
        assert_eq!(ab, merge_customer(&b, &a));
        assert_eq!((trading(&ab).payment.as_str(), trading(&ab).terms.as_str()), ("月结", "货到付款"));
        assert_eq!(ab.parts.trading, st(6, "b"), "the part's stamp is its newest field's");
        assert_eq!(ab.field_stamp("payment"), Some(st(5, "a")));
        assert_eq!(ab.field_stamp("credit_days"), Some(Stamp::default()), "as created");
        // The same field: the later edit wins, whichever copy merges into which.
        let a2 = edit(&ab, &[("terms", "预付")], st(7, "a"));
        assert_eq!(trading(&merge_customer(&b, &a2)).terms, "预付");
        assert_eq!(merge_customer(&a2, &b), merge_customer(&b, &a2));
    }

    #[test]
    fn records_of_older_builds_merge_by_part_and_keep_their_part_stamp() {
        // A part written by an older build: its stamp covers every field of the part.
        let mut old = Customer::new("c".into(), "r".into(), body(&[("name", "甲"), ("payment", "现金"), ("terms", "月底")]), st(1, "o"));
        old.parts.trading = st(4, "o");
        let a = edit(&old, &[("payment", "月结")], st(9, "a"));
        assert_eq!(a.field_stamp("terms"), Some(st(4, "o")), "the old part stamp is the base");
        assert_eq!(a.field_stamps.get("@trading"), Some(&st(4, "o")));
        // An older build on another device rewrote the part at 6: only the newer field is kept.
        let mut b = old.clone();
        b.body = body(&[("name", "甲"), ("payment", "支票"), ("terms", "季结")]);
        b.parts.trading = st(6, "b");
        let ab = merge_customer(&a, &b);
        assert_eq!(ab, merge_customer(&b, &a));
        assert_eq!((trading(&ab).payment.as_str(), trading(&ab).terms.as_str()), ("月结", "季结"));
        // Code that writes only the part stamp (not the fields') still wins for the whole part.
        let mut c = a.clone();
        c.body = body(&[("name", "甲"), ("payment", "汇票"), ("terms", "年结")]);
        c.parts.trading = st(12, "c");
        let ac = merge_customer(&a, &c);
        assert_eq!((trading(&ac).payment.as_str(), trading(&ac).terms.as_str()), ("汇票", "年结"));
    }

    #[test]
    fn people_merge_field_by_field() {
        let mut base = Customer::new("c".into(), "r".into(), body(&[("name", "甲")]), st(1, "o"));
        base.upsert_contact(Contact::new("p".into(), ContactFields { name: "张".into(), ..Default::default() }, st(2, "o")));
        let person = |c: &Customer| c.contact("p").unwrap().info.clone();
        let (mut a, mut b) = (base.clone(), base.clone());
        a.upsert_contact(Contact::new("p".into(), ContactFields { mobile: "13800138000".into(), ..person(&base) }, st(5, "a")));
        b.upsert_contact(Contact::new("p".into(), ContactFields { position: "经理".into(), ..person(&base) }, st(6, "b")));
        let ab = merge_customer(&a, &b);
        assert_eq!(ab, merge_customer(&b, &a));
        assert_eq!(
            (person(&ab).name.as_str(), person(&ab).mobile.as_str(), person(&ab).position.as_str()),
            ("张", "13800138000", "经理")
        );
        assert_eq!(ab.contact("p").unwrap().stamp, st(6, "b"));
        // A delete and a concurrent edit of a field: both are kept (the edit does not undelete).
        b.delete_contact("p", st(7, "b"));
        let ab = merge_customer(&a, &b);
        assert!(ab.contact("p").unwrap().deleted);
        assert_eq!(person(&ab).mobile, "13800138000");
    }

    #[test]
    fn conflicts_are_fields_both_changed_since_they_met() {
        let mut base = Customer::new("c".into(), "r".into(), body(&[("name", "甲"), ("payment", "现金")]), st(1, "o"));
        base.upsert_contact(Contact::new("p".into(), ContactFields { name: "张".into(), ..Default::default() }, st(2, "o")));
        let base = edit(&base, &[("terms", "月底")], st(3, "o"));
        let since = Hlc { ms: 4, n: 0 };
        let mut mine = edit(&base, &[("payment", "月结"), ("terms", "季结"), ("scope", "日用品")], st(5, "a"));
        let mut theirs = edit(&base, &[("payment", "支票"), ("terms", "季结"), ("website", "www.example.cn")], st(6, "b"));
        lifecycle::move_to_former(&mut mine, "倒闭", st(7, "a")).unwrap();
        lifecycle::make_current(&mut theirs, st(7, "b"));
        lifecycle::set_region(&mut theirs, "华东", st(8, "b"));
        let info = |name: &str| ContactFields { name: name.into(), ..Default::default() };
        mine.upsert_contact(Contact::new("p".into(), info("张三"), st(8, "a")));
        theirs.upsert_contact(Contact::new("p".into(), info("张山"), st(9, "b")));
        let found = conflicts(&mine, &theirs, since);
        let keys: Vec<&str> = found.iter().map(|c| c.key.as_str()).collect();
        // Not terms (the same value), scope and website (one side each), region (theirs only).
        assert_eq!(keys, ["payment", "stage", "contact.p.name"]);
        assert_eq!(found[0], FieldConflict {
            key: "payment".into(),
            mine: "月结".into(),
            theirs: "支票".into(),
            mine_stamp: st(5, "a"),
            theirs_stamp: st(6, "b"),
        });
        assert_eq!((found[1].mine.as_str(), found[1].theirs.as_str()), ("former: 倒闭", "current"));
        // Changed before they last met: no conflict.
        assert!(conflicts(&mine, &theirs, Hlc { ms: 8, n: 0 }).is_empty());
        // Withheld on either side: no conflict.
        let redacted = crate::customer::fields::redact(&theirs, &|k| k != "payment");
        assert_eq!(conflicts(&mine, &redacted, since).len(), 2);

        // Keeping mine: my values back, stamped as a new edit that wins the next merge too.
        let merged = merge_customer(&mine, &theirs);
        assert_eq!(trading(&merged).payment, "支票");
        let keys: Vec<String> = found.iter().map(|c| c.key.clone()).collect();
        let kept = keep_mine(&merged, &mine, &keys, &st(20, "a"));
        assert_eq!(trading(&kept).payment, "月结");
        assert_eq!((kept.stage, kept.former_reason.as_str()), (crate::primitives::codes::Stage::Former, "倒闭"));
        assert_eq!(kept.contact("p").unwrap().info.name, "张三");
        assert_eq!(kept.region, "华东", "a field not listed stays as merged");
        assert_eq!(trading(&kept).terms, "季结");
        assert_eq!(kept.field_stamp("payment"), Some(st(20, "a")));
        assert_eq!(kept.contact("p").unwrap().field_stamp("name"), Some(st(20, "a")));
        let back = merge_customer(&theirs, &kept);
        assert_eq!((trading(&back).payment.as_str(), back.stage), ("月结", crate::primitives::codes::Stage::Former));
        assert!(conflicts(&kept, &back, Hlc { ms: 9, n: 0 }).is_empty());
        // Unknown keys and equal values are left alone.
        let same = keep_mine(&merged, &mine, &["nope".into(), "contact.zz.name".into(), "terms".into()], &st(21, "a"));
        assert_eq!(same, merged);
    }

    #[test]
    fn an_edit_after_a_deletion_keeps_the_card_and_a_later_deletion_removes_it() {
        let base = Customer::new("c".into(), "r".into(), body(&[("name", "甲")]), st(1, "o"));
        let mut a = base.clone();
        lifecycle::delete(&mut a, st(2, "a"));
        let b = edit(&base, &[("payment", "月结")], st(3, "b"));
        let ab = merge_customer(&a, &b);
        assert_eq!(ab, merge_customer(&b, &a));
        assert!(!ab.deleted && ab.revived, "alive, and says why");
        assert_eq!(ab.deleted_stamp, Some(st(2, "a")), "the deletion is still known");
        assert_eq!(trading(&ab).payment, "月结");
        assert!(revived(&a, &ab) && !revived(&b, &ab));
        assert_eq!(merge_customer(&ab, &a), ab);
        assert_eq!(merge_customer(&ab, &ab), ab);
        // Any edit counts: of the status, the owner, a person.
        let mut s = base.clone();
        lifecycle::set_region(&mut s, "华东", st(3, "b"));
        let mut p = base.clone();
        p.upsert_contact(Contact::new("p".into(), ContactFields { name: "张".into(), ..Default::default() }, st(3, "b")));
        let mut o = base.clone();
        crate::customer::owner::change_owner(&mut o, "rep", "m", "", st(3, "b")).unwrap();
        for x in [s, p, o] {
            assert!(!merge_customer(&a, &x).deleted && !merge_customer(&x, &a).deleted);
        }
        // A deletion after the edit removes the card, whichever copy merges into which.
        let mut a4 = b.clone();
        lifecycle::delete(&mut a4, st(4, "a"));
        for m in [merge_customer(&a4, &b), merge_customer(&b, &a4), merge_customer(&ab, &a4), merge_customer(&a4, &ab)] {
            assert!(m.deleted && !m.revived);
            assert_eq!(m.deleted_stamp, Some(st(4, "a")));
        }
        // Deleted again on the revived card: gone.
        let mut again = ab.clone();
        lifecycle::delete(&mut again, st(5, "a"));
        assert!(merge_customer(&ab, &again).deleted);
        // Alive through a restore, not an edit: not revived.
        let mut r = a.clone();
        lifecycle::restore(&mut r, st(3, "b"));
        let ar = merge_customer(&a, &r);
        assert!(!ar.deleted && !revived(&a, &ar));
        // A deleted merged record is read-only for keep_mine.
        let d = merge_customer(&a4, &b);
        assert_eq!(keep_mine(&d, &base, &["payment".into()], &st(9, "b")), d);
    }

    #[test]
    fn a_card_merged_into_another_stays_a_tombstone_whatever_was_edited() {
        let base = Customer::new("c".into(), "r".into(), body(&[("name", "甲")]), st(1, "o"));
        let mut a = base.clone();
        lifecycle::merge_into(&mut a, "survivor", st(2, "a"));
        let b = edit(&base, &[("payment", "月结")], st(3, "b"));
        for m in [merge_customer(&a, &b), merge_customer(&b, &a)] {
            assert!(m.deleted && !m.revived);
            assert_eq!((m.merged_into.as_str(), trading(&m).payment.as_str()), ("survivor", "月结"));
            assert!(!revived(&a, &m));
        }
    }

    #[test]
    fn a_deletion_outlived_by_an_edit_that_a_kind_change_supersedes_stands_in_any_order() {
        // Why the record keeps the deletion (`revived`): merged first with the edit at 5, the card
        // is alive; the kind change at 3 then supersedes that edit, and the deletion at 4 is
        // again newer than every edit, as when the kind change is merged first.
        let base = Customer::new("c".into(), "r".into(), body(&[("name", "甲")]), st(1, "o"));
        let mut a = base.clone();
        lifecycle::delete(&mut a, st(4, "a"));
        let b = edit(&base, &[("payment", "月结")], st(5, "b"));
        let mut c = base.clone();
        let raw = [("name".to_string(), "乙".into())].into();
        c.set_body(validate_card(Kind::Individual, &raw, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap(), st(3, "c"));
        assert!(merge_customer(&a, &b).revived);
        let left = merge_customer(&merge_customer(&a, &b), &c);
        assert_eq!(left, merge_customer(&a, &merge_customer(&b, &c)));
        assert_eq!(left, merge_customer(&merge_customer(&c, &a), &b));
        assert!(left.deleted && left.kind() == Kind::Individual);
    }

    #[test]
    fn keeping_my_owner_records_an_owner_change() {
        use crate::customer::owner::change_owner;
        let base = Customer::new("c".into(), "r".into(), body(&[("name", "甲")]), st(1, "o"));
        let (mut mine, mut theirs) = (base.clone(), base.clone());
        change_owner(&mut mine, "rep-a", "m", "", st(5, "a")).unwrap();
        change_owner(&mut theirs, "rep-b", "m", "", st(6, "b")).unwrap();
        let found = conflicts(&mine, &theirs, Hlc::default());
        assert_eq!(found.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(), ["owner"]);
        let merged = merge_customer(&mine, &theirs);
        assert_eq!(merged.owner, "rep-b");
        let kept = keep_mine(&merged, &mine, &["owner".into()], &st(9, "a"));
        assert_eq!(kept.owner, "rep-a");
        assert_eq!(kept.owner_history.len(), 3);
        assert_eq!(merge_customer(&theirs, &kept).owner, "rep-a");
        // After a change of kind on their side, my card fields cannot go back; status fields can.
        lifecycle::set_region(&mut mine, "华南", st(7, "a"));
        let raw = [("name".to_string(), "乙".into())].into();
        theirs.set_body(validate_card(Kind::Individual, &raw, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap(), st(8, "b"));
        lifecycle::set_region(&mut theirs, "华北", st(8, "b"));
        let merged = merge_customer(&mine, &theirs);
        let kept = keep_mine(&merged, &mine, &["name".into(), "region".into()], &st(9, "a"));
        assert_eq!((kept.display_name(), kept.region.as_str()), ("乙", "华南"));
    }
}
