//! 退赔折价 (seed 000 第五大类): returns, compensation and discounts, each with its reason and
//! who is responsible. Only approved ones reduce what the customer owes.

use crate::primitives::ledger_codes::{AdjustKind, Responsibility};
use chrono::NaiveDate;

record! {
    /// A return, compensation or discount (退赔折价); once approved it credits the customer.
    pub struct Adjustment {
        #[serde(rename = "k")]
        pub kind: AdjustKind,
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub fen: i64,
        #[serde(rename = "why")]
        pub reason: String,
        #[serde(rename = "resp")]
        pub responsibility: Option<Responsibility>,
        /// 批准人.
        #[serde(rename = "by")]
        pub approver: String,
        #[serde(rename = "ok")]
        pub approved: bool,
        /// The delivery it is against, if any: it is credited there first.
        pub dlv: Option<String>,
        /// The complaint whose settled money compensation this is ([`super::Complaint`]): it is
        /// written and changed only with that complaint.
        pub cmp: Option<String>,
    }
}
