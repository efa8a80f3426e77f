//! The data-safety guarantees of docs/storage.md against real IndexedDB in Chromium: two tabs
//! (two database handles, or two `ArchiveState`s talking over the BroadcastChannel as tabs do)
//! never lose an edit to compaction or a whole-archive save, never issue one 登记编号 twice; a
//! damaged page or journal row neither stops the load nor gets deleted; a deleted document leaves
//! no file; every write is durable.
#![cfg(target_arch = "wasm32")]

mod common;

use std::collections::BTreeSet;

use dossier_core::summary::Summary;
use dossier::archive_state::NewCustomer;
use dossier::storage::archive::{self as disk, Append, Catchup, Compaction, PageSet};
use dossier::storage::{blobs, Db};
use dossier_core::archive::{Archive, Batch};
use dossier_core::ledger::{Document, EntryBody};
use dossier_core::{sample_archive, sample_ledger, Customer, Entry};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

use common::{fresh, stamp, tab, today, until};

wasm_bindgen_test_configure!(run_in_browser);

// Raw IndexedDB access for what the app never does: write damaged records, read the durability
// of a transaction, read a record as stored.
#[wasm_bindgen(inline_js = "
function withDb(name, f) {
  return new Promise((ok, fail) => {
    const open = indexedDB.open(name);
    open.onerror = () => fail(open.error);
    open.onsuccess = () => { const db = open.result; Promise.resolve(f(db)).then((v) => { db.close(); ok(v); }, (e) => { db.close(); fail(e); }); };
  });
}
function done(tx, value) {
  return new Promise((ok, fail) => { tx.oncomplete = () => ok(value()); tx.onerror = tx.onabort = () => fail(tx.error); });
}
export function put_raw(name, store, key, text, asBytes) {
  return withDb(name, (db) => {
    const tx = db.transaction(store, 'readwrite');
    const value = asBytes ? new TextEncoder().encode(text) : text;
    if (key === null) tx.objectStore(store).add(value); else tx.objectStore(store).put(value, key);
    return done(tx, () => undefined);
  });
}
export function get_raw(name, store, key) {
  return withDb(name, (db) => {
    const tx = db.transaction(store, 'readonly');
    const req = tx.objectStore(store).get(key);
    return done(tx, () => { const v = req.result; if (v === undefined) return null; return typeof v === 'string' ? v : new TextDecoder().decode(v); });
  });
}
export function count_raw(name, store) {
  return withDb(name, (db) => { const tx = db.transaction(store, 'readonly'); const req = tx.objectStore(store).count(); return done(tx, () => req.result); });
}
export function write_durability(name) {
  return withDb(name, (db) => { const tx = db.transaction('meta', 'readwrite'); const d = tx.durability; tx.abort(); return d; });
}
export function sleep(ms) { return new Promise((ok) => setTimeout(ok, ms)); }
")]
extern "C" {
    fn put_raw(name: &str, store: &str, key: Option<String>, text: &str, as_bytes: bool) -> js_sys::Promise;
    fn get_raw(name: &str, store: &str, key: &str) -> js_sys::Promise;
    fn count_raw(name: &str, store: &str) -> js_sys::Promise;
    fn write_durability(name: &str) -> js_sys::Promise;
    fn sleep(ms: u32) -> js_sys::Promise;
}

async fn js(p: js_sys::Promise) -> JsValue {
    JsFuture::from(p).await.unwrap()
}

fn written(a: Append) -> disk::JournalMark {
    match a {
        Append::Written(m) => m,
        _ => panic!("append refused"),
    }
}

fn with_region(c: &Customer, region: &str) -> Batch {
    let mut c = c.clone();
    c.region = region.into();
    Batch { customers: vec![c], ..Batch::default() }
}

#[wasm_bindgen_test]
async fn every_write_transaction_is_durable() {
    let name = "test-safety-durable";
    fresh(name).await.close();
    assert_eq!(js(write_durability(name)).await.as_string().as_deref(), Some("strict"));
}

#[wasm_bindgen_test]
async fn a_stale_tab_cannot_compact_over_another_tabs_compaction() {
    let db_a = fresh("test-safety-stale-compact").await;
    let db_b = Db::open("test-safety-stale-compact").await.unwrap();
    let sample = sample_archive(31, 1_200, today(), "dev-a");
    let start = disk::save_all(&db_a, &Archive::from_parts(sample.clone(), vec![], Default::default())).await.unwrap();
    let mut b = disk::load(&db_b).await.unwrap();
    // B saves an edit to page 1 and remembers it as not yet folded.
    let mb = written(disk::append(&db_b, &with_region(&sample[1_001], "B"), start, &[]).await.unwrap());
    let applied = b.archive.apply(&with_region(&sample[1_001], "B"));
    b.unfolded.note(&applied, mb.last_key);
    // A loads (seeing B's edit), saves edits to page 1 and compacts.
    let mut a = disk::load(&db_a).await.unwrap();
    let mut ma = a.journal;
    for (i, pos) in [1_002usize, 1_003, 1_004].into_iter().enumerate() {
        let batch = with_region(&sample[pos], &format!("A{i}"));
        ma = written(disk::append(&db_a, &batch, ma, &[]).await.unwrap());
        let applied = a.archive.apply(&batch);
        a.unfolded.note(&applied, ma.last_key);
    }
    assert_eq!(disk::compact(&db_a, &PageSet::of(&a.archive, &a.unfolded).unwrap(), ma).await.unwrap(), Compaction::Done);
    // B has not caught up: its compaction would write page 1 without A's edits. Refused.
    let stale = disk::compact(&db_b, &PageSet::of(&b.archive, &b.unfolded).unwrap(), mb).await.unwrap();
    assert_eq!(stale, Compaction::AlreadyDone);
    let after = disk::load(&db_a).await.unwrap();
    for (pos, region) in [(1_001, "B"), (1_002, "A0"), (1_003, "A1"), (1_004, "A2")] {
        assert_eq!(after.archive.customers()[pos].region, region, "edit at {pos} survived");
    }
    // B can still catch up from the journal (rows are kept one compaction longer), and is then
    // not due for a compaction of its own.
    match disk::catch_up(&db_b, mb).await.unwrap() {
        Catchup::Entries(newer) => {
            assert_eq!(newer.batches.len(), 3);
            assert_eq!(newer.waiting, 0, "nothing waits after A's compaction");
        }
        Catchup::Reload => panic!("a tab one compaction behind must not need a reload"),
    }
    db_a.close();
    db_b.close();
}

#[wasm_bindgen_test]
async fn a_compaction_racing_a_whole_archive_save_changes_nothing() {
    let db_a = fresh("test-safety-race-replace").await;
    let db_b = Db::open("test-safety-race-replace").await.unwrap();
    let old = sample_archive(32, 1_100, today(), "dev-a");
    let start = disk::save_all(&db_a, &Archive::from_parts(old.clone(), vec![], Default::default())).await.unwrap();
    let mut a = disk::load(&db_a).await.unwrap();
    let batch = with_region(&old[3], "A");
    let ma = written(disk::append(&db_a, &batch, start, &[]).await.unwrap());
    let applied = a.archive.apply(&batch);
    a.unfolded.note(&applied, ma.last_key);
    // A has prepared its pages; meanwhile B replaces the whole archive.
    let pages = PageSet::of(&a.archive, &a.unfolded).unwrap();
    let new = sample_archive(33, 900, today(), "dev-b");
    disk::save_all(&db_b, &Archive::from_parts(new.clone(), vec![], Default::default())).await.unwrap();
    assert_eq!(disk::compact(&db_a, &pages, ma).await.unwrap(), Compaction::Stale);
    let after = disk::load(&db_b).await.unwrap();
    assert_eq!(after.archive.customers(), &new[..], "the replacement is intact");
    db_a.close();
    db_b.close();
}

#[wasm_bindgen_test]
async fn two_tabs_editing_alternately_past_compaction_keep_every_edit() {
    let name = "test-safety-two-tabs";
    fresh(name).await.close();
    let a = tab(name, "dev-a").await;
    let b = tab(name, "dev-b").await;
    a.load_sample(200).await.unwrap();
    until("B sees the replacement", || b.live_count() == 200).await;
    let ids: Vec<String> = a.with_summaries(|all| all.iter().map(|c| c.id.clone()).collect());
    // 3 × 64 journal rows, one customer each: both tabs become due for compaction, more than once.
    let edits = 3 * disk::COMPACT_AFTER as usize;
    assert!(edits <= ids.len());
    for i in 0..edits {
        let (me, id) = (if i % 2 == 0 { a } else { b }, ids[i % ids.len()].clone());
        let region = format!("R{i}");
        // As the card page does: the card is read when it is opened.
        me.open(std::slice::from_ref(&id)).await.unwrap();
        me.change(&id, None, dossier_core::Action::Edit, move |c, stamp| {
            c.region = region;
            c.status_stamp = stamp;
            Ok(vec![])
        })
        .await
        .unwrap();
        if i % 7 == 0 {
            // Let the other tab hear of some saves before its next one, not of others.
            js(sleep(0)).await;
        }
    }
    js(sleep(300)).await;
    let reopened = Db::open(name).await.unwrap();
    let on_disk = disk::load(&reopened).await.unwrap();
    for i in 0..edits {
        let c = on_disk.archive.get(&ids[i % ids.len()]).unwrap();
        assert_eq!(c.region, format!("R{i}"), "edit {i} ({}) is on disk", c.reg_no);
    }
    assert!(on_disk.journal.entries < disk::COMPACT_AFTER * 2, "compaction ran: {} rows wait", on_disk.journal.entries);
    // Both tabs hold what is on disk: every summary, and every card they have read.
    let summaries = Summary::all(on_disk.archive.files());
    for t in [a, b] {
        until("tab caught up", || t.with_summaries(|s| s == summaries.as_slice())).await;
        t.archive.with_untracked(|x| {
            assert!(x.len() <= 64 + 2, "a tab keeps a few cards, not the archive: {}", x.len());
            for c in x.customers() {
                assert_eq!(Some(c), on_disk.archive.get(&c.id), "{}", c.reg_no);
                assert_eq!(x.ledger(&c.id), on_disk.archive.ledger(&c.id), "{}", c.reg_no);
            }
        });
    }
    reopened.close();
}

fn new_card(c: &Customer) -> NewCustomer {
    NewCustomer {
        body: c.body.clone(),
        people: vec![],
        tier: None,
        region: String::new(),
        tags: Default::default(),
        owner: String::new(),
        by: String::new(),
        today: today(),
    }
}

#[wasm_bindgen_test]
async fn two_tabs_creating_cards_at_the_same_moment_get_distinct_numbers() {
    let name = "test-safety-numbers";
    fresh(name).await.close();
    let a = tab(name, "dev-a").await;
    let b = tab(name, "dev-b").await;
    let cards = sample_archive(34, 12, today(), "dev-x");
    for pair in cards.chunks(2) {
        // Both build their batch from the same counter; one of them is refused and must
        // take a new number, not retry with the one it took.
        let (ra, rb) = futures::join!(a.create_customer(new_card(&pair[0])), b.create_customer(new_card(&pair[1])));
        ra.unwrap();
        rb.unwrap();
    }
    let db = Db::open(name).await.unwrap();
    let loaded = disk::load(&db).await.unwrap();
    let numbers: BTreeSet<&str> = loaded.archive.customers().iter().map(|c| c.reg_no.as_str()).collect();
    assert_eq!(loaded.archive.len(), 12);
    assert_eq!(numbers.len(), 12, "every 登记编号 distinct: {numbers:?}");
    db.close();
}

#[wasm_bindgen_test]
async fn a_damaged_page_and_journal_row_neither_stop_the_load_nor_get_deleted() {
    let name = "test-safety-damage";
    let db = fresh(name).await;
    let customers = sample_archive(35, 2_500, today(), "dev-a");
    let entries = sample_ledger(35, &customers, &[], today(), "dev-a");
    let archive = Archive::with_entries(customers.clone(), entries.clone(), vec![], Default::default());
    let start = disk::save_all(&db, &archive).await.unwrap();
    written(disk::append(&db, &with_region(&customers[10], "西北"), start, &[]).await.unwrap());

    // Row 5 of card page 1 gets a field of the wrong type; entry page 2 is cut short; one
    // journal row is not JSON.
    let page1 = js(get_raw(name, "pages", "c/000001")).await.as_string().unwrap();
    let mut rows: Vec<serde_json::Value> = serde_json::from_str(&page1).unwrap();
    rows[5]["deleted"] = serde_json::json!("yes");
    js(put_raw(name, "pages", Some("c/000001".into()), &serde_json::to_string(&rows).unwrap(), true)).await;
    let cut = r#"[{"id":"e-cut","cid":"#;
    js(put_raw(name, "pages", Some("e/000002".into()), cut, true)).await;
    js(put_raw(name, "journal", None, "{not json", false)).await;

    let loaded = disk::load(&db).await.expect("a damaged record must not fail the load");
    let bad = &customers[1_005];
    assert_eq!(loaded.archive.len(), 2_500, "positions are kept");
    assert!(loaded.archive.get(&bad.id).is_none());
    assert_eq!(loaded.archive.live_count(), 2_499);
    assert_eq!(loaded.archive.get(&customers[1_006].id), Some(&customers[1_006]), "the rest of the page reads");
    assert_eq!(loaded.archive.get(&customers[10].id).unwrap().region, "西北", "good journal rows apply");
    let on_page_2 = |e: &&Entry| loaded.archive.position(&e.customer_id).is_some_and(|p| p >= 2_000);
    assert_eq!(loaded.archive.entry_count(), entries.len() - entries.iter().filter(on_page_2).count());
    let d = &loaded.damage.records;
    assert_eq!(d.len(), 3, "{d:?}");
    let card = d.iter().find(|r| r.key == "c/000001").unwrap();
    assert_eq!((card.whole, card.rows), (false, 1));
    assert_eq!(card.named.customers[0].reg_no, bad.reg_no);
    assert_eq!(card.named.customers[0].name, bad.display_name());
    assert!(d.iter().any(|r| r.key == "e/000002" && r.whole));
    assert!(d.iter().any(|r| r.place == disk::Place::Journal));

    // Edits that rewrite both damaged pages, then a compaction.
    let mut archive = loaded.archive;
    let mut unfolded = loaded.unfolded;
    let mut m = loaded.journal;
    let payment = Entry::new("pay-new".into(), customers[2_100].id.clone(), EntryBody::Payment(Default::default()), stamp(5));
    for batch in [with_region(&customers[1_010], "东北"), Batch { entries: vec![payment], ..Batch::default() }] {
        m = written(disk::append(&db, &batch, m, &[]).await.unwrap());
        let applied = archive.apply(&batch);
        unfolded.note(&applied, m.last_key);
    }
    let pages = PageSet::of_damaged(&archive, &unfolded, &loaded.damage).unwrap();
    assert_eq!(disk::compact(&db, &pages, m).await.unwrap(), Compaction::Done);
    let page1 = js(get_raw(name, "pages", "c/000001")).await.as_string().unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_str(&page1).unwrap();
    assert_eq!(rows[5]["deleted"], "yes", "the bad row is written back as it was, in place");
    assert_eq!(rows[10]["region"], "东北");
    assert_eq!(js(get_raw(name, "rescue", "pages/e/000002")).await.as_string().as_deref(), Some(cut), "the cut page is kept");

    // A whole-archive replacement keeps every damaged record too.
    let again = disk::load(&db).await.unwrap();
    assert_eq!(again.archive.get(&customers[1_010].id).unwrap().region, "东北");
    assert!(again.archive.entry("pay-new").is_some());
    disk::save_all_keeping(&db, &Archive::default(), &again.damage).await.unwrap();
    let after = disk::load(&db).await.unwrap();
    assert!(after.archive.is_empty());
    let kept = disk::rescue_records(&db, &after.damage).await.unwrap();
    let texts: Vec<String> = kept.iter().map(|(_, _, b)| String::from_utf8_lossy(b).into_owned()).collect();
    assert!(texts.iter().any(|t| t == cut), "cut page rescued");
    assert!(texts.iter().any(|t| t == "{not json"), "bad journal row rescued");
    assert!(texts.iter().any(|t| t.contains(r#""deleted":"yes""#)), "the page with the bad card rescued");
    db.close();
}

#[wasm_bindgen_test]
async fn a_deleted_document_and_a_replaced_archive_leave_no_file() {
    let name = "test-safety-blobs";
    let db = fresh(name).await;
    let customers = sample_archive(36, 3, today(), "dev-a");
    let start = disk::save_all(&db, &Archive::from_parts(customers.clone(), vec![], Default::default())).await.unwrap();
    let file = |text: &str| web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(&JsValue::from_str(text))).unwrap();
    let doc = |id: &str, blob: &str| {
        let body = EntryBody::Document(Document { name: "a.pdf".into(), mime: "application/pdf".into(), size: 3, blob: blob.into(), date: today(), ..Default::default() });
        Entry::new(id.into(), customers[0].id.clone(), body, stamp(1))
    };
    let (d1, d2) = (doc("doc-1", "blob-1"), doc("doc-2", "blob-2"));
    let mut m = written(disk::append(&db, &Batch { entries: vec![d1.clone()], ..Batch::default() }, start, &[("blob-1".into(), file("one"))]).await.unwrap());
    m = written(disk::append(&db, &Batch { entries: vec![d2.clone()], ..Batch::default() }, m, &[("blob-2".into(), file("two"))]).await.unwrap());
    assert!(blobs::get(&db, "blob-1").await.unwrap().is_some());
    let mut gone = d1.clone();
    gone.delete(stamp(2));
    written(disk::append(&db, &Batch { entries: vec![gone], ..Batch::default() }, m, &[]).await.unwrap());
    assert!(blobs::get(&db, "blob-1").await.unwrap().is_none(), "the deleted document's file is gone");
    assert!(blobs::get(&db, "blob-2").await.unwrap().is_some(), "the other file stays");
    // A replacement whose documents name no file removes every file.
    disk::save_all(&db, &Archive::from_parts(customers, vec![], Default::default())).await.unwrap();
    assert_eq!(js(count_raw(name, "blobs")).await.as_f64(), Some(0.0));
    db.close();
}

#[wasm_bindgen_test]
async fn work_under_the_pages_lock_never_overlaps() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let log: Rc<RefCell<Vec<(&str, &str)>>> = Rc::default();
    let run = |tag: &'static str| {
        let log = log.clone();
        dossier::storage::browser::with_lock("test-pages-lock", async move {
            log.borrow_mut().push((tag, "in"));
            js(sleep(30)).await;
            log.borrow_mut().push((tag, "out"));
        })
    };
    // Started together, the second waits until the first has finished.
    futures::join!(run("a"), run("b"));
    assert_eq!(*log.borrow(), [("a", "in"), ("a", "out"), ("b", "in"), ("b", "out")]);
}
