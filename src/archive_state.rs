//! This tab's working archive: read from IndexedDB once, searched and filtered in memory, saved
//! as journal batches, kept in step with other tabs through a BroadcastChannel.

use dossier_core::archive::{Archive, Batch};
use dossier_core::{
    clusters, merge_cards, move_entries, sample_archive, sample_ledger, sample_owners, Action, CardMergeError, Change, ChangeRecord,
    Customer, DupCheck, DupCluster, DupGroup, DupIndex, Entry, Filter, Hlc, MergeChoices, Rep, SearchIndex, Stamp,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform;
use crate::storage::archive::{self as disk, Append, Catchup, JournalMark, PageSet, Unfolded};
use crate::storage::channel::{Channel, Note};
use crate::storage::perf;
use crate::storage::{Db, StorageError};

#[derive(Clone, Debug, PartialEq)]
pub enum LoadStatus {
    Loading,
    Ready,
    Failed(StorageError),
}

#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    Storage(StorageError),
    /// The record changed (in another tab) since the user started editing it.
    Conflict,
    NotReady,
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
    index: StoredValue<SearchIndex, LocalStorage>,
    /// Phone, tax number and name lookups for 查重; built on first use (≈ 0.5 s at 100,000
    /// customers, which start-up should not pay), then kept up to date like the search index.
    dups: StoredValue<Option<DupIndex>, LocalStorage>,
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
            index: StoredValue::new_local(SearchIndex::build(&[])),
            dups: StoredValue::new_local(None),
            inner: StoredValue::new_local(Inner {
                db: None,
                device: String::new(),
                mark: JournalMark::default(),
                unfolded: Unfolded::default(),
                channel: None,
                compacting: false,
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
        let db = self.db().ok_or_else(|| StorageError::Failed("not open".into()))?;
        let loaded = disk::load(&db).await?;
        self.index.set_value(SearchIndex::build(loaded.archive.customers()));
        self.dups.set_value(None);
        self.inner.update_value(|i| {
            i.mark = loaded.journal;
            i.unfolded = loaded.unfolded;
        });
        self.archive.set(loaded.archive);
        self.revision.update(|r| *r += 1);
        Ok(())
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
            Catchup::Entries(entries) => {
                self.apply_entries(entries);
                Ok(())
            }
        }
    }

    fn apply_entries(self, entries: Vec<(f64, Batch)>) {
        for (key, batch) in entries {
            self.apply_batch(&batch, key);
            self.inner.update_value(|i| {
                i.mark.last_key = i.mark.last_key.max(key);
                i.mark.entries += 1;
            });
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
        let db = self.db().ok_or(SaveError::NotReady)?;
        let started = perf::now();
        for _ in 0..4 {
            self.check(&expect)?;
            let mark = self.inner.with_value(|i| i.mark);
            match disk::append(&db, &batch, mark, &files).await? {
                Append::Written(mark) => {
                    perf::measure_since("dossier:save", started);
                    self.inner.update_value(|i| i.mark = mark);
                    self.apply_batch(&batch, mark.last_key);
                    self.inner.with_value(|i| {
                        if let Some(ch) = &i.channel {
                            ch.post(Note::Saved);
                        }
                    });
                    self.maybe_compact();
                    return Ok(());
                }
                Append::Behind(entries) => self.apply_entries(entries),
                Append::Reload => self.reload().await?,
            }
        }
        Err(SaveError::Storage(StorageError::Blocked("the journal kept moving".into())))
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

    /// Folds the journal into pages once it has grown, off the save path.
    fn maybe_compact(self) {
        let due = self.inner.with_value(|i| i.mark.entries >= disk::COMPACT_AFTER && !i.compacting);
        if !due {
            return;
        }
        self.inner.update_value(|i| i.compacting = true);
        spawn_local(async move {
            let Some(db) = self.db() else { return };
            let (mark, unfolded) = self.inner.with_value(|i| (i.mark, i.unfolded.clone()));
            let pages = self.archive.with_untracked(|a| PageSet::of(a, &unfolded));
            if let Ok(pages) = pages {
                if let Ok(true) = disk::compact(&db, &pages, mark).await {
                    self.inner.update_value(|i| {
                        i.unfolded.folded(mark.last_key);
                        i.mark.entries = i.mark.entries.saturating_sub(mark.entries);
                    });
                }
            }
            self.inner.update_value(|i| i.compacting = false);
        });
    }

    /// Replaces the archive with a generated sample of `count` customers and their files (about
    /// ten entries each), in one transaction.
    pub async fn load_sample(self, count: usize) -> Result<(), StorageError> {
        let db = self.db().ok_or_else(|| StorageError::Failed("not open".into()))?;
        self.busy.set(true);
        // Let the progress note paint before the CPU-heavy generation starts.
        perf::next_frame().await;
        let t0 = perf::now();
        let seed = u64::from_le_bytes(platform::random_bytes()[..8].try_into().unwrap_or([7; 8]));
        let (today, device) = (platform::today(), self.device());
        let mut customers = sample_archive(seed, count, today, &device);
        let reps = sample_owners(seed, &mut customers, &device);
        let entries = sample_ledger(seed, &customers, today, &device);
        let archive = Archive::with_entries(customers, entries, vec![], Default::default()).with_reps(reps);
        perf::measure_since("dossier:generate", t0);
        let t1 = perf::now();
        let result = disk::save_all(&db, &archive).await;
        self.busy.set(false);
        let mark = result?;
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
        self.revision.update(|r| *r += 1);
        perf::mark("dossier:sample-saved");
        Ok(())
    }

    /// Search-as-you-type and filters over the in-memory index: live positions, ascending.
    pub fn select(self, query: &str, filter: &Filter) -> Vec<u32> {
        self.index.with_value(|i| i.select(query, filter))
    }

    /// One change record for a save.
    pub fn record(self, customer_id: &str, action: Action, changes: Vec<Change>, stamp: &Stamp) -> ChangeRecord {
        ChangeRecord {
            id: dossier_core::new_id(platform::random_bytes()),
            customer_id: customer_id.to_string(),
            stamp: stamp.clone(),
            action,
            changes,
        }
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
        let rec = self.record(id, action, changes, &stamp);
        let next_seq = self.archive.with_untracked(|a| a.numbering().next_seq);
        self.save(Batch { customers: vec![c], history: vec![rec], next_seq, ..Batch::default() }, vec![(id.to_string(), Some(base))]).await
    }
}

impl ArchiveState {
    /// Saves one entry of a customer's file (new: `base` None), with its attachment if any.
    pub async fn save_entry(self, entry: Entry, base: Option<Hlc>, files: Vec<(String, web_sys::Blob)>) -> Result<(), SaveError> {
        let id = entry.id.clone();
        let next_seq = self.archive.with_untracked(|a| a.numbering().next_seq);
        self.save_with_files(Batch { entries: vec![entry], next_seq, ..Batch::default() }, vec![(id, base)], files).await
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
        let ids = [dossier_core::new_id(platform::random_bytes()), dossier_core::new_id(platform::random_bytes())];
        let merged = merge_cards(&survivor, &other, choices, by, &stamp, ids, platform::today()).map_err(MergeFailure::Merge)?;
        let entries = self.archive.with_untracked(|a| move_entries(a.ledger(other_id), survivor_id, &stamp));
        let expect = vec![(survivor.id.clone(), Some(version_of(&survivor))), (other.id.clone(), Some(version_of(&other)))];
        let next_seq = self.archive.with_untracked(|a| a.numbering().next_seq);
        let batch = Batch { customers: vec![merged.survivor, merged.merged], entries, history: merged.history, next_seq, ..Batch::default() };
        self.save(batch, expect).await.map_err(MergeFailure::Save)
    }

    /// Adds or edits a rep (业务员).
    pub async fn save_rep(self, rep: Rep) -> Result<(), SaveError> {
        let next_seq = self.archive.with_untracked(|a| a.numbering().next_seq);
        self.save(Batch { reps: vec![rep], next_seq, ..Batch::default() }, Vec::new()).await
    }
}

impl Default for ArchiveState {
    fn default() -> Self {
        Self::new()
    }
}
