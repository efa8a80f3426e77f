//! 今日 (agenda::day): what is listed and what is not, the sections and the route order, the
//! horizon across the year's end, Feb 29, done items leaving the list, owner scoping,
//! collections and counts; laws by proptest.

use chrono::{Days, NaiveDate};
use dossier_core::agenda::day::{build, Day, DayItem, DayKind, DayScope};
use dossier_core::grading::cadence::{DueStatus, PlanRole};
use dossier_core::grading::holidays::Holiday;
use dossier_core::grading::prospect::{ProspectGrade, ProspectScale};
use dossier_core::grading::reminders::{DateEvent, ReminderKind};
use dossier_core::grading::route::{Area, RouteOrder, RoutePlace};
use dossier_core::grading::sales::SalesGrade;
use dossier_core::grading::settings::GradingSettings;
use dossier_core::primitives::grades::GradeValue;
use dossier_core::summary::Summary;
use dossier_core::{Lang, Stage, Tier};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Wednesday.
fn today() -> NaiveDate {
    d(2026, 3, 11)
}

/// A live current customer of rep `r1` with nothing to do: built from its wire form, so fields
/// added to `Summary` later take their defaults here too.
fn cust(id: &str) -> Summary {
    let mut s: Summary = serde_json::from_value(serde_json::json!({ "id": id, "n": format!("客户{id}"), "k": "ind" })).unwrap();
    s.stage = Stage::Current;
    s.owner = "r1".into();
    s
}

/// A customer whose plan visit is due today (sales grade A, never visited).
fn due_today(id: &str, area: &str, seq: Option<u32>) -> Summary {
    let mut s = cust(id);
    s.grades.sales = Some(SalesGrade::A);
    s.grades.area = area.into();
    s.grades.route_seq = seq;
    s
}

fn area(code: &str) -> Area {
    Area { code: code.into(), ..Area::default() }
}

fn rep_day(summaries: &[Summary]) -> Day {
    build(summaries, &DayScope::default(), &GradingSettings::default(), &[], Some(today()), today())
}

fn ids(items: &[DayItem]) -> Vec<&str> {
    items.iter().map(|i| i.customer_id.as_str()).collect()
}

fn kinds(items: &[DayItem]) -> Vec<(DayKind, DueStatus, NaiveDate, i64)> {
    items.iter().map(|i| (i.kind, i.section, i.date, i.days_left)).collect()
}

fn birthday(who: &str, date: NaiveDate) -> DateEvent {
    DateEvent { kind: ReminderKind::Birthday, date, who: who.into(), what: String::new() }
}

#[test]
fn route_order_listed_areas_first_unknown_after_no_area_last() {
    let areas = [area("2B"), area("1A")];
    let summaries = vec![
        due_today("c1", "1A", Some(2)),
        due_today("c2", "2B", Some(5)),
        due_today("c3", "1A", Some(1)),
        due_today("c4", "9Z", None),
        due_today("c5", "10A", Some(1)),
        due_today("c6", "", Some(1)),
        due_today("c7", "１ａ", None),
        due_today("c0", "1A", Some(2)),
    ];
    let day = build(&summaries, &DayScope::default(), &GradingSettings::default(), &areas, None, today());
    // 2B (first row), 1A by 路序 (the same 路序: by id; none last; full-width `１ａ` is 1A), then
    // codes not in the table in natural order (9Z before 10A), then no area.
    assert_eq!(ids(&day.items), ["c2", "c3", "c0", "c1", "c7", "c4", "c5", "c6"]);
    assert!(day.items.iter().all(|i| i.kind == DayKind::PlanVisit && i.section == DueStatus::Due));
    assert_eq!(day.items.iter().map(|i| i.pos).collect::<Vec<_>>(), [1, 2, 7, 0, 6, 3, 4, 5]);
    // Without a table every area is unknown: natural order.
    let day = build(&summaries, &DayScope::default(), &GradingSettings::default(), &[], None, today());
    assert_eq!(ids(&day.items), ["c3", "c0", "c1", "c7", "c2", "c4", "c5", "c6"]);
}

#[test]
fn sections_overdue_today_upcoming_with_the_horizon_end_included() {
    let mut late = cust("late"); // last on the route, but its overdue item comes first
    late.visits.promised = Some((d(2026, 3, 9), "带样品".into()));
    late.visits.planned = vec![(d(2026, 3, 11), "签合同".into()), (d(2026, 3, 19), "太远".into())];
    let mut early = cust("early");
    early.grades.area = "1A".into();
    early.dates = vec![
        birthday("张三", d(1980, 3, 18)), // today + 7: the horizon's last day, listed
        birthday("李四", d(1980, 3, 19)), // today + 8: not
        birthday("王五", d(1980, 3, 10)), // yesterday: gone until next year
        birthday("赵六", d(1980, 3, 11)), // today
    ];
    let day = rep_day(&[late, early]);
    assert_eq!(day.until, d(2026, 3, 18));
    assert_eq!(
        kinds(&day.items),
        [
            (DayKind::PromisedVisit, DueStatus::Overdue, d(2026, 3, 9), -2),
            (DayKind::Birthday, DueStatus::Due, d(2026, 3, 11), 0),
            (DayKind::PlannedVisit, DueStatus::Due, d(2026, 3, 11), 0),
            (DayKind::Birthday, DueStatus::Upcoming, d(2026, 3, 18), 7),
        ]
    );
    assert_eq!(ids(&day.items), ["late", "early", "late", "early"]);
    assert_eq!(day.items[1].who, "赵六");
    assert_eq!(day.section(DueStatus::Overdue).len(), 1);
    assert_eq!(ids(day.section(DueStatus::Due)), ["early", "late"]);
    assert_eq!(day.section(DueStatus::Upcoming)[0].who, "张三");
    assert_eq!(day.items[0].describe(Lang::Zh), "约定回访：带样品 · 逾期 2 天");
    assert_eq!(day.items[0].describe(Lang::En), "Promised visit: 带样品 · 2 days overdue");
    assert_eq!(day.items[1].describe(Lang::Zh), "赵六 生日（46岁） · 今天");
    assert_eq!(day.items[3].describe(Lang::Zh), "张三 生日（46岁） · 7 天后（2026-03-18）");
    assert_eq!(day.items[3].describe(Lang::En), "张三: Birthday (46) · in 7 days (2026-03-18)");
    let c = &day.counts;
    assert_eq!((c.section(DueStatus::Overdue), c.section(DueStatus::Due), c.section(DueStatus::Upcoming), c.total()), (1, 2, 1, 4));
    assert_eq!((c.kind(DayKind::Birthday), c.kind(DayKind::PromisedVisit), c.kind(DayKind::PlannedVisit), c.kind(DayKind::Review)), (2, 1, 1, 0));
    assert_eq!(c.customers, 2);
    // Zero days ahead: overdue and today only.
    let settings = GradingSettings { reminder_days: 0, ..GradingSettings::default() };
    let day0 = build(&[cust("x")], &DayScope::default(), &settings, &[], None, today());
    assert!(day0.items.is_empty());
    assert_eq!(day0.until, today());
}

#[test]
fn across_the_years_end_with_new_years_greetings_for_key_customers() {
    let today = d(2025, 12, 28);
    let mut key = cust("key");
    key.tier = Some(Tier::Key);
    key.dates = vec![birthday("张三", d(1980, 1, 3)), birthday("李四", d(1980, 1, 4)), birthday("王五", d(1980, 1, 5))];
    let mut plain = cust("plain");
    plain.tier = Some(Tier::Ordinary);
    let day = build(&[plain, key], &DayScope::default(), &GradingSettings::default(), &[], None, today);
    assert_eq!(day.until, d(2026, 1, 4));
    assert_eq!(
        kinds(&day.items),
        [
            (DayKind::Holiday, DueStatus::Upcoming, d(2026, 1, 1), 4),
            (DayKind::Birthday, DueStatus::Upcoming, d(2026, 1, 3), 6),
            (DayKind::Birthday, DueStatus::Upcoming, d(2026, 1, 4), 7),
        ]
    );
    assert_eq!(day.items[0].holiday, Some(Holiday::NewYear));
    assert_eq!(day.items[0].describe(Lang::Zh), "元旦问候 · 4 天后（2026-01-01）");
    assert_eq!(day.items[2].years, Some(46));
    assert!(day.items.iter().all(|i| i.customer_id == "key"), "an ordinary customer is not greeted");
    // 春节 2026 is Feb 17: a key customer is greeted from five days before.
    let day = build(&day_customers_key(), &DayScope::default(), &GradingSettings::default(), &[], None, d(2026, 2, 12));
    assert_eq!(kinds(&day.items), [(DayKind::Holiday, DueStatus::Upcoming, d(2026, 2, 17), 5)]);
    assert_eq!(day.items[0].describe(Lang::En), "Spring Festival greetings · in 5 days (2026-02-17)");
}

fn day_customers_key() -> Vec<Summary> {
    let mut key = cust("key");
    key.tier = Some(Tier::Key);
    vec![key]
}

#[test]
fn a_feb_29_birthday_is_on_feb_28_in_common_years() {
    let mut s = cust("c");
    s.dates = vec![birthday("闰二", d(2000, 2, 29))];
    let on = |today| build(std::slice::from_ref(&s), &DayScope::default(), &GradingSettings::default(), &[], None, today);
    let day = on(d(2027, 2, 25));
    assert_eq!(kinds(&day.items), [(DayKind::Birthday, DueStatus::Upcoming, d(2027, 2, 28), 3)]);
    assert_eq!(day.items[0].years, Some(27));
    assert_eq!(kinds(&on(d(2028, 2, 25)).items), [(DayKind::Birthday, DueStatus::Upcoming, d(2028, 2, 29), 4)]);
    assert_eq!(kinds(&on(d(2027, 2, 28)).items), [(DayKind::Birthday, DueStatus::Due, d(2027, 2, 28), 0)]);
    assert!(on(d(2027, 3, 1)).items.is_empty(), "not again on Mar 1");
}

#[test]
fn plan_visits_by_grade_and_role_and_a_visit_made_today_removes_them() {
    let mut a = cust("a"); // 3 a month: every 10 days
    a.grades.sales = Some(SalesGrade::A);
    a.visits.last = Some(d(2026, 2, 20));
    let day = rep_day(std::slice::from_ref(&a));
    assert_eq!(kinds(&day.items), [(DayKind::PlanVisit, DueStatus::Overdue, d(2026, 3, 2), -9)]);
    assert_eq!(day.items[0].grade, Some(GradeValue::Sales(SalesGrade::A)));
    assert_eq!(day.items[0].describe(Lang::Zh), "按计划拜访：A级，每月 3 次 · 逾期 9 天");
    assert_eq!(day.items[0].describe(Lang::En), "Visit by plan: grade A, 3 a month · 9 days overdue");
    // Done: the visit made today moves the last visit; the next is in 10 days, past the horizon.
    a.visits.last = Some(today());
    a.visits.made.insert(0, today());
    assert!(rep_day(std::slice::from_ref(&a)).items.is_empty());

    // A group lead's 2–3 a month is due from 10 to 15 days after the last visit.
    let lead = DayScope { owner: None, role: PlanRole::GroupLead };
    let mut b = cust("b");
    b.grades.sales = Some(SalesGrade::A);
    b.visits.last = Some(d(2026, 3, 1));
    let day = build(std::slice::from_ref(&b), &lead, &GradingSettings::default(), &[], None, today());
    assert_eq!(kinds(&day.items), [(DayKind::PlanVisit, DueStatus::Due, today(), 0)]);
    assert_eq!(day.items[0].until, Some(d(2026, 3, 16)));
    assert_eq!(day.items[0].describe(Lang::Zh), "按计划拜访：A级，每月 2–3 次 · 今天起，最迟 2026-03-16");
    assert_eq!(day.items[0].describe(Lang::En), "Visit by plan: grade A, 2–3 a month · due now, by 2026-03-16");
    b.visits.last = Some(d(2026, 3, 5));
    let day = build(std::slice::from_ref(&b), &lead, &GradingSettings::default(), &[], None, today());
    assert_eq!(kinds(&day.items), [(DayKind::PlanVisit, DueStatus::Upcoming, d(2026, 3, 15), 4)]);
    assert_eq!(day.items[0].until, Some(d(2026, 3, 20)));
    assert_eq!(day.items[0].when(Lang::Zh), "4 天后（2026-03-15），最迟 2026-03-20");
    b.visits.last = Some(d(2026, 2, 20));
    let day = build(std::slice::from_ref(&b), &lead, &GradingSettings::default(), &[], None, today());
    assert_eq!(kinds(&day.items), [(DayKind::PlanVisit, DueStatus::Overdue, d(2026, 3, 7), -4)]);
    // A manager visits C customers only when needed: nothing planned.
    let mut c = cust("c");
    c.grades.sales = Some(SalesGrade::C);
    let manager = DayScope { owner: None, role: PlanRole::Manager };
    assert!(build(std::slice::from_ref(&c), &manager, &GradingSettings::default(), &[], None, today()).items.is_empty());
    // Grades below C follow C's row; never visited: due today.
    c.grades.sales = Some(SalesGrade::E);
    assert_eq!(kinds(&rep_day(&[c]).items), [(DayKind::PlanVisit, DueStatus::Due, today(), 0)]);
}

#[test]
fn prospect_reviews_by_cadence_and_a_review_today_removes_them() {
    let mut c = cust("c");
    c.stage = Stage::Potential;
    c.grades.prospect = Some(ProspectGrade::C); // monthly
    c.grades.reviewed = Some(d(2026, 2, 11));
    let day = rep_day(std::slice::from_ref(&c));
    assert_eq!(kinds(&day.items), [(DayKind::Review, DueStatus::Due, today(), 0)]);
    assert_eq!(day.items[0].describe(Lang::Zh), "复核准客户卡：C级（可考虑升级） · 今天");
    assert_eq!(day.items[0].describe(Lang::En), "Review prospect card: grade C (consider a promotion) · today");
    c.grades.reviewed = Some(today());
    assert!(rep_day(std::slice::from_ref(&c)).items.is_empty(), "reviewed today: next month");

    // A daily: reviewed today, due again tomorrow; reviewed three days ago, overdue by two.
    let mut a = cust("a");
    a.stage = Stage::Potential;
    a.grades.prospect = Some(ProspectGrade::A);
    a.grades.reviewed = Some(today());
    assert_eq!(kinds(&rep_day(std::slice::from_ref(&a)).items), [(DayKind::Review, DueStatus::Upcoming, d(2026, 3, 12), 1)]);
    a.grades.reviewed = Some(d(2026, 3, 8));
    let day = rep_day(std::slice::from_ref(&a));
    assert_eq!(kinds(&day.items), [(DayKind::Review, DueStatus::Overdue, d(2026, 3, 9), -2)]);
    assert_eq!(day.items[0].describe(Lang::Zh), "复核准客户卡：A级 · 逾期 2 天");
    // B never reviewed: today.
    let mut b = cust("b");
    b.stage = Stage::Potential;
    b.grades.prospect = Some(ProspectGrade::B);
    assert_eq!(kinds(&rep_day(std::slice::from_ref(&b)).items), [(DayKind::Review, DueStatus::Due, today(), 0)]);
    // Only prospects (潜在客户) are reviewed by this cadence.
    b.stage = Stage::Current;
    assert!(rep_day(&[b]).items.is_empty());
    // On seed 000's three-grade scale a D card is a C card (monthly, not every three months).
    let mut dd = cust("d");
    dd.stage = Stage::Potential;
    dd.grades.prospect = Some(ProspectGrade::D);
    dd.grades.reviewed = Some(d(2026, 2, 11));
    assert!(rep_day(std::slice::from_ref(&dd)).items.is_empty());
    let three = GradingSettings { prospect_scale: ProspectScale::Three, ..GradingSettings::default() };
    let day = build(&[dd], &DayScope::default(), &three, &[], None, today());
    assert_eq!(kinds(&day.items), [(DayKind::Review, DueStatus::Due, today(), 0)]);
    assert_eq!(day.items[0].grade, Some(GradeValue::Prospect(ProspectGrade::C)));
}

#[test]
fn owner_scope_and_former_and_deleted_customers() {
    let mut r2 = due_today("r2c", "", None);
    r2.owner = "r2".into();
    let mut nobody = due_today("none", "", None);
    nobody.owner = String::new();
    let mut former = due_today("former", "", None);
    former.stage = Stage::Former;
    let mut gone = due_today("gone", "", None);
    gone.deleted = true;
    let mine = due_today("mine", "", None);
    let all = [r2, nobody, former, gone, mine];
    let with = |owner: Option<&str>| {
        let scope = DayScope { owner: owner.map(str::to_string), role: PlanRole::Rep };
        let day = build(&all, &scope, &GradingSettings::default(), &[], None, today());
        ids(&day.items).into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(with(None), ["mine", "none", "r2c"]);
    assert_eq!(with(Some("r1")), ["mine"]);
    assert_eq!(with(Some("r2")), ["r2c"]);
    assert_eq!(with(Some("")), ["none"]);
    assert!(with(Some("r9")).is_empty());
}

#[test]
fn collections_of_overdue_receivables() {
    let mut a = cust("a");
    a.open.open = vec![(d(2026, 1, 10), 50_000), (d(2026, 2, 28), 30_000), (today(), 10_000), (d(2026, 4, 1), 5_000)];
    let mut b = cust("b");
    b.open.open = vec![(d(2026, 3, 10), 1)];
    let mut not_yet = cust("not_yet"); // due today is not overdue
    not_yet.open.open = vec![(today(), 99_999), (d(2026, 3, 12), 1_000)];
    let day = rep_day(&[a, b, not_yet]);
    assert_eq!(kinds(&day.items), [(DayKind::Collection, DueStatus::Overdue, d(2026, 1, 10), -60), (DayKind::Collection, DueStatus::Overdue, d(2026, 3, 10), -1)]);
    assert_eq!(day.items.iter().map(|i| i.amount).collect::<Vec<_>>(), [Some(80_000), Some(1)]);
    assert_eq!(day.items[0].describe(Lang::Zh), "收款：逾期 ¥800.00（最早 2026-01-10 到期） · 逾期 60 天");
    assert_eq!(day.items[0].describe(Lang::En), "Collect ¥800.00 overdue (oldest due 2026-01-10) · 60 days overdue");
    assert_eq!(day.items[1].when(Lang::En), "1 day overdue");
    assert_eq!(day.counts.overdue_fen, 80_001);
    assert_eq!(day.counts.kind(DayKind::Collection), 2);
}

#[test]
fn one_customer_with_many_items_in_kind_order_and_the_counts() {
    let mut s = cust("c");
    s.stage = Stage::Potential;
    s.tier = Some(Tier::Key);
    s.grades.prospect = Some(ProspectGrade::B);
    s.grades.sales = Some(SalesGrade::B);
    s.visits.promised = Some((today(), "回访".into()));
    s.visits.planned = vec![(today(), "送货".into())];
    s.dates = vec![
        DateEvent { kind: ReminderKind::ImportantDate, date: d(2020, 3, 11), who: "张三".into(), what: "签约日".into() },
        DateEvent { kind: ReminderKind::Founding, date: d(2010, 3, 11), who: "某公司".into(), what: String::new() },
    ];
    s.open.open = vec![(d(2026, 3, 1), 12_345)];
    let day = rep_day(&[s]);
    assert_eq!(
        day.items.iter().map(|i| i.kind).collect::<Vec<_>>(),
        [DayKind::Collection, DayKind::Review, DayKind::PlanVisit, DayKind::PromisedVisit, DayKind::PlannedVisit, DayKind::Founding, DayKind::ImportantDate]
    );
    assert_eq!(day.items[6].describe(Lang::Zh), "张三 重要日期：签约日（6周年） · 今天");
    assert_eq!(day.items[5].describe(Lang::En), "某公司: Founding (opening) day (16) · today");
    assert_eq!(day.counts.customers, 1);
    assert_eq!(day.counts.total(), 7);
    for k in DayKind::ALL {
        assert_eq!(day.counts.kind(*k), day.items.iter().filter(|i| i.kind == *k).count() as u32, "{k:?}");
    }
    assert_eq!((day.counts.section(DueStatus::Overdue), day.counts.section(DueStatus::Due)), (1, 6));
}

#[test]
fn the_archive_check_every_two_months() {
    let check = |last| {
        let day = build(&[], &DayScope::default(), &GradingSettings::default(), &[], last, today());
        (day.check_due, day.next_check)
    };
    assert_eq!(check(None), (true, Some(today())));
    assert_eq!(check(Some(d(2026, 1, 11))), (true, Some(today())));
    assert_eq!(check(Some(d(2025, 12, 31))), (true, Some(d(2026, 2, 28))));
    assert_eq!(check(Some(d(2026, 1, 12))), (false, Some(d(2026, 3, 12))));
    let monthly = GradingSettings { check_months: 1, ..GradingSettings::default() };
    let day = build(&[], &DayScope::default(), &monthly, &[], Some(d(2026, 2, 11)), today());
    assert!(day.check_due);
    assert!(day.items.is_empty() && day.counts.total() == 0);
}

#[test]
fn odd_inputs_do_not_panic() {
    let mut s = cust("x");
    s.stage = Stage::Potential;
    s.grades.prospect = Some(ProspectGrade::D);
    s.grades.sales = Some(SalesGrade::F);
    s.grades.reviewed = Some(NaiveDate::MAX);
    s.visits.last = Some(NaiveDate::MAX);
    s.visits.promised = Some((NaiveDate::MIN, String::new()));
    s.dates = vec![birthday("", NaiveDate::MAX), birthday("", NaiveDate::MIN)];
    s.open.open = vec![(NaiveDate::MIN, i64::MAX), (NaiveDate::MIN, i64::MAX)];
    s.tier = Some(Tier::Key);
    let wild = GradingSettings { reminder_days: u16::MAX, check_months: 0, ..GradingSettings::default() };
    for today in [NaiveDate::MIN, NaiveDate::MAX, today()] {
        let day = build(std::slice::from_ref(&s), &DayScope::default(), &wild, &[], Some(NaiveDate::MAX), today);
        for i in &day.items {
            let _ = (i.describe(Lang::Zh), i.describe(Lang::En));
        }
    }
    // The horizon is cut to the longest allowed (366 days).
    let day = build(&day_customers_key(), &DayScope::default(), &wild, &[], None, today());
    assert_eq!(day.until, d(2027, 3, 12));
    assert_eq!(day.counts.kind(DayKind::Holiday), 5);
}

#[test]
fn the_sample_archive_lists_something_of_every_source() {
    use dossier_core::sample::{sample_archive, sample_ledger, sample_owners};
    let today = today();
    let mut customers = sample_archive(21, 2_000, today, "dev");
    let reps = sample_owners(21, &mut customers, "dev");
    let entries = sample_ledger(21, &customers, &reps, today, "dev");
    let a = dossier_core::archive::Archive::with_entries(customers, entries, vec![], Default::default()).with_reps(reps);
    let mut summaries = Summary::all(a.files());
    // The sample stores no grades yet: give some customers one.
    for (i, s) in summaries.iter_mut().enumerate() {
        s.grades.sales = [None, Some(SalesGrade::A), Some(SalesGrade::B), Some(SalesGrade::C)][i % 4];
        s.grades.area = ["", "1A", "2B"][i % 3].into();
        s.grades.route_seq = u32::try_from(i % 17).ok();
    }
    let settings = GradingSettings { reminder_days: 30, ..GradingSettings::default() };
    let started = std::time::Instant::now();
    let day = build(&summaries, &DayScope::default(), &settings, &[area("2B"), area("1A")], None, today);
    eprintln!("2,000 summaries: {} items in {:?}", day.items.len(), started.elapsed());
    for k in [DayKind::PlanVisit, DayKind::Collection, DayKind::Birthday] {
        assert!(day.counts.kind(k) > 0, "{k:?}");
    }
    assert_laws(&summaries, &DayScope::default(), &settings, &[area("2B"), area("1A")], &day);
}

/// The laws every list keeps (also run by the proptest below).
fn assert_laws(summaries: &[Summary], scope: &DayScope, settings: &GradingSettings, areas: &[Area], day: &Day) {
    let today = day.today;
    let end = today.checked_add_days(Days::new(u64::from(settings.reminder_days.min(366)))).unwrap_or(today);
    let order = RouteOrder::new(areas);
    let key = |i: &DayItem| {
        let s = &summaries[i.pos as usize];
        // The next days: day by day, each in route order.
        let day_of = if i.section == DueStatus::Upcoming { Some(i.date) } else { None };
        (i.section, day_of, order.key(RoutePlace { area: &s.grades.area, seq: s.grades.route_seq, id: &s.id }), i.date, i.kind)
    };
    for i in &day.items {
        let s = &summaries[i.pos as usize];
        assert_eq!(s.id, i.customer_id);
        assert!(scope.covers(s), "{} is out of scope", s.id);
        assert_eq!(i.days_left, (i.date - today).num_days());
        match i.section {
            DueStatus::Overdue => assert!(i.date < today),
            DueStatus::Due => assert_eq!(i.date, today),
            DueStatus::Upcoming => assert!(i.date > today && i.date <= end),
        }
        assert!(i.until.is_none_or(|u| u > i.date));
        assert!(i.amount.is_none_or(|a| a > 0) && (i.amount.is_some() == (i.kind == DayKind::Collection)));
    }
    for w in day.items.windows(2) {
        assert!(key(&w[0]) <= key(&w[1]), "{:?} before {:?}", w[0], w[1]);
    }
    let mut customers: Vec<u32> = day.items.iter().map(|i| i.pos).collect();
    customers.sort_unstable();
    customers.dedup();
    assert_eq!(day.counts.customers as usize, customers.len());
    assert_eq!(day.counts.total() as usize, day.items.len());
    for k in DayKind::ALL {
        assert_eq!(day.counts.kind(*k) as usize, day.items.iter().filter(|i| i.kind == *k).count());
    }
}

fn date_in(from: i64, to: i64) -> impl Strategy<Value = NaiveDate> {
    (from..to).prop_map(|n| d(2026, 1, 1).checked_add_signed(chrono::TimeDelta::days(n)).unwrap())
}

fn arb_summary() -> impl Strategy<Value = Summary> {
    let grades = (
        proptest::option::of(proptest::sample::select(ProspectGrade::ALL)),
        proptest::option::of(proptest::sample::select(SalesGrade::ALL)),
        proptest::option::of(date_in(-120, 10)),
        proptest::sample::select(vec!["", "1A", "2B", "3c", "10A", "9"]),
        proptest::option::of(0u32..4),
    );
    let visits = (
        proptest::option::of(date_in(-90, 5)),
        proptest::option::of((date_in(-20, 20), "[a-c]{0,2}")),
        proptest::collection::vec((date_in(-20, 20), "[a-c]{0,2}"), 0..3),
    );
    let misc = (
        proptest::sample::select(vec!["", "r1", "r2"]),
        proptest::sample::select(Stage::ALL),
        proptest::option::of(proptest::sample::select(Tier::ALL)),
        proptest::collection::vec((proptest::sample::select(ReminderKind::ALL[..4].to_vec()), date_in(-30_000, 0), "[x-z]{0,2}"), 0..3),
        proptest::collection::vec((date_in(-100, 60), 1i64..100_000), 0..3),
        0u8..10,
    );
    (grades, visits, misc).prop_map(|((pg, sg, rv, area, seq), (last, promised, planned), (owner, stage, tier, dates, open, gone))| {
        let mut s = cust("");
        s.owner = owner.into();
        s.stage = stage;
        s.deleted = gone == 0;
        s.tier = tier;
        s.grades.prospect = pg;
        s.grades.sales = sg;
        s.grades.reviewed = rv;
        s.grades.area = area.into();
        s.grades.route_seq = seq;
        s.visits.last = last;
        s.visits.promised = promised;
        s.visits.planned = planned;
        s.dates = dates.into_iter().map(|(kind, date, who)| DateEvent { kind, date, who, what: String::new() }).collect();
        let mut open = open;
        open.sort();
        s.open.open = open;
        s
    })
}

fn arb_case() -> impl Strategy<Value = (Vec<Summary>, Vec<Summary>, DayScope, u16, NaiveDate)> {
    let summaries = proptest::collection::vec(arb_summary(), 0..40).prop_map(|mut v| {
        for (i, s) in v.iter_mut().enumerate() {
            s.id = format!("c{:02}", (i * 7) % 41);
        }
        v
    });
    let scope = (proptest::option::of(proptest::sample::select(vec!["", "r1", "r2", "r3"])), proptest::sample::select(PlanRole::ALL))
        .prop_map(|(o, role)| DayScope { owner: o.map(str::to_string), role });
    (summaries.prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())), scope, 0u16..40, date_in(-3, 40))
        .prop_map(|((v, shuffled), scope, days, today)| (v, shuffled, scope, days, today))
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/agenda_day.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn lists_keep_their_laws_and_do_not_depend_on_the_order_of_the_summaries(
        (summaries, shuffled, scope, days, today) in arb_case()
    ) {
        let settings = GradingSettings { reminder_days: days, ..GradingSettings::default() };
        let areas = [area("2B"), area("1A"), area("9")];
        let day = build(&summaries, &scope, &settings, &areas, None, today);
        assert_laws(&summaries, &scope, &settings, &areas, &day);
        let other = build(&shuffled, &scope, &settings, &areas, None, today);
        assert_laws(&shuffled, &scope, &settings, &areas, &other);
        let without_pos = |day: &Day| day.items.iter().cloned().map(|mut i| { i.pos = 0; i }).collect::<Vec<_>>();
        prop_assert_eq!(without_pos(&day), without_pos(&other));
        prop_assert_eq!(&day.counts, &other.counts);
        // Everything in scope with something due is listed: a customer out of scope never is.
        for s in &summaries {
            if !scope.covers(s) {
                prop_assert!(day.items.iter().all(|i| i.customer_id != s.id));
            }
        }
    }
}
