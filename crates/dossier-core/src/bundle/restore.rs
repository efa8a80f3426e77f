//! Importing a bundle into an archive that holds no customer yet (a new device, a restore of a
//! 备份, a manager's laptop), one part at a time. The records go straight into pages of
//! `page_rows` customers with their entries and change records, so 100,000 customers with a
//! million entries never sit in memory at once: the app reads the file twice, once to check it
//! and show the preview ([`Restore`] run without keeping the pages), once to write, and keeps
//! each finished page as bytes outside wasm until one transaction writes them all.
//!
//! It makes the same archive as [`super::import::plan`] applied to that empty archive (tested
//! in `tests/bundle_restore.rs`): new cards renumbered where the bundle repeats a 登记编号, a
//! provenance record per customer, reps merged with this device's. Nothing here can conflict,
//! be a possible duplicate or be merged into a card (there is no card here), so there are no
//! choices. It asks one thing of the bundle that the whole-bundle import does not: the entries
//! and change records of a customer come in the customer's part (or, for a customer the bundle
//! lacks, anywhere), as the app and dossier-cli write them; otherwise [`ImportError::Scattered`].

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::Datelike;

use super::format::{Header, Part};
use super::import::{ahead, merged, needs_number, outcome, provenance, Ahead, Context, ImportError, Preview, Report, Row};
use crate::archive::Archive;
use crate::customer::history::{Action, Change, ChangeRecord};
use crate::customer::numbering::Numbering;
use crate::customer::owner::{merge_rep, Rep};
use crate::customer::Customer;
use crate::ledger::Entry;
use crate::primitives::clock::Stamp;

/// One page of the restored archive: customers at positions `index * page_rows …`, with every
/// entry and change record of theirs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RestoredPage {
    pub index: u32,
    pub customers: Vec<Customer>,
    pub entries: Vec<Entry>,
    pub history: Vec<ChangeRecord>,
}

/// What is left when the last part is in: the last (short) page, the entries and change records
/// of customers the bundle does not hold, and what the archive's small records become.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Restored {
    pub last: Option<RestoredPage>,
    pub orphans: Vec<Entry>,
    pub unplaced: Vec<ChangeRecord>,
    /// This device's reps merged with the bundle's: the whole list to store.
    pub reps: Vec<Rep>,
    pub numbering: Numbering,
    /// The counter past every 登记编号 here and in the bundle: what the second reading starts
    /// from ([`Restore::numbered_after`]), so no new number is one the bundle holds further on.
    pub observed: Numbering,
    pub preview: Preview,
    pub report: Report,
}

/// A restore in progress. Feed every part in order with [`Restore::part`], then [`Restore::finish`].
pub struct Restore {
    stamp: Stamp,
    page_rows: usize,
    from: Vec<Change>,
    numbering: Numbering,
    observed: Numbering,
    taken: BTreeSet<String>,
    /// Customers not yet on a finished page, with their records.
    pending: Vec<Customer>,
    pending_ids: HashSet<String>,
    pending_entries: Vec<Entry>,
    pending_history: Vec<ChangeRecord>,
    /// Every customer id seen, and every entry and change record id (to refuse repeats).
    customers_seen: HashSet<String>,
    entries_seen: HashSet<String>,
    history_seen: HashSet<String>,
    /// Records whose customer has not come (yet): placed if it comes, orphans if not.
    waiting_entries: HashMap<String, Vec<Entry>>,
    waiting_history: HashMap<String, Vec<ChangeRecord>>,
    reps: BTreeMap<String, Rep>,
    next_page: u32,
    preview: Preview,
    report: Report,
}

impl Restore {
    /// `archive`: this device's archive, which holds no customer (its reps and numbering are
    /// kept). `stamp`: the import's own stamp, as for one save.
    pub fn new(archive: &Archive, header: &Header, stamp: Stamp, page_rows: usize) -> Restore {
        Restore {
            stamp,
            page_rows: page_rows.max(1),
            from: provenance(header),
            numbering: archive.numbering().clone(),
            observed: archive.numbering().clone(),
            taken: BTreeSet::new(),
            pending: Vec::new(),
            pending_ids: HashSet::new(),
            pending_entries: Vec::new(),
            pending_history: Vec::new(),
            customers_seen: HashSet::new(),
            entries_seen: HashSet::new(),
            history_seen: HashSet::new(),
            waiting_entries: HashMap::new(),
            waiting_history: HashMap::new(),
            reps: archive.reps().iter().map(|r| (r.id.clone(), r.clone())).collect(),
            next_page: 0,
            preview: Preview::default(),
            report: Report::default(),
        }
    }

    /// Issues new 登记编号 past `seen` (the first reading's [`Restored::observed`]), as the
    /// whole-bundle import issues them past every number of the bundle.
    pub fn numbered_after(mut self, seen: &Numbering) -> Restore {
        self.numbering.next_seq = self.numbering.next_seq.max(seen.next_seq);
        self
    }

    /// Takes in one part. `ids`: one fresh id per customer of the part (its provenance
    /// record). Returns the pages it completed.
    pub fn part(&mut self, archive: &Archive, part: Part, ctx: &Context, ids: &[String]) -> Result<Vec<RestoredPage>, ImportError> {
        if ids.len() < part.customers.len() {
            return Err(ImportError::Ids);
        }
        merge_ahead(&mut self.preview.ahead, ahead(&part, ctx.now_ms));
        for (theirs, id) in part.customers.into_iter().zip(ids) {
            if !self.customers_seen.insert(theirs.id.clone()) {
                return Err(ImportError::Repeated { id: theirs.id });
            }
            self.observed.observe(&theirs.reg_no);
            self.numbering.observe(&theirs.reg_no);
            let (mine, mut out) = merged(archive, &theirs);
            debug_assert!(mine.is_none(), "a restore goes into an archive without customers");
            let renumber = needs_number(&theirs, ctx, &mut self.taken);
            let mut changes = self.from.clone();
            if renumber {
                let new = self.numbering.issue(ctx.today.year());
                changes.push(Change { field: "reg_no".into(), old: out.reg_no.clone(), new: new.clone() });
                self.report.renumbered.push((out.reg_no.clone(), new.clone(), out.id.clone()));
                out.reg_no = new;
            }
            self.preview.rows.push(Row {
                id: theirs.id.clone(),
                name: theirs.display_name().to_string(),
                reg_no: theirs.reg_no.clone(),
                outcome: outcome(None, &out),
                conflicts: Vec::new(),
                duplicates: Vec::new(),
                renumber,
                withheld: theirs.withheld.len(),
            });
            self.report.customers += 1;
            self.pending_history.push(ChangeRecord { id: id.clone(), customer_id: out.id.clone(), stamp: self.stamp.clone(), action: Action::Import, changes, grades: Vec::new() });
            // Records that came before their customer.
            if let Some(e) = self.waiting_entries.remove(&out.id) {
                self.pending_entries.extend(e);
            }
            if let Some(h) = self.waiting_history.remove(&out.id) {
                self.pending_history.extend(h);
            }
            self.pending_ids.insert(out.id.clone());
            self.pending.push(out);
        }
        for e in part.entries {
            if !self.entries_seen.insert(e.id.clone()) {
                return Err(ImportError::Repeated { id: e.id });
            }
            self.preview.entries.new += 1;
            self.report.entries += 1;
            match self.place(&e.customer_id, &e.id)? {
                Some(true) => self.pending_entries.push(e),
                _ => self.waiting_entries.entry(e.customer_id.clone()).or_default().push(e),
            }
        }
        for h in part.history {
            if !self.history_seen.insert(h.id.clone()) {
                return Err(ImportError::Repeated { id: h.id });
            }
            self.preview.history.new += 1;
            match self.place(&h.customer_id, &h.id)? {
                Some(true) => self.pending_history.push(h),
                _ => self.waiting_history.entry(h.customer_id.clone()).or_default().push(h),
            }
        }
        for r in part.reps {
            let out = match self.reps.get(&r.id) {
                None => {
                    self.preview.reps.new += 1;
                    r
                }
                Some(mine) => {
                    let m = merge_rep(mine, &r);
                    if m == *mine {
                        self.preview.reps.unchanged += 1;
                    } else {
                        self.preview.reps.updated += 1;
                    }
                    m
                }
            };
            self.reps.insert(out.id.clone(), out);
        }
        let mut pages = Vec::new();
        while self.pending.len() >= self.page_rows {
            pages.push(self.page(self.page_rows));
        }
        Ok(pages)
    }

    /// Where a record of `customer` goes: `Some(true)` with its customer (not yet on a page),
    /// `None` to wait for it; an error if its customer's page is already made.
    fn place(&self, customer: &str, id: &str) -> Result<Option<bool>, ImportError> {
        if self.pending_ids.contains(customer) {
            Ok(Some(true))
        } else if self.customers_seen.contains(customer) {
            Err(ImportError::Scattered { id: id.to_string(), customer: customer.to_string() })
        } else {
            Ok(None)
        }
    }

    /// The next page: the first `n` pending customers and their records.
    fn page(&mut self, n: usize) -> RestoredPage {
        let customers: Vec<Customer> = self.pending.drain(..n).collect();
        let on: HashSet<&str> = customers.iter().map(|c| c.id.as_str()).collect();
        let (entries, rest): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut self.pending_entries).into_iter().partition(|e| on.contains(e.customer_id.as_str()));
        self.pending_entries = rest;
        let (history, rest): (Vec<ChangeRecord>, Vec<ChangeRecord>) = std::mem::take(&mut self.pending_history).into_iter().partition(|h| on.contains(h.customer_id.as_str()));
        self.pending_history = rest;
        for c in &customers {
            self.pending_ids.remove(&c.id);
        }
        let index = self.next_page;
        self.next_page += 1;
        RestoredPage { index, customers, entries, history }
    }

    /// After the last part: the short last page, the records of customers the bundle lacks,
    /// the reps and numbering to store, the preview and the report.
    pub fn finish(mut self) -> Restored {
        let last = (!self.pending.is_empty()).then(|| {
            let n = self.pending.len();
            self.page(n)
        });
        let mut orphans: Vec<Entry> = self.waiting_entries.into_values().flatten().collect();
        orphans.sort_by(|a, b| a.id.cmp(&b.id));
        let mut unplaced: Vec<ChangeRecord> = self.waiting_history.into_values().flatten().collect();
        unplaced.sort_by(|a, b| a.id.cmp(&b.id));
        Restored { last, orphans, unplaced, reps: self.reps.into_values().collect(), numbering: self.numbering, observed: self.observed, preview: self.preview, report: self.report }
    }
}

fn merge_ahead(into: &mut Vec<Ahead>, more: Vec<Ahead>) {
    for a in more {
        match into.iter_mut().find(|x| x.device == a.device) {
            Some(x) => x.by_ms = x.by_ms.max(a.by_ms),
            None => into.push(a),
        }
    }
}
