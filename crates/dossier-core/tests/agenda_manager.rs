//! The manager's view (agenda::manager): per rep, customers by grade, visits made and planned in
//! the ISO week and the month of `today` (month ends, the year's end, Feb 29), overdue reviews
//! and collections; former and deleted customers left out.

use chrono::NaiveDate;
use dossier_core::agenda::manager::{by_rep, Period, RepRow};
use dossier_core::grading::cadence::PlanRole;
use dossier_core::grading::prospect::ProspectGrade;
use dossier_core::grading::sales::SalesGrade;
use dossier_core::grading::settings::GradingSettings;
use dossier_core::summary::Summary;
use dossier_core::Stage;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cust(id: &str, owner: &str) -> Summary {
    let mut s: Summary = serde_json::from_value(serde_json::json!({ "id": id, "n": id, "k": "ent" })).unwrap();
    s.stage = Stage::Current;
    s.owner = owner.into();
    s
}

fn rows(summaries: &[Summary], role: PlanRole, today: NaiveDate) -> Vec<RepRow> {
    by_rep(summaries, &GradingSettings::default(), role, today)
}

#[test]
fn weeks_and_months_across_month_and_year_ends() {
    // Wednesday 2026-04-01: the week began in March.
    assert_eq!(Period::week_of(d(2026, 4, 1)), Period { first: d(2026, 3, 30), last: d(2026, 4, 5) });
    assert_eq!(Period::month_of(d(2026, 4, 1)), Period { first: d(2026, 4, 1), last: d(2026, 4, 30) });
    // Thursday 2026-01-01: the week began in 2025.
    assert_eq!(Period::week_of(d(2026, 1, 1)), Period { first: d(2025, 12, 29), last: d(2026, 1, 4) });
    // Monday and Sunday are their own week's ends.
    assert_eq!(Period::week_of(d(2026, 3, 30)).first, d(2026, 3, 30));
    assert_eq!(Period::week_of(d(2026, 4, 5)).first, d(2026, 3, 30));
    assert_eq!(Period::month_of(d(2028, 2, 10)).last, d(2028, 2, 29));
    assert_eq!(Period::month_of(d(2026, 2, 28)).last, d(2026, 2, 28));
    assert_eq!(Period::month_of(d(2026, 12, 31)), Period { first: d(2026, 12, 1), last: d(2026, 12, 31) });
    // The ends of chrono's calendar do not panic.
    let _ = (Period::week_of(NaiveDate::MIN), Period::week_of(NaiveDate::MAX), Period::month_of(NaiveDate::MAX));
}

fn april_archive() -> Vec<Summary> {
    let mut c1 = cust("c1", "r1");
    c1.grades.sales = Some(SalesGrade::A);
    c1.visits.last = Some(d(2026, 4, 1));
    c1.visits.made = vec![d(2026, 4, 1), d(2026, 3, 31), d(2026, 3, 30), d(2026, 3, 29), d(2026, 3, 2)];
    c1.visits.promised = Some((d(2026, 4, 3), "回访".into()));
    c1.visits.planned = vec![(d(2026, 3, 31), "missed".into())];
    let mut c2 = cust("c2", "r1");
    c2.grades.sales = Some(SalesGrade::C);
    c2.open.open = vec![(d(2026, 3, 1), 10_000), (d(2026, 5, 1), 500)];
    let mut c3 = cust("c3", "r1");
    c3.stage = Stage::Potential;
    c3.grades.prospect = Some(ProspectGrade::B);
    c3.grades.reviewed = Some(d(2026, 3, 20));
    let mut c4 = cust("c4", "r1");
    c4.stage = Stage::Potential;
    c4.grades.prospect = Some(ProspectGrade::A);
    c4.grades.reviewed = Some(d(2026, 3, 31));
    let mut c5 = cust("c5", "r1");
    c5.stage = Stage::Former;
    c5.grades.sales = Some(SalesGrade::A);
    c5.visits.made = vec![d(2026, 4, 1)];
    let mut c6 = cust("c6", "r1");
    c6.deleted = true;
    c6.grades.sales = Some(SalesGrade::B);
    let mut c7 = cust("c7", "");
    c7.grades.sales = Some(SalesGrade::B);
    c7.visits.last = Some(d(2026, 3, 20));
    c7.visits.made = vec![d(2026, 3, 20)];
    let mut c8 = cust("c8", "r2");
    c8.stage = Stage::Former;
    let mut c9 = cust("c9", "r0");
    c9.stage = Stage::Potential;
    c9.grades.prospect = Some(ProspectGrade::D);
    c9.open.open = vec![(d(2026, 4, 1), 7_000)];
    vec![c9, c1, c8, c2, c3, c7, c4, c5, c6]
}

#[test]
fn per_rep_counts_on_the_first_of_a_month() {
    let today = d(2026, 4, 1);
    let rows = rows(&april_archive(), PlanRole::Rep, today);
    // Sorted by owner; r2 has only a former customer and no row.
    assert_eq!(rows.iter().map(|r| r.owner.as_str()).collect::<Vec<_>>(), ["", "r0", "r1"]);
    let r1 = &rows[2];
    assert_eq!(r1.customers, 4);
    assert_eq!(
        [Some(SalesGrade::A), Some(SalesGrade::B), Some(SalesGrade::C), None].map(|g| r1.sales_count(g)),
        [1, 0, 1, 2]
    );
    assert_eq!(r1.sales.iter().sum::<u32>(), 4);
    assert_eq!([Some(ProspectGrade::A), Some(ProspectGrade::B), Some(ProspectGrade::D), None].map(|g| r1.prospect_count(g)), [1, 1, 0, 2]);
    // Made: Mar 30, 31 and Apr 1 in the week (Mar 29 is the Sunday before); Apr 1 in April.
    assert_eq!((r1.made_week, r1.made_month), (3, 1));
    // Planned: c1's promised Apr 3 (both), its missed Mar 31 (the week only), its plan visit
    // Apr 11 (April only); c2's plan visit, never visited, today (both).
    assert_eq!((r1.planned_week, r1.planned_month), (3, 3));
    // c3 (B, weekly) was due Mar 27; c4 (A, daily) is due today, not overdue.
    assert_eq!(r1.overdue_reviews, 1);
    assert_eq!((r1.overdue_collections, r1.overdue_fen), (1, 10_000));

    let nobody = &rows[0];
    assert_eq!((nobody.customers, nobody.sales_count(Some(SalesGrade::B))), (1, 1));
    // B: 2 a month, every 15 days from Mar 20: Apr 4, the Saturday of this week.
    assert_eq!((nobody.made_week, nobody.made_month, nobody.planned_week, nobody.planned_month), (0, 0, 1, 1));

    let r0 = &rows[1];
    // Never reviewed: due today, not overdue; a receivable due today is not overdue.
    assert_eq!((r0.prospect_count(Some(ProspectGrade::D)), r0.overdue_reviews, r0.overdue_collections, r0.overdue_fen), (1, 0, 0, 0));
    assert_eq!((r0.planned_week, r0.planned_month), (0, 0));

    // A manager visits C customers only when needed: c2 no longer counts as planned.
    let as_manager = by_rep(&april_archive(), &GradingSettings::default(), PlanRole::Manager, today);
    // A: every 1–2 months from Apr 1: May 1, neither this week nor April.
    assert_eq!((as_manager[2].planned_week, as_manager[2].planned_month), (2, 1));
}

#[test]
fn a_week_running_into_the_next_month_at_a_month_end() {
    // Saturday 2026-02-28: week Feb 23 – Mar 1, month February.
    let mut c = cust("c", "r1");
    c.grades.sales = Some(SalesGrade::A);
    c.visits.last = Some(d(2026, 2, 28));
    c.visits.made = vec![d(2026, 2, 28), d(2026, 2, 23), d(2026, 2, 22), d(2026, 2, 1), d(2026, 1, 31)];
    c.visits.promised = Some((d(2026, 2, 27), String::new()));
    c.visits.planned = vec![(d(2026, 3, 1), String::new())];
    let r = &rows(std::slice::from_ref(&c), PlanRole::Rep, d(2026, 2, 28))[0];
    assert_eq!((r.made_week, r.made_month), (2, 4));
    // Promised Feb 27 (both), planned Mar 1 (the week only), plan visit Mar 10 (neither).
    assert_eq!((r.planned_week, r.planned_month), (2, 1));

    // Tuesday 2028-02-29: week Feb 28 – Mar 5, month to the 29th.
    c.visits.made = vec![d(2028, 2, 29), d(2028, 2, 28), d(2028, 2, 27), d(2028, 1, 31)];
    c.visits.last = Some(d(2028, 2, 29));
    c.visits.promised = None;
    c.visits.planned = vec![(d(2028, 3, 1), String::new()), (d(2028, 2, 29), String::new())];
    let r = &rows(std::slice::from_ref(&c), PlanRole::Rep, d(2028, 2, 29))[0];
    assert_eq!((r.made_week, r.made_month), (2, 3));
    assert_eq!((r.planned_week, r.planned_month), (2, 1));

    // Sunday 2026-01-04: the week began on Monday 2025-12-29; the month on Jan 1.
    c.visits.made = vec![d(2026, 1, 2), d(2025, 12, 29), d(2025, 12, 28)];
    c.visits.last = Some(d(2026, 1, 2));
    c.visits.planned = vec![];
    let r = &rows(&[c], PlanRole::Rep, d(2026, 1, 4))[0];
    assert_eq!((r.made_week, r.made_month), (2, 1));
}

#[test]
fn an_overdue_plan_visit_counts_as_planned_today() {
    let mut c = cust("c", "r1");
    c.grades.sales = Some(SalesGrade::A);
    c.visits.last = Some(d(2026, 1, 2)); // due Jan 12, long past
    let r = &rows(&[c], PlanRole::Rep, d(2026, 3, 2))[0];
    assert_eq!((r.planned_week, r.planned_month), (1, 1));
}

fn arb_summary() -> impl Strategy<Value = Summary> {
    (
        proptest::sample::select(vec!["", "r1", "r2", "r3"]),
        proptest::sample::select(Stage::ALL),
        0u8..6,
        proptest::option::of(proptest::sample::select(SalesGrade::ALL)),
        proptest::option::of(proptest::sample::select(ProspectGrade::ALL)),
        proptest::collection::vec(-60i64..10, 0..6),
    )
        .prop_map(|(owner, stage, gone, sales, prospect, made)| {
            let mut s = cust("x", owner);
            s.stage = stage;
            s.deleted = gone == 0;
            s.grades.sales = sales;
            s.grades.prospect = prospect;
            let mut made: Vec<NaiveDate> = made.into_iter().map(|n| d(2026, 3, 1) + chrono::TimeDelta::days(n)).collect();
            made.sort_unstable_by(|a, b| b.cmp(a));
            s.visits.last = made.first().copied();
            s.visits.made = made;
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/agenda_manager.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_live_current_customer_is_counted_once(summaries in proptest::collection::vec(arb_summary(), 0..40), day in -40i64..40) {
        let today = d(2026, 3, 1) + chrono::TimeDelta::days(day);
        let rows = rows(&summaries, PlanRole::Rep, today);
        let counted = summaries.iter().filter(|s| !s.deleted && s.stage != Stage::Former).count();
        prop_assert_eq!(rows.iter().map(|r| r.customers as usize).sum::<usize>(), counted);
        for w in rows.windows(2) {
            prop_assert!(w[0].owner < w[1].owner);
        }
        for r in &rows {
            prop_assert!(r.customers > 0);
            prop_assert_eq!(r.sales.iter().sum::<u32>(), r.customers);
            prop_assert_eq!(r.prospect.iter().sum::<u32>(), r.customers);
            prop_assert!(r.made_week as usize <= summaries.iter().map(|s| s.visits.made.len()).sum::<usize>());
        }
        // Shuffling the summaries changes nothing.
        let mut reversed = summaries.clone();
        reversed.reverse();
        prop_assert_eq!(by_rep(&reversed, &GradingSettings::default(), PlanRole::Rep, today), rows);
    }
}
