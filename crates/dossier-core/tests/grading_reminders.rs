//! Reminders and holidays (issue 15): yearly dates across the year's end, Feb 29 in common
//! years, promised and planned visits, and the lunar holidays checked against published dates.

use chrono::{Datelike, Days, NaiveDate};
use dossier_core::customer::individual::{Individual, IndividualBasic, IndividualTraits};
use dossier_core::grading::holidays::{holidays_between, lunar_date, Holiday};
use dossier_core::grading::reminders::*;
use dossier_core::grading::DueStatus;
use dossier_core::ledger::{Entry, EntryBody, Visit};
use dossier_core::{CardBody, Contact, ContactFields, Customer, Hlc, ImportantDate, Lang, Stamp, Tier};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn st() -> Stamp {
    Stamp::new(Hlc { ms: 1_700_000_000_000, n: 0 }, "dev")
}

fn birthday(date: NaiveDate) -> DateEvent {
    DateEvent { kind: ReminderKind::Birthday, date, who: "张三".into(), what: String::new() }
}

#[test]
fn a_january_birthday_is_reminded_in_late_december() {
    let today = d(2025, 12, 28);
    let r = date_reminders("c1", &[birthday(d(1980, 1, 2))], today, 7);
    assert_eq!(r.len(), 1);
    assert_eq!((r[0].date, r[0].days_left, r[0].years), (d(2026, 1, 2), 5, Some(46)));
    assert_eq!(r[0].status(), DueStatus::Upcoming);
    assert_eq!(r[0].describe(Lang::Zh), "张三 生日（46岁）");
    assert_eq!(r[0].describe(Lang::En), "张三: Birthday (46)");
    // The horizon's last day is included, the day after is not: Dec 28 + 7 = Jan 4.
    assert_eq!(date_reminders("c1", &[birthday(d(1980, 1, 4))], today, 7).len(), 1);
    assert!(date_reminders("c1", &[birthday(d(1980, 1, 5))], today, 7).is_empty());
    // Today is day 0, yesterday is gone until next year.
    let r = date_reminders("c1", &[birthday(d(1980, 12, 28))], today, 7);
    assert_eq!((r[0].days_left, r[0].status()), (0, DueStatus::Due));
    assert!(date_reminders("c1", &[birthday(d(1980, 12, 27))], today, 7).is_empty());
    // Zero days ahead: today only.
    assert!(date_reminders("c1", &[birthday(d(1980, 12, 29))], today, 0).is_empty());
}

#[test]
fn feb_29_falls_on_feb_28_in_common_years() {
    let leapling = d(2000, 2, 29);
    assert_eq!(occurrence_in(leapling, 2025), Some(d(2025, 2, 28)));
    assert_eq!(occurrence_in(leapling, 2028), Some(d(2028, 2, 29)));
    assert_eq!(occurrence_in(leapling, 2100), Some(d(2100, 2, 28)));
    assert_eq!(occurrence_in(d(1999, 3, 1), 2025), Some(d(2025, 3, 1)));
    let r = date_reminders("c", &[birthday(leapling)], d(2025, 2, 25), 7);
    assert_eq!((r[0].date, r[0].years), (d(2025, 2, 28), Some(25)));
    // The day after Feb 28 in a common year: next year's.
    assert_eq!(next_occurrence(leapling, d(2025, 3, 1)), Some(d(2026, 2, 28)));
    assert_eq!(next_occurrence(leapling, d(2027, 3, 1)), Some(d(2028, 2, 29)));
    // Reminded on Feb 28, not also on Mar 1.
    assert!(date_reminders("c", &[birthday(leapling)], d(2025, 3, 1), 7).is_empty());
}

#[test]
fn the_first_reminder_is_the_first_anniversary() {
    // Married on 2025-06-01: nothing that day, the first anniversary a year later.
    let e = DateEvent { kind: ReminderKind::Anniversary, date: d(2025, 6, 1), who: "李四".into(), what: String::new() };
    assert!(date_reminders("c", std::slice::from_ref(&e), d(2025, 5, 30), 7).is_empty());
    let r = date_reminders("c", &[e], d(2026, 5, 30), 7);
    assert_eq!((r[0].date, r[0].years), (d(2026, 6, 1), Some(1)));
    assert_eq!(r[0].describe(Lang::Zh), "李四 结婚纪念日（1周年）");
    // A date in the future (a typo) waits for its first anniversary too.
    assert_eq!(next_occurrence(d(2030, 1, 1), d(2025, 1, 1)), Some(d(2031, 1, 1)));
}

#[test]
fn card_dates_of_people_and_enterprises() {
    let body = CardBody::Individual(Individual {
        basic: IndividualBasic { name: "王五".into(), birth_date: Some(d(1970, 1, 1)), ..Default::default() },
        traits: IndividualTraits { anniversary: Some(d(1995, 12, 31)), ..Default::default() },
        ..Default::default()
    });
    let mut c = Customer::new("p1".into(), "KH-2025-000001".into(), body, st());
    let info = ContactFields {
        name: "赵六".into(),
        birth_date: Some(d(1988, 1, 3)),
        dates: vec![ImportantDate { date: d(2010, 12, 30), what: "开店".into() }],
        ..Default::default()
    };
    c.contacts.push(Contact::new("k1".into(), info.clone(), st()));
    let mut gone = Contact::new("k2".into(), ContactFields { birth_date: Some(d(1990, 12, 29)), ..info }, st());
    gone.deleted = true;
    c.contacts.push(gone);
    let events = card_dates(&c);
    assert_eq!(events.len(), 4);
    let today = d(2025, 12, 28);
    let r = customer_reminders(&c, &[], today, 7);
    let got: Vec<(ReminderKind, NaiveDate, &str)> = r.iter().map(|r| (r.kind, r.date, r.who.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (ReminderKind::ImportantDate, d(2025, 12, 30), "赵六"),
            (ReminderKind::Anniversary, d(2025, 12, 31), "王五"),
            (ReminderKind::Birthday, d(2026, 1, 1), "王五"),
            (ReminderKind::Birthday, d(2026, 1, 3), "赵六"),
        ]
    );
    assert_eq!(r[0].describe(Lang::Zh), "赵六 重要日期：开店（15周年）");
    // A key customer is greeted on 元旦 too.
    c.tier = Some(Tier::Key);
    let r = customer_reminders(&c, &[], today, 7);
    let h: Vec<_> = r.iter().filter(|r| r.kind == ReminderKind::Holiday).map(|r| (r.holiday, r.date)).collect();
    assert_eq!(h, vec![(Some(Holiday::NewYear), d(2026, 1, 1))]);
    assert_eq!(r.iter().find(|r| r.kind == ReminderKind::Holiday).unwrap().describe(Lang::Zh), "元旦问候");
}

fn visit(id: &str, planned: Option<NaiveDate>, actual: Option<NaiveDate>, next: Option<NaiveDate>) -> Entry {
    let v = Visit { planned, actual, next_date: next, next: "带样品".into(), purpose: "介绍新品".into(), ..Default::default() };
    Entry::new(id.into(), "c".into(), EntryBody::Visit(v), st())
}

#[test]
fn promised_and_planned_visits_stay_until_made() {
    let today = d(2026, 1, 10);
    let file = vec![
        visit("v1", None, Some(d(2025, 12, 1)), Some(d(2025, 12, 15))),
        // The latest visit made: its promise counts (overdue by 3 days).
        visit("v2", None, Some(d(2025, 12, 20)), Some(d(2026, 1, 7))),
        // Planned before the latest visit: made.
        visit("v3", Some(d(2025, 12, 18)), None, None),
        // Planned after it, in the horizon.
        visit("v4", Some(d(2026, 1, 15)), None, None),
        // Planned beyond the horizon.
        visit("v5", Some(d(2026, 2, 1)), None, None),
    ];
    let r = visit_reminders("c", &file, today, 7);
    let got: Vec<_> = r.iter().map(|r| (r.kind, r.date, r.days_left, r.status())).collect();
    assert_eq!(
        got,
        vec![
            (ReminderKind::PromisedVisit, d(2026, 1, 7), -3, DueStatus::Overdue),
            (ReminderKind::PlannedVisit, d(2026, 1, 15), 5, DueStatus::Upcoming),
        ]
    );
    assert_eq!(r[0].describe(Lang::Zh), "约定回访：带样品");
    // A visit made on the promised day closes it (its own promise, none here, takes over).
    let mut done = file.clone();
    done.push(visit("v6", None, Some(d(2026, 1, 8)), None));
    let r = visit_reminders("c", &done, today, 7);
    assert_eq!(r.iter().map(|r| r.kind).collect::<Vec<_>>(), vec![ReminderKind::PlannedVisit]);
    // Deleted visits and other entries count for nothing; an empty file has no reminders.
    let mut deleted = visit("v7", Some(d(2026, 1, 11)), None, None);
    deleted.deleted = true;
    assert!(visit_reminders("c", &[deleted], today, 7).is_empty());
    assert!(visit_reminders("c", &[], today, 7).is_empty());
}

#[test]
fn lunar_holidays_match_published_dates_2025_to_2031() {
    // 春节: as given in issue 15 (and the State Council's holiday notices for 2025 and 2026).
    // 端午 and 中秋: the published tables (e.g. xiaozhu88.cn 端午节 table 2028–2032,
    // publicholidays.hk 2025–2026, chinatravel.com 2026–2031 except its 2028 row, which is the leap
    // fifth month: 2028 has 闰五月, and 端午 is 五月初五 of the regular month, 2028-05-28;
    // days-to.com's 中秋 table 2026–2035; gov.cn's 2025 notice for 中秋 on 2025-10-06).
    let spring = [(2025, 1, 29), (2026, 2, 17), (2027, 2, 6), (2028, 1, 26), (2029, 2, 13), (2030, 2, 3), (2031, 1, 23)];
    let dragon = [(2025, 5, 31), (2026, 6, 19), (2027, 6, 9), (2028, 5, 28), (2029, 6, 16), (2030, 6, 5), (2031, 6, 24)];
    let moon = [(2025, 10, 6), (2026, 9, 25), (2027, 9, 15), (2028, 10, 3), (2029, 9, 22), (2030, 9, 12), (2031, 10, 1)];
    for (h, table) in [(Holiday::SpringFestival, spring), (Holiday::DragonBoat, dragon), (Holiday::MidAutumn, moon)] {
        for (y, m, day) in table {
            assert_eq!(h.date_in(y), Some(d(y, m, day)), "{h:?} {y}");
            assert!(h.is_lunar());
        }
    }
    assert_eq!(Holiday::National.date_in(2027), Some(d(2027, 10, 1)));
    assert_eq!(Holiday::NewYear.date_in(2027), Some(d(2027, 1, 1)));
    assert_eq!(lunar_date(2025, 1, 15), Some(d(2025, 2, 12)), "元宵 2025");
    // Out of ICU4X's range: nothing, no panic.
    assert_eq!(lunar_date(20_000, 1, 1), None);
    assert_eq!(lunar_date(2025, 13, 1), None);
}

#[test]
fn holidays_in_a_horizon_and_greetings_for_key_customers() {
    // 2025: 中秋 (Oct 6) falls after 国庆 (Oct 1).
    let h = holidays_between(d(2025, 9, 28), d(2025, 10, 6));
    assert_eq!(h, vec![(Holiday::National, d(2025, 10, 1)), (Holiday::MidAutumn, d(2025, 10, 6))]);
    // 2031: 中秋 is on 国庆: both (on one day in the order of the holiday list).
    let h = holidays_between(d(2031, 10, 1), d(2031, 10, 1));
    assert_eq!(h, vec![(Holiday::MidAutumn, d(2031, 10, 1)), (Holiday::National, d(2031, 10, 1))]);
    assert!(holidays_between(d(2025, 2, 1), d(2025, 1, 1)).is_empty());
    // Across the year's end: 元旦, and in 2028 春节 early (Jan 26).
    let h = holidays_between(d(2027, 12, 28), d(2028, 1, 31));
    assert_eq!(h, vec![(Holiday::NewYear, d(2028, 1, 1)), (Holiday::SpringFestival, d(2028, 1, 26))]);
    assert!(reminders_ok(&holiday_reminders(["k1", "k2"], d(2026, 2, 14), 7), 2));
    assert!(greeted(Some(Tier::Key)) && !greeted(Some(Tier::Ordinary)) && !greeted(None));
    assert!(holiday_reminders(["k1"], d(2026, 3, 1), 7).is_empty());
}

fn reminders_ok(r: &[Reminder], customers: usize) -> bool {
    r.len() == customers && r.iter().all(|r| r.holiday == Some(Holiday::SpringFestival) && r.date == d(2026, 2, 17) && r.days_left == 3)
}

proptest! {
    #[test]
    fn yearly_reminders_are_inside_the_horizon_and_on_the_date(
        y in 1950i32..2100, doy in 0u64..366, today_off in 0u64..40_000, days in 0u16..400
    ) {
        let Some(date) = d(y, 1, 1).checked_add_days(Days::new(doy)) else { return Ok(()) };
        let today = d(1950, 1, 1).checked_add_days(Days::new(today_off)).unwrap();
        for r in date_reminders("c", &[birthday(date)], today, days) {
            prop_assert!(r.days_left >= 0 && r.days_left <= i64::from(days));
            prop_assert!(r.date.year() > date.year());
            let same_day = (r.date.month(), r.date.day()) == (date.month(), date.day());
            let leap_moved = (date.month(), date.day()) == (2, 29) && (r.date.month(), r.date.day()) == (2, 28);
            prop_assert!(same_day || leap_moved);
        }
    }

    #[test]
    fn holidays_fall_in_their_seasons(y in 1901i32..2100) {
        let s = Holiday::SpringFestival.date_in(y).unwrap();
        prop_assert!(s >= d(y, 1, 21) && s <= d(y, 2, 20));
        let dr = Holiday::DragonBoat.date_in(y).unwrap();
        prop_assert!(dr >= d(y, 5, 27) && dr <= d(y, 6, 26), "{}", dr);
        let m = Holiday::MidAutumn.date_in(y).unwrap();
        prop_assert!(m >= d(y, 9, 6) && m <= d(y, 10, 9), "{}", m);
    }
}
