//! Grade history (issue 15): every change of any of the four grades is an event with the grade,
//! old → new, the date and the reason, computed (a regrade) or set by hand (with the person's
//! reason). Serialisable like the other stored records (short wire names, empty fields left out),
//! so a card's history can travel in bundles.
//!
//! | field | wire |
//! |---|---|
//! | `kind` | `k`: `prospect` `man` `sales` `importance` |
//! | `old`, `new` | `old`, `new`: the grade's code (`a`, `M-a-N`, `A`, `key`); absent: none |
//! | `date` | `d` |
//! | `how` | `how`: `auto` or `hand` |
//! | `reason` | `why` |
//! | `by` | `by`: who set it by hand (a rep id or name) |
//!
//! As in every record, defaults are left out: a prospect change has no `k`, a computed one no
//! `how`.

use super::man::ManAnswers;
use super::prospect::ProspectGrade;
use super::sales::{SalesGrade, SalesGrading};
use crate::primitives::codes::Tier;
use crate::primitives::lang::Lang;
use chrono::NaiveDate;

coded! {
    /// Which of the four grades changed.
    pub enum GradeKind {
        Prospect = "prospect", "准客户等级", "Prospect grade";
        Man = "man", "MAN", "MAN";
        Sales = "sales", "销售等级", "Sales grade";
        Importance = "importance", "重要程度", "Importance";
    }
}

#[allow(clippy::derivable_impls)] // `coded!` owns the derive list
impl Default for GradeKind {
    fn default() -> Self {
        GradeKind::Prospect
    }
}

coded! {
    /// Whether a change was computed by a rule or set by a person.
    pub enum Derivation {
        Computed = "auto", "自动计算", "Computed";
        ByHand = "hand", "手动设定", "Set by hand";
    }
}

#[allow(clippy::derivable_impls)] // `coded!` owns the derive list
impl Default for Derivation {
    fn default() -> Self {
        Derivation::Computed
    }
}

/// Why a grade change (or a grade set by hand) is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum GradeError {
    /// A grade set by hand (or another than suggested) needs a reason.
    ReasonRequired,
    /// The new grade is the old one: nothing to record.
    Unchanged,
    /// Old and new are grades of different kinds.
    KindMismatch,
}

impl GradeError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            GradeError::ReasonRequired => {
                lang.pick("手动设定等级需要填写原因", "a grade set by hand needs a reason")
            }
            GradeError::Unchanged => lang.pick("等级没有变化", "the grade is unchanged"),
            GradeError::KindMismatch => lang.pick("新旧等级不是同一类", "the old and new grades are of different kinds"),
        }
        .to_string()
    }
}

/// A grade of one of the four kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GradeValue {
    Prospect(ProspectGrade),
    Man(ManAnswers),
    Sales(SalesGrade),
    Importance(Tier),
}

impl GradeValue {
    pub fn kind(self) -> GradeKind {
        match self {
            GradeValue::Prospect(_) => GradeKind::Prospect,
            GradeValue::Man(_) => GradeKind::Man,
            GradeValue::Sales(_) => GradeKind::Sales,
            GradeValue::Importance(_) => GradeKind::Importance,
        }
    }

    /// The stored form: the grade's code (`a`, `M-a-N`, `A`, `key`).
    pub fn code(self) -> &'static str {
        match self {
            GradeValue::Prospect(g) => g.code(),
            GradeValue::Man(m) => m.combination(),
            GradeValue::Sales(g) => g.code(),
            GradeValue::Importance(t) => t.code(),
        }
    }

    /// Reads a stored code back (`None`: not a grade of that kind).
    pub fn parse(kind: GradeKind, code: &str) -> Option<GradeValue> {
        match kind {
            GradeKind::Prospect => ProspectGrade::from_code(code).map(GradeValue::Prospect),
            GradeKind::Man => ManAnswers::parse(code).map(GradeValue::Man),
            GradeKind::Sales => SalesGrade::from_code(code).map(GradeValue::Sales),
            GradeKind::Importance => Tier::from_code(code).map(GradeValue::Importance),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            GradeValue::Prospect(g) => g.label(lang),
            GradeValue::Man(m) => m.combination(),
            GradeValue::Sales(g) => g.label(lang),
            GradeValue::Importance(t) => t.label(lang),
        }
    }
}

record! {
    /// One change of one grade of one customer. Wire names in the module docs.
    pub struct GradeChange {
        #[serde(rename = "k")]
        pub kind: GradeKind,
        /// Code of the grade before; `None`: it had none.
        pub old: Option<String>,
        /// Code of the grade after; `None`: cleared.
        pub new: Option<String>,
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub how: Derivation,
        /// For a computed change the rule's account ("近3个月月均 ¥4,000.00 · 第7名/20 · 累计 86 %");
        /// for one by hand the person's reason.
        #[serde(rename = "why")]
        pub reason: String,
        /// Who set it by hand.
        pub by: String,
    }
}

fn change(
    old: Option<GradeValue>,
    new: Option<GradeValue>,
    date: NaiveDate,
    how: Derivation,
    reason: &str,
    by: &str,
) -> Result<GradeChange, GradeError> {
    let kind = match (old, new) {
        (Some(o), Some(n)) if o.kind() != n.kind() => return Err(GradeError::KindMismatch),
        (_, Some(v)) | (Some(v), None) => v.kind(),
        (None, None) => return Err(GradeError::Unchanged),
    };
    if old == new {
        return Err(GradeError::Unchanged);
    }
    let reason = reason.trim();
    if how == Derivation::ByHand && reason.is_empty() {
        return Err(GradeError::ReasonRequired);
    }
    Ok(GradeChange {
        kind,
        old: old.map(|v| v.code().to_string()),
        new: new.map(|v| v.code().to_string()),
        date,
        how,
        reason: reason.to_string(),
        by: by.trim().to_string(),
    })
}

impl GradeChange {
    /// A change computed by a rule; `reason` is the rule's account (may be empty). Refused when
    /// nothing changes or the kinds differ.
    pub fn computed(old: Option<GradeValue>, new: GradeValue, date: NaiveDate, reason: &str) -> Result<GradeChange, GradeError> {
        change(old, Some(new), date, Derivation::Computed, reason, "")
    }

    /// A change set by a person (`new: None` clears the grade); the reason is required.
    pub fn by_hand(
        old: Option<GradeValue>,
        new: Option<GradeValue>,
        date: NaiveDate,
        reason: &str,
        by: &str,
    ) -> Result<GradeChange, GradeError> {
        change(old, new, date, Derivation::ByHand, reason, by)
    }

    pub fn old_value(&self) -> Option<GradeValue> {
        self.old.as_deref().and_then(|c| GradeValue::parse(self.kind, c))
    }

    pub fn new_value(&self) -> Option<GradeValue> {
        self.new.as_deref().and_then(|c| GradeValue::parse(self.kind, c))
    }

    /// "2025-09-01 销售等级 B → A（自动计算：…）".
    pub fn describe(&self, lang: Lang) -> String {
        let label = |code: &Option<String>| match code.as_deref() {
            None => lang.pick("无", "none").to_string(),
            Some(c) => GradeValue::parse(self.kind, c).map_or_else(|| c.to_string(), |v| v.label(lang).to_string()),
        };
        let (old, new) = (label(&self.old), label(&self.new));
        let how = self.how.label(lang);
        let mut out = format!("{} {} {old} → {new}", self.date.format("%Y-%m-%d"), self.kind.label(lang));
        match (lang, self.reason.is_empty()) {
            (Lang::Zh, true) => out.push_str(&format!("（{how}）")),
            (Lang::Zh, false) => out.push_str(&format!("（{how}：{}）", self.reason)),
            (Lang::En, true) => out.push_str(&format!(" ({how})")),
            (Lang::En, false) => out.push_str(&format!(" ({how}: {})", self.reason)),
        }
        out
    }
}

/// The grade of a kind as the history leaves it: the `new` of the latest change of that kind (by
/// date; on one date the later in the slice).
pub fn current(history: &[GradeChange], kind: GradeKind) -> Option<GradeValue> {
    history
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == kind)
        .max_by_key(|(i, c)| (c.date, *i))
        .and_then(|(_, c)| c.new_value())
}

/// The sales-grade changes a regrade makes: one computed change per customer whose grade
/// differs from `previous` (its current sales grade, `None` if it had none), with the rule's
/// account as the reason. In the grading's order.
pub fn sales_changes(
    grading: &SalesGrading,
    previous: impl Fn(&str) -> Option<SalesGrade>,
    date: NaiveDate,
    lang: Lang,
) -> Vec<(String, GradeChange)> {
    grading
        .rows
        .iter()
        .filter_map(|row| {
            let old = previous(&row.customer_id).map(GradeValue::Sales);
            let reason = grading.explain(row, lang);
            GradeChange::computed(old, GradeValue::Sales(row.grade), date, &reason)
                .ok()
                .map(|c| (row.customer_id.clone(), c))
        })
        .collect()
}

/// How many changes went from one grade to another, for a regrade's summary ("5 位客户 B → A").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ChangeCount {
    pub kind: GradeKind,
    pub old: Option<String>,
    pub new: Option<String>,
    pub count: usize,
}

impl ChangeCount {
    /// "5 位客户 B → A": sales grades and MAN as their codes, prospect grades as letters,
    /// importance by its label.
    pub fn describe(&self, lang: Lang) -> String {
        let g = |c: &Option<String>| match c.as_deref().map(|c| (c, GradeValue::parse(self.kind, c))) {
            None => lang.pick("无", "none").to_string(),
            Some((_, Some(GradeValue::Importance(t)))) => t.label(lang).to_string(),
            Some((c, _)) if self.kind == GradeKind::Prospect => c.to_uppercase(),
            Some((c, _)) => c.to_string(),
        };
        match lang {
            Lang::Zh => format!("{} 位客户 {} → {}", self.count, g(&self.old), g(&self.new)),
            Lang::En => format!("{} customer(s) {} → {}", self.count, g(&self.old), g(&self.new)),
        }
    }
}

/// Counts changes by (kind, old, new), in that order.
pub fn summarize<'a>(changes: impl IntoIterator<Item = &'a GradeChange>) -> Vec<ChangeCount> {
    let mut map: std::collections::BTreeMap<(GradeKind, Option<String>, Option<String>), usize> =
        std::collections::BTreeMap::new();
    for c in changes {
        *map.entry((c.kind, c.old.clone(), c.new.clone())).or_default() += 1;
    }
    map.into_iter().map(|((kind, old, new), count)| ChangeCount { kind, old, new, count }).collect()
}
