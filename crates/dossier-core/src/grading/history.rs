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

use super::sales::{SalesGrade, SalesGrading};
use crate::primitives::lang::Lang;
use chrono::NaiveDate;

pub use crate::primitives::grades::{Derivation, GradeChange, GradeError, GradeKind, GradeValue};

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
            let stored = previous(&row.customer_id);
            // Most grades stay: their account is not written out (100,000 of them on a manager's device).
            if stored == Some(row.grade) {
                return None;
            }
            let old = stored.map(GradeValue::Sales);
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
