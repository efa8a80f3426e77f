//! 今日's credit items (agenda::day): a credit class's written report due today or overdue (not
//! before), and each urgent report waiting for the superior's instruction; their sections,
//! wording, counts and scope.

use chrono::NaiveDate;
use dossier_core::agenda::day::{build, DayKind, DayScope};
use dossier_core::credit::CreditClass;
use dossier_core::grading::cadence::{DueStatus, PlanRole};
use dossier_core::grading::settings::GradingSettings;
use dossier_core::summary::Summary;
use dossier_core::{Lang, Stage};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2026, 3, 11)
}

/// A live current customer of rep `r1` with nothing to do (from its wire form).
fn cust(id: &str) -> Summary {
    let mut s: Summary = serde_json::from_value(serde_json::json!({ "id": id, "n": format!("客户{id}"), "k": "ent" })).unwrap();
    s.stage = Stage::Current;
    s.owner = "r1".into();
    s
}

fn day_of(summaries: &[Summary], owner: Option<&str>) -> dossier_core::agenda::Day {
    let scope = DayScope { owner: owner.map(str::to_string), role: PlanRole::Rep };
    build(summaries, &scope, &GradingSettings::default(), &[], Some(today()), today())
}

#[test]
fn report_due_today_or_overdue_not_before() {
    // B reported 2025-12-11: due 2026-03-11, today. A reported 2025-09-01: due 2026-03-01, 10 days
    // overdue. C reported 2026-03-01: due 2026-04-01, not listed. A class never reported: due
    // today. No class: nothing.
    let mut b = cust("b");
    b.credit.class = Some(CreditClass::B);
    b.credit.last_report = Some(d(2025, 12, 11));
    let mut a = cust("a");
    a.credit.class = Some(CreditClass::A);
    a.credit.last_report = Some(d(2025, 9, 1));
    let mut c = cust("c");
    c.credit.class = Some(CreditClass::C);
    c.credit.last_report = Some(d(2026, 3, 1));
    let mut never = cust("never");
    never.credit.class = Some(CreditClass::C);
    let mut none = cust("none");
    none.credit.last_report = Some(d(2020, 1, 1));
    let day = day_of(&[b, a, c, never, none], None);
    let got: Vec<_> = day.items.iter().map(|i| (i.customer_id.as_str(), i.kind, i.section, i.date, i.days_left)).collect();
    assert_eq!(
        got,
        [
            ("a", DayKind::CreditReport, DueStatus::Overdue, d(2026, 3, 1), -10),
            ("b", DayKind::CreditReport, DueStatus::Due, today(), 0),
            ("never", DayKind::CreditReport, DueStatus::Due, today(), 0),
        ]
    );
    assert_eq!(day.items[0].describe(Lang::Zh), "信用报告到期：A类，每半年一次 · 逾期 10 天");
    assert_eq!(day.items[1].describe(Lang::En), "Credit report due: Class B, every 3 months · today");
    assert_eq!(day.counts.kind(DayKind::CreditReport), 3);
    assert_eq!(DayKind::CreditReport.code(), "credit-report");
    assert!(day.items.iter().all(|i| i.amount.is_none()));
}

#[test]
fn each_urgent_report_waits_until_instructed() {
    let mut u = cust("u");
    u.credit.urgent = vec![("v1".into(), d(2026, 3, 8)), ("v2".into(), today())];
    // A report dated after today (a clock ahead) waits from today, never "upcoming".
    let mut ahead = cust("ahead");
    ahead.credit.urgent = vec![("v3".into(), d(2026, 3, 20))];
    let day = day_of(&[u.clone(), ahead], None);
    let got: Vec<_> = day.items.iter().map(|i| (i.customer_id.as_str(), i.kind, i.section, i.date)).collect();
    assert_eq!(
        got,
        [
            ("u", DayKind::CreditUrgent, DueStatus::Overdue, d(2026, 3, 8)),
            ("ahead", DayKind::CreditUrgent, DueStatus::Due, today()),
            ("u", DayKind::CreditUrgent, DueStatus::Due, today()),
        ]
    );
    assert_eq!(day.items[0].describe(Lang::Zh), "紧急报告（2026-03-08）待上司明确指示，不得擅自处理 · 已等 3 天");
    assert_eq!(day.items[0].when(Lang::En), "waiting 3 days");
    assert_eq!(day.counts.kind(DayKind::CreditUrgent), 3);
    assert_eq!(day.counts.customers, 2);
    assert_eq!(DayKind::CreditUrgent.code(), "credit-urgent");
    // Instructed: it leaves the list.
    u.credit.urgent.clear();
    assert!(day_of(&[u], None).items.is_empty());
}

#[test]
fn credit_items_follow_the_scope_and_sit_after_the_others() {
    let mut mine = cust("mine");
    mine.credit.class = Some(CreditClass::C);
    mine.credit.urgent = vec![("v1".into(), today())];
    mine.open.open = vec![(d(2026, 3, 1), 1_000)];
    let mut theirs = cust("theirs");
    theirs.owner = "r2".into();
    theirs.credit.urgent = vec![("v2".into(), today())];
    let mut former = cust("former");
    former.stage = Stage::Former;
    former.credit.class = Some(CreditClass::A);
    let all = [mine, theirs, former];
    let day = day_of(&all, Some("r1"));
    // Overdue collection, then today's report and urgent report (in kind order).
    assert_eq!(day.items.iter().map(|i| i.kind).collect::<Vec<_>>(), [DayKind::Collection, DayKind::CreditReport, DayKind::CreditUrgent]);
    assert_eq!(day_of(&all, None).counts.kind(DayKind::CreditUrgent), 2);
    assert_eq!(day_of(&all, None).counts.kind(DayKind::CreditReport), 1, "旧客户 are not on the list");
}
