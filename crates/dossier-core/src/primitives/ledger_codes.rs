//! The closed vocabularies of a customer's file (its ledger entries): visit methods, activity
//! kinds, order and note statuses… They sit here, below the ledger, because the forms
//! ([`crate::forms::schema`]) offer them as choices and a [`crate::validation::Problem`] names an
//! order's status; the ledger re-exports them beside the entries that use them.

// --- Visits (拜访) ---

coded! {
    pub enum VisitMethod {
        InPerson = "visit", "亲访", "In person";
        Phone = "tel", "TEL", "Phone";
        CameToUs = "came", "来店", "Came to us";
        Mail = "dm", "DM", "Direct mail";
    }
}

// The usual kind of visit is the default, so it costs nothing on the wire.
#[allow(clippy::derivable_impls)]
impl Default for VisitMethod {
    fn default() -> Self {
        VisitMethod::InPerson
    }
}

coded! {
    /// Who came along besides the rep (经办人), in the seed's visit-plan columns.
    pub enum VisitRole {
        GroupLead = "lead", "组长", "Group lead";
        SectionHead = "section", "科长", "Section head";
        Manager = "manager", "经理", "Manager";
        GeneralManager = "gm", "总经理/副总经理", "General manager / deputy";
    }
}

// --- Activities (活动历史) ---

coded! {
    pub enum ActivityKind {
        Mailing = "mail", "资料寄送", "Mailing";
        Event = "event", "市场活动", "Marketing event";
        Survey = "survey", "问卷调查", "Survey";
        Gift = "gift", "礼品发放", "Gift";
        Message = "msg", "信息发送", "Message";
        Appointment = "appt", "日程安排", "Appointment";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for ActivityKind {
    fn default() -> Self {
        ActivityKind::Mailing
    }
}

// --- Contracts, orders and deliveries ---

coded! {
    /// `Blocked` is a credit hold: the order waits for a manager's release.
    pub enum OrderStatus {
        Draft = "draft", "草稿", "Draft";
        Open = "open", "待出货", "Open";
        Delivered = "delivered", "已出货", "Delivered";
        Closed = "closed", "已完结", "Closed";
        Cancelled = "cancelled", "已取消", "Cancelled";
        Blocked = "blocked", "信用冻结", "Credit hold";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for OrderStatus {
    fn default() -> Self {
        OrderStatus::Open
    }
}

// --- Payments and notes (回款, 票据) ---

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

// --- Returns, compensation and discounts (退赔折价) ---

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

// --- Documents (资料) ---

coded! {
    pub enum DocKind {
        Licence = "licence", "营业执照", "Business licence";
        TaxRegistration = "tax", "税务登记证", "Tax registration";
        PowerOfAttorney = "poa", "委托书", "Power of attorney";
        Contract = "contract", "合同", "Contract";
        VisitReport = "report", "拜访报告", "Visit report";
        Other = "other", "其他", "Other";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for DocKind {
    fn default() -> Self {
        DocKind::Other
    }
}
