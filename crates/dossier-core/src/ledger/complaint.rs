//! 客户投诉 (seeds 003 and 004): a complaint and its claim, kept in the customer's file.
//!
//! The steps are the seed's (受理 → 查明事实 → 提出解决办法 → 公平解决索赔 → 建议推销 → 建立商誉); what
//! each step needs before the complaint may stand at it is in `validate/complaints.rs`. A money
//! compensation, once settled, is also a 退赔折价 entry of the file ([`compensation_entry_id`]),
//! written in the same save, so the receivable goes down with it.

use crate::primitives::ledger_codes::{ComplaintKind, ComplaintStep, Remedy, Responsibility};
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
