//! The app's use-cases over the repository: each builds the batch a user action means and saves
//! it through [`Repository`], which loads, writes, retries and keeps tabs in step; the in-memory
//! indexes ([`crate::indexes`]) follow. Views call these, never storage.

use dossier_core::archive::{Archive, Batch};
use dossier_core::{
    merge_cards, move_entries, Action, CardMergeError, Change, ChangeRecord, Customer, DupCheck, DupCluster, DupGroup, Filter,
    Hlc, MergeChoices, Rep, SortKey, Stamp,
};
use leptos::prelude::*;

use crate::platform;
use crate::repository::Repository;
use crate::storage::archive::Compaction;
use crate::storage::{Persistence, StorageError};

pub use crate::repository::{DamageReport, LoadStatus, SaveError};
pub use dossier_core::archive::{entry_version, version_of};

/// This tab's archive and what the user can do with it. The signals are the repository's own
/// (copied here so views read `archive.archive`, `archive.revision`…).
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
    pub(crate) repo: Repository,
}

/// Why merging two cards did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeFailure {
    Merge(CardMergeError),
    Save(SaveError),
}

impl ArchiveState {
    pub fn new() -> ArchiveState {
        let repo = Repository::new();
        ArchiveState {
            status: repo.status,
            archive: repo.archive,
            revision: repo.revision,
            last_deleted: RwSignal::new(None),
            busy: repo.busy,
            damage: repo.damage,
            persistence: repo.persistence,
            repo,
        }
    }

    /// Reads the archive once storage is open, and starts listening to other tabs.
    pub fn start(self, db: crate::storage::Db, device: String) {
        self.repo.start(db, device)
    }

    pub fn device(self) -> String {
        self.repo.device()
    }

    /// A fresh stamp from this device's clock.
    pub fn stamp(self) -> Stamp {
        self.repo.stamp()
    }

    /// A new record id from the browser's random source, or why there is none.
    pub fn new_id(self) -> Result<String, SaveError> {
        self.repo.new_id()
    }

    /// Writes one batch (see [`Repository::save`]).
    pub async fn save(self, batch: Batch, expect: Vec<(String, Option<Hlc>)>) -> Result<(), SaveError> {
        self.repo.save(batch, expect).await
    }

    /// Space used and allowed on this device (bytes), where the browser tells.
    pub async fn space(self) -> Option<(f64, f64)> {
        self.repo.space().await
    }

    /// A temporary `blob:` address of a document's file, `None` if this device does not have it.
    pub async fn file_url(self, key: &str) -> Result<Option<String>, StorageError> {
        self.repo.file_url(key).await
    }

    /// Offers bytes as a file download (the rescue file).
    pub fn offer_download(self, name: &str, mime: &str, bytes: &[u8]) -> bool {
        self.repo.offer_download(name, mime, bytes)
    }

    /// The stored bytes of every damaged record as one JSON file for a rescue download.
    pub async fn rescue_file(self) -> Result<(String, Vec<u8>), StorageError> {
        self.repo.rescue_file().await
    }

    /// One compaction attempt (normally started by saves).
    pub async fn compact_now(self) -> Result<Compaction, StorageError> {
        self.repo.compact_now().await
    }

    /// Replaces the archive with a generated sample of `count` customers and their files.
    pub async fn load_sample(self, count: usize) -> Result<(), StorageError> {
        self.repo.load_sample(count).await
    }

    /// The rank of every position in `by` order (names in pinyin order).
    pub fn ranks(self, by: SortKey) -> Vec<u32> {
        self.archive.with_untracked(|a| self.repo.indexes.ranks(a, by))
    }

    /// Search-as-you-type and filters over the in-memory index: live positions, ascending.
    pub fn select(self, query: &str, filter: &Filter) -> Vec<u32> {
        self.repo.indexes.select(query, filter)
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

/// 查重 and 负责人.
impl ArchiveState {
    /// Builds the duplicate index if it is not there yet (opening a form starts it early).
    pub fn ensure_dups(self) {
        self.archive.with_untracked(|a| self.repo.indexes.ensure_dups(a));
    }

    /// The duplicate check of a card being created (`editing` None) or edited, from its fields.
    pub fn dup_check(self, name: &str, phones: &[&str], tax: &str, editing: Option<&str>) -> DupCheck {
        self.archive.with_untracked(|a| self.repo.indexes.dup_check(a, name, phones, tax, editing))
    }

    /// Every duplicate group of the archive, and the clusters they form (one per customer).
    pub fn dup_scan(self) -> (Vec<DupGroup>, Vec<DupCluster>) {
        self.archive.with_untracked(|a| self.repo.indexes.dup_scan(a))
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
        self.repo.save_built(
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


impl Default for ArchiveState {
    fn default() -> Self {
        Self::new()
    }
}
