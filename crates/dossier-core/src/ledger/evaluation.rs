//! 客户情况综合评价表 (seed 004): filled by the manager periodically, kept with its date. Each of
//! the seed's ten rows has the columns 客户资料, 评语, 存在的问题, 改进措施; the app fills 客户资料
//! from the archive where it can (`analysis`), the manager writes the rest.

use crate::primitives::ledger_codes::EvalItem;
use chrono::NaiveDate;

record! {
    /// One row of the table.
    pub struct EvalRow {
        #[serde(rename = "k")]
        pub item: EvalItem,
        /// 客户资料.
        pub data: String,
        /// 评语.
        pub comment: String,
        /// 存在的问题.
        #[serde(rename = "prob")]
        pub problems: String,
        /// 改进措施.
        #[serde(rename = "meas")]
        pub measures: String,
    }
}

record! {
    /// The table as filled on one day.
    pub struct Evaluation {
        #[serde(rename = "d")]
        pub date: NaiveDate,
        /// 评价人.
        pub by: String,
        /// The rows with anything written, in the seed's order.
        pub rows: Vec<EvalRow>,
    }
}

impl Evaluation {
    pub fn row(&self, item: EvalItem) -> Option<&EvalRow> {
        self.rows.iter().find(|r| r.item == item)
    }
}
