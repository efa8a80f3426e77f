//! The archive on disk: pages of 1,000 records plus a journal of recent saves (docs/storage.md).
//!
//! Every function validates and serializes first, then runs one transaction with no non-IDB await
//! inside, so a save lands whole or not at all.

use std::cell::Cell;
use std::collections::BTreeMap;

use dossier_core::archive::{pages_of, Archive, Batch, PAGE_ROWS};
use dossier_core::{ChangeRecord, Customer, Entry, Numbering, Rep};
use rexie::{KeyRange, TransactionMode};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

use super::schema::{BLOBS, JOURNAL, META, PAGES};
use super::{Db, StorageError};

const CUSTOMER_PAGES: &str = "c/";
/// `e/N`: the entries of the customers on page `c/N`, so one new payment rewrites one entry page.
const ENTRY_PAGES: &str = "e/";
/// Entries whose customer the archive does not hold; normally none.
const ORPHAN_PAGES: &str = "o/";
const HISTORY_PAGES: &str = "h/";
const NUMBERING: &str = "numbering";
/// Every rep (业务员) as one JSON array: a few dozen records, rewritten whole.
const REPS: &str = "reps";
/// Bumped by every whole-archive replacement; a tab holding an older generation must reload.
const GENERATION: &str = "generation";
/// The last journal key folded into pages; a tab whose mark is older missed entries and reloads.
const COMPACTED: &str = "compacted";
/// Journal entries beyond this are folded into pages (a few pages' rewrite, off the save path).
pub const COMPACT_AFTER: u32 = 64;

fn page_key(prefix: &str, page: u32) -> String {
    // Zero-padded so that key order is page order.
    format!("{prefix}{page:06}")
}

/// The archive as read at start-up, and where the journal stood.
pub struct Loaded {
    pub archive: Archive,
    pub journal: JournalMark,
    pub unfolded: Unfolded,
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

    /// Forgets what a compaction up to `key` folded into pages.
    pub fn folded(&mut self, key: f64) {
        self.cards.retain(|_, k| *k > key);
        self.ledgers.retain(|_, k| *k > key);
    }

    pub fn clear(&mut self) {
        *self = Unfolded::default();
    }
}

/// The last journal entry this tab has applied, and how many are waiting for compaction.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct JournalMark {
    pub generation: u32,
    pub last_key: f64,
    pub entries: u32,
}

/// What another tab's saves mean for this one.
pub enum Catchup {
    /// Apply these batches, in order.
    Entries(Vec<(f64, Batch)>),
    /// The archive was replaced or compacted past this tab's mark: load it again.
    Reload,
}

/// The result of an append that found the journal moved on since this tab last looked.
pub enum Append {
    Written(JournalMark),
    /// Another tab saved first: here are its batches (apply them, check for a conflict, retry).
    Behind(Vec<(f64, Batch)>),
    /// Another tab replaced the whole archive or compacted entries this tab has not read: load
    /// again before saving anything.
    Reload,
}

fn parse<T: DeserializeOwned>(what: &str, json: &[u8]) -> Result<T, StorageError> {
    serde_json::from_slice(json).map_err(|e| StorageError::Corrupt(format!("{what}: {e}")))
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StorageError> {
    serde_json::to_string(value).map_err(|e| StorageError::Failed(e.to_string()))
}

/// A page as UTF-8 JSON bytes, sized up front (a page is ≈ 1.5 MB; growing by doubling would
/// copy it several times).
fn page_json<T: serde::Serialize>(rows: &[T]) -> Result<JsValue, StorageError> {
    let mut out = Vec::with_capacity(rows.len() * std::mem::size_of::<T>().max(200) * 2 + 2);
    serde_json::to_writer(&mut out, rows).map_err(|e| StorageError::Failed(e.to_string()))?;
    // `from` copies out of wasm memory (a view would make IndexedDB clone the whole heap).
    Ok(js_sys::Uint8Array::from(out.as_slice()).into())
}

/// The JSON of a stored value: pages are bytes (no UTF-8 ⇄ UTF-16 transcoding on either side);
/// journal entries and pages written before that are strings.
fn json_of(value: &JsValue) -> Vec<u8> {
    match value.as_string() {
        Some(text) => text.into_bytes(),
        None => js_sys::Uint8Array::new(value).to_vec(),
    }
}

fn key_string(key: &JsValue) -> String {
    key.as_string().unwrap_or_default()
}

/// Reads pages and journal in one read transaction, then parses in wasm (strings cross the JS
/// boundary far faster than objects: TOOLCHAIN.md).
pub async fn load(db: &Db) -> Result<Loaded, StorageError> {
    let tx = db.rexie().transaction(&[META, PAGES, JOURNAL], TransactionMode::ReadOnly)?;
    let meta = tx.store(META)?;
    let pages = tx.store(PAGES)?;
    let journal = tx.store(JOURNAL)?;
    let numbering = meta.get(JsValue::from_str(NUMBERING)).await?;
    let reps = meta.get(JsValue::from_str(REPS)).await?;
    let generation = meta.get(JsValue::from_str(GENERATION)).await?;
    let compacted = meta.get(JsValue::from_str(COMPACTED)).await?;
    let page_keys = pages.get_all_keys(None, None).await?;
    let page_values = pages.get_all(None, None).await?;
    let journal_keys = journal.get_all_keys(None, None).await?;
    let journal_values = journal.get_all(None, None).await?;
    tx.done().await?;

    let numbering: Numbering = match numbering.and_then(|v| v.as_string()) {
        Some(text) => parse("numbering", text.as_bytes())?,
        None => Numbering::default(),
    };
    let mut customers: Vec<Customer> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut history: Vec<ChangeRecord> = Vec::new();
    for (key, value) in page_keys.iter().zip(page_values.iter()) {
        let key = key_string(key);
        if key.starts_with(CUSTOMER_PAGES) {
            customers.extend(parse::<Vec<Customer>>(&key, &json_of(value))?);
        } else if key.starts_with(ENTRY_PAGES) || key.starts_with(ORPHAN_PAGES) {
            entries.extend(parse::<Vec<Entry>>(&key, &json_of(value))?);
        } else if key.starts_with(HISTORY_PAGES) {
            history.extend(parse::<Vec<ChangeRecord>>(&key, &json_of(value))?);
        }
    }
    let reps: Vec<Rep> = match reps.and_then(|v| v.as_string()) {
        Some(text) => parse("reps", text.as_bytes())?,
        None => Vec::new(),
    };
    let mut archive = Archive::with_entries(customers, entries, history, numbering).with_reps(reps);
    // The pages already hold everything up to the last compaction.
    let mut mark = JournalMark { generation: generation_of(generation), last_key: number_of(compacted), entries: 0 };
    let mut unfolded = Unfolded::default();
    for (key, batch) in parse_entries(&journal_keys, &journal_values)? {
        let applied = archive.apply(&batch);
        unfolded.note(&applied, key);
        mark.last_key = key;
        mark.entries += 1;
    }
    Ok(Loaded { archive, journal: mark, unfolded })
}

fn generation_of(value: Option<JsValue>) -> u32 {
    value.and_then(|v| v.as_string()).and_then(|s| s.parse().ok()).unwrap_or(0)
}

fn after(key: f64) -> Result<Option<KeyRange>, StorageError> {
    if key <= 0.0 {
        return Ok(None);
    }
    Ok(Some(KeyRange::lower_bound(&JsValue::from_f64(key), Some(true)).map_err(rexie::Error::from)?))
}

fn number_of(value: Option<JsValue>) -> f64 {
    value.and_then(|v| v.as_string()).and_then(|s| s.parse().ok()).unwrap_or(0.0)
}

fn parse_entries(keys: &[JsValue], values: &[JsValue]) -> Result<Vec<(f64, Batch)>, StorageError> {
    keys.iter()
        .zip(values.iter())
        .map(|(k, v)| Ok((k.as_f64().unwrap_or(0.0), parse("journal", &json_of(v))?)))
        .collect()
}

/// What other tabs saved since `mark`.
pub async fn catch_up(db: &Db, mark: JournalMark) -> Result<Catchup, StorageError> {
    let tx = db.rexie().transaction(&[META, JOURNAL], TransactionMode::ReadOnly)?;
    let meta = tx.store(META)?;
    let generation = generation_of(meta.get(JsValue::from_str(GENERATION)).await?);
    let compacted = number_of(meta.get(JsValue::from_str(COMPACTED)).await?);
    let store = tx.store(JOURNAL)?;
    let keys = store.get_all_keys(after(mark.last_key)?, None).await?;
    let values = store.get_all(after(mark.last_key)?, None).await?;
    tx.done().await?;
    if generation != mark.generation || compacted > mark.last_key {
        return Ok(Catchup::Reload);
    }
    Ok(Catchup::Entries(parse_entries(&keys, &values)?))
}

/// Appends one save to the journal: one small request, durable when this returns. Refuses (and
/// hands back the newer batches) if another tab appended since `mark`, so no tab overwrites a
/// record it has not seen. `blobs` (attachments of document entries in the batch, by key) are
/// written in the same transaction: a document never exists without its file, nor the reverse.
pub async fn append(db: &Db, batch: &Batch, mark: JournalMark, blobs: &[(String, web_sys::Blob)]) -> Result<Append, StorageError> {
    let text = to_json(batch)?;
    let tx = db.rexie().transaction(&[META, JOURNAL, BLOBS], TransactionMode::ReadWrite)?;
    let meta = tx.store(META)?;
    let generation = generation_of(meta.get(JsValue::from_str(GENERATION)).await?);
    let compacted = number_of(meta.get(JsValue::from_str(COMPACTED)).await?);
    if generation != mark.generation || compacted > mark.last_key {
        tx.abort().await?;
        return Ok(Append::Reload);
    }
    let store = tx.store(JOURNAL)?;
    let newer_keys = store.get_all_keys(after(mark.last_key)?, None).await?;
    if !newer_keys.is_empty() {
        let values = store.get_all(after(mark.last_key)?, None).await?;
        tx.abort().await?;
        return Ok(Append::Behind(parse_entries(&newer_keys, &values)?));
    }
    let key = store.add(&JsValue::from_str(&text), None).await?;
    if !blobs.is_empty() {
        let files = tx.store(BLOBS)?;
        for (k, blob) in blobs {
            files.put(blob.as_ref(), Some(&JsValue::from_str(k))).await?;
        }
    }
    tx.done().await?;
    Ok(Append::Written(JournalMark {
        last_key: key.as_f64().unwrap_or(mark.last_key),
        entries: mark.entries + 1,
        ..mark
    }))
}

/// Pages serialized and ready to write: made from the in-memory archive before a write
/// transaction starts, so nothing but IndexedDB requests happen inside it.
pub struct PageSet {
    rows: Vec<(String, JsValue)>,
    numbering: String,
    reps: String,
}

impl PageSet {
    /// The card pages and entry pages that hold what `unfolded` lists, every orphan and history
    /// page, the numbering and the reps.
    pub fn of(archive: &Archive, unfolded: &Unfolded) -> Result<PageSet, StorageError> {
        let customers = archive.customers();
        let mut rows = Vec::new();
        for page in pages_of(unfolded.cards.keys().copied()) {
            let start = page as usize * PAGE_ROWS;
            let end = (start + PAGE_ROWS).min(customers.len());
            if start < end {
                rows.push((page_key(CUSTOMER_PAGES, page), page_json(&customers[start..end])?));
            }
        }
        for page in pages_of(unfolded.ledgers.keys().copied()) {
            rows.push((page_key(ENTRY_PAGES, page), entry_page(archive, page)?));
        }
        for (i, chunk) in archive.orphans().chunks(PAGE_ROWS * 10).enumerate() {
            rows.push((page_key(ORPHAN_PAGES, i as u32), page_json(chunk)?));
        }
        for (i, chunk) in archive.history().chunks(PAGE_ROWS).enumerate() {
            rows.push((page_key(HISTORY_PAGES, i as u32), page_json(chunk)?));
        }
        Ok(PageSet { rows, numbering: to_json(archive.numbering())?, reps: to_json(&archive.reps())? })
    }
}

/// The entries of the customers on card page `page`, as one JSON array.
fn entry_page(archive: &Archive, page: u32) -> Result<JsValue, StorageError> {
    let start = (page as usize * PAGE_ROWS).min(archive.ledgers().len());
    let end = (start + PAGE_ROWS).min(archive.ledgers().len());
    let ledgers = &archive.ledgers()[start..end];
    page_json(&ledgers.iter().flatten().collect::<Vec<&Entry>>())
}

fn range_of(prefix: &str) -> Result<KeyRange, StorageError> {
    // Every key that starts with `prefix` (keys are short ASCII).
    Ok(KeyRange::bound(&JsValue::from_str(prefix), &JsValue::from_str(&format!("{prefix}\u{ffff}")), Some(false), Some(false))
        .map_err(rexie::Error::from)?)
}

/// Folds the journal into pages: writes the prepared pages and empties the journal, in one
/// transaction. Does nothing (returns `false`) if the journal moved past `mark` since: entries
/// no page holds yet must not be dropped.
pub async fn compact(db: &Db, pages: &PageSet, mark: JournalMark) -> Result<bool, StorageError> {
    let tx = db.rexie().transaction(&[META, PAGES, JOURNAL], TransactionMode::ReadWrite)?;
    let journal = tx.store(JOURNAL)?;
    if journal.count(after(mark.last_key)?).await? > 0 {
        tx.abort().await?;
        return Ok(false);
    }
    let store = tx.store(PAGES)?;
    // Orphan pages are written whole: drop the old ones first (adopted entries left them).
    store.delete(range_of(ORPHAN_PAGES)?.into()).await?;
    store.put_all(pages.rows.iter().map(|(k, v)| (v.clone(), Some(JsValue::from_str(k))))).await?;
    let meta = tx.store(META)?;
    meta.put(&JsValue::from_str(&pages.numbering), Some(&JsValue::from_str(NUMBERING))).await?;
    meta.put(&JsValue::from_str(&pages.reps), Some(&JsValue::from_str(REPS))).await?;
    meta.put(&JsValue::from_str(&mark.last_key.to_string()), Some(&JsValue::from_str(COMPACTED))).await?;
    journal.clear().await?;
    tx.done().await?;
    Ok(true)
}

/// Every page of `archive` as (value, key), serialized only when the write asks for the next
/// one: the browser stores page n while page n + 1 is being serialized. That is plain CPU work
/// between two requests (no await), so the transaction stays active. A serialization error is
/// left in `failed` and ends the pages early; the caller then aborts.
fn all_pages<'a>(archive: &'a Archive, failed: &'a Cell<Option<StorageError>>) -> impl Iterator<Item = (JsValue, Option<JsValue>)> + 'a {
    let customers = archive.customers().chunks(PAGE_ROWS).enumerate().map(|(i, c)| (page_key(CUSTOMER_PAGES, i as u32), page_json(c)));
    let pages = archive.customers().len().div_ceil(PAGE_ROWS) as u32;
    let entries = (0..pages).map(|p| (page_key(ENTRY_PAGES, p), entry_page(archive, p)));
    let orphans = archive.orphans().chunks(PAGE_ROWS * 10).enumerate().map(|(i, o)| (page_key(ORPHAN_PAGES, i as u32), page_json(o)));
    let history = archive.history().chunks(PAGE_ROWS).enumerate().map(|(i, h)| (page_key(HISTORY_PAGES, i as u32), page_json(h)));
    customers.chain(entries).chain(orphans).chain(history).map_while(move |(key, json)| match json {
        Ok(value) => Some((value, Some(JsValue::from_str(&key)))),
        Err(e) => {
            failed.set(Some(e));
            None
        }
    })
}

/// Replaces the whole archive on disk (sample archive, import): every page, the numbering, an
/// empty journal and a new generation, in one transaction. Returns the new journal mark.
pub async fn save_all(db: &Db, archive: &Archive) -> Result<JournalMark, StorageError> {
    let numbering = to_json(archive.numbering())?;
    let reps = to_json(&archive.reps())?;
    let tx = db.rexie().transaction(&[META, PAGES, JOURNAL], TransactionMode::ReadWrite)?;
    let meta = tx.store(META)?;
    let generation = generation_of(meta.get(JsValue::from_str(GENERATION)).await?) + 1;
    meta.put(&JsValue::from_str(&generation.to_string()), Some(&JsValue::from_str(GENERATION))).await?;
    meta.put(&JsValue::from_str(&numbering), Some(&JsValue::from_str(NUMBERING))).await?;
    meta.put(&JsValue::from_str(&reps), Some(&JsValue::from_str(REPS))).await?;
    meta.put(&JsValue::from_str("0"), Some(&JsValue::from_str(COMPACTED))).await?;
    let store = tx.store(PAGES)?;
    store.clear().await?;
    let failed = Cell::new(None);
    store.put_all(all_pages(archive, &failed)).await?;
    if let Some(e) = failed.take() {
        tx.abort().await?;
        return Err(e);
    }
    tx.store(JOURNAL)?.clear().await?;
    tx.done().await?;
    // Keys keep counting after clear(), so later appends still sort after any old mark.
    Ok(JournalMark { generation, last_key: 0.0, entries: 0 })
}
