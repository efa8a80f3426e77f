//! Customers' files against real IndexedDB: every kind of entry round-trips through whole-archive
//! pages and through the journal and compaction; a document's file is stored with its entry; an
//! entry whose customer is unknown is kept, not dropped.
#![cfg(target_arch = "wasm32")]

mod common;

use std::collections::BTreeSet;

use dossier::storage::archive::{self as disk, Append, PageSet};
use dossier::storage::blobs;
use dossier_core::archive::{Archive, Batch};
use dossier_core::ledger::{Document, DocKind, EntryBody, Referral};
use dossier_core::{sample_archive, sample_ledger, Entry, EntryKind};
use wasm_bindgen_test::*;

use common::{fresh, stamp, today};

wasm_bindgen_test_configure!(run_in_browser);




/// The sample's entries plus the kinds a generated history may lack, so every kind is stored.
fn every_kind(customers: &[dossier_core::Customer]) -> Vec<Entry> {
    let mut entries = sample_ledger(3, customers, &[], today(), "dev-a");
    let cid = customers[0].id.clone();
    let referral = Referral { date: today(), by_name: "李雷".into(), ..Default::default() };
    entries.push(Entry::new("ref-1".into(), cid.clone(), EntryBody::Referral(referral), stamp(1)));
    let doc = Document { kind: DocKind::default(), date: today(), name: "执照.pdf".into(), mime: "application/pdf".into(), size: 4, blob: "blob-1".into(), ..Default::default() };
    entries.push(Entry::new("doc-1".into(), cid, EntryBody::Document(doc), stamp(2)));
    entries
}

#[wasm_bindgen_test]
async fn every_kind_of_entry_round_trips_beside_its_customer() {
    let db = fresh("test-ledger-roundtrip").await;
    let customers = sample_archive(21, 1_500, today(), "dev-a");
    let entries = every_kind(&customers);
    let kinds: BTreeSet<&str> = entries.iter().map(|e| e.category().code()).collect();
    assert_eq!(kinds.len(), EntryKind::ALL.len(), "the fixture covers every kind: {kinds:?}");
    let archive = Archive::with_entries(customers.clone(), entries.clone(), vec![], Default::default());
    disk::save_all(&db, &archive).await.unwrap();

    let loaded = disk::load(&db).await.unwrap();
    assert_eq!(loaded.archive.entry_count(), entries.len());
    for (pos, c) in customers.iter().enumerate() {
        assert_eq!(loaded.archive.ledger(&c.id), archive.ledger_at(pos as u32), "file of {}", c.reg_no);
    }
    assert!(loaded.archive.orphans().is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn entries_and_their_files_go_through_journal_and_compaction() {
    let db = fresh("test-ledger-journal").await;
    let customers = sample_archive(22, 1_200, today(), "dev-a");
    let archive = Archive::with_entries(customers.clone(), sample_ledger(4, &customers, &[], today(), "dev-a"), vec![], Default::default());
    let mut mark = disk::save_all(&db, &archive).await.unwrap();

    // A payment for customer 1,100 (entry page e/000001), a document with its file for customer
    // 3, and an entry of a customer this archive does not know.
    let payment = Entry::new("pay-x".into(), customers[1_100].id.clone(), EntryBody::Payment(dossier_core::ledger::Payment { date: today(), fen: 12_345, ..Default::default() }), stamp(10));
    let doc = Document { date: today(), name: "合同.pdf".into(), mime: "application/pdf".into(), size: 3, blob: "blob-x".into(), ..Default::default() };
    let document = Entry::new("doc-x".into(), customers[3].id.clone(), EntryBody::Document(doc), stamp(11));
    let stray = Entry::new("stray".into(), "no-such-customer".into(), EntryBody::Payment(Default::default()), stamp(12));
    let file: web_sys::Blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&js_sys::Uint8Array::from(&b"PDF"[..]))).unwrap();
    let steps: Vec<(Batch, Vec<(String, web_sys::Blob)>)> = vec![
        (Batch { entries: vec![payment.clone()], ..Batch::default() }, vec![]),
        (Batch { entries: vec![document.clone()], ..Batch::default() }, vec![("blob-x".into(), file)]),
        (Batch { entries: vec![stray.clone()], ..Batch::default() }, vec![]),
    ];
    for (batch, files) in &steps {
        match disk::append(&db, batch, mark, files).await.unwrap() {
            Append::Written(m) => mark = m,
            _ => panic!("append refused on a quiet journal"),
        }
    }
    let stored = blobs::get(&db, "blob-x").await.unwrap().expect("the file was stored with its entry");
    assert_eq!(stored.size(), 3.0);
    assert!(blobs::get(&db, "no-such-blob").await.unwrap().is_none());

    let loaded = disk::load(&db).await.unwrap();
    assert_eq!(loaded.archive.entry("pay-x"), Some(&payment));
    assert_eq!(loaded.archive.ledger(&customers[3].id).last(), Some(&document));
    assert_eq!(loaded.archive.orphans(), std::slice::from_ref(&stray));
    assert_eq!(loaded.unfolded.ledgers.keys().copied().collect::<BTreeSet<_>>(), BTreeSet::from([3, 1_100]));

    // Fold into pages: the entry pages of those customers (and the orphans) are rewritten.
    assert_eq!(disk::compact(&db, &PageSet::of(&loaded.archive, &loaded.unfolded).unwrap(), loaded.journal).await.unwrap(), disk::Compaction::Done);
    let again = disk::load(&db).await.unwrap();
    assert_eq!(again.journal.entries, 0);
    assert_eq!(again.archive.entry_count(), loaded.archive.entry_count());
    assert_eq!(again.archive.entry("pay-x"), Some(&payment));
    assert_eq!(again.archive.orphans(), &[stray]);
    for c in &customers {
        assert_eq!(again.archive.ledger(&c.id), loaded.archive.ledger(&c.id));
    }
    db.close();
}

/// An entry that arrived stamped a year ahead (a bundle from a device whose clock is wrong),
/// edited here through the app's command: the edit is what this tab shows, what a new tab reads
/// from disk, and what is left after compaction. Stamped at this device's clock, which stays
/// within a day, the edit lost to the far-ahead copy on disk.
#[wasm_bindgen_test]
async fn an_edit_of_an_entry_stamped_far_ahead_is_what_the_disk_keeps() {
    use dossier_core::commands::entries::{add_entry, EntryInput};
    use dossier_core::forms::FieldValue;
    use dossier_core::{entry_to_raw, Hlc, Stamp};
    use leptos::prelude::WithUntracked;
    let name = "test-ledger-far-ahead";
    let db = fresh(name).await;
    let customers = sample_archive(5, 20, today(), "dev-a");
    let cid = customers[0].id.clone();
    let a = Archive::from_parts(customers, vec![], Default::default());
    let mut raw = dossier_core::forms::schema::RawForm::new();
    raw.insert("actual".into(), "2026-11-20".into());
    raw.insert("method".into(), "visit".into());
    raw.insert("rep".into(), "王伟".into());
    let far = Stamp::new(Hlc { ms: js_sys::Date::now() as u64 + 365 * 24 * 3600 * 1000, n: 0 }, "dev-ahead");
    let input = EntryInput { raw: &raw, today: today(), confirmed: false, credit: None };
    let (batch, _) = add_entry(&a, &cid, EntryKind::Visit, input, "far-visit", &far).unwrap();
    let mut a = a;
    a.apply(&batch);
    disk::save_all(&db, &a).await.unwrap();
    db.close();

    let st = common::tab(name, "dev-b").await;
    st.open(std::slice::from_ref(&cid)).await.unwrap();
    let mut edit = entry_to_raw(&a.entry("far-visit").unwrap().body);
    edit.insert("rep".into(), FieldValue::Text("李娜".into()));
    st.edit_entry("far-visit", edit, false, None).await.unwrap();
    let rep_of = |e: &Entry| entry_to_raw(&e.body).get("rep").map(|v| v.flat());
    let here = st.archive.with_untracked(|a| a.entry("far-visit").cloned()).unwrap();
    assert_eq!(rep_of(&here), Some("李娜".into()));
    assert!(here.last_write().at > far.at, "stamped after the far-ahead copy");
    for step in ["from the journal", "after compaction"] {
        if step == "after compaction" {
            st.compact_now().await.unwrap();
        }
        let other = common::tab(name, "dev-c").await;
        other.open(std::slice::from_ref(&cid)).await.unwrap();
        let read = other.archive.with_untracked(|a| a.entry("far-visit").cloned()).unwrap();
        assert_eq!(rep_of(&read), Some("李娜".into()), "{step}");
    }
}
