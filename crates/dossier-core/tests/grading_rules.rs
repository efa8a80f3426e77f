//! The other grading rules (issue 15): prospect grades, all eight MAN combinations, the grade
//! history event, importance and the watch, cadence due dates across month ends and leap years,
//! the visit plan, settings with their refusals, and the route order.

use chrono::NaiveDate;
use dossier_core::grading::cadence::*;
use dossier_core::grading::history::{current, sales_changes, summarize};
use dossier_core::grading::importance::{check_due, next_check, suggest_watch, tier_change};
use dossier_core::grading::man::assess;
use dossier_core::grading::route::{check_areas, normalize_area_code};
use dossier_core::grading::sales::{grade_sales, Cut, CustomerSales, SalesGrade, SalesWindow};
use dossier_core::grading::*;
use dossier_core::ledger::VisitRole;
use dossier_core::{Lang, Tier};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn prospect_grades_of_seed_004_and_seed_000() {
    use ProspectGrade::*;
    assert_eq!(ProspectScale::default().grades(), &[A, B, C, D]);
    assert_eq!(ProspectScale::Three.grades(), &[A, B, C]);
    assert_eq!(ProspectScale::Three.fit(D), C);
    assert_eq!(ProspectScale::Four.fit(D), D);
    assert_eq!(ProspectScale::Three.readiness(C, Lang::Zh), "希望不大");
    assert_eq!(ProspectScale::Four.readiness(C, Lang::En), "conditions not yet there, visit now and then");
    assert_eq!(A.planned_visits(), PlannedVisits::PerWeek { min: 1, max: 2 });
    assert_eq!(
        [A, B, C, D].map(|g| g.planned_visits().label(Lang::Zh)),
        ["每周 1–2 次", "隔周 1 次", "每月 1 次", "顺路拜访或电话联系"].map(String::from)
    );
    assert_eq!([A, B, C, D].map(|g| g.purchase_horizon(Lang::Zh)), ["本月内", "2–3 个月内", "半年内", "一年内"]);
    // Expected purchase by: month ends and leap years.
    assert_eq!(A.purchase_by(d(2024, 2, 10)), Some(d(2024, 2, 29)));
    assert_eq!(A.purchase_by(d(2025, 2, 10)), Some(d(2025, 2, 28)));
    assert_eq!(B.purchase_by(d(2025, 11, 30)), Some(d(2026, 2, 28)));
    assert_eq!(C.purchase_by(d(2025, 8, 31)), Some(d(2026, 2, 28)));
    assert_eq!(D.purchase_by(d(2024, 2, 29)), Some(d(2025, 2, 28)));
    assert_eq!(A.planned_visits().max_gap_days(), Some(7));
    assert_eq!(D.planned_visits().max_gap_days(), None);
    // C cards are offered for promotion to B or A when reviewed.
    assert!(C.offers_promotion() && !A.offers_promotion() && !B.offers_promotion());
    assert_eq!(C.promotions(), &[A, B]);
    assert!(A.promotions().is_empty());
    assert_eq!(ProspectGrade::from_code("b"), Some(B));
}

#[test]
fn all_eight_man_combinations() {
    use ProspectGrade::*;
    let want = [
        ((true, true, true), "M-A-N", A),
        ((true, true, false), "M-A-n", B),
        ((true, false, true), "M-a-N", B),
        ((false, true, true), "m-A-N", B),
        ((true, false, false), "M-a-n", C),
        ((false, true, false), "m-A-n", C),
        ((false, false, true), "m-a-N", C),
        ((false, false, false), "m-a-n", D),
    ];
    assert_eq!(ManAnswers::ALL.len(), 8);
    for (i, ((m, a, n), combo, grade)) in want.into_iter().enumerate() {
        let ans = ManAnswers::new(m, a, n);
        assert_eq!(ManAnswers::ALL[i], ans);
        assert_eq!(ans.combination(), combo);
        assert_eq!(ManAnswers::parse(combo), Some(ans));
        assert_eq!(ManAnswers::parse(&combo.replace('-', "")), Some(ans));
        assert_eq!(ans.suggested_grade(ProspectScale::Four), grade);
        assert_eq!(ans.suggested_grade(ProspectScale::Three), ProspectScale::Three.fit(grade));
        assert!(!ans.advice(Lang::Zh).is_empty() && !ans.advice(Lang::En).is_empty());
        let json = serde_json::to_string(&ans).unwrap();
        assert_eq!(serde_json::from_str::<ManAnswers>(&json).unwrap(), ans);
        // Stored in a history event by its combination.
        assert_eq!(GradeValue::parse(GradeKind::Man, combo), Some(GradeValue::Man(ans)));
    }
    let mut combos: Vec<&str> = ManAnswers::ALL.iter().map(|a| a.combination()).collect();
    combos.dedup();
    assert_eq!(combos.len(), 8);
    assert_eq!(ManAnswers::parse("Ｍ-ａ-Ｎ"), Some(ManAnswers::new(true, false, true)));
    for bad in ["", "M-A", "M-A-N-N", "A-M-N", "x-a-n", "MAN!"] {
        assert_eq!(ManAnswers::parse(bad), None, "{bad}");
    }
    assert_eq!(ManAnswers::new(false, false, false).advice(Lang::Zh), "非准客户，停止接触");
}

#[test]
fn the_rep_may_set_another_grade_with_a_reason() {
    let ans = ManAnswers::new(true, false, true); // M-a-N → B
    let a = assess(ans, ProspectScale::Four, None, "").unwrap();
    assert_eq!((a.suggested, a.grade, a.by_hand()), (ProspectGrade::B, ProspectGrade::B, false));
    assert_eq!(assess(ans, ProspectScale::Four, Some(ProspectGrade::A), "  "), Err(GradeError::ReasonRequired));
    let a = assess(ans, ProspectScale::Four, Some(ProspectGrade::A), " 老板下周拍板 ").unwrap();
    assert_eq!((a.grade, a.reason.as_str(), a.by_hand()), (ProspectGrade::A, "老板下周拍板", true));
    // Choosing the suggestion needs no reason; on three grades D is C.
    assert!(assess(ans, ProspectScale::Four, Some(ProspectGrade::B), "").is_ok());
    let a = assess(ManAnswers::default(), ProspectScale::Three, Some(ProspectGrade::D), "").unwrap();
    assert_eq!(a.grade, ProspectGrade::C);
    assert_eq!(GradeError::ReasonRequired.message(Lang::Zh), "手动设定等级需要填写原因");
    assert_eq!(GradeError::ReasonRequired.to_string(), "a grade set by hand needs a reason");
}

#[test]
fn a_grade_change_is_an_event_kept_in_bundles() {
    let c = GradeChange::computed(
        Some(GradeValue::Sales(SalesGrade::B)),
        GradeValue::Sales(SalesGrade::A),
        d(2025, 9, 1),
        "近3个月月均 ¥4,000.00 · 第7名/20 · 累计 86 %",
    )
    .unwrap();
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(
        json,
        r#"{"k":"sales","old":"B","new":"A","d":"2025-09-01","why":"近3个月月均 ¥4,000.00 · 第7名/20 · 累计 86 %"}"#
    );
    assert_eq!(serde_json::from_str::<GradeChange>(&json).unwrap(), c);
    assert_eq!(c.describe(Lang::Zh), "2025-09-01 销售等级 B级 → A级（自动计算：近3个月月均 ¥4,000.00 · 第7名/20 · 累计 86 %）");
    assert_eq!((c.old_value(), c.new_value()), (Some(GradeValue::Sales(SalesGrade::B)), Some(GradeValue::Sales(SalesGrade::A))));
    // Unknown fields load (a newer app's event); missing ones default.
    let e: GradeChange = serde_json::from_str(r#"{"k":"importance","new":"key","d":"2025-01-01","how":"hand","why":"大客户","zz":1}"#).unwrap();
    assert_eq!((e.kind, e.old_value(), e.new_value()), (GradeKind::Importance, None, Some(GradeValue::Importance(Tier::Key))));
    // By hand: a reason; nothing changed or kinds mixed: refused.
    let p = |g| Some(GradeValue::Prospect(g));
    assert_eq!(GradeChange::by_hand(p(ProspectGrade::C), p(ProspectGrade::B), d(2025, 1, 1), "", "王伟"), Err(GradeError::ReasonRequired));
    let h = GradeChange::by_hand(p(ProspectGrade::C), p(ProspectGrade::B), d(2025, 1, 1), "已报价", " 王伟 ").unwrap();
    assert_eq!((h.how, h.by.as_str()), (Derivation::ByHand, "王伟"));
    assert_eq!(h.describe(Lang::En), "2025-01-01 Prospect grade C → B (Set by hand: 已报价)");
    assert_eq!(GradeChange::computed(p(ProspectGrade::C), GradeValue::Prospect(ProspectGrade::C), d(2025, 1, 1), ""), Err(GradeError::Unchanged));
    assert_eq!(
        GradeChange::computed(Some(GradeValue::Importance(Tier::Key)), GradeValue::Prospect(ProspectGrade::A), d(2025, 1, 1), ""),
        Err(GradeError::KindMismatch)
    );
    // A first grade has no old one; clearing by hand has no new one.
    let first = GradeChange::computed(None, GradeValue::Man(ManAnswers::new(true, true, false)), d(2025, 1, 2), "").unwrap();
    assert_eq!(serde_json::to_string(&first).unwrap(), r#"{"k":"man","new":"M-A-n","d":"2025-01-02"}"#);
    let cleared = tier_change(Some(Tier::Key), None, d(2025, 3, 1), "合并后不再单列", "李").unwrap();
    assert_eq!((cleared.kind, cleared.new.as_deref()), (GradeKind::Importance, None));
    // The current grade is the latest change's.
    let history = vec![h.clone(), first, c.clone(), e, cleared];
    assert_eq!(current(&history, GradeKind::Sales), Some(GradeValue::Sales(SalesGrade::A)));
    assert_eq!(current(&history, GradeKind::Prospect), Some(GradeValue::Prospect(ProspectGrade::B)));
    assert_eq!(current(&history, GradeKind::Importance), None);
    assert_eq!(current(&[], GradeKind::Man), None);
}

#[test]
fn a_regrade_records_each_change_and_sums_them_up() {
    let w = SalesWindow::ending_before(d(2025, 9, 1), 3).unwrap();
    let s = |id: &str, t: i64| CustomerSales { customer_id: id.into(), months: vec![t, 0, 0] };
    let g = grade_sales(&[s("a", 500), s("b", 300), s("c", 150), s("d", 50), s("e", 0)], w, &Cut::default()).unwrap();
    // Before: a and b were B, c was C, d was C, e had none.
    let before = |id: &str| match id {
        "a" | "b" => Some(SalesGrade::B),
        "c" | "d" => Some(SalesGrade::C),
        _ => None,
    };
    let changes = sales_changes(&g, before, d(2025, 9, 1), Lang::Zh);
    let got: Vec<_> = changes.iter().map(|(id, c)| (id.as_str(), c.old.as_deref(), c.new.as_deref())).collect();
    // a, b → A (80 %), c → B, d stays C, e gets its first grade C.
    assert_eq!(got, vec![("a", Some("B"), Some("A")), ("b", Some("B"), Some("A")), ("c", Some("C"), Some("B")), ("e", None, Some("C"))]);
    assert!(changes.iter().all(|(_, c)| c.how == Derivation::Computed && c.reason.starts_with("近3个月月均")));
    let summary = summarize(changes.iter().map(|(_, c)| c));
    let lines: Vec<String> = summary.iter().map(|s| s.describe(Lang::Zh)).collect();
    assert_eq!(lines, vec!["1 位客户 无 → C", "2 位客户 B → A", "1 位客户 C → B"]);
}

#[test]
fn importance_check_every_two_months_and_the_watch() {
    assert_eq!(next_check(None, 2, d(2025, 5, 5)), Some(d(2025, 5, 5)));
    assert_eq!(next_check(Some(d(2025, 12, 31)), 2, d(2026, 1, 1)), Some(d(2026, 2, 28)));
    assert_eq!(next_check(Some(d(2023, 12, 31)), 2, d(2024, 1, 1)), Some(d(2024, 2, 29)));
    assert!(!check_due(Some(d(2025, 12, 31)), 2, d(2026, 2, 27)));
    assert!(check_due(Some(d(2025, 12, 31)), 2, d(2026, 2, 28)));
    assert!(check_due(None, 2, d(2026, 2, 28)));
    assert_eq!(Watch::new(WatchReason::Other, " ", d(2025, 1, 1)), Err(GradeError::ReasonRequired));
    let w = Watch::new(WatchReason::Losing, "竞品降价", d(2025, 3, 1)).unwrap();
    assert_eq!(w.describe(Lang::Zh), "另作观察（有流失迹象：竞品降价，自 2025-03-01）");
    assert_eq!(serde_json::to_string(&w).unwrap(), r#"{"k":"losing","note":"竞品降价","d":"2025-03-01"}"#);
    assert!(tier_change(None, Some(Tier::Key), d(2025, 3, 1), "", "李").is_err());
    // The trend over the window: later half against earlier half.
    assert_eq!(suggest_watch(&[100, 100, 100, 150, 150, 150]), Some(WatchReason::Growing));
    assert_eq!(suggest_watch(&[0, 0, 10]), Some(WatchReason::Growing));
    assert_eq!(suggest_watch(&[100, 999, 50]), Some(WatchReason::Losing));
    assert_eq!(suggest_watch(&[100, 0, -20]), Some(WatchReason::Losing));
    assert_eq!(suggest_watch(&[100, 120, 140]), None);
    assert_eq!(suggest_watch(&[0, 0, 0]), None);
    assert_eq!(suggest_watch(&[7]), None);
    assert_eq!(suggest_watch(&[]), None);
    assert_eq!(suggest_watch(&[i64::MAX, i64::MIN, i64::MAX]), None);
}

#[test]
fn review_cadence_due_dates_across_month_ends_and_leap_years() {
    let c = ReviewCadence::default();
    let due = |g, last: NaiveDate| c.next_review(g, Some(last), last).map(|d| (d.from, d.by));
    // A daily, across the month end.
    assert_eq!(due(ProspectGrade::A, d(2025, 1, 31)), Some((d(2025, 2, 1), d(2025, 2, 1))));
    // B weekly, across the year end.
    assert_eq!(due(ProspectGrade::B, d(2025, 12, 29)), Some((d(2026, 1, 5), d(2026, 1, 5))));
    // C monthly: Jan 31 + 1 month is the last of February, 29 in a leap year.
    assert_eq!(due(ProspectGrade::C, d(2025, 1, 31)), Some((d(2025, 2, 28), d(2025, 2, 28))));
    assert_eq!(due(ProspectGrade::C, d(2024, 1, 31)), Some((d(2024, 2, 29), d(2024, 2, 29))));
    assert_eq!(due(ProspectGrade::C, d(2025, 3, 31)), Some((d(2025, 4, 30), d(2025, 4, 30))));
    // D every three months (our default): Nov 30 → Feb 28.
    assert_eq!(due(ProspectGrade::D, d(2025, 11, 30)), Some((d(2026, 2, 28), d(2026, 2, 28))));
    // Never reviewed: today.
    assert_eq!(c.next_review(ProspectGrade::C, None, d(2025, 6, 1)).map(|d| d.by), Some(d(2025, 6, 1)));
    assert_eq!(Interval::Months(12).after(d(2024, 2, 29)), Some(d(2025, 2, 28)));
    assert_eq!(Interval::Months(48).after(d(2024, 2, 29)), Some(d(2028, 2, 29)));
    assert_eq!(Interval::Days(1).after(d(2024, 2, 28)), Some(d(2024, 2, 29)));
    assert_eq!(Interval::Days(1).after(NaiveDate::MAX), None);
    assert_eq!((Interval::Days(1).label(Lang::Zh), Interval::Weeks(1).label(Lang::En)), ("每天".into(), "weekly".into()));
    let due = Due { from: d(2025, 3, 1), by: d(2025, 3, 5) };
    assert_eq!(
        [d(2025, 2, 28), d(2025, 3, 1), d(2025, 3, 5), d(2025, 3, 6)].map(|t| due.status(t)),
        [DueStatus::Upcoming, DueStatus::Due, DueStatus::Due, DueStatus::Overdue]
    );
    assert_eq!(due.days_left(d(2025, 3, 7)), -2);
}

#[test]
fn the_visit_plan_of_seed_004() {
    let plan = VisitPlan::default();
    let row = |g| PlanRole::ALL.iter().map(|r| plan.frequency(g, *r).label(Lang::En)).collect::<Vec<_>>();
    assert_eq!(row(SalesGrade::A), ["3 a month", "2–3 a month", "1 a month", "every 1–2 months", "every half year", "once a year"]);
    assert_eq!(row(SalesGrade::B), ["2 a month", "1–2 a month", "every 1–2 months", "every 2–3 months", "every 6–12 months", "when needed"]);
    assert_eq!(row(SalesGrade::C), ["1 a month", "1 a month", "when needed", "when needed", "—", "—"]);
    // Grades below C (more cuts) follow C.
    assert_eq!(row(SalesGrade::E), row(SalesGrade::C));
    assert_eq!(
        PlanRole::ALL.iter().map(|r| r.label(Lang::Zh)).collect::<Vec<_>>(),
        ["经办人", "组长", "科长", "经理", "副总经理", "总经理"]
    );
    assert_eq!(PlanRole::DeputyGm.visit_role(), Some(VisitRole::GeneralManager));
    assert_eq!(PlanRole::Rep.visit_role(), None);
    let next = |g, r, last| plan.next_visit(g, r, Some(last), last).map(|d| (d.from, d.by));
    // A, rep, 3 a month: every 10 days, across the month end.
    assert_eq!(next(SalesGrade::A, PlanRole::Rep, d(2025, 1, 25)), Some((d(2025, 2, 4), d(2025, 2, 4))));
    // A, group lead, 2–3 a month: from 10 days, overdue after 15.
    assert_eq!(next(SalesGrade::A, PlanRole::GroupLead, d(2025, 2, 20)), Some((d(2025, 3, 2), d(2025, 3, 7))));
    // B, group lead, 1–2 a month: from 15 days, overdue after a month (Jan 31 → Feb 29 in 2024).
    assert_eq!(next(SalesGrade::B, PlanRole::GroupLead, d(2024, 1, 31)), Some((d(2024, 2, 15), d(2024, 2, 29))));
    // A, manager, every 1–2 months from Dec 31.
    assert_eq!(next(SalesGrade::A, PlanRole::Manager, d(2024, 12, 31)), Some((d(2025, 1, 31), d(2025, 2, 28))));
    // A, GM, once a year from Feb 29.
    assert_eq!(next(SalesGrade::A, PlanRole::Gm, d(2024, 2, 29)), Some((d(2025, 2, 28), d(2025, 2, 28))));
    // When needed and — have no due date; never visited on a fixed plan: due today.
    assert_eq!(next(SalesGrade::C, PlanRole::Manager, d(2025, 1, 1)), None);
    assert_eq!(next(SalesGrade::C, PlanRole::Gm, d(2025, 1, 1)), None);
    assert_eq!(plan.next_visit(SalesGrade::C, PlanRole::Gm, None, d(2025, 1, 1)), None);
    assert_eq!(plan.next_visit(SalesGrade::C, PlanRole::Rep, None, d(2025, 1, 1)).map(|d| d.by), Some(d(2025, 1, 1)));
    let json = serde_json::to_string(&plan).unwrap();
    assert_eq!(serde_json::from_str::<VisitPlan>(&json).unwrap(), plan);
}

#[test]
fn settings_defaults_and_refusals_in_both_languages() {
    let s = GradingSettings::default();
    assert_eq!(s.validate(), Ok(()));
    assert_eq!((s.window_months, s.check_months, s.reminder_days, s.resorts_per_week), (3, 2, 7, 2));
    assert_eq!(s.cut, Cut::Share { cuts_bp: vec![8000, 9500] });
    assert_eq!(s.review_interval(ProspectGrade::B), Interval::Weeks(1));
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<GradingSettings>(&json).unwrap(), s);
    // Missing fields take the defaults (settings saved by an older app).
    assert_eq!(serde_json::from_str::<GradingSettings>(r#"{"window_months":6}"#).unwrap().window_months, 6);
    let mut bad = s.clone();
    bad.window_months = 7;
    bad.cut = Cut::Share { cuts_bp: vec![9500, 8000] };
    bad.review.b = Interval::Days(0);
    bad.resorts_per_week = 1;
    bad.visit_plan.a[0] = VisitFrequency::PerMonth { min: 3, max: 2 };
    bad.check_months = 0;
    bad.reminder_days = 400;
    let problems = bad.problems();
    assert_eq!(
        problems,
        vec![
            SettingsError::Window(7),
            SettingsError::CutOrder { lower: 9500, upper: 8000 },
            SettingsError::Interval,
            SettingsError::ResortsPerWeek(1),
            SettingsError::Frequency,
            SettingsError::CheckMonths(0),
            SettingsError::ReminderDays(400),
        ]
    );
    assert_eq!(bad.validate(), Err(SettingsError::Window(7)));
    for p in &problems {
        let (zh, en) = (p.message(Lang::Zh), p.message(Lang::En));
        assert!(!zh.is_empty() && !en.is_empty() && zh != en && p.to_string() == en, "{zh} / {en}");
    }
    assert_eq!(SettingsError::ReminderDays(400).message(Lang::En), "reminders look 0–366 days ahead (not 400)");
    assert!(Interval::Months(122).validate().is_ok() && Interval::Months(123).validate().is_err());
    assert!(VisitFrequency::EveryMonths { min: 0, max: 2 }.validate().is_err());
    assert!(VisitFrequency::WhenNeeded.validate().is_ok());
}

#[test]
fn route_order_by_area_table_then_route_number() {
    let area = |group: &str, code: &str| Area { group: group.into(), code: code.into(), name: format!("{code}区"), ..Default::default() };
    // The manager's table runs 2B before 1A.
    let table = vec![area("一组", "2B"), area("一组", "1A"), area("二组", "10A")];
    assert_eq!(check_areas(&table), Ok(()));
    let order = RouteOrder::new(&table);
    let items = [
        ("no-area", "", Some(1)),
        ("z", "1A", Some(2)),
        ("y", "1a", Some(1)),
        ("x", "1A", None),
        ("w", "2B", Some(5)),
        ("v", "９Ｃ", Some(1)), // not in the table, full-width: after the table, 9C before 11C
        ("u", "11C", Some(1)),
        ("t", "1A", Some(2)), // same place as z: by id
        ("s", "10A", Some(3)),
    ];
    let mut list: Vec<(&str, &str, Option<u32>)> = items.to_vec();
    order.sort(&mut list, |(id, area, seq)| RoutePlace { area, seq: *seq, id });
    let ids: Vec<&str> = list.iter().map(|i| i.0).collect();
    assert_eq!(ids, ["w", "y", "t", "z", "x", "s", "v", "u", "no-area"]);
    // Stable for items with the same place (the same customer twice, e.g. a visit and a reminder).
    let mut twice = vec![("c", "1A", Some(1), 1), ("c", "1A", Some(1), 2), ("b", "1A", Some(1), 3)];
    order.sort(&mut twice, |(id, area, seq, _)| RoutePlace { area, seq: *seq, id });
    assert_eq!(twice.iter().map(|t| t.3).collect::<Vec<_>>(), [3, 1, 2]);
    assert_eq!(normalize_area_code(" １ａ "), "1A");
    assert_eq!(check_areas(&[area("", "1A"), area("", " 1a")]), Err(AreaError::DuplicateCode("1A".into())));
    assert_eq!(check_areas(&[area("", "1A"), area("", "  ")]), Err(AreaError::EmptyCode(1)));
    assert_eq!(AreaError::EmptyCode(1).message(Lang::Zh), "第2行缺少区域代号");
    // No table at all: natural code order; huge numbers do not overflow; a leading zero is the
    // same number, its text breaks the tie.
    let mut codes = vec!["B", "10A", "2A", "02A", "99999999999999999999999A", "1B"];
    RouteOrder::default().sort(&mut codes, |c| RoutePlace { area: c, seq: None, id: "" });
    assert_eq!(codes, ["1B", "02A", "2A", "10A", "99999999999999999999999A", "B"]);
}

fn place((area, seq, id): &(String, Option<u32>, String)) -> RoutePlace<'_> {
    RoutePlace { area: area.as_str(), seq: *seq, id: id.as_str() }
}

proptest! {
    #[test]
    fn route_order_is_a_total_order_independent_of_input_order(
        items in prop::collection::vec(("[0-9]{0,2}[A-C]?", prop::option::of(0u32..5), "[a-c]"), 0..30),
        table in prop::collection::vec("[0-9]{1,2}[A-C]", 0..5),
    ) {
        let areas: Vec<Area> = table.iter().map(|c| Area { code: c.clone(), ..Default::default() }).collect();
        let order = RouteOrder::new(&areas);
        let mut a = items.clone();
        let mut b = items.clone();
        b.reverse();
        order.sort(&mut a, place);
        order.sort(&mut b, place);
        let keys = |v: &[(String, Option<u32>, String)]| v.iter().map(|i| order.key(place(i))).collect::<Vec<_>>();
        prop_assert_eq!(keys(&a), keys(&b));
        for w in a.windows(2) {
            prop_assert!(order.key(place(&w[0])) <= order.key(place(&w[1])));
        }
    }

    #[test]
    fn visit_due_dates_never_precede_the_last_visit(
        off in 0u64..60_000, min in 1u8..13, extra in 0u8..12, per_month in any::<bool>()
    ) {
        let last = d(1950, 1, 1).checked_add_days(chrono::Days::new(off)).unwrap();
        let f = if per_month {
            VisitFrequency::PerMonth { min: min.min(31), max: (min + extra).min(31) }
        } else {
            VisitFrequency::EveryMonths { min, max: min + extra }
        };
        prop_assert!(f.validate().is_ok());
        let due = f.next_due(Some(last), last).unwrap();
        prop_assert!(due.from > last && due.from <= due.by);
    }
}
