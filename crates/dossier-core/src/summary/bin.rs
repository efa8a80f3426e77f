//! 回收站: the customers deleted by hand, read from the summaries alone (docs/recycle_bin.md). A
//! delete is a tombstone on the card (its file and history stay as they were), so the bin is the
//! set of tombstoned cards; a card merged away (合并: its file moved to the survivor) and the
//! placeholders that hold the positions of withdrawn or unreadable records are not in it.

use serde::{Deserialize, Serialize};

use super::Summary;
use crate::customer::Customer;
use crate::ledger::{Entry, FileHolds, LedgerScratch};
use crate::primitives::clock::Stamp;

/// What the bin shows of a deleted customer beyond its name and 登记编号.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Binned {
    /// The delete: when and on which device.
    pub at: Stamp,
    /// What the file held (and holds again once restored).
    #[serde(default)]
    pub holds: FileHolds,
}

impl Binned {
    /// `Some` for a card in the bin: deleted, with its delete's stamp, not merged away.
    pub fn of(c: &Customer, entries: &[Entry], scratch: &mut LedgerScratch) -> Option<Binned> {
        if !c.deleted || !c.merged_into.is_empty() {
            return None;
        }
        let at = c.deleted_stamp.clone()?;
        Some(Binned { at, holds: FileHolds::of(entries, scratch) })
    }
}

/// The bin's rows: every customer in it, the newest delete first (then by 登记编号, so the order
/// is the same on every device).
pub fn recycle_bin(summaries: &[Summary]) -> Vec<&Summary> {
    let mut out: Vec<&Summary> = summaries.iter().filter(|s| s.deleted && s.bin.is_some()).collect();
    out.sort_by(|a, b| {
        let at = |s: &Summary| s.bin.as_ref().map(|b| b.at.clone());
        at(b).cmp(&at(a)).then_with(|| a.reg_no.cmp(&b.reg_no))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::card::CardBody;
    use crate::customer::lifecycle;
    use crate::ledger::{EntryBody, Visit};
    use crate::primitives::clock::Hlc;

    fn at(ms: u64) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, "dev-a")
    }

    fn card(id: &str, reg: &str) -> Customer {
        Customer::new(id.into(), reg.into(), CardBody::default(), at(1))
    }

    fn summary(c: &Customer, file: &[Entry]) -> Summary {
        Summary::of(c, file, &mut LedgerScratch::default())
    }

    #[test]
    fn only_cards_deleted_by_hand_are_in_the_bin_newest_first() {
        let live = card("a", "KH-1");
        let mut old = card("b", "KH-2");
        lifecycle::delete(&mut old, at(10));
        let mut new = card("c", "KH-3");
        lifecycle::delete(&mut new, at(20));
        let mut same = card("d", "KH-0");
        lifecycle::delete(&mut same, at(20));
        let mut merged = card("e", "KH-4");
        lifecycle::merge_into(&mut merged, "a", at(30));
        let placeholder = crate::archive::withdraw::placeholder(7);
        let file = vec![Entry::new("v".into(), "b".into(), EntryBody::Visit(Visit::default()), at(2))];
        let all = vec![summary(&live, &[]), summary(&old, &file), summary(&new, &[]), summary(&same, &[]), summary(&merged, &[]), summary(&placeholder, &[])];
        let ids: Vec<&str> = recycle_bin(&all).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["d", "c", "b"]);
        let b = all[1].bin.as_ref().unwrap();
        assert_eq!((b.at.clone(), b.holds.entries), (at(10), 1), "when, where, and what the file holds");
        // A restored card leaves the bin.
        let mut back = old.clone();
        lifecycle::restore(&mut back, at(40));
        assert_eq!(summary(&back, &file).bin, None);
    }
}
