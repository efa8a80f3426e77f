//! The manager's view (seed 001: the manager checks every rep's cards at least weekly): one row
//! per rep from the summaries alone — the rep's customers by grade, visits made and planned
//! this week and this month, overdue reviews and collections.

use crate::grading::cadence::PlanRole;
use crate::grading::settings::GradingSettings;
use crate::primitives::codes::Stage;
use crate::primitives::grades::{ProspectGrade, SalesGrade};
use crate::summary::Summary;
use chrono::{Datelike, Days, Months, NaiveDate};
use std::collections::BTreeMap;

/// Columns of [`RepRow::sales`]: A–F, then no grade.
pub const SALES_COLUMNS: usize = SalesGrade::ALL.len() + 1;
/// Columns of [`RepRow::prospect`]: A–D, then no grade.
pub const PROSPECT_COLUMNS: usize = ProspectGrade::ALL.len() + 1;

/// One rep's customers (live, not 旧客户) as the manager checks them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RepRow {
    /// The rep's id; empty: customers without an owner.
    pub owner: String,
    pub customers: u32,
    /// By stored sales grade, A–F then none ([`RepRow::sales_count`]).
    pub sales: [u32; SALES_COLUMNS],
    /// By prospect grade as stored, A–D then none ([`RepRow::prospect_count`]).
    pub prospect: [u32; PROSPECT_COLUMNS],
    /// Visits made in the ISO week (Monday–Sunday) of `today`, and in its calendar month.
    pub made_week: u32,
    pub made_month: u32,
    /// Visits still to be made in the week and in the month: planned and promised visits not
    /// made, dated in the period, and the visit plan's next visit (an overdue one counts today).
    pub planned_week: u32,
    pub planned_month: u32,
    /// Prospect cards whose review is overdue (past its day).
    pub overdue_reviews: u32,
    /// Customers with a receivable past due, and the sum past due (fen).
    pub overdue_collections: u32,
    pub overdue_fen: i64,
}

impl RepRow {
    /// Customers of a stored sales grade (`None`: without one).
    pub fn sales_count(&self, g: Option<SalesGrade>) -> u32 {
        self.sales[g.map_or(SalesGrade::ALL.len(), SalesGrade::index)]
    }

    /// Customers of a prospect grade (`None`: without one).
    pub fn prospect_count(&self, g: Option<ProspectGrade>) -> u32 {
        self.prospect[g.map_or(ProspectGrade::ALL.len(), |g| g as usize)]
    }
}

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    pub fn contains(self, d: NaiveDate) -> bool {
        self.first <= d && d <= self.last
    }

    /// The ISO week of `today`: Monday to Sunday (cut at the ends of chrono's calendar).
    pub fn week_of(today: NaiveDate) -> Period {
        let back = u64::from(today.weekday().num_days_from_monday());
        let first = today.checked_sub_days(Days::new(back)).unwrap_or(NaiveDate::MIN);
        Period { first, last: first.checked_add_days(Days::new(6)).unwrap_or(NaiveDate::MAX) }
    }

    /// The calendar month of `today`.
    pub fn month_of(today: NaiveDate) -> Period {
        let first = today.with_day(1).unwrap_or(today);
        let last = first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX);
        Period { first, last }
    }
}

fn bump(n: &mut u32, by: bool) {
    *n = n.saturating_add(u32::from(by));
}

/// One row per owner of a live customer that is not 旧客户, sorted by owner id. The visit plan
/// is read in `role_for_plan`'s column (the reps' own: [`PlanRole::Rep`]).
pub fn by_rep(summaries: &[Summary], settings: &GradingSettings, role_for_plan: PlanRole, today: NaiveDate) -> Vec<RepRow> {
    let (week, month) = (Period::week_of(today), Period::month_of(today));
    let mut rows: BTreeMap<&str, RepRow> = BTreeMap::new();
    for s in summaries.iter().filter(|s| !s.deleted && s.stage != Stage::Former) {
        let row = rows.entry(s.owner.as_str()).or_default();
        bump(&mut row.customers, true);
        bump(&mut row.sales[s.grades.sales.map_or(SalesGrade::ALL.len(), SalesGrade::index)], true);
        bump(&mut row.prospect[s.grades.prospect.map_or(ProspectGrade::ALL.len(), |g| g as usize)], true);

        for d in &s.visits.made {
            bump(&mut row.made_week, week.contains(*d));
            bump(&mut row.made_month, month.contains(*d));
        }
        let planned = s.visits.promised.iter().map(|(d, _)| *d).chain(s.visits.planned.iter().map(|(d, _)| *d));
        for d in planned {
            bump(&mut row.planned_week, week.contains(d));
            bump(&mut row.planned_month, month.contains(d));
        }
        if let Some(due) = s.grades.sales.and_then(|g| settings.visit_plan.next_visit(g, role_for_plan, s.visits.last, today)) {
            // Due now or overdue: to be made today; otherwise on the first day it is due.
            let day = due.from.max(today);
            bump(&mut row.planned_week, week.contains(day));
            bump(&mut row.planned_month, month.contains(day));
        }

        if s.stage == Stage::Potential {
            if let Some(g) = s.grades.prospect.map(|g| settings.prospect_scale.fit(g)) {
                let due = settings.review.next_review(g, s.grades.reviewed, today);
                bump(&mut row.overdue_reviews, due.is_some_and(|d| d.by < today));
            }
        }
        if s.open.open.iter().any(|(due, fen)| *due < today && *fen > 0) {
            let overdue = s.open.aging(today).aging.overdue();
            bump(&mut row.overdue_collections, overdue > 0);
            row.overdue_fen = row.overdue_fen.saturating_add(overdue.max(0));
        }
    }
    rows.into_iter().map(|(owner, mut row)| {
        row.owner = owner.to_string();
        row
    }).collect()
}
