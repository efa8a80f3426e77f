//! Writing an archive imported part by part (`dossier_core::bundle::restore`, for a bundle too
//! large to hold whole): each finished page is serialized the moment it is made, into bytes the
//! browser holds (a `Uint8Array` each, outside wasm memory), then [`write`] replaces the
//! archive — which has no customer — with them in one transaction, as a whole-archive save does
//! (docs/storage.md). Pages are in the layout `archive.rs` writes, made by the same functions.

use dossier_core::archive::handoffs::Handoff;
use dossier_core::archive::Archive;
use dossier_core::bundle::restore::RestoredPage;
use dossier_core::ledger::LedgerScratch;
use dossier_core::{ChangeRecord, Entry, Numbering, Rep};
use rexie::TransactionMode;
use wasm_bindgen::JsValue;

use super::archive::{
    after, counted_page, entry_rows, generation_of, history_by_page, marks, page_json, page_key, rescue_journal, summary_mark, summary_page, to_json, JournalMark, CARD_HISTORY_PAGES, COMPACTED, CUSTOMER_PAGES, ENTRY_PAGES, GENERATION, HANDOFFS, HISTORY_PAGES, NUMBERING, ORPHAN_PAGES, PRUNED, REPS, SUMMARIES, SUMMARY_PAGES,
};
use super::parts::Known;
use super::schema::{BLOBS, JOURNAL, META, PAGES, RESCUE};
use super::{Db, StorageError};
use dossier_core::archive::PAGE_ROWS;

/// Pages made so far, as (key, bytes).
#[derive(Default)]
pub struct PageBytes {
    pages: Vec<(String, JsValue)>,
    scratch: LedgerScratch,
}

impl PageBytes {
    fn push(&mut self, key: String, value: JsValue) {
        self.pages.push((key, value));
    }

    /// One finished page: its cards, their entries, their change records and their summaries.
    pub fn add(&mut self, page: RestoredPage) -> Result<(), StorageError> {
        let index = page.index;
        debug_assert!(page.customers.len() <= PAGE_ROWS);
        let a = Archive::with_entries(page.customers, page.entries, page.history, Numbering::default());
        self.pages.extend(counted_page(page_key(CUSTOMER_PAGES, index), a.customers())?);
        self.pages.extend(counted_page(page_key(ENTRY_PAGES, index), &entry_rows(&a, 0))?);
        let (by_page, _) = history_by_page(&a);
        if let Some(h) = by_page.get(&0) {
            self.pages.extend(counted_page(page_key(CARD_HISTORY_PAGES, index), h)?);
        }
        let summaries = summary_page(&a, 0, &mut self.scratch)?;
        self.push(page_key(SUMMARY_PAGES, index), summaries);
        Ok(())
    }

    /// The summary pages made, in key order (as start-up reads them), to be parsed once these
    /// pages are written ([`Known::written_as`]) instead of reading them back (~1 s at 100,000
    /// customers): see `Repository::restore`.
    pub fn summaries(&self) -> Known {
        let mut pages: Vec<&(String, JsValue)> = self.pages.iter().filter(|(k, _)| k.starts_with(SUMMARY_PAGES)).collect();
        pages.sort_by(|a, b| a.0.cmp(&b.0));
        Known { generation: None, pages: pages.into_iter().map(|(_, v)| v.clone()).collect() }
    }

    /// The records of customers the bundle does not hold (as a whole-archive save keeps them).
    pub fn add_rest(&mut self, orphans: &[Entry], unplaced: &[ChangeRecord]) -> Result<(), StorageError> {
        for (i, o) in orphans.chunks(PAGE_ROWS * 10).enumerate() {
            self.push(page_key(ORPHAN_PAGES, i as u32), page_json(o)?);
        }
        for (i, h) in unplaced.chunks(PAGE_ROWS).enumerate() {
            self.push(page_key(HISTORY_PAGES, i as u32), page_json(h)?);
        }
        Ok(())
    }
}

/// What the archive's small records become.
pub struct Rest<'a> {
    pub numbering: &'a Numbering,
    pub reps: &'a [Rep],
    pub handoffs: &'a [Handoff],
    /// The files the restored documents name (all others go: the archive had no customer).
    pub files: &'a [(String, web_sys::Blob)],
}

/// Replaces the archive with `pages` and `rest` in one transaction, if this tab's view at
/// `mark` is the latest (same generation, no save after it: no other tab added a customer
/// since the preview). Damaged journal rows are copied to the rescue store first. `None`:
/// not the latest, nothing written. Run it under the pages lock.
pub async fn write(db: &Db, mark: JournalMark, pages: &PageBytes, rest: Rest<'_>) -> Result<Option<JournalMark>, StorageError> {
    let numbering = to_json(rest.numbering)?;
    let reps = to_json(&rest.reps)?;
    let handoffs = to_json(&rest.handoffs)?;
    let tx = db.rexie().transaction(&[META, PAGES, JOURNAL, BLOBS, RESCUE], TransactionMode::ReadWrite)?;
    let written = async {
        let meta = tx.store(META)?;
        let journal = tx.store(JOURNAL)?;
        let m = marks(&meta).await?;
        if m.generation != mark.generation || journal.count(after(mark.last_key)?).await? > 0 {
            return Ok(None);
        }
        rescue_journal(&journal, &tx.store(RESCUE)?, f64::MAX).await?;
        let generation = generation_of(meta.get(JsValue::from_str(GENERATION)).await?) + 1;
        for (key, value) in [
            (GENERATION, generation.to_string()),
            (NUMBERING, numbering),
            (REPS, reps),
            (HANDOFFS, handoffs),
            (COMPACTED, "0".to_string()),
            (PRUNED, "0".to_string()),
            (SUMMARIES, summary_mark(generation, 0.0)),
        ] {
            meta.put(&JsValue::from_str(&value), Some(&JsValue::from_str(key))).await?;
        }
        let store = tx.store(PAGES)?;
        store.clear().await?;
        store.put_all(pages.pages.iter().map(|(k, v)| (v.clone(), Some(JsValue::from_str(k))))).await?;
        journal.clear().await?;
        let blobs = tx.store(BLOBS)?;
        blobs.clear().await?;
        for (k, blob) in rest.files {
            blobs.put(blob.as_ref(), Some(&JsValue::from_str(k))).await?;
        }
        Ok::<_, StorageError>(Some(generation))
    }
    .await;
    match written {
        Ok(Some(generation)) => {
            super::db::commit(tx).await?;
            Ok(Some(JournalMark { generation, last_key: 0.0, entries: 0, compacted: 0.0 }))
        }
        Ok(None) => {
            tx.abort().await?;
            Ok(None)
        }
        Err(e) => {
            // Whatever was requested before the failure must not commit.
            let _ = tx.abort().await;
            Err(e)
        }
    }
}
