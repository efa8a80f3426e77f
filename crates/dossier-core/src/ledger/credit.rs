//! 信用 records in a customer's file (issue 16): the credit profile as learned (信用资料), each
//! approved limit (信用限度核定), each investigation (客户信用调查: the warning-sign checklists, the
//! 客户调查表 of seed 000 表2-6 and the written assessment, with the superior's instruction when
//! it raised an urgent report), each countermeasure (对策), and each release of an order held by
//! credit (放行). They are entries like any other: their own id, stamps and tombstone, so two
//! devices adding them both keep them, they travel in bundles, and the history is the file. The
//! one in force is the latest by its date (then by creation).
//!
//! The rules themselves are in `crate::credit`; this module reads a file into their inputs:
//! [`CreditFacts`] (what the summary keeps for the 信用 page and 今日) and [`order_check`].

use super::{open_order_value_except, Entry, EntryBody, LedgerScratch, OrderStatus};
use crate::credit::{
    check_order, current_approval, Approval, CheckInput, CheckResult, CountermeasureTaken, CreditClass, CreditProfile,
    CreditSettings, SignReview,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

record! {
    /// 信用资料 as learned on `date`: the profile (each figure with its own date and channel), the
    /// credit class given, who recorded it and a note.
    pub struct CreditInfo {
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub by: String,
        #[serde(rename = "p")]
        pub profile: CreditProfile,
        #[serde(rename = "cls")]
        pub class: Option<CreditClass>,
        #[serde(rename = "n")]
        pub note: String,
    }
}

coded! {
    /// 经营方式 (表2-6).
    pub enum Manner {
        Active = "active", "积极", "Active";
        Conservative = "conservative", "保守", "Conservative";
        Steady = "steady", "踏实", "Steady";
        Unsettled = "unsettled", "不定", "Unsettled";
        Speculative = "speculative", "投机", "Speculative";
    }
}

coded! {
    /// 业务 (表2-6).
    pub enum Business {
        Booming = "booming", "兴隆", "Booming";
        Growing = "growing", "成长", "Growing";
        Stable = "stable", "稳定", "Stable";
        Declining = "declining", "衰退", "Declining";
        Unsettled = "unsettled", "不定", "Unsettled";
    }
}

coded! {
    /// 价格 (表2-6).
    pub enum Pricing {
        Fair = "fair", "合理", "Fair";
        High = "high", "偏高", "High";
        Low = "low", "偏低", "Low";
        Cutting = "cutting", "削价", "Price-cutting";
    }
}

coded! {
    /// 组织 (表2-6).
    pub enum Organisation {
        Stock = "stock", "股份有限公司", "Company limited by shares";
        Limited = "limited", "有限公司", "Limited company";
        Partnership = "partnership", "合伙店铺", "Partnership";
        Sole = "sole", "独资", "Sole proprietorship";
    }
}

coded! {
    /// 同业地位 (表2-6).
    pub enum Standing {
        Leader = "leader", "领导者", "Leader";
        Influential = "influential", "具影响", "Influential";
        First = "first", "一级", "First tier";
        Second = "second", "二级", "Second tier";
        Third = "third", "三级", "Third tier";
    }
}

record! {
    /// A person of the 客户调查表: 年龄, 程度 (education), 性格.
    pub struct SurveyPerson {
        pub name: String,
        pub age: Option<u16>,
        #[serde(rename = "edu")]
        pub education: String,
        #[serde(rename = "chr")]
        pub character: String,
    }
}

record! {
    /// One year of 与本公司往来: 年度, 主要采购产品, 金额.
    pub struct SurveyYear {
        #[serde(rename = "y")]
        pub year: i32,
        #[serde(rename = "p")]
        pub products: String,
        pub fen: i64,
    }
}

record! {
    /// 客户调查表 (seed 000 表2-6), every box of the seed's form.
    pub struct Survey {
        /// 负责人.
        #[serde(rename = "hd")]
        pub head: SurveyPerson,
        /// 厂长.
        #[serde(rename = "fm")]
        pub factory_manager: SurveyPerson,
        /// 接洽人 and 职称, 负责事项.
        #[serde(rename = "ct")]
        pub contact: String,
        #[serde(rename = "ctt")]
        pub contact_title: String,
        #[serde(rename = "ctd")]
        pub contact_duties: String,
        #[serde(rename = "mn")]
        pub manner: Option<Manner>,
        #[serde(rename = "bz")]
        pub business: Option<Business>,
        /// 业务范围, 销货对象.
        #[serde(rename = "sc")]
        pub scope: String,
        #[serde(rename = "cu")]
        pub buyers: String,
        #[serde(rename = "pr")]
        pub pricing: Option<Pricing>,
        /// 业务金额: 每年 (fen), 旺季 (months) and its monthly sales, 淡季 and its monthly sales.
        #[serde(rename = "yr")]
        pub yearly_fen: Option<i64>,
        #[serde(rename = "pk")]
        pub peak_months: String,
        #[serde(rename = "pkf")]
        pub peak_monthly_fen: Option<i64>,
        #[serde(rename = "lo")]
        pub low_months: String,
        #[serde(rename = "lof")]
        pub low_monthly_fen: Option<i64>,
        #[serde(rename = "org")]
        pub organisation: Option<Organisation>,
        /// 员工人数: 职员, 工员 (合计 is their sum).
        #[serde(rename = "stf")]
        pub staff: Option<u32>,
        #[serde(rename = "wkr")]
        pub workers: Option<u32>,
        #[serde(rename = "st")]
        pub standing: Option<Standing>,
        /// 付款: 态度, 付款期, 方式, 手续.
        #[serde(rename = "pa")]
        pub pay_attitude: String,
        #[serde(rename = "pt")]
        pub pay_term: String,
        #[serde(rename = "pm")]
        pub pay_method: String,
        #[serde(rename = "pp")]
        pub pay_procedure: String,
        /// 与本公司往来, by year.
        #[serde(rename = "ys")]
        pub years: Vec<SurveyYear>,
        /// Signatures: 客户负责人, 审核, 调查人.
        #[serde(rename = "sh")]
        pub signed_head: String,
        #[serde(rename = "sr")]
        pub signed_reviewer: String,
        #[serde(rename = "si")]
        pub signed_investigator: String,
    }
}

impl Survey {
    /// 员工人数合计.
    pub fn staff_total(&self) -> Option<u32> {
        match (self.staff, self.workers) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
        }
    }
}

record! {
    /// The superior's explicit instruction on an urgent report (必须有上司的明确指示).
    pub struct Instruction {
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub by: String,
        #[serde(rename = "t")]
        pub text: String,
    }
}

record! {
    /// 客户信用调查: the signs ticked on the review's date, the 客户调查表 when filled, the written
    /// assessment; `report`: it is the written credit report the class's cadence asks for;
    /// `urgent`: it raised an urgent report (decided when recorded, by the settings then), which
    /// waits for `instruction`.
    pub struct Investigation {
        #[serde(rename = "r")]
        pub review: SignReview,
        #[serde(rename = "sv")]
        pub survey: Option<Survey>,
        #[serde(rename = "a")]
        pub assessment: String,
        #[serde(rename = "rp")]
        pub report: bool,
        #[serde(rename = "u")]
        pub urgent: bool,
        #[serde(rename = "ins")]
        pub instruction: Option<Instruction>,
    }
}

impl Investigation {
    /// An urgent report still waiting for the superior's instruction.
    pub fn waiting(&self) -> bool {
        self.urgent && self.instruction.is_none()
    }
}

record! {
    /// 放行: a manager released an order held by credit (`oid`), with the reason.
    pub struct Release {
        pub oid: String,
        #[serde(rename = "d")]
        pub date: NaiveDate,
        pub by: String,
        #[serde(rename = "why")]
        pub reason: String,
        /// The check as it stood when released (its explanation), for the log.
        #[serde(rename = "chk")]
        pub check: String,
    }
}

/// What the summary keeps of a customer's credit, so the 信用 page and 今日 need no file read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditFacts {
    /// The approved limit in force (fen).
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    pub class: Option<CreditClass>,
    /// The last written credit report (an investigation marked as the report).
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub last_report: Option<NaiveDate>,
    /// The last investigation of any kind.
    #[serde(rename = "i", default, skip_serializing_if = "Option::is_none")]
    pub last_review: Option<NaiveDate>,
    /// Urgent reports waiting for an instruction: (entry id, date).
    #[serde(rename = "u", default, skip_serializing_if = "Vec::is_empty")]
    pub urgent: Vec<(String, NaiveDate)>,
    /// Value still to deliver of open orders (fen).
    #[serde(rename = "o", default, skip_serializing_if = "is_zero")]
    pub open_orders: i64,
    /// Orders held by credit (信用冻结).
    #[serde(rename = "b", default, skip_serializing_if = "is_zero_u")]
    pub blocked: u32,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

fn is_zero_u(n: &u32) -> bool {
    *n == 0
}

impl CreditFacts {
    pub fn is_empty(&self) -> bool {
        *self == CreditFacts::default()
    }

    /// The facts of one customer's file.
    pub fn of(entries: &[Entry]) -> CreditFacts {
        let mut out = CreditFacts { open_orders: open_order_value_except(entries, None), ..CreditFacts::default() };
        let approvals = approvals(entries);
        out.limit = current_approval(&approvals).map(|a| a.fen);
        out.class = current_info(entries).and_then(|i| i.class);
        for e in entries.iter().filter(|e| !e.deleted) {
            match &e.body {
                EntryBody::Investigation(i) => {
                    let d = i.review.date;
                    out.last_review = out.last_review.max(Some(d));
                    if i.report {
                        out.last_report = out.last_report.max(Some(d));
                    }
                    if i.waiting() {
                        out.urgent.push((e.id.clone(), d));
                    }
                }
                EntryBody::Order(o) if o.status == OrderStatus::Blocked => out.blocked = out.blocked.saturating_add(1),
                _ => {}
            }
        }
        out.urgent.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// When the next written report is due (by the class; never reported: due now), `None`
    /// without a class.
    pub fn next_report(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.class.and_then(|c| c.next_report(self.last_report, today))
    }
}

/// Which of two records is later: by its date, then by when it was made, then by id (so every
/// device picks the same one in force).
fn in_force_order(a: &Entry, a_date: NaiveDate, b: &Entry, b_date: NaiveDate) -> std::cmp::Ordering {
    a_date.cmp(&b_date).then_with(|| a.created.cmp(&b.created)).then_with(|| a.id.cmp(&b.id))
}

/// Live approvals in the order they were made (date, then creation), the last in force.
pub fn approvals(entries: &[Entry]) -> Vec<Approval> {
    let mut v: Vec<(&Entry, &Approval)> = entries
        .iter()
        .filter(|e| !e.deleted)
        .filter_map(|e| match &e.body {
            EntryBody::CreditLimit(a) => Some((e, a)),
            _ => None,
        })
        .collect();
    v.sort_by(|(ea, a), (eb, b)| in_force_order(ea, a.date, eb, b.date));
    v.into_iter().map(|(_, a)| a.clone()).collect()
}

/// The latest 信用资料 (by date, then creation).
pub fn current_info(entries: &[Entry]) -> Option<&CreditInfo> {
    entries
        .iter()
        .filter(|e| !e.deleted)
        .filter_map(|e| match &e.body {
            EntryBody::CreditInfo(i) => Some((e, i)),
            _ => None,
        })
        .max_by(|(ea, a), (eb, b)| in_force_order(ea, a.date, eb, b.date))
        .map(|(_, i)| i)
}

/// The order check of an order of `order_fen` (a credit sale unless `cash`) for the customer
/// whose file is `entries`, as of `today`; `skip`: the order being edited (its own value is the
/// new order, not an open one). Reads the file once for the open items.
pub fn order_check(entries: &[Entry], order_fen: i64, cash: bool, skip: Option<&str>, s: &CreditSettings, today: NaiveDate) -> CheckResult {
    let open = LedgerScratch::default().open_items(entries);
    let approvals = approvals(entries);
    let limit = current_approval(&approvals).map(|a| a.fen);
    let input = CheckInput {
        limit,
        receivables: &open.open,
        unsettled_notes: open.unsettled_notes,
        open_orders: open_order_value_except(entries, skip),
        order: order_fen.max(0),
        credit_sale: !cash,
    };
    check_order(&input, s, today)
}

/// Countermeasures taken, latest first.
pub fn countermeasures(entries: &[Entry]) -> Vec<&CountermeasureTaken> {
    let mut v: Vec<&CountermeasureTaken> = entries
        .iter()
        .filter(|e| !e.deleted)
        .filter_map(|e| match &e.body {
            EntryBody::Countermeasure(c) => Some(c),
            _ => None,
        })
        .collect();
    v.sort_by_key(|c| std::cmp::Reverse(c.date));
    v
}
