//! 归还: takes the returned lent copies off this device, in one transaction: their cards give
//! way to placeholders (positions never move), their entries, change records and files go, the
//! saves that named them are rewritten without them, and the generation moves on so every tab
//! reads the archive again. Nothing is stamped and nothing travels (a deletion would delete them
//! on the lender's device too): see `dossier_core::archive::withdraw`.

use std::collections::{BTreeMap, BTreeSet};

use dossier_core::archive::withdraw::{batch_without, file_of, placeholder};
use dossier_core::archive::{Batch, PAGE_ROWS};
use dossier_core::ledger::LedgerScratch;
use dossier_core::summary::Summary;
use dossier_core::Entry;
use rexie::{Store, TransactionMode};
use serde::Deserialize;
use serde_json::value::RawValue;
use wasm_bindgen::JsValue;

use super::archive::{after, tally_key, NO_TALLY, bytes_value, generation_of, json_of, marks, page_key, summaries_current, summary_mark, to_json, JournalMark, CARD_HISTORY_PAGES, CUSTOMER_PAGES, ENTRY_PAGES, GENERATION, SUMMARIES, SUMMARY_PAGES};
use super::schema::{BLOBS, JOURNAL, META, PAGES};
use super::{Db, StorageError};

/// How a withdrawal ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Withdrawn {
    /// Done: this many customers are off the device.
    Done(usize),
    /// Another tab saved since this tab's view: nothing was changed (catch up and try again).
    Behind,
}

#[derive(Deserialize)]
struct Id {
    #[serde(default)]
    id: String,
}

#[derive(Deserialize)]
struct EntryOf {
    #[serde(default)]
    cid: String,
}

#[derive(Deserialize)]
struct HistoryOf {
    #[serde(default)]
    customer_id: String,
}

fn corrupt(key: &str) -> StorageError {
    StorageError::Corrupt(format!("{key}: not a page this app wrote"))
}

async fn rows_of(store: &Store, key: &str) -> Result<Option<Vec<Box<RawValue>>>, StorageError> {
    match store.get(JsValue::from_str(key)).await? {
        None => Ok(None),
        Some(v) => serde_json::from_slice::<Vec<Box<RawValue>>>(&json_of(&v)).map(Some).map_err(|_| corrupt(key)),
    }
}

fn page_bytes(rows: &[Box<RawValue>]) -> Result<Vec<u8>, StorageError> {
    serde_json::to_vec(rows).map_err(|e| StorageError::Failed(e.to_string()))
}

fn raw<T: serde::Serialize>(value: &T) -> Result<Box<RawValue>, StorageError> {
    RawValue::from_string(to_json(value)?).map_err(|e| StorageError::Failed(e.to_string()))
}

/// Page rows to write, journal rows to write, files to delete.
type Prepared = (Vec<(String, Vec<u8>)>, Vec<(JsValue, String)>, BTreeSet<String>);

/// Reads what a withdrawal changes and works out the new rows, writing nothing.
async fn prepare(pages: &Store, journal: &Store, at: &BTreeMap<String, u32>, ids: &BTreeSet<String>) -> Result<Prepared, StorageError> {
    let mut puts = Vec::new();
    let mut files: BTreeSet<String> = BTreeSet::new();
    let mut scratch = LedgerScratch::default();
    let mut by_page: BTreeMap<u32, Vec<(usize, u32, &str)>> = BTreeMap::new();
    for (id, &pos) in at {
        by_page.entry(pos / PAGE_ROWS as u32).or_default().push((pos as usize % PAGE_ROWS, pos, id.as_str()));
    }
    for (&page, rows) in &by_page {
        // The card: a placeholder in its place (a customer saved since the last compaction has
        // no row yet; the saves are rewritten without it).
        let key = page_key(CUSTOMER_PAGES, page);
        if let Some(mut cards) = rows_of(pages, &key).await? {
            let summary_key = page_key(SUMMARY_PAGES, page);
            let mut summaries = rows_of(pages, &summary_key).await?;
            for &(index, pos, id) in rows {
                let Some(row) = cards.get(index) else { continue };
                if serde_json::from_str::<Id>(row.get()).map(|r| r.id != id).unwrap_or(true) {
                    return Err(corrupt(&key));
                }
                let p = placeholder(pos);
                cards[index] = raw(&p)?;
                if let Some(s) = summaries.as_mut().and_then(|s| s.get_mut(index)) {
                    *s = raw(&Summary::of(&p, &[], &mut scratch))?;
                }
            }
            puts.push((tally_key(&key), NO_TALLY.as_bytes().to_vec()));
            puts.push((key, page_bytes(&cards)?));
            if let Some(s) = summaries {
                puts.push((summary_key, page_bytes(&s)?));
            }
        }
        // Their entries (and the files their documents name) and change records.
        let key = page_key(ENTRY_PAGES, page);
        if let Some(entries) = rows_of(pages, &key).await? {
            let (gone, kept): (Vec<_>, Vec<_>) = entries.into_iter().partition(|r| serde_json::from_str::<EntryOf>(r.get()).is_ok_and(|e| ids.contains(&e.cid)));
            files.extend(gone.iter().filter_map(|r| serde_json::from_str::<Entry>(r.get()).ok()).filter_map(|e| file_of(&e).map(str::to_string)));
            puts.push((tally_key(&key), NO_TALLY.as_bytes().to_vec()));
            puts.push((key, page_bytes(&kept)?));
        }
        let key = page_key(CARD_HISTORY_PAGES, page);
        if let Some(history) = rows_of(pages, &key).await? {
            let kept: Vec<_> = history.into_iter().filter(|r| !serde_json::from_str::<HistoryOf>(r.get()).is_ok_and(|h| ids.contains(&h.customer_id))).collect();
            puts.push((tally_key(&key), NO_TALLY.as_bytes().to_vec()));
            puts.push((key, page_bytes(&kept)?));
        }
    }
    // Every save that named them, without them (those the pages hold too: a tab a little behind
    // reads them, and they are the customers' data). A save that does not read is left alone.
    let keys = journal.get_all_keys(None, None).await?;
    let values = journal.get_all(None, None).await?;
    let mut rows = Vec::new();
    for (k, v) in keys.into_iter().zip(values.iter()) {
        let Ok(batch) = serde_json::from_slice::<Batch>(&json_of(v)) else { continue };
        if let Some((out, gone)) = batch_without(&batch, ids) {
            files.extend(gone);
            rows.push((k, to_json(&out)?));
        }
    }
    Ok((puts, rows, files))
}

/// Takes the customers `at` (id → position) off the device, if this tab's view at `mark` is the
/// latest (same generation, no save after it); a card page that does not hold the id at its
/// position, or does not read, refuses the whole withdrawal (nothing changes). Run it under the
/// pages lock.
pub async fn withdraw(db: &Db, mark: JournalMark, at: &BTreeMap<String, u32>) -> Result<Withdrawn, StorageError> {
    let ids: BTreeSet<String> = at.keys().cloned().collect();
    let tx = db.rexie().transaction(&[META, PAGES, JOURNAL, BLOBS], TransactionMode::ReadWrite)?;
    let meta = tx.store(META)?;
    let m = marks(&meta).await?;
    let journal = tx.store(JOURNAL)?;
    // The checks of `archive::if_latest`, in a transaction that also holds the files.
    if m.generation != mark.generation || journal.count(after(mark.last_key)?).await? > 0 {
        tx.abort().await?;
        return Ok(Withdrawn::Behind);
    }
    let pages = tx.store(PAGES)?;
    // Everything is read and worked out first; only then written, so a page that does not
    // read aborts the transaction before any write (a failed request aborts it by itself).
    let (page_puts, journal_puts, files) = match prepare(&pages, &journal, at, &ids).await {
        Ok(p) => p,
        Err(e) => {
            tx.abort().await?;
            return Err(e);
        }
    };
    for (key, bytes) in &page_puts {
        pages.put(&bytes_value(bytes), Some(&JsValue::from_str(key))).await?;
    }
    for (key, text) in &journal_puts {
        journal.put(&JsValue::from_str(text), Some(key)).await?;
    }
    let blobs = tx.store(BLOBS)?;
    for f in &files {
        blobs.delete(JsValue::from_str(f)).await?;
    }
    // Every tab reads the archive again.
    let generation = generation_of(meta.get(JsValue::from_str(GENERATION)).await?) + 1;
    let complete = summaries_current(meta.get(JsValue::from_str(SUMMARIES)).await?, m.generation, m.compacted);
    meta.put(&JsValue::from_str(&generation.to_string()), Some(&JsValue::from_str(GENERATION))).await?;
    if complete {
        meta.put(&JsValue::from_str(&summary_mark(generation, m.compacted)), Some(&JsValue::from_str(SUMMARIES))).await?;
    }
    super::db::commit(tx).await?;
    Ok(Withdrawn::Done(at.len()))
}
