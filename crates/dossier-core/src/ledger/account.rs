//! 交易开始与中止 (seed 004): trade with a company starts only on a 交易开始调查书 that the unit's
//! head has endorsed (单位主管认可) and the chairman approved (董事长承认); trade stops with the
//! reason, the customer leaves the active book (旧客户) and its original documents are kept.

use chrono::NaiveDate;

record! {
    /// 交易开始调查书: what the person in charge records before trade starts.
    pub struct TradeStart {
        /// 填写日期.
        #[serde(rename = "d")]
        pub date: NaiveDate,
        /// 负责者 (who filled it in).
        pub by: String,
        /// 交易内容: what is bought or sold.
        pub goods: String,
        /// 预计月交易额, in fen.
        pub fen: i64,
        /// 交易条件: payment terms.
        pub terms: String,
        /// 信用状况 as investigated.
        pub credit: String,
        pub note: String,
        /// 单位主管 and the day they endorsed it.
        pub head: String,
        #[serde(rename = "hd")]
        pub head_on: Option<NaiveDate>,
        /// 董事长 and the day they approved it.
        pub chair: String,
        #[serde(rename = "cd")]
        pub chair_on: Option<NaiveDate>,
    }
}

impl TradeStart {
    /// Approved: endorsed by the head and approved by the chairman.
    pub fn approved(&self) -> bool {
        self.head_on.is_some() && self.chair_on.is_some()
    }
}

record! {
    /// 中止交易: trade stopped (the card becomes 旧客户 in the same save).
    pub struct TradeStop {
        #[serde(rename = "d")]
        pub date: NaiveDate,
        #[serde(rename = "why")]
        pub reason: String,
        /// The original documents kept, and where (原始资料分别保管).
        pub kept: String,
        pub by: String,
    }
}
