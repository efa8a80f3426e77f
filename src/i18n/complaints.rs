//! The words of 客户投诉 (seeds 003 and 004): the complaints list (`#/complaints`), a complaint's
//! steps on the card, 今日's complaint items and their setting. Each a (中文, English) pair, read
//! with `grading::tr`; the types, steps and responsibilities are the core's labels
//! (`ComplaintKind`, `ComplaintStep`, `Responsibility`).

use super::grading::Pair;
use dossier_core::ledger::ComplaintStep;
use dossier_core::Lang;

pub const TITLE: Pair = ("客户投诉", "Complaints");
/// The link to the list from 今日 and the 信用 page.
pub const LINK: Pair = ("客户投诉一览", "All complaints");
pub const PRINCIPLES_TITLE: Pair = ("处理客户投诉的原则", "Principles of handling complaints");
/// Seed 004's four principles, in its order.
pub const PRINCIPLES: [Pair; 4] = [
    ("有章可循", "Rules to follow"),
    ("及时处理", "Handle promptly"),
    ("分清责任", "Establish responsibility"),
    ("留档分析", "Keep on file and analyse"),
];

// Filters.
pub const FILTER_KIND: Pair = ("投诉类型", "Type");
pub const FILTER_STEP: Pair = ("处理进度", "Step");
pub const FILTER_RESP: Pair = ("责任方", "Responsibility");
pub const FILTER_REP: Pair = ("负责人", "Handled by");
pub const ALL: Pair = ("全部", "All");
pub const OPEN_ONLY: Pair = ("未结案", "Open only");
pub const NO_OWNER: Pair = ("（未填写）", "(none)");

// Columns.
pub const COL_CUSTOMER: Pair = ("客户", "Customer");
pub const COL_RECEIVED: Pair = ("受理日期", "Received");
pub const COL_KIND: Pair = ("类型", "Type");
pub const COL_STEP: Pair = ("进度", "Step");
pub const COL_RESP: Pair = ("责任方", "Responsibility");
pub const COL_OWNER: Pair = ("负责人", "Handled by");
pub const COL_DAYS: Pair = ("处理天数", "Days");
pub const COL_COMP: Pair = ("补偿金额", "Compensation");

pub const EMPTY_TITLE: Pair = ("还没有客户投诉", "No complaints yet");
pub const EMPTY_BODY: Pair = (
    "在客户卡的档案中点“+ 客户投诉”记录投诉：让客户把话说完，照实记录，再按步骤处理。",
    "Record a complaint from a customer's file (“+ Complaint”): let the customer explain, write it down as said, then handle it step by step.",
);
pub const NONE_MATCH_TITLE: Pair = ("没有符合条件的投诉", "No complaint matches");
pub const SHOW_MORE: Pair = ("显示更多", "Show more");

// A complaint's steps on the card.
pub const STEPS_LABEL: Pair = ("处理进度", "Steps");
pub const NEXT_NEEDS: Pair = ("推进到下一步需填写：", "The next step needs: ");
pub const NEXT_NOTHING: Pair = ("推进到下一步无需另填必填项。", "The next step needs nothing more to be filled in.");
pub const CLOSED: Pair = ("已结案", "Closed");
pub const SATISFIED: Pair = ("客户满意", "customer satisfied");
pub const NOT_SATISFIED: Pair = ("客户不满意", "customer not satisfied");
/// Seed 004: a long investigation is explained to the customer and their agreement obtained in writing.
pub const LONG_INVESTIGATION: Pair = ("调查时间较长，请向客户说明并取得书面同意", "The investigation is taking long: explain it to the customer and obtain their written agreement");
pub const AGREED: Pair = ("已取得客户书面同意", "The customer agreed in writing");

// 今日's setting.
pub const DAYS_SETTING: Pair = ("投诉待处理：受理超过几天列入今日", "Open complaints on 今日 after (days since received)");

/// What each step asks of whoever handles the complaint (seed 004's method and claim handling).
pub fn step_hint(lang: Lang, step: ComplaintStep) -> &'static str {
    let pair: Pair = match step {
        ComplaintStep::Received => ("鼓励客户解释投诉问题：以诚恳、亲切的态度让客户把话说完，照实记录。", "Let the customer explain: sincerely and kindly, let them finish and write it down as said."),
        ComplaintStep::Facts => (
            "获得和判断事实真相：原因不能确定时迅速追查原因，调查阶段不可轻易与客户妥协。",
            "Establish the facts: if the cause is unclear, investigate at once and concede nothing while investigating.",
        ),
        ComplaintStep::Proposed => (
            "提供解决办法：显然是本公司问题时，首先迅速向客户致歉并尽快处理；责任不在本公司时，召集客户及各加工厂共同开会查明责任。",
            "Propose a solution: if we are clearly at fault, apologise at once and act quickly; if not, everyone involved (the customer, the plants) meets to establish responsibility.",
        ),
        ComplaintStep::Settled => (
            "公平解决索赔：致函道歉并以完好的产品调换，没有同样产品时给予金钱补偿；通知有关部门以防再发生；供货商的问题应尽快向供货商索赔。",
            "Settle the claim fairly: apologise in writing and replace the product, or pay if none is left; tell the departments concerned so it does not recur; claim a supplier's fault from the supplier.",
        ),
        ComplaintStep::Suggested => ("建议推销：在解决问题的基础上向客户建议合适的产品。", "Suggest a further sale: once it is solved, suggest a product that suits the customer."),
        ComplaintStep::Goodwill => ("建立商誉：加强追踪，回访了解客户是否满意。", "Rebuild goodwill: follow up and ask whether the customer is satisfied."),
    };
    lang.pick(pair.0, pair.1)
}

/// The button that opens the complaint with its next step chosen: "推进到：查明事实".
pub fn advance(lang: Lang, next: ComplaintStep) -> String {
    match lang {
        Lang::Zh => format!("推进到：{}", next.label(lang)),
        Lang::En => format!("Move on to: {}", next.label(lang)),
    }
}

/// "共 12 件投诉".
pub fn count(lang: Lang, n: usize) -> String {
    let s = dossier_core::format_count(u64::try_from(n).unwrap_or(u64::MAX));
    match lang {
        Lang::Zh => format!("共 {s} 件投诉"),
        Lang::En if n == 1 => "1 complaint".to_string(),
        Lang::En => format!("{s} complaints"),
    }
}

/// "显示 500 / 1,234".
pub fn shown(lang: Lang, shown: usize, of: usize) -> String {
    super::credit_page::shown(lang, shown, of)
}

/// An open complaint: "已受理 12 天"; a closed one: "12 天解决".
pub fn days(lang: Lang, open: bool, n: i64) -> String {
    match (lang, open) {
        (Lang::Zh, true) => format!("已受理 {n} 天"),
        (Lang::Zh, false) => format!("{n} 天解决"),
        (Lang::En, true) if n == 1 => "open 1 day".to_string(),
        (Lang::En, true) => format!("open {n} days"),
        (Lang::En, false) if n == 1 => "resolved in 1 day".to_string(),
        (Lang::En, false) => format!("resolved in {n} days"),
    }
}

/// A complaint's heading on the card: "商品质量投诉 · 2026-03-01 受理".
pub fn heading(lang: Lang, kind: &str, received: &str) -> String {
    match lang {
        Lang::Zh => format!("{kind}投诉 · {received} 受理"),
        Lang::En => format!("{kind} · received {received}"),
    }
}
