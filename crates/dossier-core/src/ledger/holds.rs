//! What a customer's file holds that a delete would take out of view: open orders, money owed,
//! notes not yet settled, money paid in advance, and how many records in all. The card asks before
//! deleting a customer whose file is not empty (issue 18), and the 回收站 lists it beside each
//! deleted customer. The amounts are the ledger's own (`open_order_value`, `open_items`); only the
//! counts are taken here.

use super::{open_order_value, order_progress, Entry, EntryBody, LedgerScratch};
use crate::primitives::ledger_codes::{BillStatus, OrderStatus};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileHolds {
    /// Live orders not delivered, closed or cancelled, with something left to deliver.
    #[serde(rename = "o", default, skip_serializing_if = "is_zero_u")]
    pub open_orders: u32,
    /// Value still to deliver of the open ones ([`open_order_value`], fen).
    #[serde(rename = "of", default, skip_serializing_if = "is_zero")]
    pub open_order_fen: i64,
    /// Open receivables (应收账款, fen).
    #[serde(rename = "r", default, skip_serializing_if = "is_zero")]
    pub receivable_fen: i64,
    /// Paid in and not yet absorbed by a delivery (预收款, fen).
    #[serde(rename = "p", default, skip_serializing_if = "is_zero")]
    pub prepaid_fen: i64,
    /// Notes (票据) received and not settled.
    #[serde(rename = "n", default, skip_serializing_if = "is_zero_u")]
    pub notes: u32,
    #[serde(rename = "nf", default, skip_serializing_if = "is_zero")]
    pub note_fen: i64,
    /// Live entries of the file, of every kind.
    #[serde(rename = "e", default, skip_serializing_if = "is_zero_u")]
    pub entries: u32,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

fn is_zero_u(n: &u32) -> bool {
    *n == 0
}

impl FileHolds {
    /// The holdings of one customer's file (its entries, deleted ones included: they are skipped).
    pub fn of(entries: &[Entry], scratch: &mut LedgerScratch) -> FileHolds {
        let live = || entries.iter().filter(|e| !e.deleted);
        let open_orders = live()
            .filter(|e| match &e.body {
                EntryBody::Order(o) => !matches!(o.status, OrderStatus::Delivered | OrderStatus::Closed | OrderStatus::Cancelled),
                _ => false,
            })
            .filter(|e| order_progress(entries, &e.id, None).is_some_and(|p| p.iter().any(|l| l.remaining > 0)))
            .count();
        let notes = live().filter(|e| matches!(&e.body, EntryBody::Bill(b) if b.status == BillStatus::Unsettled)).count();
        let open = scratch.open_items(entries);
        FileHolds {
            open_orders: count(open_orders),
            open_order_fen: open_order_value(entries),
            receivable_fen: open.open.iter().fold(0i64, |s, (_, fen)| s.saturating_add(*fen)),
            prepaid_fen: open.credit_on_account,
            notes: count(notes),
            note_fen: open.unsettled_notes,
            entries: count(live().count()),
        }
    }

    /// Nothing in the file: a delete is one tap (with 撤销); otherwise the card asks first.
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Money or goods still in play (open orders, receivables, notes, prepayments).
    pub fn in_play(&self) -> bool {
        self.open_orders > 0 || self.receivable_fen != 0 || self.notes > 0 || self.prepaid_fen != 0
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{Bill, Delivery, DeliveryLine, Order, OrderLine, Payment, Visit};
    use crate::primitives::clock::{Hlc, Stamp};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn entry(n: u64, body: EntryBody) -> Entry {
        Entry::new(format!("e{n}"), "c".into(), body, Stamp::new(Hlc { ms: n, n: 0 }, "d"))
    }

    fn order(n: u64, qty: i64, unit: i64, status: OrderStatus) -> Entry {
        let lines = vec![OrderLine { product: "水泥".into(), qty, unit_fen: unit, unit: String::new() }];
        entry(n, EntryBody::Order(Order { no: format!("HT-{n}"), date: d("2026-01-05"), lines, status, ..Default::default() }))
    }

    fn delivery(n: u64, oid: &str, qty: i64, unit: i64) -> Entry {
        let lines = vec![DeliveryLine { line: 0, qty, unit_fen: unit }];
        entry(n, EntryBody::Delivery(Delivery { oid: oid.into(), date: d("2026-01-10"), lines, fen: qty * unit, due: d("2026-02-09"), note: String::new() }))
    }

    #[test]
    fn an_empty_file_holds_nothing() {
        let h = FileHolds::of(&[], &mut LedgerScratch::default());
        assert_eq!(h, FileHolds::default());
        assert!(h.is_empty() && !h.in_play());
        // Deleted entries do not count.
        let mut v = entry(1, EntryBody::Visit(Visit::default()));
        v.deleted = true;
        assert!(FileHolds::of(&[v], &mut LedgerScratch::default()).is_empty());
    }

    #[test]
    fn open_orders_receivables_notes_and_prepayments_are_counted_from_the_ledger() {
        let file = vec![
            // Open, 4 of 10 delivered: open, ¥60 left to deliver; the delivery owes ¥40.
            order(1, 10, 1_000, OrderStatus::Open),
            delivery(2, "e1", 4, 1_000),
            // Open and fully delivered: nothing left, not counted.
            order(3, 2, 500, OrderStatus::Open),
            delivery(4, "e3", 2, 500),
            // Held by credit: unfinished (counted), but not in the open value (as the ledger has it).
            order(5, 1, 700, OrderStatus::Blocked),
            // Cancelled: done with.
            order(6, 5, 100, OrderStatus::Cancelled),
            // ¥15 paid: the oldest receivable goes first.
            entry(7, EntryBody::Payment(Payment { date: d("2026-01-20"), fen: 1_500, ..Default::default() })),
            // A note not yet settled (¥12) and one settled.
            entry(8, EntryBody::Bill(Bill { no: "B1".into(), fen: 1_200, received: d("2026-01-21"), due: d("2026-06-30"), status: BillStatus::Unsettled, ..Default::default() })),
            entry(9, EntryBody::Bill(Bill { no: "B2".into(), fen: 300, received: d("2026-01-21"), due: d("2026-03-30"), status: BillStatus::Settled, ..Default::default() })),
        ];
        let h = FileHolds::of(&file, &mut LedgerScratch::default());
        let open = LedgerScratch::default().open_items(&file);
        assert_eq!(h.open_orders, 2);
        assert_eq!(h.open_order_fen, open_order_value(&file));
        assert_eq!(h.open_order_fen, 6_000);
        // Deliveries ¥40 + ¥10 = ¥50, paid ¥15 + notes ¥12 + ¥3: ¥20 owed.
        assert_eq!(h.receivable_fen, open.open.iter().map(|(_, f)| f).sum::<i64>());
        assert_eq!(h.receivable_fen, 2_000);
        assert_eq!((h.notes, h.note_fen), (1, 1_200));
        assert_eq!(h.prepaid_fen, 0);
        assert_eq!(h.entries, 9);
        assert!(!h.is_empty() && h.in_play());
    }

    #[test]
    fn money_paid_in_advance_is_in_play_and_a_visit_alone_is_not() {
        let pay = entry(1, EntryBody::Payment(Payment { date: d("2026-01-20"), fen: 5_000, ..Default::default() }));
        let h = FileHolds::of(std::slice::from_ref(&pay), &mut LedgerScratch::default());
        assert_eq!((h.prepaid_fen, h.receivable_fen, h.entries), (5_000, 0, 1));
        assert!(h.in_play());
        let visit = entry(2, EntryBody::Visit(Visit::default()));
        let h = FileHolds::of(&[visit], &mut LedgerScratch::default());
        assert!(!h.is_empty() && !h.in_play(), "not empty: still asked, but nothing owed");
    }
}
