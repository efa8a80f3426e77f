//! The app's use-cases over the repository: each draws the new ids it needs, then runs its core
//! command (`dossier_core::commands`) through [`Repository::save_planned`], which loads, writes,
//! retries (running the command again against the archive as it is then) and keeps tabs in step;
//! the in-memory indexes ([`crate::indexes`]) follow. Views call these, never storage, and build
//! no batch themselves. The entry commands are in [`crate::entry_commands`].

use std::collections::BTreeSet;

use dossier_core::archive::{Archive, Batch};
use dossier_core::commands::cards::{self, CardEdit, CardError, NewCardIds};
use dossier_core::commands::merge::{self, MergeError};
use dossier_core::commands::owner::{self, AssignError};
use dossier_core::commands::reps::{self, RepDetails, RepError};
use dossier_core::commands::Planned;
use dossier_core::{
    Action, CardMergeError, Change, ChangeRecord, Customer, DupCheck, DupCluster, DupGroup, Filter, Hlc, MergeChoices, RawForm,
    SortKey, Stamp,
};
use leptos::prelude::*;

use crate::platform;
use crate::repository::Repository;
use crate::storage::archive::Compaction;

pub use crate::repository::{DamageReport, LoadStatus, SaveError};
/// What views are told about storage, without reaching into `storage`.
pub use crate::storage::{Persistence, StorageError};
pub use dossier_core::archive::{entry_version, version_of};
pub use dossier_core::commands::cards::NewCustomer;

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
    /// Pages done and in all while start-up makes the summaries (after an update).
    pub progress: RwSignal<Option<(u32, u32)>>,
    /// Stored records that did not read (normally empty).
    pub damage: RwSignal<DamageReport>,
    /// Whether the browser promised to keep the archive; asked after the first real save.
    pub persistence: RwSignal<Persistence>,
    /// The last 销售等级 of the archive (`grading_commands`).
    pub(crate) grades: crate::grading_commands::GradesCache,
    /// A 重新分级 under way: cards read, of how many.
    pub regrading: RwSignal<Option<(u32, u32)>>,
    /// What the last 重新分级 of this session did.
    pub regraded: RwSignal<Option<Result<crate::grading_commands::Regraded, crate::grading_commands::GradesFailure>>>,
    pub(crate) repo: Repository,
}

/// Why merging two cards did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeFailure {
    Merge(CardMergeError),
    Save(SaveError),
}

impl From<SaveError> for MergeFailure {
    fn from(e: SaveError) -> Self {
        MergeFailure::Save(e)
    }
}

/// Why a card was not created, edited, moved, deleted or restored.
#[derive(Clone, Debug, PartialEq)]
pub enum CardFailure {
    /// The command refused (no such card, a reason missing, already deleted…): nothing was written.
    Refused(CardError),
    Save(SaveError),
}

impl From<SaveError> for CardFailure {
    fn from(e: SaveError) -> Self {
        CardFailure::Save(e)
    }
}

/// Why a card's owner or collaborators did not change.
#[derive(Clone, Debug, PartialEq)]
pub enum OwnerFailure {
    /// Unchanged, a reason missing, a deleted card…: nothing was written.
    Refused(AssignError),
    Save(SaveError),
}

impl From<SaveError> for OwnerFailure {
    fn from(e: SaveError) -> Self {
        OwnerFailure::Save(e)
    }
}

/// Why a rep was not added or changed.
#[derive(Clone, Debug, PartialEq)]
pub enum RepFailure {
    /// No name, no such rep: nothing was written.
    Refused(RepError),
    Save(SaveError),
}

impl From<SaveError> for RepFailure {
    fn from(e: SaveError) -> Self {
        RepFailure::Save(e)
    }
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
            progress: repo.progress,
            damage: repo.damage,
            persistence: repo.persistence,
            grades: StoredValue::new_local(None),
            regrading: RwSignal::new(None),
            regraded: RwSignal::new(None),
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
        self.repo.indexes.ranks(by)
    }

    /// Search-as-you-type and filters over the in-memory index: live positions, ascending.
    pub fn select(self, query: &str, filter: &Filter) -> Vec<u32> {
        self.repo.indexes.select(query, filter)
    }

    /// Saves one customer as changed by `edit` (which returns the history changes), guarding
    /// against a stale base version. A low-level step for tests and tools: views use the
    /// commands below, which are built afresh on every retry.
    pub async fn change(
        self,
        id: &str,
        base: Option<Hlc>,
        action: Action,
        edit: impl FnOnce(&mut Customer, Stamp) -> Result<Vec<Change>, SaveError>,
    ) -> Result<(), SaveError> {
        self.opened(&[id]).await?;
        let Some(mut c) = self.archive.with_untracked(|a| a.get(id).cloned()) else {
            return Err(SaveError::Conflict);
        };
        let base = base.unwrap_or_else(|| version_of(&c));
        let stamp = self.stamp();
        let changes = edit(&mut c, stamp.clone())?;
        let rec = ChangeRecord { id: self.new_id()?, customer_id: id.to_string(), stamp: stamp.clone(), action, changes, grades: Vec::new() };
        self.save(Batch { customers: vec![c], history: vec![rec], ..Batch::default() }, vec![(id.to_string(), Some(base))]).await
    }
}

/// 查重 and 负责人.
impl ArchiveState {
    /// Builds the duplicate index if it is not there yet (opening a form starts it early).
    pub fn ensure_dups(self) {
        self.repo.indexes.ensure_dups();
    }

    /// The duplicate check of a card being created (`editing` None) or edited, from its fields.
    pub fn dup_check(self, name: &str, phones: &[&str], tax: &str, editing: Option<&str>) -> DupCheck {
        self.repo.indexes.dup_check(name, phones, tax, editing)
    }

    /// Every duplicate group of the archive, and the clusters they form (one per customer).
    pub fn dup_scan(self) -> (Vec<DupGroup>, Vec<DupCluster>) {
        self.repo.indexes.dup_scan()
    }

    /// Merges `other_id` into `survivor_id` (fields by `choices`), moving the other card's file,
    /// in one save. `by` is the acting rep.
    pub async fn merge_cards(self, survivor_id: &str, other_id: &str, choices: &MergeChoices, by: &str) -> Result<(), MergeFailure> {
        let ids = [self.new_id()?, self.new_id()?];
        let (survivor, other, choices, by) = (survivor_id.to_string(), other_id.to_string(), choices.clone(), by.to_string());
        self.opened(&[&survivor, &other]).await?;
        self.repo
            .run(
                move |a, stamp| {
                    merge::merge_cards(a, &survivor, &other, &choices, &by, ids.clone(), platform::today(), stamp).map_err(|e| match e {
                        // A card gone from under the form: as a change elsewhere always was.
                        MergeError::NoCustomer => MergeFailure::Save(SaveError::Conflict),
                        MergeError::Refused(e) => MergeFailure::Merge(e),
                    })
                },
                Vec::new(),
            )
            .await
    }

    /// Gives customer `id` to rep `to` ("" for nobody); `by` is the acting rep. A reason is
    /// required once someone owns it.
    pub async fn change_owner(self, id: &str, to: &str, by: &str, reason: &str) -> Result<(), OwnerFailure> {
        let record = self.new_id()?;
        let (id, to, by, reason) = (id.to_string(), to.to_string(), by.to_string(), reason.to_string());
        self.opened(&[&id]).await?;
        self.repo
            .run(
                move |a, stamp| {
                    owner::change_owner(a, &id, &to, &by, &reason, &record, stamp).map_err(OwnerFailure::Refused)
                },
                Vec::new(),
            )
            .await
    }

    /// Replaces the collaborators (协作人) of customer `id`.
    pub async fn set_collaborators(self, id: &str, chosen: BTreeSet<String>) -> Result<(), OwnerFailure> {
        let record = self.new_id()?;
        let id = id.to_string();
        self.opened(&[&id]).await?;
        self.repo
            .run(
                move |a, stamp| {
                    owner::set_collaborators(a, &id, &chosen, &record, stamp).map_err(OwnerFailure::Refused)
                },
                Vec::new(),
            )
            .await
    }
}

/// 业务员.
impl ArchiveState {
    /// Adds a rep (业务员); returns its id.
    pub async fn add_rep(self, name: &str, phone: &str, area: &str) -> Result<String, RepFailure> {
        let id = self.new_id()?;
        let rid = id.clone();
        self.rep_step(name, phone, area, move |a, details, stamp| reps::add_rep(a, details, &rid, stamp)).await?;
        Ok(id)
    }

    /// New details of rep `id`.
    pub async fn edit_rep(self, id: &str, name: &str, phone: &str, area: &str) -> Result<(), RepFailure> {
        let id = id.to_string();
        self.rep_step(name, phone, area, move |a, details, stamp| reps::edit_rep(a, &id, details, stamp)).await
    }

    /// Marks rep `id` as left (kept, so old cards still name them), or back.
    pub async fn set_rep_left(self, id: &str, left: bool) -> Result<(), RepFailure> {
        let id = id.to_string();
        self.rep_step("", "", "", move |a, _, stamp| reps::set_rep_left(a, &id, left, stamp)).await
    }

    async fn rep_step(
        self,
        name: &str,
        phone: &str,
        area: &str,
        step: impl Fn(&Archive, RepDetails, &Stamp) -> Result<Planned, RepError>,
    ) -> Result<(), RepFailure> {
        let (name, phone, area) = (name.to_string(), phone.to_string(), area.to_string());
        self.repo
            .run(
                move |a, stamp| {
                    let details = RepDetails { name: &name, phone: &phone, area: &area };
                    step(a, details, stamp).map_err(RepFailure::Refused)
                },
                Vec::new(),
            )
            .await
    }
}

/// A customer card: create, edit, move between stages, delete and undo.
impl ArchiveState {
    /// Creates a customer from a validated card, its people and status; returns its id. The
    /// 登记编号 is issued from the archive as it is when the save is written (again on a retry),
    /// so it is never one another tab took meanwhile.
    pub async fn create_customer(self, new: NewCustomer) -> Result<String, CardFailure> {
        let card = self.new_id()?;
        let people = new.people.iter().map(|_| self.new_id()).collect::<Result<Vec<_>, _>>()?;
        let ids = NewCardIds { card, people, record: self.new_id()? };
        let id = ids.card.clone();
        self.repo
            .run(
                move |a, stamp| {
                    cards::create_card(a, &new, &ids, stamp).map_err(CardFailure::Refused)
                },
                Vec::new(),
            )
            .await?;
        Ok(id)
    }

    /// Saves an edited card with its people and status; `seen` is the version the form was
    /// opened on (`None`: overwrite whatever is there now).
    pub async fn edit_card(self, id: &str, edit: CardEdit, seen: Option<Hlc>) -> Result<(), CardFailure> {
        let new_ids = (0..edit.new_people()).map(|_| self.new_id()).collect::<Result<Vec<_>, _>>()?;
        let record = self.new_id()?;
        let id = id.to_string();
        self.opened(&[&id]).await?;
        self.repo
            .run(
                move |a, stamp| {
                    cards::edit_card(a, &id, &edit, seen, &record, &new_ids, stamp).map_err(CardFailure::Refused)
                },
                Vec::new(),
            )
            .await
    }

    /// 中止交易 (seed 004): the 中止交易 form (date, reason, the original documents kept, who)
    /// saved as an entry of the file and the card moved to 旧客户 with that reason, in one save.
    /// The form's problems come back as `Refused(CardError::Invalid(…))`.
    pub async fn close_account(self, id: &str, raw: RawForm) -> Result<(), CardFailure> {
        let (entry, record) = (self.new_id()?, self.new_id()?);
        let id = id.to_string();
        self.opened(&[&id]).await?;
        self.repo
            .run(
                move |a, stamp| {
                    cards::close_account(a, &id, &raw, platform::today(), (&entry, &record), stamp).map_err(CardFailure::Refused)
                },
                Vec::new(),
            )
            .await
    }

    /// 现有客户 again.
    pub async fn make_current(self, id: &str) -> Result<(), CardFailure> {
        self.card_step(id, cards::make_current).await
    }

    /// Deletes a card; it becomes [`ArchiveState::last_deleted`], for undo.
    pub async fn delete_card(self, id: &str) -> Result<(), CardFailure> {
        self.card_step(id, cards::delete_card).await?;
        self.last_deleted.set(Some(id.to_string()));
        Ok(())
    }

    /// Takes a card's delete back (undo).
    pub async fn restore_card(self, id: &str) -> Result<(), CardFailure> {
        self.card_step(id, cards::restore_card).await?;
        if self.last_deleted.get_untracked().as_deref() == Some(id) {
            self.last_deleted.set(None);
        }
        Ok(())
    }

    /// What deleting this customer would take out of view (its file's open orders, money owed,
    /// notes, records), from the working archive (the card page has the customer open); `None`
    /// for a customer not open or already deleted.
    pub fn delete_facts(self, id: &str) -> Option<dossier_core::ledger::FileHolds> {
        self.archive.with_untracked(|a| cards::delete_facts(a, id).ok())
    }

    /// 从回收站恢复: the customer back with its whole file (its card is read first if need be).
    pub async fn restore_from_bin(self, id: &str) -> Result<(), CardFailure> {
        self.card_step(id, cards::restore_from_bin).await?;
        if self.last_deleted.get_untracked().as_deref() == Some(id) {
            self.last_deleted.set(None);
        }
        Ok(())
    }

    /// The 回收站's rows, newest delete first, from the resident summaries (no card is read).
    pub fn recycle_bin(self) -> Vec<dossier_core::summary::Summary> {
        self.with_summaries(|all| dossier_core::summary::bin::recycle_bin(all).into_iter().cloned().collect())
    }

    /// One card command with a change record: run against the archive as it is on every retry.
    async fn card_step(
        self,
        id: &str,
        step: impl Fn(&Archive, &str, &str, &Stamp) -> Result<Planned, CardError>,
    ) -> Result<(), CardFailure> {
        let record = self.new_id()?;
        let id = id.to_string();
        self.opened(&[&id]).await?;
        self.repo
            .run(
                move |a, stamp| {
                    step(a, &id, &record, stamp).map_err(CardFailure::Refused)
                },
                Vec::new(),
            )
            .await
    }
}

impl Default for ArchiveState {
    fn default() -> Self {
        Self::new()
    }
}

/// The customer list's questions to the indexes.
impl ArchiveState {
    /// Whether the customer at `pos` is in [`ArchiveState::select`]'s answer.
    pub fn matches(self, pos: u32, query: &str, filter: &Filter) -> bool {
        self.repo.indexes.matches(pos, query, filter)
    }

    /// The list's rows: the summaries at `positions` (there before the cards have loaded).
    pub fn rows(self, positions: &[u32]) -> Vec<(u32, dossier_core::summary::Summary)> {
        self.repo.indexes.summaries_at(positions)
    }

    /// A customer's summary (name, 登记编号, owner, what is owed…), without its card.
    pub fn summary(self, id: &str) -> Option<dossier_core::summary::Summary> {
        self.repo.indexes.summary(id)
    }

    /// Reads these customers' cards and files into the working archive, if they are not there.
    pub async fn open(self, ids: &[String]) -> Result<(), StorageError> {
        self.repo.open(ids).await
    }

    /// Reads the customers a command acts on, if not read yet (a command works on the working
    /// archive; the pages open their customers, this covers a customer let go meanwhile).
    async fn opened(self, ids: &[&str]) -> Result<(), SaveError> {
        let ids: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
        Ok(self.repo.open(&ids).await?)
    }

    /// Keeps these customers in the working archive while a page shows them.
    pub fn pin(self, ids: &[String]) {
        self.repo.pin(ids, true);
    }

    /// Undoes [`ArchiveState::pin`].
    pub fn unpin(self, ids: &[String]) {
        self.repo.pin(ids, false);
    }

    /// Whether these customers' cards and files are in the working archive.
    pub fn is_open(self, ids: &[String]) -> bool {
        ids.iter().all(|id| self.repo.is_open(id))
    }

    /// A customer's position, by id.
    pub fn position(self, id: &str) -> Option<u32> {
        self.repo.indexes.position(id)
    }

    /// Reads every customer's summary, in position order (whole-archive overviews: receivables,
    /// customers per rep), without the cards.
    pub fn with_summaries<T>(self, f: impl FnOnce(&[dossier_core::summary::Summary]) -> T) -> T {
        self.repo.indexes.with_summaries(f)
    }

    /// Live customers (kept by the search index, no pass over the archive).
    pub fn live_count(self) -> usize {
        self.repo.indexes.live_count()
    }

    /// The regions live customers are in, sorted.
    pub fn regions(self) -> Vec<String> {
        self.repo.indexes.regions()
    }

    /// The change count and the positions the last change touched (`None`: everything).
    pub fn last_change(self) -> (u64, Option<Vec<u32>>) {
        self.repo.indexes.last_change()
    }
}
