//! Fixtures shared by the browser storage tests: a fixed "today", stamps, a fresh database.
#![allow(dead_code)] // each test file uses its own subset

use chrono::NaiveDate;
use dossier::storage::Db;
use dossier_core::{Hlc, Stamp};

/// The day the fixtures are written for (the core never reads the clock).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn stamp(ms: u64) -> Stamp {
    Stamp::new(Hlc { ms, n: 0 }, "dev-t")
}

/// An empty database of this name (deleted first, so a failed earlier run leaves nothing).
pub async fn fresh(name: &str) -> Db {
    Db::delete(name).await.unwrap();
    Db::open(name).await.unwrap()
}

/// Resolves after `ms` milliseconds (work the app spawned gets to run meanwhile).
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// A tab: an `ArchiveState` on its own connection to database `name`, started and loaded.
pub async fn tab(name: &str, device: &str) -> dossier::archive_state::ArchiveState {
    use dossier::archive_state::{ArchiveState, LoadStatus};
    use leptos::prelude::GetUntracked;
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let st = ArchiveState::new();
    st.start(Db::open(name).await.unwrap(), device.to_string());
    for _ in 0..2000 {
        match st.status.get_untracked() {
            LoadStatus::Ready => return st,
            LoadStatus::Failed(e) => panic!("tab failed to load: {e:?}"),
            LoadStatus::Loading => pause(10).await,
        }
    }
    panic!("tab did not load");
}

/// Waits until `f` holds (work the tabs spawned, such as a compaction or another tab's save, has
/// run), within 10 s.
pub async fn until(what: &str, f: impl Fn() -> bool) {
    for _ in 0..1000 {
        if f() {
            return;
        }
        pause(10).await;
    }
    panic!("timed out waiting for: {what}");
}

/// Checks every card page below `pages` whose tallies hold (`storage::parts::StoredPage`): the
/// part the export puts together from them is the text and counts the slow way finds in the
/// page (`whole_page_part`), and the documents they count are those of its entries. Returns how
/// many pages were tallied.
pub async fn tallies_agree(db: &Db, pages: u32) -> u32 {
    use dossier::storage::parts::read_stored_page;
    use dossier_core::bundle::export::{documents_in, tallied_part, whole_page_part};
    let mut tallied = 0;
    for page in 0..pages {
        let Some(stored) = read_stored_page(db, page).await.unwrap() else { continue };
        let (c, e, h) = stored.bytes();
        if let Some([cards, entries, history]) = stored.tallies() {
            let (pieces, counts) = tallied_part(cards, entries, history, &[]).unwrap();
            let fast = String::from_utf8(stored.put_together(&pieces).to_vec()).unwrap();
            assert_eq!(Some((fast, counts)), whole_page_part(&c, e.as_deref(), h.as_deref(), &[]), "page {page}");
            tallied += 1;
        }
        if let Some(docs) = stored.documents() {
            assert_eq!(docs as usize, e.as_deref().map_or(0, |e| documents_in(e).unwrap().len()), "documents of page {page}");
        }
    }
    tallied
}
