//! The paged archive layout against real IndexedDB: round trip of both kinds with people,
//! tombstones, journal replay, compaction, and refusal of a stale append.
#![cfg(target_arch = "wasm32")]

mod common;

use std::collections::BTreeSet;

use dossier::storage::archive::{self as disk, Append, Catchup, PageSet};
use dossier_core::archive::{Archive, Batch};
use dossier_core::customer::lifecycle;
use dossier_core::{sample_archive, Kind};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

use common::{fresh, today};

// Writes one page the way builds before the byte pages did: as a JSON string.
#[wasm_bindgen(inline_js = "export function put_string_page(name, key, text) {
  return new Promise((ok, fail) => {
    const open = indexedDB.open(name);
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('pages', 'readwrite');
      tx.objectStore('pages').put(text, key);
      tx.oncomplete = () => { db.close(); ok(); };
      tx.onerror = tx.onabort = () => { db.close(); fail(tx.error); };
    };
  });
}")]
extern "C" {
    fn put_string_page(name: &str, key: &str, text: &str) -> js_sys::Promise;
}

wasm_bindgen_test_configure!(run_in_browser);



#[wasm_bindgen_test]
async fn whole_archive_round_trips_both_kinds_with_people() {
    let db = fresh("test-archive-roundtrip").await;
    let sample = sample_archive(11, 2_500, today(), "dev-a");
    assert!(sample.iter().any(|c| c.kind() == Kind::Individual));
    assert!(sample.iter().any(|c| c.kind() == Kind::Enterprise && !c.contacts.is_empty()));
    let archive = Archive::from_parts(sample.clone(), vec![], Default::default());
    disk::save_all(&db, &archive).await.unwrap();
    let loaded = disk::load(&db).await.unwrap();
    assert_eq!(loaded.archive.customers(), &sample[..]);
    assert_eq!(loaded.archive.numbering(), archive.numbering());
    db.close();
}

#[wasm_bindgen_test]
async fn journal_replays_tombstones_and_compaction_keeps_everything() {
    let db = fresh("test-archive-journal").await;
    let sample = sample_archive(12, 1_200, today(), "dev-a");
    let archive = Archive::from_parts(sample.clone(), vec![], Default::default());
    let mut mark = disk::save_all(&db, &archive).await.unwrap();

    // Delete one customer (a tombstone) and edit another, each as one journal entry.
    let mut gone = sample[5].clone();
    lifecycle::delete(&mut gone, dossier_core::Stamp::default());
    let mut edited = sample[1_100].clone();
    edited.region = "西北".into();
    for c in [gone.clone(), edited.clone()] {
        match disk::append(&db, &Batch { customers: vec![c], ..Batch::default() }, mark, &[]).await.unwrap() {
            Append::Written(m) => mark = m,
            _ => panic!("append refused on a quiet journal"),
        }
    }
    let loaded = disk::load(&db).await.unwrap();
    assert_eq!(loaded.journal.entries, 2);
    assert!(loaded.archive.get(&gone.id).unwrap().deleted, "tombstone kept, not removed");
    assert_eq!(loaded.archive.len(), 1_200);
    assert_eq!(loaded.archive.get(&edited.id).unwrap().region, "西北");
    assert_eq!(loaded.unfolded.cards.keys().copied().collect::<BTreeSet<_>>(), BTreeSet::from([5, 1_100]));

    // Fold into pages; a fresh load needs no journal and sees the same archive.
    assert_eq!(disk::compact(&db, &PageSet::of(&loaded.archive, &loaded.unfolded).unwrap(), loaded.journal).await.unwrap(), disk::Compaction::Done);
    let again = disk::load(&db).await.unwrap();
    assert_eq!(again.journal.entries, 0);
    assert_eq!(again.archive.customers(), loaded.archive.customers());
    // Both pages were rewritten with their tallies, which count the new tombstone.
    assert_eq!(common::tallies_agree(&db, 2).await, 2, "every page tallied as written");
    let page0 = dossier::storage::parts::read_stored_page(&db, 0).await.unwrap().unwrap();
    assert_eq!(page0.tallies().unwrap()[0].flagged, sample[..1_000].iter().filter(|c| c.deleted).count() as u64 + 1);
    db.close();
}

#[wasm_bindgen_test]
async fn a_stale_tab_cannot_append_and_catches_up_instead() {
    let db = fresh("test-archive-stale").await;
    let sample = sample_archive(13, 10, today(), "dev-a");
    let archive = Archive::from_parts(sample.clone(), vec![], Default::default());
    let start = disk::save_all(&db, &archive).await.unwrap();
    let batch = |region: &str| {
        let mut c = sample[0].clone();
        c.region = region.into();
        Batch { customers: vec![c], ..Batch::default() }
    };
    // Tab A saves; tab B, still at `start`, is refused and handed A's batch.
    let Append::Written(_) = disk::append(&db, &batch("A"), start, &[]).await.unwrap() else { panic!("A refused") };
    match disk::append(&db, &batch("B"), start, &[]).await.unwrap() {
        Append::Behind(newer) => assert_eq!(newer.batches[0].1.customers[0].region, "A"),
        _ => panic!("stale append was not refused"),
    }
    match disk::catch_up(&db, start).await.unwrap() {
        Catchup::Entries(newer) => assert_eq!(newer.batches.len(), 1),
        Catchup::Reload => panic!("no reload needed"),
    }
    // After a whole-archive replacement, the old mark must reload.
    disk::save_all(&db, &archive).await.unwrap();
    assert!(matches!(disk::catch_up(&db, start).await.unwrap(), Catchup::Reload));
    assert!(matches!(disk::append(&db, &batch("C"), start, &[]).await.unwrap(), Append::Reload));
    db.close();
}

#[wasm_bindgen_test]
async fn pages_stored_as_strings_by_older_builds_still_load() {
    let name = "test-archive-string-pages";
    let db = fresh(name).await;
    let sample = sample_archive(13, 1_200, today(), "dev-a");
    disk::save_all(&db, &Archive::from_parts(sample.clone(), vec![], Default::default())).await.unwrap();
    let mut old = sample[1_000..].to_vec();
    old[7].region = "西北".into();
    let text = serde_json::to_string(&old).unwrap();
    wasm_bindgen_futures::JsFuture::from(put_string_page(name, "c/000001", &text)).await.unwrap();
    let loaded = disk::load(&db).await.unwrap();
    assert_eq!(loaded.archive.len(), 1_200);
    assert_eq!(loaded.archive.customers()[..1_000], sample[..1_000]);
    assert_eq!(loaded.archive.get(&old[7].id).unwrap().region, "西北", "the string page was read");
    db.close();
}
