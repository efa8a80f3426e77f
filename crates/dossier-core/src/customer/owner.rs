//! Who owns each customer (负责人, 专人负责): reps, the owner and collaborators of a card, and
//! the owner history (负责人记录) that hand-over of a leaving rep's customers (离职继承) builds on.
//!
//! Everything here merges like the rest of the archive. The history is a set of changes merged as
//! a union by id, so a change made on any device survives every hand-off. The owner is the target
//! of the newest change, so it always agrees with the history; collaborators are last writer wins
//! under their field stamp (see [`super::fields`]; `owner_stamp` is the newer of the two).

use super::fields::Group;
use super::history::Change;
use super::Customer;
use crate::primitives::clock::Stamp;
use crate::primitives::lang::Lang;
use std::collections::BTreeSet;

record! {
    /// 业务员: a person who can own customers. Managed in settings; the device's own rep is
    /// chosen on first start and is the `by` of the owner changes made on it.
    pub struct Rep {
        pub id: String,
        pub name: String,
        pub phone: String,
        /// 片区 the rep covers (e.g. an area of the route plan).
        pub area: String,
        pub created: Stamp,
        /// Last write of name/phone/area (zero: as created).
        pub stamp: Stamp,
        /// Tombstone: a rep who left stays known, so old cards and histories still show a name.
        pub deleted: bool,
        pub deleted_stamp: Option<Stamp>,
    }
}

impl Rep {
    pub fn new(id: String, name: &str, phone: &str, area: &str, stamp: Stamp) -> Rep {
        Rep {
            id,
            name: name.trim().to_string(),
            phone: phone.trim().to_string(),
            area: area.trim().to_string(),
            created: stamp,
            ..Rep::default()
        }
    }

    /// Saves edited details; returns what changed (nothing changed: nothing is stamped).
    pub fn edit(&mut self, name: &str, phone: &str, area: &str, stamp: Stamp) -> Vec<Change> {
        let mut changes = Vec::new();
        for (field, slot, new) in
            [("name", &mut self.name, name), ("phone", &mut self.phone, phone), ("area", &mut self.area, area)]
        {
            let new = new.trim();
            if slot != new {
                changes.push(Change { field: field.to_string(), old: slot.clone(), new: new.to_string() });
                *slot = new.to_string();
            }
        }
        if !changes.is_empty() {
            self.stamp = stamp;
        }
        changes
    }

    pub fn delete(&mut self, stamp: Stamp) {
        self.deleted = true;
        self.deleted_stamp = Some(stamp);
    }

    pub fn restore(&mut self, stamp: Stamp) {
        self.deleted = false;
        self.deleted_stamp = Some(stamp);
    }
}

/// Merges two copies of the same rep: last writer wins for the details and for the tombstone,
/// the earlier creation wins. Commutative, associative and idempotent.
pub fn merge_rep(mine: &Rep, other: &Rep) -> Rep {
    let mut out = mine.clone();
    if other.created < mine.created {
        out.created = other.created.clone();
    }
    if other.stamp > mine.stamp {
        out.name = other.name.clone();
        out.phone = other.phone.clone();
        out.area = other.area.clone();
        out.stamp = other.stamp.clone();
    }
    if other.deleted_stamp > mine.deleted_stamp {
        out.deleted = other.deleted;
        out.deleted_stamp = other.deleted_stamp.clone();
    }
    out
}

record! {
    /// One entry of 负责人记录: who moved the customer from whom to whom, when and why.
    #[derive(PartialOrd, Ord, Hash)]
    pub struct OwnerChange {
        /// `<customer id>@<stamp>`: unique, since a device never reuses a stamp, and the same on
        /// every device, so merges recognise the entry without random ids.
        pub id: String,
        pub at: Stamp,
        /// Rep ids; empty = nobody.
        pub from: String,
        pub to: String,
        /// The rep (or user) who made the change.
        pub by: String,
        pub reason: String,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OwnerError {
    #[error("the customer already has this owner")]
    Unchanged,
    /// Taking a customer away from a rep is what 撞单 disputes are about: say why.
    #[error("a reason is required when the customer already has an owner")]
    ReasonRequired,
    #[error("the customer is deleted")]
    Deleted,
    /// The stamp is not newer than the card's last owner write (the caller's clock must move
    /// past every stamp it has seen; see [`crate::archive::Archive::clock`]).
    #[error("the stamp is older than the card's last owner change")]
    StaleStamp,
}

impl OwnerError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            OwnerError::Unchanged => lang.pick("负责人未变", "the owner is unchanged"),
            OwnerError::ReasonRequired => {
                lang.pick("更换负责人需要填写原因", "changing the owner needs a reason")
            }
            OwnerError::Deleted => lang.pick("客户已删除", "the customer is deleted"),
            OwnerError::StaleStamp => lang.pick("有更新的负责人变更，请刷新", "a newer owner change exists; reload"),
        }
        .to_string()
    }
}

/// Makes `to` (a rep id, or "" for nobody) the owner of `c` and records the change. The first
/// assignment needs no reason; taking the customer from a rep does. The new owner is no longer a
/// collaborator.
pub fn change_owner(c: &mut Customer, to: &str, by: &str, reason: &str, stamp: Stamp) -> Result<(), OwnerError> {
    let (to, reason) = (to.trim(), reason.trim());
    if c.deleted {
        return Err(OwnerError::Deleted);
    }
    if to == c.owner {
        return Err(OwnerError::Unchanged);
    }
    if !c.owner.is_empty() && reason.is_empty() {
        return Err(OwnerError::ReasonRequired);
    }
    if stamp <= c.owner_stamp || c.owner_history.last().is_some_and(|h| stamp <= h.at) {
        return Err(OwnerError::StaleStamp);
    }
    record_owner(c, to, by.trim(), reason, &stamp);
    Ok(())
}

/// Makes `to` the owner, recorded in the history and stamped (no checks).
pub(crate) fn record_owner(c: &mut Customer, to: &str, by: &str, reason: &str, stamp: &Stamp) {
    c.owner_history.push(OwnerChange {
        id: change_id(&c.id, stamp),
        at: stamp.clone(),
        from: std::mem::take(&mut c.owner),
        to: to.to_string(),
        by: by.to_string(),
        reason: reason.to_string(),
    });
    c.owner = to.to_string();
    let changed: &[&str] = if c.collaborators.remove(to) { &["owner", "collaborators"] } else { &["owner"] };
    c.stamp_fields(Group::Owner, changed, stamp);
}

/// Replaces the collaborators (协作人); empty ids and the owner are left out.
pub fn set_collaborators(c: &mut Customer, collaborators: BTreeSet<String>, stamp: Stamp) -> Vec<Change> {
    let new: BTreeSet<String> = collaborators
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && *s != c.owner)
        .collect();
    let withheld = c.withheld.contains("collaborators");
    if new == c.collaborators && !withheld {
        return Vec::new();
    }
    let join = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(",");
    let change = Change { field: "collaborators".into(), old: join(&c.collaborators), new: join(&new) };
    c.collaborators = new;
    c.stamp_fields(Group::Owner, &["collaborators"], &stamp);
    if change.old == change.new {
        // Only provided again: nothing to show in the history.
        return Vec::new();
    }
    vec![change]
}

fn change_id(customer_id: &str, s: &Stamp) -> String {
    format!("{customer_id}@{}.{}.{}", s.at.ms, s.at.n, s.dev)
}

/// Customers owned by `rep` (the "my customers" view and 离职继承), live ones only.
pub fn owned_by<'a>(customers: &'a [Customer], rep: &'a str) -> impl Iterator<Item = (u32, &'a Customer)> + 'a {
    customers.iter().enumerate().filter(move |(_, c)| !c.deleted && c.owner == rep).map(|(i, c)| (i as u32, c))
}

/// Merges the owner group of `other` into `out` (see the module docs). Used by
/// [`super::merge::merge_customer`].
pub(crate) fn merge_owner(out: &mut Customer, other: &Customer) {
    super::merge::merge_group(out, other, Group::Owner);
    out.owner_history = union_history(&out.owner_history, &other.owner_history);
    // Not the field winner's owner: the history is a union, and the owner is its newest change
    // (both copies withholding the owner have no history: redacting drops it).
    if let Some(last) = out.owner_history.last().filter(|_| !out.withheld.contains("owner")) {
        out.owner = last.to.clone();
    }
}

/// Union by id, sorted by stamp. The same id with different content can only come from a
/// corrupt copy; the larger one is kept, so every device still agrees.
pub(crate) fn union_history(a: &[OwnerChange], b: &[OwnerChange]) -> Vec<OwnerChange> {
    let mut all: Vec<&OwnerChange> = a.iter().chain(b).collect();
    all.sort_by(|x, y| x.id.cmp(&y.id).then_with(|| y.cmp(x)));
    all.dedup_by(|later, first| later.id == first.id);
    let mut out: Vec<OwnerChange> = all.into_iter().cloned().collect();
    out.sort_by(|x, y| x.at.cmp(&y.at).then_with(|| x.id.cmp(&y.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::merge::merge_customer;
    use crate::primitives::clock::Hlc;

    fn st(ms: u64, dev: &str) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, dev)
    }

    fn card() -> Customer {
        Customer { id: "c1".into(), ..Customer::default() }
    }

    #[test]
    fn owner_changes_are_recorded() {
        let mut c = card();
        change_owner(&mut c, "rep-a", "mgr", "", st(1, "d")).unwrap();
        assert_eq!(c.owner, "rep-a");
        assert_eq!(change_owner(&mut c, "rep-a", "mgr", "x", st(2, "d")), Err(OwnerError::Unchanged));
        assert_eq!(change_owner(&mut c, "rep-b", "mgr", "  ", st(2, "d")), Err(OwnerError::ReasonRequired));
        set_collaborators(&mut c, ["rep-b".to_string(), "rep-a".into(), " ".into()].into(), st(2, "d"));
        assert_eq!(c.collaborators, BTreeSet::from(["rep-b".to_string()]));
        assert_eq!(change_owner(&mut c, "rep-b", "mgr", "离职交接", st(2, "d")), Err(OwnerError::StaleStamp));
        change_owner(&mut c, " rep-b ", "mgr", " 离职交接 ", st(3, "d")).unwrap();
        assert_eq!(c.owner, "rep-b");
        assert!(c.collaborators.is_empty(), "the new owner is no longer a collaborator");
        let h: Vec<(&str, &str, &str)> =
            c.owner_history.iter().map(|h| (h.from.as_str(), h.to.as_str(), h.reason.as_str())).collect();
        assert_eq!(h, [("", "rep-a", ""), ("rep-a", "rep-b", "离职交接")]);
        assert_eq!(c.owner_history[1].id, "c1@3.0.d");
        assert_eq!(c.owner_history[1].by, "mgr");
        assert_eq!(c.modified(), &st(3, "d"));
        // Nobody: allowed, with a reason.
        change_owner(&mut c, "", "mgr", "公海", st(4, "d")).unwrap();
        assert!(c.owner.is_empty());
        c.deleted = true;
        assert_eq!(change_owner(&mut c, "rep-a", "mgr", "", st(5, "d")), Err(OwnerError::Deleted));
        assert!(OwnerError::ReasonRequired.message(Lang::Zh).contains("原因"));
    }

    #[test]
    fn concurrent_owner_changes_both_stay_in_the_history() {
        let mut base = card();
        change_owner(&mut base, "x", "m", "", st(1, "a")).unwrap();
        let mut a = base.clone();
        let mut b = base.clone();
        change_owner(&mut a, "y", "m", "调区", st(5, "a")).unwrap();
        change_owner(&mut b, "z", "m", "撞单", st(6, "b")).unwrap();
        let ab = merge_customer(&a, &b);
        assert_eq!(ab, merge_customer(&b, &a));
        assert_eq!(ab.owner, "z");
        assert_eq!(ab.owner_history.iter().map(|h| h.to.as_str()).collect::<Vec<_>>(), ["x", "y", "z"]);
        assert_eq!(merge_customer(&ab, &a), ab);
    }

    #[test]
    fn a_later_collaborators_edit_does_not_undo_an_owner_change() {
        let mut base = card();
        change_owner(&mut base, "x", "m", "", st(1, "a")).unwrap();
        let (mut a, mut b) = (base.clone(), base.clone());
        change_owner(&mut b, "z", "m", "调区", st(5, "b")).unwrap();
        set_collaborators(&mut a, BTreeSet::from(["w".to_string()]), st(7, "a"));
        let ab = merge_customer(&a, &b);
        assert_eq!(ab, merge_customer(&b, &a));
        assert_eq!(ab.owner, "z");
        assert_eq!(ab.collaborators, BTreeSet::from(["w".to_string()]));
        assert_eq!(ab.owner_stamp, st(7, "a"));
    }

    #[test]
    fn history_union_keeps_one_copy_per_id() {
        let h = |id: &str, ms: u64, to: &str| OwnerChange { id: id.into(), at: st(ms, "d"), to: to.into(), ..Default::default() };
        let a = [h("1", 1, "x"), h("3", 3, "z")];
        let b = [h("2", 2, "y"), h("1", 1, "x"), h("3", 3, "zz")];
        let u = union_history(&a, &b);
        assert_eq!(u.iter().map(|c| c.to.as_str()).collect::<Vec<_>>(), ["x", "y", "zz"]);
        assert_eq!(union_history(&b, &a), u);
    }

    #[test]
    fn reps_merge_by_stamp() {
        let base = Rep::new("r".into(), " 王伟 ", "13800138000", "A区", st(1, "a"));
        assert_eq!(base.name, "王伟");
        let (mut a, mut b) = (base.clone(), base.clone());
        assert_eq!(a.edit("王伟", "13900139000", "A区", st(2, "a")).len(), 1);
        assert!(a.edit("王伟", "13900139000", "A区", st(3, "a")).is_empty());
        assert_eq!(a.stamp, st(2, "a"));
        b.edit("王伟", "13800138000", "B区", st(4, "b"));
        b.delete(st(4, "b"));
        let ab = merge_rep(&a, &b);
        assert_eq!(ab, merge_rep(&b, &a));
        assert_eq!((ab.phone.as_str(), ab.area.as_str(), ab.deleted), ("13800138000", "B区", true));
        assert_eq!(merge_rep(&ab, &ab), ab);
        let json = serde_json::to_string(&Rep::new("r".into(), "李", "", "", Stamp::default())).unwrap();
        assert_eq!(json, r#"{"id":"r","name":"李"}"#);
    }

    #[test]
    fn owned_by_lists_live_cards() {
        let mut cs = vec![card(), card(), card()];
        change_owner(&mut cs[0], "r", "m", "", st(1, "d")).unwrap();
        change_owner(&mut cs[2], "r", "m", "", st(1, "d")).unwrap();
        cs[2].deleted = true;
        assert_eq!(owned_by(&cs, "r").map(|(p, _)| p).collect::<Vec<_>>(), [0]);
    }
}
