//! The words of the card's 信用 section and the 客户信用调查报告: each a (中文, English) pair, so
//! neither language can be missing. Refusals are worded by the core (`ProfileError::message`,
//! `ApprovalError::message`, `CreditError::message`) or by `CreditFailure::text`.

use chrono::NaiveDate;
use dossier_core::{format_yuan_grouped, Lang};

pub use super::grading::{tr, Pair};

/// Money as shown everywhere in the section: `¥1,234.50`.
pub fn yuan(fen: i64) -> String {
    format!("¥{}", format_yuan_grouped(fen))
}

/// A day as `2026-12-01`.
pub fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Basis points as a percentage with two decimals at most: `9250` → `92.5 %`.
pub fn percent(bp: i64) -> String {
    dossier_core::credit::percent(bp)
}

/// `{n}` in a pair replaced.
pub fn fill(lang: Lang, pair: Pair, n: &str) -> String {
    tr(lang, pair).replace("{n}", n)
}

pub const TITLE: Pair = ("信用", "Credit");
pub const LIMIT_IN_FORCE: Pair = ("信用限度", "Credit limit");
pub const NO_LIMIT: Pair = ("未核定信用限度", "No credit limit approved");
pub const EXPOSURE: Pair = ("信用占用额", "Exposure");
pub const UTILISATION: Pair = ("占用率", "Utilisation");
pub const NO_UTILISATION: Pair = ("无限度，无从计算", "no limit: nothing to compare with");
pub const CLASS: Pair = ("信用等级", "Credit class");
pub const NO_CLASS: Pair = ("未定级", "Not classed");
pub const NEXT_REPORT: Pair = ("下次书面报告 ", "next written report ");
pub const REPORT_DUE: Pair = ("（已到期）", " (due)");
pub const URGENT_WAITING: Pair = ("待上司指示的紧急报告：{n} 份", "Urgent reports waiting for an instruction: {n}");
pub const PRINT_REPORT: Pair = ("打印信用调查报告", "Print credit report");
pub const SAVED: Pair = ("已保存", "Saved");

// 信用资料
pub const PROFILE: Pair = ("信用资料", "Credit profile");
pub const PROFILE_EDIT: Pair = ("更新信用资料", "Update the credit profile");
pub const PROFILE_NONE: Pair = ("尚无信用资料。", "No credit profile yet.");
pub const PROFILE_INTRO: Pair = (
    "每项数字注明获悉日期与来源；留空表示不知道。保存后新增一条记录，旧的保留为历史。",
    "Each figure with the day it was learned and its source; leave a box empty when unknown. Saving adds a record; the old ones stay as history.",
);
pub const AMOUNT_YUAN: Pair = ("金额（元）", "Amount (yuan)");
pub const SHARE_PCT: Pair = ("比率（%）", "Share (%)");
pub const COUNT: Pair = ("个数", "Count");
pub const PERIOD_N: Pair = ("期限", "Period");
pub const LEARNED: Pair = ("获悉日期", "Learned on");
pub const SOURCE: Pair = ("来源", "Source");
pub const SCORECARD: Pair = ("综合判断法评分（各 1–5 分）", "Overall judgement scores (1–5 each)");
pub const NOT_SCORED: Pair = ("未评", "Not scored");
pub const PAYMENT_RECORD: Pair = ("支付状况", "Payment record");
pub const TRADE_VOLUME: Pair = ("交易额大小", "Trade volume");
pub const UNKNOWN: Pair = ("不详", "Unknown");
pub const NOTE: Pair = ("备注", "Note");
pub const BY: Pair = ("经办人", "By");
pub const SAVE_PROFILE: Pair = ("保存信用资料", "Save the credit profile");
pub const NOT_A_NUMBER: Pair = ("请填写数字", "enter a number");
pub const NOT_A_DATE: Pair = ("日期格式应为 2026-12-01", "a date reads like 2026-12-01");
pub const FIX_FIELDS: Pair = ("请先改正标出的栏目，尚未保存。", "Fix the marked boxes first: nothing was saved.");
pub const HISTORY_INFO: Pair = ("信用资料记录", "Credit profile history");

// The five methods and approval
pub const METHODS: Pair = ("五种方法测定的信用限度", "The limit by the five methods");
pub const PROPOSED: Pair = ("按信用等级建议", "Proposed for the class");
pub const NOT_APPLICABLE: Pair = ("不适用：", "Does not apply: ");
pub const APPROVE_THIS: Pair = ("核定此额度", "Approve this amount");
pub const APPROVE: Pair = ("核定信用限度", "Approve a credit limit");
pub const APPROVE_AMOUNT: Pair = ("限度金额（元）", "Limit (yuan)");
pub const APPROVE_BY: Pair = ("核定人", "Approved by");
pub const APPROVE_NOTE: Pair = ("说明（手动核定时必填）", "Note (required for an amount set by hand)");
pub const APPROVE_AS: Pair = ("按 ", "By ");
pub const APPROVE_MANUAL: Pair = ("手动核定：改了金额即为手动，须写说明。", "Set by hand: a changed amount is set by hand and needs a note.");
pub const APPROVE_CLEAR: Pair = ("改为手动", "Set by hand");
pub const APPROVE_SAVE: Pair = ("核定", "Approve");
pub const APPROVED: Pair = ("已核定信用限度 ", "Credit limit approved: ");
pub const APPROVALS: Pair = ("核定记录（最新在前）", "Approvals (latest first)");
pub const NO_APPROVALS: Pair = ("还没有核定过信用限度。", "No limit has been approved yet.");
pub const IN_FORCE: Pair = ("现行", "In force");
pub const AMOUNT_REQUIRED: Pair = ("请填写限度金额", "enter the limit");

// Held orders and releases
pub const HELD: Pair = ("信用冻结的订单", "Orders held by credit");
pub const NO_HELD: Pair = ("没有被信用冻结的订单。", "No order is held by credit.");
pub const ORDER: Pair = ("订单", "Order");
pub const RELEASE: Pair = ("放行", "Release");
pub const RELEASE_THIS: Pair = ("放行此订单", "Release this order");
pub const RELEASE_BY: Pair = ("经理姓名", "Manager's name");
pub const RELEASE_REASON: Pair = ("放行理由", "Reason for the release");
pub const RELEASE_PASS: Pair = ("经理口令", "Manager passphrase");
pub const RELEASE_CHECKING: Pair = ("正在校验口令…", "Checking the passphrase…");
pub const RELEASED: Pair = ("已放行：订单现为 ", "Released: the order is now ");
pub const RELEASED_WAITING: Pair = ("已放行，", "Released, ");
pub const RELEASES: Pair = ("放行记录", "Releases");
pub const NO_RELEASES: Pair = ("还没有放行记录。", "No release yet.");
pub const CHECK_THEN: Pair = ("放行时的检查：", "The check when released: ");

// Investigations
pub const INVESTIGATION: Pair = ("信用调查", "Credit investigation");
pub const NEW_INVESTIGATION: Pair = ("新的信用调查", "New investigation");
pub const SIGNS: Pair = ("预警信号（勾选看到的）", "Warning signs (tick what you saw)");
pub const SUDDEN: Pair = ("信用状况突变", "Credit changed suddenly");
pub const REVIEW_NOTE: Pair = ("调查备注", "Review note");
pub const ASSESSMENT: Pair = ("书面评估", "Written assessment");
pub const IS_REPORT: Pair = ("书面报告（按信用等级定期提交的客户信用调查报告）", "Written report (the credit report the class's cadence asks for)");
pub const SAVE_INVESTIGATION: Pair = ("保存调查", "Save the investigation");
pub const URGENT: Pair = ("紧急报告：须有上司的明确指示，不得擅自处理", "Urgent report: act only on the superior's explicit instruction");
pub const INSTRUCT_BY: Pair = ("上司姓名", "Superior's name");
pub const INSTRUCT_TEXT: Pair = ("上司指示", "The instruction");
pub const INSTRUCT: Pair = ("记录指示", "Record the instruction");
pub const INSTRUCTION: Pair = ("上司指示：", "Instruction: ");
pub const WAITING: Pair = ("待上司指示", "waiting for an instruction");
pub const PAST: Pair = ("调查记录", "Past investigations");
pub const NO_PAST: Pair = ("还没有信用调查。", "No investigation yet.");
pub const SIGNS_N: Pair = ("预警信号 {n} 项", "{n} warning signs");
pub const REPORT_KIND: Pair = ("书面报告", "Written report");
pub const REVIEW_KIND: Pair = ("调查", "Review");

// 客户调查表 (表2-6)
pub const SURVEY: Pair = ("客户调查表", "Customer survey form");
pub const SURVEY_FILL: Pair = ("填写客户调查表", "Fill in the survey form");
pub const HEAD: Pair = ("负责人", "Person in charge");
pub const FACTORY_MANAGER: Pair = ("厂长", "Factory manager");
pub const NAME: Pair = ("姓名", "Name");
pub const AGE: Pair = ("年龄", "Age");
pub const EDUCATION: Pair = ("程度", "Education");
pub const CHARACTER: Pair = ("性格", "Character");
pub const CONTACT: Pair = ("接洽人", "Contact");
pub const CONTACT_TITLE: Pair = ("职称", "Title");
pub const CONTACT_DUTIES: Pair = ("负责事项", "Responsible for");
pub const MANNER: Pair = ("经营方式", "Management style");
pub const BUSINESS: Pair = ("业务", "Business");
pub const SCOPE: Pair = ("业务范围", "Business scope");
pub const BUYERS: Pair = ("销货对象", "Sells to");
pub const PRICING: Pair = ("价格", "Pricing");
pub const YEARLY: Pair = ("每年业务金额（元）", "Yearly turnover (yuan)");
pub const PEAK: Pair = ("旺季（月份）", "Peak season (months)");
pub const PEAK_FEN: Pair = ("旺季月销售（元）", "Peak monthly sales (yuan)");
pub const LOW: Pair = ("淡季（月份）", "Low season (months)");
pub const LOW_FEN: Pair = ("淡季月销售（元）", "Low monthly sales (yuan)");
pub const ORGANISATION: Pair = ("组织", "Organisation");
pub const STAFF: Pair = ("职员人数", "Office staff");
pub const WORKERS: Pair = ("工员人数", "Workers");
pub const STAFF_TOTAL: Pair = ("合计", "Total");
pub const STANDING: Pair = ("同业地位", "Standing in the trade");
pub const PAY_ATTITUDE: Pair = ("付款态度", "Attitude to paying");
pub const PAY_TERM: Pair = ("付款期", "Payment term");
pub const PAY_METHOD: Pair = ("付款方式", "Payment method");
pub const PAY_PROCEDURE: Pair = ("付款手续", "Payment procedure");
pub const YEARS: Pair = ("与本公司往来", "Trade with us");
pub const YEAR: Pair = ("年度", "Year");
pub const PRODUCTS: Pair = ("主要采购产品", "Main products bought");
pub const AMOUNT: Pair = ("金额（元）", "Amount (yuan)");
pub const ADD_YEAR: Pair = ("加一年", "Add a year");
pub const REMOVE: Pair = ("删去", "Remove");
pub const SIGNED_HEAD: Pair = ("客户负责人", "Customer's head");
pub const SIGNED_REVIEWER: Pair = ("审核", "Reviewed by");
pub const SIGNED_INVESTIGATOR: Pair = ("调查人", "Investigator");

// Countermeasures
pub const COUNTERMEASURES: Pair = ("对策", "Countermeasures");
pub const MEASURE: Pair = ("对策", "Countermeasure");
pub const DATE: Pair = ("日期", "Date");
pub const TAKE: Pair = ("记录对策", "Record the countermeasure");
pub const NO_MEASURES: Pair = ("还没有采取对策。", "No countermeasure taken yet.");

// The report page
pub const REPORT_TITLE: Pair = ("客户信用调查报告", "Customer credit report");
pub const REPORT_AS_OF: Pair = ("报告日期 ", "As of ");
pub const REPORT_PRINT: Pair = ("打印", "Print");
pub const BACK_TO_CARD: Pair = ("返回客户资料卡", "Back to the card");
pub const FIGURE: Pair = ("项目", "Item");
pub const VALUE: Pair = ("数值", "Value");
pub const LATEST_INVESTIGATION: Pair = ("最近一次信用调查", "Latest investigation");
pub const NO_SIGNS: Pair = ("未勾选预警信号", "No warning sign ticked");
pub const METHOD: Pair = ("方法", "Method");
pub const RESULT: Pair = ("结果", "Result");
pub const WORKING: Pair = ("计算过程", "Working");
