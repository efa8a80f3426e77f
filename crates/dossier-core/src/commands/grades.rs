//! 分级 on a card and 重新分级 of the archive (issue 15): each returns the batch to write, with
//! every grade that changed as a [`GradeChange`] in the customer's change record (action
//! `Grade`), so the card's grade history is its change records and travels in bundles.
//!
//! - [`set_grades`]: the rep's 分级 form — MAN answers, 准客户等级 (the MAN suggestion, or
//!   another with a reason), 重要程度 (a change needs a reason), 另作观察, 区域代号 and 路序;
//!   saving it is a review of the card (`reviewed` = today).
//! - [`mark_reviewed`]: the one-tap 已复核 of the day's list.
//! - [`regrade`]: stores the 销售等级 a grading gives, for the customers whose stored grade
//!   differs, one change record each.

use thiserror::Error;

use super::Planned;
use crate::archive::{version_of, Archive, Batch};
use crate::customer::fields::Group;
use crate::customer::history::{diff_raw, Action, Change, ChangeRecord};
use crate::customer::Customer;
use crate::grading::history::{GradeChange, GradeError, GradeKind, GradeValue};
use crate::grading::man::assess;
use crate::grading::prospect::{ProspectGrade, ProspectScale};
use crate::grading::route::normalize_area_code;
use crate::grading::{ManAnswers, Watch};
use crate::primitives::clock::Stamp;
use crate::primitives::codes::Tier;
use crate::primitives::grades::GRADE_KEYS;
use crate::primitives::lang::Lang;
use chrono::NaiveDate;

/// Why a 分级 save is refused. [`GradesError::message`] words it in either language.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{}", self.message(Lang::En))]
pub enum GradesError {
    NoCustomer,
    /// The card is deleted.
    Deleted,
    /// A grade other than the MAN suggestion, or a changed 重要程度, without a reason.
    ReasonRequired(GradeKind),
    /// 另作观察 for "other" reasons needs a note.
    WatchNote,
    /// 路序 is 1–9999.
    RouteSeq,
}

impl GradesError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            GradesError::NoCustomer => lang.pick("找不到这位客户", "no such customer").to_string(),
            GradesError::Deleted => lang.pick("客户已删除，不能分级", "the customer is deleted: it cannot be graded").to_string(),
            GradesError::ReasonRequired(GradeKind::Prospect) => lang
                .pick("所选准客户等级与 MAN 建议不同，请填写原因", "the prospect grade differs from the MAN suggestion: give the reason")
                .to_string(),
            GradesError::ReasonRequired(GradeKind::Importance) => {
                lang.pick("重要程度有变化，请填写原因（定期核查）", "the importance changed: give the reason (the archive check)").to_string()
            }
            GradesError::ReasonRequired(_) => lang.pick("请填写原因", "give the reason").to_string(),
            GradesError::WatchNote => {
                lang.pick("另作观察选“其他”时，请写明原因", "under watch for another reason: say what it is").to_string()
            }
            GradesError::RouteSeq => lang.pick("路序应为 1–9999 的整数", "the route order is a whole number 1–9999").to_string(),
        }
    }
}

/// What the 分级 form gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GradesInput {
    /// MAN's answers (`None`: not asked; then the prospect grade is set by hand).
    pub man: Option<ManAnswers>,
    /// The prospect grade chosen (`None` with answers: the suggestion; `None` without: none).
    pub prospect: Option<ProspectGrade>,
    pub tier: Option<Tier>,
    /// 另作观察: the reason and note (the date is today, or kept when unchanged).
    pub watch: Option<(crate::grading::WatchReason, String)>,
    pub area: String,
    pub route_seq: Option<u32>,
    /// Why a grade was set by hand (another than MAN suggests, a new 重要程度).
    pub reason: String,
    /// The rep saving (id or name), for the grade history.
    pub by: String,
}

/// Saves the 分级 form of `id`: the grades that changed (each a [`GradeChange`]), the route
/// place, and the review date.
#[allow(clippy::too_many_arguments)]
pub fn set_grades(
    a: &Archive,
    id: &str,
    input: &GradesInput,
    scale: ProspectScale,
    today: NaiveDate,
    lang: Lang,
    record_id: &str,
    stamp: &Stamp,
) -> Result<Planned, GradesError> {
    let old = a.get(id).ok_or(GradesError::NoCustomer)?;
    if old.deleted {
        return Err(GradesError::Deleted);
    }
    if input.route_seq.is_some_and(|n| !(1..=9999).contains(&n)) {
        return Err(GradesError::RouteSeq);
    }
    let reason = input.reason.trim();
    let mut changes = Vec::new();
    let mut g = old.grades.clone();

    // MAN and the prospect grade.
    let prospect = match input.man {
        Some(answers) => {
            let a = assess(answers, scale, input.prospect, reason).map_err(|_| GradesError::ReasonRequired(GradeKind::Prospect))?;
            let why = if a.by_hand() {
                None
            } else {
                Some(match lang {
                    Lang::Zh => format!("MAN {} 建议 {}", answers.combination(), a.suggested.label(lang)),
                    Lang::En => format!("MAN {} suggests {}", answers.combination(), a.suggested.label(lang)),
                })
            };
            Some((a.grade, why))
        }
        None => input.prospect.map(|p| (scale.fit(p), None)),
    };
    if input.man != g.man {
        let how = match lang {
            Lang::Zh => "MAN 调查",
            Lang::En => "MAN answers",
        };
        let why = if reason.is_empty() { how } else { reason };
        push(&mut changes, GradeChange::by_hand(g.man.map(GradeValue::Man), input.man.map(GradeValue::Man), today, why, &input.by))?;
        g.man = input.man;
    }
    let new_prospect = prospect.as_ref().map(|(p, _)| *p);
    if new_prospect != g.prospect {
        let (old_v, new_v) = (g.prospect.map(GradeValue::Prospect), new_prospect.map(GradeValue::Prospect));
        let change = match prospect.as_ref() {
            Some((p, Some(why))) => GradeChange::computed(old_v, GradeValue::Prospect(*p), today, why),
            _ => GradeChange::by_hand(old_v, new_v, today, reason, &input.by),
        };
        push(&mut changes, change).map_err(|_| GradesError::ReasonRequired(GradeKind::Prospect))?;
        g.prospect = new_prospect;
    }

    // 另作观察: a new reason or note starts today; unchanged keeps its day.
    let watch = match &input.watch {
        None => None,
        Some((r, note)) => match &g.watch {
            Some(w) if w.reason == *r && w.note == note.trim() => Some(w.clone()),
            _ => Some(Watch::new(*r, note, today).map_err(|_| GradesError::WatchNote)?),
        },
    };
    g.watch = watch;
    g.area = normalize_area_code(&input.area);
    g.route_seq = input.route_seq;
    g.reviewed = Some(today);

    let mut c = old.clone();
    if input.tier != old.tier {
        let change = GradeChange::by_hand(old.tier.map(GradeValue::Importance), input.tier.map(GradeValue::Importance), today, reason, &input.by);
        push(&mut changes, change).map_err(|_| GradesError::ReasonRequired(GradeKind::Importance))?;
        c.tier = input.tier;
    }
    c.grades = g;
    Ok(saved(old, c, changes, record_id, stamp))
}

fn push(changes: &mut Vec<GradeChange>, c: Result<GradeChange, GradeError>) -> Result<(), GradesError> {
    match c {
        Ok(c) => {
            changes.push(c);
            Ok(())
        }
        Err(GradeError::Unchanged) => Ok(()),
        Err(_) => Err(GradesError::ReasonRequired(GradeKind::Prospect)),
    }
}

/// 已复核: the card was reviewed today (nothing else changes).
pub fn mark_reviewed(a: &Archive, id: &str, today: NaiveDate, record_id: &str, stamp: &Stamp) -> Result<Planned, GradesError> {
    let old = a.get(id).ok_or(GradesError::NoCustomer)?;
    if old.deleted {
        return Err(GradesError::Deleted);
    }
    let mut c = old.clone();
    c.grades.reviewed = Some(today);
    Ok(saved(old, c, Vec::new(), record_id, stamp))
}

/// Stores the computed sales grades of `moves` (customer id, change from
/// [`crate::grading::history::sales_changes`]): each customer whose card still holds the old
/// grade gets the new one and a change record (`record_ids`, one per move, in order). Cards
/// deleted, missing, or already at the new grade are skipped.
pub fn regrade(a: &Archive, moves: &[(String, GradeChange)], record_ids: &[String], stamp: &Stamp) -> Planned {
    let mut batch = Batch::default();
    let mut expect = Vec::new();
    for ((id, change), record) in moves.iter().zip(record_ids) {
        let Some(old) = a.get(id) else { continue };
        let Some(GradeValue::Sales(new)) = change.new_value() else { continue };
        if old.deleted || change.kind != GradeKind::Sales || old.grades.sales == Some(new) {
            continue;
        }
        let mut c = old.clone();
        c.grades.sales = Some(new);
        let (b, e) = saved(old, c, vec![change.clone()], record, stamp);
        batch.customers.extend(b.customers);
        batch.history.extend(b.history);
        expect.extend(e);
    }
    (batch, expect)
}

/// The card `c` (edited from `old`) with its changed status fields stamped, and its record.
fn saved(old: &Customer, mut c: Customer, grades: Vec<GradeChange>, record_id: &str, stamp: &Stamp) -> Planned {
    let changes: Vec<Change> = diff_raw(&old.status_raw(), &c.status_raw());
    let keys: Vec<&str> =
        changes.iter().map(|ch| ch.field.as_str()).filter(|k| *k == "tier" || GRADE_KEYS.contains(k)).collect();
    c.stamp_fields(Group::Status, &keys, stamp);
    let rec = ChangeRecord {
        id: record_id.to_string(),
        customer_id: c.id.clone(),
        stamp: stamp.clone(),
        action: Action::Grade,
        changes,
        grades,
    };
    (Batch { customers: vec![c], history: vec![rec], ..Batch::default() }, vec![(old.id.clone(), Some(version_of(old)))])
}
