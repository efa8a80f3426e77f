//! Property tests for the customer's file: money is conserved by the replay, the result does not
//! depend on the order entries are stored in, and entries merge like a join (commutative,
//! associative, idempotent).

use chrono::{Days, NaiveDate};
use dossier_core::ledger::*;
use dossier_core::{merge_entry, Entry, EntryBody, Hlc, Stamp};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}

fn on(day: u16) -> NaiveDate {
    day0() + Days::new(u64::from(day))
}

/// An amount: mostly ordinary, sometimes junk a corrupt file could hold (negative, above the cap).
fn fen() -> impl Strategy<Value = i64> {
    prop_oneof![
        8 => 1i64..2_000_000,
        2 => 1i64..4,
        1 => Just(0i64),
        1 => -5i64..0,
        1 => (MAX_ENTRY_FEN - 3)..(MAX_ENTRY_FEN + 3),
    ]
}

/// What one entry is; `target` picks another entry of the file by position (it may not be a
/// delivery, which the replay must then ignore).
#[derive(Clone, Debug)]
enum Op {
    Delivery { day: u16, credit: u16, fen: i64 },
    Payment { day: u16, fen: i64, alloc: Vec<(usize, i64)> },
    Bill { day: u16, fen: i64, status: BillStatus },
    Return { day: u16, fen: i64, approved: bool, target: Option<usize> },
    Visit { day: u16 },
}

fn op() -> impl Strategy<Value = Op> {
    // Few days, so many entries share a day and the tie rules are exercised.
    let day = 0u16..40;
    prop_oneof![
        4 => (day.clone(), 0u16..60, fen()).prop_map(|(day, credit, fen)| Op::Delivery { day, credit, fen }),
        4 => (day.clone(), fen(), proptest::collection::vec((0usize..64, fen()), 0..3))
            .prop_map(|(day, fen, alloc)| Op::Payment { day, fen, alloc }),
        1 => (day.clone(), fen(), prop_oneof![Just(BillStatus::Unsettled), Just(BillStatus::Settled), Just(BillStatus::Dishonoured)])
            .prop_map(|(day, fen, status)| Op::Bill { day, fen, status }),
        1 => (day.clone(), fen(), any::<bool>(), proptest::option::of(0usize..64))
            .prop_map(|(day, fen, approved, target)| Op::Return { day, fen, approved, target }),
        1 => day.prop_map(|day| Op::Visit { day }),
    ]
}

/// One customer's file: unique ids, creation stamps that often tie (few ms, two devices), some
/// tombstones.
fn file() -> impl Strategy<Value = Vec<Entry>> {
    proptest::collection::vec((op(), 0u64..6, 0usize..2, proptest::bool::weighted(0.1)), 0..32).prop_map(|ops| {
        let n = ops.len().max(1);
        let id = |k: usize| format!("e{}", k % n);
        ops.iter()
            .enumerate()
            .map(|(i, (op, ms, dev, deleted))| {
                let body = match op {
                    Op::Delivery { day, credit, fen } => EntryBody::Delivery(Delivery {
                        oid: "o".into(),
                        date: on(*day),
                        lines: vec![DeliveryLine { line: 0, qty: 1, unit_fen: *fen }],
                        fen: *fen,
                        due: on(*day) + Days::new(u64::from(*credit)),
                        note: String::new(),
                    }),
                    Op::Payment { day, fen, alloc } => EntryBody::Payment(Payment {
                        date: on(*day),
                        fen: *fen,
                        allocations: alloc.iter().map(|(k, f)| Allocation { dlv: id(*k), fen: *f }).collect(),
                        ..Default::default()
                    }),
                    Op::Bill { day, fen, status } => {
                        EntryBody::Bill(Bill { no: id(i), fen: *fen, received: on(*day), due: on(day + 90), status: *status, ..Default::default() })
                    }
                    Op::Return { day, fen, approved, target } => EntryBody::Return(Adjustment {
                        date: on(*day),
                        fen: *fen,
                        approved: *approved,
                        dlv: target.map(id),
                        ..Default::default()
                    }),
                    Op::Visit { day } => EntryBody::Visit(Visit { actual: Some(on(*day)), ..Default::default() }),
                };
                let mut e = Entry::new(id(i), "c".into(), body, Stamp::new(Hlc { ms: *ms, n: 0 }, ["a", "b"][*dev]));
                e.deleted = *deleted;
                e
            })
            .collect()
    })
}

fn clamp(f: i64) -> i64 {
    f.clamp(0, MAX_ENTRY_FEN)
}

/// Σ debits and Σ credits of the live entries, as the books count them.
fn flows(entries: &[Entry]) -> (i64, i64) {
    let (mut debit, mut credit) = (0, 0);
    for e in entries.iter().filter(|e| !e.deleted) {
        match &e.body {
            EntryBody::Delivery(d) => debit += clamp(d.fen),
            EntryBody::Payment(p) => credit += clamp(p.fen),
            EntryBody::Bill(b) if b.status != BillStatus::Dishonoured => credit += clamp(b.fen),
            EntryBody::Return(r) if r.approved => credit += clamp(r.fen),
            _ => {}
        }
    }
    (debit, credit)
}

/// Everything a ledger says, owned, so two replays can be compared.
type Summary = (Vec<(String, i64, i64, Option<NaiveDate>)>, Vec<(String, i64, i64, i64, bool)>, i64, i64, i64, Aging);

fn summary(l: &CustomerLedger) -> Summary {
    (
        l.receivables.iter().map(|r| (r.id.to_string(), r.amount, r.open, r.settled_on)).collect(),
        l.lines.iter().map(|x| (x.id.to_string(), x.debit, x.credit, x.balance, x.void)).collect(),
        l.open,
        l.credit_on_account,
        l.unsettled_notes,
        l.aging,
    )
}

fn today() -> NaiveDate {
    on(75)
}

fn stamp() -> impl Strategy<Value = Stamp> {
    (0u64..4, 0u32..2, 0usize..3).prop_map(|(ms, n, dev)| Stamp::new(Hlc { ms, n }, ["", "a", "b"][dev]))
}

/// Copies of one entry as different devices could hold them: same id, any stamps, bodies and
/// tombstones (including corrupt copies whose stamps tie).
fn copy() -> impl Strategy<Value = Entry> {
    (stamp(), prop_oneof![Just(None), stamp().prop_map(Some)], any::<bool>(), 0i64..3).prop_map(|(created, stamp, deleted, fen)| {
        let mut e = Entry::new("x".into(), "c".into(), EntryBody::Payment(Payment { date: day0(), fen, ..Default::default() }), created);
        if let Some(s) = stamp {
            e.stamp = s;
        }
        e.deleted = deleted;
        e
    })
}

proptest! {
    // Integration tests have no lib.rs beside them; keep failures in the crate's folder.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/ledger_props.txt"))),
        ..ProptestConfig::default()
    })]

    /// No fen is lost or made up: what the credits settled plus what is left on account is what
    /// came in; what is open plus what was settled is what was delivered; the aging buckets hold
    /// exactly the open receivables; the fast path agrees with the full ledger.
    #[test]
    fn money_is_conserved(entries in file()) {
        let l = CustomerLedger::build(&entries, today());
        let (debits, credits) = flows(&entries);
        let settled: i64 = l.receivables.iter().map(|r| r.settled).sum();
        let open: i64 = l.receivables.iter().map(|r| r.open).sum();
        prop_assert_eq!(settled + l.credit_on_account, credits);
        prop_assert_eq!(settled + open, debits);
        prop_assert_eq!(open, l.open);
        prop_assert_eq!(l.aging.total(), l.open);
        prop_assert_eq!(l.balance(), debits - credits);
        prop_assert!(l.open == 0 || l.credit_on_account == 0, "owes and has credit at once");
        for r in &l.receivables {
            prop_assert!(r.open >= 0 && r.open <= r.amount && r.settled == r.amount - r.open);
        }
        if let Some(last) = l.lines.last() {
            prop_assert_eq!(last.balance, l.balance());
        }
        // Who paid what: the applications add up, per delivery, to what it shows as settled, and
        // per credit to no more than it brought (the rest is on account).
        let apps = dossier_core::ledger::applications(&entries);
        for r in &l.receivables {
            let paid: i64 = apps.iter().filter(|a| a.delivery.id == r.id).map(|a| a.fen).sum();
            prop_assert_eq!(paid, r.settled, "applications to {}", r.id);
        }
        prop_assert_eq!(apps.iter().map(|a| a.fen).sum::<i64>() + l.credit_on_account, credits);
        prop_assert!(apps.iter().all(|a| a.fen > 0 && !a.credit.deleted && !a.delivery.deleted));
        let fast = aging(&entries, today());
        prop_assert_eq!(fast.aging, l.aging);
        prop_assert_eq!(fast.open(), l.open);
        prop_assert_eq!(fast.credit_on_account, l.credit_on_account);
        prop_assert_eq!(fast.unsettled_notes, l.unsettled_notes);
        prop_assert_eq!(fast.exposure(), l.exposure());
        prop_assert_eq!(fast.oldest_due, l.oldest_overdue().map(|r| r.due));
    }

    /// Two devices storing the same entries in different orders compute the same allocation,
    /// listing and aging (ties are broken by stamp, device and id, never by position).
    #[test]
    fn allocation_does_not_depend_on_entry_order(
        (entries, shuffled) in file().prop_flat_map(|es| (Just(es.clone()), Just(es).prop_shuffle()))
    ) {
        let a = CustomerLedger::build(&entries, today());
        let b = CustomerLedger::build(&shuffled, today());
        prop_assert_eq!(summary(&a), summary(&b));
        prop_assert_eq!(aging(&entries, today()), aging(&shuffled, today()));
    }

    #[test]
    fn merge_entry_is_commutative_associative_idempotent(a in copy(), b in copy(), c in copy()) {
        prop_assert_eq!(merge_entry(&a, &b), merge_entry(&b, &a));
        prop_assert_eq!(merge_entry(&merge_entry(&a, &b), &c), merge_entry(&a, &merge_entry(&b, &c)));
        prop_assert_eq!(merge_entry(&a, &a), a.clone());
        let m = merge_entry(&a, &b);
        prop_assert!(m == a || m == b, "the merge is one of the copies, whole");
        // Merging again changes nothing.
        prop_assert_eq!(merge_entry(&m, &a), m.clone());
        prop_assert_eq!(merge_entry(&m, &b), m);
    }
}
