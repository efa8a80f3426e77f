//! The summary pages (`s/N`) against real IndexedDB: written whole with the archive, kept equal
//! to a full recomputation by compaction after every kind of save, and rebuilt for a database
//! from before them (the upgrade), only from a tab whose view is the latest.
#![cfg(target_arch = "wasm32")]

mod common;

use dossier::storage::archive::{self as disk, Append, PageSet, SummaryPages};
use dossier::storage::parts;
use leptos::prelude::*;
use dossier_core::archive::{Archive, Batch};
use dossier_core::customer::lifecycle;
use dossier_core::ledger::{Entry, EntryBody, Payment};
use dossier_core::summary::Summary;
use dossier_core::sample::Rng;
use dossier_core::{sample_archive, sample_ledger, sample_owners, Hlc, Stamp};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

use common::{fresh, tab, today};

wasm_bindgen_test_configure!(run_in_browser);

// A database written before summary pages existed: none, and no format mark.
#[wasm_bindgen(inline_js = "export function drop_summaries(name) {
  return new Promise((ok, fail) => {
    const open = indexedDB.open(name);
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['pages', 'meta'], 'readwrite');
      tx.objectStore('pages').delete(IDBKeyRange.bound('s/', 's/\\uffff'));
      tx.objectStore('meta').delete('summaries');
      tx.oncomplete = () => { db.close(); ok(); };
      tx.onerror = tx.onabort = () => { db.close(); fail(tx.error); };
    };
  });
}")]
extern "C" {
    fn drop_summaries(name: &str) -> js_sys::Promise;
}

// What a build that does not keep summary pages does when it compacts: the compaction mark moves
// (and the summary pages of what it folded stay as they were).
#[wasm_bindgen(inline_js = "export function move_compacted(name) {
  return new Promise((ok, fail) => {
    const open = indexedDB.open(name);
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['meta'], 'readwrite');
      const meta = tx.objectStore('meta');
      const req = meta.get('compacted');
      req.onsuccess = () => meta.put(String(Number(req.result || '0') + 1), 'compacted');
      tx.oncomplete = () => { db.close(); ok(); };
      tx.onerror = tx.onabort = () => { db.close(); fail(tx.error); };
    };
  });
}")]
extern "C" {
    fn move_compacted(name: &str) -> js_sys::Promise;
}

fn sample(seed: u64, n: usize) -> Archive {
    let mut customers = sample_archive(seed, n, today(), "dev-a");
    let reps = sample_owners(seed, &mut customers, "dev-a");
    let entries = sample_ledger(seed, &customers, &reps, today(), "dev-a");
    Archive::with_entries(customers, entries, vec![], Default::default()).with_reps(reps)
}

/// One save of a random kind: a card edit (region, phone, name), a delete, a payment, a new card.
fn random_save(a: &Archive, rng: &mut Rng, n: u64) -> Batch {
    let stamp = Stamp::new(Hlc { ms: 2_000_000_000_000 + n, n: 0 }, "dev-b");
    let pos = rng.below(a.len() as u64) as usize;
    let c = a.customers()[pos].clone();
    match rng.below(5) {
        0 => {
            let mut c = c;
            c.region = format!("区域{}", rng.below(4));
            c.status_stamp = stamp;
            Batch { customers: vec![c], ..Batch::default() }
        }
        1 => {
            let mut c = c;
            lifecycle::delete(&mut c, stamp);
            Batch { customers: vec![c], ..Batch::default() }
        }
        2 => {
            let p = Payment { date: today(), fen: 1 + rng.below(500_000) as i64, ..Default::default() };
            let e = Entry::new(format!("pay-{n}"), c.id.clone(), EntryBody::Payment(p), stamp);
            Batch { entries: vec![e], ..Batch::default() }
        }
        3 => {
            // A card copied to a new id and name: a new customer at the end.
            let mut c = c;
            c.id = format!("new-{n}");
            c.reg_no = String::new();
            c.deleted = false;
            c.created = stamp.clone();
            let mut body = c.body.clone();
            if let dossier_core::CardBody::Enterprise(e) = &mut body {
                e.basic.name = format!("新客户{n}有限公司");
            }
            c.body = body;
            Batch { customers: vec![c], ..Batch::default() }
        }
        _ => {
            // The owner leaves it: nobody is responsible.
            let mut c = c;
            c.owner = String::new();
            c.owner_stamp = stamp;
            Batch { customers: vec![c], ..Batch::default() }
        }
    }
}

#[wasm_bindgen_test]
async fn summaries_follow_every_kind_of_save_through_compaction() {
    let db = fresh("test-summaries-saves").await;
    let archive = sample(41, 2_300);
    let mut mark = disk::save_all(&db, &archive).await.unwrap();
    let loaded = disk::load(&db).await.unwrap();
    assert!(loaded.summaries_current);
    assert_eq!(disk::read_summaries(&db).await.unwrap(), Summary::all(loaded.archive.files()));

    let mut rng = Rng(7);
    let mut n = 0;
    for round in 0..3 {
        // A few saves of every kind, then a compaction folds them (summaries included).
        let mut a = disk::load(&db).await.unwrap().archive;
        for _ in 0..12 {
            n += 1;
            let batch = random_save(&a, &mut rng, n);
            match disk::append(&db, &batch, mark, &[]).await.unwrap() {
                Append::Written(m) => mark = m,
                _ => panic!("append refused on a quiet journal"),
            }
            a.apply(&batch);
        }
        let loaded = disk::load(&db).await.unwrap();
        assert_eq!(loaded.archive.customers(), a.customers(), "round {round}");
        let pages = PageSet::of(&loaded.archive, &loaded.unfolded).unwrap();
        assert_eq!(disk::compact(&db, &pages, loaded.journal).await.unwrap(), disk::Compaction::Done);
        let after = disk::load(&db).await.unwrap();
        assert!(after.summaries_current, "round {round}: complete summaries stay complete through a compaction");
        mark = after.journal;
        let stored = disk::read_summaries(&db).await.unwrap();
        let expected = Summary::all(loaded.archive.files());
        assert_eq!(stored.len(), expected.len(), "round {round}: one summary per customer, new ones too");
        assert_eq!(stored, expected, "round {round}");
    }

    // A payment alone (no card of its page changed) still moves that page's summary: what the
    // customer owes. The customer on the last full page owes something to pay.
    let a = disk::load(&db).await.unwrap().archive;
    let pos = (1_000..2_000).find(|&p| !a.customers()[p].deleted && Summary::all([(&a.customers()[p], a.ledger_at(p as u32))])[0].open.aging(today()).open() > 0).unwrap();
    let c = &a.customers()[pos];
    let p = Payment { date: today(), fen: 100, ..Default::default() };
    let pay = Batch { entries: vec![Entry::new("pay-alone".into(), c.id.clone(), EntryBody::Payment(p), Stamp::new(Hlc { ms: 2_100_000_000_000, n: 0 }, "dev-b"))], ..Batch::default() };
    let Append::Written(_) = disk::append(&db, &pay, mark, &[]).await.unwrap() else { panic!("append refused") };
    let loaded = disk::load(&db).await.unwrap();
    assert!(loaded.unfolded.cards.is_empty(), "no card changed");
    let before = disk::read_summaries(&db).await.unwrap()[pos].open.clone();
    assert_eq!(disk::compact(&db, &PageSet::of(&loaded.archive, &loaded.unfolded).unwrap(), loaded.journal).await.unwrap(), disk::Compaction::Done);
    let after = disk::read_summaries(&db).await.unwrap();
    assert_ne!(after[pos].open, before, "the payment is in the summary");
    assert_eq!(after, Summary::all(loaded.archive.files()));
    db.close();
}

#[wasm_bindgen_test]
async fn a_database_from_before_summaries_gets_them_and_a_stale_tab_writes_none() {
    let name = "test-summaries-upgrade";
    let db = fresh(name).await;
    let archive = sample(42, 1_100);
    let mark = disk::save_all(&db, &archive).await.unwrap();
    db.close();
    wasm_bindgen_futures::JsFuture::from(drop_summaries(name)).await.unwrap();
    let db = dossier::storage::Db::open(name).await.unwrap();
    let loaded = disk::load(&db).await.unwrap();
    assert!(!loaded.summaries_current, "no summary pages: to be written");
    assert_eq!(loaded.archive.customers(), archive.customers(), "the cards load as before");
    assert!(disk::read_summaries(&db).await.unwrap().is_empty());

    // Another tab saved since this one loaded: its view is not the latest, nothing is written.
    let mut edited = archive.customers()[3].clone();
    edited.region = "西南".into();
    let Append::Written(_) = disk::append(&db, &Batch { customers: vec![edited], ..Batch::default() }, mark, &[]).await.unwrap() else {
        panic!("append refused")
    };
    let pages = SummaryPages::of(&Summary::all(loaded.archive.files())).unwrap();
    assert!(!disk::write_summaries(&db, &pages, loaded.journal).await.unwrap());
    assert!(disk::read_summaries(&db).await.unwrap().is_empty());

    // From the latest view they are written whole and marked current.
    let latest = disk::load(&db).await.unwrap();
    assert!(disk::write_summaries(&db, &SummaryPages::of(&Summary::all(latest.archive.files())).unwrap(), latest.journal).await.unwrap());
    assert_eq!(disk::read_summaries(&db).await.unwrap(), Summary::all(latest.archive.files()));
    assert_eq!(disk::read_summaries(&db).await.unwrap()[3].region, "西南");
    assert!(disk::load(&db).await.unwrap().summaries_current);
    assert!(parts::open(&db, None).await.unwrap().summaries.is_some());

    // A build without summary pages compacts: they may be behind, so they are neither used nor
    // trusted until written again.
    db.close();
    wasm_bindgen_futures::JsFuture::from(move_compacted(name)).await.unwrap();
    let db = dossier::storage::Db::open(name).await.unwrap();
    assert!(parts::open(&db, None).await.unwrap().summaries.is_none());
    assert!(!disk::load(&db).await.unwrap().summaries_current);
    db.close();
}

#[wasm_bindgen_test]
async fn start_up_reads_the_summaries_alone_up_to_date_with_the_journal() {
    let db = fresh("test-summaries-quick").await;
    let archive = sample(43, 2_100);
    let mut mark = disk::save_all(&db, &archive).await.unwrap();
    let opened = parts::open(&db, None).await.unwrap();
    assert_eq!(opened.summaries, Some(Summary::all(archive.files())), "summaries are current");
    assert_eq!(opened.journal.last_key, mark.last_key);

    // Saves of every kind wait in the journal (no compaction): the summaries still come out as
    // a full load computes them, and the journal mark is the full load's.
    let mut rng = Rng(11);
    let mut a = archive;
    for n in 0..40 {
        let batch = random_save(&a, &mut rng, 1_000 + n);
        let Append::Written(m) = disk::append(&db, &batch, mark, &[]).await.unwrap() else { panic!("append refused") };
        mark = m;
        a.apply(&batch);
    }
    // A new customer whose payment arrives in the same save, and a deleted one that owes, restored.
    let owes = a.files().find(|(c, f)| !c.deleted && dossier_core::aging(f, today()).open() > 0).map(|(c, _)| c.clone()).unwrap();
    let mut gone = owes.clone();
    lifecycle::delete(&mut gone, Stamp::new(Hlc { ms: 2_200_000_000_000, n: 0 }, "dev-b"));
    let mut back = gone.clone();
    lifecycle::restore(&mut back, Stamp::new(Hlc { ms: 2_200_000_000_001, n: 0 }, "dev-b"));
    let mut fresh_card = owes.clone();
    fresh_card.id = "quick-new".into();
    let pay = Entry::new("quick-pay".into(), "quick-new".into(), EntryBody::Payment(Payment { date: today(), fen: 42, ..Default::default() }), Stamp::new(Hlc { ms: 2_200_000_000_002, n: 0 }, "dev-b"));
    for batch in [
        Batch { customers: vec![gone], ..Batch::default() },
        Batch { customers: vec![back], ..Batch::default() },
        Batch { customers: vec![fresh_card], entries: vec![pay], ..Batch::default() },
    ] {
        let Append::Written(m) = disk::append(&db, &batch, mark, &[]).await.unwrap() else { panic!("append refused") };
        mark = m;
    }
    let full = disk::load(&db).await.unwrap();
    let opened = parts::open(&db, None).await.unwrap();
    assert_eq!((opened.journal.last_key, opened.journal.entries), (full.journal.last_key, full.journal.entries));
    assert_eq!(opened.pending.len(), 43, "the saves wait in the journal");
    db.close();
    // A tab starts from the stored summaries and those saves: its summaries are the full load's.
    let want = Summary::all(full.archive.files());
    let st = tab("test-summaries-quick", "dev-q").await;
    let got = st.with_summaries(|s| s.to_vec());
    assert_eq!(got.len(), want.len());
    for (q, w) in got.iter().zip(&want) {
        assert_eq!(q, w);
    }
    assert!(st.archive.with_untracked(|a| a.len()) < 100, "only the cards those saves touched are read");

    // Without current summary pages they are not read: they are made from the pages.
    let db_name = "test-summaries-quick";
    wasm_bindgen_futures::JsFuture::from(drop_summaries(db_name)).await.unwrap();
    let db = dossier::storage::Db::open(db_name).await.unwrap();
    assert!(parts::open(&db, None).await.unwrap().summaries.is_none());
    db.close();
    let again = tab(db_name, "dev-r").await;
    assert_eq!(again.with_summaries(|s| s.to_vec()), want);
}
