//! 拜访: a visit planned and/or made (seed 003 visit card: 亲访 / TEL / 来店 / DM, 预定拜访日期,
//! 实际拜访日期), with whoever came along from the visit plan (seed 004 客户访问计划).

use crate::primitives::ledger_codes::{VisitMethod, VisitRole};
use chrono::NaiveDate;
use std::collections::BTreeSet;

record! {
    /// A visit planned, made, or both.
    pub struct Visit {
        #[serde(rename = "m")]
        pub method: VisitMethod,
        #[serde(rename = "pd")]
        pub planned: Option<NaiveDate>,
        /// When it happened; `None` while only planned.
        #[serde(rename = "d")]
        pub actual: Option<NaiveDate>,
        /// 经办人.
        pub rep: String,
        /// The rep by id, when the name given was one of the archive's reps (业务员); `rep` keeps
        /// the name as written, and is all an entry from before reps were linked has.
        #[serde(rename = "rid")]
        pub rep_id: String,
        pub with: BTreeSet<VisitRole>,
        #[serde(rename = "aim")]
        pub purpose: String,
        #[serde(rename = "out")]
        pub outcome: String,
        pub next: String,
        #[serde(rename = "nd")]
        pub next_date: Option<NaiveDate>,
    }
}
