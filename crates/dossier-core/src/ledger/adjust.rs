//! 退赔折价 (seed 000 第五大类): returns, compensation and discounts, each with its reason and
//! who is responsible. Only approved ones reduce what the customer owes.

use chrono::NaiveDate;

coded! {
    pub enum AdjustKind {
        Return = "return", "退货", "Return";
        Compensation = "comp", "赔偿", "Compensation";
        Discount = "discount", "折价", "Discount";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for AdjustKind {
    fn default() -> Self {
        AdjustKind::Return
    }
}

coded! {
    /// 责任方 (退赔折价原因、责任鉴定表).
    pub enum Responsibility {
        Us = "us", "我方", "Us";
        Customer = "customer", "客户", "Customer";
        Carrier = "carrier", "承运方", "Carrier";
        Supplier = "supplier", "供应商", "Supplier";
    }
}

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
    }
}
