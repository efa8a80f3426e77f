//! No one-tap loss of a customer (issue 18): what a delete would take out of view, stated from the
//! ledger's own figures; the 回收站 read from the summaries; 从回收站恢复 bringing the customer back
//! with its whole file, people and history, and staying restored when merged with older copies.

use chrono::NaiveDate;
use dossier_core::archive::{Archive, Batch};
use dossier_core::commands::cards::{delete_card, delete_facts, restore_from_bin, CardError};
use dossier_core::ledger::{Bill, BillStatus, Delivery, DeliveryLine, FileHolds, LedgerScratch, Order, OrderLine, Payment};
use dossier_core::summary::bin::recycle_bin;
use dossier_core::summary::Summary;
use dossier_core::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn st(ms: u64, dev: &str) -> Stamp {
    Stamp::new(Hlc { ms, n: 0 }, dev)
}

const T: u64 = 1_796_200_000_000;

/// Three customers; the first has two open orders (one part delivered: ¥400.00 owed, ¥50.00 paid),
/// a note of ¥120.00 not yet settled, and a person.
fn archive() -> (Archive, String, String) {
    let mut customers = sample_archive(3, 3, d("2025-01-01"), "dev-a");
    for c in &mut customers {
        c.deleted = false;
    }
    let id = customers[0].id.clone();
    let other = customers[1].id.clone();
    let line = |qty, unit_fen| vec![OrderLine { product: "水泥".into(), qty, unit_fen, unit: String::new() }];
    let o1 = Order { no: "HT-1".into(), date: d("2026-10-01"), lines: line(10, 10_000), ..Default::default() };
    let o2 = Order { no: "HT-2".into(), date: d("2026-10-02"), lines: line(3, 2_000), ..Default::default() };
    let dl = Delivery { oid: "o1".into(), date: d("2026-10-11"), lines: vec![DeliveryLine { line: 0, qty: 4, unit_fen: 10_000 }], fen: 40_000, due: d("2026-11-10"), note: String::new() };
    let pay = Payment { date: d("2026-10-20"), fen: 5_000, ..Default::default() };
    let bill = Bill { no: "B-1".into(), fen: 12_000, received: d("2026-10-21"), due: d("2027-01-21"), status: BillStatus::Unsettled, ..Default::default() };
    let entries = vec![
        Entry::new("o1".into(), id.clone(), EntryBody::Order(o1), st(T, "dev-a")),
        Entry::new("o2".into(), id.clone(), EntryBody::Order(o2), st(T + 1, "dev-a")),
        Entry::new("d1".into(), id.clone(), EntryBody::Delivery(dl), st(T + 2, "dev-a")),
        Entry::new("p1".into(), id.clone(), EntryBody::Payment(pay), st(T + 3, "dev-a")),
        Entry::new("b1".into(), id.clone(), EntryBody::Bill(bill), st(T + 4, "dev-a")),
    ];
    (Archive::with_entries(customers, entries, vec![], Numbering::default()), id, other)
}

/// Runs a command planned against `a` and applies its batch.
macro_rules! apply {
    ($a:ident, $planned:expr) => {{
        let planned: (Batch, dossier_core::commands::Expect) = $planned;
        $a.apply(&planned.0);
        planned.0
    }};
}

fn summary(a: &Archive, id: &str) -> Summary {
    Summary::of(a.get(id).unwrap(), a.ledger(id), &mut LedgerScratch::default())
}

#[test]
fn the_facts_of_a_delete_are_the_ledgers_own() {
    let (a, id, other) = archive();
    let h = delete_facts(&a, &id).unwrap();
    // Two orders with something left; ¥600 + ¥60 still to deliver, as the credit check counts it.
    assert_eq!((h.open_orders, h.open_order_fen), (2, 66_000));
    assert_eq!(h.open_order_fen, dossier_core::ledger::open_order_value(a.ledger(&id)));
    // ¥400 delivered, ¥50 paid and the ¥120 note paying in turn: ¥230 owed, the note unsettled.
    let s = summary(&a, &id);
    assert_eq!(h.receivable_fen, s.open.open.iter().map(|(_, f)| f).sum::<i64>());
    assert_eq!(h.receivable_fen, 23_000);
    assert_eq!((h.notes, h.note_fen), (1, 12_000));
    assert_eq!((h.entries, h.prepaid_fen), (5, 0));
    assert!(!h.is_empty() && h.in_play());
    // A customer with an empty file: nothing to state, one tap (with 撤销).
    assert_eq!(delete_facts(&a, &other).unwrap(), FileHolds::default());
    assert_eq!(delete_facts(&a, "nobody").unwrap_err(), CardError::NoCustomer);
}

#[test]
fn a_deleted_customer_is_in_the_bin_from_its_summary_with_what_its_file_holds() {
    let (mut a, id, other) = archive();
    let before = delete_facts(&a, &id).unwrap();
    apply!(a, delete_card(&a, &id, "h1", &st(T + 10, "dev-a")).unwrap());
    apply!(a, delete_card(&a, &other, "h2", &st(T + 20, "dev-b")).unwrap());
    assert_eq!(delete_facts(&a, &id).unwrap_err(), CardError::WrongState);
    let summaries: Vec<Summary> = a.files().map(|(c, f)| Summary::of(c, f, &mut LedgerScratch::default())).collect();
    let bin = recycle_bin(&summaries);
    assert_eq!(bin.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), [other.as_str(), id.as_str()], "newest delete first");
    let row = bin[1].bin.as_ref().unwrap();
    assert_eq!((row.at.clone(), &row.holds), (st(T + 10, "dev-a"), &before), "when, on which device, and the file as it was");
    // The summary, as stored, keeps it (a reload reads the bin from the stored summaries).
    let json = serde_json::to_string(bin[1]).unwrap();
    assert_eq!(serde_json::from_str::<Summary>(&json).unwrap(), *bin[1]);
}

#[test]
fn restoring_from_the_bin_brings_back_the_whole_file_with_a_record() {
    let (mut a, id, _) = archive();
    let card = a.get(&id).unwrap().clone();
    let file = a.ledger(&id).to_vec();
    let live = summary(&a, &id);
    apply!(a, delete_card(&a, &id, "h1", &st(T + 10, "dev-a")).unwrap());
    let gone = summary(&a, &id);
    assert!(gone.deleted && gone.open.open.is_empty(), "out of every list and total while deleted");
    let batch = apply!(a, restore_from_bin(&a, &id, "h2", &st(T + 20, "dev-b")).unwrap());
    assert_eq!(batch.history.len(), 1);
    let rec = &batch.history[0];
    assert_eq!((rec.id.as_str(), rec.customer_id.as_str(), rec.action), ("h2", id.as_str(), Action::RestoreBin));
    assert_eq!(rec.action.label(Lang::Zh), "从回收站恢复");
    assert!(batch.entries.is_empty(), "the file never left: nothing to write back");
    let back = a.get(&id).unwrap();
    assert_eq!(*back, Customer { deleted_stamp: Some(st(T + 20, "dev-b")), ..card.clone() }, "the card and its people as they were");
    assert_eq!(a.ledger(&id), &file[..], "every entry back");
    let again = summary(&a, &id);
    assert_eq!((again.deleted, &again.open, &again.credit, again.bin.as_ref()), (false, &live.open, &live.credit, None));
    assert_eq!(a.history_of(&id).iter().map(|h| h.action).collect::<Vec<_>>(), [Action::RestoreBin, Action::Delete]);
    // Not in the bin any more: refused, nothing written.
    assert_eq!(restore_from_bin(&a, &id, "h3", &st(T + 30, "dev-a")).unwrap_err(), CardError::WrongState);
}

#[test]
fn a_restore_wins_over_older_copies_in_every_merge_order() {
    let (mut a, id, _) = archive();
    let original = a.get(&id).unwrap().clone();
    apply!(a, delete_card(&a, &id, "h1", &st(T + 10, "dev-a")).unwrap());
    let deleted = a.get(&id).unwrap().clone();
    apply!(a, restore_from_bin(&a, &id, "h2", &st(T + 20, "dev-a")).unwrap());
    let restored = a.get(&id).unwrap().clone();
    // A copy from before the delete (another device's) and the deleted copy (a bundle made then).
    for old in [&original, &deleted] {
        for m in [merge_customer(&restored, old), merge_customer(old, &restored)] {
            assert!(!m.deleted, "restored, whatever arrives older");
            assert_eq!(m.deleted_stamp, Some(st(T + 20, "dev-a")));
        }
    }
    // A delete made after the restore (elsewhere) still wins: the newest decision stands.
    let mut later = restored.clone();
    dossier_core::customer::lifecycle::delete(&mut later, st(T + 30, "dev-b"));
    assert!(merge_customer(&restored, &later).deleted && merge_customer(&later, &restored).deleted);
}

#[test]
fn a_card_merged_away_is_not_in_the_bin_and_cannot_be_restored_from_it() {
    let (mut a, id, other) = archive();
    let mut merged = a.get(&other).unwrap().clone();
    dossier_core::customer::lifecycle::merge_into(&mut merged, &id, st(T + 5, "dev-a"));
    a.apply(&Batch { customers: vec![merged], ..Batch::default() });
    let summaries: Vec<Summary> = a.files().map(|(c, f)| Summary::of(c, f, &mut LedgerScratch::default())).collect();
    assert!(recycle_bin(&summaries).is_empty());
    assert_eq!(restore_from_bin(&a, &other, "h1", &st(T + 6, "dev-a")).unwrap_err(), CardError::WrongState);
}
