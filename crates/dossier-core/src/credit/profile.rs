//! The credit profile (信用资料, issue 16): the customer's financial figures the five limit
//! methods need, each with the day it was learned and the channel it came through (seed 004's
//! four 信用调查的途径), and the scorecard of 综合判断法.
//!
//! Serialisable like the other stored records: short wire names, defaults left out.
//!
//! | field | wire | unit |
//! |---|---|---|
//! | `monthly_purchases` 月总购入额 | `mp` | fen a month |
//! | `our_share` 本公司供货比率 | `sh` | basis points (30 % = 3000) |
//! | `credit_period` 信用期限 | `cp` | `n` days or months (`u`: `m` default, `d`) |
//! | `working_capital` 周转资产 | `wc` | fen (may be negative) |
//! | `current_assets` 流动资产, `current_liabilities` 流动负债 | `ca`, `cl` | fen |
//! | `total_assets` 资产总额, `total_liabilities` 负债总额 | `ta`, `tl` | fen |
//! | `suppliers` 供货商个数 | `ns` | a count |
//! | `scorecard` 综合判断 | `sc` | see [`Scorecard`] |
//!
//! A [`Figure`] is `{"v": value, "d": date learned, "src": channel}` (`src` left out for
//! 内部调查, the default).

use crate::primitives::lang::Lang;
use chrono::NaiveDate;

/// The largest money figure a profile may hold: ¥10,000,000,000,000 (10 万亿) in fen. Every
/// product the methods form stays inside `i128` with figures up to this.
pub const MAX_FIGURE_FEN: i64 = 1_000_000_000_000_000;
/// The longest credit period in months (five years), and in days.
pub const MAX_PERIOD_MONTHS: u16 = 60;
pub const MAX_PERIOD_DAYS: u16 = 1_830;

coded! {
    /// 信用调查的途径 (seed 004): where a figure came from.
    pub enum Source {
        Bank = "bank", "金融机构(银行)", "Financial institution (bank)";
        Agency = "agency", "专业资信调查机构", "Credit-reporting agency";
        Trade = "trade", "客户或行业组织", "The customer or a trade body";
        Internal = "internal", "内部调查", "Internal investigation";
    }
}

// The rep's own finding is the usual case, so it costs nothing on the wire.
#[allow(clippy::derivable_impls)]
impl Default for Source {
    fn default() -> Self {
        Source::Internal
    }
}

coded! {
    /// One input of the profile, for naming what is missing or wrong.
    pub enum ProfileField {
        MonthlyPurchases = "purchases", "月总购入额", "monthly total purchases";
        OurShare = "share", "本公司供货比率", "our supply share";
        CreditPeriod = "period", "信用期限", "credit period";
        WorkingCapital = "working_capital", "周转资产", "working capital";
        CurrentAssets = "current_assets", "流动资产", "current assets";
        CurrentLiabilities = "current_liabilities", "流动负债", "current liabilities";
        TotalAssets = "assets", "资产总额", "total assets";
        TotalLiabilities = "liabilities", "负债总额", "total liabilities";
        Suppliers = "suppliers", "供货商个数", "number of suppliers";
    }
}

coded! {
    /// Unit of the credit period.
    pub enum PeriodUnit {
        Months = "m", "个月", "months";
        Days = "d", "天", "days";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for PeriodUnit {
    fn default() -> Self {
        PeriodUnit::Months
    }
}

record! {
    /// A figure with the day it was learned and its channel. Its unit is the field's (module
    /// docs).
    pub struct Figure {
        #[serde(rename = "v")]
        pub value: i64,
        #[serde(rename = "d")]
        pub learned: NaiveDate,
        #[serde(rename = "src")]
        pub source: Source,
    }
}

impl Figure {
    pub fn new(value: i64, learned: NaiveDate, source: Source) -> Figure {
        Figure { value, learned, source }
    }
}

record! {
    /// The credit period (信用期限): `n` months or days.
    pub struct PeriodFigure {
        pub n: u16,
        #[serde(rename = "u")]
        pub unit: PeriodUnit,
        #[serde(rename = "d")]
        pub learned: NaiveDate,
        #[serde(rename = "src")]
        pub source: Source,
    }
}

impl PeriodFigure {
    pub fn months(n: u16, learned: NaiveDate, source: Source) -> PeriodFigure {
        PeriodFigure { n, unit: PeriodUnit::Months, learned, source }
    }

    pub fn days(n: u16, learned: NaiveDate, source: Source) -> PeriodFigure {
        PeriodFigure { n, unit: PeriodUnit::Days, learned, source }
    }

    /// "2 个月" / "2 months", "45 天" / "45 days".
    pub fn label(&self, lang: Lang) -> String {
        match (lang, self.unit) {
            (Lang::Zh, u) => format!("{} {}", self.n, u.label(lang)),
            (Lang::En, PeriodUnit::Months) if self.n == 1 => "1 month".to_string(),
            (Lang::En, PeriodUnit::Days) if self.n == 1 => "1 day".to_string(),
            (Lang::En, u) => format!("{} {}", self.n, u.label(lang)),
        }
    }
}

coded! {
    /// The six factors of 综合判断法 (seed 004), in the seed's order.
    pub enum Factor {
        Profitability = "profit", "收益性", "profitability";
        Safety = "safety", "安全性", "safety";
        Liquidity = "liquidity", "流动性", "liquidity";
        SalesCapacity = "sales", "销售能力", "sales capacity";
        Purchasing = "purchasing", "购货情况", "purchasing record";
        Staff = "staff", "员工素质", "staff quality";
    }
}

impl Factor {
    /// 0-based position (the index into [`Scorecard::scores`]).
    pub fn index(self) -> usize {
        Factor::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// The lowest and highest score of one factor.
pub const MIN_SCORE: u8 = 1;
pub const MAX_SCORE: u8 = 5;

coded! {
    /// 支付状况: how the customer pays, for the stepwise adjustment of 综合判断法 (our scale).
    pub enum PaymentRecord {
        OnTime = "on_time", "付款及时", "pays on time";
        SometimesLate = "late_sometimes", "偶有拖延", "sometimes late";
        OftenLate = "late_often", "经常拖延", "often late";
        Defaulting = "defaulting", "严重拖欠", "seriously in arrears";
    }
}

impl PaymentRecord {
    /// Rows of the score table this moves the rough limit (up is positive).
    pub fn steps(self) -> i32 {
        match self {
            PaymentRecord::OnTime => 1,
            PaymentRecord::SometimesLate => 0,
            PaymentRecord::OftenLate => -1,
            PaymentRecord::Defaulting => -2,
        }
    }
}

coded! {
    /// 交易额大小: the trade volume with us, for the stepwise adjustment (our scale).
    pub enum TradeVolume {
        Large = "large", "交易额大", "large trade volume";
        Medium = "medium", "交易额中等", "medium trade volume";
        Small = "small", "交易额小", "small trade volume";
    }
}

impl TradeVolume {
    /// Rows of the score table this moves the rough limit (up is positive).
    pub fn steps(self) -> i32 {
        match self {
            TradeVolume::Large => 1,
            TradeVolume::Medium => 0,
            TradeVolume::Small => -1,
        }
    }
}

record! {
    /// 综合判断法's inputs: a score of 1–5 per [`Factor`] (0: not scored), in the factors' order
    /// (wire `s`: `[4,3,4,5,3,4]`), the payment behaviour (`pay`) and the trade volume (`vol`), and
    /// the day it was scored (`d`) and by whom (`by`).
    pub struct Scorecard {
        #[serde(rename = "s")]
        pub scores: [u8; 6],
        #[serde(rename = "pay")]
        pub payment: Option<PaymentRecord>,
        #[serde(rename = "vol")]
        pub volume: Option<TradeVolume>,
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub by: String,
    }
}

impl Scorecard {
    /// The score of one factor (0: not scored).
    pub fn score(&self, f: Factor) -> u8 {
        self.scores[f.index()]
    }

    pub fn set(&mut self, f: Factor, score: u8) {
        self.scores[f.index()] = score;
    }

    /// Factors not yet scored, in order.
    pub fn unscored(&self) -> Vec<Factor> {
        Factor::ALL.iter().copied().filter(|f| self.score(*f) == 0).collect()
    }

    /// Σ scores (each counted as given, so an invalid one shows in the total).
    pub fn total(&self) -> u32 {
        self.scores.iter().map(|s| u32::from(*s)).sum()
    }
}

record! {
    /// The credit profile of one customer. Every input is optional; wire names in the module
    /// docs.
    pub struct CreditProfile {
        #[serde(rename = "mp")]
        pub monthly_purchases: Option<Figure>,
        #[serde(rename = "sh")]
        pub our_share: Option<Figure>,
        #[serde(rename = "cp")]
        pub credit_period: Option<PeriodFigure>,
        #[serde(rename = "wc")]
        pub working_capital: Option<Figure>,
        #[serde(rename = "ca")]
        pub current_assets: Option<Figure>,
        #[serde(rename = "cl")]
        pub current_liabilities: Option<Figure>,
        #[serde(rename = "ta")]
        pub total_assets: Option<Figure>,
        #[serde(rename = "tl")]
        pub total_liabilities: Option<Figure>,
        #[serde(rename = "ns")]
        pub suppliers: Option<Figure>,
        #[serde(rename = "sc")]
        pub scorecard: Option<Scorecard>,
    }
}

/// Why a profile cannot be saved as it stands. `Display` is English; [`ProfileError::message`]
/// gives either language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum ProfileError {
    /// A money figure below zero where it cannot be (all but working capital).
    Negative(ProfileField),
    /// A money figure beyond ±[`MAX_FIGURE_FEN`].
    TooLarge(ProfileField),
    /// Our supply share outside 0–100 % (basis points).
    Share(i64),
    /// Fewer than one supplier (count us too).
    Suppliers(i64),
    /// A credit period of zero, or longer than five years.
    Period,
    /// A figure learned after `today`.
    Future(ProfileField),
    /// A score outside 1–5 (0 is "not scored").
    Score(Factor, u8),
    /// A scorecard dated after `today`.
    ScoredInFuture,
}

impl ProfileError {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            ProfileError::Negative(f) => {
                if zh { format!("{}不能为负数", f.label(lang)) } else { format!("{} cannot be negative", f.label(lang)) }
            }
            ProfileError::TooLarge(f) => {
                if zh {
                    format!("{}过大（最多 {}）", f.label(lang), super::yuan(MAX_FIGURE_FEN))
                } else {
                    format!("{} is too large (at most {})", f.label(lang), super::yuan(MAX_FIGURE_FEN))
                }
            }
            ProfileError::Share(bp) => {
                if zh {
                    format!("本公司供货比率应在 0 % 与 100 % 之间（现为 {}）", super::percent(*bp))
                } else {
                    format!("our supply share is between 0 % and 100 % (not {})", super::percent(*bp))
                }
            }
            ProfileError::Suppliers(n) => {
                if zh {
                    format!("供货商个数至少为 1（包括本公司；现为 {n}）")
                } else {
                    format!("the number of suppliers is at least 1, counting us (not {n})")
                }
            }
            ProfileError::Period => {
                if zh {
                    format!("信用期限应至少 1 天，且不超过 {MAX_PERIOD_MONTHS} 个月")
                } else {
                    format!("the credit period is at least a day and at most {MAX_PERIOD_MONTHS} months")
                }
            }
            ProfileError::Future(f) => {
                if zh { format!("{}的获悉日期不能晚于今天", f.label(lang)) } else { format!("{} cannot be learned after today", f.label(lang)) }
            }
            ProfileError::Score(f, s) => {
                if zh {
                    format!("{}的评分应为 {MIN_SCORE}–{MAX_SCORE} 分（现为 {s}）", f.label(lang))
                } else {
                    format!("the {} score is {MIN_SCORE}–{MAX_SCORE} (not {s})", f.label(lang))
                }
            }
            ProfileError::ScoredInFuture => {
                lang.pick("评分日期不能晚于今天", "the scorecard cannot be dated after today").to_string()
            }
        }
    }
}

impl CreditProfile {
    /// The figure of a field, with its day learned and channel (the credit period as its
    /// `n`).
    pub fn learned(&self, f: ProfileField) -> Option<(NaiveDate, Source)> {
        if f == ProfileField::CreditPeriod {
            return self.credit_period.as_ref().map(|p| (p.learned, p.source));
        }
        self.figure(f).map(|x| (x.learned, x.source))
    }

    /// The figure of any field but the credit period.
    pub fn figure(&self, f: ProfileField) -> Option<&Figure> {
        match f {
            ProfileField::MonthlyPurchases => self.monthly_purchases.as_ref(),
            ProfileField::OurShare => self.our_share.as_ref(),
            ProfileField::CreditPeriod => None,
            ProfileField::WorkingCapital => self.working_capital.as_ref(),
            ProfileField::CurrentAssets => self.current_assets.as_ref(),
            ProfileField::CurrentLiabilities => self.current_liabilities.as_ref(),
            ProfileField::TotalAssets => self.total_assets.as_ref(),
            ProfileField::TotalLiabilities => self.total_liabilities.as_ref(),
            ProfileField::Suppliers => self.suppliers.as_ref(),
        }
    }

    /// Every refusal, in the fields' order (empty: the profile can be saved).
    pub fn problems(&self, today: NaiveDate) -> Vec<ProfileError> {
        let mut out = Vec::new();
        for f in ProfileField::ALL.iter().copied() {
            if let Some(e) = field_problem(self, f) {
                out.push(e);
            }
            if self.learned(f).is_some_and(|(d, _)| d > today) {
                out.push(ProfileError::Future(f));
            }
        }
        if let Some(sc) = &self.scorecard {
            for f in Factor::ALL.iter().copied() {
                let s = sc.score(f);
                if s > MAX_SCORE {
                    out.push(ProfileError::Score(f, s));
                }
            }
            if sc.date > today {
                out.push(ProfileError::ScoredInFuture);
            }
        }
        out
    }
}

/// What is wrong with one field's value, if anything (the methods use the same rules and answer
/// "not applicable" for such a value).
pub(crate) fn field_problem(p: &CreditProfile, f: ProfileField) -> Option<ProfileError> {
    if f == ProfileField::CreditPeriod {
        let period = p.credit_period.as_ref()?;
        let max = match period.unit {
            PeriodUnit::Months => MAX_PERIOD_MONTHS,
            PeriodUnit::Days => MAX_PERIOD_DAYS,
        };
        return (period.n == 0 || period.n > max).then_some(ProfileError::Period);
    }
    let v = p.figure(f)?.value;
    match f {
        ProfileField::OurShare => (!(0..=10_000).contains(&v)).then_some(ProfileError::Share(v)),
        ProfileField::Suppliers => (v < 1).then_some(ProfileError::Suppliers(v)),
        ProfileField::WorkingCapital => (v.unsigned_abs() > MAX_FIGURE_FEN.unsigned_abs()).then_some(ProfileError::TooLarge(f)),
        _ if v < 0 => Some(ProfileError::Negative(f)),
        _ => (v > MAX_FIGURE_FEN).then_some(ProfileError::TooLarge(f)),
    }
}
