//! Taking returned lent copies off the device (issue 14), in headless Chromium against real
//! IndexedDB: a page that does not read refuses the whole withdrawal before anything is written;
//! otherwise the customer's card row becomes a placeholder, its summary, entries and change
//! records go, a tab opened afterwards does not see it (and sees every other customer), and a
//! view that is no longer the latest is told to catch up.
#![cfg(target_arch = "wasm32")]

mod common;

use std::collections::BTreeMap;

use dossier::storage::archive as disk;
use dossier::storage::withdraw::{withdraw, Withdrawn};
use dossier_core::archive::Archive;
use dossier_core::{sample_archive, sample_ledger, Numbering};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

use common::{fresh, tab, today};

wasm_bindgen_test_configure!(run_in_browser);

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
export function put_page(name, key, text) {
  return withDb(name, (db) => { const tx = db.transaction('pages', 'readwrite'); tx.objectStore('pages').put(new TextEncoder().encode(text), key); return done(tx, () => undefined); });
}
export function get_page(name, key) {
  return withDb(name, (db) => {
    const tx = db.transaction('pages', 'readonly');
    const req = tx.objectStore('pages').get(key);
    return done(tx, () => { const v = req.result; if (v === undefined) return null; return typeof v === 'string' ? v : new TextDecoder().decode(v); });
  });
}
")]
extern "C" {
    fn put_page(name: &str, key: &str, text: &str) -> js_sys::Promise;
    fn get_page(name: &str, key: &str) -> js_sys::Promise;
}

async fn page(name: &str, key: &str) -> String {
    JsFuture::from(get_page(name, key)).await.unwrap().as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_withdrawal_is_whole_or_nothing_and_leaves_the_rest() {
    let name = "test-withdraw";
    let db = fresh(name).await;
    let customers = sample_archive(5, 20, today(), "dev-a");
    let entries = sample_ledger(5, &customers, &[], today(), "dev-a");
    let (pos, lent) = customers.iter().enumerate().find(|(_, c)| !c.deleted && entries.iter().any(|e| e.customer_id == c.id)).map(|(p, c)| (p as u32, c.id.clone())).unwrap();
    let live = customers.iter().filter(|c| !c.deleted).count();
    let archive = Archive::with_entries(customers, entries, vec![], Numbering::default());
    let mark = disk::save_all(&db, &archive).await.unwrap();
    let at: BTreeMap<String, u32> = [(lent.clone(), pos)].into();

    assert_eq!(common::tallies_agree(&db, 1).await, 1, "saved with its tallies");
    // A damaged entry page: refused, and the card page is as it was.
    let entries_page = page(name, "e/000000").await;
    JsFuture::from(put_page(name, "e/000000", "[{\"cid\":")).await.unwrap();
    let stored = dossier::storage::parts::read_stored_page(&db, 0).await.unwrap().unwrap();
    assert_eq!(stored.tallies(), None, "a page written without its tally is not taken by it");
    assert_eq!(stored.documents(), None);
    assert!(withdraw(&db, mark, &at).await.is_err(), "a page that does not read refuses it");
    assert!(page(name, "c/000000").await.contains(&lent), "nothing written");
    JsFuture::from(put_page(name, "e/000000", &entries_page)).await.unwrap();
    assert_eq!(common::tallies_agree(&db, 1).await, 1);

    // Whole: a placeholder in its place, its entries and summary gone, every other row kept.
    assert_eq!(withdraw(&db, mark, &at).await.unwrap(), Withdrawn::Done(1));
    let cards = page(name, "c/000000").await;
    assert!(!cards.contains(&format!("\"id\":\"{lent}\"")) && cards.contains(&format!("\"id\":\"withdrawn:{pos}\"")));
    assert!(!page(name, "e/000000").await.contains(&format!("\"cid\":\"{lent}\"")));
    assert!(!page(name, "s/000000").await.contains(&format!("\"id\":\"{lent}\"")));
    assert_eq!(common::tallies_agree(&db, 1).await, 0, "a page with a placeholder is read the slow way");
    db.close();
    let a = tab(name, "dev-a").await;
    assert_eq!(a.live_count(), live - 1, "a tab opened after it sees every other customer");
    assert!(a.summary(&lent).is_none(), "and not this one");

    // The view it was worked out from is not the latest any more (the generation moved).
    let db = dossier::storage::Db::open(name).await.unwrap();
    assert_eq!(withdraw(&db, mark, &at).await.unwrap(), Withdrawn::Behind);
}
