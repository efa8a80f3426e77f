//! Exposure (信用占用额) and the order check (issue 16; DOMAIN §5, the rules are our choice per
//! §10). Inputs are plain numbers: the approved limit, the open receivables as `(due date, open
//! fen)` (what `OpenItems::open` of a summary keeps), the unsettled notes, the open undelivered
//! orders and the new order.
//!
//! - Exposure = open receivables (赊销款) + unsettled notes (未结算票据余额) + open, not yet
//!   delivered orders (if the settings count them) + the new order (if it is a credit sale).
//!   Negative inputs count as zero; sums saturate. When a saved order is checked again, the app
//!   leaves it out of the open orders.
//! - Utilisation = exposure ÷ limit, in basis points rounded half away from zero (only shown; the
//!   verdict compares exactly).
//! - A credit sale: exposure within the warning level (default 90 % of the limit, inclusive) →
//!   pass; above it but within the limit (inclusive) → warn; above the limit → block; no
//!   approved limit → block.
//! - Any order (credit or not): a receivable more than N days overdue (default 30) → block. A
//!   cash sale adds nothing to the exposure and needs no limit, so only this rule applies to it
//!   (our choice).
//!
//! The result lists every reason and the ways to make the order pass, each enough on its own:
//! collect so much (the overdue part first), reduce the order to so much, raise (or approve) the
//! limit to so much, or sell for cash — each together with collecting what is more than N days
//! overdue when that rule blocks too.

use super::settings::CreditSettings;
use super::{div_ceil, div_round, percent, yuan};
use crate::primitives::lang::Lang;
use chrono::NaiveDate;

coded! {
    /// The outcome of a check, least severe first (green, amber, red).
    pub enum Verdict {
        Pass = "pass", "通过", "Pass";
        Warn = "warn", "预警", "Warning";
        Block = "block", "冻结", "Blocked";
    }
}

/// What the check needs to know, all plain numbers (fen).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckInput<'a> {
    /// The approved limit; `None`: none approved.
    pub limit: Option<i64>,
    /// `(due date, open fen)` of each open receivable.
    pub receivables: &'a [(NaiveDate, i64)],
    pub unsettled_notes: i64,
    /// Value still to deliver of the open orders (without the one being checked).
    pub open_orders: i64,
    /// The new order's amount.
    pub order: i64,
    /// Sold on credit (赊销); `false`: paid before or on delivery.
    pub credit_sale: bool,
}

impl<'a> CheckInput<'a> {
    /// A credit sale of `order`.
    pub fn credit(limit: Option<i64>, receivables: &'a [(NaiveDate, i64)], unsettled_notes: i64, open_orders: i64, order: i64) -> Self {
        CheckInput { limit, receivables, unsettled_notes, open_orders, order, credit_sale: true }
    }

    /// The same check with another order amount.
    pub fn with_order(self, order: i64) -> Self {
        CheckInput { order, ..self }
    }
}

/// The exposure and its parts (fen).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Exposure {
    pub receivables: i64,
    pub notes: i64,
    /// Open undelivered orders; 0 when the settings do not count them.
    pub open_orders: i64,
    /// The new order; 0 for a cash sale.
    pub order: i64,
    pub total: i64,
}

impl Exposure {
    /// "应收 ¥35,000 + 未结算票据 ¥12,000 + 未出货订单 ¥0 + 本单 ¥50,000 = ¥97,000".
    pub fn working(&self, lang: Lang) -> String {
        let (r, n, o, x, t) = (yuan(self.receivables), yuan(self.notes), yuan(self.open_orders), yuan(self.order), yuan(self.total));
        match lang {
            Lang::Zh => format!("应收账款 {r} + 未结算票据 {n} + 未出货订单 {o} + 本单 {x} = {t}"),
            Lang::En => format!("receivables {r} + unsettled notes {n} + open orders {o} + this order {x} = {t}"),
        }
    }
}

/// The exposure of `input` under `s`.
pub fn exposure(input: &CheckInput, s: &CreditSettings) -> Exposure {
    let receivables = input.receivables.iter().fold(0i64, |acc, (_, fen)| acc.saturating_add((*fen).max(0)));
    let notes = input.unsettled_notes.max(0);
    let open_orders = if s.count_open_orders { input.open_orders.max(0) } else { 0 };
    let order = if input.credit_sale { input.order.max(0) } else { 0 };
    let total = receivables.saturating_add(notes).saturating_add(open_orders).saturating_add(order);
    Exposure { receivables, notes, open_orders, order, total }
}

/// Exposure ÷ limit in basis points, rounded half away from zero (`None` for a limit of zero or
/// less; saturates at `i64::MAX`).
pub fn utilisation_bp(exposure: i64, limit: i64) -> Option<i64> {
    if limit <= 0 {
        return None;
    }
    let v = div_round(i128::from(exposure) * 10_000, i128::from(limit))?;
    Some(i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX }))
}

/// Why an order does not simply pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A credit sale to a customer with no approved limit.
    NoLimit,
    /// Exposure above the limit.
    OverLimit { exposure: i64, limit: i64 },
    /// Exposure above the warning level (`level`, fen: `warning_bp` of `limit`, rounded down) but
    /// within the limit.
    AboveWarning { exposure: i64, level: i64, limit: i64, warning_bp: u16 },
    /// A receivable `max_days` overdue, more than the `allowed` days; `fen` is everything more
    /// than `allowed` days overdue.
    Overdue { max_days: i64, allowed: u16, fen: i64 },
}

impl Reason {
    pub fn verdict(&self) -> Verdict {
        match self {
            Reason::AboveWarning { .. } => Verdict::Warn,
            _ => Verdict::Block,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Reason::NoLimit => lang.pick("尚未核定信用限度，不能赊销", "no approved credit limit: no credit sale without one").to_string(),
            Reason::OverLimit { exposure, limit } => {
                let (e, l) = (yuan(*exposure), yuan(*limit));
                let used = utilisation_bp(*exposure, *limit).map(percent);
                match (zh, used) {
                    (true, Some(u)) => format!("信用占用额 {e} 超出信用限度 {l}（占用 {u}）"),
                    (true, None) => format!("信用占用额 {e} 超出信用限度 {l}"),
                    (false, Some(u)) => format!("exposure {e} is above the credit limit {l} ({u} used)"),
                    (false, None) => format!("exposure {e} is above the credit limit {l}"),
                }
            }
            Reason::AboveWarning { exposure, level, limit, warning_bp } => {
                let (e, w, l, p) = (yuan(*exposure), yuan(*level), yuan(*limit), percent(i64::from(*warning_bp)));
                let u = utilisation_bp(*exposure, *limit).map_or_else(String::new, percent);
                if zh {
                    format!("信用占用额 {e} 超过预警线 {w}（信用限度 {l} 的 {p}），占用 {u}")
                } else {
                    format!("exposure {e} is above the warning level {w} ({p} of the {l} limit): {u} used")
                }
            }
            Reason::Overdue { max_days, allowed, fen } => {
                let f = yuan(*fen);
                if zh {
                    format!("有应收账款已逾期 {max_days} 天（允许 {allowed} 天），逾期超过 {allowed} 天的共 {f}")
                } else {
                    format!("a receivable is {max_days} days overdue ({allowed} allowed): {f} is more than {allowed} days overdue")
                }
            }
        }
    }
}

/// One way to make the order pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemedyKind {
    /// Collect this much of the open receivables (including [`Remedy::overdue`], which comes
    /// first).
    Collect(i64),
    /// Reduce the new order to this amount.
    ReduceOrder(i64),
    /// A manager raises the limit to this amount.
    RaiseLimit(i64),
    /// A manager approves a limit of at least this amount.
    ApproveLimit(i64),
    /// Sell for cash (payment before or on delivery) instead.
    CashSale,
}

/// A way to make the order pass: `kind`, together with collecting `overdue` (fen more than
/// `days` overdue) when that rule blocks too. Each remedy is enough on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Remedy {
    pub kind: RemedyKind,
    pub overdue: i64,
    pub days: u16,
}

impl Remedy {
    /// "收回 ¥12,000", "把订单减到 ¥38,000", "收回逾期超过 30 天的 ¥8,000 并把订单减到 ¥30,000"…
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let (o, d) = (yuan(self.overdue), self.days);
        if let RemedyKind::Collect(fen) = self.kind {
            let f = yuan(fen);
            return match (zh, self.overdue) {
                (true, 0) => format!("收回 {f}"),
                (false, 0) => format!("collect {f}"),
                (true, x) if x >= fen => format!("收回逾期超过 {d} 天的 {o}"),
                (false, x) if x >= fen => format!("collect the {o} more than {d} days overdue"),
                (true, _) => format!("收回 {f}（含逾期超过 {d} 天的 {o}）"),
                (false, _) => format!("collect {f} (the {o} more than {d} days overdue included)"),
            };
        }
        let action = match (zh, self.kind) {
            (true, RemedyKind::ReduceOrder(x)) => format!("把订单减到 {}", yuan(x)),
            (false, RemedyKind::ReduceOrder(x)) => format!("reduce the order to {}", yuan(x)),
            (true, RemedyKind::RaiseLimit(x)) => format!("把信用限度提高到 {}", yuan(x)),
            (false, RemedyKind::RaiseLimit(x)) => format!("raise the credit limit to {}", yuan(x)),
            (true, RemedyKind::ApproveLimit(x)) => format!("核定不低于 {} 的信用限度", yuan(x)),
            (false, RemedyKind::ApproveLimit(x)) => format!("approve a credit limit of at least {}", yuan(x)),
            (true, _) => "改为现款交易".to_string(),
            (false, _) => "sell for cash instead".to_string(),
        };
        match (zh, self.overdue) {
            (_, 0) => action,
            (true, _) => format!("收回逾期超过 {d} 天的 {o} 并{action}"),
            (false, _) => format!("collect the {o} more than {d} days overdue and {action}"),
        }
    }
}

/// The outcome of the order check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckResult {
    pub verdict: Verdict,
    pub exposure: Exposure,
    /// The approved limit (`None`: none).
    pub limit: Option<i64>,
    /// Exposure ÷ limit, basis points (`None` without a limit above zero).
    pub utilisation_bp: Option<i64>,
    /// Every reason it did not simply pass, limit rules first.
    pub reasons: Vec<Reason>,
    /// Every way to make it pass (empty when it passes, or when nothing but a release can).
    pub remedies: Vec<Remedy>,
}

impl CheckResult {
    /// The remedies as one sentence: "收回 ¥12,000 或把订单减到 ¥38,000" (in Chinese a space only
    /// after a number).
    pub fn remedies_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for r in &self.remedies {
            if !out.is_empty() {
                out.push_str(match lang {
                    Lang::Zh if out.ends_with(|c: char| c.is_ascii()) => " 或",
                    Lang::Zh => "或",
                    Lang::En => " or ",
                });
            }
            out.push_str(&r.message(lang));
        }
        out
    }

    /// The whole explanation: verdict, every reason, what would make it pass.
    pub fn explain(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut s = format!("{}{}", self.verdict.label(lang), lang.pick("：", ": "));
        if self.reasons.is_empty() {
            let e = yuan(self.exposure.total);
            let used = self.utilisation_bp.map(percent);
            s.push_str(&match (zh, used) {
                (true, Some(u)) => format!("信用占用额 {e}，占用 {u}"),
                (true, None) => format!("信用占用额 {e}"),
                (false, Some(u)) => format!("exposure {e}, {u} used"),
                (false, None) => format!("exposure {e}"),
            });
            return s;
        }
        s.push_str(&self.reasons.iter().map(|r| r.message(lang)).collect::<Vec<_>>().join(lang.pick("；", "; ")));
        if !self.remedies.is_empty() {
            s.push_str(lang.pick("。可以：", ". To pass: "));
            s.push_str(&self.remedies_text(lang));
        }
        s
    }
}

/// Checks an order on `today` (see the module docs). Never panics.
pub fn check_order(input: &CheckInput, s: &CreditSettings, today: NaiveDate) -> CheckResult {
    let exp = exposure(input, s);
    let e = exp.total;
    let limit = input.limit.map(|l| l.max(0));
    let w = s.warning();
    let mut reasons = Vec::new();

    // The limit rules (credit sales only).
    let mut level = None;
    if input.credit_sale {
        match limit {
            None => reasons.push(Reason::NoLimit),
            Some(l) => {
                let lv = i64::try_from(i128::from(l) * w / 10_000).unwrap_or(i64::MAX);
                level = Some(lv);
                if e > l {
                    reasons.push(Reason::OverLimit { exposure: e, limit: l });
                } else if e > lv {
                    reasons.push(Reason::AboveWarning { exposure: e, level: lv, limit: l, warning_bp: s.warning_bp.clamp(1, 10_000) });
                }
            }
        }
    }

    // The overdue rule (every order).
    let allowed = s.overdue_days;
    let mut overdue = 0i64;
    let mut max_days = 0i64;
    for (due, fen) in input.receivables {
        let fen = (*fen).max(0);
        if fen == 0 {
            continue;
        }
        let days = today.signed_duration_since(*due).num_days();
        if days > i64::from(allowed) {
            overdue = overdue.saturating_add(fen);
            max_days = max_days.max(days);
        }
    }
    if overdue > 0 {
        reasons.push(Reason::Overdue { max_days, allowed, fen: overdue });
    }

    let verdict = reasons.iter().map(Reason::verdict).max().unwrap_or(Verdict::Pass);
    let remedies = if verdict == Verdict::Pass { Vec::new() } else { remedies(input, &exp, limit, level, overdue, w, allowed) };
    CheckResult { verdict, exposure: exp, limit, utilisation_bp: limit.and_then(|l| utilisation_bp(e, l)), reasons, remedies }
}

/// The ways to pass, each enough on its own (with collecting `overdue` first).
fn remedies(input: &CheckInput, exp: &Exposure, limit: Option<i64>, level: Option<i64>, overdue: i64, w: i128, days: u16) -> Vec<Remedy> {
    let remedy = |kind| Remedy { kind, overdue, days };
    // The smallest limit whose warning level holds `e`: ⌈e · 10⁴ ÷ w⌉.
    let needed = |e: i64| div_ceil(i128::from(e.max(0)) * 10_000, w).map_or(i64::MAX, |v| i64::try_from(v).unwrap_or(i64::MAX));
    let mut out = Vec::new();
    // Exposure once the overdue part is collected.
    let rest = exp.total.saturating_sub(overdue);
    if !input.credit_sale {
        if overdue > 0 {
            out.push(remedy(RemedyKind::Collect(overdue)));
        }
        return out;
    }
    match (limit, level) {
        (Some(_), Some(level)) => {
            let excess = rest.saturating_sub(level).max(0);
            let collect = overdue.saturating_add(excess);
            if collect > 0 && collect <= exp.receivables {
                out.push(remedy(RemedyKind::Collect(collect)));
            }
            if excess > 0 {
                let to = exp.order.saturating_sub(excess);
                if to > 0 {
                    out.push(remedy(RemedyKind::ReduceOrder(to)));
                }
                out.push(remedy(RemedyKind::RaiseLimit(needed(rest))));
                out.push(remedy(RemedyKind::CashSale));
            }
        }
        _ => {
            out.push(remedy(RemedyKind::ApproveLimit(needed(rest))));
            out.push(remedy(RemedyKind::CashSale));
        }
    }
    out
}
