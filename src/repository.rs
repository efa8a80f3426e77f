//! The repository: this tab's working archive, read from IndexedDB once, saved as journal
//! batches (retried when another tab saved first), kept in step with other tabs through a
//! BroadcastChannel, and compacted into pages. The in-memory indexes follow every change it
//! applies. Use-cases (`archive_state`) build batches; this file only loads and writes them.

use std::collections::HashMap;

use dossier_core::archive::{pages_of, replay_part, Archive, Batch, PAGE_ROWS};
use dossier_core::ledger::LedgerScratch;
use dossier_core::commands::plan_stamped;
use dossier_core::{ChangeRecord, Customer, Entry};
use dossier_core::summary::Summary;
use dossier_core::{sample_archive, sample_ledger, sample_owners, Clock, Hlc, Stamp};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::indexes::Indexes;
use crate::platform;
use crate::storage::archive::{self as disk, Append, Catchup, Compaction, Damage, Holds, JournalMark, Newer, PagePart, PageSet, Place, SummaryPages, Unfolded};
use crate::storage::parts::{self, Opened, StoredPage};
use crate::storage::browser;
use crate::storage::channel::{Channel, Note};
use crate::perf;
use crate::storage::{Db, Persistence, StorageError};

/// The Web Lock held by work that rewrites pages (compaction, whole-archive saves): one tab at
/// a time prepares such a write. The checks inside each transaction remain the real guard.
const PAGES_LOCK: &str = "dossier-pages";

#[derive(Clone, Debug, PartialEq)]
pub enum LoadStatus {
    Loading,
    Ready,
    Failed(StorageError),
}

#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    Storage(StorageError),
    /// The device's storage is full: nothing was written. Bytes used and allowed, if known.
    Full { used: Option<f64>, quota: Option<f64> },
    /// The browser gave no random bytes, so no new id can be made: nothing was created.
    NoRandom,
    /// The record changed (in another tab) since the user started editing it.
    Conflict,
    NotReady,
}

/// What the user is told about records that did not read (see `storage::archive::Damage`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DamageReport {
    /// Damaged stored records (pages, saves, rescued copies).
    pub records: usize,
    /// Customers whose card did not read, as (登记编号, name) where known.
    pub cards: Vec<(String, String)>,
    /// Cards that did not read and cannot be named (a whole page of them).
    pub unnamed_cards: usize,
    /// Customers whose file (entries, history) may be incomplete, as (登记编号, name).
    pub files: Vec<(String, String)>,
    /// Saves (journal rows) that did not read.
    pub saves: usize,
}

impl DamageReport {
    pub fn is_empty(&self) -> bool {
        self.records == 0
    }
}

impl From<StorageError> for SaveError {
    fn from(e: StorageError) -> Self {
        SaveError::Storage(e)
    }
}

pub use dossier_core::archive::{entry_version, version_of};

struct Inner {
    db: Option<Db>,
    device: String,
    mark: JournalMark,
    /// What journal entries changed that no page holds yet (customer positions).
    unfolded: Unfolded,
    /// The saves after the last compaction this tab knows of, in journal order: the pages do
    /// not hold them, so a customer read from its pages is brought up to date with them.
    pending: Vec<(f64, Batch)>,
    /// The key of the last journal row applied here (a row is applied once).
    applied: f64,
    /// Customers read into the working archive, the most recently asked for last.
    recent: Vec<String>,
    /// Saves under way: no card is let go meanwhile (the command read it, the save applies it).
    saving: u32,
    /// Customers a page shows (with how many pages show each): never let go.
    pinned: HashMap<String, u32>,
    /// Whether every change record of a known customer is in its `hc/` page (false in a
    /// database from before them until [`disk::move_history`] ran): compaction waits until then,
    /// as it rewrites `h/` with the records of unknown customers only.
    history_placed: bool,
    channel: Option<Channel>,
    compacting: bool,
    /// Records that did not read: kept as stored, listed to the user.
    damage: Damage,
}

/// Customers kept in the working archive beyond those asked for: a few screens' worth.
const KEEP_OPEN: usize = 64;

#[derive(Clone, Copy)]
pub struct Repository {
    pub status: RwSignal<LoadStatus>,
    /// The working archive: the customers read so far (cards and files, up to date), with the
    /// numbering, reps, history and entries of unknown customers. Everything else is in the
    /// indexes' summaries and read on demand ([`Repository::open`]).
    pub archive: RwSignal<Archive>,
    /// Bumped on every change, so views recompute without comparing 100,000 records.
    pub revision: RwSignal<u64>,
    /// Long work under way (sample generation), for a progress note.
    pub busy: RwSignal<bool>,
    /// Pages done and pages in all while the summaries are made from the pages (start-up after
    /// an update), for a progress note.
    pub progress: RwSignal<Option<(u32, u32)>>,
    /// Stored records that did not read (normally empty).
    pub damage: RwSignal<DamageReport>,
    /// Whether the browser promised to keep the archive; asked after the first real save.
    pub persistence: RwSignal<Persistence>,
    pub indexes: Indexes,
    inner: StoredValue<Inner, LocalStorage>,
}

impl Repository {
    pub fn new() -> Repository {
        Repository {
            status: RwSignal::new(LoadStatus::Loading),
            archive: RwSignal::new(Archive::default()),
            revision: RwSignal::new(0),
            busy: RwSignal::new(false),
            progress: RwSignal::new(None),
            damage: RwSignal::new(DamageReport::default()),
            persistence: RwSignal::new(Persistence::Checking),
            indexes: Indexes::new(),
            inner: StoredValue::new_local(Inner {
                db: None,
                device: String::new(),
                mark: JournalMark::default(),
                unfolded: Unfolded::default(),
                pending: Vec::new(),
                applied: 0.0,
                recent: Vec::new(),
                saving: 0,
                pinned: HashMap::new(),
                history_placed: true,
                channel: None,
                compacting: false,
                damage: Damage::default(),
            }),
        }
    }

    /// Reads the archive once storage is open, and starts listening to other tabs.
    pub fn start(self, db: Db, device: String) {
        self.inner.update_value(|i| {
            i.db = Some(db);
            i.device = device;
            i.channel = Channel::open(move |note| spawn_local(self.on_note(note)));
        });
        spawn_local(async move {
            match self.reload().await {
                Ok(checked) => {
                    self.status.set(LoadStatus::Ready);
                    // After the list has rendered: the start-up benchmark's end point.
                    let count = self.indexes.live_count();
                    perf::after_render(move || perf::mark_with_count("dossier:list-ready", count));
                    // Notes that came while loading were left to this: what other tabs saved since.
                    if let Some(db) = self.db() {
                        if let Err(e) = self.catch_up(&db).await {
                            self.status.set(LoadStatus::Failed(e));
                            return;
                        }
                    }
                    if !checked {
                        self.check_pages().await;
                    }
                    perf::mark_with_count("dossier:archive-ready", count);
                }
                Err(e) => self.status.set(LoadStatus::Failed(e)),
            }
        });
    }

    fn db(self) -> Option<Db> {
        self.inner.with_value(|i| i.db.clone())
    }

    /// The open database, or the error to report before storage has opened.
    fn open_db(self) -> Result<Db, StorageError> {
        self.db().ok_or_else(|| StorageError::Failed("not open".into()))
    }

    pub fn device(self) -> String {
        self.inner.with_value(|i| i.device.clone())
    }

    /// A fresh stamp from this device's clock.
    pub fn stamp(self) -> Stamp {
        let device = self.device();
        let now = platform::now_ms();
        let mut clock = self.archive.with_untracked(|a| Clock::bounded(a.clock().last(), now));
        clock.stamp(now, &device)
    }

    /// Reads what start-up needs: the summaries (made from the pages, page by page, when they
    /// are missing or old), the resident rest, and the customers the saves after the last
    /// compaction touched, brought up to date. Returns whether every page was read (so the
    /// background check of the pages is not needed).
    async fn reload(self) -> Result<bool, StorageError> {
        self.reload_knowing(None).await
    }

    /// [`Self::reload`], with the summaries this tab just wrote (see `parts::open`).
    async fn reload_knowing(self, known: Option<parts::Known>) -> Result<bool, StorageError> {
        let db = self.open_db()?;
        // What this tab had open is read again (a card on screen, a form being filled in).
        let was_open: Vec<String> = self.archive.with_untracked(|a| a.customers().iter().map(|c| c.id.clone()).collect());
        let t0 = perf::now();
        let Opened { summaries, resident, pending, journal, pages, mut damage } = parts::open(&db, known).await?;
        perf::measure_since("dossier:read-summaries", t0);
        let (mut summaries, rebuilt) = match summaries {
            Some(s) => (s, false),
            None => {
                let made = summaries_from_pages(&db, pages, &mut damage, self.progress).await;
                self.progress.set(None);
                let made = made?;
                perf::mark_with_count("dossier:summaries-made", made.len());
                (made, true)
            }
        };
        let mut positions: HashMap<String, u32> = summaries.iter().enumerate().map(|(p, s)| (s.id.clone(), p as u32)).collect();
        // The customers the pending saves touched, read and brought up to date.
        let mut touched: Vec<String> = Vec::new();
        for (_, b) in &pending {
            for id in b.customers.iter().map(|c| &c.id).chain(b.entries.iter().map(|e| &e.customer_id)) {
                if !touched.contains(id) {
                    touched.push(id.clone());
                }
            }
        }
        let known: Vec<(String, u32)> = touched.iter().filter_map(|id| Some((id.clone(), *positions.get(id)?))).collect();
        let read = parts::read_customers(&db, &known).await?;
        damage.merge(read.damage);
        let batches: Vec<&Batch> = pending.iter().map(|(_, b)| b).collect();
        let mut working = resident;
        // Databases from before `hc/` pages kept every change record in `h/`: moved once.
        let history_placed = !working.history().iter().any(|h| positions.contains_key(&h.customer_id));
        working.apply(&brought_up_to_date(&touched, read.customers, read.entries, read.history, &batches));
        // New customers take the next positions, in the order they were saved.
        for (_, b) in &pending {
            for c in &b.customers {
                if !positions.contains_key(&c.id) {
                    positions.insert(c.id.clone(), summaries.len() as u32);
                    summaries.push(Summary::of(c, &[], &mut LedgerScratch::default()));
                }
            }
        }
        let mut scratch = LedgerScratch::default();
        for id in &touched {
            if let (Some(c), Some(&p)) = (working.get(id), positions.get(id)) {
                summaries[p as usize] = Summary::of(c, working.ledger(id), &mut scratch);
            }
        }
        if let Some(newest) = summaries.iter().map(|s| s.version).max() {
            working.saw(newest);
        }
        let mut unfolded = Unfolded::default();
        for (key, b) in &pending {
            // A save's cards and the files of its entries; a merge moves a file, and the card
            // it left is in the same save: both pages are rewritten.
            let at: Vec<u32> = b.customers.iter().map(|c| &c.id).chain(b.entries.iter().map(|e| &e.customer_id)).filter_map(|id| positions.get(id).copied()).collect();
            unfolded.note_positions(&at, &at, *key);
        }
        let t1 = perf::now();
        self.indexes.rebuild_from(summaries);
        perf::measure_since("dossier:index-build", t1);
        self.inner.update_value(|i| {
            i.mark = journal;
            i.unfolded = unfolded;
            i.damage = damage;
            i.pending = pending;
            i.applied = journal.last_key;
            i.recent = touched;
            i.history_placed = history_placed;
        });
        if !history_placed {
            self.place_history();
        }
        self.archive.set(working);
        self.report_damage();
        self.revision.update(|r| *r += 1);
        if rebuilt {
            self.refresh_summaries();
        }
        self.open(&was_open).await?;
        Ok(rebuilt)
    }

    /// Reads every card page in the background, one at a time, to find records that no longer
    /// read (the start-up read only the summaries): they are reported, and the summaries of a
    /// page with an unreadable card are made again from what reads.
    async fn check_pages(self) {
        let Some(db) = self.db() else { return };
        let pages = self.indexes.count().div_ceil(PAGE_ROWS) as u32;
        for page in 0..pages {
            perf::pause().await;
            let Ok(Some(read)) = parts::read_page(&db, page).await else { continue };
            if read.damage.is_empty() {
                continue;
            }
            let cards_damaged = read.damage.records.iter().any(|d| matches!(d.holds, Holds::Cards { .. }));
            self.inner.update_value(|i| i.damage.merge(read.damage));
            if cards_damaged {
                let part = self.page_now(page, read.customers, read.entries, read.history);
                let first = page * PAGE_ROWS as u32;
                let mut scratch = LedgerScratch::default();
                let changed: Vec<(u32, Summary)> = part.files().enumerate().map(|(i, (c, file))| (first + i as u32, Summary::of(c, file, &mut scratch))).collect();
                self.indexes.applied(&changed);
                self.revision.update(|r| *r += 1);
            }
            self.report_damage();
        }
    }

    /// One card page with its files and change records, read from disk and brought up to date
    /// with the pending saves (a page new since the last compaction is all pending saves); an
    /// unreadable card's placeholder is left out. Whole-archive passes (an export) go page by
    /// page through this, never holding the archive.
    pub async fn read_page_now(self, page: u32) -> Result<Archive, StorageError> {
        let db = self.open_db()?;
        let (customers, entries, history) = match parts::read_page(&db, page).await? {
            Some(p) => (p.customers.into_iter().filter(|c| !crate::storage::archive::is_placeholder(c)).collect(), p.entries, p.history),
            None => Default::default(),
        };
        Ok(self.page_now(page, customers, entries, history))
    }

    /// One page's stored lists as the browser holds them, with their tallies, if no save after
    /// the last compaction touches the page (so the page is what it holds); `None` otherwise, or
    /// if there is no such page.
    pub async fn read_stored_page_if_folded(self, page: u32) -> Result<Option<StoredPage>, StorageError> {
        let indexes = self.indexes;
        let on_page = |id: &str| indexes.position(id).is_none_or(|p| p / PAGE_ROWS as u32 == page);
        let touched = self.inner.with_value(|i| {
            i.pending.iter().any(|(_, b)| {
                b.customers.iter().any(|c| on_page(&c.id)) || b.entries.iter().any(|e| on_page(&e.customer_id)) || b.history.iter().any(|h| on_page(&h.customer_id))
            })
        });
        if touched {
            return Ok(None);
        }
        let db = self.open_db()?;
        parts::read_stored_page(&db, page).await
    }

    /// One page as read, brought up to date with the pending saves.
    fn page_now(self, page: u32, customers: Vec<Customer>, entries: Vec<Entry>, history: Vec<ChangeRecord>) -> Archive {
        let indexes = self.indexes;
        self.inner.with_value(|i| {
            let part = Archive::with_entries(customers, entries, history, Default::default());
            replay_part(part, i.pending.iter().map(|(_, b)| b), |id| indexes.position(id).is_some_and(|p| p / PAGE_ROWS as u32 == page))
        })
    }

    /// Makes sure these customers' cards and files are in the working archive: read from their
    /// pages and brought up to date with the saves after them. The customers not asked for for
    /// longest are let go beyond [`KEEP_OPEN`]. Ids of no known customer are ignored.
    pub async fn open(self, ids: &[String]) -> Result<(), StorageError> {
        self.inner.update_value(|i| {
            i.recent.retain(|r| !ids.contains(r));
            i.recent.extend(ids.iter().cloned());
        });
        let missing: Vec<String> = self.archive.with_untracked(|a| ids.iter().filter(|id| a.get(id).is_none()).cloned().collect());
        if missing.is_empty() {
            return Ok(());
        }
        let db = self.open_db()?;
        let t0 = perf::now();
        let known: Vec<(String, u32)> = missing.iter().filter_map(|id| Some((id.clone(), self.indexes.position(id)?))).collect();
        // The saves the pages read may not hold: those pending now, and any a compaction folds
        // while the pages are being read (then the pages hold them too; applying twice is safe).
        let before: Vec<(f64, Batch)> = self.inner.with_value(|i| i.pending.clone());
        let parts::Part { customers: cards, entries, history, damage: found } = parts::read_customers(&db, &known).await?;
        let mut batches = before;
        self.inner.with_value(|i| {
            let last = batches.last().map_or(f64::MIN, |(k, _)| *k);
            batches.extend(i.pending.iter().filter(|(k, _)| *k > last).cloned());
        });
        let refs: Vec<&Batch> = batches.iter().map(|(_, b)| b).collect();
        let still: Vec<String> = self.archive.with_untracked(|a| missing.iter().filter(|id| a.get(id).is_none()).cloned().collect());
        let batch = brought_up_to_date(&still, cards, entries, history, &refs);
        if !batch.is_empty() {
            self.archive.update(|a| {
                a.apply(&batch);
            });
        }
        perf::measure_since("dossier:open", t0);
        if !found.is_empty() {
            self.inner.update_value(|i| i.damage.merge(found));
            self.report_damage();
        }
        self.let_go(ids);
        Ok(())
    }

    /// Lets go of the customers asked for longest ago, beyond [`KEEP_OPEN`] (never during a
    /// save, never those just asked for).
    fn let_go(self, asked: &[String]) {
        let drop: Vec<String> = self.inner.with_value(|i| {
            if i.saving > 0 || i.recent.len() <= KEEP_OPEN {
                return Vec::new();
            }
            i.recent[..i.recent.len() - KEEP_OPEN].iter().filter(|id| !asked.contains(id) && !i.pinned.contains_key(*id)).cloned().collect()
        });
        if drop.is_empty() {
            return;
        }
        self.inner.update_value(|i| i.recent.retain(|r| !drop.contains(r)));
        let drop: std::collections::HashSet<String> = drop.into_iter().collect();
        self.archive.update_untracked(|a| *a = std::mem::take(a).without(|c| drop.contains(&c.id)));
    }

    /// Keeps (`true`) or stops keeping these customers in the working archive.
    pub fn pin(self, ids: &[String], on: bool) {
        self.inner.update_value(|i| {
            for id in ids {
                let n = i.pinned.entry(id.clone()).or_default();
                *n = if on { *n + 1 } else { n.saturating_sub(1) };
                if *n == 0 {
                    i.pinned.remove(id);
                }
            }
        });
    }

    /// Whether this customer's card and file are in the working archive.
    pub fn is_open(self, id: &str) -> bool {
        self.archive.with(|a| a.get(id).is_some())
    }

    /// Moves the change records out of `h/` (a database from before `hc/` pages), off the
    /// start-up path, under the pages lock.
    fn place_history(self) {
        spawn_local(async move {
            let moved = browser::with_lock(PAGES_LOCK, async move {
                let db = self.open_db()?;
                let mark = self.inner.with_value(|i| i.mark);
                disk::move_history(&db, mark, |id| self.indexes.position(id)).await
            })
            .await;
            if matches!(moved, Ok(true)) {
                self.inner.update_value(|i| i.history_placed = true);
            }
        });
    }

    /// Writes the summary pages whole (a database from before them, or of an older format),
    /// off the start-up path, under the pages lock.
    fn refresh_summaries(self) {
        spawn_local(async move {
            let _ = browser::with_lock(PAGES_LOCK, async move {
                let db = self.open_db()?;
                let mark = self.inner.with_value(|i| i.mark);
                let pages = self.indexes.with_summaries(SummaryPages::of)?;
                disk::write_summaries(&db, &pages, mark).await
            })
            .await;
        });
    }

    /// Recomputes what the user is told about damaged records.
    fn report_damage(self) {
        let report = self.inner.with_value(|i| self.indexes.with_summaries(|s| damage_report(&i.damage, |id| self.indexes.position(id), s)));
        if self.damage.with_untracked(|d| *d != report) {
            self.damage.set(report);
        }
    }

    /// The stored bytes of every damaged record as one JSON file for a rescue download, named
    /// for `today`: the records exactly as stored (text where it is UTF-8, else base64).
    pub async fn rescue_file(self) -> Result<(String, Vec<u8>), StorageError> {
        let db = self.open_db()?;
        let damage = self.inner.with_value(|i| i.damage.clone());
        let records = disk::rescue_records(&db, &damage).await?;
        let rows: Vec<serde_json::Value> = records
            .into_iter()
            .map(|(store, key, bytes)| match String::from_utf8(bytes) {
                Ok(text) => serde_json::json!({ "store": store, "key": key, "text": text }),
                Err(e) => serde_json::json!({ "store": store, "key": key, "base64": browser::base64(e.as_bytes()) }),
            })
            .collect();
        let today = platform::today();
        let file = serde_json::json!({
            "format": "dossier-rescue",
            "version": 1,
            "created": today.to_string(),
            "device": self.device(),
            "records": rows,
        });
        let bytes = serde_json::to_vec(&file).map_err(|e| StorageError::Failed(e.to_string()))?;
        Ok((format!("dossier-rescue-{today}.json"), bytes))
    }

    async fn on_note(self, note: Note) {
        let Some(db) = self.db() else { return };
        if self.status.get_untracked() != LoadStatus::Ready {
            // Still loading: the load reads what the note announced, and catches up after it.
            return;
        }
        let result = match note {
            Note::Replaced => self.reload().await.map(|_| ()),
            Note::Saved => self.catch_up(&db).await,
        };
        if let Err(e) = result {
            self.status.set(LoadStatus::Failed(e));
        }
    }

    async fn catch_up(self, db: &Db) -> Result<(), StorageError> {
        let mark = self.inner.with_value(|i| i.mark);
        match disk::catch_up(db, mark).await? {
            Catchup::Reload => self.reload().await.map(|_| ()),
            Catchup::Entries(newer) => self.apply_newer(newer).await,
        }
    }

    /// Applies rows other tabs wrote, and what they say of the journal: the customers they
    /// touch are read first (a save names a card, not its whole file), then each row is applied
    /// in journal order.
    async fn apply_newer(self, newer: Newer) -> Result<(), StorageError> {
        let applied = self.inner.with_value(|i| i.applied);
        let mut ids: Vec<String> = Vec::new();
        for (_, b) in newer.batches.iter().filter(|(k, _)| *k > applied) {
            for id in b.customers.iter().map(|c| &c.id).chain(b.entries.iter().map(|e| &e.customer_id)) {
                if !ids.contains(id) && self.indexes.position(id).is_some() {
                    ids.push(id.clone());
                }
            }
        }
        self.inner.update_value(|i| i.saving += 1);
        let opened = self.open(&ids).await;
        self.inner.update_value(|i| i.saving -= 1);
        opened?;
        for (key, batch) in &newer.batches {
            self.apply_batch(batch, *key);
        }
        let damaged = !newer.damaged.is_empty();
        self.inner.update_value(|i| {
            i.mark.last_key = i.mark.last_key.max(newer.last_key);
            i.mark.entries = newer.waiting;
            i.mark.compacted = newer.compacted;
            // Whatever another tab folded into pages no longer needs this tab's rewrite.
            i.unfolded.folded(newer.compacted);
            i.pending.retain(|(k, _)| *k > newer.compacted);
            i.damage.extend(newer.damaged);
        });
        if damaged {
            self.report_damage();
        }
        Ok(())
    }

    /// Applies one journal row (once): to the working archive, whose customers it touches are
    /// open, then to the summaries and indexes at those customers' positions.
    fn apply_batch(self, batch: &Batch, key: f64) {
        if self.inner.with_value(|i| key <= i.applied) {
            return;
        }
        // To the next paint: the archive, the indexes and every open view brought up to date
        // (the bench's "one edit with the list open").
        let t0 = perf::now();
        perf::after_render(move || perf::measure_since("dossier:apply", t0));
        let mut applied = None;
        self.archive.update(|a| applied = Some(a.apply(batch)));
        let Some(applied) = applied else { return };
        // Working positions to archive positions: known customers keep theirs, new ones take
        // the next, in the order this save added them.
        let (cards, files, changed) = self.archive.with_untracked(|a| {
            let mut next = self.indexes.count() as u32;
            let mut scratch = LedgerScratch::default();
            let mut at = |local: u32, changed: &mut Vec<(u32, Summary)>| -> Option<u32> {
                let c = a.customers().get(local as usize)?;
                let p = self.indexes.position(&c.id).or_else(|| changed.iter().find(|(_, s)| s.id == c.id).map(|(p, _)| *p)).unwrap_or_else(|| {
                    next += 1;
                    next - 1
                });
                let s = Summary::of(c, a.ledger_at(local), &mut scratch);
                match changed.iter_mut().find(|(q, _)| *q == p) {
                    Some(slot) => slot.1 = s,
                    None => changed.push((p, s)),
                }
                Some(p)
            };
            let mut changed = Vec::new();
            let cards: Vec<u32> = applied.updated.iter().chain(&applied.added).filter_map(|&l| at(l, &mut changed)).collect();
            let files: Vec<u32> = applied.ledgers.iter().filter_map(|&l| at(l, &mut changed)).collect();
            (cards, files, changed)
        });
        let mut changed = changed;
        // Known positions first, then new ones in order (the indexes append those).
        changed.sort_by_key(|(p, _)| *p);
        self.indexes.applied(&changed);
        self.inner.update_value(|i| {
            i.unfolded.note_positions(&cards, &files, key);
            i.pending.push((key, batch.clone()));
            i.applied = key;
            for c in &batch.customers {
                if !i.recent.contains(&c.id) {
                    i.recent.push(c.id.clone());
                }
            }
        });
        self.revision.update(|r| *r += 1);
    }

    /// Writes one batch as it is (tests and tools; the app's saves go through
    /// [`Repository::run`]). `expect` lists the records it was based on, with the version seen
    /// (`None`: must be new); if any changed meanwhile, nothing is written.
    pub async fn save(self, batch: Batch, expect: Vec<(String, Option<Hlc>)>) -> Result<(), SaveError> {
        self.save_planned(move |_| Ok::<_, SaveError>((batch.clone(), expect.clone())), Vec::new()).await
    }

    /// Runs a command: it gets the archive as it is at write time and a fresh stamp from this
    /// device's clock, again on every retry, and what it plans is saved (see
    /// [`Repository::save_planned`]).
    pub async fn run<E: From<SaveError>>(
        self,
        command: impl Fn(&Archive, &Stamp) -> Result<(Batch, Vec<(String, Option<Hlc>)>), E>,
        files: Vec<(String, web_sys::Blob)>,
    ) -> Result<(), E> {
        let device = self.device();
        // A stamp from a device whose clock is far ahead (an imported bundle) does not drag this
        // device's stamps beyond a day ahead of its own clock; an edit of such a record is still
        // stamped after it, or it would lose to it on disk (commands::plan_stamped).
        self.save_planned(move |a| plan_stamped(a, platform::now_ms(), &device, &command), files).await
    }

    /// Builds the batch from the archive as it is now, and again after every refusal (another tab
    /// saved first): anything taken from the archive, such as the next 登记编号, is taken afresh,
    /// so two tabs never issue one number twice. The numbering counter is set here, never by
    /// callers. A command's refusal comes back as it is, a storage failure as
    /// `E::from(SaveError)`. Writes durably, applies the batch here and tells other tabs.
    pub async fn save_planned<E: From<SaveError>>(
        self,
        build: impl Fn(&Archive) -> Result<(Batch, Vec<(String, Option<Hlc>)>), E>,
        files: Vec<(String, web_sys::Blob)>,
    ) -> Result<(), E> {
        let db = self.db().ok_or(SaveError::NotReady)?;
        self.inner.update_value(|i| i.saving += 1);
        let result = self.save_once(&db, build, files).await;
        self.inner.update_value(|i| i.saving -= 1);
        result
    }

    async fn save_once<E: From<SaveError>>(
        self,
        db: &Db,
        build: impl Fn(&Archive) -> Result<(Batch, Vec<(String, Option<Hlc>)>), E>,
        files: Vec<(String, web_sys::Blob)>,
    ) -> Result<(), E> {
        let db = db.clone();
        let started = perf::now();
        for _ in 0..8 {
            let (mut batch, expect) = self.archive.with_untracked(|a| build(a))?;
            batch.next_seq = batch.next_seq.max(self.archive.with_untracked(|a| a.numbering().next_seq));
            self.check(&expect)?;
            let mark = self.inner.with_value(|i| i.mark);
            let appended = match disk::append(&db, &batch, mark, &files).await {
                Err(StorageError::QuotaFull(_)) => return Err(full().await.into()),
                other => other.map_err(SaveError::from)?,
            };
            match appended {
                Append::Written(mark) => {
                    perf::measure_since("dossier:save", started);
                    self.inner.update_value(|i| {
                        i.mark = mark;
                        i.unfolded.folded(mark.compacted);
                        i.pending.retain(|(k, _)| *k > mark.compacted);
                    });
                    self.apply_batch(&batch, mark.last_key);
                    self.inner.with_value(|i| {
                        if let Some(ch) = &i.channel {
                            ch.post(Note::Saved);
                        }
                    });
                    self.maybe_compact();
                    self.ask_persistence();
                    return Ok(());
                }
                Append::Behind(newer) => self.apply_newer(newer).await.map_err(SaveError::from)?,
                Append::Reload => {
                    self.reload().await.map_err(SaveError::from)?;
                }
            }
        }
        Err(SaveError::Storage(StorageError::Blocked("the journal kept moving".into())).into())
    }

    /// After the first real save, asks the browser to keep the archive under storage pressure.
    fn ask_persistence(self) {
        if matches!(self.persistence.get_untracked(), Persistence::Granted | Persistence::Denied | Persistence::Unsupported) {
            return;
        }
        // Asked once per session (a refusal is remembered by the browser anyway).
        self.persistence.set(Persistence::Checking);
        spawn_local(async move { self.persistence.set(crate::storage::request_persistence().await) });
    }

    /// Space used and allowed on this device (bytes), where the browser tells.
    pub async fn space(self) -> Option<(f64, f64)> {
        browser::estimate().await.map(|e| (e.usage, e.quota))
    }

    /// A temporary `blob:` address of a document's file, `None` if this device does not have it
    /// (revoke it when done).
    pub async fn file_url(self, key: &str) -> Result<Option<String>, StorageError> {
        let db = self.open_db()?;
        Ok(crate::storage::blobs::get(&db, key).await?.and_then(|blob| crate::storage::blobs::object_url(&blob)))
    }

    /// The bytes of a document's file, `None` if this device does not have it.
    pub async fn file_bytes(self, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
        let db = self.open_db()?;
        crate::storage::blobs::bytes(&db, key).await
    }

    /// After this tab replaced the archive on disk: every other tab is told to read it again,
    /// and this one reads it again.
    async fn replaced(self) -> Result<(), StorageError> {
        self.replaced_knowing(None).await
    }

    /// [`Self::replaced`], with the summaries of what this tab wrote.
    async fn replaced_knowing(self, known: Option<parts::Known>) -> Result<(), StorageError> {
        self.inner.update_value(|i| {
            if let Some(ch) = &i.channel {
                ch.post(Note::Replaced);
            }
        });
        self.reload_knowing(known).await.map(|_| ())
    }

    /// Takes customers off this device without deleting them anywhere else (returned lent
    /// copies): see `storage::withdraw`. Every tab then reads the archive again. Returns how
    /// many were taken off.
    pub async fn withdraw(self, ids: &[String]) -> Result<usize, StorageError> {
        let db = self.open_db()?;
        // Another tab may save in between: catch up and try again, a few times.
        for _ in 0..5 {
            let at: std::collections::BTreeMap<String, u32> = ids.iter().filter_map(|id| Some((id.clone(), self.indexes.position(id)?))).collect();
            if at.is_empty() {
                return Ok(0);
            }
            let mark = self.inner.with_value(|i| i.mark);
            let out = browser::with_lock(PAGES_LOCK, {
                let db = db.clone();
                async move { crate::storage::withdraw::withdraw(&db, mark, &at).await }
            })
            .await?;
            match out {
                crate::storage::withdraw::Withdrawn::Done(n) => {
                    self.replaced().await?;
                    return Ok(n);
                }
                crate::storage::withdraw::Withdrawn::Behind => self.catch_up(&db).await?,
            }
        }
        Err(StorageError::Failed("other tabs kept saving".into()))
    }

    /// Replaces this archive, which has no customer, with pages made part by part from a
    /// large bundle (`storage::restore`), in one transaction under the pages lock; every tab
    /// then reads the archive again. `false`: another tab saved since this tab's view (a
    /// customer may have been added), nothing written.
    pub async fn restore(self, pages: crate::storage::restore::PageBytes, numbering: dossier_core::Numbering, reps: Vec<dossier_core::Rep>, handoffs: Vec<dossier_core::archive::handoffs::Handoff>, files: Vec<(String, web_sys::Blob)>) -> Result<bool, StorageError> {
        let db = self.open_db()?;
        let mark = self.inner.with_value(|i| i.mark);
        let summaries = pages.summaries();
        let out = browser::with_lock(PAGES_LOCK, {
            let db = db.clone();
            async move {
                let rest = crate::storage::restore::Rest { numbering: &numbering, reps: &reps, handoffs: &handoffs, files: &files };
                crate::storage::restore::write(&db, mark, &pages, rest).await
            }
        })
        .await?;
        let Some(mark) = out else { return Ok(false) };
        // The summaries just written are not read back (~1 s at 100,000).
        self.replaced_knowing(Some(summaries.written_as(mark.generation))).await?;
        Ok(true)
    }

    /// The keys of every document file this device has.
    pub async fn file_keys(self) -> Result<std::collections::HashSet<String>, StorageError> {
        let db = self.open_db()?;
        crate::storage::blobs::keys(&db).await
    }

    /// Offers bytes as a file download (the rescue file).
    pub fn offer_download(self, name: &str, mime: &str, bytes: &[u8]) -> bool {
        browser::download(name, mime, bytes)
    }

    /// A new record id from the browser's random source, or why there is none.
    pub fn new_id(self) -> Result<String, SaveError> {
        platform::random_bytes().map(dossier_core::new_id).map_err(|_| SaveError::NoRandom)
    }

    fn check(self, expect: &[(String, Option<Hlc>)]) -> Result<(), SaveError> {
        self.archive.with_untracked(|a| {
            for (id, seen) in expect {
                // Ids are unique across cards and entries.
                let now = a.get(id).map(version_of).or_else(|| a.entry(id).map(entry_version));
                if now != *seen {
                    return Err(SaveError::Conflict);
                }
            }
            Ok(())
        })
    }

    /// Folds the journal into pages once it has grown, off the save path, under the pages lock.
    fn maybe_compact(self) {
        let due = self.inner.with_value(|i| i.mark.entries >= disk::COMPACT_AFTER && !i.compacting);
        if !due {
            return;
        }
        self.inner.update_value(|i| i.compacting = true);
        spawn_local(async move {
            let _ = browser::with_lock(PAGES_LOCK, async move { self.compact_now().await }).await;
            self.inner.update_value(|i| i.compacting = false);
        });
    }

    /// One compaction attempt, from this tab's current view (read after the lock was taken).
    pub async fn compact_now(self) -> Result<Compaction, StorageError> {
        let db = self.open_db()?;
        let (mark, unfolded, placed) = self.inner.with_value(|i| (i.mark, i.unfolded.clone(), i.history_placed));
        if mark.entries < disk::COMPACT_AFTER || !placed {
            // Another tab compacted while this one waited for the lock (or the change records
            // of an older database are not in their pages yet: the next save tries again).
            return Ok(Compaction::AlreadyDone);
        }
        let outcome = match self.pages_to_fold(&db, &unfolded, mark).await? {
            Some(pages) => disk::compact(&db, &pages, mark).await?,
            // A page does not hold what this tab expects: another tab moved on.
            None => Compaction::Behind,
        };
        match outcome {
            Compaction::Done => self.inner.update_value(|i| {
                i.unfolded.folded(mark.last_key);
                i.pending.retain(|(k, _)| *k > mark.last_key);
                i.mark.compacted = mark.last_key;
                // Rows saved while the pages were written still wait.
                i.mark.entries = i.mark.entries.saturating_sub(mark.entries);
            }),
            // Catch up now; the next save tries again if still due.
            Compaction::Behind | Compaction::AlreadyDone => self.catch_up(&db).await?,
            Compaction::Stale => {
                self.reload().await?;
            }
        }
        Ok(outcome)
    }

    /// The pages a compaction up to `mark` writes: each page that `unfolded` names, read as
    /// stored and brought up to date with the pending saves up to `mark`, one page at a time.
    /// `None` when a page does not hold the customers this tab places on it.
    async fn pages_to_fold(self, db: &Db, unfolded: &Unfolded, mark: JournalMark) -> Result<Option<PageSet>, StorageError> {
        let cards = pages_of(unfolded.cards.keys().copied());
        let files = pages_of(unfolded.ledgers.keys().copied());
        let total = self.indexes.count();
        let batches: Vec<Batch> = self.inner.with_value(|i| i.pending.iter().filter(|(k, _)| *k <= mark.last_key).map(|(_, b)| b.clone()).collect());
        let mut damage = self.inner.with_value(|i| i.damage.clone());
        let mut parts: Vec<(u32, Archive, Vec<Entry>)> = Vec::new();
        for &page in cards.union(&files) {
            let read = parts::read_page(db, page).await?.unwrap_or_default();
            let whole_page_lost = read.damage.records.iter().any(|d| d.whole && matches!(d.holds, Holds::Cards { .. }));
            damage.merge(read.damage);
            let here = |id: &str| self.indexes.position(id).map(|p| p / PAGE_ROWS as u32);
            let part = replay_part(Archive::with_entries(read.customers, read.entries, read.history, Default::default()), &batches, |id| here(id) == Some(page));
            let expected = total.saturating_sub(page as usize * PAGE_ROWS).min(PAGE_ROWS);
            if part.len() != expected && !whole_page_lost {
                return Ok(None);
            }
            // Entries left without their card here stay in this file page unless they moved to
            // a card on another page (a merge): an unreadable card's file is never dropped.
            let kept: Vec<Entry> = part.orphans().iter().filter(|e| here(&e.customer_id).is_none_or(|p| p == page)).cloned().collect();
            parts.push((page, part, kept));
        }
        let views: Vec<PagePart> = parts
            .iter()
            .map(|(page, part, kept)| PagePart { page: *page, customers: part.customers(), ledgers: part.ledgers(), kept, history: part.history().iter().collect() })
            .collect();
        let set = self.archive.with_untracked(|working| {
            // The history of customers the archive does not hold stays in `h/`.
            let unplaced: Vec<&ChangeRecord> = working.history().iter().filter(|h| self.indexes.position(&h.customer_id).is_none()).collect();
            PageSet::of_parts(&views, &cards, &files, working, &unplaced, &damage)
        })?;
        Ok(Some(set))
    }

    /// Replaces the archive with a generated sample of `count` customers and their files (about
    /// ten entries each), in one transaction.
    pub async fn load_sample(self, count: usize) -> Result<(), StorageError> {
        let db = self.open_db()?;
        self.busy.set(true);
        // Let the progress note paint before the CPU-heavy generation starts.
        perf::next_frame().await;
        let t0 = perf::now();
        let bytes = platform::random_bytes().map_err(|_| StorageError::NoRandom)?;
        let seed = u64::from_le_bytes(bytes[..8].try_into().unwrap_or([7; 8]));
        let (today, device) = (platform::today(), self.device());
        let mut customers = sample_archive(seed, count, today, &device);
        let reps = sample_owners(seed, &mut customers, &device);
        let entries = sample_ledger(seed, &customers, &reps, today, &device);
        let archive = std::rc::Rc::new(Archive::with_entries(customers, entries, vec![], Default::default()).with_reps(reps));
        perf::measure_since("dossier:generate", t0);
        let t1 = perf::now();
        let damage = self.inner.with_value(|i| i.damage.clone());
        let result = browser::with_lock(PAGES_LOCK, {
            let (archive, db) = (archive.clone(), db.clone());
            async move { disk::save_all_keeping(&db, &archive, &damage).await }
        })
        .await;
        self.busy.set(false);
        result?;
        // Let go of the generated archive; what is kept is read back as at start-up.
        drop(archive);
        perf::measure_since("dossier:save-all", t1);
        self.replaced().await?;
        perf::mark("dossier:sample-saved");
        Ok(())
    }
}

/// The customers `ids` as a batch that puts them in a working archive: each one's card and file
/// as its pages hold them (`cards`, `entries`), brought up to date with the pending saves.
/// A customer with no card anywhere is left out.
fn brought_up_to_date(ids: &[String], cards: Vec<Customer>, entries: Vec<Entry>, history: Vec<ChangeRecord>, batches: &[&Batch]) -> Batch {
    let mut files: HashMap<String, Vec<Entry>> = HashMap::new();
    for e in entries {
        files.entry(e.customer_id.clone()).or_default().push(e);
    }
    let mut records: HashMap<String, Vec<ChangeRecord>> = HashMap::new();
    for h in history {
        records.entry(h.customer_id.clone()).or_default().push(h);
    }
    let mut cards: HashMap<String, Customer> = cards.into_iter().map(|c| (c.id.clone(), c)).collect();
    let mut out = Batch::default();
    for id in ids {
        let (card, file, history) = (cards.remove(id).into_iter().collect(), files.remove(id).unwrap_or_default(), records.remove(id).unwrap_or_default());
        let part = replay_part(Archive::with_entries(card, file, history, Default::default()), batches.iter().copied(), |x| x == id);
        if let Some(c) = part.get(id) {
            out.customers.push(c.clone());
            out.entries.extend(part.ledger(id).iter().cloned());
            out.history.extend(part.history().iter().cloned());
        }
    }
    out
}

/// Every customer's summary made from the card and entry pages, one page at a time (a database
/// written before the summary pages, or of an older format). What does not read is added to
/// `damage`; an unreadable or missing card page holds its positions with placeholders.
async fn summaries_from_pages(db: &Db, pages: u32, damage: &mut Damage, progress: RwSignal<Option<(u32, u32)>>) -> Result<Vec<Summary>, StorageError> {
    let mut out = Vec::new();
    let mut scratch = LedgerScratch::default();
    for page in 0..pages {
        progress.set(Some((page, pages)));
        perf::pause().await;
        let Some(parts::Part { customers, entries, history, damage: found }) = parts::read_page(db, page).await? else {
            if page + 1 < pages {
                let blank = Summary::of(&Customer { deleted: true, ..Customer::default() }, &[], &mut scratch);
                out.extend((0..PAGE_ROWS).map(|i| Summary { id: format!("damaged:missing:{}", page as usize * PAGE_ROWS + i), ..blank.clone() }));
            }
            continue;
        };
        damage.merge(found);
        let part = Archive::with_entries(customers, entries, history, Default::default());
        out.extend(part.files().map(|(c, file)| Summary::of(c, file, &mut scratch)));
    }
    Ok(out)
}

/// The damage as the user is told of it: customers named where the records allow.
fn damage_report(damage: &Damage, position: impl Fn(&str) -> Option<u32>, summaries: &[Summary]) -> DamageReport {
    let named = |id: &str| position(id).and_then(|p| summaries.get(p as usize)).filter(|s| s.id == id).map(|c| (c.reg_no.clone(), c.name.clone()));
    let mut r = DamageReport { records: damage.records.len(), ..DamageReport::default() };
    for d in &damage.records {
        for c in &d.named.customers {
            let known = named(&c.id);
            let shown = known.unwrap_or_else(|| (c.reg_no.clone(), c.name.clone()));
            if !r.cards.contains(&shown) {
                r.cards.push(shown);
            }
        }
        for id in &d.named.files_of {
            if let Some(c) = named(id) {
                if !r.files.contains(&c) {
                    r.files.push(c);
                }
            }
        }
        match (d.place, d.holds) {
            (Place::Journal, _) => r.saves += 1,
            (Place::Page, Holds::Cards { .. }) if d.whole => r.unnamed_cards += PAGE_ROWS,
            (Place::Page, Holds::Files { first }) if d.whole => {
                // The cards read: name the customers whose files were on that page.
                for c in summaries.iter().skip(first as usize).take(PAGE_ROWS).filter(|c| !c.deleted) {
                    let shown = (c.reg_no.clone(), c.name.clone());
                    if !r.files.contains(&shown) {
                        r.files.push(shown);
                    }
                }
            }
            _ => {}
        }
    }
    r
}

/// The "full disk" answer, with how much space is used and allowed where the browser tells.
async fn full() -> SaveError {
    let estimate = browser::estimate().await;
    SaveError::Full { used: estimate.map(|e| e.usage), quota: estimate.map(|e| e.quota) }
}

impl Default for Repository {
    fn default() -> Self {
        Self::new()
    }
}
