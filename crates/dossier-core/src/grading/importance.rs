//! 重要程度 (DOMAIN §4.4, seed 002): 重要 / 特殊 / 一般, set by hand and revised at the
//! whole-archive check (定期核查) every two months, where customers growing fast or being lost
//! are put under watch (另作观察) with the reason.
//!
//! The tier itself is the card's [`Tier`] (stored on the customer); this module has the check's
//! due date, the watch flag and a suggestion of whom to watch from the sales trend (our rule,
//! `docs/grading.md`).

use super::history::{GradeChange, GradeError, GradeValue};
use crate::primitives::lang::Lang;
use chrono::{Months, NaiveDate};

pub use crate::primitives::codes::Tier;
pub use crate::primitives::grades::{Watch, WatchReason};

impl Watch {
    /// A watch flag; refused without a note when the reason is "other".
    pub fn new(reason: WatchReason, note: &str, since: NaiveDate) -> Result<Watch, GradeError> {
        let note = note.trim();
        if reason == WatchReason::Other && note.is_empty() {
            return Err(GradeError::ReasonRequired);
        }
        Ok(Watch { reason, note: note.to_string(), since })
    }

    pub fn describe(&self, lang: Lang) -> String {
        let since = self.since.format("%Y-%m-%d");
        match (lang, self.note.is_empty()) {
            (Lang::Zh, true) => format!("另作观察（{}，自 {since}）", self.reason.label(lang)),
            (Lang::Zh, false) => format!("另作观察（{}：{}，自 {since}）", self.reason.label(lang), self.note),
            (Lang::En, true) => format!("under watch ({}, since {since})", self.reason.label(lang)),
            (Lang::En, false) => format!("under watch ({}: {}, since {since})", self.reason.label(lang), self.note),
        }
    }
}

/// The next 定期核查 after the last one: `every_months` later (a day past the end of a shorter
/// month is its last day: Dec 31 + 2 months = Feb 28/29). Never checked: due `today`. `None`
/// only outside chrono's calendar.
pub fn next_check(last: Option<NaiveDate>, every_months: u8, today: NaiveDate) -> Option<NaiveDate> {
    match last {
        None => Some(today),
        Some(d) => d.checked_add_months(Months::new(u32::from(every_months.max(1)))),
    }
}

/// Whether the check is due on `today` (or overdue).
pub fn check_due(last: Option<NaiveDate>, every_months: u8, today: NaiveDate) -> bool {
    next_check(last, every_months, today).is_some_and(|d| d <= today)
}

/// A change of the tier, always by hand with a reason (DOMAIN §4.4).
pub fn tier_change(
    old: Option<Tier>,
    new: Option<Tier>,
    date: NaiveDate,
    reason: &str,
    by: &str,
) -> Result<GradeChange, GradeError> {
    GradeChange::by_hand(old.map(GradeValue::Importance), new.map(GradeValue::Importance), date, reason, by)
}

/// Whom to suggest for the watch at a check, from monthly net sales (oldest first, e.g. the six
/// months before the check): the later half against the earlier half (the middle month of an odd
/// count left out). Growing: the later half is at least 1.5 × the earlier one and more than zero
/// (from nothing to something is growing). Losing: the earlier half was positive and the later is
/// at most half of it. Otherwise, or with fewer than two months, `None`. Our rule: a suggestion
/// the person confirms or not.
pub fn suggest_watch(months: &[i64]) -> Option<WatchReason> {
    let half = months.len() / 2;
    if half == 0 {
        return None;
    }
    let sum = |s: &[i64]| s.iter().map(|m| i128::from(*m)).sum::<i128>();
    let earlier = sum(&months[..half]);
    let later = sum(&months[months.len() - half..]);
    if later > 0 && later * 2 >= earlier * 3 {
        Some(WatchReason::Growing)
    } else if earlier > 0 && later * 2 <= earlier {
        Some(WatchReason::Losing)
    } else {
        None
    }
}
