//! The numbers of grading a manager may change (issue 15, "Settings"), their defaults and their
//! validation: every refusal is a [`SettingsError`] worded in both languages.

use super::cadence::{Interval, ReviewCadence, VisitPlan};
use super::prospect::ProspectScale;
use super::sales::{format_bp, Cut, MAX_GRADES, MAX_WINDOW, MIN_WINDOW};
use crate::primitives::lang::Lang;
use crate::primitives::money::format_yuan_grouped;
use serde::{Deserialize, Serialize};

/// Default months of the sales window (DOMAIN §4.3).
pub const DEFAULT_WINDOW: u8 = 3;
/// 定期核查 every two months (seed 002).
pub const DEFAULT_CHECK_MONTHS: u8 = 2;
/// Reminders this many days ahead (issue 15).
pub const DEFAULT_REMINDER_DAYS: u16 = 7;
/// The furthest a reminder list may look ahead.
pub const MAX_REMINDER_DAYS: u16 = 366;
/// Grades re-sorted at least twice a week (seed 001).
pub const MIN_RESORTS_PER_WEEK: u8 = 2;
/// An open complaint goes on 今日 this many days after it was received (及时处理, seed 004).
pub const DEFAULT_COMPLAINT_DAYS: u8 = 7;
/// The days an open complaint may wait before 今日 lists it: 1–90.
pub const COMPLAINT_DAYS: std::ops::RangeInclusive<u8> = 1..=90;

/// Why a setting is refused. `Display` is the English message; [`SettingsError::message`] gives
/// either language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum SettingsError {
    /// The sales window is 3–6 months.
    Window(u8),
    /// No cut given (at least two grades are needed).
    NoCuts,
    /// More cuts than grades A–F allow.
    TooManyCuts(usize),
    /// A cumulative share not strictly between 0 % and 100 % (basis points).
    CutRange(u16),
    /// Shares must rise: `lower` is not below `upper` (basis points), e.g. 95 % before 80 %.
    CutOrder { lower: u16, upper: u16 },
    /// A threshold (monthly average, fen) that is zero or negative.
    ThresholdNotPositive(i64),
    /// Thresholds must fall: `higher` is not above `lower` (fen).
    ThresholdOrder { higher: i64, lower: i64 },
    /// An interval of zero, or too long (more than ten years).
    Interval,
    /// A visit frequency whose range is empty or upside down (e.g. 3–2 a month).
    Frequency,
    /// 定期核查 every 1–12 months.
    CheckMonths(u8),
    /// Reminders 0–366 days ahead.
    ReminderDays(u16),
    /// Grades re-sorted 2–7 times a week.
    ResortsPerWeek(u8),
    /// Open complaints on 今日 after 1–90 days.
    ComplaintDays(u8),
    /// What was typed for a cut is not a number (or not one with at most two decimals).
    NotANumber(String),
}

impl SettingsError {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let pct = |bp: u16| format_bp(u32::from(bp));
        match self {
            SettingsError::Window(n) => {
                if zh {
                    format!("统计月数应为 {MIN_WINDOW}–{MAX_WINDOW} 个月（现为 {n}）")
                } else {
                    format!("the window is {MIN_WINDOW}–{MAX_WINDOW} months (not {n})")
                }
            }
            SettingsError::NoCuts => {
                lang.pick("至少需要一个分级界线（分为两级以上）", "give at least one cut (two grades or more)").to_string()
            }
            SettingsError::TooManyCuts(n) => {
                if zh {
                    format!("界线最多 {} 个（A–F 六级），现有 {n} 个", MAX_GRADES - 1)
                } else {
                    format!("at most {} cuts (grades A–F), not {n}", MAX_GRADES - 1)
                }
            }
            SettingsError::CutRange(bp) => {
                if zh {
                    format!("累计占比界线应在 0 % 与 100 % 之间（现为 {}）", pct(*bp))
                } else {
                    format!("a cumulative share is between 0 % and 100 % (not {})", pct(*bp))
                }
            }
            SettingsError::CutOrder { lower, upper } => {
                if zh {
                    format!("{} 必须小于 {}：上一级的界线应在前", pct(*lower), pct(*upper))
                } else {
                    format!("{} must be below {}: the better grade's cut comes first", pct(*lower), pct(*upper))
                }
            }
            SettingsError::ThresholdNotPositive(fen) => {
                if zh {
                    format!("等级标准额应大于 0（现为 ¥{}）", format_yuan_grouped(*fen))
                } else {
                    format!("a threshold is more than 0 (not ¥{})", format_yuan_grouped(*fen))
                }
            }
            SettingsError::ThresholdOrder { higher, lower } => {
                if zh {
                    format!(
                        "等级标准额应从高到低：¥{} 必须大于 ¥{}",
                        format_yuan_grouped(*higher),
                        format_yuan_grouped(*lower)
                    )
                } else {
                    format!(
                        "thresholds go from high to low: ¥{} must be above ¥{}",
                        format_yuan_grouped(*higher),
                        format_yuan_grouped(*lower)
                    )
                }
            }
            SettingsError::Interval => {
                lang.pick("间隔应至少 1 天，且不超过 10 年", "an interval is at least 1 day and at most 10 years").to_string()
            }
            SettingsError::Frequency => lang
                .pick("拜访频率的范围不对（如“每月 3–2 次”）", "a visit frequency's range is empty or upside down (e.g. 3–2 a month)")
                .to_string(),
            SettingsError::CheckMonths(n) => {
                if zh {
                    format!("定期核查间隔应为 1–12 个月（现为 {n}）")
                } else {
                    format!("the archive check is every 1–12 months (not {n})")
                }
            }
            SettingsError::ReminderDays(n) => {
                if zh {
                    format!("提醒天数应为 0–{MAX_REMINDER_DAYS} 天（现为 {n}）")
                } else {
                    format!("reminders look 0–{MAX_REMINDER_DAYS} days ahead (not {n})")
                }
            }
            SettingsError::ResortsPerWeek(n) => {
                if zh {
                    format!("每周至少重新排序 {MIN_RESORTS_PER_WEEK} 次，最多 7 次（现为 {n}）")
                } else {
                    format!("grades are re-sorted {MIN_RESORTS_PER_WEEK}–7 times a week (not {n})")
                }
            }
            SettingsError::ComplaintDays(n) => {
                let (lo, hi) = (COMPLAINT_DAYS.start(), COMPLAINT_DAYS.end());
                if zh {
                    format!("投诉待处理天数应为 {lo}–{hi} 天（现为 {n}）")
                } else {
                    format!("open complaints are listed after {lo}–{hi} days (not {n})")
                }
            }
            SettingsError::NotANumber(text) => {
                if zh {
                    format!("“{text}”不是有效的数字（最多两位小数）")
                } else {
                    format!("\"{text}\" is not a number (at most two decimals)")
                }
            }
        }
    }
}

/// Every setting of grading, with the seeds' defaults (DOMAIN §4, our choices in
/// `docs/grading.md`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GradingSettings {
    pub prospect_scale: ProspectScale,
    /// Months of the sales window, 3–6.
    pub window_months: u8,
    /// How the sorted averages are cut into sales grades.
    pub cut: Cut,
    /// How often prospect cards are reviewed, per grade.
    pub review: ReviewCadence,
    /// Automatic re-sorts of the grades a week (at least twice).
    pub resorts_per_week: u8,
    /// 客户访问计划 by sales grade and role.
    pub visit_plan: VisitPlan,
    /// 定期核查 every this many months.
    pub check_months: u8,
    /// Reminders this many days ahead.
    pub reminder_days: u16,
    /// Open complaints received more than this many days ago go on 今日.
    pub complaint_days: u8,
}

impl Default for GradingSettings {
    fn default() -> Self {
        GradingSettings {
            prospect_scale: ProspectScale::Four,
            window_months: DEFAULT_WINDOW,
            cut: Cut::default(),
            review: ReviewCadence::default(),
            resorts_per_week: MIN_RESORTS_PER_WEEK,
            visit_plan: VisitPlan::default(),
            check_months: DEFAULT_CHECK_MONTHS,
            reminder_days: DEFAULT_REMINDER_DAYS,
            complaint_days: DEFAULT_COMPLAINT_DAYS,
        }
    }
}

impl GradingSettings {
    /// Every refusal, in the order of the fields (empty: the settings can be saved).
    pub fn problems(&self) -> Vec<SettingsError> {
        let mut out = Vec::new();
        if let Err(e) = check_window(self.window_months) {
            out.push(e);
        }
        if let Err(e) = self.cut.validate() {
            out.push(e);
        }
        for g in super::prospect::ProspectGrade::ALL {
            if let Err(e) = self.review.interval(*g).validate() {
                out.push(e);
                break;
            }
        }
        if !(MIN_RESORTS_PER_WEEK..=7).contains(&self.resorts_per_week) {
            out.push(SettingsError::ResortsPerWeek(self.resorts_per_week));
        }
        if let Err(e) = self.visit_plan.validate() {
            out.push(e);
        }
        if !(1..=12).contains(&self.check_months) {
            out.push(SettingsError::CheckMonths(self.check_months));
        }
        if self.reminder_days > MAX_REMINDER_DAYS {
            out.push(SettingsError::ReminderDays(self.reminder_days));
        }
        if !COMPLAINT_DAYS.contains(&self.complaint_days) {
            out.push(SettingsError::ComplaintDays(self.complaint_days));
        }
        out
    }

    /// The first refusal, if any.
    pub fn validate(&self) -> Result<(), SettingsError> {
        match self.problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// The review interval of prospect cards of one grade.
    pub fn review_interval(&self, grade: super::prospect::ProspectGrade) -> Interval {
        self.review.interval(grade)
    }
}

/// The sales window is 3–6 months.
/// Days between two re-sorts of the grades for `per_week` a week (2 → every 3 days, 7 → daily;
/// out of range taken as its nearest end), so a week never has fewer than asked.
pub fn resort_every_days(per_week: u8) -> i64 {
    7 / i64::from(per_week.clamp(MIN_RESORTS_PER_WEEK, 7))
}

/// Whether the grades last re-sorted on `last` are due again on `today` (never: due).
pub fn resort_due(last: Option<chrono::NaiveDate>, per_week: u8, today: chrono::NaiveDate) -> bool {
    last.is_none_or(|d| (today - d).num_days() >= resort_every_days(per_week))
}

pub fn check_window(months: u8) -> Result<(), SettingsError> {
    if (MIN_WINDOW..=MAX_WINDOW).contains(&months) {
        Ok(())
    } else {
        Err(SettingsError::Window(months))
    }
}

/// How the manager cuts the sales grades.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CutMode {
    /// Cumulative shares, typed in per cent ("80", "95.5 %").
    Share,
    /// 等级标准额: monthly averages, typed in yuan ("10,000", "¥5000.50").
    Threshold,
}

/// The cut from what a manager typed, one box per cut (blank boxes skipped), checked as
/// [`Cut::validate`] checks it: the first problem, worded in both languages.
pub fn cut_from_text(mode: CutMode, boxes: &[String]) -> Result<Cut, SettingsError> {
    use crate::primitives::money::parse_yuan;
    let typed: Vec<&str> = boxes.iter().map(|b| b.trim()).filter(|b| !b.is_empty()).collect();
    let number = |t: &str, strip_pct: bool| {
        let t2 = if strip_pct { t.trim_end_matches(['%', '％']).trim_end() } else { t };
        parse_yuan(t2).map_err(|_| SettingsError::NotANumber(t.to_string()))
    };
    let cut = match mode {
        CutMode::Share => Cut::Share {
            // Per cent with two decimals is basis points, as yuan with two decimals is fen.
            cuts_bp: typed.iter().map(|t| number(t, true).map(|bp| u16::try_from(bp).unwrap_or(u16::MAX))).collect::<Result<_, _>>()?,
        },
        CutMode::Threshold => Cut::Threshold { fen: typed.iter().map(|t| number(t, false)).collect::<Result<_, _>>()? },
    };
    cut.validate()?;
    Ok(cut)
}

#[cfg(test)]
mod typed_cuts {
    use super::*;

    fn boxes(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn shares_in_per_cent_and_thresholds_in_yuan() {
        assert_eq!(cut_from_text(CutMode::Share, &boxes(&["80", " 95.5 % ", ""])), Ok(Cut::Share { cuts_bp: vec![8000, 9550] }));
        assert_eq!(cut_from_text(CutMode::Threshold, &boxes(&["¥10,000", "5000.5"])), Ok(Cut::Threshold { fen: vec![1_000_000, 500_050] }));
    }

    #[test]
    fn bad_boxes_are_refused_by_what_was_typed() {
        let e = cut_from_text(CutMode::Share, &boxes(&["八十"])).unwrap_err();
        assert_eq!(e, SettingsError::NotANumber("八十".into()));
        assert_eq!(e.message(Lang::Zh), "“八十”不是有效的数字（最多两位小数）");
        assert_eq!(cut_from_text(CutMode::Share, &boxes(&["95", "80"])), Err(SettingsError::CutOrder { lower: 9500, upper: 8000 }));
        assert_eq!(cut_from_text(CutMode::Share, &boxes(&["100"])), Err(SettingsError::CutRange(10_000)));
        assert_eq!(cut_from_text(CutMode::Share, &boxes(&["", " "])), Err(SettingsError::NoCuts));
        assert!(matches!(cut_from_text(CutMode::Threshold, &boxes(&["5000", "10000"])), Err(SettingsError::ThresholdOrder { .. })));
        assert!(matches!(cut_from_text(CutMode::Threshold, &boxes(&["-5"])), Err(SettingsError::NotANumber(_))));
    }

    #[test]
    fn complaint_days_are_one_to_ninety() {
        let ok = GradingSettings::default();
        assert_eq!(ok.complaint_days, 7);
        assert_eq!(ok.validate(), Ok(()));
        for (n, fine) in [(0u8, false), (1, true), (90, true), (91, false)] {
            let s = GradingSettings { complaint_days: n, ..GradingSettings::default() };
            assert_eq!(s.validate().is_ok(), fine, "{n}");
        }
        let e = GradingSettings { complaint_days: 0, ..GradingSettings::default() }.validate().unwrap_err();
        assert_eq!(e, SettingsError::ComplaintDays(0));
        assert_eq!(e.message(Lang::Zh), "投诉待处理天数应为 1–90 天（现为 0）");
        assert_eq!(e.message(Lang::En), "open complaints are listed after 1–90 days (not 0)");
        // Settings saved before the field existed read with the default.
        let old: GradingSettings = serde_json::from_str(r#"{"window_months":4}"#).unwrap();
        assert_eq!((old.window_months, old.complaint_days), (4, 7));
    }
}
