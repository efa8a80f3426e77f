//! 客户投诉 (seeds 003 and 004): a complaint and its claim, kept in the customer's file.
//!
//! The steps are the seed's (受理 → 查明事实 → 提出解决办法 → 公平解决索赔 → 建议推销 → 建立商誉); what
//! each step needs before the complaint may stand at it is in `validate/complaints.rs`. A money
//! compensation, once settled, is also a 退赔折价 entry of the file ([`compensation_entry_id`]),
//! written in the same save, so the receivable goes down with it.

use super::Adjustment;
use crate::primitives::ledger_codes::{AdjustKind, ComplaintKind, ComplaintStep, Remedy, Responsibility};
use chrono::NaiveDate;

record! {
    /// One complaint. Status and owner are our choice (DOMAIN.md §10), the rest the seeds'.
    pub struct Complaint {
        #[serde(rename = "k")]
        pub kind: ComplaintKind,
        /// 受理日期.
        #[serde(rename = "d")]
        pub received: NaiveDate,
        /// What the customer said (让客户说明).
        pub said: String,
        /// The order or delivery it is about (an entry id of this file), if any.
        #[serde(rename = "ref")]
        pub about: Option<String>,
        /// 负责人: who handles it (a rep's name as written, and the rep's id when it is one).
        pub owner: String,
        #[serde(rename = "rid")]
        pub owner_id: String,
        #[serde(rename = "st")]
        pub step: ComplaintStep,
        /// 首次答复日期: the response time is from `received` to this.
        #[serde(rename = "ans")]
        pub answered: Option<NaiveDate>,
        /// 查明的事实.
        pub facts: String,
        /// 责任方 (待查 until the facts are established).
        #[serde(rename = "resp")]
        pub responsibility: Option<Responsibility>,
        /// When the fault is not ours: the meeting of everyone involved (customer, plants) and
        /// what it decided.
        pub meeting: String,
        /// 解决办法.
        pub solution: String,
        /// A long investigation was explained and the customer agreed in writing.
        pub agreed: bool,
        #[serde(rename = "rem")]
        pub remedy: Option<Remedy>,
        /// 金钱补偿, in fen (only with [`Remedy::Money`]).
        pub fen: i64,
        /// Who approved the compensation (退赔折价审批).
        #[serde(rename = "by")]
        pub approver: String,
        /// The departments told, so it does not recur.
        pub notified: String,
        /// The claim raised against the supplier (a supplier's fault).
        #[serde(rename = "sup")]
        pub supplier_claim: String,
        /// 建议推销: the further sale suggested.
        #[serde(rename = "sug")]
        pub suggestion: String,
        /// 解决日期.
        #[serde(rename = "res")]
        pub resolved: Option<NaiveDate>,
        /// 客户是否满意 (unanswered: `None`).
        #[serde(rename = "ok")]
        pub satisfied: Option<bool>,
        /// 回访: the follow-up after it was settled.
        pub follow: String,
    }
}

impl Complaint {
    /// The responsibility as decided so far (待查 when none is recorded).
    pub fn responsible(&self) -> Responsibility {
        self.responsibility.unwrap_or(Responsibility::Pending)
    }

    /// Days from receiving it to the first answer, if answered.
    pub fn response_days(&self) -> Option<i64> {
        self.answered.map(|a| (a - self.received).num_days())
    }

    /// Days from receiving it to its resolution, if resolved.
    pub fn days_to_resolve(&self) -> Option<i64> {
        self.resolved.map(|r| (r - self.received).num_days())
    }

    /// The money this complaint credits the customer with: a settled money compensation.
    pub fn compensation_fen(&self) -> i64 {
        if self.step.settled() && self.remedy == Some(Remedy::Money) { self.fen.max(0) } else { 0 }
    }
}

/// The id of the 退赔折价 entry that carries a complaint's money compensation: derived from the
/// complaint's id, so every device writes the same entry and an edit finds it again.
pub fn compensation_entry_id(complaint_id: &str) -> String {
    format!("{complaint_id}.comp")
}

/// The 退赔折价 a complaint writes with it (`commands::entries` writes it in the complaint's save,
/// the sample archive the same): its settled money compensation as an approved 赔偿 of that
/// amount, against the delivery it is about when `is_delivery` says that is one of the file's
/// live deliveries; `None` when there is no money compensation to book.
pub fn compensation_of(complaint_id: &str, c: &Complaint, is_delivery: impl Fn(&str) -> bool) -> Option<Adjustment> {
    let fen = c.compensation_fen();
    if fen <= 0 {
        return None;
    }
    let said: String = c.said.chars().take(60).collect();
    Some(Adjustment {
        kind: AdjustKind::Compensation,
        date: c.resolved.unwrap_or(c.received),
        fen,
        reason: format!("客户投诉赔偿 / complaint compensation：{said}"),
        responsibility: c.responsibility,
        approver: c.approver.clone(),
        approved: true,
        dlv: c.about.as_deref().filter(|d| is_delivery(d)).map(str::to_string),
        cmp: Some(complaint_id.to_string()),
    })
}

/// The form fields (`Form::Complaint` keys) a complaint must have filled to stand at `step`,
/// given the responsibility and remedy chosen: what `validate/complaints.rs` requires, in the
/// form's order. From 提出解决办法 the first answer, the facts, a responsibility other than 待查
/// and the solution; from 公平解决索赔 the resolved date, the departments notified, the remedy
/// (with money: the amount and who approved it), the meeting when the fault is not ours and the
/// claim against a supplier at fault; from 建议推销 the suggestion; at 建立商誉 whether the
/// customer is satisfied and the follow-up.
pub fn fields_needed(step: ComplaintStep, responsibility: Option<Responsibility>, remedy: Option<Remedy>) -> Vec<&'static str> {
    use ComplaintStep as S;
    let known = responsibility.filter(|r| *r != Responsibility::Pending);
    let not_ours = known.is_some_and(|r| r != Responsibility::Us);
    let money = remedy == Some(Remedy::Money);
    // (key, from which step, whether it applies) in the form's order.
    let rules: [(&'static str, ComplaintStep, bool); 13] = [
        ("answered", S::Proposed, true),
        ("facts", S::Proposed, true),
        ("responsibility", S::Proposed, true),
        ("meeting", S::Settled, not_ours),
        ("solution", S::Proposed, true),
        ("remedy", S::Settled, true),
        ("amount", S::Settled, money),
        ("approver", S::Settled, money),
        ("notified", S::Settled, true),
        ("supplier_claim", S::Settled, known == Some(Responsibility::Supplier)),
        ("suggestion", S::Suggested, true),
        ("resolved", S::Settled, true),
        ("satisfied", S::Goodwill, true),
    ];
    let mut out: Vec<&'static str> = rules.iter().filter(|(_, from, applies)| *applies && step >= *from).map(|(k, _, _)| *k).collect();
    if step >= S::Goodwill {
        out.push("follow");
    }
    out
}

/// The step after `step` (`None` at 建立商誉, the last).
pub fn next_step(step: ComplaintStep) -> Option<ComplaintStep> {
    let all = ComplaintStep::ALL;
    all.iter().position(|s| *s == step).and_then(|i| all.get(i + 1)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::schema::{Form, RawForm};
    use crate::ledger::{validate_entry, EntryKind, LedgerContext};
    use crate::validation::Problem;

    fn d(s: &str) -> NaiveDate {
        crate::validation::check::date(s).unwrap()
    }

    /// What the validation refuses as missing at a step, for a complaint with only the required
    /// fields (and the given responsibility and remedy) filled.
    fn refused(step: ComplaintStep, resp: Option<Responsibility>, remedy: Option<Remedy>) -> Vec<String> {
        let mut raw = RawForm::new();
        for (k, v) in [("kind", "quality"), ("received", "2026-03-01"), ("said", "破损"), ("owner", "王伟"), ("step", step.code())] {
            raw.insert(k.into(), v.into());
        }
        if let Some(r) = resp {
            raw.insert("responsibility".into(), r.code().into());
        }
        if let Some(r) = remedy {
            raw.insert("remedy".into(), r.code().into());
        }
        let ctx = LedgerContext::new("c", d("2025-01-01"), d("2026-03-15"), &[]);
        let errs = validate_entry(EntryKind::Complaint, &raw, &ctx).err().unwrap_or_default();
        errs.into_iter().filter(|e| matches!(e.problem, Problem::RequiredAtStep(_))).map(|e| e.field).collect()
    }

    #[test]
    fn fields_needed_are_what_validation_requires() {
        let resps = [None, Some(Responsibility::Pending), Some(Responsibility::Us), Some(Responsibility::Supplier), Some(Responsibility::Carrier), Some(Responsibility::Customer)];
        let remedies = [None, Some(Remedy::Replace), Some(Remedy::Money), Some(Remedy::Nothing)];
        for step in ComplaintStep::ALL {
            for resp in resps {
                for remedy in remedies {
                    let mut want: Vec<String> = fields_needed(*step, resp, remedy).into_iter().map(str::to_string).collect();
                    // Chosen already, so not missing.
                    let chosen = |k: &str| match k {
                        "responsibility" => resp.is_some_and(|r| r != Responsibility::Pending),
                        "remedy" => remedy.is_some(),
                        _ => false,
                    };
                    want.retain(|k| !chosen(k));
                    let order = |k: &String| Form::Complaint.fields().iter().position(|f| f.key == k);
                    want.sort_by_key(order);
                    let mut got = refused(*step, resp, remedy);
                    got.sort_by_key(order);
                    // A remedy conceded while the responsibility is 待查 is refused for that, not as missing.
                    if resp.is_none_or(|r| r == Responsibility::Pending) && matches!(remedy, Some(Remedy::Replace | Remedy::Money)) {
                        continue;
                    }
                    assert_eq!(got, want, "{step:?} {resp:?} {remedy:?}");
                }
            }
        }
    }

    #[test]
    fn steps_follow_each_other() {
        assert_eq!(next_step(ComplaintStep::Received), Some(ComplaintStep::Facts));
        assert_eq!(next_step(ComplaintStep::Suggested), Some(ComplaintStep::Goodwill));
        assert_eq!(next_step(ComplaintStep::Goodwill), None);
        assert_eq!(fields_needed(ComplaintStep::Facts, None, None), Vec::<&str>::new());
    }

    #[test]
    fn only_a_settled_money_compensation_is_booked() {
        let mut c = Complaint {
            received: d("2026-03-01"),
            said: "破损".into(),
            step: ComplaintStep::Settled,
            responsibility: Some(Responsibility::Us),
            remedy: Some(Remedy::Money),
            fen: 50_000,
            approver: "李经理".into(),
            resolved: Some(d("2026-03-05")),
            about: Some("dl1".into()),
            ..Complaint::default()
        };
        let a = compensation_of("c1", &c, |id| id == "dl1").unwrap();
        assert_eq!((a.fen, a.date, a.dlv.as_deref(), a.cmp.as_deref(), a.approved), (50_000, d("2026-03-05"), Some("dl1"), Some("c1"), true));
        assert_eq!(compensation_of("c1", &c, |_| false).unwrap().dlv, None);
        c.step = ComplaintStep::Proposed;
        assert!(compensation_of("c1", &c, |_| true).is_none());
    }
}
