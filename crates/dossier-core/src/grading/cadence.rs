//! Cadences (DOMAIN §4 "Cadence", seeds 001 and 004): how often prospect cards are reviewed
//! (A daily, B weekly, C monthly), the visit plan by sales grade and role (客户访问计划), and the
//! due dates they give from the last review or visit.
//!
//! Month arithmetic is calendar months: a day past the end of a shorter month is that month's
//! last day (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year; Feb 29 + 12 months = Feb 28).
//! Nothing is ever due before the last date, and a card never reviewed or a customer never
//! visited is due on `today`.

use super::prospect::ProspectGrade;
use super::sales::SalesGrade;
use super::settings::SettingsError;
use crate::primitives::lang::Lang;
use crate::primitives::ledger_codes::VisitRole;
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The longest interval a setting may have: ten years.
pub const MAX_INTERVAL_DAYS: u32 = 3_660;

/// A fixed interval between two reviews.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    Days(u16),
    Weeks(u16),
    /// Calendar months (month ends clamp, see the module docs).
    Months(u16),
}

impl Interval {
    /// The date one interval after `d` (`None` only outside chrono's calendar).
    pub fn after(self, d: NaiveDate) -> Option<NaiveDate> {
        match self {
            Interval::Days(n) => d.checked_add_days(Days::new(u64::from(n))),
            Interval::Weeks(n) => d.checked_add_days(Days::new(7 * u64::from(n))),
            Interval::Months(n) => d.checked_add_months(Months::new(u32::from(n))),
        }
    }

    /// At least a day, at most ten years.
    pub fn validate(self) -> Result<(), SettingsError> {
        let days = match self {
            Interval::Days(n) => u32::from(n),
            Interval::Weeks(n) => 7 * u32::from(n),
            Interval::Months(n) => 30 * u32::from(n),
        };
        if days == 0 || days > MAX_INTERVAL_DAYS {
            return Err(SettingsError::Interval);
        }
        Ok(())
    }

    pub fn label(self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Interval::Days(1) => lang.pick("每天", "daily").to_string(),
            Interval::Weeks(1) => lang.pick("每周", "weekly").to_string(),
            Interval::Months(1) => lang.pick("每月", "monthly").to_string(),
            Interval::Days(n) => if zh { format!("每 {n} 天") } else { format!("every {n} days") },
            Interval::Weeks(n) => if zh { format!("每 {n} 周") } else { format!("every {n} weeks") },
            Interval::Months(n) => if zh { format!("每 {n} 个月") } else { format!("every {n} months") },
        }
    }
}

/// When something is due: from `from` (the soonest it is expected) to `by` (later than that it
/// is overdue). A fixed interval has `from == by`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Due {
    pub from: NaiveDate,
    pub by: NaiveDate,
}

coded! {
    /// Where a due item stands on a day: the 今日 list shows overdue first, then due, then upcoming.
    pub enum DueStatus {
        Overdue = "overdue", "已逾期", "Overdue";
        Due = "due", "今日到期", "Due";
        Upcoming = "upcoming", "即将到期", "Upcoming";
    }
}

impl Due {
    fn on(d: NaiveDate) -> Due {
        Due { from: d, by: d }
    }

    /// Overdue after `by`; due from `from` to `by`; upcoming before `from`.
    pub fn status(&self, today: NaiveDate) -> DueStatus {
        if today > self.by {
            DueStatus::Overdue
        } else if today >= self.from {
            DueStatus::Due
        } else {
            DueStatus::Upcoming
        }
    }

    /// Days from `today` to `by` (negative: overdue by that many days).
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        (self.by - today).num_days()
    }
}

/// How often prospect cards are reviewed, per grade (seed 001: A daily, B weekly, C monthly;
/// D every three months is our choice).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewCadence {
    pub a: Interval,
    pub b: Interval,
    pub c: Interval,
    pub d: Interval,
}

impl Default for ReviewCadence {
    fn default() -> Self {
        ReviewCadence { a: Interval::Days(1), b: Interval::Weeks(1), c: Interval::Months(1), d: Interval::Months(3) }
    }
}

impl ReviewCadence {
    pub fn interval(&self, grade: ProspectGrade) -> Interval {
        match grade {
            ProspectGrade::A => self.a,
            ProspectGrade::B => self.b,
            ProspectGrade::C => self.c,
            ProspectGrade::D => self.d,
        }
    }

    /// When a card of `grade` last reviewed on `last` is next due (never reviewed: `today`).
    pub fn next_review(&self, grade: ProspectGrade, last: Option<NaiveDate>, today: NaiveDate) -> Option<Due> {
        match last {
            None => Some(Due::on(today)),
            Some(d) => self.interval(grade).after(d).map(Due::on),
        }
    }
}

coded! {
    /// The six roles of the visit plan (seed 004 客户访问计划; reading the seed's columns as six
    /// roles is our interpretation, DOMAIN §4).
    pub enum PlanRole {
        Rep = "rep", "经办人", "Rep";
        GroupLead = "lead", "组长", "Group lead";
        SectionHead = "section", "科长", "Section head";
        Manager = "manager", "经理", "Manager";
        DeputyGm = "deputy_gm", "副总经理", "Deputy GM";
        Gm = "gm", "总经理", "General manager";
    }
}

impl PlanRole {
    /// The role as a visit records who came along (`None` for the rep, who is the visit's own
    /// rep). The ledger keeps 总经理 and 副总经理 as one role.
    pub fn visit_role(self) -> Option<VisitRole> {
        match self {
            PlanRole::Rep => None,
            PlanRole::GroupLead => Some(VisitRole::GroupLead),
            PlanRole::SectionHead => Some(VisitRole::SectionHead),
            PlanRole::Manager => Some(VisitRole::Manager),
            PlanRole::DeputyGm | PlanRole::Gm => Some(VisitRole::GeneralManager),
        }
    }

    /// 0-based column of the plan.
    pub fn index(self) -> usize {
        PlanRole::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }
}

/// How often one role visits customers of one grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitFrequency {
    /// `min`–`max` visits a month ("3 a month": 3–3).
    PerMonth { min: u8, max: u8 },
    /// One visit every `min`–`max` months ("every half year": 6–6, "once a year": 12–12).
    EveryMonths { min: u8, max: u8 },
    /// 必要时: no fixed visits.
    WhenNeeded,
    /// —: this role does not visit.
    Never,
}

impl VisitFrequency {
    /// Days between visits for "k a month": one calendar month for one, else ⌊30 / k⌋ days
    /// (2 → 15, 3 → 10). Our reading of "k a month" as a spacing.
    fn per_month_after(k: u8, d: NaiveDate) -> Option<NaiveDate> {
        if k <= 1 {
            d.checked_add_months(Months::new(1))
        } else {
            d.checked_add_days(Days::new(30 / u64::from(k)))
        }
    }

    /// The next visit after the last one: due from the frequent end of the range, overdue after
    /// the sparse end ("2–3 a month": from 10 days to 15 days after; "every 1–2 months": from 1
    /// to 2 months after). Never visited: due `today`. `None` for when needed, never, or a date
    /// outside chrono's calendar.
    pub fn next_due(self, last: Option<NaiveDate>, today: NaiveDate) -> Option<Due> {
        let fixed = matches!(self, VisitFrequency::PerMonth { .. } | VisitFrequency::EveryMonths { .. });
        let Some(last) = last else { return fixed.then_some(Due::on(today)) };
        match self {
            VisitFrequency::PerMonth { min, max } => Some(Due {
                from: Self::per_month_after(max.max(min), last)?,
                by: Self::per_month_after(min, last)?,
            }),
            VisitFrequency::EveryMonths { min, max } => Some(Due {
                from: last.checked_add_months(Months::new(u32::from(min.min(max).max(1))))?,
                by: last.checked_add_months(Months::new(u32::from(max.max(min).max(1))))?,
            }),
            VisitFrequency::WhenNeeded | VisitFrequency::Never => None,
        }
    }

    /// Ranges must not be empty or upside down; months 1–24, visits 1–31 a month.
    pub fn validate(self) -> Result<(), SettingsError> {
        let ok = match self {
            VisitFrequency::PerMonth { min, max } => min >= 1 && min <= max && max <= 31,
            VisitFrequency::EveryMonths { min, max } => min >= 1 && min <= max && max <= 24,
            VisitFrequency::WhenNeeded | VisitFrequency::Never => true,
        };
        if ok { Ok(()) } else { Err(SettingsError::Frequency) }
    }

    pub fn label(self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            VisitFrequency::PerMonth { min, max } if min == max => {
                if zh { format!("每月 {min} 次") } else { format!("{min} a month") }
            }
            VisitFrequency::PerMonth { min, max } => {
                if zh { format!("每月 {min}–{max} 次") } else { format!("{min}–{max} a month") }
            }
            VisitFrequency::EveryMonths { min: 6, max: 6 } => lang.pick("每半年 1 次", "every half year").to_string(),
            VisitFrequency::EveryMonths { min: 12, max: 12 } => lang.pick("每年 1 次", "once a year").to_string(),
            VisitFrequency::EveryMonths { min, max } if min == max => {
                if zh { format!("每 {min} 个月 1 次") } else { format!("every {min} months") }
            }
            VisitFrequency::EveryMonths { min, max } => {
                if zh { format!("每 {min}–{max} 个月 1 次") } else { format!("every {min}–{max} months") }
            }
            VisitFrequency::WhenNeeded => lang.pick("必要时", "when needed").to_string(),
            VisitFrequency::Never => "—".to_string(),
        }
    }
}

/// 客户访问计划: a frequency per sales grade (A, B, C) and role ([`PlanRole`] order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitPlan {
    pub a: [VisitFrequency; 6],
    pub b: [VisitFrequency; 6],
    pub c: [VisitFrequency; 6],
}

impl Default for VisitPlan {
    /// Seed 004's table (DOMAIN §4 "Cadence").
    fn default() -> Self {
        use VisitFrequency::{EveryMonths as Every, Never, PerMonth as Per, WhenNeeded as Needed};
        VisitPlan {
            a: [
                Per { min: 3, max: 3 },
                Per { min: 2, max: 3 },
                Per { min: 1, max: 1 },
                Every { min: 1, max: 2 },
                Every { min: 6, max: 6 },
                Every { min: 12, max: 12 },
            ],
            b: [
                Per { min: 2, max: 2 },
                Per { min: 1, max: 2 },
                Every { min: 1, max: 2 },
                Every { min: 2, max: 3 },
                Every { min: 6, max: 12 },
                Needed,
            ],
            c: [Per { min: 1, max: 1 }, Per { min: 1, max: 1 }, Needed, Needed, Never, Never],
        }
    }
}

impl VisitPlan {
    /// The frequency of one role for customers of one grade. Grades below C (made by more cuts)
    /// follow C's row.
    pub fn frequency(&self, grade: SalesGrade, role: PlanRole) -> VisitFrequency {
        let row = match grade {
            SalesGrade::A => &self.a,
            SalesGrade::B => &self.b,
            _ => &self.c,
        };
        row[role.index()]
    }

    /// When `role` next visits a customer of `grade` last visited (by that role) on `last`.
    pub fn next_visit(&self, grade: SalesGrade, role: PlanRole, last: Option<NaiveDate>, today: NaiveDate) -> Option<Due> {
        self.frequency(grade, role).next_due(last, today)
    }

    pub fn validate(&self) -> Result<(), SettingsError> {
        self.a.iter().chain(&self.b).chain(&self.c).try_for_each(|f| f.validate())
    }
}
