//! A customer's file: the entry commands of the core (`commands::entries`) run through the
//! repository, so each is validated again against the archive as it is on every retry.

use dossier_core::commands::entries::{self, EntryError, EntryInput};
use dossier_core::{EntryKind, FieldError, Hlc, RawForm};

use crate::archive_state::{ArchiveState, SaveError};
use crate::platform;

/// Why an entry was not saved.
#[derive(Clone, Debug, PartialEq)]
pub enum EntryFailure {
    /// The command refused (invalid fields, still referred to…): nothing was written.
    Refused(EntryError),
    Save(SaveError),
}

impl From<SaveError> for EntryFailure {
    fn from(e: SaveError) -> Self {
        EntryFailure::Save(e)
    }
}

impl EntryFailure {
    /// The field problems, if that is why.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            EntryFailure::Refused(EntryError::Invalid(errs)) => errs,
            _ => &[],
        }
    }
}

impl ArchiveState {
    /// Adds an entry to a customer's file, with its attachment if any (key → file); returns its id.
    pub async fn add_entry(
        self,
        customer_id: &str,
        kind: EntryKind,
        raw: RawForm,
        confirmed: bool,
        files: Vec<(String, web_sys::Blob)>,
    ) -> Result<String, EntryFailure> {
        let id = self.new_id()?;
        let (cid, eid) = (customer_id.to_string(), id.clone());
        let credit = crate::settings::load_credit();
        self.repo.open(std::slice::from_ref(&cid)).await.map_err(SaveError::from)?;
        self.repo
            .run(
                move |a, stamp| {
                    let input = EntryInput { raw: &raw, today: platform::today(), confirmed, credit: Some(&credit) };
                    entries::add_entry(a, &cid, kind, input, &eid, stamp).map_err(EntryFailure::Refused)
                },
                files,
            )
            .await?;
        Ok(id)
    }

    /// Replaces an entry's content; `seen` is the version the form was opened on.
    pub async fn edit_entry(self, entry_id: &str, raw: RawForm, confirmed: bool, seen: Option<Hlc>) -> Result<(), EntryFailure> {
        let eid = entry_id.to_string();
        let credit = crate::settings::load_credit();
        self.repo
            .run(
                move |a, stamp| {
                    let input = EntryInput { raw: &raw, today: platform::today(), confirmed, credit: Some(&credit) };
                    entries::edit_entry(a, &eid, input, seen, stamp).map_err(EntryFailure::Refused)
                },
                Vec::new(),
            )
            .await
    }

    /// Deletes an entry (undo: [`ArchiveState::restore_entry`]); a document's file leaves this
    /// device in the same transaction.
    pub async fn delete_entry(self, entry_id: &str) -> Result<(), EntryFailure> {
        self.entry_step(entry_id, entries::delete_entry).await
    }

    /// Takes an entry's delete back.
    pub async fn restore_entry(self, entry_id: &str) -> Result<(), EntryFailure> {
        self.entry_step(entry_id, entries::restore_entry).await
    }

    async fn entry_step(
        self,
        entry_id: &str,
        step: fn(&dossier_core::archive::Archive, &str, &dossier_core::Stamp) -> Result<dossier_core::commands::Planned, EntryError>,
    ) -> Result<(), EntryFailure> {
        let eid = entry_id.to_string();
        self.repo.run(move |a, stamp| step(a, &eid, stamp).map_err(EntryFailure::Refused), Vec::new()).await
    }
}
