//! 信用总览 (summary::credit_rows): which customers are listed, exposure, utilisation, the next
//! report and every flag worked by hand from real files (`Summary::of`), the open-orders switch,
//! the three sort orders and the totals.

use chrono::NaiveDate;
use dossier_core::credit::{Approval, CreditClass, CreditSettings, SignReview};
use dossier_core::ledger::credit::{CreditInfo, Investigation};
use dossier_core::ledger::{Delivery, DeliveryLine, Order, OrderLine, OrderStatus, Payment};
use dossier_core::summary::credit_rows::{credit_rows, sort_by_overdue, sort_by_report, sort_by_utilisation, totals, CreditFlag, CreditRow};
use dossier_core::summary::Summary;
use dossier_core::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d("2026-12-01")
}

fn st() -> Stamp {
    Stamp::new(Hlc { ms: 1_796_200_000_000, n: 0 }, "dev-a")
}

fn entry(n: &mut u32, cid: &str, body: EntryBody) -> Entry {
    *n += 1;
    Entry::new(format!("{cid}-e{n}"), cid.to_string(), body, st())
}

fn limit(fen: i64) -> EntryBody {
    EntryBody::CreditLimit(Approval::manual(fen, "赵经理", "年度核定", d("2026-01-05")).unwrap())
}

fn order(qty: i64, unit_fen: i64, status: OrderStatus) -> EntryBody {
    EntryBody::Order(Order { no: "PO".into(), date: d("2026-09-01"), lines: vec![OrderLine { product: "货".into(), qty, unit_fen, unit: String::new() }], status, ..Order::default() })
}

fn delivery(oid: &str, qty: i64, unit_fen: i64, due: &str) -> EntryBody {
    EntryBody::Delivery(Delivery { oid: oid.into(), date: d("2026-09-01"), lines: vec![DeliveryLine { line: 0, qty, unit_fen }], fen: qty * unit_fen, due: d(due), note: String::new() })
}

fn class(c: CreditClass, date: &str) -> EntryBody {
    EntryBody::CreditInfo(CreditInfo { date: d(date), by: "王芳".into(), class: Some(c), ..Default::default() })
}

fn investigation(date: &str, report: bool, urgent: bool) -> EntryBody {
    EntryBody::Investigation(Box::new(Investigation { review: SignReview { date: d(date), by: "王芳".into(), ..Default::default() }, report, urgent, ..Default::default() }))
}

/// Six customers (c0–c5) and a deleted one, each file written out; see each for the sums.
fn summaries() -> Vec<Summary> {
    let customers = sample_archive(3, 7, d("2025-01-01"), "dev-a");
    let mut out = Vec::new();
    for (i, mut c) in customers.into_iter().enumerate() {
        c.deleted = i == 6;
        let id = c.id.clone();
        let mut n = 0;
        let mut e = |body| entry(&mut n, &id, body);
        let file: Vec<Entry> = match i {
            // ¥100,000 limit; ordered 10 × ¥1,000, 4 delivered (due 2026-10-01: 61 days overdue),
            // ¥1,000 paid: receivables ¥3,000 + open order ¥6,000 = ¥9,000 = 9.00 %. Class B,
            // never reported: due today.
            0 => {
                let o = e(order(10, 100_000, OrderStatus::Open));
                let oid = o.id.clone();
                let pay = Payment { date: d("2026-10-15"), fen: 100_000, ..Payment::default() };
                vec![e(limit(10_000_000)), o, e(delivery(&oid, 4, 100_000, "2026-10-01")), e(EntryBody::Payment(pay)), e(class(CreditClass::B, "2026-08-01"))]
            }
            // ¥10,000 limit, an open order of ¥9,000.01: one fen above the 90 % level (9000 bp
            // shown, warned). Class A, reported 2026-06-01: due again 2026-12-01, today.
            1 => vec![e(limit(1_000_000)), e(order(1, 900_001, OrderStatus::Open)), e(class(CreditClass::A, "2026-05-01")), e(investigation("2026-06-01", true, false))],
            // ¥10,000 limit, ¥10,000.01 delivered, due next month: over by a fen (10000 bp).
            2 => {
                let o = e(order(1, 1_000_001, OrderStatus::Delivered));
                let oid = o.id.clone();
                vec![e(limit(1_000_000)), o, e(delivery(&oid, 1, 1_000_001, "2027-01-01"))]
            }
            // No limit, an open order of ¥500.
            3 => vec![e(order(1, 50_000, OrderStatus::Open))],
            // Nothing of credit: a cash order long closed.
            4 => vec![e(order(1, 70_000, OrderStatus::Closed))],
            // An urgent report waiting since 2026-11-20 and a held order (which is no exposure).
            5 => vec![e(investigation("2026-11-20", false, true)), e(order(1, 80_000, OrderStatus::Blocked))],
            // Deleted: a limit, not listed.
            _ => vec![e(limit(1_000_000))],
        };
        out.push(Summary::of(&c, &file, &mut LedgerScratch::default()));
    }
    out
}

fn ids(rows: &[CreditRow], s: &[Summary]) -> Vec<usize> {
    rows.iter().map(|r| s.iter().position(|x| x.id == r.id).unwrap()).collect()
}

fn row<'a>(rows: &'a [CreditRow], s: &[Summary], i: usize) -> &'a CreditRow {
    rows.iter().find(|r| r.id == s[i].id).unwrap()
}

fn flags(r: &CreditRow) -> Vec<CreditFlag> {
    r.flags.iter().collect()
}

#[test]
fn rows_worked_by_hand() {
    let s = summaries();
    let rows = credit_rows(&s, &CreditSettings::default(), today());
    // c4 (nothing) and c6 (deleted) are left out; sorted by utilisation, no limit last.
    assert_eq!(ids(&rows, &s), [2, 1, 0, 3, 5]);

    let r0 = row(&rows, &s, 0);
    assert_eq!((r0.limit, r0.exposure, r0.utilisation_bp), (Some(10_000_000), 900_000, Some(900)));
    assert_eq!((r0.class, r0.next_report, r0.report_due), (Some(CreditClass::B), Some(today()), true));
    assert_eq!((r0.overdue_days, r0.urgent, r0.held), (61, 0, 0));
    assert_eq!(flags(r0), [CreditFlag::Overdue, CreditFlag::ReportDue]);
    assert_eq!(r0.flags.codes(), "overdue report_due");
    assert_eq!((r0.name.as_str(), r0.reg_no.as_str(), r0.pos), (s[0].name.as_str(), s[0].reg_no.as_str(), 0));

    let r1 = row(&rows, &s, 1);
    assert_eq!((r1.exposure, r1.utilisation_bp), (900_001, Some(9_000)));
    assert_eq!((r1.next_report, r1.report_due), (Some(d("2026-12-01")), true));
    assert_eq!(flags(r1), [CreditFlag::Warning, CreditFlag::ReportDue]);

    let r2 = row(&rows, &s, 2);
    assert_eq!((r2.exposure, r2.utilisation_bp, r2.overdue_days), (1_000_001, Some(10_000), 0));
    assert_eq!(flags(r2), [CreditFlag::OverLimit]);
    assert_eq!((r2.class, r2.next_report, r2.report_due), (None, None, false));

    let r3 = row(&rows, &s, 3);
    assert_eq!((r3.limit, r3.exposure, r3.utilisation_bp), (None, 50_000, None));
    assert_eq!(flags(r3), [CreditFlag::NoLimit]);

    let r5 = row(&rows, &s, 5);
    assert_eq!((r5.exposure, r5.urgent, r5.held), (0, 1, 1));
    assert_eq!(flags(r5), [CreditFlag::Urgent, CreditFlag::Held]);
    assert_eq!(r5.flags.codes(), "urgent held");

    let t = totals(&rows);
    assert_eq!((t.customers, t.limit, t.exposure), (5, 12_000_000, 900_000 + 900_001 + 1_000_001 + 50_000));
}

#[test]
fn the_settings_move_the_flags() {
    let s = summaries();
    // Open orders not counted: c1 falls to 0 %, c0 to its receivables, c3 has nothing left.
    let off = CreditSettings { count_open_orders: false, ..CreditSettings::default() };
    let rows = credit_rows(&s, &off, today());
    assert_eq!(ids(&rows, &s), [2, 0, 1, 5]);
    assert_eq!((row(&rows, &s, 0).exposure, row(&rows, &s, 0).utilisation_bp), (300_000, Some(300)));
    assert_eq!(flags(row(&rows, &s, 1)), [CreditFlag::ReportDue]);
    // 61 days allowed: not overdue beyond; 60: overdue. Warning at 95 %: c1 passes.
    let lenient = CreditSettings { overdue_days: 61, warning_bp: 9_500, ..CreditSettings::default() };
    let rows = credit_rows(&s, &lenient, today());
    assert!(!row(&rows, &s, 0).flags.has(CreditFlag::Overdue));
    assert_eq!(flags(row(&rows, &s, 1)), [CreditFlag::ReportDue]);
    let strict = CreditSettings { overdue_days: 60, ..CreditSettings::default() };
    assert!(row(&credit_rows(&s, &strict, today()), &s, 0).flags.has(CreditFlag::Overdue));
    // The day before: nothing is due for c1 (next 2026-12-01), c0 is due from "today" whatever
    // day it is (never reported), the receivable 60 days overdue.
    let rows = credit_rows(&s, &CreditSettings::default(), d("2026-11-30"));
    assert_eq!((row(&rows, &s, 1).next_report, row(&rows, &s, 1).report_due), (Some(d("2026-12-01")), false));
    assert_eq!((row(&rows, &s, 0).overdue_days, row(&rows, &s, 0).report_due), (60, true));
}

#[test]
fn the_three_sort_orders() {
    let s = summaries();
    let mut rows = credit_rows(&s, &CreditSettings::default(), today());
    // Most overdue first; ties by the larger exposure.
    sort_by_overdue(&mut rows);
    assert_eq!(ids(&rows, &s), [0, 2, 1, 3, 5]);
    // Earliest report first (c0 and c1 both today: c1's larger exposure first); no class last.
    sort_by_report(&mut rows);
    assert_eq!(ids(&rows, &s), [1, 0, 2, 3, 5]);
    sort_by_utilisation(&mut rows);
    assert_eq!(ids(&rows, &s), [2, 1, 0, 3, 5]);
    // The order does not depend on the summaries' order.
    let mut rev = s.clone();
    rev.reverse();
    let again: Vec<String> = credit_rows(&rev, &CreditSettings::default(), today()).into_iter().map(|r| r.id).collect();
    assert_eq!(again, rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>());
}

#[test]
fn nothing_of_credit_no_rows_and_odd_values_do_not_panic() {
    assert!(credit_rows(&[], &CreditSettings::default(), today()).is_empty());
    let mut s = summaries();
    s[0].open.open = vec![(NaiveDate::MIN, i64::MAX), (NaiveDate::MAX, i64::MAX)];
    s[0].open.unsettled_notes = i64::MAX;
    s[1].credit.limit = Some(0);
    s[2].credit.limit = Some(-5);
    for day in [NaiveDate::MIN, NaiveDate::MAX, today()] {
        let rows = credit_rows(&s, &CreditSettings { warning_bp: 0, ..CreditSettings::default() }, day);
        assert_eq!(rows.len(), 5);
    }
    let rows = credit_rows(&s, &CreditSettings::default(), today());
    assert_eq!(row(&rows, &s, 0).exposure, i64::MAX);
    // A limit of zero: nothing to divide by, any exposure is over it.
    assert_eq!(row(&rows, &s, 1).utilisation_bp, None);
    assert!(row(&rows, &s, 1).flags.has(CreditFlag::OverLimit));
}

#[test]
fn the_sample_archive_has_credit_rows() {
    let today = today();
    let mut customers = sample_archive(21, 2_000, today, "dev");
    let reps = sample_owners(21, &mut customers, "dev");
    let entries = sample_ledger(21, &customers, &reps, today, "dev");
    let a = dossier_core::archive::Archive::with_entries(customers, entries, vec![], Default::default()).with_reps(reps);
    let summaries = Summary::all(a.files());
    let started = std::time::Instant::now();
    let rows = credit_rows(&summaries, &CreditSettings::default(), today);
    eprintln!("2,000 summaries: {} credit rows in {:?}", rows.len(), started.elapsed());
    assert!(rows.iter().any(|r| r.limit.is_some()) && rows.iter().any(|r| r.class.is_some()));
    for w in rows.windows(2) {
        assert!(w[0].utilisation_bp.is_some() || w[1].utilisation_bp.is_none());
    }
}
