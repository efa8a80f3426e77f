//! Lifecycle (seed 000): potential → current (first trade) → former (trade stopped, with the
//! reason); plus delete/restore as tombstones.

use super::fields::Group;
use super::Customer;
use crate::primitives::clock::Stamp;
use crate::primitives::codes::{Stage, Tag, Tier};
use crate::primitives::lang::Lang;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    #[error("a reason for stopping trade is required")]
    ReasonRequired,
}

impl LifecycleError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LifecycleError::ReasonRequired => {
                lang.pick("转为旧客户需要填写停止交易原因", "moving to former customers needs the reason trade stopped")
            }
        }
        .to_string()
    }
}

/// 旧客户: keeps the card, records why trade stopped.
pub fn move_to_former(c: &mut Customer, reason: &str, stamp: Stamp) -> Result<(), LifecycleError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(LifecycleError::ReasonRequired);
    }
    set_stage(c, Stage::Former, reason, stamp);
    Ok(())
}

/// 现有客户: from the first transaction, or when a former customer trades again.
pub fn make_current(c: &mut Customer, stamp: Stamp) {
    set_stage(c, Stage::Current, "", stamp);
}

/// Back to 潜在客户 (e.g. a card created by mistake as current).
pub fn make_potential(c: &mut Customer, stamp: Stamp) {
    set_stage(c, Stage::Potential, "", stamp);
}

/// The stage and its reason are one field ("stage"): they change together.
pub(crate) fn set_stage(c: &mut Customer, stage: Stage, reason: &str, stamp: Stamp) {
    if c.stage != stage || c.former_reason != reason || c.withheld.contains("stage") {
        c.stage = stage;
        c.former_reason = reason.to_string();
        c.stamp_fields(Group::Status, &["stage"], &stamp);
    }
}

pub fn set_tags(c: &mut Customer, tags: BTreeSet<Tag>, stamp: Stamp) {
    if c.tags != tags || c.withheld.contains("tags") {
        c.tags = tags;
        c.stamp_fields(Group::Status, &["tags"], &stamp);
    }
}

pub fn set_tier(c: &mut Customer, tier: Option<Tier>, stamp: Stamp) {
    if c.tier != tier || c.withheld.contains("tier") {
        c.tier = tier;
        c.stamp_fields(Group::Status, &["tier"], &stamp);
    }
}

pub fn set_region(c: &mut Customer, region: &str, stamp: Stamp) {
    let region = region.trim();
    if c.region != region || c.withheld.contains("region") {
        c.region = region.to_string();
        c.stamp_fields(Group::Status, &["region"], &stamp);
    }
}

pub fn delete(c: &mut Customer, stamp: Stamp) {
    c.deleted = true;
    c.revived = false;
    c.deleted_stamp = Some(stamp);
}

/// 合并: the tombstone of a card merged into `survivor` (its file moves there).
pub fn merge_into(c: &mut Customer, survivor: &str, stamp: Stamp) {
    delete(c, stamp);
    c.merged_into = survivor.to_string();
}

pub fn restore(c: &mut Customer, stamp: Stamp) {
    c.deleted = false;
    c.revived = false;
    // A card merged away and restored is its own customer again.
    c.merged_into.clear();
    c.deleted_stamp = Some(stamp);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::clock::Hlc;

    fn st(ms: u64) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, "d")
    }

    #[test]
    fn former_needs_reason() {
        let mut c = Customer::default();
        let e = move_to_former(&mut c, "  \t ", st(1)).unwrap_err();
        assert_eq!(e, LifecycleError::ReasonRequired);
        assert!(e.message(Lang::Zh).contains("停止交易原因"));
        assert!(e.message(Lang::En).contains("reason"));
        assert_eq!(c.stage, Stage::Potential);
        move_to_former(&mut c, " 转向竞争对手 ", st(2)).unwrap();
        assert_eq!((c.stage, c.former_reason.as_str()), (Stage::Former, "转向竞争对手"));
        assert_eq!(c.status_stamp, st(2));
        make_current(&mut c, st(3));
        assert_eq!(c.stage, Stage::Current);
        assert!(c.former_reason.is_empty());
    }

    #[test]
    fn delete_and_restore_are_stamped() {
        let mut c = Customer::default();
        delete(&mut c, st(5));
        assert!(c.deleted);
        restore(&mut c, st(6));
        assert!(!c.deleted);
        assert_eq!(c.deleted_stamp, Some(st(6)));
    }
}
