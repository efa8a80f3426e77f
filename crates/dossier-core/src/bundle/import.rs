//! Importing a bundle: first a preview (nothing written), then, once the user confirms, the one
//! batch that writes it all.
//!
//! - Records match by id. Customers merge field by field ([`merge_customer`]); entries, reps and
//!   change records by id, the later write winning. A field the bundle withholds is "not
//!   provided" and never erases a value here.
//! - **Conflicts** are listed, not silently decided: a field both sides changed since they last
//!   exchanged bundles (this device's last import from that device, and what the bundle says that
//!   device had seen of this one). The default follows the stamps; the user may keep this
//!   device's value, which is then written as a new edit here (so it wins when it goes back).
//! - **Clocks**: a stamp more than [`AHEAD_LIMIT_MS`] ahead of this device's clock is accepted
//!   (merges stay deterministic) and reported, by device and how far.
//! - **Identity beyond ids**: a new card whose phone or tax number matches a different card here
//!   is listed as a possible duplicate; it is merged into that card only if the user says so
//!   ([`Choices::merge_into`]: the existing card's values kept, its blanks filled, the people of
//!   both kept, the incoming file moved over, the incoming card left as a tombstone pointing at
//!   it — the same 合并 as 查重's), else kept as a card of its own.
//! - **Registration numbers**: a new card whose 登记编号 a different card here holds is
//!   renumbered; its change record keeps the old number.
//! - **Provenance**: creator, owner and creation travel unchanged; every customer the import
//!   changes gets a change record "received from <rep> (<device>) on <date>, bundle <digest>".

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};

use super::format::{Header, Part};
use super::{BundleError, RecordKind};
use crate::customer::card::{card_to_raw, validate_card};
use crate::customer::numbering::parse_reg_no;
use crate::primitives::lang::Lang;
use crate::archive::handoffs::Handoff;
use crate::archive::{entry_version, version_of, Archive, Batch};
use crate::customer::history::{Action, Change, ChangeRecord};
use crate::customer::merge::{conflicts, keep_mine, merge_customer, revived, FieldConflict};
use crate::customer::owner::merge_rep;
use crate::customer::Customer;
use crate::dedup::card_merge::{merge_cards, CardMergeError, MergeChoices};
use crate::ledger::merge_entry;
use crate::primitives::clock::{Hlc, Stamp};

/// How far ahead of this device's clock a stamp may be before the preview reports it (and
/// beyond which it never pulls this device's clock).
pub use crate::primitives::clock::AHEAD_LIMIT_MS;

/// What the receiving device knows besides its working archive (which must hold the customers
/// the bundle names that this device has: the app opens them first).
pub struct Context<'a> {
    /// This device's clock now.
    pub now_ms: u64,
    pub today: NaiveDate,
    /// What this device last imported from the bundle's device: that device's clock then.
    pub seen_of_peer: Hlc,
    /// What the bundle's device had seen of this device (its header's `seen`), zero if unknown.
    pub peer_seen_of_me: Hlc,
    /// The id of the card here holding a 登记编号, if any (from the summaries).
    pub reg_no_holder: &'a dyn Fn(&str) -> Option<String>,
    /// 查重: ids of cards here whose phone or tax number matches (from the summaries).
    pub duplicates_of: &'a dyn Fn(&Customer) -> Vec<String>,
    /// This device's rep (the one acting, for an owner history a merge writes).
    pub me: &'a str,
}

fn no_holder(_: &str) -> Option<String> {
    None
}

fn no_duplicates(_: &Customer) -> Vec<String> {
    Vec::new()
}

impl Context<'static> {
    /// The context of an archive with no customer (what [`super::restore`] imports into): no
    /// number held, no possible duplicate, nothing exchanged before.
    pub fn without_customers(now_ms: u64, today: NaiveDate) -> Context<'static> {
        Context { now_ms, today, seen_of_peer: Hlc::default(), peer_seen_of_me: Hlc::default(), reg_no_holder: &no_holder, duplicates_of: &no_duplicates, me: "" }
    }
}

/// What the import does to one customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// Not here yet: added.
    New,
    /// Here, and the bundle brings newer values.
    Updated,
    /// Here, and nothing in the bundle is newer.
    Unchanged,
    /// The bundle's deletion is newer than every edit: deleted here too (or arrives deleted).
    Deleted,
    /// Deleted here, but edited on the other side after the deletion: it stays (and says so).
    Revived,
}

/// One incoming customer in the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub reg_no: String,
    pub outcome: Outcome,
    /// Fields changed on both sides since the last exchange (default: the later stamp wins).
    pub conflicts: Vec<FieldConflict>,
    /// Cards here that may be the same customer (查重), for a new card only.
    pub duplicates: Vec<String>,
    /// The 登记编号 is held by another card here: it will get the next number.
    pub renumber: bool,
    /// Fields the bundle withholds for this customer.
    pub withheld: usize,
}

/// New, updated and unchanged records of one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// A device whose stamps are ahead of this device's clock by more than [`AHEAD_LIMIT_MS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ahead {
    pub device: String,
    pub by_ms: u64,
}

/// Everything the user sees before confirming. Nothing has been written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub rows: Vec<Row>,
    pub entries: Tally,
    pub history: Tally,
    pub reps: Tally,
    pub ahead: Vec<Ahead>,
}

impl Preview {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.rows.iter().filter(|r| r.outcome == outcome).count()
    }

    pub fn conflicts(&self) -> usize {
        self.rows.iter().map(|r| r.conflicts.len()).sum()
    }

    pub fn duplicates(&self) -> usize {
        self.rows.iter().filter(|r| !r.duplicates.is_empty()).count()
    }

    /// Whether confirming would write anything.
    pub fn changes_anything(&self) -> bool {
        self.rows.iter().any(|r| r.outcome != Outcome::Unchanged)
            || self.entries.new + self.entries.updated + self.history.new + self.reps.new + self.reps.updated > 0
    }
}

/// The user's decisions in the preview, where they go against the stamps: per customer, the
/// conflicting field keys where this device's earlier value is kept, and those where the
/// bundle's earlier value is taken. Either is written as a new edit here, so the choice wins
/// when the archive goes back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    pub keep_mine: BTreeMap<String, BTreeSet<String>>,
    pub take_theirs: BTreeMap<String, BTreeSet<String>>,
    /// New cards the user merges into a card here (incoming id → id here), from the possible
    /// duplicates the preview listed. Every other new card is kept as a card of its own.
    pub merge_into: BTreeMap<String, String>,
}

impl Choices {
    /// How many ids [`plan`] needs: one per incoming customer, two more per merge.
    pub fn ids_needed(&self, incoming: &Part) -> usize {
        incoming.customers.len() + 2 * self.merge_into.len()
    }
}

/// Why an import cannot be planned.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    /// Not enough new ids were drawn for the change records (a caller's mistake).
    #[error("not enough ids")]
    Ids,
    /// A merge the user chose cannot be made (the card here is gone, deleted, of the other
    /// kind, or the merged card would not be valid). Nothing is written.
    #[error("cannot merge {name} into the card here")]
    Merge { name: String, why: Option<CardMergeError> },
    /// A large bundle imported part by part ([`super::restore`]): an entry or change record
    /// comes in a later part than its customer's, whose page is already made.
    #[error("record {id} is not in the part of its customer")]
    Scattered { id: String, customer: String },
    /// The same record twice in one bundle (imported part by part, it cannot be merged with itself).
    #[error("record {id} is in the bundle twice")]
    Repeated { id: String },
}

impl ImportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::Ids => lang.pick("内部错误：编号不足，未导入", "internal error: not enough ids; nothing was imported").to_string(),
            ImportError::Scattered { id, customer } => match lang {
                Lang::Zh => format!("此文件太大，只能分段导入，但记录 {id} 不在其客户（{customer}）所在的部分。请在电脑上用 dossier-cli merge 重新整理后再导入。未导入任何内容。"),
                Lang::En => format!("This file is too large to import except part by part, but record {id} is not in the part of its customer ({customer}). Rewrite it with dossier-cli merge on a computer and import that. Nothing was imported."),
            },
            ImportError::Repeated { id } => match lang {
                Lang::Zh => format!("文件中记录 {id} 出现了两次，文件有误。未导入任何内容。"),
                Lang::En => format!("Record {id} is in the file twice: the file is faulty. Nothing was imported."),
            },
            ImportError::Merge { name, why } => {
                let reason = match why {
                    Some(e) => e.message(lang),
                    None => lang.pick("本机的客户已不存在", "the card here no longer exists").to_string(),
                };
                match lang {
                    Lang::Zh => format!("无法把“{name}”并入本机的客户：{reason}。未导入任何内容。"),
                    Lang::En => format!("Cannot merge \"{name}\" into the card here: {reason}. Nothing was imported."),
                }
            }
        }
    }
}

/// Every record's own rules, before anything is merged: a card's fields as its form checks them
/// (fields the bundle withholds are not there to check), a 登记编号 in its format. The first
/// problem is reported with its part, record, customer and field, in both languages.
pub fn validate(part: &Part, index: u64, today: NaiveDate) -> Result<(), BundleError> {
    let bad = |i: usize, c: &Customer, field: &str, zh: String, en: String| BundleError::BadRecord {
        part: index,
        kind: RecordKind::Customer,
        index: i as u64,
        id: c.id.clone(),
        customer: if c.display_name().is_empty() { c.reg_no.clone() } else { c.display_name().to_string() },
        field: field.to_string(),
        problem: format!("{zh} / {en}"),
    };
    for (i, c) in part.customers.iter().enumerate() {
        if !c.reg_no.is_empty() && parse_reg_no(&c.reg_no).is_none() {
            return Err(bad(i, c, "reg_no", format!("登记编号“{}”格式不对", c.reg_no), format!("registration number \"{}\" is malformed", c.reg_no)));
        }
        if let Err(errors) = validate_card(c.kind(), &card_to_raw(&c.body), today) {
            if let Some(e) = errors.iter().find(|e| !c.withheld.contains(&e.field)) {
                return Err(bad(i, c, &e.field, e.problem.message(Lang::Zh), e.problem.message(Lang::En)));
            }
        }
    }
    Ok(())
}

/// The merged customer, and whether this device had it.
pub(super) fn merged(archive: &Archive, theirs: &Customer) -> (Option<Customer>, Customer) {
    match archive.get(&theirs.id) {
        Some(mine) => (Some(mine.clone()), merge_customer(mine, theirs)),
        None => (None, theirs.clone()),
    }
}

/// Whether the merge left the customer as it was (a merge lists people by id; a card saved
/// before may list them in the order they were added, which is the same card).
fn same(mine: &Customer, out: &Customer) -> bool {
    if mine.contacts.len() != out.contacts.len() || mine.contacts.windows(2).all(|w| w[0].id <= w[1].id) {
        return mine == out;
    }
    let mut sorted = mine.clone();
    sorted.contacts.sort_by(|a, b| a.id.cmp(&b.id));
    sorted == *out
}

pub(super) fn outcome(mine: Option<&Customer>, out: &Customer) -> Outcome {
    match mine {
        None if out.deleted => Outcome::Deleted,
        None => Outcome::New,
        Some(m) if same(m, out) => Outcome::Unchanged,
        Some(m) if !m.deleted && out.deleted => Outcome::Deleted,
        // Brought back by an edit made after the deletion (a restore is an ordinary update).
        Some(m) if m.deleted && !out.deleted && revived(m, out) => Outcome::Revived,
        Some(_) => Outcome::Updated,
    }
}

/// The conflicts of one customer: fields whose values differ, changed here after the other
/// device last saw this one and changed there after this device last saw it.
fn conflicts_of(mine: &Customer, theirs: &Customer, ctx: &Context) -> Vec<FieldConflict> {
    let since = ctx.seen_of_peer.min(ctx.peer_seen_of_me);
    conflicts(mine, theirs, since)
        .into_iter()
        .filter(|c| c.theirs_stamp.at > ctx.seen_of_peer && c.mine_stamp.at > ctx.peer_seen_of_me)
        .collect()
}

/// Every stamp in the bundle more than a day ahead of `now_ms`, the furthest per device.
pub(super) fn ahead(incoming: &Part, now_ms: u64) -> Vec<Ahead> {
    let limit = now_ms.saturating_add(AHEAD_LIMIT_MS);
    let mut worst: BTreeMap<String, u64> = BTreeMap::new();
    let mut see = |s: &Stamp| {
        if s.at.ms > limit {
            let by = s.at.ms - now_ms;
            let w = worst.entry(s.dev.clone()).or_default();
            *w = (*w).max(by);
        }
    };
    for c in &incoming.customers {
        see(c.modified());
        see(&c.created);
    }
    for e in &incoming.entries {
        see(&e.created);
        see(&e.stamp);
    }
    for h in &incoming.history {
        see(&h.stamp);
    }
    for r in &incoming.reps {
        see(&r.created);
        see(&r.stamp);
    }
    worst.into_iter().map(|(device, by_ms)| Ahead { device, by_ms }).collect()
}

/// The preview of importing `incoming` into `archive`. Writes nothing.
pub fn preview(archive: &Archive, incoming: &Part, ctx: &Context) -> Preview {
    let mut out = Preview { ahead: ahead(incoming, ctx.now_ms), ..Preview::default() };
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for theirs in &incoming.customers {
        let (mine, merged) = merged(archive, theirs);
        let outcome = outcome(mine.as_ref(), &merged);
        let conflicts = mine.as_ref().map(|m| conflicts_of(m, theirs, ctx)).unwrap_or_default();
        let (duplicates, renumber) = if mine.is_none() {
            let dups = if theirs.deleted { Vec::new() } else { (ctx.duplicates_of)(theirs).into_iter().filter(|d| *d != theirs.id).collect() };
            (dups, needs_number(theirs, ctx, &mut taken))
        } else {
            (Vec::new(), false)
        };
        out.rows.push(Row {
            id: theirs.id.clone(),
            name: merged.display_name().to_string(),
            reg_no: merged.reg_no.clone(),
            outcome,
            conflicts,
            duplicates,
            renumber,
            withheld: theirs.withheld.len(),
        });
    }
    for e in &incoming.entries {
        match archive.entry(&e.id) {
            None => out.entries.new += 1,
            Some(mine) if merge_entry(mine, e) == *mine => out.entries.unchanged += 1,
            Some(_) => out.entries.updated += 1,
        }
    }
    let known: BTreeSet<&str> = archive.history().iter().map(|h| h.id.as_str()).collect();
    for h in &incoming.history {
        if known.contains(h.id.as_str()) {
            out.history.unchanged += 1;
        } else {
            out.history.new += 1;
        }
    }
    for r in &incoming.reps {
        match archive.rep(&r.id) {
            None => out.reps.new += 1,
            Some(mine) if merge_rep(mine, r) == *mine => out.reps.unchanged += 1,
            Some(_) => out.reps.updated += 1,
        }
    }
    out
}

/// Whether a new card's 登记编号 is held by a different card here (or by an earlier new card
/// of the same bundle), noting it as taken.
pub(super) fn needs_number(theirs: &Customer, ctx: &Context, taken: &mut BTreeSet<String>) -> bool {
    if theirs.reg_no.is_empty() {
        return false;
    }
    let held = (ctx.reg_no_holder)(&theirs.reg_no).is_some_and(|id| id != theirs.id);
    held || !taken.insert(theirs.reg_no.clone())
}

/// The attached files of `incoming` worth writing: those its live document entries name (a
/// file whose document is deleted, or that no document names, is not kept).
pub fn files_wanted(incoming: &Part) -> BTreeSet<String> {
    incoming
        .entries
        .iter()
        .filter(|e| !e.deleted)
        .filter_map(|e| match &e.body {
            crate::ledger::EntryBody::Document(d) if !d.blob.is_empty() => Some(d.blob.clone()),
            _ => None,
        })
        .collect()
}

/// The versions a batch was based on (`None`: must be new): a save refuses if any changed.
pub type Expect = Vec<(String, Option<Hlc>)>;

/// What [`plan`] did besides merging, for the message after the import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// (customer id, old 登记编号, new one).
    pub renumbered: Vec<(String, String, String)>,
    /// Customers written (new, updated, deleted, revived; a merge writes two).
    pub customers: usize,
    /// New cards merged into cards here.
    pub merged: usize,
    pub entries: usize,
}

/// The batch that imports `incoming`: merged customers (with the user's choices), entries,
/// change records and reps that are new or newer, a provenance record per customer written, and
/// the hand-off log line `log`. `ids`: one fresh id per incoming customer (for its provenance
/// record). Returns the batch, the versions it was based on (a save refuses if any changed
/// meanwhile), and a report.
#[allow(clippy::too_many_arguments)]
pub fn plan(
    archive: &Archive,
    incoming: &Part,
    header: &Header,
    ctx: &Context,
    choices: &Choices,
    stamp: &Stamp,
    ids: &[String],
    log: Handoff,
) -> Result<(Batch, Expect, Report), ImportError> {
    if ids.len() < choices.ids_needed(incoming) {
        return Err(ImportError::Ids);
    }
    let mut spare = ids[incoming.customers.len()..].iter();
    // Entries of a card merged into one here follow it.
    let mut moved: HashMap<&str, &str> = HashMap::new();
    let mut batch = Batch::default();
    let mut expect = Vec::new();
    let mut report = Report::default();
    let mut numbering = archive.numbering().clone();
    // A new number must not be one the bundle brings (a card further on may hold it).
    for c in &incoming.customers {
        numbering.observe(&c.reg_no);
    }
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let from = provenance(header);
    // New cards the user merges into cards here: merged after the others.
    let mut deferred = Vec::new();
    for (theirs, id) in incoming.customers.iter().zip(ids) {
        let (mine, mut out) = merged(archive, theirs);
        let mut changes = from.clone();
        if let Some(m) = &mine {
            // A choice is a new edit: later than both copies, even one stamped far ahead, so it
            // also wins on the other device when the bundle goes back.
            let chosen_at = stamp.after(version_of(m).max(version_of(theirs)));
            for (chosen, source, note) in [(&choices.keep_mine, m, "import.kept"), (&choices.take_theirs, theirs, "import.taken")] {
                let keys: Vec<String> = chosen.get(&theirs.id).map(|k| k.iter().cloned().collect()).unwrap_or_default();
                if !keys.is_empty() {
                    out = keep_mine(&out, source, &keys, &chosen_at);
                    changes.extend(keys.iter().map(|k| Change { field: note.into(), old: String::new(), new: k.clone() }));
                }
            }
        } else if needs_number(theirs, ctx, &mut taken) {
            let new = numbering.issue(ctx.today.year());
            changes.push(Change { field: "reg_no".into(), old: out.reg_no.clone(), new: new.clone() });
            report.renumbered.push((out.reg_no.clone(), new.clone(), out.id.clone()));
            out.reg_no = new;
        }
        if mine.as_ref().is_some_and(|m| same(m, &out)) {
            continue;
        }
        if mine.is_none() && choices.merge_into.contains_key(&theirs.id) {
            deferred.push((theirs, out, changes, id));
            continue;
        }
        expect.push((out.id.clone(), mine.as_ref().map(version_of)));
        batch.history.push(ChangeRecord { id: id.clone(), customer_id: out.id.clone(), stamp: stamp.clone(), action: Action::Import, changes, grades: Vec::new() });
        batch.customers.push(out);
    }
    // Merges last, so a card here the bundle also updates is merged into as updated.
    for (theirs, out, changes, id) in deferred {
        let target = &choices.merge_into[&theirs.id];
        let fail = |why| ImportError::Merge { name: theirs.display_name().to_string(), why };
        let here = archive.get(target).filter(|s| s.id != theirs.id).ok_or_else(|| fail(None))?;
        let at = batch.customers.iter().position(|c| c.id == *target);
        let survivor = at.map(|i| &batch.customers[i]).unwrap_or(here);
        let record_ids = [spare.next().ok_or(ImportError::Ids)?.clone(), spare.next().ok_or(ImportError::Ids)?.clone()];
        let m = merge_cards(survivor, &out, &MergeChoices::default(), ctx.me, stamp, record_ids, ctx.today).map_err(|e| fail(Some(e)))?;
        match at {
            Some(i) => batch.customers[i] = m.survivor,
            None => {
                expect.push((here.id.clone(), Some(version_of(here))));
                batch.customers.push(m.survivor);
            }
        }
        expect.push((out.id.clone(), None));
        batch.history.push(ChangeRecord { id: id.clone(), customer_id: out.id.clone(), stamp: stamp.clone(), action: Action::Import, changes, grades: Vec::new() });
        batch.history.extend(m.history);
        moved.insert(theirs.id.as_str(), target.as_str());
        batch.customers.push(m.merged);
        report.merged += 1;
    }
    report.customers = batch.customers.len();
    for e in &incoming.entries {
        match archive.entry(&e.id) {
            None => {
                expect.push((e.id.clone(), None));
                let mut e = e.clone();
                if let Some(to) = moved.get(e.customer_id.as_str()) {
                    e.customer_id = to.to_string();
                    e.stamp = stamp.clone();
                }
                batch.entries.push(e);
            }
            Some(mine) => {
                let m = merge_entry(mine, e);
                if m != *mine {
                    expect.push((e.id.clone(), Some(entry_version(mine))));
                    batch.entries.push(m);
                }
            }
        }
    }
    report.entries = batch.entries.len();
    let known: BTreeSet<&str> = archive.history().iter().map(|h| h.id.as_str()).collect();
    batch.history.extend(incoming.history.iter().filter(|h| !known.contains(h.id.as_str())).cloned());
    for r in &incoming.reps {
        match archive.rep(&r.id) {
            None => batch.reps.push(r.clone()),
            Some(mine) => {
                let m = merge_rep(mine, r);
                if m != *mine {
                    batch.reps.push(m);
                }
            }
        }
    }
    batch.next_seq = numbering.next_seq;
    batch.handoffs.push(log);
    Ok((batch, expect, report))
}

/// The provenance of every record the bundle brings: who sent it, from which device, when, and
/// which bundle (the first 8 hex digits of its digest).
pub(super) fn provenance(header: &Header) -> Vec<Change> {
    let short: String = header.payload_sha256.chars().take(8).collect();
    let rep = if header.rep.name.is_empty() { header.rep.id.clone() } else { header.rep.name.clone() };
    vec![
        Change { field: "import.from".into(), old: String::new(), new: format!("{rep} ({})", header.device) },
        Change { field: "import.date".into(), old: String::new(), new: header.created_at.format("%Y-%m-%d").to_string() },
        Change { field: "import.bundle".into(), old: String::new(), new: short },
    ]
}
