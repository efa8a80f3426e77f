//! Consolidating bundles: every record of every input held in memory (a laptop holds 100,000
//! customers with their files), copies of one record merged as devices merge them, written as
//! one bundle of pages of 1,000 customers with their entries and change records.
//!
//! - customers: `customer::merge::merge_customer` by id (per part, status, person, owner
//!   group, tombstone; fields an input withheld name themselves in the record);
//! - entries: `ledger::merge_entry` by id; reps: `customer::owner::merge_rep` by id;
//! - change records: a union by id (copies of one record are the same record; if two differ,
//!   the later stamp, then the larger JSON, is kept so the order of the inputs does not matter).
//!
//! The header: device `dossier-cli`, no rep, scope `all` ("merge of N bundles"); `withheld` is
//! the union of the inputs', the profile the inputs' if they all had the same one, else a
//! `custom` "merge" providing the fields every input provided (a backup provides all).

use crate::crypto::sha256;
use crate::error::CliError;
use crate::write::{BundleWriter, Sealing};
use dossier_core::bundle::format::{Counts, FileRecord, Header, Part, Profile, ProfileCode, RepRef, Scope, ScopeKind};
use dossier_core::bundle::stream::{combine_input, hex};
use dossier_core::customer::history::ChangeRecord;
use dossier_core::customer::merge::merge_customer;
use dossier_core::customer::owner::{merge_rep, Rep};
use dossier_core::customer::Customer;
use dossier_core::ledger::{merge_entry, Entry};
use dossier_core::primitives::clock::{Clock, Hlc};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Customers per part, as the app writes its pages.
pub const PAGE: usize = 1000;

/// Records by id in the order first seen.
struct ById<T> {
    items: Vec<T>,
    at: HashMap<String, usize>,
}

impl<T> Default for ById<T> {
    fn default() -> Self {
        ById { items: Vec::new(), at: HashMap::new() }
    }
}

impl<T> ById<T> {
    fn add(&mut self, id: &str, item: T, merge: impl Fn(&T, &T) -> T) {
        match self.at.get(id) {
            Some(&i) => self.items[i] = merge(&self.items[i], &item),
            None => {
                self.at.insert(id.to_string(), self.items.len());
                self.items.push(item);
            }
        }
    }
}

/// Everything read so far.
#[derive(Default)]
pub struct Merged {
    customers: ById<Customer>,
    entries: ById<Entry>,
    history: ById<ChangeRecord>,
    reps: ById<Rep>,
    /// Attached files (备份 bundles), by key: the same key is the same file.
    files: ById<FileRecord>,
    inputs: usize,
    withheld: BTreeSet<String>,
    profiles: Vec<Profile>,
    hlc: Hlc,
}

fn pick_record(a: &ChangeRecord, b: &ChangeRecord) -> ChangeRecord {
    let json = |r: &ChangeRecord| serde_json::to_string(r).unwrap_or_default();
    if (&b.stamp, json(b)) > (&a.stamp, json(a)) {
        b.clone()
    } else {
        a.clone()
    }
}

impl Merged {
    /// An input's header (once per input, before its parts).
    pub fn header(&mut self, h: &Header) {
        self.inputs += 1;
        self.withheld.extend(h.withheld.iter().cloned());
        self.profiles.push(h.profile.clone());
        self.hlc = self.hlc.max(h.hlc);
    }

    pub fn add(&mut self, part: Part) {
        for c in part.customers {
            self.customers.add(&c.id.clone(), c, merge_customer);
        }
        for e in part.entries {
            self.entries.add(&e.id.clone(), e, merge_entry);
        }
        for h in part.history {
            self.history.add(&h.id.clone(), h, pick_record);
        }
        for r in part.reps {
            self.reps.add(&r.id.clone(), r, merge_rep);
        }
        for f in part.files {
            self.files.add(&f.key.clone(), f, |a, _| a.clone());
        }
    }

    pub fn customers(&self) -> &[Customer] {
        &self.customers.items
    }

    /// The output's parts: pages of customers with their entries and change records, reps in
    /// the first, records of customers no input holds in a last part of their own.
    fn parts(&self) -> Vec<PartPlan> {
        let pages = self.customers.items.len().div_ceil(PAGE);
        let mut plan: Vec<PartPlan> = (0..pages)
            .map(|p| PartPlan { customers: p * PAGE..((p + 1) * PAGE).min(self.customers.items.len()), ..PartPlan::default() })
            .collect();
        let mut orphans = PartPlan::default();
        let page_of = |cid: &str| self.customers.at.get(cid).map(|i| i / PAGE);
        for (i, e) in self.entries.items.iter().enumerate() {
            match page_of(&e.customer_id) {
                Some(p) => plan[p].entries.push(i),
                None => orphans.entries.push(i),
            }
        }
        for (i, h) in self.history.items.iter().enumerate() {
            match page_of(&h.customer_id) {
                Some(p) => plan[p].history.push(i),
                None => orphans.history.push(i),
            }
        }
        if !orphans.entries.is_empty() || !orphans.history.is_empty() {
            plan.push(orphans);
        }
        if plan.is_empty() && !self.reps.items.is_empty() {
            plan.push(PartPlan::default());
        }
        // Files last, one part each (as the app writes them).
        plan.extend((0..self.files.items.len()).map(|i| PartPlan { file: Some(i), ..PartPlan::default() }));
        if let Some(first) = plan.first_mut() {
            first.reps = true;
        }
        plan
    }

    fn part(&self, plan: &PartPlan) -> Part {
        Part {
            customers: self.customers.items[plan.customers.clone()].to_vec(),
            entries: plan.entries.iter().map(|&i| self.entries.items[i].clone()).collect(),
            history: plan.history.iter().map(|&i| self.history.items[i].clone()).collect(),
            reps: if plan.reps { self.reps.items.clone() } else { Vec::new() },
            files: plan.file.map(|i| vec![self.files.items[i].clone()]).unwrap_or_default(),
        }
    }

    fn profile(&self) -> Profile {
        if let Some(first) = self.profiles.first() {
            if self.profiles.iter().all(|p| p == first) {
                return first.clone();
            }
        }
        let mut provided: Option<BTreeSet<&String>> = None;
        for p in self.profiles.iter().filter(|p| p.code != ProfileCode::Backup) {
            let fields: BTreeSet<&String> = p.fields.iter().collect();
            provided = Some(match provided {
                None => fields,
                Some(so_far) => so_far.intersection(&fields).copied().collect(),
            });
        }
        match provided {
            None => Profile { code: ProfileCode::Backup, name: "merge".into(), fields: Vec::new() },
            Some(f) => Profile { code: ProfileCode::Custom, name: "merge".into(), fields: f.into_iter().cloned().collect() },
        }
    }

    /// Writes the merged bundle. Each part is serialized twice, once for the payload digest
    /// line 1 needs and once to write it, rather than held.
    pub fn write(&self, out: &Path, now: chrono::DateTime<chrono::Utc>, sealing: Option<Sealing>) -> Result<Counts, CliError> {
        let plan = self.parts();
        let mut counts = Counts::default();
        let mut digests = Vec::with_capacity(plan.len());
        for p in &plan {
            let part = self.part(p);
            counts.add(&part);
            digests.push(sha256(part.to_json().as_bytes()));
        }
        let now_ms = u64::try_from(now.timestamp_millis()).unwrap_or_default();
        let header = Header {
            created_at: now,
            hlc: Clock::new(self.hlc).tick(now_ms),
            device: "dossier-cli".into(),
            rep: RepRef::default(),
            profile: self.profile(),
            withheld: self.withheld.iter().cloned().collect(),
            scope: Scope { kind: ScopeKind::All, label: format!("merge of {} bundles", self.inputs) },
            counts,
            parts: plan.len() as u64,
            payload_sha256: hex(&sha256(&combine_input(&digests))),
            lent: None,
            encryption: None,
            seen: Default::default(),
        };
        let mut writer = BundleWriter::create(out, header, sealing)?;
        for p in &plan {
            writer.part(&self.part(p).to_json())?;
        }
        writer.finish()?;
        Ok(counts)
    }
}

#[derive(Default)]
struct PartPlan {
    customers: std::ops::Range<usize>,
    entries: Vec<usize>,
    history: Vec<usize>,
    reps: bool,
    file: Option<usize>,
}
