//! 客户信用管理 (DOMAIN.md §5, seed 004; issue 16): the pure rules of credit. Money is integer
//! fen, shares and ratios are basis points (1 % = 100 bp) or exact fractions, never floats;
//! rounding is half away from zero to the fen; every date-dependent function takes `today` and
//! never reads a clock; nothing here panics on any input (sums saturate, products are checked in
//! `i128`). The definitions and which choices are ours: `docs/credit.md`.
//!
//! - [`profile`]: the credit profile (信用资料): the financial inputs of the five methods, each
//!   with the date it was learned and its channel (the seed's four 调查途径), and the scorecard of
//!   the overall judgement.
//! - [`limits`]: the five limit methods (销售额测定法, 周转资产分割法, 流动比率法, 净资产分割法,
//!   综合判断法), each giving a [`Limit`] with its working in both languages or why it is
//!   [`NotApplicable`]; the approved limit ([`Approval`]) and its history.
//! - [`check`]: exposure (信用占用额), utilisation and the order check (pass / warn / block) with
//!   every reason and what would make the order pass.
//! - [`class`]: credit class A/B/C, the written-report cadence and each class's proposed terms.
//! - [`signs`]: the four warning-sign checklists, the urgent-report rule (紧急报告) and the
//!   countermeasures (对策) for worsening credit.
//! - [`settings`]: every number above a manager may change, with defaults and validation.
//!
//! A layer-6 module like `grading`: it uses only `primitives`. Inputs are plain numbers and small
//! input structs (the app computes them from the summary's open items and the ledger); the
//! records a card will store (profile, scorecard, approvals, reviews, countermeasures) are
//! serde-serialisable with short wire names and empty fields left out.
//!
//! **Our reading of 综合判断法** (the seed gives only its factors): the six factors are scored
//! 1–5 each (equal weights, total 6–30); the total picks a row of a configurable table (the rough
//! limit, 大致的信用限度额); then payment behaviour (付款及时 +1, 偶有拖延 0, 经常拖延 −1, 严重拖欠
//! −2) and trade volume (大 +1, 中 0, 小 −1) move it up or down that many rows, staying within
//! the table. This whole scorecard is our choice, not the seed's.

pub mod check;
pub mod class;
pub mod limits;
pub mod passphrase;
pub mod profile;
pub mod settings;
pub mod signs;

pub use check::{check_order, exposure, utilisation_bp, CheckInput, CheckResult, Exposure, Reason, Remedy, Verdict};
pub use class::CreditClass;
pub use limits::{
    all_limits, current_approval, current_ratio, net_assets, overall, sales_based, working_capital, Approval,
    ApprovalError, Limit, Method, NotApplicable,
};
pub use profile::{
    CreditProfile, Factor, Figure, PaymentRecord, PeriodFigure, PeriodUnit, ProfileError, ProfileField, Scorecard,
    Source, TradeVolume,
};
pub use settings::{CreditSettings, ScoreBand, ScoreTable, SettingsError};
pub use signs::{urgent_report, Countermeasure, CountermeasureTaken, Sign, SignGroup, SignReview, Urgency, UrgentReason};

use crate::primitives::money::format_yuan_grouped;

/// Money for a working or a message: `¥1,000,000` when whole yuan, else `¥1,234.50`.
pub fn yuan(fen: i64) -> String {
    let s = format_yuan_grouped(fen);
    match s.strip_suffix(".00") {
        Some(whole) => format!("¥{whole}"),
        None => format!("¥{s}"),
    }
}

/// Basis points as per cent, exactly: `3000` → `30 %`, `1250` → `12.5 %`, `1234` → `12.34 %`.
pub fn percent(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let a = bp.unsigned_abs();
    format!("{sign}{} %", decimal(a / 100, a % 100, 2))
}

/// Ten-thousandths as a multiplier: `15000` → `1.5`, `5000` → `0.5`, `12345` → `1.2345`.
pub fn times(e4: i64) -> String {
    let sign = if e4 < 0 { "-" } else { "" };
    let a = e4.unsigned_abs();
    format!("{sign}{}", decimal(a / 10_000, a % 10_000, 4))
}

/// `int.frac` with `digits` fraction digits, trailing zeros (and a bare point) dropped.
fn decimal(int: u64, frac: u64, digits: usize) -> String {
    if frac == 0 {
        return int.to_string();
    }
    let f = format!("{frac:0digits$}");
    format!("{int}.{}", f.trim_end_matches('0'))
}

/// `num ÷ den` rounded half away from zero; `None` when `den` is 0 or the result overflows.
pub(crate) fn div_round(num: i128, den: i128) -> Option<i128> {
    if den == 0 {
        return None;
    }
    let (num, den) = if den < 0 { (num.checked_neg()?, den.checked_neg()?) } else { (num, den) };
    let q = num / den;
    let r = num % den;
    // 2·|r| ≥ den, written so it cannot overflow.
    if r.unsigned_abs() >= den.unsigned_abs() - r.unsigned_abs() {
        if num < 0 { q.checked_sub(1) } else { q.checked_add(1) }
    } else {
        Some(q)
    }
}

/// `num ÷ den` rounded up, for `num ≥ 0`, `den > 0` (`None` otherwise).
pub(crate) fn div_ceil(num: i128, den: i128) -> Option<i128> {
    if num < 0 || den <= 0 {
        return None;
    }
    let q = num / den;
    if num % den == 0 { Some(q) } else { q.checked_add(1) }
}

/// Whether `num ÷ den` is exact.
pub(crate) fn exact(num: i128, den: i128) -> bool {
    den != 0 && num % den == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(div_round(5, 2), Some(3));
        assert_eq!(div_round(-5, 2), Some(-3));
        assert_eq!(div_round(7, 3), Some(2));
        assert_eq!(div_round(8, 3), Some(3));
        assert_eq!(div_round(-8, 3), Some(-3));
        assert_eq!(div_round(1, -2), Some(-1));
        assert_eq!(div_round(1, 0), None);
        assert_eq!(div_round(i128::MAX, 1), Some(i128::MAX));
        assert_eq!(div_round(i128::MAX, i128::MAX), Some(1));
        assert_eq!(div_round(i128::MIN, -1), None);
        assert_eq!(div_ceil(10, 3), Some(4));
        assert_eq!(div_ceil(9, 3), Some(3));
        assert_eq!(div_ceil(-1, 3), None);
    }

    #[test]
    fn display_helpers() {
        assert_eq!(yuan(100_000_000), "¥1,000,000");
        assert_eq!(yuan(123_450), "¥1,234.50");
        assert_eq!(yuan(-5), "¥-0.05");
        assert_eq!(percent(3000), "30 %");
        assert_eq!(percent(1250), "12.5 %");
        assert_eq!(percent(1234), "12.34 %");
        assert_eq!(percent(5), "0.05 %");
        assert_eq!(times(15_000), "1.5");
        assert_eq!(times(12_345), "1.2345");
        assert_eq!(times(10_000), "1");
    }
}
