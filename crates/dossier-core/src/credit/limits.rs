//! The five ways to set a credit limit (信用限度的确定方法, seed 004; DOMAIN §5) and the approved
//! limit. Each method gives a [`Limit`] with its working in both languages ("¥1,000,000 × 30 % ×
//! 2 个月 = ¥600,000") or why it is [`NotApplicable`] (a missing input, zero suppliers, negative
//! net assets, zero current liabilities…), never a panic or a nonsense amount.
//!
//! Arithmetic is exact: products in `i128` (checked), one division at the end rounded half away
//! from zero to the fen. Figures beyond [`MAX_FIGURE_FEN`] are not applicable, which keeps every
//! product inside `i128`.
//!
//! 1. 销售额测定法: monthly purchases × our share × credit period in months (a period in days
//!    counts as days ÷ 30 months: our choice).
//! 2. 周转资产分割法: working capital ÷ suppliers; without a working-capital figure, current
//!    assets − current liabilities (our choice).
//! 3. 流动比率法: ratio = current assets ÷ current liabilities; the base limit × (ratio ÷ the
//!    usual ratio), that factor kept within the caps (defaults 200 %, 0.5×–1.5×: our choice). The
//!    base is given by the caller (the app passes the approved limit).
//! 4. 净资产分割法: (total assets − total liabilities) ÷ suppliers.
//! 5. 综合判断法: the scorecard (see the module docs of `credit`).
//!
//! An [`Approval`] records the limit a manager approved — one method's result or an amount set by
//! hand — with who, when and a note; a card keeps them all and the latest is in force
//! ([`current_approval`]). Wire names: `fen`, `m` (method; absent: by hand), `d`, `by`, `note`,
//! `w` (the working as shown when approved).

use super::profile::{field_problem, CreditProfile, Factor, PeriodUnit, ProfileError, ProfileField, MAX_FIGURE_FEN};
use super::settings::{CreditSettings, ScoreTable, SettingsError};
use super::{div_round, exact, percent, times, yuan};
use crate::primitives::lang::Lang;
use chrono::NaiveDate;

coded! {
    /// The five methods (seed 004's numbering).
    pub enum Method {
        SalesBased = "sales", "销售额测定法", "Sales-based";
        WorkingCapital = "working", "周转资产分割法", "Working-capital split";
        CurrentRatio = "ratio", "流动比率法", "Current ratio";
        NetAssets = "net", "净资产分割法", "Net-asset split";
        Overall = "overall", "综合判断法", "Overall judgement";
    }
}

/// A limit one method gives, with its working.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limit {
    pub method: Method,
    /// The limit, fen (never negative).
    pub fen: i64,
    pub working_zh: String,
    pub working_en: String,
}

impl Limit {
    /// How it was reached: "¥1,000,000 × 30 % × 2 个月 = ¥600,000".
    pub fn working(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.working_zh,
            Lang::En => &self.working_en,
        }
    }
}

/// Why a method gives no limit. `Display` is English; [`NotApplicable::message`] gives either
/// language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum NotApplicable {
    /// Inputs the method needs and the profile lacks, in the profile's order.
    Missing(Vec<ProfileField>),
    /// An input out of range (as the profile's validation words it).
    Invalid(ProfileError),
    /// The number of suppliers is zero.
    NoSuppliers,
    /// Our supply share is 0 %.
    NoShare,
    /// Working capital is zero or negative (fen).
    NoWorkingCapital(i64),
    /// Net assets (assets − liabilities) are zero or negative (fen).
    NoNetAssets(i64),
    /// Current liabilities are zero: the current ratio has no value.
    NoCurrentLiabilities,
    /// The current-ratio method was given no base limit.
    NoBase,
    /// A negative base limit (fen).
    InvalidBase(i64),
    /// Factors of the scorecard not scored (all six without a scorecard).
    NotScored(Vec<Factor>),
    /// The settings the method uses are refused.
    BadSettings(SettingsError),
    /// The result does not fit in fen.
    TooLarge,
}

impl NotApplicable {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let list = |labels: Vec<&str>| labels.join(lang.pick("、", ", "));
        match self {
            NotApplicable::Missing(fields) => {
                let l = list(fields.iter().map(|f| f.label(lang)).collect());
                if zh { format!("缺少{l}") } else { format!("missing: {l}") }
            }
            NotApplicable::Invalid(e) => e.message(lang),
            NotApplicable::NoSuppliers => {
                lang.pick("供货商个数为 0，无从分摊", "no suppliers: nothing to divide by").to_string()
            }
            NotApplicable::NoShare => lang
                .pick("本公司供货比率为 0 %（新客户请填预计比率）", "our supply share is 0 % (for a new customer, give the expected share)")
                .to_string(),
            NotApplicable::NoWorkingCapital(fen) => {
                let a = yuan(*fen);
                if zh {
                    format!("周转资产为 {a}，不是正数，此法不适用")
                } else {
                    format!("working capital is {a}, not positive: this method does not apply")
                }
            }
            NotApplicable::NoNetAssets(fen) => {
                let a = yuan(*fen);
                if zh {
                    format!("净资产为 {a}（资产不多于负债），此法不适用")
                } else {
                    format!("net assets are {a} (assets do not exceed liabilities): this method does not apply")
                }
            }
            NotApplicable::NoCurrentLiabilities => lang
                .pick("流动负债为 0，流动比率无从计算", "current liabilities are 0: the current ratio has no value")
                .to_string(),
            NotApplicable::NoBase => lang
                .pick("流动比率法需要一个基准限度（如已核定的信用限度）", "the current-ratio method needs a base limit (such as the approved one)")
                .to_string(),
            NotApplicable::InvalidBase(fen) => {
                let a = yuan(*fen);
                if zh { format!("基准限度不能为负数（现为 {a}）") } else { format!("the base limit cannot be negative (not {a})") }
            }
            NotApplicable::NotScored(factors) => {
                let l = list(factors.iter().map(|f| f.label(lang)).collect());
                if zh { format!("尚未评分：{l}") } else { format!("not scored: {l}") }
            }
            NotApplicable::BadSettings(e) => {
                let m = e.message(lang);
                if zh { format!("设置有误：{m}") } else { format!("settings refused: {m}") }
            }
            NotApplicable::TooLarge => lang.pick("数额过大，无法计算", "the amounts are too large to compute").to_string(),
        }
    }
}

/// Refuses when any of `fields` is absent, naming all of them.
fn need(p: &CreditProfile, fields: &[ProfileField]) -> Result<(), NotApplicable> {
    let missing: Vec<ProfileField> = fields
        .iter()
        .copied()
        .filter(|f| match f {
            ProfileField::CreditPeriod => p.credit_period.is_none(),
            _ => p.figure(*f).is_none(),
        })
        .collect();
    if missing.is_empty() { Ok(()) } else { Err(NotApplicable::Missing(missing)) }
}

/// The value of a present field once it passes the profile's rules (zero suppliers named as
/// such). Call [`need`] first.
fn value(p: &CreditProfile, f: ProfileField) -> Result<i64, NotApplicable> {
    match field_problem(p, f) {
        Some(ProfileError::Suppliers(0)) => Err(NotApplicable::NoSuppliers),
        Some(e) => Err(NotApplicable::Invalid(e)),
        None => Ok(p.figure(f).map_or(0, |x| x.value)),
    }
}

/// An `i128` result as fen.
fn fen(v: Option<i128>) -> Result<i64, NotApplicable> {
    v.and_then(|v| i64::try_from(v).ok()).ok_or(NotApplicable::TooLarge)
}

fn mul(a: i128, b: i128) -> Result<i128, NotApplicable> {
    a.checked_mul(b).ok_or(NotApplicable::TooLarge)
}

fn limit(method: Method, fen: i64, zh: String, en: String) -> Limit {
    Limit { method, fen, working_zh: zh, working_en: en }
}

fn suppliers_label(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 家供货商"),
        Lang::En if n == 1 => "1 supplier".to_string(),
        Lang::En => format!("{n} suppliers"),
    }
}

/// Method 1, 销售额测定法: monthly purchases × our share × credit period (months; days ÷ 30).
pub fn sales_based(p: &CreditProfile) -> Result<Limit, NotApplicable> {
    use ProfileField::*;
    need(p, &[MonthlyPurchases, OurShare, CreditPeriod])?;
    let purchases = value(p, MonthlyPurchases)?;
    let share = value(p, OurShare)?;
    if let Some(e) = field_problem(p, CreditPeriod) {
        return Err(NotApplicable::Invalid(e));
    }
    let Some(period) = p.credit_period.as_ref() else { return Err(NotApplicable::Missing(vec![CreditPeriod])) };
    if share == 0 {
        return Err(NotApplicable::NoShare);
    }
    let num = mul(mul(i128::from(purchases), i128::from(share))?, i128::from(period.n))?;
    let den = match period.unit {
        PeriodUnit::Months => 10_000,
        PeriodUnit::Days => 300_000,
    };
    let out = fen(div_round(num, den))?;
    let (a, s, r) = (yuan(purchases), percent(share), yuan(out));
    let (pz, pe) = (period.label(Lang::Zh), period.label(Lang::En));
    let (zh, en) = match period.unit {
        PeriodUnit::Months => (format!("{a} × {s} × {pz} = {r}"), format!("{a} × {s} × {pe} = {r}")),
        PeriodUnit::Days => (format!("{a} × {s} × {pz} ÷ 30 = {r}"), format!("{a} × {s} × {pe} ÷ 30 = {r}")),
    };
    Ok(limit(Method::SalesBased, out, zh, en))
}

/// Method 2, 周转资产分割法: working capital ÷ suppliers. Without a working-capital figure it is
/// current assets − current liabilities, when both are known.
pub fn working_capital(p: &CreditProfile) -> Result<Limit, NotApplicable> {
    use ProfileField::*;
    let derived = p.working_capital.is_none() && p.current_assets.is_some() && p.current_liabilities.is_some();
    if derived {
        need(p, &[Suppliers])?;
    } else {
        need(p, &[WorkingCapital, Suppliers])?;
    }
    let n = value(p, Suppliers)?;
    let (wc, shown) = if derived {
        let (ca, cl) = (value(p, CurrentAssets)?, value(p, CurrentLiabilities)?);
        (ca - cl, format!("({} − {})", yuan(ca), yuan(cl)))
    } else {
        let wc = value(p, WorkingCapital)?;
        (wc, yuan(wc))
    };
    if wc <= 0 {
        return Err(NotApplicable::NoWorkingCapital(wc));
    }
    let out = fen(div_round(i128::from(wc), i128::from(n)))?;
    let r = yuan(out);
    Ok(limit(
        Method::WorkingCapital,
        out,
        format!("{shown} ÷ {} = {r}", suppliers_label(n, Lang::Zh)),
        format!("{shown} ÷ {} = {r}", suppliers_label(n, Lang::En)),
    ))
}

/// Where the factor of the current-ratio method landed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Clamp {
    Floor,
    Within,
    Cap,
}

/// Method 3, 流动比率法: `base` × (current ratio ÷ the usual ratio), that factor kept within the caps of
/// `s`. `base` is the limit the customer would have at the usual ratio (the app passes the
/// approved limit).
pub fn current_ratio(p: &CreditProfile, base: Option<i64>, s: &CreditSettings) -> Result<Limit, NotApplicable> {
    use ProfileField::*;
    need(p, &[CurrentAssets, CurrentLiabilities])?;
    let base = base.ok_or(NotApplicable::NoBase)?;
    if base < 0 {
        return Err(NotApplicable::InvalidBase(base));
    }
    if let Some(e) = s.ratio_problems().into_iter().next() {
        return Err(NotApplicable::BadSettings(e));
    }
    let (ca_fen, cl_fen) = (value(p, CurrentAssets)?, value(p, CurrentLiabilities)?);
    if cl_fen == 0 {
        return Err(NotApplicable::NoCurrentLiabilities);
    }
    let (ca, cl, b) = (i128::from(ca_fen), i128::from(cl_fen), i128::from(base));
    let usual = i128::from(s.usual_ratio_bp);
    let (lo, hi) = (i128::from(s.cap_min_e4), i128::from(s.cap_max_e4));
    // factor = ca·10⁴ / (cl·usual); compared with lo/10⁴ and hi/10⁴ exactly.
    let lhs = mul(ca, 100_000_000)?;
    let den = mul(cl, usual)?;
    let clamp = if lhs < mul(lo, den)? {
        Clamp::Floor
    } else if lhs > mul(hi, den)? {
        Clamp::Cap
    } else {
        Clamp::Within
    };
    let out = match clamp {
        Clamp::Floor => fen(div_round(mul(b, lo)?, 10_000))?,
        Clamp::Cap => fen(div_round(mul(b, hi)?, 10_000))?,
        Clamp::Within => fen(div_round(mul(mul(b, ca)?, 10_000)?, den))?,
    };
    // The working: the ratio and the factor shown rounded ("≈" when inexact).
    let ratio_num = mul(ca, 10_000)?;
    let ratio = fen(div_round(ratio_num, cl))?;
    let ratio_eq = if exact(ratio_num, cl) { "=" } else { "≈" };
    let factor = fen(div_round(lhs, den))?;
    let factor_exact = exact(lhs, den);
    let factor_eq = if factor_exact { "=" } else { "≈" };
    let (a, l, r, u, bs) = (yuan(ca_fen), yuan(cl_fen), percent(ratio), percent(i64::from(s.usual_ratio_bp)), yuan(base));
    let (f, res) = (times(factor), yuan(out));
    let (lo_t, hi_t) = (times(i64::from(s.cap_min_e4)), times(i64::from(s.cap_max_e4)));
    let (step_zh, step_en) = match clamp {
        Clamp::Floor => (format!("{f} 倍，低于下限，取 {lo_t} 倍"), format!("{f}×, below the floor: {lo_t}×")),
        Clamp::Cap => (format!("{f} 倍，超过上限，取 {hi_t} 倍"), format!("{f}×, above the cap: {hi_t}×")),
        Clamp::Within => (format!("{f} 倍"), format!("{f}×")),
    };
    let (last_zh, last_en) = match clamp {
        Clamp::Floor => (format!("基准限度 {bs} × {lo_t} = {res}"), format!("base limit {bs} × {lo_t} = {res}")),
        Clamp::Cap => (format!("基准限度 {bs} × {hi_t} = {res}"), format!("base limit {bs} × {hi_t} = {res}")),
        Clamp::Within if factor_exact => (format!("基准限度 {bs} × {f} = {res}"), format!("base limit {bs} × {f} = {res}")),
        Clamp::Within => (
            format!("基准限度 {bs} × {a} ÷ ({l} × {u}) = {res}"),
            format!("base limit {bs} × {a} ÷ ({l} × {u}) = {res}"),
        ),
    };
    Ok(limit(
        Method::CurrentRatio,
        out,
        format!("流动比率 = {a} ÷ {l} {ratio_eq} {r}；{r} ÷ {u} {factor_eq} {step_zh}；{last_zh}"),
        format!("current ratio = {a} ÷ {l} {ratio_eq} {r}; {r} ÷ {u} {factor_eq} {step_en}; {last_en}"),
    ))
}

/// Method 4, 净资产分割法: (total assets − total liabilities) ÷ suppliers.
pub fn net_assets(p: &CreditProfile) -> Result<Limit, NotApplicable> {
    use ProfileField::*;
    need(p, &[TotalAssets, TotalLiabilities, Suppliers])?;
    let (ta, tl, n) = (value(p, TotalAssets)?, value(p, TotalLiabilities)?, value(p, Suppliers)?);
    let net = ta - tl;
    if net <= 0 {
        return Err(NotApplicable::NoNetAssets(net));
    }
    let out = fen(div_round(i128::from(net), i128::from(n)))?;
    let shown = format!("({} − {})", yuan(ta), yuan(tl));
    let r = yuan(out);
    Ok(limit(
        Method::NetAssets,
        out,
        format!("{shown} ÷ {} = {r}", suppliers_label(n, Lang::Zh)),
        format!("{shown} ÷ {} = {r}", suppliers_label(n, Lang::En)),
    ))
}

/// Method 5, 综合判断法 (our reading, `credit` module docs): the six scores' total picks a row of the
/// table (the rough limit); payment behaviour and trade volume then move it that many rows up
/// or down, within the table.
pub fn overall(p: &CreditProfile, table: &ScoreTable) -> Result<Limit, NotApplicable> {
    let Some(sc) = p.scorecard.as_ref() else { return Err(NotApplicable::NotScored(Factor::ALL.to_vec())) };
    let unscored = sc.unscored();
    if !unscored.is_empty() {
        return Err(NotApplicable::NotScored(unscored));
    }
    if let Some(f) = Factor::ALL.iter().copied().find(|f| sc.score(*f) > super::profile::MAX_SCORE) {
        return Err(NotApplicable::Invalid(ProfileError::Score(f, sc.score(f))));
    }
    table.validate().map_err(NotApplicable::BadSettings)?;
    let total = sc.total();
    let Some(row) = table.row_for(total) else { return Err(NotApplicable::BadSettings(SettingsError::ScoreFloor(0))) };
    let steps = sc.payment.map_or(0, |x| x.steps()) + sc.volume.map_or(0, |x| x.steps());
    let last = table.rows.len() - 1;
    let wanted = row as i64 - i64::from(steps);
    let to = wanted.clamp(0, last as i64) as usize;
    let rough = table.rows[row];
    let out = table.rows[to].fen;

    let scores = |lang: Lang| {
        Factor::ALL.iter().map(|f| format!("{} {}", f.label(lang), sc.score(*f))).collect::<Vec<_>>().join(" + ")
    };
    let step = |n: i32, lang: Lang| {
        let sign = match n.signum() {
            1 => format!("+{n}"),
            0 => "±0".to_string(),
            _ => n.to_string(),
        };
        match lang {
            Lang::Zh => format!("{sign} 档"),
            Lang::En if n.abs() == 1 => format!("{sign} step"),
            Lang::En => format!("{sign} steps"),
        }
    };
    let adjust = |lang: Lang| {
        let mut parts = Vec::new();
        if let Some(x) = sc.payment {
            parts.push(format!("{} {}", x.label(lang), step(x.steps(), lang)));
        }
        if let Some(x) = sc.volume {
            parts.push(format!("{} {}", x.label(lang), step(x.steps(), lang)));
        }
        if parts.is_empty() {
            lang.pick("未作调整", "not adjusted").to_string()
        } else {
            parts.join(lang.pick("，", ", "))
        }
    };
    let edge = |lang: Lang| {
        if wanted < 0 {
            lang.pick("（已是最高档）", " (top row)")
        } else if wanted > last as i64 {
            lang.pick("（已是最低档）", " (bottom row)")
        } else {
            ""
        }
    };
    let (rz, r) = (yuan(rough.fen), yuan(out));
    Ok(limit(
        Method::Overall,
        out,
        format!("{} = {total} 分 → 大致限度 {rz}（{} 分以上）；{} → {r}{}", scores(Lang::Zh), rough.min, adjust(Lang::Zh), edge(Lang::Zh)),
        format!(
            "{} = {total} → rough limit {rz} ({} and above); {} → {r}{}",
            scores(Lang::En),
            rough.min,
            adjust(Lang::En),
            edge(Lang::En)
        ),
    ))
}

/// The five methods in order, each with its limit or why not (`ratio_base`: the base of
/// 流动比率法, usually the approved limit).
pub fn all_limits(p: &CreditProfile, ratio_base: Option<i64>, s: &CreditSettings) -> [Result<Limit, NotApplicable>; 5] {
    [sales_based(p), working_capital(p), current_ratio(p, ratio_base, s), net_assets(p), overall(p, &s.score_table)]
}

record! {
    /// An approved credit limit (核定的信用限度): one method's result or an amount set by hand.
    /// Wire names in the module docs.
    pub struct Approval {
        pub fen: i64,
        /// The method whose result was approved; `None`: set by hand.
        #[serde(rename = "m")]
        pub method: Option<Method>,
        #[serde(rename = "d")]
        pub date: NaiveDate,
        /// Who approved it.
        pub by: String,
        pub note: String,
        /// The method's working as shown when approved.
        #[serde(rename = "w")]
        pub working: String,
    }
}

/// Why an approval is refused. `Display` is English; [`ApprovalError::message`] gives either
/// language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum ApprovalError {
    /// A limit below zero or above ¥10 万亿 (fen).
    Amount(i64),
    /// Nobody named as approving it.
    NoApprover,
    /// A limit set by hand needs a note saying why.
    NoteRequired,
}

impl ApprovalError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApprovalError::Amount(fen) => {
                let (a, hi) = (yuan(*fen), yuan(MAX_FIGURE_FEN));
                match lang {
                    Lang::Zh => format!("信用限度应为 ¥0–{hi}（现为 {a}）"),
                    Lang::En => format!("a credit limit is ¥0–{hi} (not {a})"),
                }
            }
            ApprovalError::NoApprover => lang.pick("请填写核定人", "say who approves it").to_string(),
            ApprovalError::NoteRequired => {
                lang.pick("手动核定的限度须注明理由", "a limit set by hand needs a note saying why").to_string()
            }
        }
    }
}

impl Approval {
    /// Approves one method's result on `today`; the working is kept in `lang`.
    pub fn of_limit(l: &Limit, by: &str, note: &str, lang: Lang, today: NaiveDate) -> Result<Approval, ApprovalError> {
        Approval::make(l.fen, Some(l.method), by, note, l.working(lang), today)
    }

    /// Approves an amount set by hand on `today` (a note is required).
    pub fn manual(fen: i64, by: &str, note: &str, today: NaiveDate) -> Result<Approval, ApprovalError> {
        if note.trim().is_empty() {
            return Err(ApprovalError::NoteRequired);
        }
        Approval::make(fen, None, by, note, "", today)
    }

    fn make(fen: i64, method: Option<Method>, by: &str, note: &str, working: &str, today: NaiveDate) -> Result<Approval, ApprovalError> {
        if !(0..=MAX_FIGURE_FEN).contains(&fen) {
            return Err(ApprovalError::Amount(fen));
        }
        if by.trim().is_empty() {
            return Err(ApprovalError::NoApprover);
        }
        Ok(Approval {
            fen,
            method,
            date: today,
            by: by.trim().to_string(),
            note: note.trim().to_string(),
            working: working.to_string(),
        })
    }

    /// "¥600,000 · 销售额测定法 · 2026-03-01 · 王经理" (and the note, if any).
    pub fn describe(&self, lang: Lang) -> String {
        let how = self.method.map_or(lang.pick("手动核定", "set by hand"), |m| m.label(lang));
        let mut s = format!("{} · {how} · {} · {}", yuan(self.fen), self.date, self.by);
        if !self.note.is_empty() {
            s.push_str(" · ");
            s.push_str(&self.note);
        }
        s
    }
}

/// The approval in force: the latest by date (on one date, the later in the slice).
pub fn current_approval(history: &[Approval]) -> Option<&Approval> {
    history.iter().enumerate().max_by_key(|(i, a)| (a.date, *i)).map(|(_, a)| a)
}
