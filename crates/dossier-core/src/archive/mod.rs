//! The working archive held in memory, and the unit every save writes: a `Batch`.
//!
//! Positions are stable: a customer keeps its position for ever (deletes are tombstones), so the
//! storage layer can page records by position and rewrite only the pages a change touched.
//!
//! A customer's file (its ledger entries) sits beside it, at the same position: the receivables
//! and aging functions take one customer's entries as a slice, and the entries of customers
//! `N*1000…` are stored together in one page, so adding a payment touches one entry page.
//!
//! Stored records that may be damaged are read through [`salvage`]. The top of the crate: it
//! holds customers, their files, history and reps, and nothing below it knows about it.

pub mod handoffs;
pub mod salvage;
pub mod withdraw;

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use crate::customer::Customer;
use crate::customer::history::ChangeRecord;
use crate::customer::numbering::Numbering;
use crate::customer::owner::{merge_rep, Rep};
use crate::ledger::{merge_entry, Entry};
use crate::primitives::clock::{Clock, Hlc, Stamp};
use handoffs::Handoff;

/// Rows per stored page. Measured here: 100 puts of 1,000 rows take 0.6 s where 100,000 single
/// puts take 11 s (docs/storage.md).
pub const PAGE_ROWS: usize = 1000;

/// One save: the records as they are after it, the history it adds and the numbering counter.
/// Whole records rather than field deltas: a batch replays idempotently, in any tab.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customers: Vec<Customer>,
    /// Ledger entries, whole, as they are after the save.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<Entry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<ChangeRecord>,
    #[serde(default)]
    pub next_seq: u32,
    /// Reps (业务员) added or edited, whole. Absent in batches written before owners existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reps: Vec<Rep>,
    /// Lines of the hand-off log (借阅表) added or edited, whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handoffs: Vec<Handoff>,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.customers.is_empty() && self.entries.is_empty() && self.history.is_empty() && self.reps.is_empty() && self.handoffs.is_empty()
    }

    /// Keys of the attached files this batch deletes (documents it tombstones): storage removes
    /// them in the same transaction, so no file outlives its document.
    pub fn dropped_files(&self) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|e| e.deleted)
            .filter_map(|e| match &e.body {
                crate::ledger::EntryBody::Document(d) if !d.blob.is_empty() => Some(d.blob.as_str()),
                _ => None,
            })
            .collect()
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
    /// Customer positions whose ledger changed.
    pub ledgers: BTreeSet<u32>,
    /// Whether the entries without a known customer changed.
    pub orphans: bool,
    /// Whether any rep was added or changed.
    pub reps: bool,
    /// Whether the hand-off log changed.
    pub handoffs: bool,
}

/// Entry ids are hashed once (FNV-1a) and the map uses the hash as is: a million ids take 16
/// bytes each instead of a `String` key each. A collision is caught by comparing the id.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn id_hash(id: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &b in id.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// Where an entry lives: the position of its customer, or [`ORPHAN`].
const ORPHAN: u32 = u32::MAX;

#[derive(Clone, Debug, Default)]
pub struct Archive {
    customers: Vec<Customer>,
    by_id: HashMap<String, u32>,
    /// `ledgers[p]`: the entries of the customer at position `p`, in the order they arrived.
    ledgers: Vec<Vec<Entry>>,
    /// Entries whose customer this archive does not hold (yet): kept, never dropped.
    orphans: Vec<Entry>,
    /// Entry id hash → customer position (or [`ORPHAN`]).
    entry_home: HashMap<u64, u32, BuildHasherDefault<IdentityHasher>>,
    entry_count: usize,
    history: Vec<ChangeRecord>,
    history_ids: std::collections::HashSet<String>,
    numbering: Numbering,
    last_stamp: Hlc,
    /// A few dozen at most: a list, kept in the order they were added.
    reps: Vec<Rep>,
    /// The hand-off log: a line per export or import.
    handoffs: Vec<Handoff>,
}

impl Archive {
    /// Rebuilds the in-memory archive from stored pages. A duplicate id (which storage never
    /// writes) keeps the later record rather than losing either silently: the later one wins.
    pub fn from_parts(customers: Vec<Customer>, history: Vec<ChangeRecord>, numbering: Numbering) -> Archive {
        Archive::with_entries(customers, Vec::new(), history, numbering)
    }

    /// As [`Archive::from_parts`], with the ledger entries (any order; two copies of one entry
    /// merge).
    pub fn with_entries(customers: Vec<Customer>, entries: Vec<Entry>, history: Vec<ChangeRecord>, numbering: Numbering) -> Archive {
        let mut a = Archive { numbering, ..Archive::default() };
        a.customers.reserve(customers.len());
        a.ledgers.reserve(customers.len());
        for c in customers {
            a.upsert(c);
        }
        a.entry_home.reserve(entries.len());
        for e in entries {
            a.upsert_entry(e);
        }
        for h in history {
            a.add_history(h);
        }
        a
    }

    /// With these reps (from their stored page or a sample).
    pub fn with_reps(mut self, reps: Vec<Rep>) -> Archive {
        for r in reps {
            self.upsert_rep(r);
        }
        self
    }

    /// With these lines of the hand-off log (from their stored row).
    pub fn with_handoffs(mut self, lines: Vec<Handoff>) -> Archive {
        for h in lines {
            self.upsert_handoff(h);
        }
        self
    }

    /// The hand-off log, in the order the lines arrived.
    pub fn handoffs(&self) -> &[Handoff] {
        &self.handoffs
    }

    fn upsert_handoff(&mut self, h: Handoff) -> bool {
        self.observe(&h.at);
        self.observe(&h.stamp);
        match self.handoffs.iter_mut().find(|x| x.id == h.id) {
            Some(x) => {
                let merged = Handoff::merge(x, &h);
                let changed = merged != *x;
                *x = merged;
                changed
            }
            None => {
                self.handoffs.push(h);
                true
            }
        }
    }

    pub fn customers(&self) -> &[Customer] {
        &self.customers
    }

    /// Every rep, deleted ones included (old cards still name them).
    pub fn reps(&self) -> &[Rep] {
        &self.reps
    }

    /// Reps who have not left: the ones a card can be given to.
    pub fn active_reps(&self) -> impl Iterator<Item = &Rep> {
        self.reps.iter().filter(|r| !r.deleted)
    }

    pub fn rep(&self, id: &str) -> Option<&Rep> {
        self.reps.iter().find(|r| r.id == id)
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

    /// The file of the customer at `pos`, every entry including deleted ones.
    pub fn ledger_at(&self, pos: u32) -> &[Entry] {
        self.ledgers.get(pos as usize).map_or(&[], Vec::as_slice)
    }

    /// The file of one customer.
    pub fn ledger(&self, customer_id: &str) -> &[Entry] {
        self.position(customer_id).map_or(&[], |p| self.ledger_at(p))
    }

    /// Every customer's file, by position (parallel to [`Archive::customers`]).
    pub fn ledgers(&self) -> &[Vec<Entry>] {
        &self.ledgers
    }

    /// Every customer with its file, in position order: whole-archive work (aging, reports,
    /// exports) is written as a pass over this, not as indexing into the archive's vectors, so
    /// records can later arrive page by page without changing it.
    pub fn files(&self) -> impl Iterator<Item = (&Customer, &[Entry])> + '_ {
        self.customers.iter().enumerate().map(|(p, c)| (c, self.ledger_at(p as u32)))
    }

    /// Entries whose customer is not in this archive.
    pub fn orphans(&self) -> &[Entry] {
        &self.orphans
    }

    /// Number of entries, deleted included.
    pub fn entry_count(&self) -> usize {
        self.entry_count
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        let (home, i) = self.locate(id)?;
        self.slot(home).get(i)
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

    /// The newest stamp this archive has seen.
    pub fn last_stamp(&self) -> Hlc {
        self.last_stamp
    }

    /// Counts a stamp seen elsewhere (records no longer held, a summary's version), so the clock
    /// never goes back.
    pub fn saw(&mut self, at: Hlc) {
        self.last_stamp = self.last_stamp.max(at);
    }

    /// This archive without the customers `drop` names (their files and history too): what a
    /// working set keeps when it lets go of cards no longer shown. Entries and history of
    /// customers it does not hold, reps, numbering and the clock stay.
    pub fn without(self, drop: impl Fn(&Customer) -> bool) -> Archive {
        let Archive { customers, ledgers, orphans, history, numbering, last_stamp, reps, handoffs, .. } = self;
        let (mut kept, mut entries) = (Vec::new(), orphans);
        let mut dropped = std::collections::HashSet::new();
        for (c, file) in customers.into_iter().zip(ledgers) {
            if drop(&c) {
                dropped.insert(c.id);
            } else {
                kept.push(c);
                entries.extend(file);
            }
        }
        let history: Vec<ChangeRecord> = history.into_iter().filter(|h| !dropped.contains(&h.customer_id)).collect();
        let mut a = Archive::with_entries(kept, entries, history, numbering).with_reps(reps).with_handoffs(handoffs);
        a.saw(last_stamp);
        a
    }

    /// Applies a batch (from this tab, another tab or the journal at start-up).
    pub fn apply(&mut self, batch: &Batch) -> Applied {
        let mut applied = Applied::default();
        for c in &batch.customers {
            let existed = self.by_id.contains_key(&c.id);
            let orphans = self.orphans.len();
            let pos = self.upsert(c.clone());
            if existed {
                applied.updated.push(pos);
            } else {
                applied.added.push(pos);
            }
            if self.orphans.len() != orphans {
                applied.orphans = true;
                applied.ledgers.insert(pos);
            }
        }
        for e in &batch.entries {
            let (home, left) = self.upsert_entry(e.clone());
            // Both files change when an entry moves (cards merged): the one it left too.
            for h in [Some(home), left].into_iter().flatten() {
                if h == ORPHAN {
                    applied.orphans = true;
                } else {
                    applied.ledgers.insert(h);
                }
            }
        }
        for h in &batch.history {
            if self.add_history(h.clone()) {
                applied.history_added += 1;
            }
        }
        for r in &batch.reps {
            applied.reps |= self.upsert_rep(r.clone());
        }
        for h in &batch.handoffs {
            applied.handoffs |= self.upsert_handoff(h.clone());
        }
        self.numbering.next_seq = self.numbering.next_seq.max(batch.next_seq);
        applied
    }

    /// Adds or merges a rep (merging, not replacing: two tabs may edit the same rep). Returns
    /// whether anything changed.
    fn upsert_rep(&mut self, r: Rep) -> bool {
        self.observe(&r.created);
        self.observe(&r.stamp);
        if let Some(s) = &r.deleted_stamp {
            self.observe(s);
        }
        match self.reps.iter_mut().find(|x| x.id == r.id) {
            Some(x) => {
                let merged = merge_rep(x, &r);
                let changed = merged != *x;
                *x = merged;
                changed
            }
            None => {
                self.reps.push(r);
                true
            }
        }
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
                self.ledgers.push(Vec::new());
                self.adopt_orphans(pos);
                pos
            }
        }
    }

    /// A customer arrived after its entries (a journal or bundle in another order): they move
    /// into its file.
    fn adopt_orphans(&mut self, pos: u32) {
        if self.orphans.is_empty() {
            return;
        }
        let id = &self.customers[pos as usize].id;
        let (mine, rest): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut self.orphans).into_iter().partition(|e| &e.customer_id == id);
        self.orphans = rest;
        for e in &mine {
            self.entry_home.insert(id_hash(&e.id), pos);
        }
        self.ledgers[pos as usize].extend(mine);
    }

    fn slot(&self, home: u32) -> &Vec<Entry> {
        if home == ORPHAN {
            &self.orphans
        } else {
            &self.ledgers[home as usize]
        }
    }

    fn slot_mut(&mut self, home: u32) -> &mut Vec<Entry> {
        if home == ORPHAN {
            &mut self.orphans
        } else {
            &mut self.ledgers[home as usize]
        }
    }

    /// Where the entry with this id is: (customer position or ORPHAN, index in that file).
    fn locate(&self, id: &str) -> Option<(u32, usize)> {
        let home = *self.entry_home.get(&id_hash(id))?;
        if let Some(i) = self.slot(home).iter().position(|e| e.id == id) {
            return Some((home, i));
        }
        // A hash collision (about one in 10^7 archives of a million entries): look everywhere.
        self.ledgers
            .iter()
            .enumerate()
            .find_map(|(p, l)| l.iter().position(|e| e.id == id).map(|i| (p as u32, i)))
            .or_else(|| self.orphans.iter().position(|e| e.id == id).map(|i| (ORPHAN, i)))
    }

    /// Inserts or merges one entry, moving it if its customer changed (cards merged). Returns
    /// where it now lives, and where it left if it moved.
    fn upsert_entry(&mut self, e: Entry) -> (u32, Option<u32>) {
        self.observe(e.last_write());
        let mut left = None;
        let merged = match self.locate(&e.id) {
            Some((old, i)) => {
                let kept = merge_entry(&self.slot(old)[i], &e);
                if kept.customer_id == self.slot(old)[i].customer_id {
                    self.slot_mut(old)[i] = kept;
                    return (old, None);
                }
                self.slot_mut(old).remove(i);
                self.entry_count -= 1;
                left = Some(old);
                kept
            }
            None => e,
        };
        let home = self.position(&merged.customer_id).unwrap_or(ORPHAN);
        self.entry_home.insert(id_hash(&merged.id), home);
        self.slot_mut(home).push(merged);
        self.entry_count += 1;
        (home, left)
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

/// The newest stamp of an entry, for stale-edit checks.
pub fn entry_version(e: &Entry) -> Hlc {
    e.last_write().at
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

/// A part of the archive as stored pages hold it (one customer, or the customers of one page,
/// with their files), brought up to date with the saves made after those pages (`batches`, in
/// journal order): each batch's cards that `belongs` accepts (by customer id) and their entries
/// are applied as the whole archive applies them; an entry that left the part (cards merged)
/// is taken out of it. New customers that belong are appended in the order they were saved, so
/// they take the positions the whole archive gives them. Entries that left end up in
/// [`Archive::orphans`] of the result, which the caller ignores.
pub fn replay_part<'a>(mut part: Archive, batches: impl IntoIterator<Item = &'a Batch>, belongs: impl Fn(&str) -> bool) -> Archive {
    for b in batches {
        let customers: Vec<Customer> = b.customers.iter().filter(|c| belongs(&c.id)).cloned().collect();
        let entries: Vec<Entry> = b.entries.iter().filter(|e| belongs(&e.customer_id) || part.entry(&e.id).is_some()).cloned().collect();
        let history: Vec<ChangeRecord> = b.history.iter().filter(|h| belongs(&h.customer_id)).cloned().collect();
        if !customers.is_empty() || !entries.is_empty() || !history.is_empty() {
            part.apply(&Batch { customers, entries, history, next_seq: 0, reps: Vec::new(), handoffs: Vec::new() });
        }
    }
    part
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
    fn reps_arrive_in_batches_and_merge_by_id() {
        use crate::customer::owner::Rep;
        let st = |ms| Stamp::new(Hlc { ms, n: 0 }, "dev-a");
        let mut a = Archive::default().with_reps(vec![Rep::new("r1".into(), "王芳", "13800000000", "华东", st(10))]);
        assert_eq!(a.rep("r1").map(|r| r.name.as_str()), Some("王芳"));
        let mut edited = a.rep("r1").cloned().unwrap();
        edited.edit("王芳", "13800000001", "华东", st(20));
        let applied = a.apply(&Batch { reps: vec![edited.clone(), Rep::new("r2".into(), "李强", "", "", st(30))], ..Batch::default() });
        assert!(applied.reps);
        assert_eq!(a.reps().len(), 2);
        assert_eq!(a.rep("r1").unwrap().phone, "13800000001");
        // An older copy (another tab, a replayed journal) does not undo the edit.
        let older = Rep::new("r1".into(), "王芳", "13800000000", "华东", st(10));
        assert!(!a.apply(&Batch { reps: vec![older], ..Batch::default() }).reps);
        assert_eq!(a.rep("r1").unwrap().phone, "13800000001");
        assert!(a.clock().stamp(0, "dev-a").at.ms >= 30, "the clock moves past rep stamps");
        // A batch written before reps existed still reads.
        let old: Batch = serde_json::from_str(r#"{"next_seq":3}"#).unwrap();
        assert!(old.reps.is_empty());
    }

    #[test]
    fn a_working_set_lets_go_of_a_customer_with_its_file_and_history_and_keeps_the_clock() {
        use crate::customer::history::{Action, ChangeRecord};
        let customers = sample_archive(3, 3, today(), "dev");
        let (a, b) = (customers[0].id.clone(), customers[1].id.clone());
        let record = |id: &str, cid: &str, ms: u64| ChangeRecord { id: id.into(), customer_id: cid.into(), stamp: Stamp::new(Hlc { ms, n: 0 }, "dev"), action: Action::Edit, changes: vec![], grades: vec![] };
        let entries = vec![entry("e-a", &a, 5, 10), entry("e-b", &b, 7, 11), entry("e-x", "nobody", 9, 12)];
        let history = vec![record("h-a", &a, 9_000_000_000_000), record("h-b", &b, 13), record("h-x", "nobody", 14)];
        let whole = Archive::with_entries(customers, entries, history, Default::default());
        let before = whole.last_stamp();
        let kept = whole.without(|c| c.id == a);
        assert!(kept.get(&a).is_none() && kept.ledger(&a).is_empty() && kept.history_of(&a).is_empty());
        assert_eq!(kept.ledger(&b).len(), 1);
        assert_eq!(kept.history_of(&b).len(), 1);
        assert_eq!(kept.orphans().len(), 1, "an unknown customer's entry stays");
        assert!(kept.history().iter().any(|h| h.id == "h-x"), "an unknown customer's history stays");
        assert_eq!(kept.last_stamp(), before, "the clock does not go back");
    }

    #[test]
    fn positions_are_stable_and_batches_replay_idempotently() {
        let sample = sample_archive(7, 30, today(), "dev-a");
        let mut a = Archive::from_parts(sample[..20].to_vec(), vec![], Numbering::default());
        let mut edited = sample[3].clone();
        edited.region = "西北".into();
        let batch = Batch { customers: vec![edited.clone(), sample[25].clone()], ..Batch::default() };
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

    fn entry(id: &str, cid: &str, fen: i64, ms: u64) -> Entry {
        use crate::ledger::{EntryBody, Payment};
        let body = EntryBody::Payment(Payment { date: today(), fen, ..Default::default() });
        Entry::new(id.into(), cid.into(), body, Stamp::new(Hlc { ms, n: 0 }, "dev-a"))
    }

    #[test]
    fn entries_live_beside_their_customer_and_merge_by_id() {
        let sample = sample_archive(5, 3, today(), "dev-a");
        let (a_id, b_id) = (sample[0].id.clone(), sample[2].id.clone());
        let mut a = Archive::with_entries(sample.clone(), vec![entry("e1", &a_id, 100, 1), entry("e2", &b_id, 200, 2)], vec![], Numbering::default());
        assert_eq!(a.ledger(&a_id).len(), 1);
        assert_eq!(a.ledger_at(2)[0].id, "e2");
        assert_eq!(a.entry_count(), 2);
        // A later copy replaces, an older one does not.
        let applied = a.apply(&Batch { entries: vec![entry("e1", &a_id, 150, 5), entry("e2", &b_id, 1, 0)], ..Batch::default() });
        assert_eq!(a.entry("e1").map(|e| e.last_write().at.ms), Some(5));
        assert_eq!(a.entry("e2").map(|e| e.last_write().at.ms), Some(2));
        assert_eq!(applied.ledgers.into_iter().collect::<Vec<_>>(), vec![0, 2]);
        assert_eq!(a.entry_count(), 2);
        // Moved to another customer (cards merged): it leaves the first file.
        let mut moved = a.entry("e1").unwrap().clone();
        moved.customer_id = b_id.clone();
        moved.stamp = Stamp::new(Hlc { ms: 9, n: 0 }, "dev-a");
        let applied = a.apply(&Batch { entries: vec![moved], ..Batch::default() });
        assert!(a.ledger(&a_id).is_empty());
        assert_eq!(a.ledger(&b_id).len(), 2);
        // Both files changed: the page of the one it left must be rewritten too.
        assert_eq!(applied.ledgers.into_iter().collect::<Vec<_>>(), vec![0, 2]);
        assert!(a.clock().stamp(0, "d").at.ms >= 9, "the clock saw the entry's stamp");
    }

    #[test]
    fn entries_of_an_unknown_customer_wait_and_are_adopted() {
        let sample = sample_archive(6, 2, today(), "dev-a");
        let mut a = Archive::from_parts(sample[..1].to_vec(), vec![], Numbering::default());
        let applied = a.apply(&Batch { entries: vec![entry("e1", &sample[1].id, 100, 1)], ..Batch::default() });
        assert!(applied.orphans && applied.ledgers.is_empty());
        assert_eq!(a.orphans().len(), 1);
        assert_eq!(a.entry("e1").map(|e| e.customer_id.clone()), Some(sample[1].id.clone()));
        let applied = a.apply(&Batch { customers: vec![sample[1].clone()], ..Batch::default() });
        assert!(applied.orphans);
        assert_eq!(applied.ledgers.into_iter().collect::<Vec<_>>(), vec![1]);
        assert!(a.orphans().is_empty());
        assert_eq!(a.ledger(&sample[1].id).len(), 1);
        assert_eq!(a.entry_count(), 1);
    }

    #[test]
    fn a_deleted_document_drops_its_file_and_nothing_else_does() {
        use crate::ledger::{Document, EntryBody};
        let doc = |id: &str, blob: &str, deleted: bool| {
            let mut e = Entry::new(id.into(), "c1".into(), EntryBody::Document(Document { blob: blob.into(), ..Default::default() }), Stamp::default());
            e.deleted = deleted;
            e
        };
        let batch = Batch { entries: vec![doc("d1", "blob-1", true), doc("d2", "blob-2", false), doc("d3", "", true), entry("p1", "c1", 5, 1)], ..Batch::default() };
        assert_eq!(batch.dropped_files(), vec!["blob-1"]);
    }

    #[test]
    fn pages_group_positions() {
        assert_eq!(pages_of([0, 999, 1000, 2500]).into_iter().collect::<Vec<_>>(), vec![0, 1, 2]);
    }

    #[test]
    fn batch_serializes_compactly_and_round_trips() {
        let sample = sample_archive(3, 2, today(), "dev-a");
        let b = Batch { customers: sample, next_seq: 9, ..Batch::default() };
        let json = serde_json::to_string(&b).unwrap();
        assert!(!json.contains("\"history\""));
        assert_eq!(serde_json::from_str::<Batch>(&json).unwrap(), b);
    }
}
