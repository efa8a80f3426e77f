//! The warning signs of a credit investigation (客户信用调查时应注意的事项, seed 004; DOMAIN §5):
//! four checklists — the operator (经营者), the company (企业内状况), funds (资金状况) and
//! payment (支付情况) — every item of the seed, ticked with the date of the review; the urgent
//! report (紧急报告); and the countermeasures for worsening credit (对策).
//!
//! **Urgent report.** The seed: when a customer's credit changes suddenly the rep reports straight
//! to the superior as an urgent report and acts only on the superior's explicit instruction
//! (必须有上司的明确指示，不得擅自处理). A review is urgent when it flags a sudden change, or ticks
//! any sign of the payment group, or ticks at least N signs (default 3) — the last two and N are
//! our choice.
//!
//! Wire names of a [`SignReview`]: `d` date, `s` the ticked signs' codes, `sc` sudden change,
//! `by`, `n` note; of a [`CountermeasureTaken`]: `m` the measure's code, `d`, `by`, `n`.
//!
//! The seed writes 高息货款 for what is plainly 高息贷款 (high-interest loans); the label reads
//! 贷款. Otherwise the labels are the seed's questions turned into statements.

use super::settings::CreditSettings;
use crate::primitives::lang::Lang;
use chrono::NaiveDate;

coded! {
    /// The four checklists, in the seed's order.
    pub enum SignGroup {
        Operator = "operator", "经营者", "The operator";
        Company = "company", "企业内部状况", "The company";
        Funds = "funds", "资金状况", "Funds";
        Payment = "payment", "支付情况", "Payment";
    }
}

coded! {
    /// One warning sign (seed 004), grouped by the first letter of its code (`o_`, `c_`, `f_`,
    /// `p_`).
    pub enum Sign {
        // 1. 经营者
        OGloomy = "o_gloomy", "家庭气氛和店铺内气氛冷淡、灰暗", "gloomy home or shop";
        OMarriage = "o_marriage", "夫妇关系紧张", "tense marriage";
        OPrinciples = "o_principles", "所作所为有悖于本公司的理念", "acts against our principles";
        OVices = "o_vices", "有赌博、酗酒等不良嗜好", "gambling or drinking";
        ONeglect = "o_neglect", "对工作放任自流", "neglects the business";
        ODistracted = "o_distracted", "三心二意", "distracted";
        ONoPolicy = "o_no_policy", "没有明确的经营方针", "no clear policy";
        OPowerStruggle = "o_power", "经营者之间争权夺利", "power struggles among the owners";
        OAloof = "o_aloof", "高高在上，只管发号施令", "aloof, only gives orders";
        OErratic = "o_erratic", "颠三倒四，朝令夕改", "erratic orders";
        OElusive = "o_elusive", "行踪飘忽不定", "hard to find";
        OSecretive = "o_secretive", "经常窃窃私语，神秘兮兮", "secretive";
        // 2. 企业内部状况
        CDisunited = "c_disunited", "职工不团结", "staff not united";
        CDisobey = "c_disobey", "职工不能令行禁止", "orders not followed";
        CPoorWork = "c_poor_work", "职工不能按时、按质完成工作任务", "work late or poor";
        CTurnover = "c_turnover", "职工流动率居高不下", "high staff turnover";
        CDiscipline = "c_discipline", "职工纪律松懈", "loose discipline";
        CComplain = "c_complain", "职工向企业外部人员倾诉牢骚", "staff complain to outsiders";
        CMessy = "c_messy", "办公场地杂乱无章", "messy premises";
        CIdle = "c_idle", "职工整天与报纸和茶水为伍", "idle staff";
        CEmbezzle = "c_embezzle", "职工化公为私", "embezzlement";
        CUnderprice = "c_underprice", "职工违反规定，低价出售，中饱私囊", "staff selling below price for themselves";
        CStock = "c_stock", "库存量急剧增减", "stock rising or falling sharply";
        CCustomers = "c_customers", "与主要客户的关系不稳固", "unstable relations with main customers";
        CBossAway = "c_boss_away", "领导不在时职工兴高采烈", "staff cheerful when the boss is away";
        // 3. 资金状况
        FCashShort = "f_cash_short", "手持现金不足，提前收回货款", "short of cash, collecting early";
        FDiscount = "f_discount", "持票据贴现", "discounting notes";
        FDelayDebts = "f_delay_debts", "延期支付债务", "delaying debts";
        FAccommodation = "f_accommodation", "出现预收款融资票据和借入性融通票据", "accommodation notes";
        FFireSale = "f_fire_sale", "为筹资而低价抛售", "fire sales to raise cash";
        FEarlyCollect = "f_early_collect", "提前回收赊销款", "collecting credit sales early";
        FHighInterest = "f_high_interest", "开始利用高息贷款", "high-interest loans";
        FAvoidCreditors = "f_avoid", "开始躲债", "avoiding creditors";
        FBank = "f_bank", "与业务银行关系紧张", "strained relation with its bank";
        FLenders = "f_lenders", "经营者经常奔走于各类金融机构", "owner running between lenders";
        FOthersUnpaid = "f_others_unpaid", "听说其他债权者无法索回货款", "other creditors not paid";
        FDishonoured = "f_dishonoured", "票据被银行拒付", "notes dishonoured";
        FFrozen = "f_frozen", "银行帐户被冻结", "bank account frozen";
        // 4. 支付情况
        PMissed = "p_missed", "不能如约付款", "misses agreed payment";
        PCashLate = "p_cash_late", "推迟现金支付日", "delays cash payment";
        PNotesLate = "p_notes_late", "推迟签发票据", "delays issuing notes";
        PExtendNote = "p_extend_note", "要求票据延期", "asks to extend notes";
        PNoNotice = "p_no_notice", "托辞本公司的付款通知书未到", "claims our payment notice never arrived";
        PSmallLoans = "p_small_loans", "开始进行小额融资", "starts small borrowing";
        PEvasive = "p_evasive", "对催付货款搪塞应付", "evasive when asked to pay";
        PSmallUnpaid = "p_small_unpaid", "小额货款都不能支付", "cannot pay even small amounts";
        PDishonoured = "p_dishonoured", "票据被银行拒付", "notes dishonoured";
        PExtendAll = "p_extend_all", "要求延长全部票据的支付期限", "asks to extend all notes";
    }
}

impl Sign {
    pub fn group(self) -> SignGroup {
        match self.code().as_bytes().first() {
            Some(b'o') => SignGroup::Operator,
            Some(b'c') => SignGroup::Company,
            Some(b'f') => SignGroup::Funds,
            _ => SignGroup::Payment,
        }
    }

    /// The checklist of one group, in the seed's order.
    pub fn of_group(group: SignGroup) -> impl Iterator<Item = Sign> {
        Sign::ALL.iter().copied().filter(move |s| s.group() == group)
    }
}

record! {
    /// One review (调查) with the signs ticked on its date. Wire names in the module docs.
    pub struct SignReview {
        #[serde(rename = "d")]
        pub date: NaiveDate,
        #[serde(rename = "s")]
        pub signs: Vec<Sign>,
        /// The rep saw the customer's credit change suddenly (信用状况突变).
        #[serde(rename = "sc")]
        pub sudden_change: bool,
        pub by: String,
        #[serde(rename = "n")]
        pub note: String,
    }
}

impl SignReview {
    /// The ticked signs, each once, in the checklists' order.
    pub fn distinct(&self) -> Vec<Sign> {
        let mut v = self.signs.clone();
        v.sort();
        v.dedup();
        v
    }

    /// Signs ticked per group, in [`SignGroup`] order.
    pub fn counts(&self) -> [usize; 4] {
        let mut out = [0; 4];
        for s in self.distinct() {
            let i = SignGroup::ALL.iter().position(|g| *g == s.group()).unwrap_or(0);
            out[i] += 1;
        }
        out
    }
}

/// Why a review is an urgent report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrgentReason {
    /// The rep flagged a sudden change.
    SuddenChange,
    /// `count` signs ticked, the threshold being `threshold`.
    ManySigns { count: usize, threshold: u8 },
    /// Signs of the payment group (any one is enough).
    PaymentSigns(Vec<Sign>),
}

impl UrgentReason {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            UrgentReason::SuddenChange => lang.pick("信用状况突变", "credit changed suddenly").to_string(),
            UrgentReason::ManySigns { count, threshold } => match lang {
                Lang::Zh => format!("发现 {count} 项危险迹象（{threshold} 项即须紧急报告）"),
                Lang::En => format!("{count} warning signs ({threshold} make an urgent report)"),
            },
            UrgentReason::PaymentSigns(signs) => {
                let l = signs.iter().map(|s| s.label(lang)).collect::<Vec<_>>().join(lang.pick("、", ", "));
                match lang {
                    Lang::Zh => format!("支付情况异常：{l}"),
                    Lang::En => format!("payment signs: {l}"),
                }
            }
        }
    }
}

/// An urgent report a review raises: its reasons. It waits for the superior's explicit
/// instruction; the rep must not act alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Urgency {
    pub reasons: Vec<UrgentReason>,
}

impl Urgency {
    /// "紧急报告：…。必须有上司的明确指示，不得擅自处理。"
    pub fn message(&self, lang: Lang) -> String {
        let r = self.reasons.iter().map(|r| r.message(lang)).collect::<Vec<_>>().join(lang.pick("；", "; "));
        match lang {
            Lang::Zh => format!("紧急报告：{r}。必须有上司的明确指示，不得擅自处理。"),
            Lang::En => format!("Urgent report: {r}. Act only on the superior's explicit instruction, never alone."),
        }
    }
}

/// Whether `review` is an urgent report under `s` (module docs), and why.
pub fn urgent_report(review: &SignReview, s: &CreditSettings) -> Option<Urgency> {
    let signs = review.distinct();
    let mut reasons = Vec::new();
    if review.sudden_change {
        reasons.push(UrgentReason::SuddenChange);
    }
    let threshold = s.urgent_signs.max(1);
    if signs.len() >= usize::from(threshold) {
        reasons.push(UrgentReason::ManySigns { count: signs.len(), threshold });
    }
    let payment: Vec<Sign> = signs.iter().copied().filter(|x| x.group() == SignGroup::Payment).collect();
    if !payment.is_empty() {
        reasons.push(UrgentReason::PaymentSigns(payment));
    }
    (!reasons.is_empty()).then_some(Urgency { reasons })
}

coded! {
    /// 对于信用状况恶化的客户的对策 (seed 004).
    pub enum Countermeasure {
        Guarantor = "guarantor", "担保人和连带担保人", "Guarantor and joint guarantor";
        Deposit = "deposit", "增加信用保证金", "Higher credit deposit";
        Notarised = "notary", "合同公证", "Notarised contract";
        RestrictSupply = "restrict", "减少供货量或发货限制", "Reduced or restricted deliveries";
        Subrogation = "subrogation", "代位偿债和代物偿债", "Subrogation or payment in kind";
    }
}

#[allow(clippy::derivable_impls)] // `coded!` owns the derive list
impl Default for Countermeasure {
    fn default() -> Self {
        Countermeasure::Guarantor
    }
}

impl Countermeasure {
    /// What it means, in the seed's words.
    pub fn detail(self, lang: Lang) -> &'static str {
        match self {
            Countermeasure::Guarantor => lang.pick("要求客户提供担保人和连带担保人", "ask the customer for a guarantor and a joint guarantor"),
            Countermeasure::Deposit => lang.pick("增加信用保证金", "raise the credit deposit"),
            Countermeasure::Notarised => lang.pick("交易合同取得公证", "have the contract notarised"),
            Countermeasure::RestrictSupply => lang.pick("减少供货量或实行发货限制", "reduce deliveries or restrict shipping"),
            Countermeasure::Subrogation => lang.pick(
                "接受代位偿债和代物偿债：有担保人的，向担保人追债；有抵押物担保的，接受抵押物还债",
                "accept subrogation or payment in kind: collect from the guarantor; accept the collateral in payment",
            ),
        }
    }
}

record! {
    /// A countermeasure chosen, with the day and who. Wire names in the module docs.
    pub struct CountermeasureTaken {
        #[serde(rename = "m")]
        pub measure: Countermeasure,
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub by: String,
        #[serde(rename = "n")]
        pub note: String,
    }
}
