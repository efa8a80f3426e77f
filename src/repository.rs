//! The repository: this tab's working archive, read from IndexedDB once, saved as journal
//! batches (retried when another tab saved first), kept in step with other tabs through a
//! BroadcastChannel, and compacted into pages. The in-memory indexes follow every change it
//! applies. Use-cases (`archive_state`) build batches; this file only loads and writes them.

use dossier_core::archive::{Archive, Batch, PAGE_ROWS};
use dossier_core::summary::Summary;
use dossier_core::{sample_archive, sample_ledger, sample_owners, Hlc, Stamp};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::indexes::Indexes;
use crate::platform;
use crate::storage::archive::{self as disk, Append, Catchup, Compaction, Damage, Holds, JournalMark, Newer, PageSet, Place, SummaryPages, Unfolded};
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
    /// The list, search, filters and sorts work from the stored summaries; the cards and files
    /// are still being read (every other page waits for `Ready`).
    Listing,
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
    /// What journal entries changed that no page holds yet.
    unfolded: Unfolded,
    channel: Option<Channel>,
    compacting: bool,
    /// Records that did not read: kept as stored, listed to the user.
    damage: Damage,
}

#[derive(Clone, Copy)]
pub struct Repository {
    pub status: RwSignal<LoadStatus>,
    pub archive: RwSignal<Archive>,
    /// Bumped on every change, so views recompute without comparing 100,000 records.
    pub revision: RwSignal<u64>,
    /// Long work under way (sample generation), for a progress note.
    pub busy: RwSignal<bool>,
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
            damage: RwSignal::new(DamageReport::default()),
            persistence: RwSignal::new(Persistence::Checking),
            indexes: Indexes::new(),
            inner: StoredValue::new_local(Inner {
                db: None,
                device: String::new(),
                mark: JournalMark::default(),
                unfolded: Unfolded::default(),
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
            // The list first, from the summaries alone (a 100,000-customer archive is read in a
            // fraction of the time its cards and files take), then everything.
            if let Some(db) = self.db() {
                if let Ok(Some(quick)) = disk::load_summaries(&db).await {
                    if self.status.get_untracked() == LoadStatus::Loading {
                        let count = quick.summaries.iter().filter(|s| !s.deleted).count();
                        self.archive.set(Archive::default().with_reps(quick.reps));
                        self.indexes.rebuild_from(quick.summaries);
                        self.status.set(LoadStatus::Listing);
                        self.revision.update(|r| *r += 1);
                        perf::after_render(move || perf::mark_with_count("dossier:list-ready", count));
                    }
                }
            }
            match self.reload().await {
                Ok(()) => {
                    self.status.set(LoadStatus::Ready);
                    // After the list has rendered: the start-up benchmark's end point.
                    let count = self.archive.with_untracked(|a| a.live_count());
                    perf::after_render(move || perf::mark_with_count("dossier:archive-ready", count));
                    // Notes that came while loading were left to this: what other tabs saved since.
                    if let Some(db) = self.db() {
                        if let Err(e) = self.catch_up(&db).await {
                            self.status.set(LoadStatus::Failed(e));
                        }
                    }
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
        let mut clock = self.archive.with_untracked(|a| a.clock());
        clock.stamp(platform::now_ms(), &device)
    }

    async fn reload(self) -> Result<(), StorageError> {
        let db = self.open_db()?;
        let loaded = disk::load(&db).await?;
        self.indexes.rebuild(&loaded.archive);
        self.inner.update_value(|i| {
            i.mark = loaded.journal;
            i.unfolded = loaded.unfolded;
            i.damage = loaded.damage;
        });
        self.archive.set(loaded.archive);
        self.report_damage();
        self.revision.update(|r| *r += 1);
        if !loaded.summaries_current {
            self.refresh_summaries();
        }
        Ok(())
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
            Note::Replaced => self.reload().await,
            Note::Saved => self.catch_up(&db).await,
        };
        if let Err(e) = result {
            self.status.set(LoadStatus::Failed(e));
        }
    }

    async fn catch_up(self, db: &Db) -> Result<(), StorageError> {
        let mark = self.inner.with_value(|i| i.mark);
        match disk::catch_up(db, mark).await? {
            Catchup::Reload => self.reload().await,
            Catchup::Entries(newer) => {
                self.apply_newer(newer);
                Ok(())
            }
        }
    }

    /// Applies rows other tabs wrote, and what they say of the journal.
    fn apply_newer(self, newer: Newer) {
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
            i.damage.extend(newer.damaged);
        });
        if damaged {
            self.report_damage();
        }
    }

    fn apply_batch(self, batch: &Batch, key: f64) {
        // To the next paint: the archive, the indexes and every open view brought up to date
        // (the bench's "one edit with the list open").
        let t0 = perf::now();
        perf::after_render(move || perf::measure_since("dossier:apply", t0));
        let mut applied = None;
        self.archive.update(|a| applied = Some(a.apply(batch)));
        let Some(applied) = applied else { return };
        self.archive.with_untracked(|a| self.indexes.applied(a, &applied));
        self.inner.update_value(|i| i.unfolded.note(&applied, key));
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
        self.save_planned(move |a| command(a, &a.clock().stamp(platform::now_ms(), &device)), files).await
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
                Append::Behind(newer) => self.apply_newer(newer),
                Append::Reload => self.reload().await.map_err(SaveError::from)?,
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
        let (mark, unfolded) = self.inner.with_value(|i| (i.mark, i.unfolded.clone()));
        if mark.entries < disk::COMPACT_AFTER {
            // Another tab compacted while this one waited for the lock.
            return Ok(Compaction::AlreadyDone);
        }
        let pages = self.inner.with_value(|i| self.archive.with_untracked(|a| PageSet::of_damaged(a, &unfolded, &i.damage)))?;
        let outcome = disk::compact(&db, &pages, mark).await?;
        match outcome {
            Compaction::Done => self.inner.update_value(|i| {
                i.unfolded.folded(mark.last_key);
                i.mark.compacted = mark.last_key;
                // Rows saved while the pages were written still wait.
                i.mark.entries = i.mark.entries.saturating_sub(mark.entries);
            }),
            // Catch up now; the next save tries again if still due.
            Compaction::Behind | Compaction::AlreadyDone => self.catch_up(&db).await?,
            Compaction::Stale => self.reload().await?,
        }
        Ok(outcome)
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
        let mark = result?;
        // The future that held the other reference has finished: no copy is made.
        let archive = std::rc::Rc::try_unwrap(archive).unwrap_or_else(|rc| (*rc).clone());
        perf::measure_since("dossier:save-all", t1);
        self.indexes.rebuild(&archive);
        self.inner.update_value(|i| {
            i.mark = mark;
            i.unfolded.clear();
            if let Some(ch) = &i.channel {
                ch.post(Note::Replaced);
            }
        });
        self.archive.set(archive);
        // The old archive's damaged records now live in the rescue store: list them from there.
        if let Ok(damage) = disk::rescued(&db).await {
            self.inner.update_value(|i| i.damage = damage);
            self.report_damage();
        }
        self.revision.update(|r| *r += 1);
        perf::mark("dossier:sample-saved");
        Ok(())
    }
}

/// The damage as the user is told of it: customers named where the records allow.
fn damage_report(damage: &Damage, position: impl Fn(&str) -> Option<u32>, summaries: &[Summary]) -> DamageReport {
    let named = |id: &str| position(id).and_then(|p| summaries.get(p as usize)).map(|c| (c.reg_no.clone(), c.name.clone()));
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
