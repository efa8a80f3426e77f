//! 准客户 grades by buying readiness (DOMAIN §4.1, seed 004): A/B/C/D with the planned visits and
//! the expected purchase of each. Seed 000 uses only A/B/C (C meaning little hope): that is
//! [`ProspectScale::Three`]; the default is seed 004's four grades.

use crate::ledger::YearMonth;
use crate::primitives::lang::Lang;

pub use crate::primitives::grades::ProspectGrade;
use chrono::{Months, NaiveDate};

coded! {
    /// Which seed's grades are in use.
    pub enum ProspectScale {
        Four = "abcd", "A/B/C/D 四级（默认）", "A/B/C/D, four grades (default)";
        Three = "abc", "A/B/C 三级", "A/B/C, three grades";
    }
}

#[allow(clippy::derivable_impls)] // `coded!` owns the derive list
impl Default for ProspectScale {
    fn default() -> Self {
        ProspectScale::Four
    }
}

impl ProspectScale {
    /// The grades offered, best first.
    pub fn grades(self) -> &'static [ProspectGrade] {
        match self {
            ProspectScale::Four => ProspectGrade::ALL,
            ProspectScale::Three => &ProspectGrade::ALL[..3],
        }
    }

    /// A grade brought into the scale: D is C on the three-grade scale.
    pub fn fit(self, grade: ProspectGrade) -> ProspectGrade {
        match (self, grade) {
            (ProspectScale::Three, ProspectGrade::D) => ProspectGrade::C,
            _ => grade,
        }
    }

    /// What a grade means on this scale (seed 000's C is "little hope").
    pub fn readiness(self, grade: ProspectGrade, lang: Lang) -> &'static str {
        match (self, self.fit(grade)) {
            (ProspectScale::Three, ProspectGrade::C) => lang.pick("希望不大", "little hope"),
            (_, g) => g.readiness(lang),
        }
    }
}

/// How often a prospect of a grade is to be visited (DOMAIN §4.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlannedVisits {
    /// `min`–`max` visits a week.
    PerWeek { min: u8, max: u8 },
    /// One visit every `n` weeks.
    EveryWeeks(u8),
    /// `n` visits a month.
    PerMonth(u8),
    /// No fixed visits: drop in on the way, or phone.
    OnTheWay,
}

impl PlannedVisits {
    /// Days between visits at the least frequent end (`None`: no fixed visits).
    pub fn max_gap_days(self) -> Option<u32> {
        match self {
            PlannedVisits::PerWeek { min, .. } => Some(7 / u32::from(min.max(1))),
            PlannedVisits::EveryWeeks(n) => Some(7 * u32::from(n.max(1))),
            PlannedVisits::PerMonth(n) => Some(30 / u32::from(n.max(1))),
            PlannedVisits::OnTheWay => None,
        }
    }

    pub fn label(self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            PlannedVisits::PerWeek { min, max } if min == max => {
                if zh { format!("每周 {min} 次") } else { format!("{min} a week") }
            }
            PlannedVisits::PerWeek { min, max } => {
                if zh { format!("每周 {min}–{max} 次") } else { format!("{min}–{max} a week") }
            }
            PlannedVisits::EveryWeeks(2) => lang.pick("隔周 1 次", "one every other week").to_string(),
            PlannedVisits::EveryWeeks(n) => {
                if zh { format!("每 {n} 周 1 次") } else { format!("one every {n} weeks") }
            }
            PlannedVisits::PerMonth(n) => {
                if zh { format!("每月 {n} 次") } else { format!("{n} a month") }
            }
            PlannedVisits::OnTheWay => lang.pick("顺路拜访或电话联系", "drop in on the way, or phone").to_string(),
        }
    }
}

impl ProspectGrade {
    /// Readiness to buy (DOMAIN §4.1).
    pub fn readiness(self, lang: Lang) -> &'static str {
        match self {
            ProspectGrade::A => lang.pick("完全具备购买条件", "fully meets the conditions to buy"),
            ProspectGrade::B => lang.pick("条件不完全具备，但值得拜访", "not all conditions, but worth visiting"),
            ProspectGrade::C => lang.pick("条件尚不具备，偶尔拜访", "conditions not yet there, visit now and then"),
            ProspectGrade::D => lang.pick("条件不具备，有长期潜力", "not there, long-term potential"),
        }
    }

    /// Planned visits (DOMAIN §4.1).
    pub fn planned_visits(self) -> PlannedVisits {
        match self {
            ProspectGrade::A => PlannedVisits::PerWeek { min: 1, max: 2 },
            ProspectGrade::B => PlannedVisits::EveryWeeks(2),
            ProspectGrade::C => PlannedVisits::PerMonth(1),
            ProspectGrade::D => PlannedVisits::OnTheWay,
        }
    }

    /// Expected purchase, in words: 本月内, 2–3 个月内, 半年内, 一年内.
    pub fn purchase_horizon(self, lang: Lang) -> &'static str {
        match self {
            ProspectGrade::A => lang.pick("本月内", "this month"),
            ProspectGrade::B => lang.pick("2–3 个月内", "within 2–3 months"),
            ProspectGrade::C => lang.pick("半年内", "within half a year"),
            ProspectGrade::D => lang.pick("一年内", "within a year"),
        }
    }

    /// The last day by which a purchase is expected if graded `today`: the end of this month
    /// (A), today + 3 months (B), + 6 months (C), + 12 months (D); a month end past the end of the
    /// shorter month is its last day. `None` only outside chrono's calendar.
    pub fn purchase_by(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            ProspectGrade::A => YearMonth::of(today).last_day(),
            ProspectGrade::B => today.checked_add_months(Months::new(3)),
            ProspectGrade::C => today.checked_add_months(Months::new(6)),
            ProspectGrade::D => today.checked_add_months(Months::new(12)),
        }
    }

    /// Grades a reviewed card may be promoted to (seed 001: C cards are offered for promotion to
    /// B or A as they develop; D to any better grade is our choice). Best first.
    pub fn promotions(self) -> &'static [ProspectGrade] {
        match self {
            ProspectGrade::A => &[],
            ProspectGrade::B => &ProspectGrade::ALL[..1],
            ProspectGrade::C => &ProspectGrade::ALL[..2],
            ProspectGrade::D => &ProspectGrade::ALL[..3],
        }
    }

    /// Whether the review of a card of this grade offers a promotion (C and D).
    pub fn offers_promotion(self) -> bool {
        matches!(self, ProspectGrade::C | ProspectGrade::D)
    }
}
