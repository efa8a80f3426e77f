//! MAN (DOMAIN §4.2, seeds 001/003): M money (ability to pay), A authority (power to decide,
//! recommend or veto), N need. Each answer is 有 (capital letter) or 无 (small letter), so eight
//! combinations from `M-A-N` (ideal) to `m-a-n` (not a prospect).
//!
//! The suggested prospect grade is our choice (DOMAIN §10): all three → A, two → B, one → C,
//! none → D (C on the three-grade scale). The rep may set another grade, with a reason.

use super::history::GradeError;
use super::prospect::{ProspectGrade, ProspectScale};
use crate::primitives::lang::Lang;

pub use crate::primitives::grades::ManAnswers;

impl ManAnswers {
    /// The suggested prospect grade (our mapping: 3 → A, 2 → B, 1 → C, 0 → D), fitted to the scale.
    pub fn suggested_grade(self, scale: ProspectScale) -> ProspectGrade {
        let g = match self.count() {
            3 => ProspectGrade::A,
            2 => ProspectGrade::B,
            1 => ProspectGrade::C,
            _ => ProspectGrade::D,
        };
        scale.fit(g)
    }

    /// What to do with such a prospect (the usual MAN reading).
    pub fn advice(self, lang: Lang) -> &'static str {
        match (self.money, self.authority, self.need) {
            (true, true, true) => lang.pick("理想的准客户，尽快成交", "the ideal prospect: close soon"),
            (true, true, false) => lang.pick(
                "可以接触，配合熟练的销售技巧，有成功的希望",
                "worth contacting: with good selling there is hope",
            ),
            (true, false, true) => lang.pick(
                "可以接触，并设法找到有决定权的人",
                "worth contacting: find the person who decides",
            ),
            (false, true, true) => lang.pick(
                "可以接触，需调查其经营与信用状况，考虑融资条件",
                "worth contacting: check their business and credit, consider financing",
            ),
            (true, false, false) | (false, true, false) | (false, false, true) => lang.pick(
                "可以接触，应长期观察、培养，使之具备其他条件",
                "worth contacting: watch and develop it over time",
            ),
            (false, false, false) => lang.pick("非准客户，停止接触", "not a prospect: stop contact"),
        }
    }
}

/// The prospect grade a card gets from its MAN answers: the suggestion, or the rep's choice with
/// its reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProspectAssessment {
    pub answers: ManAnswers,
    pub suggested: ProspectGrade,
    pub grade: ProspectGrade,
    /// Empty when the grade is the suggestion.
    pub reason: String,
}

impl ProspectAssessment {
    pub fn by_hand(&self) -> bool {
        self.grade != self.suggested
    }
}

/// The grade from the answers, or `chosen` when the rep sets another one: then a reason is
/// required (`GradeError::ReasonRequired`). A choice outside the scale is fitted into it (D → C
/// on three grades).
pub fn assess(
    answers: ManAnswers,
    scale: ProspectScale,
    chosen: Option<ProspectGrade>,
    reason: &str,
) -> Result<ProspectAssessment, GradeError> {
    let suggested = answers.suggested_grade(scale);
    let grade = chosen.map_or(suggested, |g| scale.fit(g));
    let reason = reason.trim();
    if grade != suggested && reason.is_empty() {
        return Err(GradeError::ReasonRequired);
    }
    let reason = if grade == suggested { String::new() } else { reason.to_string() };
    Ok(ProspectAssessment { answers, suggested, grade, reason })
}
