//! 回款 and 票据 (seed 000 第三大类). A note received pays receivables like a payment; if it is
//! dishonoured (拒付) that payment is void and the receivables reopen. Until settled its balance
//! counts in the credit exposure (seed 004: 未结算票据余额).

use crate::primitives::ledger_codes::{BillKind, BillStatus, PayMethod};
use chrono::NaiveDate;

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
        /// The rep by id, when the name given was one of the archive's reps (业务员); `rep` keeps
        /// the name as written, and is all an entry from before reps were linked has.
        #[serde(rename = "rid")]
        pub rep_id: String,
        pub note: String,
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
        /// The rep by id, when the name given was one of the archive's reps (业务员); `rep` keeps
        /// the name as written, and is all an entry from before reps were linked has.
        #[serde(rename = "rid")]
        pub rep_id: String,
        pub note: String,
    }
}

impl Bill {
    /// A dishonoured note pays nothing.
    pub fn pays(&self) -> bool {
        self.status != BillStatus::Dishonoured
    }
}
