//! The closed vocabularies of a customer's file (its ledger entries): visit methods, activity
//! kinds, order and note statuses… They sit here, below the ledger, because the forms
//! ([`crate::forms::schema`]) offer them as choices and a [`crate::validation::Problem`] names an
//! order's status; the ledger re-exports them beside the entries that use them.

// --- Visits (拜访) ---

coded! {
    pub enum VisitMethod {
        InPerson = "visit", "亲访", "In person";
        Phone = "tel", "电话", "Phone";
        CameToUs = "came", "来店", "Came to us";
        Mail = "dm", "直邮", "Direct mail";
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
    /// 责任方 (退赔折价原因、责任鉴定表); 待查: not yet established (a complaint under investigation).
    pub enum Responsibility {
        Us = "us", "本公司", "Our company";
        Customer = "customer", "客户", "Customer";
        Supplier = "supplier", "供货商", "Supplier";
        Carrier = "carrier", "承运方", "Carrier";
        Pending = "pending", "待查", "To be established";
    }
}

// --- Complaints (客户投诉, seeds 003 and 004) ---

coded! {
    /// 投诉类型.
    pub enum ComplaintKind {
        Quality = "quality", "商品质量", "Product quality";
        Contract = "contract", "购销合同", "Sales contract";
        Transport = "transport", "货物运输", "Transport";
        Service = "service", "服务", "Service";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for ComplaintKind {
    fn default() -> Self {
        ComplaintKind::Quality
    }
}

coded! {
    /// The claim steps of seed 004 (客户投诉处理), in order; the last closes the complaint.
    pub enum ComplaintStep {
        Received = "received", "受理", "Received";
        Facts = "facts", "查明事实", "Establishing the facts";
        Proposed = "proposed", "提出解决办法", "Solution proposed";
        Settled = "settled", "公平解决索赔", "Claim settled fairly";
        Suggested = "suggested", "建议推销", "Further sale suggested";
        Goodwill = "goodwill", "建立商誉", "Goodwill rebuilt";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for ComplaintStep {
    fn default() -> Self {
        ComplaintStep::Received
    }
}

impl ComplaintStep {
    /// Settled or later: the claim is decided (resolved date, remedy).
    pub fn settled(self) -> bool {
        self >= ComplaintStep::Settled
    }

    /// Still open: not yet 建立商誉.
    pub fn open(self) -> bool {
        self != ComplaintStep::Goodwill
    }
}

coded! {
    /// 赔偿方式: replace the product, or pay when no replacement exists (seed 004).
    pub enum Remedy {
        Replace = "replace", "调换", "Replacement";
        Money = "money", "金钱补偿", "Money compensation";
        Nothing = "none", "不予赔偿", "No compensation";
    }
}

// --- The overall evaluation (客户情况综合评价表, seed 004) ---

coded! {
    /// The rows of 客户情况综合评价表 (seed 004), in the seed's order.
    pub enum EvalItem {
        Basic = "basic", "客户的基本情况", "Basic situation";
        OrderQty = "order_qty", "每次订购产品的数量", "Quantity per order";
        OrderCount = "order_count", "订购产品的次数", "Number of orders";
        Share = "share", "占公司销售总额的比例", "Share of our sales";
        SellingCost = "selling_cost", "销售费用水平", "Selling cost level";
        CreditCost = "credit_cost", "贷款费用水平", "Credit cost level";
        View = "view", "客户对本公司的评价", "Their view of us";
        Support = "support", "客户对销售业务的支持程度", "Their support of our sales";
        VisitPlan = "visit_plan", "访问计划", "Visit plan";
        Delays = "delays", "延迟的情况", "Delays";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for EvalItem {
    fn default() -> Self {
        EvalItem::Basic
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
