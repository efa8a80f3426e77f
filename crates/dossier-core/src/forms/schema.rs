//! Field schema: one table per form so the app renders one generic form for every field.
//! Labels follow the seeds' wording (表2-2, 表2-7, 表2-8 and the 个体客户 checklist).

use crate::primitives::codes::{Category, Choice, ContactRole, Education, Gender, Influence, Marital, Nature, Storefront, Transport};
use crate::primitives::lang::Lang;
use crate::primitives::ledger_codes::{
    ActivityKind, AdjustKind, BillKind, BillStatus, ComplaintKind, ComplaintStep, DocKind, OrderStatus, PayMethod, Remedy,
    Responsibility, VisitMethod, VisitRole,
};

/// A form's values as entered, keyed by [`FieldDef::key`]; empty values are left out.
pub type RawForm = std::collections::BTreeMap<String, super::value::FieldValue>;

coded! {
    /// The four parts of a customer's data (表2-1).
    pub enum Part {
        Basic = "basic", "基础资料", "Basic data";
        Traits = "traits", "客户特征", "Characteristics";
        Business = "business", "业务状况", "Business status";
        Trading = "trading", "交易现状", "Trading status";
    }
}

/// Which form a field belongs to (a key like `name` exists in several).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    Individual,
    Enterprise,
    Contact,
    // Entries of the customer's file (`crate::ledger`).
    Visit,
    Activity,
    Referral,
    Order,
    Delivery,
    Payment,
    Bill,
    Return,
    Document,
    /// The credit records of the file: not a generic form (the card's 信用 section has its own).
    Credit,
    /// 客户投诉.
    Complaint,
    /// 客户情况综合评价表: ten rows × four columns, keys `<row>.<column>` ([`EVAL_COLUMNS`]).
    Evaluation,
    /// 交易开始调查书.
    TradeStart,
    /// 中止交易 (saved with the card's move to 旧客户, never as an entry alone).
    TradeStop,
}

impl Form {
    pub const ENTRIES: &'static [Form] = &[
        Form::Visit,
        Form::Activity,
        Form::Referral,
        Form::Order,
        Form::Delivery,
        Form::Payment,
        Form::Bill,
        Form::Return,
        Form::Document,
        Form::Complaint,
        Form::Evaluation,
        Form::TradeStart,
        Form::TradeStop,
    ];

    pub fn fields(self) -> &'static [FieldDef] {
        match self {
            Form::Individual => individual_fields(),
            Form::Enterprise => enterprise_fields(),
            Form::Contact => contact_fields(),
            Form::Visit => VISIT,
            Form::Activity => ACTIVITY,
            Form::Referral => REFERRAL,
            Form::Order => ORDER,
            Form::Delivery => DELIVERY,
            Form::Payment => PAYMENT,
            Form::Bill => BILL,
            Form::Return => RETURN,
            Form::Document => DOCUMENT,
            Form::Credit => &[],
            Form::Complaint => COMPLAINT,
            Form::Evaluation => EVALUATION,
            Form::TradeStart => TRADE_START,
            Form::TradeStop => TRADE_STOP,
        }
    }

    pub fn field(self, key: &str) -> Option<&'static FieldDef> {
        self.fields().iter().find(|f| f.key == key)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Column {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// How a field is entered, and so which [`super::value::FieldValue`] it holds: Bool a flag, Multi
/// codes, Rows cells in column order, every other input text (Date `YYYY-MM-DD`, Money yuan).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Text,
    TextArea,
    Tel,
    Email,
    Url,
    Date,
    Money,
    Integer,
    Choice(&'static [Choice]),
    Multi(&'static [Choice]),
    Bool,
    Rows(&'static [Column]),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldDef {
    pub key: &'static str,
    pub part: Part,
    pub zh: &'static str,
    pub en: &'static str,
    pub input: Input,
    pub required: bool,
    /// Kept back from hand-off bundles for sales staff (seed 000 发放制度).
    pub sensitive: bool,
    pub hint_zh: &'static str,
    pub hint_en: &'static str,
}

impl FieldDef {
    pub fn label(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }

    pub fn hint(&self, lang: Lang) -> &'static str {
        lang.pick(self.hint_zh, self.hint_en)
    }

    const fn new(key: &'static str, part: Part, zh: &'static str, en: &'static str, input: Input) -> FieldDef {
        FieldDef { key, part, zh, en, input, required: false, sensitive: false, hint_zh: "", hint_en: "" }
    }

    const fn required(mut self) -> FieldDef {
        self.required = true;
        self
    }

    const fn sensitive(mut self) -> FieldDef {
        self.sensitive = true;
        self
    }

    const fn with_hint(mut self, zh: &'static str, en: &'static str) -> FieldDef {
        self.hint_zh = zh;
        self.hint_en = en;
        self
    }
}

use FieldDef as F;
use Input::*;
use Part::*;

const MOBILE_HINT: (&str, &str) = ("11位手机号", "11-digit mobile");
const CREDIT_DAYS_HINT: (&str, &str) = ("出货后多少天到期收款，空白为 30 天", "days from delivery to payment due; blank means 30");
const PHONE_HINT: (&str, &str) = ("手机号或带区号的固话，如 010-12345678", "mobile or landline with area code, e.g. 010-12345678");
const DATE_HINT: (&str, &str) = ("年-月-日", "year-month-day");
const YUAN_HINT: (&str, &str) = ("元，最多两位小数", "yuan, up to 2 decimals");

pub const CHILD_COLUMNS: &[Column] = &[
    Column { key: "name", zh: "姓名", en: "Name" },
    Column { key: "age", zh: "年龄", en: "Age" },
];

pub const PRODUCT_COLUMNS: &[Column] = &[
    Column { key: "name", zh: "经营品种", en: "Product line" },
    Column { key: "share", zh: "比重(%)", en: "Share (%)" },
];

pub const DATE_COLUMNS: &[Column] = &[
    Column { key: "date", zh: "日期", en: "Date" },
    Column { key: "what", zh: "事由", en: "Occasion" },
];

static INDIVIDUAL: &[FieldDef] = &[
    // 基础资料
    F::new("name", Basic, "姓名", "Name", Text).required(),
    F::new("nickname", Basic, "昵称", "Nickname", Text).with_hint("小名", "what friends call them"),
    F::new("gender", Basic, "性别", "Gender", Input::Choice(Gender::CHOICES)),
    F::new("title", Basic, "职务", "Title", Text),
    F::new("company", Basic, "公司", "Company", Text),
    F::new("address", Basic, "地址", "Address", Text),
    F::new("office_phone", Basic, "办公电话", "Office phone", Tel).with_hint(PHONE_HINT.0, PHONE_HINT.1),
    F::new("home_phone", Basic, "住宅电话", "Home phone", Tel).with_hint(PHONE_HINT.0, PHONE_HINT.1),
    F::new("mobile", Basic, "手机", "Mobile", Tel).with_hint(MOBILE_HINT.0, MOBILE_HINT.1),
    F::new("email", Basic, "电子邮件", "E-mail", Email),
    F::new("birth_date", Basic, "出生日期", "Birth date", Date).with_hint(DATE_HINT.0, DATE_HINT.1),
    F::new("birthplace", Basic, "出生地", "Birthplace", Text),
    F::new("native_place", Basic, "籍贯", "Native place", Text),
    F::new("ethnicity", Basic, "民族", "Ethnicity", Text),
    F::new("id_number", Basic, "身份证号", "ID card number", Text)
        .sensitive()
        .with_hint("18位，选填", "18 characters, optional"),
    // 客户特征: education, family, interests, lifestyle
    F::new("education", Traits, "学历", "Education", Input::Choice(Education::CHOICES)),
    F::new("school", Traits, "毕业院校", "School", Text).with_hint("高中、大专、大学名称", "high school, college, university"),
    F::new("major", Traits, "所学专业", "Major", Text),
    F::new("graduated", Traits, "毕业时间", "Graduation date", Date),
    F::new("marital", Traits, "婚姻状况", "Marital status", Input::Choice(Marital::CHOICES)),
    F::new("spouse", Traits, "配偶姓名", "Spouse's name", Text),
    F::new("anniversary", Traits, "结婚纪念日", "Wedding anniversary", Date),
    F::new("children", Traits, "子女", "Children", Rows(CHILD_COLUMNS)),
    F::new("hobbies", Traits, "兴趣爱好", "Interests and hobbies", TextArea),
    F::new("clubs", Traits, "俱乐部及社团", "Clubs and associations", Text),
    F::new("sports", Traits, "喜欢的运动", "Favourite sports", Text),
    F::new("books", Traits, "喜读的书籍", "Favourite books", Text),
    F::new("dining", Traits, "偏好的菜式和餐馆", "Favourite food and restaurants", Text),
    F::new("habits", Traits, "烟酒习惯", "Drinking and smoking", Text),
    F::new("topics", Traits, "喜欢的话题", "Favourite topics", Text),
    F::new("health", Traits, "生活方式与健康", "Lifestyle and health", TextArea).sensitive(),
    F::new("taboo", Traits, "忌讳话题", "Topics to avoid", TextArea).sensitive(),
    // 业务状况: business background
    F::new("prev_jobs", Business, "以往工作", "Previous jobs", TextArea)
        .with_hint("公司、职衔、受雇时间", "company, title, period"),
    F::new("title_since", Business, "任现职日期", "In current title since", Date),
    F::new("associations", Business, "参与的职业及贸易团体", "Professional and trade associations", Text),
    F::new("goals", Business, "事业目标", "Career goals", TextArea),
    F::new("relation", Business, "与本公司的关系", "Relation with us", TextArea),
    // 交易现状
    F::new("purchases", Trading, "购买商品", "Purchases", TextArea),
    F::new("payment", Trading, "付款方式", "Payment method", Text),
    F::new("first_trade", Trading, "首次交易日期", "First trade date", Date),
    F::new("credit_days", Trading, "账期（天）", "Credit period (days)", Integer).with_hint(CREDIT_DAYS_HINT.0, CREDIT_DAYS_HINT.1),
    F::new("notes", Trading, "备注", "Notes", TextArea),
];

static ENTERPRISE: &[FieldDef] = &[
    // 基础资料
    F::new("name", Basic, "客户名称", "Customer name", Text).required(),
    F::new("address", Basic, "地址", "Address", Text),
    F::new("phone", Basic, "电话", "Phone", Tel).with_hint(PHONE_HINT.0, PHONE_HINT.1),
    F::new("fax", Basic, "传真", "Fax", Tel).with_hint("带区号，如 010-12345678", "with area code, e.g. 010-12345678"),
    F::new("postcode", Basic, "邮编", "Postcode", Text).with_hint("6位数字", "6 digits"),
    F::new("website", Basic, "网址", "Website", Url),
    F::new("email", Basic, "电子邮件", "E-mail", Email),
    F::new("nature", Basic, "性质", "Nature", Input::Choice(Nature::CHOICES)),
    F::new("category", Basic, "类别", "Category", Input::Choice(Category::CHOICES)),
    F::new("industry", Basic, "所属行业", "Industry", Text),
    F::new("legal_rep", Basic, "法定代表人", "Legal representative", Text),
    F::new("reg_number", Basic, "工商登记号", "Business registration no.", Text),
    F::new("tax_number", Basic, "税号", "Tax number", Text)
        .with_hint("18位统一社会信用代码", "18-character unified social credit code"),
    F::new("bank_account", Basic, "往来银行及帐号", "Bank and account", Text).sensitive(),
    F::new("registered_capital", Basic, "注册资金", "Registered capital", Money).with_hint(YUAN_HINT.0, YUAN_HINT.1),
    F::new("working_capital", Basic, "流动资金", "Working capital", Money).with_hint(YUAN_HINT.0, YUAN_HINT.1),
    F::new("opened", Basic, "开业日期", "Opening date", Date),
    F::new("first_trade", Basic, "首次交易日期", "First trade date", Date),
    // 客户特征
    F::new("business_area", Traits, "营业面积", "Business area", Integer).with_hint("平方米", "m²"),
    F::new("warehouse_area", Traits, "仓库面积", "Warehouse area", Integer).with_hint("平方米", "m²"),
    F::new("employees", Traits, "员工人数", "Employees", Integer),
    F::new("storefront", Traits, "店面", "Storefront", Input::Choice(Storefront::CHOICES)),
    F::new("vehicles", Traits, "车辆", "Vehicles", Integer).with_hint("辆", "count"),
    F::new("transport", Traits, "运输方式", "Transport", Multi(Transport::CHOICES)),
    F::new("coverage", Traits, "辐射范围", "Coverage area", Text),
    F::new("scope", Traits, "经营范围", "Business scope", TextArea),
    F::new("potential", Traits, "发展潜力", "Growth potential", TextArea),
    F::new("philosophy", Traits, "经营观念与方针", "Business philosophy and policy", TextArea),
    F::new("style", Traits, "经营特点", "Business style", TextArea),
    // 业务状况
    F::new("turnover", Business, "经营额", "Turnover", Money).with_hint("元/年", "yuan per year"),
    F::new("products", Business, "经营品种及比重", "Product lines and share", Rows(PRODUCT_COLUMNS)),
    F::new("developed", Business, "开发日期", "Development date", Date),
    F::new("developer", Business, "开发人", "Developed by", Text),
    F::new("management", Business, "经营管理者及销售人员素质", "Quality of managers and sales staff", TextArea),
    F::new("competitors", Business, "与竞争对手的关系", "Relations with competitors", TextArea),
    F::new("cooperation", Business, "与本公司的业务关系及合作态度", "Relation with us and attitude to cooperation", TextArea),
    // 交易现状
    F::new("payment", Trading, "付款方式", "Payment method", Text),
    F::new("credit_days", Trading, "账期（天）", "Credit period (days)", Integer).with_hint(CREDIT_DAYS_HINT.0, CREDIT_DAYS_HINT.1),
    F::new("terms", Trading, "交易条件", "Trade terms", TextArea),
    F::new("credit", Trading, "信用状况", "Credit status", TextArea),
    F::new("credit_issues", Trading, "出现过的信用问题", "Past credit problems", TextArea),
    F::new("activity", Trading, "销售活动现状", "Current sales activity", TextArea),
    F::new("problems", Trading, "存在的问题", "Problems", TextArea),
    F::new("strengths", Trading, "保持的优势", "Strengths", TextArea),
    F::new("plans", Trading, "未来的对策", "Plans", TextArea),
    F::new("reputation", Trading, "企业形象与声誉", "Image and reputation", TextArea),
];

static CONTACT: &[FieldDef] = &[
    F::new("name", Basic, "姓名", "Name", Text).required(),
    F::new("gender", Basic, "性别", "Gender", Input::Choice(Gender::CHOICES)),
    F::new("position", Basic, "职务", "Position", Text),
    F::new("roles", Basic, "角色", "Role", Multi(ContactRole::CHOICES)),
    F::new("influence", Basic, "决策影响力", "Decision influence", Input::Choice(Influence::CHOICES)),
    F::new("mobile", Basic, "手机", "Mobile", Tel).with_hint(MOBILE_HINT.0, MOBILE_HINT.1),
    F::new("office_phone", Basic, "电话", "Phone", Tel).with_hint(PHONE_HINT.0, PHONE_HINT.1),
    F::new("email", Basic, "电子邮件", "E-mail", Email),
    F::new("address", Basic, "住址", "Address", Text),
    F::new("birth_date", Traits, "出生日期", "Birth date", Date),
    F::new("ethnicity", Traits, "民族", "Ethnicity", Text),
    F::new("marital", Traits, "婚否", "Marital status", Input::Choice(Marital::CHOICES)),
    F::new("dates", Traits, "重要日期", "Important dates", Rows(DATE_COLUMNS)),
    F::new("hobbies", Traits, "爱好", "Hobbies", Text),
    F::new("receives_mail", Trading, "邮件接收人", "Receives mail", Bool),
    F::new("receives_sms", Trading, "短信接收人", "Receives SMS", Bool),
    F::new("notes", Trading, "备注", "Notes", TextArea),
];

/// The unit (箱, 吨…) is last, after the price, so a row of the first three columns (orders
/// typed before the line-item grid, tools writing forms) still reads the same.
pub const ORDER_LINE_COLUMNS: &[Column] = &[
    Column { key: "product", zh: "品名", en: "Product" },
    Column { key: "qty", zh: "数量", en: "Quantity" },
    Column { key: "price", zh: "单价（元）", en: "Unit price (yuan)" },
    Column { key: "unit", zh: "单位", en: "Unit" },
];

/// The order line is its 1-based number as shown on the order.
pub const DELIVERY_LINE_COLUMNS: &[Column] = &[
    Column { key: "line", zh: "订单行号", en: "Order line" },
    Column { key: "qty", zh: "数量", en: "Quantity" },
];

/// The delivery is the id of a delivery entry (the app offers the open ones).
pub const ALLOCATION_COLUMNS: &[Column] = &[
    Column { key: "delivery", zh: "出货单", en: "Delivery" },
    Column { key: "amount", zh: "冲抵金额（元）", en: "Amount (yuan)" },
];

const REP: (&str, &str) = ("业务员", "Sales rep");
const NOTE: (&str, &str) = ("备注", "Notes");

// Visits, activities and referrals are the relation with us (业务状况); money and goods are the
// trading status (交易现状); documents are the basic data (客户基础资料, seed 000 第一大类).
static VISIT: &[FieldDef] = &[
    F::new("method", Business, "拜访方式", "Visit method", Input::Choice(VisitMethod::CHOICES)).required(),
    F::new("planned", Business, "预定拜访日期", "Planned date", Date).with_hint("与实际拜访日期至少填一个", "this or the actual date"),
    F::new("actual", Business, "实际拜访日期", "Actual date", Date).with_hint("不能晚于今天", "not after today"),
    F::new("rep", Business, "经办人", "Rep", Text).required(),
    F::new("with", Business, "同行人员", "Accompanied by", Multi(VisitRole::CHOICES)),
    F::new("purpose", Business, "拜访目的", "Purpose", TextArea),
    F::new("outcome", Business, "拜访结果", "Outcome", TextArea).with_hint("活动内容纪要、重要事项纪要", "what was discussed and agreed"),
    F::new("next_step", Business, "下一步", "Next step", TextArea),
    F::new("next_date", Business, "下次拜访日期", "Next visit", Date),
];

static ACTIVITY: &[FieldDef] = &[
    F::new("kind", Business, "活动类型", "Activity", Input::Choice(ActivityKind::CHOICES)).required(),
    F::new("date", Business, "日期", "Date", Date).required().with_hint("日程安排可填将来的日期", "only an appointment may be in the future"),
    F::new("note", Business, "活动内容纪要", "What was done", TextArea),
    F::new("cost", Business, "费用", "Cost", Money).with_hint(YUAN_HINT.0, YUAN_HINT.1),
];

static REFERRAL: &[FieldDef] = &[
    F::new("date", Business, "介绍日期", "Date referred", Date).required(),
    F::new("by_customer", Business, "介绍人（客户）", "Referred by (customer)", Text),
    F::new("by_contact", Business, "介绍人（人员）", "Referred by (person)", Text),
    F::new("by_name", Business, "介绍人姓名", "Referrer's name", Text).with_hint("客户、人员或姓名至少填一项", "a customer, a person or a name"),
    F::new("note", Business, "介绍记录", "Referral notes", TextArea),
];

static ORDER: &[FieldDef] = &[
    F::new("no", Trading, "合同/订单编号", "Contract / order no.", Text).required(),
    F::new("date", Trading, "签订日期", "Order date", Date).required(),
    F::new("lines", Trading, "订货明细", "Lines", Rows(ORDER_LINE_COLUMNS)).required(),
    F::new("status", Trading, "状态", "Status", Input::Choice(OrderStatus::CHOICES)),
    F::new("cash", Trading, "现款交易", "Cash sale", Bool).with_hint("款到发货或货到付款，不占用信用限度", "paid before or on delivery: uses no credit"),
    F::new("requested", Trading, "要求交货日期", "Requested delivery", Date),
    F::new("rep", Trading, REP.0, REP.1, Text).required(),
    F::new("note", Trading, NOTE.0, NOTE.1, TextArea),
];

static DELIVERY: &[FieldDef] = &[
    F::new("order", Trading, "订单", "Order", Text).required(),
    F::new("date", Trading, "出货日期", "Delivery date", Date).required(),
    F::new("lines", Trading, "出货明细", "Lines", Rows(DELIVERY_LINE_COLUMNS)).required(),
    F::new("due", Trading, "应收到期日", "Payment due", Date).with_hint("留空按信用期自动计算", "empty: delivery date + credit period"),
    F::new("note", Trading, NOTE.0, NOTE.1, TextArea),
];

static PAYMENT: &[FieldDef] = &[
    F::new("date", Trading, "回款日期", "Payment date", Date).required(),
    F::new("amount", Trading, "回款金额", "Amount", Money).required().with_hint(YUAN_HINT.0, YUAN_HINT.1),
    F::new("method", Trading, "付款方式", "Method", Input::Choice(PayMethod::CHOICES)),
    F::new("allocations", Trading, "指定冲抵", "Apply to deliveries", Rows(ALLOCATION_COLUMNS))
        .with_hint("留空则按到期日先后自动冲抵", "empty: oldest due first"),
    F::new("rep", Trading, REP.0, REP.1, Text),
    F::new("note", Trading, NOTE.0, NOTE.1, TextArea),
];

static BILL: &[FieldDef] = &[
    F::new("kind", Trading, "票据种类", "Kind of note", Input::Choice(BillKind::CHOICES)),
    F::new("no", Trading, "票据号码", "Note number", Text).required(),
    F::new("amount", Trading, "票面金额", "Face amount", Money).required().with_hint(YUAN_HINT.0, YUAN_HINT.1),
    F::new("received", Trading, "收票日期", "Date received", Date).required(),
    F::new("issued", Trading, "出票日期", "Issue date", Date),
    F::new("due", Trading, "到期日", "Due date", Date).required(),
    F::new("status", Trading, "结算状态", "Status", Input::Choice(BillStatus::CHOICES)),
    F::new("rep", Trading, REP.0, REP.1, Text),
    F::new("note", Trading, NOTE.0, NOTE.1, TextArea),
];

static RETURN: &[FieldDef] = &[
    F::new("kind", Trading, "退赔类型", "Kind", Input::Choice(AdjustKind::CHOICES)).required(),
    F::new("date", Trading, "日期", "Date", Date).required(),
    F::new("amount", Trading, "金额", "Amount", Money).required().with_hint(YUAN_HINT.0, YUAN_HINT.1),
    F::new("delivery", Trading, "出货单", "Delivery", Text).with_hint("留空则冲抵最早到期的应收", "empty: oldest receivable first"),
    F::new("reason", Trading, "退赔折价原因", "Reason", TextArea).required(),
    F::new("responsibility", Trading, "责任方", "Responsibility", Input::Choice(Responsibility::CHOICES)),
    F::new("approved", Trading, "已批准", "Approved", Bool).with_hint("批准后才冲减应收", "only approved ones reduce the receivable"),
    F::new("approver", Trading, "批准人", "Approved by", Text),
];

/// 客户是否满意: yes, no, or not asked yet (left empty).
pub const SATISFIED_CHOICES: &[Choice] = &[
    Choice { code: "yes", zh: "满意", en: "Satisfied" },
    Choice { code: "no", zh: "不满意", en: "Not satisfied" },
];

static COMPLAINT: &[FieldDef] = &[
    F::new("kind", Trading, "投诉类型", "Type", Input::Choice(ComplaintKind::CHOICES)).required(),
    F::new("received", Trading, "受理日期", "Received on", Date).required(),
    F::new("said", Trading, "客户投诉内容", "What the customer said", TextArea).required().with_hint("让客户把话说完，照实记录", "let the customer explain; write it down as said"),
    F::new("about", Trading, "相关订单或出货", "Order or delivery concerned", Text),
    F::new("owner", Trading, "负责人", "Handled by", Text).required(),
    F::new("step", Trading, "处理进度", "Step", Input::Choice(ComplaintStep::CHOICES)).required(),
    F::new("answered", Trading, "首次答复日期", "First answered on", Date).with_hint("用于计算响应时间", "gives the response time"),
    F::new("facts", Trading, "查明的事实", "Facts established", TextArea).with_hint("原因不明时先调查，调查期间不作任何承诺", "if the cause is unclear, investigate first and concede nothing meanwhile"),
    F::new("responsibility", Trading, "责任方", "Responsibility", Input::Choice(Responsibility::CHOICES)),
    F::new("meeting", Trading, "协调会决定", "Meeting's decision", TextArea).with_hint("非本公司责任时，由客户、各厂等相关人员开会确定责任与赔偿", "when the fault is not ours, everyone involved (customer, plants) meets to settle responsibility and compensation"),
    F::new("agreed", Trading, "调查时间长，已说明并取得客户书面同意", "Long investigation explained; the customer agreed in writing", Bool),
    F::new("solution", Trading, "解决办法", "Solution", TextArea),
    F::new("remedy", Trading, "赔偿方式", "Remedy", Input::Choice(Remedy::CHOICES)).with_hint("先调换产品，无法调换时金钱补偿", "replace the product; pay only when it cannot be replaced"),
    F::new("amount", Trading, "补偿金额", "Compensation", Money).with_hint("金钱补偿时填写，结案时记入退赔折价", "for money compensation; entered as 退赔折价 when settled"),
    F::new("approver", Trading, "赔偿批准人", "Compensation approved by", Text),
    F::new("notified", Trading, "已通知的部门", "Departments notified", Text).with_hint("通知有关部门，防止再次发生", "tell the departments concerned so it does not recur"),
    F::new("supplier_claim", Trading, "向供货商索赔", "Claim against the supplier", TextArea),
    F::new("suggestion", Trading, "建议推销", "Further sale suggested", TextArea),
    F::new("resolved", Trading, "解决日期", "Resolved on", Date),
    F::new("satisfied", Trading, "客户是否满意", "Customer satisfied", Input::Choice(SATISFIED_CHOICES)),
    F::new("follow", Trading, "回访情况", "Follow-up", TextArea),
];

/// The columns of 客户情况综合评价表; a field of the evaluation form is `<row code>.<column key>`.
pub const EVAL_COLUMNS: &[Column] = &[
    Column { key: "data", zh: "客户资料", en: "Customer data" },
    Column { key: "comment", zh: "评语", en: "Comment" },
    Column { key: "problems", zh: "存在的问题", en: "Problems" },
    Column { key: "measures", zh: "改进措施", en: "Improvements" },
];

macro_rules! eval_row {
    ($code:literal, $zh:literal, $en:literal) => {
        [
            F::new(concat!($code, ".data"), Business, concat!($zh, "：客户资料"), concat!($en, ": customer data"), TextArea),
            F::new(concat!($code, ".comment"), Business, concat!($zh, "：评语"), concat!($en, ": comment"), TextArea),
            F::new(concat!($code, ".problems"), Business, concat!($zh, "：存在的问题"), concat!($en, ": problems"), TextArea),
            F::new(concat!($code, ".measures"), Business, concat!($zh, "：改进措施"), concat!($en, ": improvements"), TextArea),
        ]
    };
}

const EVAL_ROWS: [[FieldDef; 4]; 10] = [
    eval_row!("basic", "客户的基本情况", "Basic situation"),
    eval_row!("order_qty", "每次订购产品的数量", "Quantity per order"),
    eval_row!("order_count", "订购产品的次数", "Number of orders"),
    eval_row!("share", "占公司销售总额的比例", "Share of our sales"),
    eval_row!("selling_cost", "销售费用水平", "Selling cost level"),
    eval_row!("credit_cost", "贷款费用水平", "Credit cost level"),
    eval_row!("view", "客户对本公司的评价", "Their view of us"),
    eval_row!("support", "客户对销售业务的支持程度", "Their support of our sales"),
    eval_row!("visit_plan", "访问计划", "Visit plan"),
    eval_row!("delays", "延迟的情况", "Delays"),
];

const fn eval_fields() -> [FieldDef; 42] {
    let mut out = [F::new("date", Business, "评价日期", "Date", Date).required(); 42];
    out[1] = F::new("by", Business, "评价人", "Evaluated by", Text).required();
    let mut i = 0;
    while i < 40 {
        out[2 + i] = EVAL_ROWS[i / 4][i % 4];
        i += 1;
    }
    out
}

static EVALUATION: &[FieldDef] = &eval_fields();

static TRADE_START: &[FieldDef] = &[
    F::new("date", Trading, "填写日期", "Date", Date).required(),
    F::new("by", Trading, "负责者", "Filled in by", Text).required(),
    F::new("goods", Trading, "交易内容", "What is traded", TextArea).required(),
    F::new("amount", Trading, "预计月交易额", "Expected monthly trade", Money).with_hint(YUAN_HINT.0, YUAN_HINT.1),
    F::new("terms", Trading, "交易条件", "Terms of trade", TextArea).with_hint("付款方式、信用期间等", "payment method, credit period…"),
    F::new("credit", Trading, "信用状况", "Credit standing", TextArea),
    F::new("note", Trading, "其他必要事项", "Other matters", TextArea),
    F::new("head", Trading, "单位主管", "Head of unit", Text),
    F::new("head_on", Trading, "主管认可日期", "Endorsed on", Date),
    F::new("chair", Trading, "董事长", "Chairman", Text),
    F::new("chair_on", Trading, "董事长承认日期", "Approved on", Date).with_hint("承认后方可开始交易", "trade may start once approved"),
];

static TRADE_STOP: &[FieldDef] = &[
    F::new("date", Trading, "中止日期", "Stopped on", Date).required(),
    F::new("reason", Trading, "中止交易原因", "Why trade stopped", TextArea).required(),
    F::new("kept", Trading, "原始资料保管", "Original documents kept", TextArea).required().with_hint("原始资料分别保管：何种资料、存放何处", "which documents are kept, and where"),
    F::new("by", Trading, "经办人", "Handled by", Text).required(),
];

static DOCUMENT: &[FieldDef] = &[
    F::new("kind", Basic, "资料类型", "Document", Input::Choice(DocKind::CHOICES)).required(),
    F::new("date", Basic, "日期", "Date", Date).required(),
    F::new("name", Basic, "文件名", "File name", Text).required(),
    F::new("mime", Basic, "文件类型", "File type", Text).required().with_hint("图片或 PDF", "image or PDF"),
    F::new("size", Basic, "文件大小", "Size", Integer).required().with_hint("字节，不超过 10 MB", "bytes, at most 10 MB"),
    F::new("blob", Basic, "存储键", "Storage key", Text).required(),
    F::new("note", Basic, "说明", "Description", TextArea),
];

pub fn individual_fields() -> &'static [FieldDef] {
    INDIVIDUAL
}

pub fn enterprise_fields() -> &'static [FieldDef] {
    ENTERPRISE
}

pub fn contact_fields() -> &'static [FieldDef] {
    CONTACT
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn entry_forms_are_labelled_in_both_languages() {
        for &form in Form::ENTRIES {
            let keys: BTreeSet<_> = form.fields().iter().map(|f| f.key).collect();
            assert_eq!(keys.len(), form.fields().len(), "{form:?}");
            for f in form.fields() {
                assert!(!f.zh.is_empty() && !f.en.is_empty() && f.zh != f.en, "{form:?}.{}", f.key);
                assert!(!f.zh.contains('(') && !f.zh.contains(':'), "full-width punctuation: {}", f.zh);
                if let Rows(cols) = f.input {
                    assert!(cols.iter().all(|c| !c.zh.contains('(')), "{cols:?}");
                }
            }
        }
        assert_eq!(Form::Visit.field("actual").map(|f| f.zh), Some("实际拜访日期"));
        assert_eq!(Form::Order.field("lines").map(|f| f.input), Some(Rows(ORDER_LINE_COLUMNS)));
        assert_eq!(Form::Payment.field("amount").map(|f| f.input), Some(Money));
    }

    #[test]
    fn keys_are_unique_and_labelled() {
        for form in [Form::Individual, Form::Enterprise, Form::Contact] {
            let keys: BTreeSet<_> = form.fields().iter().map(|f| f.key).collect();
            assert_eq!(keys.len(), form.fields().len());
            for f in form.fields() {
                assert!(!f.zh.is_empty() && !f.en.is_empty());
            }
            assert!(form.field("name").is_some_and(|f| f.required));
        }
        assert_eq!(Form::Enterprise.field("bank_account").map(|f| f.sensitive), Some(true));
        assert_eq!(Part::Trading.label(Lang::Zh), "交易现状");
    }
}
