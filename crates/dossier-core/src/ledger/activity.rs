//! 活动历史 (seed 000: 资料寄送, 市场活动, 问卷调查, 礼品发放, 信息发送, 日程安排) and 介绍人
//! (无限连锁介绍法: who introduced this customer).

use crate::primitives::ledger_codes::ActivityKind;
use chrono::NaiveDate;

record! {
    /// One item of the activity history, with what it cost us.
    pub struct Activity {
        #[serde(rename = "k")]
        pub kind: ActivityKind,
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub note: String,
        /// What it cost us (公司投入记录), fen.
        #[serde(rename = "fen")]
        pub cost_fen: i64,
    }
}

record! {
    /// Recorded on the referred customer. At least one way of naming the referrer is given.
    pub struct Referral {
        #[serde(rename = "d")]
        pub date: NaiveDate,
        /// The referrer when it is a customer in the archive (counts towards VIP).
        #[serde(rename = "byc")]
        pub by_customer: Option<String>,
        /// A person at the referring customer.
        #[serde(rename = "byp")]
        pub by_contact: Option<String>,
        /// The referrer's name as written on the 介绍记录.
        #[serde(rename = "by")]
        pub by_name: String,
        pub note: String,
    }
}
