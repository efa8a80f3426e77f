//! 回款 and 票据 (seed 000 第三大类). A note received pays receivables like a payment; if it is
//! dishonoured (拒付) that payment is void and the receivables reopen. Until settled its balance
//! counts in the credit exposure (seed 004: 未结算票据余额).

use chrono::NaiveDate;

coded! {
    pub enum PayMethod {
        Transfer = "transfer", "转账", "Bank transfer";
        Cash = "cash", "现金", "Cash";
        Cheque = "cheque", "支票", "Cheque";
        Other = "other", "其他", "Other";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for PayMethod {
    fn default() -> Self {
        PayMethod::Transfer
    }
}

record! {
    /// Part of a payment the user applied to one delivery by hand.
    pub struct Allocation {
        /// Id of the delivery entry.
        pub dlv: String,
        pub fen: i64,
    }
}

record! {
    /// Money received (回款). Pays open receivables; any excess is credit on account.
    pub struct Payment {
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub fen: i64,
        #[serde(rename = "m")]
        pub method: PayMethod,
        /// Empty: oldest due first. What is not allocated also goes oldest first.
        #[serde(rename = "alloc")]
        pub allocations: Vec<Allocation>,
        pub rep: String,
        pub note: String,
    }
}

coded! {
    pub enum BillKind {
        BankAcceptance = "bank", "银行承兑汇票", "Bank acceptance bill";
        CommercialAcceptance = "trade", "商业承兑汇票", "Commercial acceptance bill";
        Other = "other", "其他票据", "Other note";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for BillKind {
    fn default() -> Self {
        BillKind::BankAcceptance
    }
}

coded! {
    pub enum BillStatus {
        Unsettled = "open", "未结算", "Unsettled";
        Settled = "settled", "已结算", "Settled";
        Dishonoured = "dishonoured", "拒付", "Dishonoured";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for BillStatus {
    fn default() -> Self {
        BillStatus::Unsettled
    }
}

record! {
    /// A note (票据) received in payment: it pays on `received` unless dishonoured.
    pub struct Bill {
        #[serde(rename = "k")]
        pub kind: BillKind,
        pub no: String,
        pub fen: i64,
        /// When we received it: the day it pays receivables.
        #[serde(rename = "d")]
        pub received: NaiveDate,
        /// 出票日期, if known (an endorsed note was issued before we got it).
        #[serde(rename = "iss")]
        pub issued: Option<NaiveDate>,
        pub due: NaiveDate,
        #[serde(rename = "st")]
        pub status: BillStatus,
        pub rep: String,
        pub note: String,
    }
}

impl Bill {
    /// A dishonoured note pays nothing.
    pub fn pays(&self) -> bool {
        self.status != BillStatus::Dishonoured
    }
}
