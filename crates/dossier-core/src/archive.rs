//! The working archive held in memory, and the unit every save writes: a `Batch`.
//!
//! Positions are stable: a customer keeps its position for ever (deletes are tombstones), so the
//! storage layer can page records by position and rewrite only the pages a change touched.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::clock::{Clock, Hlc, Stamp};
use crate::customer::Customer;
use crate::history::ChangeRecord;
use crate::numbering::Numbering;

/// Rows per stored page. Measured here: 100 puts of 1,000 rows take 0.6 s where 100,000 single
/// puts take 11 s (docs/storage.md).
pub const PAGE_ROWS: usize = 1000;

/// One save: the records as they are after it, the history it adds and the numbering counter.
/// Whole records rather than field deltas: a batch replays idempotently, in any tab.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customers: Vec<Customer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<ChangeRecord>,
    #[serde(default)]
    pub next_seq: u32,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.customers.is_empty() && self.history.is_empty()
    }
}

/// What applying a batch changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Positions whose record was replaced.
    pub updated: Vec<u32>,
    /// Positions appended.
    pub added: Vec<u32>,
    /// How many history records were appended.
    pub history_added: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Archive {
    customers: Vec<Customer>,
    by_id: HashMap<String, u32>,
    history: Vec<ChangeRecord>,
    history_ids: std::collections::HashSet<String>,
    numbering: Numbering,
    last_stamp: Hlc,
}

impl Archive {
    /// Rebuilds the in-memory archive from stored pages. A duplicate id (which storage never
    /// writes) keeps the later record rather than losing either silently: the later one wins.
    pub fn from_parts(customers: Vec<Customer>, history: Vec<ChangeRecord>, numbering: Numbering) -> Archive {
        let mut a = Archive { numbering, ..Archive::default() };
        for c in customers {
            a.upsert(c);
        }
        for h in history {
            a.add_history(h);
        }
        a
    }

    pub fn customers(&self) -> &[Customer] {
        &self.customers
    }

    pub fn len(&self) -> usize {
        self.customers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }

    pub fn live_count(&self) -> usize {
        self.customers.iter().filter(|c| !c.deleted).count()
    }

    pub fn position(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&Customer> {
        self.position(id).and_then(|p| self.customers.get(p as usize))
    }

    pub fn history(&self) -> &[ChangeRecord] {
        &self.history
    }

    /// The history of one customer, newest first.
    pub fn history_of(&self, customer_id: &str) -> Vec<&ChangeRecord> {
        let mut v: Vec<&ChangeRecord> = self.history.iter().filter(|h| h.customer_id == customer_id).collect();
        v.sort_by(|a, b| b.stamp.cmp(&a.stamp));
        v
    }

    pub fn numbering(&self) -> &Numbering {
        &self.numbering
    }

    /// A clock that continues after every stamp this archive has seen.
    pub fn clock(&self) -> Clock {
        Clock::new(self.last_stamp)
    }

    /// Applies a batch (from this tab, another tab or the journal at start-up).
    pub fn apply(&mut self, batch: &Batch) -> Applied {
        let mut applied = Applied::default();
        for c in &batch.customers {
            let existed = self.by_id.contains_key(&c.id);
            let pos = self.upsert(c.clone());
            if existed {
                applied.updated.push(pos);
            } else {
                applied.added.push(pos);
            }
        }
        for h in &batch.history {
            if self.add_history(h.clone()) {
                applied.history_added += 1;
            }
        }
        self.numbering.next_seq = self.numbering.next_seq.max(batch.next_seq);
        applied
    }

    fn upsert(&mut self, c: Customer) -> u32 {
        self.numbering.observe(&c.reg_no);
        self.observe_stamps(&c);
        match self.by_id.get(&c.id) {
            Some(&pos) => {
                self.customers[pos as usize] = c;
                pos
            }
            None => {
                let pos = self.customers.len() as u32;
                self.by_id.insert(c.id.clone(), pos);
                self.customers.push(c);
                pos
            }
        }
    }

    fn add_history(&mut self, h: ChangeRecord) -> bool {
        if !self.history_ids.insert(h.id.clone()) {
            return false;
        }
        self.observe(&h.stamp);
        self.history.push(h);
        true
    }

    fn observe_stamps(&mut self, c: &Customer) {
        self.last_stamp = self.last_stamp.max(version_of(c));
    }

    fn observe(&mut self, s: &Stamp) {
        self.last_stamp = self.last_stamp.max(s.at);
    }
}

/// The newest stamp anywhere in a record: its version, for stale-edit checks and the clock.
pub fn version_of(c: &Customer) -> Hlc {
    let mut v = c.created.at.max(c.body_stamp.at).max(c.status_stamp.at).max(c.owner_stamp.at);
    v = c.owner_history.iter().fold(v, |v, h| v.max(h.at.at));
    for s in [&c.parts.basic, &c.parts.traits, &c.parts.business, &c.parts.trading] {
        v = v.max(s.at);
    }
    if let Some(s) = &c.deleted_stamp {
        v = v.max(s.at);
    }
    c.contacts.iter().fold(v, |v, p| v.max(p.stamp.at))
}

/// The page numbers that hold these positions.
pub fn pages_of(positions: impl IntoIterator<Item = u32>) -> BTreeSet<u32> {
    positions.into_iter().map(|p| p / PAGE_ROWS as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_archive;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn positions_are_stable_and_batches_replay_idempotently() {
        let sample = sample_archive(7, 30, today(), "dev-a");
        let mut a = Archive::from_parts(sample[..20].to_vec(), vec![], Numbering::default());
        let mut edited = sample[3].clone();
        edited.region = "西北".into();
        let batch = Batch { customers: vec![edited.clone(), sample[25].clone()], history: vec![], next_seq: 0 };
        let applied = a.apply(&batch);
        assert_eq!(applied.updated, vec![3]);
        assert_eq!(applied.added, vec![20]);
        assert_eq!(a.get(&edited.id).unwrap().region, "西北");
        let again = a.apply(&batch);
        assert_eq!(again.added, Vec::<u32>::new());
        assert_eq!(a.len(), 21);
        assert_eq!(a.position(&sample[25].id), Some(20));
    }

    #[test]
    fn numbering_never_falls_behind_what_was_seen() {
        let sample = sample_archive(1, 10, today(), "dev-a");
        let a = Archive::from_parts(sample.clone(), vec![], Numbering::default());
        let mut n = a.numbering().clone();
        let next = n.issue(2026);
        assert!(sample.iter().all(|c| c.reg_no != next), "{next} reuses a number");
    }

    #[test]
    fn pages_group_positions() {
        assert_eq!(pages_of([0, 999, 1000, 2500]).into_iter().collect::<Vec<_>>(), vec![0, 1, 2]);
    }

    #[test]
    fn batch_serializes_compactly_and_round_trips() {
        let sample = sample_archive(3, 2, today(), "dev-a");
        let b = Batch { customers: sample, history: vec![], next_seq: 9 };
        let json = serde_json::to_string(&b).unwrap();
        assert!(!json.contains("\"history\""));
        assert_eq!(serde_json::from_str::<Batch>(&json).unwrap(), b);
    }
}
