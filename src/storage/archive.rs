//! The archive on disk: pages of 1,000 records plus a journal of recent saves (docs/storage.md).
//!
//! Every function validates and serializes first, then runs one transaction with no non-IDB await
//! inside, so a save lands whole or not at all. Every read-write transaction is durable ("strict",
//! `browser::install_strict_durability`).
//!
//! A record that does not read is never fatal and never deleted: the rest loads, the damage is
//! listed, a partly readable customer page is written back with its unreadable rows as they were,
//! and anything else damaged is copied to the `rescue` store before a write replaces it.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

use dossier_core::archive::{handoffs::Handoff, pages_of, Archive, Batch, PAGE_ROWS};
use dossier_core::archive::salvage::{self, BadRow, Named, PageRead};
use dossier_core::ledger::LedgerScratch;
use dossier_core::summary::Summary;
use dossier_core::{ChangeRecord, Customer, Entry, Numbering, Rep};
use rexie::{KeyRange, Store, TransactionMode};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use super::schema::{BLOBS, JOURNAL, META, PAGES, RESCUE};
use super::{Db, StorageError};

pub(super) const CUSTOMER_PAGES: &str = "c/";
/// `e/N`: the entries of the customers on page `c/N`, so one new payment rewrites one entry page.
pub(super) const ENTRY_PAGES: &str = "e/";
/// Entries whose customer the archive does not hold; normally none.
pub(super) const ORPHAN_PAGES: &str = "o/";
/// The history of customers the archive does not hold (normally none). Databases from before
/// `hc/` kept all history here; [`move_history`] moves it to `hc/`.
pub(super) const HISTORY_PAGES: &str = "h/";
/// `hc/N`: the history (change records) of the customers on `c/N`, read with their cards.
pub(super) const CARD_HISTORY_PAGES: &str = "hc/";
/// `s/N`: the summaries of the customers on `c/N` (`dossier_core::summary`), written with the
/// card and entry pages they follow, so start-up can one day read these alone. Keys after every
/// other page's, so loading the cards reads below them.
pub(super) const SUMMARY_PAGES: &str = "s/";
/// Whether the summary pages are complete: `<format>@<generation>@<compacted>`, the archive
/// generation and compaction mark they were made complete at. Without it (a database from
/// before them), with another format, or when a build that does not keep them replaced the
/// archive or compacted since (the generation or the mark moved without it), they are rebuilt
/// after the load ([`write_summaries`]).
pub(super) const SUMMARIES: &str = "summaries";
// 2: summaries name the card a merged card went to. 3: they keep sales by month (销售等级).
// 4: the card's grades, its visit facts and yearly dates (今日). 5: credit facts (信用).
// 6: file facts (分析). 7: the 回收站 facts of a deleted card (`bin`). 8: the order numbers and
// products of the file (the order form's suggestions).
const SUMMARY_FORMAT: &str = "8";

pub(super) fn summary_mark(generation: u32, compacted: f64) -> String {
    format!("{SUMMARY_FORMAT}@{generation}@{compacted}")
}

pub(super) fn summaries_current(value: Option<JsValue>, generation: u32, compacted: f64) -> bool {
    value.and_then(|v| v.as_string()).is_some_and(|m| m == summary_mark(generation, compacted))
}
pub(super) const NUMBERING: &str = "numbering";
/// Every rep (业务员) as one JSON array: a few dozen records, rewritten whole.
pub(super) const REPS: &str = "reps";
/// The hand-off log (借阅表): a meta row like the reps, small (a line per export or import).
pub(super) const HANDOFFS: &str = "handoffs";
/// Bumped by every whole-archive replacement; a tab holding an older generation must reload.
pub(super) const GENERATION: &str = "generation";
/// The last journal key folded into pages: load applies only later rows.
pub(super) const COMPACTED: &str = "compacted";
/// Journal rows up to this key are gone. A compaction deletes only the rows the one before it
/// folded, so a tab that is a little behind still finds every row it missed; a tab whose mark is
/// older than this reloads.
pub(super) const PRUNED: &str = "pruned";
/// Journal entries beyond this are folded into pages (a few pages' rewrite, off the save path).
pub const COMPACT_AFTER: u32 = 64;

pub(super) fn page_key(prefix: &str, page: u32) -> String {
    // Zero-padded so that key order is page order.
    format!("{prefix}{page:06}")
}

/// The archive as read at start-up, and where the journal stood.
pub struct Loaded {
    pub archive: Archive,
    /// Whether the summary pages are complete and of this build's format; if not, write them
    /// ([`write_summaries`]).
    pub summaries_current: bool,
    pub journal: JournalMark,
    pub unfolded: Unfolded,
    /// What did not read (normally nothing).
    pub damage: Damage,
}

/// Where a damaged record is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Page,
    Journal,
    /// A copy kept in the `rescue` store, made before a write replaced the original.
    Rescue,
}

/// What a damaged record held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holds {
    /// Customer cards at positions `first..first + PAGE_ROWS`.
    Cards { first: u32 },
    /// The files (ledger entries) of the customers at positions `first..first + PAGE_ROWS`.
    Files { first: u32 },
    /// Entries whose customer was not in the archive.
    Orphans,
    History,
    /// One save.
    Save,
    /// The numbering counter or the reps list.
    Settings,
}

/// One stored record that did not read, or did only in part.
#[derive(Clone, Debug, PartialEq)]
pub struct Damaged {
    pub place: Place,
    /// The store's key, as text (`c/000003`, a journal number, `pages/e/000001`).
    pub key: String,
    pub holds: Holds,
    /// The whole record is unreadable (otherwise only `rows` of it).
    pub whole: bool,
    pub rows: usize,
    /// What the unreadable part names, as far as it could be read.
    pub named: Named,
    pub error: String,
}

/// Everything damaged, and what the pages need to write damaged rows back as they were.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Damage {
    pub records: Vec<Damaged>,
    /// Unreadable rows of partly readable customer pages, by page key: written back in place.
    card_rows: BTreeMap<String, Vec<BadRow>>,
    /// Customer pages that did not read at all: their positions are held by placeholders and the
    /// page is never written.
    whole_card_pages: BTreeSet<String>,
}

impl Damage {
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Adds what another read found (a page read on demand), once.
    pub fn merge(&mut self, other: Damage) {
        for d in other.records {
            if !self.records.iter().any(|r| r.place == d.place && r.key == d.key) {
                self.records.push(d);
            }
        }
        self.card_rows.extend(other.card_rows);
        self.whole_card_pages.extend(other.whole_card_pages);
    }

    /// Adds what a later read (another tab's save) found.
    pub fn extend(&mut self, more: Vec<Damaged>) {
        for d in more {
            if !self.records.iter().any(|r| r.place == d.place && r.key == d.key) {
                self.records.push(d);
            }
        }
    }

    /// Page keys that must be copied to `rescue` before being replaced.
    fn pages(&self) -> impl Iterator<Item = &str> {
        self.records.iter().filter(|d| d.place == Place::Page).map(|d| d.key.as_str())
    }
}

/// A customer that holds the position of one that did not read: deleted, so it shows nowhere,
/// with an id no real record has, so no save ever touches it.
pub(super) fn placeholder(key: &str, index: usize) -> Customer {
    Customer { id: format!("damaged:{key}:{index}"), deleted: true, ..Customer::default() }
}

pub fn is_placeholder(c: &Customer) -> bool {
    c.id.starts_with("damaged:") || c.id.starts_with(dossier_core::archive::withdraw::PLACEHOLDER_PREFIX)
}

/// What journal entries changed that no page holds yet: customer positions whose card or
/// ledger changed, each with the key of the last journal entry that touched it (so a change made
/// during a compaction stays marked for the next one).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Unfolded {
    pub cards: BTreeMap<u32, f64>,
    pub ledgers: BTreeMap<u32, f64>,
}

impl Unfolded {
    pub fn note(&mut self, applied: &dossier_core::archive::Applied, key: f64) {
        for p in applied.updated.iter().chain(&applied.added) {
            self.cards.insert(*p, key);
        }
        for p in &applied.ledgers {
            self.ledgers.insert(*p, key);
        }
    }

    /// As [`Unfolded::note`], from archive positions: cards changed, files changed.
    pub fn note_positions(&mut self, cards: &[u32], files: &[u32], key: f64) {
        for p in cards {
            self.cards.insert(*p, key);
        }
        for p in files {
            self.ledgers.insert(*p, key);
        }
    }

    /// Forgets what a compaction up to `key` folded into pages.
    pub fn folded(&mut self, key: f64) {
        self.cards.retain(|_, k| *k > key);
        self.ledgers.retain(|_, k| *k > key);
    }

    pub fn clear(&mut self) {
        *self = Unfolded::default();
    }
}

/// The last journal entry this tab has applied, and how many rows wait for compaction (counted
/// on disk, so two tabs do not both find themselves due).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct JournalMark {
    pub generation: u32,
    pub last_key: f64,
    pub entries: u32,
    /// The key the pages hold everything up to, as last seen.
    pub compacted: f64,
}

/// Journal rows read after a mark: the batches that read, and the rows that did not.
pub struct Newer {
    pub batches: Vec<(f64, Batch)>,
    pub damaged: Vec<Damaged>,
    /// The last key read, bad rows included (so a bad row is not read again and again).
    pub last_key: f64,
    /// Rows after the compaction mark, and that mark.
    pub waiting: u32,
    pub compacted: f64,
}

/// What another tab's saves mean for this one.
pub enum Catchup {
    /// Apply these batches, in order.
    Entries(Newer),
    /// The archive was replaced, or the journal pruned past this tab's mark: load it again.
    Reload,
}

/// The result of an append that found the journal moved on since this tab last looked.
pub enum Append {
    Written(JournalMark),
    /// Another tab saved first: here are its batches (apply them, check for a conflict, retry).
    Behind(Newer),
    /// Another tab replaced the whole archive or pruned rows this tab has not read: load again
    /// before saving anything.
    Reload,
}

/// The result of a compaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compaction {
    Done,
    /// Another tab folded the journal up to (or past) this tab's mark: nothing to do.
    AlreadyDone,
    /// Another tab saved since this tab's mark: catch up first.
    Behind,
    /// The archive was replaced since this tab's mark: reload.
    Stale,
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|e| StorageError::Failed(e.to_string()))
}

/// `t/<key>`: the tally of the stored list `<key>` (`c/N`, `e/N`, `hc/N`) as its writer knew it,
/// written beside it in the same transaction by every writer here, so an export splices a page
/// into the file without reading it in wasm (docs/handoff.md). Keys after the summaries', so
/// loading the cards never reads them. A page written without its tally (an older build, a
/// withdrawal from raw rows) has none, one that says nothing, or one whose length differs: the
/// export then reads the page the slow way.
pub(super) const TALLIES: &str = "t/";

pub(super) fn tally_key(key: &str) -> String {
    format!("{TALLIES}{key}")
}

/// A stored list's tally: its length in bytes (so a page rewritten without its tally is seen),
/// its rows, those flagged deleted, whether every row goes into a bundle as it is (no
/// placeholder), and the live documents with a file among them (entries).
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageTally {
    pub len: u64,
    pub rows: u64,
    pub flagged: u64,
    pub whole: bool,
    #[serde(default)]
    pub docs: u64,
}

/// What a tally counts of a row.
pub(super) trait Counted: serde::Serialize {
    fn flagged(&self) -> bool;
    fn whole(&self) -> bool {
        true
    }
    fn document(&self) -> bool {
        false
    }
}

impl Counted for Customer {
    fn flagged(&self) -> bool {
        self.deleted
    }
    fn whole(&self) -> bool {
        !self.id.is_empty() && !is_placeholder(self)
    }
}

impl Counted for Entry {
    fn flagged(&self) -> bool {
        self.deleted
    }
    fn document(&self) -> bool {
        !self.deleted && matches!(&self.body, dossier_core::EntryBody::Document(d) if !d.blob.is_empty())
    }
}

impl Counted for ChangeRecord {
    fn flagged(&self) -> bool {
        false
    }
}

impl<T: Counted> Counted for &T {
    fn flagged(&self) -> bool {
        (*self).flagged()
    }
    fn whole(&self) -> bool {
        (*self).whole()
    }
    fn document(&self) -> bool {
        (*self).document()
    }
}

/// A list page and its tally: two rows to put, the tally first.
pub(super) fn counted_page<T: Counted>(key: String, rows: &[T]) -> Result<[(String, JsValue); 2], StorageError> {
    let bytes = page_bytes_of(rows)?;
    let tally = PageTally {
        len: bytes.len() as u64,
        rows: rows.len() as u64,
        flagged: rows.iter().filter(|r| r.flagged()).count() as u64,
        whole: rows.iter().all(Counted::whole),
        docs: rows.iter().filter(|r| r.document()).count() as u64,
    };
    Ok([(tally_key(&key), JsValue::from_str(&to_json(&tally)?)), (key, bytes_value(&bytes))])
}

/// The tally of a page written from rows not read as records: it says nothing, so the export
/// reads that page the slow way.
pub(super) const NO_TALLY: &str = "-";

pub(super) fn no_tally(key: &str) -> (String, JsValue) {
    (tally_key(key), JsValue::from_str(NO_TALLY))
}

/// A stored tally, if it reads as one.
pub(super) fn tally_of(value: Option<&JsValue>) -> Option<PageTally> {
    serde_json::from_slice(&json_of(value?)).ok()
}

fn page_bytes_of<T: serde::Serialize>(rows: &[T]) -> Result<Vec<u8>, StorageError> {
    let mut out = Vec::with_capacity(rows.len() * std::mem::size_of::<T>().max(200) * 2 + 2);
    serde_json::to_writer(&mut out, rows).map_err(|e| StorageError::Failed(e.to_string()))?;
    Ok(out)
}

/// A page as UTF-8 JSON bytes, sized up front (a page is ≈ 1.5 MB; growing by doubling would
/// copy it several times).
pub(super) fn page_json<T: serde::Serialize>(rows: &[T]) -> Result<JsValue, StorageError> {
    Ok(bytes_value(&page_bytes_of(rows)?))
}

pub(super) fn bytes_value(bytes: &[u8]) -> JsValue {
    // `from` copies out of wasm memory (a view would make IndexedDB clone the whole heap).
    js_sys::Uint8Array::from(bytes).into()
}

/// The JSON of a stored value: pages are bytes (no UTF-8 ⇄ UTF-16 transcoding on either side);
/// journal entries and pages written before that are strings.
pub(super) fn json_of(value: &JsValue) -> Vec<u8> {
    match value.as_string() {
        Some(text) => text.into_bytes(),
        None if value.is_instance_of::<js_sys::Uint8Array>() || value.is_instance_of::<js_sys::ArrayBuffer>() => {
            js_sys::Uint8Array::new(value).to_vec()
        }
        // Neither: not something this app wrote. Its debug form still goes into a rescue file.
        None => format!("{value:?}").into_bytes(),
    }
}

pub(super) fn key_string(key: &JsValue) -> String {
    key.as_string().or_else(|| key.as_f64().map(|k| k.to_string())).unwrap_or_default()
}

/// What a page key holds, and the position of its first card.
fn holds(key: &str) -> Holds {
    let page = |prefix: &str| key.strip_prefix(prefix).and_then(|n| n.parse::<u32>().ok()).map(|n| n * PAGE_ROWS as u32);
    if let Some(first) = page(CUSTOMER_PAGES) {
        Holds::Cards { first }
    } else if let Some(first) = page(ENTRY_PAGES) {
        Holds::Files { first }
    } else if key.starts_with(CARD_HISTORY_PAGES) {
        Holds::History
    } else if key.starts_with(ORPHAN_PAGES) {
        Holds::Orphans
    } else if key.starts_with(HISTORY_PAGES) {
        Holds::History
    } else {
        Holds::Settings
    }
}

/// The cards of one page, every row in its place: a row that did not read is held by a
/// placeholder (so positions stay), an unreadable page by a whole page of them.
pub(super) fn card_page(key: &str, json: &[u8], damage: &mut Damage) -> Vec<Customer> {
    let rows = read_rows::<Customer>(Place::Page, key, json, damage);
    if damage.whole_card_pages.contains(key) {
        return (0..PAGE_ROWS).map(|i| placeholder(key, i)).collect();
    }
    let mut out = Vec::with_capacity(rows.len());
    for (index, c) in rows {
        while out.len() < index {
            out.push(placeholder(key, out.len()));
        }
        out.push(c);
    }
    if let Some(bad) = damage.card_rows.get(key) {
        // A bad last row still holds its position.
        let end = bad.iter().map(|b| b.index + 1).max().unwrap_or(0);
        while out.len() < end {
            out.push(placeholder(key, out.len()));
        }
    }
    out
}

/// Reads one page of `T`s; what does not read goes into `damage`.
pub(super) fn read_rows<T: DeserializeOwned>(place: Place, key: &str, json: &[u8], damage: &mut Damage) -> Vec<(usize, T)> {
    match salvage::read_page::<T>(json) {
        PageRead::Whole(rows) => rows.into_iter().enumerate().collect(),
        PageRead::Partial { rows, bad, .. } => {
            let mut named = Named::default();
            for b in &bad {
                named.absorb(b.named.clone());
            }
            let error = bad.first().map(|b| b.error.clone()).unwrap_or_default();
            damage.records.push(Damaged { place, key: key.to_string(), holds: holds(key), whole: false, rows: bad.len(), named, error });
            if place == Place::Page && key.starts_with(CUSTOMER_PAGES) {
                damage.card_rows.insert(key.to_string(), bad);
            }
            rows
        }
        PageRead::Unreadable { error } => {
            damage.records.push(Damaged { place, key: key.to_string(), holds: holds(key), whole: true, rows: 0, named: Named::default(), error });
            if place == Place::Page && key.starts_with(CUSTOMER_PAGES) {
                damage.whole_card_pages.insert(key.to_string());
            }
            Vec::new()
        }
    }
}

pub(super) fn read_setting<T: DeserializeOwned + Default>(name: &str, value: Option<JsValue>, damage: &mut Damage) -> T {
    let Some(value) = value else { return T::default() };
    match salvage::read_record::<T>(&json_of(&value)) {
        Ok(v) => v,
        Err((error, named)) => {
            damage.records.push(Damaged { place: Place::Page, key: name.to_string(), holds: Holds::Settings, whole: true, rows: 0, named, error });
            T::default()
        }
    }
}

/// Reads pages and journal in one read transaction, then parses in wasm (strings cross the JS
/// boundary far faster than objects: TOOLCHAIN.md). Nothing that fails to read stops the load.
pub async fn load(db: &Db) -> Result<Loaded, StorageError> {
    let tx = db.rexie().transaction(&[META, PAGES, JOURNAL, RESCUE], TransactionMode::ReadOnly)?;
    let meta = tx.store(META)?;
    let pages = tx.store(PAGES)?;
    let journal = tx.store(JOURNAL)?;
    let rescue = tx.store(RESCUE)?;
    let numbering = meta.get(JsValue::from_str(NUMBERING)).await?;
    let reps = meta.get(JsValue::from_str(REPS)).await?;
    let handoffs = meta.get(JsValue::from_str(HANDOFFS)).await?;
    let generation = meta.get(JsValue::from_str(GENERATION)).await?;
    let compacted = meta.get(JsValue::from_str(COMPACTED)).await?;
    let summaries = meta.get(JsValue::from_str(SUMMARIES)).await?;
    // Cards, files, orphans and history: every page below the summaries.
    let below = KeyRange::upper_bound(&JsValue::from_str(SUMMARY_PAGES), Some(true)).map_err(rexie::Error::from)?;
    let page_keys = pages.get_all_keys(Some(below.clone()), None).await?;
    let page_values = pages.get_all(Some(below), None).await?;
    let journal_keys = journal.get_all_keys(None, None).await?;
    let journal_values = journal.get_all(None, None).await?;
    let rescue_keys = rescue.get_all_keys(None, None).await?;
    let rescue_values = rescue.get_all(None, None).await?;
    tx.done().await?;

    let mut damage = Damage::default();
    let mut numbering: Numbering = read_setting(NUMBERING, numbering, &mut damage);
    let mut customers: Vec<Customer> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut history: Vec<ChangeRecord> = Vec::new();
    for (key, value) in page_keys.iter().zip(page_values.iter()) {
        let key = key_string(key);
        let json = json_of(value);
        if let Holds::Cards { first } = holds(&key) {
            // Positions are stable: a page's first card sits at its page's first position, even
            // if a page before it is missing or unreadable.
            let first = first as usize;
            if customers.len() < first {
                let at = customers.len();
                customers.extend((at..first).map(|i| placeholder("missing", i)));
            }
            customers.extend(card_page(&key, &json, &mut damage));
            if let Some(bad) = damage.card_rows.get(&key) {
                // Its number is never issued again.
                for b in bad {
                    for c in &b.named.customers {
                        numbering.observe(&c.reg_no);
                    }
                }
            }
        } else if key.starts_with(ENTRY_PAGES) || key.starts_with(ORPHAN_PAGES) {
            entries.extend(read_rows::<Entry>(Place::Page, &key, &json, &mut damage).into_iter().map(|(_, e)| e));
        } else if key.starts_with(HISTORY_PAGES) || key.starts_with(CARD_HISTORY_PAGES) {
            history.extend(read_rows::<ChangeRecord>(Place::Page, &key, &json, &mut damage).into_iter().map(|(_, h)| h));
        }
    }
    let reps: Vec<Rep> = read_setting(REPS, reps, &mut damage);
    let handoffs: Vec<Handoff> = read_setting(HANDOFFS, handoffs, &mut damage);
    for (key, value) in rescue_keys.iter().zip(rescue_values.iter()) {
        damage.records.push(rescued_record(&key_string(key), &json_of(value)));
    }
    let mut archive = Archive::with_entries(customers, entries, history, numbering).with_reps(reps).with_handoffs(handoffs);
    // The pages already hold everything up to the last compaction.
    let compacted = number_of(compacted);
    let mut mark = JournalMark { generation: generation_of(generation), last_key: compacted, entries: 0, compacted };
    let mut unfolded = Unfolded::default();
    let newer = read_journal(&journal_keys, &journal_values, compacted);
    for (key, batch) in newer.batches {
        let applied = archive.apply(&batch);
        unfolded.note(&applied, key);
    }
    damage.extend(newer.damaged);
    mark.last_key = mark.last_key.max(newer.last_key);
    mark.entries = newer.waiting;
    let summaries_current = summaries_current(summaries, mark.generation, compacted);
    Ok(Loaded { archive, summaries_current, journal: mark, unfolded, damage })
}

/// A record of the rescue store, described as what it was a copy of.
pub(super) fn rescued_record(key: &str, json: &[u8]) -> Damaged {
    let holds_what = match key.split_once('/') {
        Some(("journal", _)) => Holds::Save,
        Some((_, k)) => holds(k),
        None => Holds::Settings,
    };
    let (whole, named, error) = if holds_what == Holds::Save {
        match salvage::read_record::<Batch>(json) {
            Ok(_) => (false, Named::default(), String::new()),
            Err((error, named)) => (true, named, error),
        }
    } else {
        // A copied page: name what every row holds (any JSON array reads whole as values).
        match salvage::read_page::<serde_json::Value>(json) {
            PageRead::Whole(rows) => {
                let mut named = Named::default();
                for r in &rows {
                    named.absorb(salvage::name_in(r));
                }
                (false, named, String::new())
            }
            PageRead::Partial { .. } => (false, Named::default(), String::new()),
            PageRead::Unreadable { error } => (true, Named::default(), error),
        }
    };
    Damaged { place: Place::Rescue, key: key.to_string(), holds: holds_what, whole, rows: 0, named, error }
}

pub(super) fn generation_of(value: Option<JsValue>) -> u32 {
    value.and_then(|v| v.as_string()).and_then(|s| s.parse().ok()).unwrap_or(0)
}

pub(super) fn after(key: f64) -> Result<Option<KeyRange>, StorageError> {
    if key <= 0.0 {
        return Ok(None);
    }
    Ok(Some(KeyRange::lower_bound(&JsValue::from_f64(key), Some(true)).map_err(rexie::Error::from)?))
}

fn up_to(key: f64) -> Result<KeyRange, StorageError> {
    Ok(KeyRange::upper_bound(&JsValue::from_f64(key), Some(false)).map_err(rexie::Error::from)?)
}

pub(super) fn number_of(value: Option<JsValue>) -> f64 {
    value.and_then(|v| v.as_string()).and_then(|s| s.parse().ok()).unwrap_or(0.0)
}

/// Journal rows as batches, skipping rows at or before `compacted` (the pages hold them) but
/// reporting any that do not read.
pub(super) fn read_journal(keys: &[JsValue], values: &[JsValue], compacted: f64) -> Newer {
    let mut newer = Newer { batches: Vec::new(), damaged: Vec::new(), last_key: 0.0, waiting: 0, compacted };
    for (k, v) in keys.iter().zip(values.iter()) {
        let key = k.as_f64().unwrap_or(0.0);
        match salvage::read_record::<Batch>(&json_of(v)) {
            Ok(batch) if key > compacted => newer.batches.push((key, batch)),
            Ok(_) => {}
            Err((error, named)) => newer.damaged.push(Damaged {
                place: Place::Journal,
                key: key_string(k),
                holds: Holds::Save,
                whole: true,
                rows: 0,
                named,
                error,
            }),
        }
        if key > compacted {
            newer.waiting += 1;
        }
        newer.last_key = newer.last_key.max(key);
    }
    newer
}

/// The journal state every check reads inside its transaction.
pub(super) struct Marks {
    pub(super) generation: u32,
    pub(super) compacted: f64,
    /// Rows up to this key are gone; 0 in archives written before rows were kept.
    pruned: f64,
}

pub(super) async fn marks(meta: &Store) -> Result<Marks, StorageError> {
    let generation = generation_of(meta.get(JsValue::from_str(GENERATION)).await?);
    let compacted = number_of(meta.get(JsValue::from_str(COMPACTED)).await?);
    // Before `pruned` existed, a compaction emptied the journal: everything up to `compacted`.
    let pruned = match meta.get(JsValue::from_str(PRUNED)).await? {
        Some(v) => number_of(Some(v)),
        None => compacted,
    };
    Ok(Marks { generation, compacted, pruned })
}

impl Marks {
    /// Whether a tab at `mark` can no longer see every row it has not applied.
    fn lost(&self, mark: JournalMark) -> bool {
        self.generation != mark.generation || self.pruned > mark.last_key
    }
}

/// The rows after `mark`, read inside `tx`.
async fn rows_after(journal: &Store, mark: JournalMark, m: &Marks) -> Result<Newer, StorageError> {
    let keys = journal.get_all_keys(after(mark.last_key)?, None).await?;
    let values = if keys.is_empty() { Vec::new() } else { journal.get_all(after(mark.last_key)?, None).await? };
    let waiting = journal.count(after(m.compacted)?).await?;
    // Every row after the tab's mark is applied, also those the pages already hold (applying
    // a batch twice changes nothing).
    let mut newer = read_journal(&keys, &values, 0.0);
    newer.waiting = waiting;
    newer.compacted = m.compacted;
    newer.last_key = newer.last_key.max(mark.last_key);
    Ok(newer)
}

/// What other tabs saved since `mark`.
pub async fn catch_up(db: &Db, mark: JournalMark) -> Result<Catchup, StorageError> {
    let tx = db.rexie().transaction(&[META, JOURNAL], TransactionMode::ReadOnly)?;
    let m = marks(&tx.store(META)?).await?;
    if m.lost(mark) {
        tx.done().await?;
        return Ok(Catchup::Reload);
    }
    let newer = rows_after(&tx.store(JOURNAL)?, mark, &m).await?;
    tx.done().await?;
    Ok(Catchup::Entries(newer))
}

/// Appends one save to the journal: one small request, durable when this returns. Refuses (and
/// hands back the newer batches) if another tab appended since `mark`, so no tab overwrites a
/// record it has not seen. `blobs` (attachments of document entries in the batch, by key) are
/// written in the same transaction, and the files of documents the batch deletes are removed: a
/// document never exists without its file, nor the reverse.
pub async fn append(db: &Db, batch: &Batch, mark: JournalMark, blobs: &[(String, web_sys::Blob)]) -> Result<Append, StorageError> {
    let text = to_json(batch)?;
    let tx = db.rexie().transaction(&[META, JOURNAL, BLOBS], TransactionMode::ReadWrite)?;
    let m = marks(&tx.store(META)?).await?;
    if m.lost(mark) {
        tx.abort().await?;
        return Ok(Append::Reload);
    }
    let store = tx.store(JOURNAL)?;
    if store.count(after(mark.last_key)?).await? > 0 {
        let newer = rows_after(&store, mark, &m).await?;
        tx.abort().await?;
        return Ok(Append::Behind(newer));
    }
    let written = async {
        let key = store.add(&JsValue::from_str(&text), None).await?;
        let files = tx.store(BLOBS)?;
        for (k, blob) in blobs {
            files.put(blob.as_ref(), Some(&JsValue::from_str(k))).await?;
        }
        for k in batch.dropped_files() {
            files.delete(JsValue::from_str(k)).await?;
        }
        let waiting = store.count(after(m.compacted)?).await?;
        Ok::<_, StorageError>((key, waiting))
    }
    .await;
    // A request failing after the row was added must not leave it there: an IndexedDB
    // transaction left alone commits what it holds. Abort, so the save is all or nothing.
    let (key, waiting) = match written {
        Ok(w) => w,
        Err(e) => {
            let _ = tx.abort().await;
            return Err(e);
        }
    };
    super::db::commit(tx).await?;
    Ok(Append::Written(JournalMark {
        generation: mark.generation,
        last_key: key.as_f64().unwrap_or(mark.last_key),
        entries: waiting,
        compacted: m.compacted,
    }))
}

/// Pages serialized and ready to write: made from the in-memory archive before a write
/// transaction starts, so nothing but IndexedDB requests happen inside it.
pub struct PageSet {
    rows: Vec<(String, JsValue)>,
    numbering: String,
    reps: String,
    handoffs: String,
    /// Damaged page keys among `rows`: copied to `rescue` before they are replaced.
    replaces_damaged: Vec<String>,
}

impl PageSet {
    /// The card pages and entry pages that hold what `unfolded` lists, every orphan and history
    /// page, the numbering and the reps.
    pub fn of(archive: &Archive, unfolded: &Unfolded) -> Result<PageSet, StorageError> {
        PageSet::of_damaged(archive, unfolded, &Damage::default())
    }

    /// As [`PageSet::of`] for an archive some of whose records did not read: a partly readable
    /// card page keeps its unreadable rows in place, an unreadable one is not written.
    pub fn of_damaged(archive: &Archive, unfolded: &Unfolded, damage: &Damage) -> Result<PageSet, StorageError> {
        let (customers, ledgers) = (archive.customers(), archive.ledgers());
        let cards = pages_of(unfolded.cards.keys().copied());
        let files = pages_of(unfolded.ledgers.keys().copied());
        let (mut by_page, unplaced) = history_by_page(archive);
        let parts: Vec<PagePart> = cards
            .union(&files)
            .map(|&page| {
                let start = (page as usize * PAGE_ROWS).min(customers.len());
                let end = (start + PAGE_ROWS).min(customers.len());
                let history = by_page.remove(&page).unwrap_or_default();
                PagePart { page, customers: &customers[start..end], ledgers: &ledgers[start..end], kept: &[], history }
            })
            .collect();
        PageSet::of_parts(&parts, &cards, &files, archive, &unplaced, damage)
    }

    /// The pages of `parts` (card pages listed in `cards`, entry pages in `files`, the summary
    /// page of each), and the resident rest of the archive: every orphan and history page, the
    /// numbering and the reps.
    /// `unplaced`: the history of customers the archive does not hold (the `h/` pages).
    pub fn of_parts(parts: &[PagePart], cards: &BTreeSet<u32>, files: &BTreeSet<u32>, resident: &Archive, unplaced: &[&ChangeRecord], damage: &Damage) -> Result<PageSet, StorageError> {
        let mut rows = Vec::new();
        let mut scratch = LedgerScratch::default();
        for part in parts.iter().filter(|p| !p.customers.is_empty()) {
            let key = page_key(CUSTOMER_PAGES, part.page);
            if cards.contains(&part.page) && !damage.whole_card_pages.contains(&key) {
                match damage.card_rows.get(&key) {
                    Some(bad) => {
                        let real: Vec<&Customer> = part.customers.iter().filter(|c| !is_placeholder(c)).collect();
                        rows.push(no_tally(&key));
                        rows.push((key, bytes_value(&salvage::splice_raw(&real, bad).map_err(|e| StorageError::Failed(e.to_string()))?)));
                    }
                    None => rows.extend(counted_page(key, part.customers)?),
                }
            }
            if files.contains(&part.page) {
                let entries: Vec<&Entry> = part.ledgers.iter().flatten().chain(part.kept).collect();
                rows.extend(counted_page(page_key(ENTRY_PAGES, part.page), &entries)?);
            }
            rows.extend(counted_page(page_key(CARD_HISTORY_PAGES, part.page), &part.history)?);
            // A card or its file changed: its summary did too.
            let summaries: Vec<Summary> = part.customers.iter().zip(part.ledgers).map(|(c, file)| Summary::of(c, file, &mut scratch)).collect();
            rows.push((page_key(SUMMARY_PAGES, part.page), page_json(&summaries)?));
        }
        for (i, chunk) in resident.orphans().chunks(PAGE_ROWS * 10).enumerate() {
            rows.push((page_key(ORPHAN_PAGES, i as u32), page_json(chunk)?));
        }
        for (i, chunk) in unplaced.chunks(PAGE_ROWS).enumerate() {
            rows.push((page_key(HISTORY_PAGES, i as u32), page_json(chunk)?));
        }
        let damaged: BTreeSet<&str> = damage.pages().collect();
        let mut replaces_damaged: Vec<String> = rows.iter().filter(|(k, _)| damaged.contains(k.as_str())).map(|(k, _)| k.clone()).collect();
        // Orphan and unplaced-history pages are deleted before they are written; a damaged one
        // among them is rescued too.
        replaces_damaged.extend(damaged.iter().filter(|k| k.starts_with(ORPHAN_PAGES) || k.starts_with(HISTORY_PAGES)).map(|k| k.to_string()));
        // The settings rows are rewritten by every compaction.
        replaces_damaged.extend(damaged.iter().filter(|k| **k == NUMBERING || **k == REPS || **k == HANDOFFS).map(|k| k.to_string()));
        replaces_damaged.sort();
        replaces_damaged.dedup();
        Ok(PageSet { rows, numbering: to_json(resident.numbering())?, reps: to_json(&resident.reps())?, handoffs: to_json(&resident.handoffs())?, replaces_damaged })
    }
}

/// One page of customers with their files, as a compaction writes it: `customers[i]` sits at
/// position `page * PAGE_ROWS + i`, `ledgers[i]` is its file, and `kept` are entries the file
/// page keeps although their card did not read (so they are not lost).
pub struct PagePart<'a> {
    pub page: u32,
    pub customers: &'a [Customer],
    pub ledgers: &'a [Vec<Entry>],
    pub kept: &'a [Entry],
    /// The history of the customers on the page (the `hc/` page).
    pub history: Vec<&'a ChangeRecord>,
}

/// An archive's history by the page of its customer, and the history of customers it does not
/// hold.
pub(super) fn history_by_page(archive: &Archive) -> (BTreeMap<u32, Vec<&ChangeRecord>>, Vec<&ChangeRecord>) {
    let (mut by_page, mut unplaced) = (BTreeMap::<u32, Vec<&ChangeRecord>>::new(), Vec::new());
    for h in archive.history() {
        match archive.position(&h.customer_id) {
            Some(p) => by_page.entry(p / PAGE_ROWS as u32).or_default().push(h),
            None => unplaced.push(h),
        }
    }
    (by_page, unplaced)
}

/// The summaries of the customers on card page `page`, as one JSON array.
pub(super) fn summary_page(archive: &Archive, page: u32, scratch: &mut LedgerScratch) -> Result<JsValue, StorageError> {
    let customers = archive.customers();
    let start = (page as usize * PAGE_ROWS).min(customers.len());
    let end = (start + PAGE_ROWS).min(customers.len());
    let rows: Vec<Summary> = (start..end).map(|p| Summary::of(&customers[p], archive.ledger_at(p as u32), scratch)).collect();
    page_json(&rows)
}

/// Every summary page of an archive, serialized before the write (so the archive need not be
/// held across it).
pub struct SummaryPages(Vec<(String, JsValue)>);

impl SummaryPages {
    /// From summaries already made (the app's indexes keep them current), in position order.
    pub fn of(summaries: &[Summary]) -> Result<SummaryPages, StorageError> {
        summaries.chunks(PAGE_ROWS).enumerate().map(|(p, rows)| Ok((page_key(SUMMARY_PAGES, p as u32), page_json(rows)?))).collect::<Result<_, _>>().map(SummaryPages)
    }
}

/// Every summary page of `archive`, serialized as the write asks for the next (see [`all_pages`]).
fn summary_pages<'a>(archive: &'a Archive) -> impl Iterator<Item = (String, Result<JsValue, StorageError>)> + 'a {
    let pages = archive.customers().len().div_ceil(PAGE_ROWS) as u32;
    let mut scratch = LedgerScratch::default();
    (0..pages).map(move |p| (page_key(SUMMARY_PAGES, p), summary_page(archive, p, &mut scratch)))
}

/// The stored summaries, in position order (what start-up will read instead of the cards).
pub async fn read_summaries(db: &Db) -> Result<Vec<Summary>, StorageError> {
    let tx = db.rexie().transaction(&[PAGES], TransactionMode::ReadOnly)?;
    let pages = tx.store(PAGES)?;
    let values = pages.get_all(Some(range_of(SUMMARY_PAGES)?), None).await?;
    tx.done().await?;
    let mut out = Vec::new();
    for v in values.iter() {
        out.extend(serde_json::from_slice::<Vec<Summary>>(&json_of(v)).map_err(|e| StorageError::Failed(e.to_string()))?);
    }
    Ok(out)
}

/// A read-write transaction over `meta`, `pages` and `journal`, if this tab's view at `mark` is
/// the latest: the same generation and no journal row after it, checked inside the transaction
/// (what every rewrite of pages from a tab's own view needs). `None`: not the latest, aborted.
async fn if_latest(db: &Db, mark: JournalMark) -> Result<Option<(rexie::Transaction, Marks)>, StorageError> {
    let tx = db.rexie().transaction(&[META, PAGES, JOURNAL], TransactionMode::ReadWrite)?;
    let m = marks(&tx.store(META)?).await?;
    if m.generation != mark.generation || tx.store(JOURNAL)?.count(after(mark.last_key)?).await? > 0 {
        tx.abort().await?;
        return Ok(None);
    }
    Ok(Some((tx, m)))
}

/// Writes every summary page and marks them current, if this tab's view is the latest (same
/// generation, no journal row after `mark`: the checks of [`compact`]); else writes nothing and
/// returns false (the next start-up tries again). Run it under the pages lock.
pub async fn write_summaries(db: &Db, pages: &SummaryPages, mark: JournalMark) -> Result<bool, StorageError> {
    let Some((tx, m)) = if_latest(db, mark).await? else { return Ok(false) };
    let meta = tx.store(META)?;
    let store = tx.store(PAGES)?;
    store.delete(range_of(SUMMARY_PAGES)?.into()).await?;
    store.put_all(pages.0.iter().map(|(k, v)| (v.clone(), Some(JsValue::from_str(k))))).await?;
    meta.put(&JsValue::from_str(&summary_mark(m.generation, m.compacted)), Some(&JsValue::from_str(SUMMARIES))).await?;
    super::db::commit(tx).await?;
    Ok(true)
}

/// Moves the change records of customers the archive holds out of `h/` (databases from before
/// `hc/` kept them all there) into the `hc/` page of their customer (`position` places a
/// customer id), keeping the rest in `h/`, in one transaction, if this tab's view is the latest
/// (the checks of [`write_summaries`]). A damaged page is left as it is (nothing is moved).
/// Returns whether the records were moved. Run it under the pages lock.
pub async fn move_history(db: &Db, mark: JournalMark, position: impl Fn(&str) -> Option<u32>) -> Result<bool, StorageError> {
    let Some((tx, _)) = if_latest(db, mark).await? else { return Ok(false) };
    let store = tx.store(PAGES)?;
    let keys = store.get_all_keys(Some(range_of(HISTORY_PAGES)?), None).await?;
    let values = store.get_all(Some(range_of(HISTORY_PAGES)?), None).await?;
    let mut damage = Damage::default();
    let (mut by_page, mut rest) = (BTreeMap::<u32, Vec<ChangeRecord>>::new(), Vec::new());
    for (k, v) in keys.iter().zip(values.iter()) {
        for (_, h) in read_rows::<ChangeRecord>(Place::Page, &key_string(k), &json_of(v), &mut damage) {
            match position(&h.customer_id) {
                Some(p) => by_page.entry(p / PAGE_ROWS as u32).or_default().push(h),
                None => rest.push(h),
            }
        }
    }
    let mut pages = Vec::new();
    for (page, moved) in by_page {
        let key = page_key(CARD_HISTORY_PAGES, page);
        let mut records: Vec<ChangeRecord> = match store.get(JsValue::from_str(&key)).await? {
            Some(v) => read_rows::<ChangeRecord>(Place::Page, &key, &json_of(&v), &mut damage).into_iter().map(|(_, h)| h).collect(),
            None => Vec::new(),
        };
        let have: BTreeSet<String> = records.iter().map(|h| h.id.clone()).collect();
        records.extend(moved.into_iter().filter(|h| !have.contains(&h.id)));
        pages.extend(counted_page(key, &records)?);
    }
    if !damage.is_empty() {
        tx.abort().await?;
        return Ok(false);
    }
    store.put_all(pages.into_iter().map(|(k, v)| (v, Some(JsValue::from_str(&k))))).await?;
    store.delete(range_of(HISTORY_PAGES)?.into()).await?;
    let rest: Vec<(String, JsValue)> = rest.chunks(PAGE_ROWS).enumerate().map(|(i, h)| Ok((page_key(HISTORY_PAGES, i as u32), page_json(h)?))).collect::<Result<_, StorageError>>()?;
    store.put_all(rest.into_iter().map(|(k, v)| (v, Some(JsValue::from_str(&k))))).await?;
    super::db::commit(tx).await?;
    Ok(true)
}

/// The entries of the customers on page `page` of `archive`, in their order.
pub(super) fn entry_rows(archive: &Archive, page: u32) -> Vec<&Entry> {
    let start = (page as usize * PAGE_ROWS).min(archive.ledgers().len());
    let end = (start + PAGE_ROWS).min(archive.ledgers().len());
    archive.ledgers()[start..end].iter().flatten().collect()
}

pub(super) fn range_of(prefix: &str) -> Result<KeyRange, StorageError> {
    // Every key that starts with `prefix` (keys are short ASCII).
    Ok(KeyRange::bound(&JsValue::from_str(prefix), &JsValue::from_str(&format!("{prefix}\u{ffff}")), Some(false), Some(false))
        .map_err(rexie::Error::from)?)
}

/// Copies stored records into the rescue store (once: an existing copy is the older original),
/// inside the caller's transaction, before it replaces or deletes them.
async fn rescue_pages(pages: &Store, meta: &Store, rescue: &Store, keys: &[String]) -> Result<(), StorageError> {
    for key in keys {
        let copy = JsValue::from_str(&format!("pages/{key}"));
        if rescue.key_exists(copy.clone()).await? {
            continue;
        }
        let from = if key == NUMBERING || key == REPS || key == HANDOFFS { meta } else { pages };
        if let Some(value) = from.get(JsValue::from_str(key)).await? {
            rescue.put(&value, Some(&copy)).await?;
        }
    }
    Ok(())
}

/// Copies the journal rows up to `upto` that do not read into the rescue store.
pub(super) async fn rescue_journal(journal: &Store, rescue: &Store, upto: f64) -> Result<(), StorageError> {
    let keys = journal.get_all_keys(Some(up_to(upto)?), None).await?;
    if keys.is_empty() {
        return Ok(());
    }
    let values = journal.get_all(Some(up_to(upto)?), None).await?;
    for (k, v) in keys.iter().zip(values.iter()) {
        if salvage::read_record::<Batch>(&json_of(v)).is_err() {
            rescue.put(v, Some(&JsValue::from_str(&format!("journal/{}", key_string(k))))).await?;
        }
    }
    Ok(())
}

/// Folds the journal into pages: writes the prepared pages, moves the compaction mark to `mark`
/// and deletes the rows the previous compaction folded, in one transaction. Does nothing unless
/// this tab's view is the latest: same generation, no row after `mark`, and the pages not
/// already folded this far (by another tab). Run it under the pages lock
/// (`ArchiveState::maybe_compact`); these checks are what make it safe regardless.
pub async fn compact(db: &Db, pages: &PageSet, mark: JournalMark) -> Result<Compaction, StorageError> {
    let tx = db.rexie().transaction(&[META, PAGES, JOURNAL, RESCUE], TransactionMode::ReadWrite)?;
    let meta = tx.store(META)?;
    let m = marks(&meta).await?;
    let journal = tx.store(JOURNAL)?;
    let outcome = if m.generation != mark.generation {
        Some(Compaction::Stale)
    } else if m.compacted >= mark.last_key {
        Some(Compaction::AlreadyDone)
    } else if journal.count(after(mark.last_key)?).await? > 0 {
        Some(Compaction::Behind)
    } else {
        None
    };
    if let Some(outcome) = outcome {
        tx.abort().await?;
        return Ok(outcome);
    }
    let store = tx.store(PAGES)?;
    let rescue = tx.store(RESCUE)?;
    rescue_pages(&store, &meta, &rescue, &pages.replaces_damaged).await?;
    // Orphan and unplaced-history pages are written whole: drop the old ones first (adopted
    // entries left them).
    store.delete(range_of(ORPHAN_PAGES)?.into()).await?;
    store.delete(range_of(HISTORY_PAGES)?.into()).await?;
    store.put_all(pages.rows.iter().map(|(k, v)| (v.clone(), Some(JsValue::from_str(k))))).await?;
    meta.put(&JsValue::from_str(&pages.numbering), Some(&JsValue::from_str(NUMBERING))).await?;
    meta.put(&JsValue::from_str(&pages.reps), Some(&JsValue::from_str(REPS))).await?;
    meta.put(&JsValue::from_str(&pages.handoffs), Some(&JsValue::from_str(HANDOFFS))).await?;
    meta.put(&JsValue::from_str(&mark.last_key.to_string()), Some(&JsValue::from_str(COMPACTED))).await?;
    // The pages written hold the summaries of every changed position: complete summaries stay
    // complete at the new mark (incomplete ones wait for the rebuild after the next load).
    if summaries_current(meta.get(JsValue::from_str(SUMMARIES)).await?, m.generation, m.compacted) {
        meta.put(&JsValue::from_str(&summary_mark(m.generation, mark.last_key)), Some(&JsValue::from_str(SUMMARIES))).await?;
    }
    // Rows the previous compaction folded go; the ones folded now stay for tabs a little behind.
    if m.compacted > 0.0 {
        rescue_journal(&journal, &rescue, m.compacted).await?;
        journal.delete(up_to(m.compacted)?.into()).await?;
    }
    meta.put(&JsValue::from_str(&m.compacted.to_string()), Some(&JsValue::from_str(PRUNED))).await?;
    super::db::commit(tx).await?;
    Ok(Compaction::Done)
}

/// Every page of `archive` as (value, key), serialized only when the write asks for the next
/// one: the browser stores page n while page n + 1 is being serialized. That is plain CPU work
/// between two requests (no await), so the transaction stays active. A serialization error is
/// left in `failed` and ends the pages early; the caller then aborts.
fn all_pages<'a>(archive: &'a Archive, failed: &'a Cell<Option<StorageError>>) -> impl Iterator<Item = (JsValue, Option<JsValue>)> + 'a {
    // A list page comes with its tally: two rows, or the error once.
    fn two(rows: Result<[(String, JsValue); 2], StorageError>) -> Vec<(String, Result<JsValue, StorageError>)> {
        match rows {
            Ok(rows) => rows.into_iter().map(|(k, v)| (k, Ok(v))).collect(),
            Err(e) => vec![(String::new(), Err(e))],
        }
    }
    let customers = archive.customers().chunks(PAGE_ROWS).enumerate().flat_map(|(i, c)| two(counted_page(page_key(CUSTOMER_PAGES, i as u32), c)));
    let pages = archive.customers().len().div_ceil(PAGE_ROWS) as u32;
    let entries = (0..pages).flat_map(|p| two(counted_page(page_key(ENTRY_PAGES, p), &entry_rows(archive, p))));
    let orphans = archive.orphans().chunks(PAGE_ROWS * 10).enumerate().map(|(i, o)| (page_key(ORPHAN_PAGES, i as u32), page_json(o)));
    let (by_page, unplaced) = history_by_page(archive);
    let card_history = by_page.into_iter().flat_map(|(p, h)| two(counted_page(page_key(CARD_HISTORY_PAGES, p), &h)));
    let unplaced: Vec<(String, Result<JsValue, StorageError>)> = unplaced.chunks(PAGE_ROWS).enumerate().map(|(i, h)| (page_key(HISTORY_PAGES, i as u32), page_json(h))).collect();
    customers.chain(entries).chain(orphans).chain(card_history).chain(unplaced).chain(summary_pages(archive)).map_while(move |(key, json)| match json {
        Ok(value) => Some((value, Some(JsValue::from_str(&key)))),
        Err(e) => {
            failed.set(Some(e));
            None
        }
    })
}

/// Replaces the whole archive on disk (sample archive, import): every page, the numbering, an
/// empty journal and a new generation, in one transaction. Damaged records of the old archive
/// (`damage`) are copied to the rescue store first, and files no document of the new archive
/// names are deleted. Returns the new journal mark.
pub async fn save_all(db: &Db, archive: &Archive) -> Result<JournalMark, StorageError> {
    save_all_keeping(db, archive, &Damage::default()).await
}

/// As [`save_all`], rescuing the damaged records listed in `damage`.
pub async fn save_all_keeping(db: &Db, archive: &Archive, damage: &Damage) -> Result<JournalMark, StorageError> {
    let numbering = to_json(archive.numbering())?;
    let reps = to_json(&archive.reps())?;
    let handoffs = to_json(&archive.handoffs())?;
    let files: BTreeSet<String> = archive
        .ledgers()
        .iter()
        .flatten()
        .chain(archive.orphans())
        .filter(|e| !e.deleted)
        .filter_map(|e| match &e.body {
            dossier_core::EntryBody::Document(d) => Some(d.blob.clone()),
            _ => None,
        })
        .collect();
    let damaged_pages: Vec<String> = damage.pages().map(str::to_string).collect();
    let tx = db.rexie().transaction(&[META, PAGES, JOURNAL, BLOBS, RESCUE], TransactionMode::ReadWrite)?;
    let meta = tx.store(META)?;
    let store = tx.store(PAGES)?;
    let journal = tx.store(JOURNAL)?;
    let rescue = tx.store(RESCUE)?;
    rescue_pages(&store, &meta, &rescue, &damaged_pages).await?;
    rescue_journal(&journal, &rescue, f64::MAX).await?;
    let generation = generation_of(meta.get(JsValue::from_str(GENERATION)).await?) + 1;
    meta.put(&JsValue::from_str(&generation.to_string()), Some(&JsValue::from_str(GENERATION))).await?;
    meta.put(&JsValue::from_str(&numbering), Some(&JsValue::from_str(NUMBERING))).await?;
    meta.put(&JsValue::from_str(&reps), Some(&JsValue::from_str(REPS))).await?;
    meta.put(&JsValue::from_str(&handoffs), Some(&JsValue::from_str(HANDOFFS))).await?;
    meta.put(&JsValue::from_str("0"), Some(&JsValue::from_str(COMPACTED))).await?;
    meta.put(&JsValue::from_str("0"), Some(&JsValue::from_str(PRUNED))).await?;
    meta.put(&JsValue::from_str(&summary_mark(generation, 0.0)), Some(&JsValue::from_str(SUMMARIES))).await?;
    store.clear().await?;
    let failed = Cell::new(None);
    store.put_all(all_pages(archive, &failed)).await?;
    if let Some(e) = failed.take() {
        tx.abort().await?;
        return Err(e);
    }
    journal.clear().await?;
    let blobs = tx.store(BLOBS)?;
    for key in blobs.get_all_keys(None, None).await? {
        if !key.as_string().is_some_and(|k| files.contains(&k)) {
            blobs.delete(key).await?;
        }
    }
    super::db::commit(tx).await?;
    // Keys keep counting after clear(), so later appends still sort after any old mark.
    Ok(JournalMark { generation, last_key: 0.0, entries: 0, compacted: 0.0 })
}

/// The records of the rescue store, as damage to report (after a whole-archive save).
pub async fn rescued(db: &Db) -> Result<Damage, StorageError> {
    let tx = db.rexie().transaction(&[RESCUE], TransactionMode::ReadOnly)?;
    let store = tx.store(RESCUE)?;
    let keys = store.get_all_keys(None, None).await?;
    let values = store.get_all(None, None).await?;
    tx.done().await?;
    let records = keys.iter().zip(values.iter()).map(|(k, v)| rescued_record(&key_string(k), &json_of(v))).collect();
    Ok(Damage { records, ..Damage::default() })
}

/// The stored bytes of every damaged record, for a rescue download: (store, key, bytes).
pub async fn rescue_records(db: &Db, damage: &Damage) -> Result<Vec<(String, String, Vec<u8>)>, StorageError> {
    let tx = db.rexie().transaction(&[META, PAGES, JOURNAL, RESCUE], TransactionMode::ReadOnly)?;
    let mut out = Vec::new();
    for d in &damage.records {
        let (store, key) = match d.place {
            Place::Page if d.holds == Holds::Settings => (META, JsValue::from_str(&d.key)),
            Place::Page => (PAGES, JsValue::from_str(&d.key)),
            Place::Journal => (JOURNAL, JsValue::from_f64(d.key.parse().unwrap_or(0.0))),
            Place::Rescue => (RESCUE, JsValue::from_str(&d.key)),
        };
        if let Some(value) = tx.store(store)?.get(key).await? {
            out.push((store.to_string(), d.key.clone(), json_of(&value)));
        }
    }
    tx.done().await?;
    Ok(out)
}
