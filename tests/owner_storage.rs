//! Owners, reps and card merges against real IndexedDB: reps and owner histories survive the
//! whole-archive pages, the journal and compaction; a merge that moves a file from a card on one
//! entry page to a card on another marks both pages, and after compaction the file is the survivor's.
#![cfg(target_arch = "wasm32")]

mod common;

use dossier::storage::archive::{self as disk, Append, PageSet};
use dossier_core::archive::{Archive, Batch};
use dossier_core::{change_owner, merge_cards, move_entries, sample_archive, sample_ledger, sample_owners, MergeChoices, Rep};
use wasm_bindgen_test::*;

use common::{fresh, stamp, today};

wasm_bindgen_test_configure!(run_in_browser);




#[wasm_bindgen_test]
async fn reps_owners_and_a_cross_page_merge_survive_journal_and_compaction() {
    let db = fresh("test-owner-storage").await;
    let mut customers = sample_archive(31, 2_500, today(), "dev-a");
    let reps = sample_owners(31, &mut customers, "dev-a");
    let entries = sample_ledger(31, &customers, &[], today(), "dev-a");
    let archive = Archive::with_entries(customers.clone(), entries, vec![], Default::default()).with_reps(reps.clone());
    let mut mark = disk::save_all(&db, &archive).await.unwrap();
    let loaded = disk::load(&db).await.unwrap();
    assert_eq!(loaded.archive.reps(), &reps[..], "reps are stored with the archive");
    assert_eq!(loaded.archive.customers(), &customers[..], "owners and their histories too");

    // Journal: a new rep, an owner change to them, and a merge of a card on page 2 into one on
    // page 0 that moves its file across entry pages.
    let mut a = loaded.archive;
    let newcomer = Rep::new("rep-new".into(), "新人", "13900000000", "华东", stamp(4_000_000_000_000));
    let mut owned = a.customers()[5].clone();
    change_owner(&mut owned, "rep-new", "rep-new", "片区调整", stamp(4_000_000_000_000 + 1)).unwrap();
    let (survivor, other) = (a.customers()[1].clone(), a.customers()[2_100].clone());
    assert!(!a.ledger(&other.id).is_empty(), "the merged card has a file to move");
    let at = stamp(4_000_000_000_000 + 2);
    let m = merge_cards(&survivor, &other, &MergeChoices::new(), "rep-new", &at, ["h1".into(), "h2".into()], today()).unwrap();
    let moved = move_entries(a.ledger(&other.id), &survivor.id, &at);
    let steps = [
        Batch { reps: vec![newcomer.clone()], ..Batch::default() },
        Batch { customers: vec![owned.clone()], ..Batch::default() },
        Batch { customers: vec![m.survivor, m.merged], entries: moved.clone(), history: m.history, ..Batch::default() },
    ];
    for batch in &steps {
        match disk::append(&db, batch, mark, &[]).await.unwrap() {
            Append::Written(next) => mark = next,
            _ => panic!("append refused on a quiet journal"),
        }
        a.apply(batch);
    }
    let loaded = disk::load(&db).await.unwrap();
    assert_eq!(loaded.archive.rep("rep-new"), Some(&newcomer));
    assert_eq!(loaded.archive.customers()[5].owner_history.last().map(|h| h.reason.as_str()), Some("片区调整"));
    assert!(loaded.unfolded.ledgers.contains_key(&1) && loaded.unfolded.ledgers.contains_key(&2_100), "both files are marked");

    // Compaction rewrites both entry pages: after a reload the file is only on the survivor.
    assert_eq!(disk::compact(&db, &PageSet::of(&loaded.archive, &loaded.unfolded).unwrap(), loaded.journal).await.unwrap(), disk::Compaction::Done);
    let again = disk::load(&db).await.unwrap();
    assert_eq!(again.journal.entries, 0);
    assert_eq!(again.archive.reps(), a.reps());
    assert!(again.archive.ledger(&other.id).is_empty());
    assert_eq!(again.archive.entry_count(), a.entry_count(), "no entry lost or doubled");
    for e in &moved {
        assert_eq!(again.archive.entry(&e.id).map(|x| x.customer_id.as_str()), Some(survivor.id.as_str()));
    }
    assert_eq!(again.archive.get(&other.id).map(|c| c.merged_into.as_str()), Some(survivor.id.as_str()));
    assert_eq!(again.archive.customers(), a.customers());
    db.close();
}
