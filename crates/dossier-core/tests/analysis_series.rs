//! Periods, sales and collections by month, whether they balance (seed 001), per rep, and trade
//! started and stopped by month (analysis::period, series, accounts), worked by hand.

mod analysis_support;

use analysis_support::*;
use dossier_core::analysis::{balance, balance_by_rep, series, starts_stops, Balance, MonthRow, Period, RepBalance, Scope, StartStop};
use dossier_core::ledger::YearMonth;
use dossier_core::summary::Summary;
use dossier_core::Lang;

fn m(year: i32, month: u32) -> YearMonth {
    YearMonth { year, month }
}

fn autumn() -> Period {
    Period { first: m(2026, 9), last: m(2026, 11) }
}

#[test]
fn periods_of_whole_months() {
    let p = Period::last_months(d("2026-12-15"), 3);
    assert_eq!(p, autumn());
    assert_eq!(p.months(), vec![m(2026, 9), m(2026, 10), m(2026, 11)]);
    assert_eq!(p.label(Lang::Zh), "2026年9月—2026年11月");
    assert_eq!(p.label(Lang::En), "Sep 2026 – Nov 2026");
    // Across a new year; the first of the month changes nothing.
    let p = Period::last_months(d("2026-02-01"), 3);
    assert_eq!((p.first, p.last), (m(2025, 11), m(2026, 1)));
    assert_eq!(p.label(Lang::En), "Nov 2025 – Jan 2026");
    assert_eq!(p.len(), 3);
    // Twelve months; zero is taken as one.
    assert_eq!(Period::last_months(d("2026-01-31"), 12), Period::year(2025));
    let one = Period::last_months(d("2026-01-31"), 0);
    assert_eq!(one.months(), vec![m(2025, 12)]);
    assert_eq!(one.label(Lang::Zh), "2025年12月");
    assert_eq!(Period::new(m(2026, 11), m(2026, 9)), autumn());
    assert!(autumn().contains(d("2026-11-30")) && !autumn().contains(d("2026-12-01")) && !autumn().contains(d("2026-08-31")));
}

/// c1 and c3 are r1's, c2 r2's, c5 has no owner, c4 is deleted.
fn trade() -> Vec<Summary> {
    vec![
        // Sep 100,000.00 − 10,000.00 returned (dated Oct) = 90,000.00; Nov 20,000.00 (its return
        // is dated Dec: not in the period). Collected Sep 50,000.00, Oct 60,000.00 (Dec outside).
        with("c1", "甲", |s| {
            s.owner = "r1".into();
            s.sales.delivered = vec![(ym(2026, 8), 5_000_000), (ym(2026, 9), 10_000_000), (ym(2026, 11), 2_000_000)];
            s.sales.returned = vec![(ym(2026, 9), ym(2026, 10), 1_000_000), (ym(2026, 11), ym(2026, 12), 500_000)];
            s.facts.collected = vec![(ym(2026, 9), 5_000_000), (ym(2026, 10), 6_000_000), (ym(2026, 12), 1)];
            s.facts.started = Some(d("2026-09-03"));
        }),
        // Oct 30,000.00; collected Oct 20,000.00.
        with("c2", "乙", |s| {
            s.owner = "r2".into();
            s.sales.delivered = vec![(ym(2026, 10), 3_000_000)];
            s.facts.collected = vec![(ym(2026, 10), 2_000_000)];
            s.facts.started = Some(d("2026-09-30"));
        }),
        // Oct 10,000.00 − 15,000.00 = −5,000.00.
        with("c3", "丙", |s| {
            s.owner = "r1".into();
            s.sales.delivered = vec![(ym(2026, 10), 1_000_000)];
            s.sales.returned = vec![(ym(2026, 10), ym(2026, 10), 1_500_000)];
            s.facts.started = Some(d("2026-08-31"));
            s.facts.stopped = Some(d("2026-11-01"));
        }),
        with("c4", "丁", |s| {
            s.owner = "r2".into();
            s.deleted = true;
            s.sales.delivered = vec![(ym(2026, 10), 100_000_000)];
            s.facts.collected = vec![(ym(2026, 10), 100_000_000)];
            s.facts.started = Some(d("2026-10-10"));
        }),
        // No owner: 1.00 collected in Oct, nothing sold. Stopped in Dec (outside).
        with("c5", "戊", |s| {
            s.facts.collected = vec![(ym(2026, 10), 100)];
            s.facts.stopped = Some(d("2026-12-01"));
        }),
    ]
}

fn row(month: YearMonth, sales: i64, collected: i64) -> MonthRow {
    MonthRow { month, sales, collected }
}

#[test]
fn series_of_the_whole_archive() {
    let rows = series(&trade(), &autumn(), Scope::All);
    assert_eq!(
        rows,
        vec![
            row(m(2026, 9), 9_000_000, 5_000_000),
            // 30,000.00 − 5,000.00; 60,000.00 + 20,000.00 + 1.00.
            row(m(2026, 10), 2_500_000, 8_000_100),
            row(m(2026, 11), 2_000_000, 0),
        ]
    );
    // 135,000.00 sold, 130,001.00 collected: 96.30 % (96.2970…), within ±10 %.
    assert_eq!(
        balance(&rows),
        Balance { sales: 13_500_000, collected: 13_000_100, difference: 499_900, rate_bp: Some(9630), balanced: true }
    );
}

#[test]
fn series_of_a_rep_and_of_a_customer() {
    let r1 = series(&trade(), &autumn(), Scope::Rep("r1"));
    assert_eq!(r1, vec![row(m(2026, 9), 9_000_000, 5_000_000), row(m(2026, 10), -500_000, 6_000_000), row(m(2026, 11), 2_000_000, 0)]);
    // 105,000.00 sold, 110,000.00 collected: 104.76 % — balanced (older debts collected).
    assert_eq!(
        balance(&r1),
        Balance { sales: 10_500_000, collected: 11_000_000, difference: -500_000, rate_bp: Some(10_476), balanced: true }
    );
    // r2: 30,000.00 sold, 20,000.00 collected: 66.67 %, not balanced; the deleted c4 not counted.
    let r2 = series(&trade(), &autumn(), Scope::Rep("r2"));
    assert_eq!(
        balance(&r2),
        Balance { sales: 3_000_000, collected: 2_000_000, difference: 1_000_000, rate_bp: Some(6667), balanced: false }
    );
    let c3 = series(&trade(), &autumn(), Scope::Customer("c3"));
    assert_eq!(c3, vec![row(m(2026, 9), 0, 0), row(m(2026, 10), -500_000, 0), row(m(2026, 11), 0, 0)]);
    assert_eq!(balance(&c3), Balance { sales: -500_000, collected: 0, difference: -500_000, rate_bp: None, balanced: false });
    let none = series(&trade(), &autumn(), Scope::Customer("c4"));
    assert_eq!(none.iter().map(|r| (r.sales, r.collected)).collect::<Vec<_>>(), vec![(0, 0); 3]);
}

#[test]
fn balance_is_within_ten_per_cent() {
    let b = |sales, collected| Balance::of(sales, collected);
    assert!(b(10_000, 9_000).balanced && b(10_000, 11_000).balanced && b(10_000, 10_000).balanced);
    assert!(!b(10_000, 8_999).balanced && !b(10_000, 11_001).balanced);
    assert_eq!(b(10_000, 8_999).rate_bp, Some(8999));
    // Half a basis point rounds away from zero: 1 of 20,000 is 0.5 bp.
    assert_eq!(b(20_000, 1).rate_bp, Some(1));
    assert_eq!(b(0, 0), Balance { sales: 0, collected: 0, difference: 0, rate_bp: None, balanced: true });
    assert_eq!(b(0, 100), Balance { sales: 0, collected: 100, difference: -100, rate_bp: None, balanced: false });
    assert_eq!(balance(&[]), b(0, 0));
}

#[test]
fn balance_per_rep() {
    let reps = [rep("r1", "张三", false), rep("r2", "李四", false), rep("r3", "王五", false), rep("r4", "赵六", true)];
    let rows = balance_by_rep(&trade(), &autumn(), &reps);
    let rb = |id: &str, name: &str, sales, collected| RepBalance { rep_id: id.into(), name: name.into(), balance: Balance::of(sales, collected) };
    // Biggest sales first; the two with none by name: "" (no owner) before 王五; 赵六 has left
    // and has nothing, so is not listed.
    assert_eq!(
        rows,
        vec![rb("r1", "张三", 10_500_000, 11_000_000), rb("r2", "李四", 3_000_000, 2_000_000), rb("", "", 0, 100), rb("r3", "王五", 0, 0)]
    );
    assert!(rows[0].balance.balanced && !rows[1].balance.balanced && rows[3].balance.balanced);
}

#[test]
fn trade_started_and_stopped_by_month() {
    let rows = starts_stops(&trade(), &autumn());
    // Started: c1 (3 Sep) and c2 (30 Sep); c3 in Aug and the deleted c4 do not count. Stopped:
    // c3 on 1 Nov; c5 in Dec is outside.
    assert_eq!(
        rows,
        vec![
            StartStop { month: m(2026, 9), started: 2, stopped: 0 },
            StartStop { month: m(2026, 10), started: 0, stopped: 0 },
            StartStop { month: m(2026, 11), started: 0, stopped: 1 },
        ]
    );
}
