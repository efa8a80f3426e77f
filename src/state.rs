//! App-wide state, provided once by `App`: the UI language and the storage connection. Signals hold
//! plain values; the database handle stays in local (non-Send) storage.

use dossier_core::{Filter, Lang, OwnerFilter, SortKey};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::archive_state::ArchiveState;
use crate::i18n::{texts, Texts};
use crate::platform;
use crate::settings;
use crate::storage::{self, Db, Persistence, StorageError};

#[derive(Clone, Debug, PartialEq)]
pub enum StorageStatus {
    Opening,
    Ready { device_id: String },
    Failed(StorageError),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub storage: RwSignal<StorageStatus>,
    pub persistence: RwSignal<Persistence>,
    pub archive: ArchiveState,
    /// A form has unsaved changes: leaving asks first.
    pub dirty: RwSignal<bool>,
    /// The rep this device belongs to (settings), if chosen.
    pub me: RwSignal<Option<String>>,
    pub list: ListState,
    db: StoredValue<Option<Db>, LocalStorage>,
}

impl AppState {
    /// Creates the state, provides it as context and starts opening storage.
    pub fn provide() -> AppState {
        let archive = ArchiveState::new();
        let state = AppState {
            lang: RwSignal::new(settings::load_lang()),
            storage: RwSignal::new(StorageStatus::Opening),
            persistence: archive.persistence,
            archive,
            dirty: RwSignal::new(false),
            me: RwSignal::new(settings::load_me()),
            list: ListState::new(settings::load_me()),
            db: StoredValue::new_local(None),
        };
        provide_context(state);

        Effect::new(move |_| {
            let lang = state.lang.get();
            settings::save_lang(lang);
            // Screen readers and fonts pick the right language from <html lang>.
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
        });

        spawn_local(async move {
            match open_storage().await {
                Ok((db, device_id)) => {
                    state.db.set_value(Some(db.clone()));
                    state.archive.start(db, device_id.clone());
                    state.storage.set(StorageStatus::Ready { device_id });
                }
                Err(e) => state.storage.set(StorageStatus::Failed(e)),
            }
            // Asked after the first real save (Repository::save_planned); here only read.
            let now = storage::persistence().await;
            if state.persistence.get_untracked() == Persistence::Checking {
                state.persistence.set(now);
            }
        });
        state
    }

    /// The translation table of the current language.
    pub fn texts(self) -> Signal<&'static Texts> {
        let lang = self.lang;
        Signal::derive(move || texts(lang.get()))
    }

    pub fn db(self) -> Option<Db> {
        self.db.get_value()
    }
}

/// The customer list's search, filters and order: kept while the user opens cards, so coming
/// back finds the list as left, and a card's previous / next buttons walk the same list.
#[derive(Clone, Copy)]
pub struct ListState {
    pub query: RwSignal<String>,
    pub filters: RwSignal<Filter>,
    pub sort: RwSignal<(SortKey, bool)>,
    /// 销售等级 to show (kept beside the core's filter: grades are cut from the whole archive).
    pub grade: RwSignal<Option<dossier_core::grading::SalesGrade>>,
    /// The positions the list shows, in its order (written by the list when it recomputes).
    pub order: StoredValue<Vec<u32>, LocalStorage>,
    /// Where the list was scrolled (its own scroller, the page): coming back from a card
    /// puts the rep back at the row they left.
    pub scroll: StoredValue<(f64, f64)>,
}

impl ListState {
    /// "My customers" is the default view once the device has a rep.
    fn new(me: Option<String>) -> ListState {
        ListState {
            query: RwSignal::new(String::new()),
            filters: RwSignal::new(Filter { owner: OwnerFilter::rep_or_any(me), ..Filter::default() }),
            sort: RwSignal::new((SortKey::RegNo, true)),
            grade: RwSignal::new(None),
            order: StoredValue::new_local(Vec::new()),
            scroll: StoredValue::new((0.0, 0.0)),
        }
    }
}

async fn open_storage() -> Result<(Db, String), StorageError> {
    let db = Db::open(storage::DB_NAME).await?;
    let device_id = storage::device_id(&db, platform::random_bytes().ok()).await?;
    Ok((db, device_id))
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

pub fn use_archive() -> ArchiveState {
    use_app().archive
}

pub fn use_texts() -> Signal<&'static Texts> {
    use_app().texts()
}

/// Asks before leaving a form with unsaved changes; true if it is fine to leave.
pub fn confirm_leave(app: AppState) -> bool {
    if !app.dirty.get_untracked() {
        return true;
    }
    let question = app.texts().get_untracked().unsaved_warning;
    let ok = window().confirm_with_message(question).unwrap_or(true);
    if ok {
        app.dirty.set(false);
    }
    ok
}
