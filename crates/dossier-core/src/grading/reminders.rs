//! Reminders (issue 15): birthdays of individuals and contacts, wedding anniversaries, founding
//! days, the card's other important dates, promised and planned visits from the ledger, and
//! holiday greetings for key customers, from `today` to `days` ahead (default 7).
//!
//! Rules (`docs/grading.md`):
//! - A yearly date falls on the same month and day each year; **Feb 29 falls on Feb 28 in a
//!   common year** (still in February, and before the day has passed). The first reminder is in
//!   the year after the date itself (a first birthday, a first anniversary).
//! - The horizon is `today` to `today + days`, both included, across the year's end (Dec 28
//!   with 7 days reaches Jan 4).
//! - Visits: the promised next visit (下次拜访日期) of the latest visit made, and every planned
//!   visit not yet made (a planned visit counts as made once any visit is made on or after its
//!   planned day). These are to-dos: an overdue one stays listed, with negative `days_left`.
//!   Yearly dates and holidays that have passed are not.

use super::cadence::DueStatus;
use super::holidays::{holidays_between, Holiday};
use crate::customer::card::CardBody;
use crate::customer::Customer;
use crate::ledger::{Entry, EntryBody};
use crate::primitives::codes::Tier;
use crate::primitives::lang::Lang;
use chrono::{Datelike, Days, NaiveDate};

coded! {
    /// What a reminder is about.
    pub enum ReminderKind {
        Birthday = "birthday", "生日", "Birthday";
        Anniversary = "anniversary", "结婚纪念日", "Wedding anniversary";
        Founding = "founding", "开业纪念日", "Founding (opening) day";
        ImportantDate = "date", "重要日期", "Important date";
        PromisedVisit = "promised", "约定回访", "Promised visit";
        PlannedVisit = "planned", "预定拜访", "Planned visit";
        Holiday = "holiday", "节日问候", "Holiday greeting";
    }
}

#[allow(clippy::derivable_impls)] // `coded!` owns the derive list
impl Default for ReminderKind {
    fn default() -> Self {
        ReminderKind::Birthday
    }
}

record! {
    /// A date of the card that comes back every year (kept in the customer's summary, so the
    /// day's list needs no card).
    pub struct DateEvent {
        #[serde(rename = "k")]
        pub kind: ReminderKind,
        /// The original date (birth, wedding, founding…).
        #[serde(rename = "d")]
        pub date: NaiveDate,
        /// Whose date: the person or the enterprise.
        pub who: String,
        /// For an important date: what it is.
        pub what: String,
    }
}

record! {
    /// What the day's list needs of a customer's visits, from its file: the latest visit made,
    /// the next visit it promised, and the planned visits not yet made.
    pub struct VisitFacts {
        /// Date of the latest visit made.
        #[serde(rename = "l")]
        pub last: Option<NaiveDate>,
        /// 下次拜访日期 of the latest visit made, with what was promised.
        #[serde(rename = "p")]
        pub promised: Option<(NaiveDate, String)>,
        /// Planned visits not made (none made on or after their day), with their purpose; the
        /// promised one is not repeated.
        #[serde(rename = "pl")]
        pub planned: Vec<(NaiveDate, String)>,
        /// Days of visits made, latest first, at most [`VisitFacts::MADE_KEPT`] (enough to count
        /// a week's or a month's visits for the manager's view).
        #[serde(rename = "m")]
        pub made: Vec<NaiveDate>,
    }
}

impl VisitFacts {
    /// The facts of one customer's file (deleted entries ignored).
    pub fn of(entries: &[Entry]) -> VisitFacts {
        let visits = entries.iter().filter(|e| !e.deleted).filter_map(|e| match &e.body {
            EntryBody::Visit(v) => Some((e.id.as_str(), v)),
            _ => None,
        });
        // The latest visit made (by date, then id, so the same file always gives the same one).
        let latest = visits.clone().filter_map(|(id, v)| v.actual.map(|d| (d, id, v))).max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let last = latest.map(|(d, _, _)| d);
        let promised = latest.and_then(|(_, _, v)| v.next_date.map(|d| (d, v.next.clone())));
        let mut planned: Vec<(NaiveDate, String)> = visits
            .filter_map(|(_, v)| match (v.actual, v.planned) {
                (None, Some(p)) if last.is_none_or(|m| m < p) && promised.as_ref().is_none_or(|(d, _)| *d != p) => {
                    Some((p, v.purpose.clone()))
                }
                _ => None,
            })
            .collect();
        planned.sort();
        let mut made: Vec<NaiveDate> = entries
            .iter()
            .filter(|e| !e.deleted)
            .filter_map(|e| match &e.body {
                EntryBody::Visit(v) => v.actual,
                _ => None,
            })
            .collect();
        made.sort_unstable_by(|a, b| b.cmp(a));
        made.truncate(VisitFacts::MADE_KEPT);
        VisitFacts { last, promised, planned, made }
    }

    /// How many days of visits made a summary keeps.
    pub const MADE_KEPT: usize = 40;

    pub fn is_empty(&self) -> bool {
        *self == VisitFacts::default()
    }

    /// Promised and planned visits due by `days` ahead, overdue ones included.
    pub fn reminders(&self, customer_id: &str, today: NaiveDate, days: u16) -> Vec<Reminder> {
        let end = horizon_end(today, days);
        let reminder = |kind, date: NaiveDate, what: &str| Reminder {
            customer_id: customer_id.to_string(),
            kind,
            date,
            days_left: (date - today).num_days(),
            who: String::new(),
            what: what.to_string(),
            years: None,
            holiday: None,
        };
        let mut out = Vec::new();
        if let Some((d, what)) = self.promised.as_ref().filter(|(d, _)| *d <= end) {
            out.push(reminder(ReminderKind::PromisedVisit, *d, what));
        }
        for (d, what) in self.planned.iter().filter(|(d, _)| *d <= end) {
            out.push(reminder(ReminderKind::PlannedVisit, *d, what));
        }
        out
    }
}

/// One item of the reminder list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub customer_id: String,
    pub kind: ReminderKind,
    /// The day it falls on.
    pub date: NaiveDate,
    /// From `today` (0: today; negative: overdue).
    pub days_left: i64,
    pub who: String,
    pub what: String,
    /// For a yearly date: which one (30th birthday, 10th anniversary).
    pub years: Option<i32>,
    pub holiday: Option<Holiday>,
}

impl Reminder {
    pub fn status(&self) -> DueStatus {
        match self.days_left {
            d if d < 0 => DueStatus::Overdue,
            0 => DueStatus::Due,
            _ => DueStatus::Upcoming,
        }
    }

    /// "张三 生日（40岁）" / "Zhang San: birthday (40)".
    pub fn describe(&self, lang: Lang) -> String {
        let kind = match self.holiday {
            Some(h) => h.greeting(lang),
            None => self.kind.label(lang),
        };
        let mut out = match (lang, self.who.is_empty()) {
            (_, true) => kind.to_string(),
            (Lang::Zh, false) => format!("{} {kind}", self.who),
            (Lang::En, false) => format!("{}: {kind}", self.who),
        };
        if !self.what.is_empty() {
            out.push_str(&match lang {
                Lang::Zh => format!("：{}", self.what),
                Lang::En => format!(" — {}", self.what),
            });
        }
        if let Some(n) = self.years {
            out.push_str(&match (lang, self.kind) {
                (Lang::Zh, ReminderKind::Birthday) => format!("（{n}岁）"),
                (Lang::Zh, _) => format!("（{n}周年）"),
                (Lang::En, _) => format!(" ({n})"),
            });
        }
        out
    }
}

/// The day a yearly date falls on in `year`: the same month and day; Feb 29 on Feb 28 in a
/// common year.
pub fn occurrence_in(date: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| (date.month() == 2 && date.day() == 29).then(|| NaiveDate::from_ymd_opt(year, 2, 28)).flatten())
}

/// The first day on or after `from` on which a yearly `date` falls, from the year after `date`
/// on. `None` only outside chrono's calendar.
pub fn next_occurrence(date: NaiveDate, from: NaiveDate) -> Option<NaiveDate> {
    let year = from.year().max(date.year().checked_add(1)?);
    let d = occurrence_in(date, year)?;
    if d >= from {
        Some(d)
    } else {
        occurrence_in(date, year.checked_add(1)?)
    }
}

/// The last day of the horizon (`today` if `today + days` is outside chrono's calendar).
fn horizon_end(today: NaiveDate, days: u16) -> NaiveDate {
    today.checked_add_days(Days::new(u64::from(days))).unwrap_or(today)
}

/// The yearly dates of a card: the individual's birthday and wedding anniversary, the
/// enterprise's founding (开业) day, and each live contact's birthday and important dates.
pub fn card_dates(c: &Customer) -> Vec<DateEvent> {
    let mut out = Vec::new();
    let mut push = |kind, date: Option<NaiveDate>, who: &str, what: &str| {
        if let Some(date) = date {
            out.push(DateEvent { kind, date, who: who.to_string(), what: what.to_string() });
        }
    };
    match &c.body {
        CardBody::Individual(i) => {
            let name = i.basic.name.as_str();
            push(ReminderKind::Birthday, i.basic.birth_date, name, "");
            push(ReminderKind::Anniversary, i.traits.anniversary, name, "");
        }
        CardBody::Enterprise(e) => push(ReminderKind::Founding, e.basic.opened, &e.basic.name, ""),
    }
    for p in c.live_contacts() {
        push(ReminderKind::Birthday, p.info.birth_date, &p.info.name, "");
        for d in &p.info.dates {
            push(ReminderKind::ImportantDate, Some(d.date), &p.info.name, &d.what);
        }
    }
    out
}

/// Reminders of yearly dates falling from `today` to `days` ahead.
pub fn date_reminders(customer_id: &str, events: &[DateEvent], today: NaiveDate, days: u16) -> Vec<Reminder> {
    let end = horizon_end(today, days);
    events
        .iter()
        .filter_map(|e| {
            let date = next_occurrence(e.date, today).filter(|d| *d <= end)?;
            Some(Reminder {
                customer_id: customer_id.to_string(),
                kind: e.kind,
                date,
                days_left: (date - today).num_days(),
                who: e.who.clone(),
                what: e.what.clone(),
                years: Some(date.year() - e.date.year()),
                holiday: None,
            })
        })
        .collect()
}

/// Promised and planned visits of one customer's file due by `days` ahead, overdue ones
/// included (see the module docs).
pub fn visit_reminders(customer_id: &str, entries: &[Entry], today: NaiveDate, days: u16) -> Vec<Reminder> {
    VisitFacts::of(entries).reminders(customer_id, today, days)
}

/// Whether a customer of this tier is greeted on holidays (seed 002: key customers).
pub fn greeted(tier: Option<Tier>) -> bool {
    tier == Some(Tier::Key)
}

/// Holiday greetings from `today` to `days` ahead, one per customer given (those to greet, see
/// [`greeted`]) and holiday.
pub fn holiday_reminders<'a>(customer_ids: impl IntoIterator<Item = &'a str>, today: NaiveDate, days: u16) -> Vec<Reminder> {
    let hols = holidays_between(today, horizon_end(today, days));
    if hols.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for id in customer_ids {
        for (h, d) in &hols {
            out.push(Reminder {
                customer_id: id.to_string(),
                kind: ReminderKind::Holiday,
                date: *d,
                days_left: (*d - today).num_days(),
                who: String::new(),
                what: String::new(),
                years: None,
                holiday: Some(*h),
            });
        }
    }
    out
}

/// Every reminder of one customer: its card's yearly dates, its visits and, for a key customer,
/// the holidays; sorted by [`sort_reminders`].
pub fn customer_reminders(c: &Customer, entries: &[Entry], today: NaiveDate, days: u16) -> Vec<Reminder> {
    let mut out = date_reminders(&c.id, &card_dates(c), today, days);
    out.extend(visit_reminders(&c.id, entries, today, days));
    if greeted(c.tier) {
        out.extend(holiday_reminders([c.id.as_str()], today, days));
    }
    sort_reminders(&mut out);
    out
}

/// By date (overdue first), then kind, customer, who and what.
pub fn sort_reminders(items: &mut [Reminder]) {
    items.sort_by(|a, b| {
        (a.date, a.kind, &a.customer_id, &a.who, &a.what).cmp(&(b.date, b.kind, &b.customer_id, &b.who, &b.what))
    });
}
