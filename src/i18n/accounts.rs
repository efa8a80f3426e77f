//! The words of 交易开始与中止 (the card's 生命周期 section) and of 客户情况综合评价表 (seed 004):
//! each a (中文, English) pair, read with `tr`. Field labels are the core's (`Form::TradeStop`,
//! `EVAL_COLUMNS`, `EvalItem`).

pub use super::grading::{tr, Pair};
use dossier_core::Lang;

// --- 交易开始调查书 ---
pub const TRADE_START: Pair = ("交易开始调查书", "Trade start survey");
pub const TRADE_NONE: Pair = (
    "尚未填写交易开始调查书。对于开始有交易往来的公司，负责者要在交易开始调查书里记入必要事项，取得单位主管的认可并禀报董事长，取得董事长的承认后方可开始交易。",
    "No trade start survey yet. Before trade with a company starts, the person in charge records what is needed in a trade start survey, has it endorsed by the head of unit and reports it to the chairman; trade starts once the chairman approves it.",
);
pub const FILL_TRADE_START: Pair = ("填写交易开始调查书", "Fill in the trade start survey");
pub const WAIT_HEAD: Pair = ("待单位主管认可，再禀报董事长承认", "Waiting for the head of unit to endorse it, then for the chairman to approve it");
pub const WAIT_CHAIR: Pair = ("待董事长承认", "Waiting for the chairman's approval");
pub const EDIT_TRADE_START: Pair = ("补填认可与承认", "Record the endorsement and approval");
pub const HEAD_STEP: Pair = ("单位主管认可", "Head of unit endorses");
pub const CHAIR_STEP: Pair = ("董事长承认", "Chairman approves");
pub const STEPS: Pair = ("单位主管认可 → 董事长承认", "Head of unit endorses → chairman approves");
pub const CAN_START: Pair = ("已承认，可以开始交易。", "Approved: trade may start.");

/// "2026-05-01 由 王伟 填写".
pub fn filled(lang: Lang, on: &str, by: &str) -> String {
    match (lang, by.is_empty()) {
        (Lang::Zh, false) => format!("{on} 由 {by} 填写"),
        (Lang::Zh, true) => format!("{on} 填写"),
        (Lang::En, false) => format!("filled in by {by} on {on}"),
        (Lang::En, true) => format!("filled in on {on}"),
    }
}

/// "单位主管 李强 于 2026-05-03 认可".
pub fn endorsed(lang: Lang, who: &str, on: &str) -> String {
    match lang {
        Lang::Zh => format!("单位主管 {who} 于 {on} 认可"),
        Lang::En => format!("endorsed by {who}, head of unit, on {on}"),
    }
}

/// "董事长 张总 于 2026-05-04 承认".
pub fn approved(lang: Lang, who: &str, on: &str) -> String {
    match lang {
        Lang::Zh => format!("董事长 {who} 于 {on} 承认"),
        Lang::En => format!("approved by {who}, chairman, on {on}"),
    }
}

// --- 中止交易 ---
pub const CLOSE_TITLE: Pair = ("中止交易", "Stop trading");
pub const CLOSE_INTRO: Pair = (
    "与本公司的交易关系解除时，将客户从交易往来客户一览表中除去（转为旧客户），并将其原始资料分别保管。",
    "When trade with the company ends, the customer leaves the list of trading customers (it becomes a former customer) and its original documents are kept apart.",
);
pub const CLOSE_SAVE: Pair = ("确认中止交易", "Stop trading");
pub const STOPPED: Pair = ("中止交易记录", "Trade stopped");

// --- 客户情况综合评价表 ---
pub const EVALUATION: Pair = ("综合评价", "Overall evaluation");
pub const EVAL_TITLE: Pair = ("客户情况综合评价表", "Customer overall evaluation");
pub const EVAL_NEW: Pair = ("填写综合评价", "New evaluation");
pub const EVAL_NONE: Pair = (
    "还没有综合评价。利用客户档案卡定期对客户进行综合评价，及时发现销售过程中存在的问题，并提出改进措施。",
    "No evaluation yet. Use the card to evaluate the customer periodically, find the problems in selling to them in time and propose improvements.",
);
pub const EVAL_LATEST: Pair = ("最近一次评价", "Latest evaluation");
pub const EVAL_EARLIER: Pair = ("以往评价", "Earlier evaluations");
pub const EVAL_ITEM: Pair = ("项目", "Item");
pub const EVAL_SHOW: Pair = ("查看", "Show");
pub const EVAL_SHOWING: Pair = ("正在查看", "Shown");
pub const EVAL_SAVED: Pair = ("综合评价已保存。", "Evaluation saved.");
pub const EVAL_PRINT: Pair = ("打印评价表", "Print the table");
pub const EVAL_ROW_EMPTY: Pair = ("—", "—");

/// The hint above the form: where 客户资料 comes from.
pub fn prefilled(lang: Lang, window: &str) -> String {
    match lang {
        Lang::Zh => format!("“客户资料”一栏已按档案填入（{window}），可修改；评语、存在的问题和改进措施由评价人填写，至少填写一项。"),
        Lang::En => format!("The customer data column is filled from the archive ({window}) and can be changed; the evaluator writes the comments, problems and improvements (at least one)."),
    }
}

/// "评价日期 2026-06-15 · 评价人 王伟".
pub fn eval_meta(lang: Lang, on: &str, by: &str) -> String {
    match lang {
        Lang::Zh => format!("评价日期 {on} · 评价人 {by}"),
        Lang::En => format!("evaluated on {on} by {by}"),
    }
}

/// The visit plan of a 准客户 grade: "准客户 A级：每月 2 次".
pub fn prospect_plan(lang: Lang, grade: &str, visits: &str) -> String {
    match lang {
        Lang::Zh => format!("准客户{grade}：{visits}"),
        Lang::En => format!("prospect {grade}: {visits}"),
    }
}

/// The visit plan of a 销售等级: "A级：经办人 每月 3 次 · 组长 每月 2–3 次 …".
pub fn sales_plan(lang: Lang, grade: &str, roles: &[(String, String)]) -> String {
    let roles = roles.iter().map(|(r, f)| format!("{r} {f}")).collect::<Vec<_>>().join(" · ");
    match lang {
        Lang::Zh => format!("{grade}（客户访问计划）：{roles}"),
        Lang::En => format!("grade {grade} (visit plan): {roles}"),
    }
}
