//! The numbers of credit management a manager may change (issue 16), their defaults and their
//! validation: every refusal is a [`SettingsError`] worded in both languages. Every default here
//! is our choice (DOMAIN §10), not the seeds'.

use super::profile::{Factor, MAX_FIGURE_FEN, MAX_SCORE, MIN_SCORE};
use super::signs::Sign;
use super::{percent, times, yuan};
use crate::primitives::lang::Lang;
use serde::{Deserialize, Serialize};

/// Warn above 90 % of the limit.
pub const DEFAULT_WARNING_BP: u16 = 9_000;
/// Block when a receivable is more than 30 days overdue.
pub const DEFAULT_OVERDUE_DAYS: u16 = 30;
/// The usual current ratio: 200 %.
pub const DEFAULT_USUAL_RATIO_BP: u32 = 20_000;
/// The current-ratio method scales its base by 0.5×–1.5× at most (ten-thousandths).
pub const DEFAULT_CAP_MIN_E4: u32 = 5_000;
pub const DEFAULT_CAP_MAX_E4: u32 = 15_000;
/// A review with this many signs (or more) is an urgent report.
pub const DEFAULT_URGENT_SIGNS: u8 = 3;
/// At most this many days overdue may be allowed.
pub const MAX_OVERDUE_DAYS: u16 = 365;
/// The usual current ratio may be set 10 %–1000 %.
pub const MIN_USUAL_RATIO_BP: u32 = 1_000;
pub const MAX_USUAL_RATIO_BP: u32 = 100_000;
/// The upper cap may be at most 10×.
pub const MAX_CAP_E4: u32 = 100_000;
/// Rows of the score table.
pub const MAX_SCORE_ROWS: usize = 12;

/// The lowest and highest total of the scorecard (six factors, 1–5 each).
pub const MIN_TOTAL: u8 = MIN_SCORE * 6;
pub const MAX_TOTAL: u8 = MAX_SCORE * 6;

/// One row of the score table: a total of `min` or more gives a rough limit of `fen`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreBand {
    pub min: u8,
    pub fen: i64,
}

/// 综合判断法's table (our choice): rows best first, each with the lowest total that reaches it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ScoreTable {
    pub rows: Vec<ScoreBand>,
}

impl Default for ScoreTable {
    /// 26+ ¥1,000,000 · 22+ ¥500,000 · 18+ ¥200,000 · 14+ ¥100,000 · 10+ ¥50,000 · 6+ ¥0 (现款).
    fn default() -> Self {
        let row = |min: u8, yuan: i64| ScoreBand { min, fen: yuan * 100 };
        ScoreTable {
            rows: vec![row(26, 1_000_000), row(22, 500_000), row(18, 200_000), row(14, 100_000), row(10, 50_000), row(6, 0)],
        }
    }
}

impl ScoreTable {
    /// The row a total falls in (the first whose `min` it reaches); `None` if below every row.
    pub fn row_for(&self, total: u32) -> Option<usize> {
        self.rows.iter().position(|r| u32::from(r.min) <= total)
    }

    /// Rows present, `min` within 0–30 and falling, amounts 0–¥10 万亿 and falling, and the last
    /// row reaching down to the lowest total (6) so every scorecard has a row.
    pub fn validate(&self) -> Result<(), SettingsError> {
        if self.rows.is_empty() {
            return Err(SettingsError::NoScoreRows);
        }
        if self.rows.len() > MAX_SCORE_ROWS {
            return Err(SettingsError::TooManyScoreRows(self.rows.len()));
        }
        for r in &self.rows {
            if r.min > MAX_TOTAL {
                return Err(SettingsError::ScoreRange(r.min));
            }
            if !(0..=MAX_FIGURE_FEN).contains(&r.fen) {
                return Err(SettingsError::ScoreAmount(r.fen));
            }
        }
        for w in self.rows.windows(2) {
            if w[0].min <= w[1].min {
                return Err(SettingsError::ScoreOrder { higher: w[0].min, lower: w[1].min });
            }
            if w[0].fen <= w[1].fen {
                return Err(SettingsError::ScoreAmountOrder { higher: w[0].fen, lower: w[1].fen });
            }
        }
        match self.rows.last() {
            Some(last) if last.min > MIN_TOTAL => Err(SettingsError::ScoreFloor(last.min)),
            _ => Ok(()),
        }
    }
}

/// Why a setting is refused. `Display` is the English message; [`SettingsError::message`] gives
/// either language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum SettingsError {
    /// The warning level is 1 %–100 % of the limit (basis points).
    WarningLevel(u16),
    /// Days overdue allowed: 0–365.
    OverdueDays(u16),
    /// The usual current ratio: 10 %–1000 % (basis points).
    UsualRatio(u32),
    /// The lower cap is above 0× and at most 1× (ten-thousandths).
    CapMin(u32),
    /// The upper cap is at least 1× and at most 10× (ten-thousandths).
    CapMax(u32),
    /// Signs for an urgent report: 1 to the number of signs.
    UrgentSigns(u8),
    /// The score table has no row.
    NoScoreRows,
    /// More rows than [`MAX_SCORE_ROWS`].
    TooManyScoreRows(usize),
    /// A row's lowest total above 30.
    ScoreRange(u8),
    /// Rows go from the highest total down: `higher` is not above `lower`.
    ScoreOrder { higher: u8, lower: u8 },
    /// A rough limit below zero or above ¥10 万亿 (fen).
    ScoreAmount(i64),
    /// A better row's limit must be larger: `higher` (fen) is not above `lower`.
    ScoreAmountOrder { higher: i64, lower: i64 },
    /// The last row starts above 6, so low totals have no row.
    ScoreFloor(u8),
}

impl SettingsError {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            SettingsError::WarningLevel(bp) => {
                let p = percent(i64::from(*bp));
                if zh { format!("预警线应为信用限度的 1 %–100 %（现为 {p}）") } else { format!("the warning level is 1 %–100 % of the limit (not {p})") }
            }
            SettingsError::OverdueDays(n) => {
                if zh {
                    format!("允许逾期天数应为 0–{MAX_OVERDUE_DAYS} 天（现为 {n}）")
                } else {
                    format!("days overdue allowed are 0–{MAX_OVERDUE_DAYS} (not {n})")
                }
            }
            SettingsError::UsualRatio(bp) => {
                let p = percent(i64::from(*bp));
                let (lo, hi) = (percent(i64::from(MIN_USUAL_RATIO_BP)), percent(i64::from(MAX_USUAL_RATIO_BP)));
                if zh { format!("一般流动比率应为 {lo}–{hi}（现为 {p}）") } else { format!("the usual current ratio is {lo}–{hi} (not {p})") }
            }
            SettingsError::CapMin(e4) => {
                let t = times(i64::from(*e4));
                if zh { format!("下限倍数应大于 0 且不超过 1 倍（现为 {t} 倍）") } else { format!("the lower cap is above 0× and at most 1× (not {t}×)") }
            }
            SettingsError::CapMax(e4) => {
                let (t, hi) = (times(i64::from(*e4)), times(i64::from(MAX_CAP_E4)));
                if zh { format!("上限倍数应为 1–{hi} 倍（现为 {t} 倍）") } else { format!("the upper cap is 1×–{hi}× (not {t}×)") }
            }
            SettingsError::UrgentSigns(n) => {
                let all = Sign::ALL.len();
                if zh { format!("紧急报告的迹象数应为 1–{all} 项（现为 {n}）") } else { format!("an urgent report takes 1–{all} signs (not {n})") }
            }
            SettingsError::NoScoreRows => lang.pick("评分表至少需要一档", "the score table needs at least one row").to_string(),
            SettingsError::TooManyScoreRows(n) => {
                if zh { format!("评分表最多 {MAX_SCORE_ROWS} 档（现有 {n} 档）") } else { format!("the score table has at most {MAX_SCORE_ROWS} rows (not {n})") }
            }
            SettingsError::ScoreRange(s) => {
                if zh { format!("档位分数应为 0–{MAX_TOTAL} 分（现为 {s}）") } else { format!("a row's score is 0–{MAX_TOTAL} (not {s})") }
            }
            SettingsError::ScoreOrder { higher, lower } => {
                if zh {
                    format!("档位应从高分到低分：{higher} 分必须高于 {lower} 分")
                } else {
                    format!("rows go from the highest score down: {higher} must be above {lower}")
                }
            }
            SettingsError::ScoreAmount(fen) => {
                let (a, hi) = (yuan(*fen), yuan(MAX_FIGURE_FEN));
                if zh { format!("大致限度应为 ¥0–{hi}（现为 {a}）") } else { format!("a rough limit is ¥0–{hi} (not {a})") }
            }
            SettingsError::ScoreAmountOrder { higher, lower } => {
                let (h, l) = (yuan(*higher), yuan(*lower));
                if zh { format!("高分档的限度应更大：{h} 必须大于 {l}") } else { format!("a better row gives more: {h} must be above {l}") }
            }
            SettingsError::ScoreFloor(s) => {
                if zh {
                    format!("最低一档应从 {MIN_TOTAL} 分或更低起（现为 {s} 分），否则低分无档可用")
                } else {
                    format!("the last row starts at {MIN_TOTAL} or below (not {s}), so every total has a row")
                }
            }
        }
    }
}

/// Every setting of credit management, with our defaults (DOMAIN §10, `docs/credit.md`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreditSettings {
    /// Pass up to this share of the limit, inclusive (basis points; 9000 = 90 %).
    pub warning_bp: u16,
    /// Block when any receivable is more than this many days overdue.
    pub overdue_days: u16,
    /// The usual current ratio of 流动比率法 (basis points; 20000 = 200 %).
    pub usual_ratio_bp: u32,
    /// 流动比率法 scales its base by at least this much (ten-thousandths; 5000 = 0.5×)…
    pub cap_min_e4: u32,
    /// …and at most this much (15000 = 1.5×).
    pub cap_max_e4: u32,
    /// Whether open, not yet delivered orders count in the exposure.
    pub count_open_orders: bool,
    /// A review with this many warning signs or more is an urgent report.
    pub urgent_signs: u8,
    /// 综合判断法's table.
    pub score_table: ScoreTable,
}

impl Default for CreditSettings {
    fn default() -> Self {
        CreditSettings {
            warning_bp: DEFAULT_WARNING_BP,
            overdue_days: DEFAULT_OVERDUE_DAYS,
            usual_ratio_bp: DEFAULT_USUAL_RATIO_BP,
            cap_min_e4: DEFAULT_CAP_MIN_E4,
            cap_max_e4: DEFAULT_CAP_MAX_E4,
            count_open_orders: true,
            urgent_signs: DEFAULT_URGENT_SIGNS,
            score_table: ScoreTable::default(),
        }
    }
}

impl CreditSettings {
    /// Every refusal, in the order of the fields (empty: the settings can be saved).
    pub fn problems(&self) -> Vec<SettingsError> {
        let mut out = Vec::new();
        if !(1..=10_000).contains(&self.warning_bp) {
            out.push(SettingsError::WarningLevel(self.warning_bp));
        }
        if self.overdue_days > MAX_OVERDUE_DAYS {
            out.push(SettingsError::OverdueDays(self.overdue_days));
        }
        out.extend(self.ratio_problems());
        if !(1..=Sign::ALL.len()).contains(&usize::from(self.urgent_signs)) {
            out.push(SettingsError::UrgentSigns(self.urgent_signs));
        }
        if let Err(e) = self.score_table.validate() {
            out.push(e);
        }
        out
    }

    /// The refusals of the current-ratio method's settings alone.
    pub fn ratio_problems(&self) -> Vec<SettingsError> {
        let mut out = Vec::new();
        if !(MIN_USUAL_RATIO_BP..=MAX_USUAL_RATIO_BP).contains(&self.usual_ratio_bp) {
            out.push(SettingsError::UsualRatio(self.usual_ratio_bp));
        }
        if !(1..=10_000).contains(&self.cap_min_e4) {
            out.push(SettingsError::CapMin(self.cap_min_e4));
        }
        if !(10_000..=MAX_CAP_E4).contains(&self.cap_max_e4) {
            out.push(SettingsError::CapMax(self.cap_max_e4));
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

    /// The warning level as it is used: within 1–10000 bp whatever was stored, so a bad setting
    /// cannot divide by zero.
    pub(crate) fn warning(&self) -> i128 {
        i128::from(self.warning_bp.clamp(1, 10_000))
    }
}

// Keep the factor list and the table's bounds in step.
const _: () = assert!(Factor::ALL.len() == 6);
