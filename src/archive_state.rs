//! This tab's working archive: read from IndexedDB once, searched and filtered in memory, saved
//! as journal batches, kept in step with other tabs through a BroadcastChannel.

use dossier_core::archive::{Archive, Batch, PAGE_ROWS};
use dossier_core::{
    clusters, merge_cards, move_entries, sample_archive, sample_ledger, sample_owners, Action, CardMergeError, Change, ChangeRecord,
    Customer, DupCheck, DupCluster, DupGroup, DupIndex, Entry, Filter, Hlc, MergeChoices, Rep, SearchIndex, Stamp,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform;
use crate::storage::archive::{self as disk, Append, Catchup, Compaction, Damage, Holds, JournalMark, Newer, PageSet, Place, Unfolded};
use crate::storage::browser;
use crate::storage::channel::{Channel, Note};
use crate::perf;
use crate::storage::{Db, Persistence, StorageError};

/// The Web Lock held by work that rewrites pages (compaction, whole-archive saves): one tab at
/// a time prepares such a write. The checks inside each transaction remain the real guard.
const PAGES_LOCK: &str = "dossier-pages";

/// Distinct names sorted by code point, and each one's place in the collator's order.
type NamePlaces = (Vec<String>, Vec<u32>);

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
    /// What journal entries changed that no page holds yet.
    unfolded: Unfolded,
    channel: Option<Channel>,
    compacting: bool,
    /// Records that did not read: kept as stored, listed to the user.
    damage: Damage,
}

#[derive(Clone, Copy)]
pub struct ArchiveState {
    pub status: RwSignal<LoadStatus>,
    pub archive: RwSignal<Archive>,
    /// Bumped on every change, so lists recompute without comparing 100,000 records.
    pub revision: RwSignal<u64>,
    /// The last deleted customer, for undo.
    pub last_deleted: RwSignal<Option<String>>,
    /// Long work under way (sample generation), for a progress note.
    pub busy: RwSignal<bool>,
    /// Stored records that did not read (normally empty).
    pub damage: RwSignal<DamageReport>,
    /// Whether the browser promised to keep the archive; asked after the first real save.
    pub persistence: RwSignal<Persistence>,
    index: StoredValue<SearchIndex, LocalStorage>,
    /// Phone, tax number and name lookups for 查重; built on first use (≈ 0.5 s at 100,000
    /// customers, which start-up should not pay), then kept up to date like the search index.
    dups: StoredValue<Option<DupIndex>, LocalStorage>,
    /// The last collation of the distinct names (names, places): a save that changes no name
    /// re-sorts by name without asking the browser's collator again.
    name_places: StoredValue<Option<NamePlaces>, LocalStorage>,
    inner: StoredValue<Inner, LocalStorage>,
}

/// Why merging two cards did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeFailure {
    Merge(CardMergeError),
    Save(SaveError),
}

impl ArchiveState {
    pub fn new() -> ArchiveState {
        ArchiveState {
            status: RwSignal::new(LoadStatus::Loading),
            archive: RwSignal::new(Archive::default()),
            revision: RwSignal::new(0),
            last_deleted: RwSignal::new(None),
            busy: RwSignal::new(false),
            damage: RwSignal::new(DamageReport::default()),
            persistence: RwSignal::new(Persistence::Checking),
            index: StoredValue::new_local(SearchIndex::build(&[])),
            dups: StoredValue::new_local(None),
            name_places: StoredValue::new_local(None),
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
            match self.reload().await {
                Ok(()) => {
                    self.status.set(LoadStatus::Ready);
                    // After the list has rendered: the start-up benchmark's end point.
                    let count = self.archive.with_untracked(|a| a.live_count());
                    perf::after_render(move || perf::mark_with_count("dossier:archive-ready", count));
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
        self.index.set_value(SearchIndex::build(loaded.archive.customers()));
        self.dups.set_value(None);
        self.inner.update_value(|i| {
            i.mark = loaded.journal;
            i.unfolded = loaded.unfolded;
            i.damage = loaded.damage;
        });
        self.archive.set(loaded.archive);
        self.report_damage();
        self.revision.update(|r| *r += 1);
        Ok(())
    }

    /// Recomputes what the user is told about damaged records.
    fn report_damage(self) {
        let report = self.inner.with_value(|i| self.archive.with_untracked(|a| damage_report(&i.damage, a)));
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
        let mut applied = None;
        self.archive.update(|a| applied = Some(a.apply(batch)));
        let Some(applied) = applied else { return };
        // Both indexes follow every changed card, in position order (new ones are appended).
        self.archive.with_untracked(|a| {
            self.index.update_value(|search| {
                self.dups.update_value(|dups| {
                    let changed = applied.updated.iter().map(|&p| (p, false)).chain(applied.added.iter().map(|&p| (p, true)));
                    for (p, added) in changed {
                        let Some(c) = a.customers().get(p as usize) else { continue };
                        if added {
                            search.push(c);
                        } else {
                            search.update(p, c);
                        }
                        match dups {
                            Some(d) if added => d.push(c),
                            Some(d) => d.update(p, c),
                            None => {}
                        }
                    }
                });
            });
        });
        self.inner.update_value(|i| i.unfolded.note(&applied, key));
        self.revision.update(|r| *r += 1);
    }

    /// Writes one save durably, then applies it here and tells other tabs. `expect` lists the
    /// records the save was based on, with the version the user saw (`None`: must be new); if
    /// any changed meanwhile, nothing is written and the user is asked.
    pub async fn save(self, batch: Batch, expect: Vec<(String, Option<Hlc>)>) -> Result<(), SaveError> {
        self.save_with_files(batch, expect, Vec::new()).await
    }

    /// As [`ArchiveState::save`], writing attachments (key → file) in the same transaction.
    pub async fn save_with_files(self, batch: Batch, expect: Vec<(String, Option<Hlc>)>, files: Vec<(String, web_sys::Blob)>) -> Result<(), SaveError> {
        self.save_built(move |_| Ok((batch.clone(), expect.clone())), files).await
    }

    /// Builds the batch from the archive as it is now, and again after every refusal (another tab
    /// saved first): anything taken from the archive, such as the next 登记编号, is taken afresh,
    /// so two tabs never issue one number twice. The numbering counter is set here, never by
    /// callers.
    pub async fn save_built(
        self,
        build: impl Fn(&Archive) -> Result<(Batch, Vec<(String, Option<Hlc>)>), SaveError>,
        files: Vec<(String, web_sys::Blob)>,
    ) -> Result<(), SaveError> {
        let db = self.db().ok_or(SaveError::NotReady)?;
        let started = perf::now();
        for _ in 0..8 {
            let (mut batch, expect) = self.archive.with_untracked(|a| build(a))?;
            batch.next_seq = batch.next_seq.max(self.archive.with_untracked(|a| a.numbering().next_seq));
            self.check(&expect)?;
            let mark = self.inner.with_value(|i| i.mark);
            let appended = match disk::append(&db, &batch, mark, &files).await {
                Err(StorageError::QuotaFull(_)) => return Err(full().await),
                other => other?,
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
                Append::Reload => self.reload().await?,
            }
        }
        Err(SaveError::Storage(StorageError::Blocked("the journal kept moving".into())))
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
        let entries = sample_ledger(seed, &customers, today, &device);
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
        self.index.set_value(SearchIndex::build(archive.customers()));
        self.dups.set_value(None);
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

    /// The rank of every position in `by` order; names in pinyin order (the browser's collator,
    /// reused while the set of names is unchanged).
    pub fn ranks(self, by: dossier_core::SortKey) -> Vec<u32> {
        self.archive.with_untracked(|a| match by {
            dossier_core::SortKey::Name => dossier_core::ranks_by_name(a.customers(), |names| {
                let cached = self.name_places.with_value(|c| c.as_ref().filter(|(n, _)| n[..] == *names).map(|(_, p)| p.clone()));
                cached.unwrap_or_else(|| {
                    let places = platform::collation_places(names).unwrap_or_default();
                    self.name_places.set_value(Some((names.iter().map(|n| n.to_string()).collect(), places.clone())));
                    places
                })
            }),
            _ => dossier_core::ranks(a.customers(), by),
        })
    }

    /// Search-as-you-type and filters over the in-memory index: live positions, ascending.
    pub fn select(self, query: &str, filter: &Filter) -> Vec<u32> {
        self.index.with_value(|i| i.select(query, filter))
    }

    /// One change record for a save.
    pub fn record(self, customer_id: &str, action: Action, changes: Vec<Change>, stamp: &Stamp) -> Result<ChangeRecord, SaveError> {
        Ok(ChangeRecord { id: self.new_id()?, customer_id: customer_id.to_string(), stamp: stamp.clone(), action, changes })
    }

    /// Saves one customer as changed by `edit` (which returns the history changes), guarding
    /// against a stale base version.
    pub async fn change(
        self,
        id: &str,
        base: Option<Hlc>,
        action: Action,
        edit: impl FnOnce(&mut Customer, Stamp) -> Result<Vec<Change>, SaveError>,
    ) -> Result<(), SaveError> {
        let Some(mut c) = self.archive.with_untracked(|a| a.get(id).cloned()) else {
            return Err(SaveError::Conflict);
        };
        let base = base.unwrap_or_else(|| version_of(&c));
        let stamp = self.stamp();
        let changes = edit(&mut c, stamp.clone())?;
        let rec = self.record(id, action, changes, &stamp)?;
        self.save(Batch { customers: vec![c], history: vec![rec], ..Batch::default() }, vec![(id.to_string(), Some(base))]).await
    }
}

impl ArchiveState {
    /// Saves one entry of a customer's file (new: `base` None), with its attachment if any.
    pub async fn save_entry(self, entry: Entry, base: Option<Hlc>, files: Vec<(String, web_sys::Blob)>) -> Result<(), SaveError> {
        let id = entry.id.clone();
        self.save_with_files(Batch { entries: vec![entry], ..Batch::default() }, vec![(id, base)], files).await
    }
}

impl ArchiveState {
    /// Deletes one entry of a file (a tombstone that merges like an edit); a document's file is
    /// removed from this device in the same transaction.
    pub async fn delete_entry(self, entry_id: &str) -> Result<(), SaveError> {
        let Some(mut entry) = self.archive.with_untracked(|a| a.entry(entry_id).cloned()) else {
            return Err(SaveError::Conflict);
        };
        let base = entry_version(&entry);
        entry.delete(self.stamp());
        self.save(Batch { entries: vec![entry], ..Batch::default() }, vec![(entry_id.to_string(), Some(base))]).await
    }
}

/// 查重 and 负责人.
impl ArchiveState {
    /// Builds the duplicate index if it is not there yet.
    pub fn ensure_dups(self) {
        if self.dups.with_value(Option::is_some) {
            return;
        }
        let t0 = perf::now();
        let index = self.archive.with_untracked(|a| DupIndex::build(a.customers()));
        self.dups.set_value(Some(index));
        perf::measure_since("dossier:dup-index", t0);
    }

    /// The duplicate check of a card being created (`editing` None) or edited, from its fields.
    pub fn dup_check(self, name: &str, phones: &[&str], tax: &str, editing: Option<&str>) -> DupCheck {
        self.ensure_dups();
        let t0 = perf::now();
        let check = self.archive.with_untracked(|a| {
            let exclude = editing.and_then(|id| a.position(id));
            self.dups.with_value(|d| d.as_ref().map(|d| d.check_fields(a.customers(), name, phones, tax, exclude)).unwrap_or_default())
        });
        perf::measure_since("dossier:dup-check", t0);
        check
    }

    /// Every duplicate group of the archive, and the clusters they form (one per customer).
    pub fn dup_scan(self) -> (Vec<DupGroup>, Vec<DupCluster>) {
        self.ensure_dups();
        let t0 = perf::now();
        let groups = self.archive.with_untracked(|a| self.dups.with_value(|d| d.as_ref().map(|d| d.groups(a.customers())).unwrap_or_default()));
        let found = clusters(&groups);
        perf::measure_since("dossier:dup-scan", t0);
        (groups, found)
    }

    /// Merges `other_id` into `survivor_id` (fields by `choices`), moving the other card's file,
    /// in one save. `by` is the acting rep.
    pub async fn merge_cards(self, survivor_id: &str, other_id: &str, choices: &MergeChoices, by: &str) -> Result<(), MergeFailure> {
        let (survivor, other) = self
            .archive
            .with_untracked(|a| Some((a.get(survivor_id)?.clone(), a.get(other_id)?.clone())))
            .ok_or(MergeFailure::Save(SaveError::Conflict))?;
        let stamp = self.stamp();
        let ids = [self.new_id().map_err(MergeFailure::Save)?, self.new_id().map_err(MergeFailure::Save)?];
        let merged = merge_cards(&survivor, &other, choices, by, &stamp, ids, platform::today()).map_err(MergeFailure::Merge)?;
        let entries = self.archive.with_untracked(|a| move_entries(a.ledger(other_id), survivor_id, &stamp));
        let expect = vec![(survivor.id.clone(), Some(version_of(&survivor))), (other.id.clone(), Some(version_of(&other)))];
        let batch = Batch { customers: vec![merged.survivor, merged.merged], entries, history: merged.history, ..Batch::default() };
        self.save(batch, expect).await.map_err(MergeFailure::Save)
    }

    /// Adds or edits a rep (业务员).
    pub async fn save_rep(self, rep: Rep) -> Result<(), SaveError> {
        self.save(Batch { reps: vec![rep], ..Batch::default() }, Vec::new()).await
    }
}

/// Creating a card.
impl ArchiveState {
    /// Creates a customer from a validated card, its people and status; returns its id. The
    /// 登记编号 is issued from the archive as it is when the save is written (again on a retry),
    /// so it is never one another tab took meanwhile.
    pub async fn create_customer(self, new: NewCustomer) -> Result<String, SaveError> {
        let id = self.new_id()?;
        let person_ids = new.people.iter().map(|_| self.new_id()).collect::<Result<Vec<_>, _>>()?;
        let record_id = self.new_id()?;
        let year: i32 = new.today.format("%Y").to_string().parse().unwrap_or(2026);
        let device = self.device();
        let by = new.by.clone();
        let cid = id.clone();
        self.save_built(
            move |a| {
                let mut numbering = a.numbering().clone();
                let reg_no = numbering.issue(year);
                let stamp = a.clock().stamp(platform::now_ms(), &device);
                let raw = dossier_core::card_to_raw(&new.body);
                let mut c = Customer::new(cid.clone(), reg_no, new.body.clone(), stamp.clone());
                for (pid, info) in person_ids.iter().zip(&new.people) {
                    c.upsert_contact(dossier_core::Contact::new(pid.clone(), info.clone(), stamp.clone()));
                }
                c.tier = new.tier;
                c.region = new.region.trim().to_string();
                c.tags = new.tags.clone();
                if !new.owner.is_empty() {
                    // The first owner needs no reason; the change lands in 负责人记录.
                    let _ = dossier_core::change_owner(&mut c, &new.owner, &by, "", stamp.clone());
                }
                let changes = dossier_core::diff_raw(&dossier_core::RawForm::new(), &raw);
                let rec = ChangeRecord { id: record_id.clone(), customer_id: cid.clone(), stamp, action: Action::Create, changes };
                let batch = Batch { customers: vec![c], history: vec![rec], next_seq: numbering.next_seq, ..Batch::default() };
                Ok((batch, vec![(cid.clone(), None)]))
            },
            Vec::new(),
        )
        .await?;
        Ok(id)
    }
}

/// A card to create, validated.
#[derive(Clone, Debug)]
pub struct NewCustomer {
    pub body: dossier_core::CardBody,
    pub people: Vec<dossier_core::ContactFields>,
    pub tier: Option<dossier_core::Tier>,
    pub region: String,
    pub tags: std::collections::BTreeSet<dossier_core::Tag>,
    /// The rep in charge (id), or empty.
    pub owner: String,
    /// The rep creating the card (id), for 负责人记录.
    pub by: String,
    pub today: chrono::NaiveDate,
}

/// The damage as the user is told of it: customers named where the records allow.
fn damage_report(damage: &Damage, a: &Archive) -> DamageReport {
    let named = |id: &str| a.get(id).map(|c| (c.reg_no.clone(), c.display_name().to_string()));
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
                for c in a.customers().iter().skip(first as usize).take(PAGE_ROWS).filter(|c| !c.deleted) {
                    let shown = (c.reg_no.clone(), c.display_name().to_string());
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

impl Default for ArchiveState {
    fn default() -> Self {
        Self::new()
    }
}
