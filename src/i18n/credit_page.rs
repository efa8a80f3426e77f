//! The words of the 信用 page's overview (信用总览) and of 今日's credit items: each a (中文,
//! English) pair, read with `grading::tr`. The flags' codes are the core's (`CreditFlag::code`).

use super::grading::Pair;
use dossier_core::summary::credit_rows::CreditFlag;
use dossier_core::Lang;

pub const TAB_OVERVIEW: Pair = ("信用总览", "Credit overview");
pub const OVERVIEW_TITLE: Pair = ("客户信用总览", "Credit of every customer");
pub const COL_CUSTOMER: Pair = ("客户", "Customer");
pub const COL_CLASS: Pair = ("信用等级", "Class");
pub const COL_LIMIT: Pair = ("信用限度", "Credit limit");
pub const COL_EXPOSURE: Pair = ("信用占用额", "Exposure");
pub const COL_UTIL: Pair = ("占用率", "Used");
pub const COL_REPORT: Pair = ("下次信用报告", "Next credit report");
pub const COL_FLAGS: Pair = ("提示", "Flags");
pub const NO_LIMIT: Pair = ("未核定", "none");
pub const DUE: Pair = ("到期", "due");
pub const SORT: Pair = ("排序", "Sort");
pub const SORT_UTIL: Pair = ("按占用率", "By share used");
pub const SORT_OVERDUE: Pair = ("按逾期", "By days overdue");
pub const SORT_REPORT: Pair = ("按报告到期", "By report due");
pub const SCOPE: Pair = ("客户范围", "Customers");
pub const SCOPE_MINE: Pair = ("我的客户", "My customers");
pub const SCOPE_ALL: Pair = ("全部客户", "All customers");
pub const SHOW_MORE: Pair = ("显示更多", "Show more");
pub const EMPTY_TITLE: Pair = ("还没有客户有信用资料", "No customer has credit data yet");
pub const EMPTY_BODY: Pair = (
    "在客户卡的信用部分核定信用限度、给出信用等级后，客户会列在这里：占用率、逾期、信用报告到期和紧急报告一目了然。",
    "Approve a credit limit or give a credit class in a card's credit section and the customer is listed here, with the share of the limit used, overdue receivables, reports due and urgent reports.",
);
/// The page's owner filter (as the customer list's).
pub const OWNER: Pair = ("负责人", "Owner");
pub const OWNER_EMPTY: Pair = ("所选负责人的客户都还没有信用资料。", "None of the chosen owner's customers has credit data yet.");
pub const EMPTY_MINE: Pair = ("您的客户都还没有信用资料。", "None of your customers has credit data yet.");
/// 今日: an urgent report's mark.
pub const URGENT: Pair = ("紧急", "Urgent");

/// "共 1,234 位客户 · 信用限度合计 ¥… · 信用占用额合计 ¥…".
pub fn totals(lang: Lang, customers: usize, limit: &str, exposure: &str) -> String {
    let n = dossier_core::format_count(u64::try_from(customers).unwrap_or(u64::MAX));
    match lang {
        Lang::Zh => format!("共 {n} 位客户 · 信用限度合计 ¥{limit} · 信用占用额合计 ¥{exposure}"),
        Lang::En => format!("{n} customers · limits ¥{limit} in all · exposure ¥{exposure} in all"),
    }
}

/// "显示 500 / 12,345".
pub fn shown(lang: Lang, shown: usize, of: usize) -> String {
    let (a, b) = (dossier_core::format_count(shown as u64), dossier_core::format_count(of as u64));
    match lang {
        Lang::Zh => format!("显示 {a} / {b}"),
        Lang::En => format!("showing {a} of {b}"),
    }
}

/// A flag's short label: 超限, 预警, 逾期超30天, 无限度, 报告到期, 紧急报告待指示, 冻结订单 2.
pub fn flag(lang: Lang, f: CreditFlag, overdue_days: u16, held: u32) -> String {
    let zh = lang == Lang::Zh;
    match f {
        CreditFlag::OverLimit => lang.pick("超限", "Over limit").into(),
        CreditFlag::Warning => lang.pick("预警", "Warning").into(),
        CreditFlag::Overdue => if zh { format!("逾期超{overdue_days}天") } else { format!("Over {overdue_days} days overdue") },
        CreditFlag::NoLimit => lang.pick("无限度", "No limit").into(),
        CreditFlag::ReportDue => lang.pick("报告到期", "Report due").into(),
        CreditFlag::Urgent => lang.pick("紧急报告待指示", "Urgent report waiting").into(),
        CreditFlag::Held => if zh { format!("冻结订单 {held}") } else { format!("{held} held") },
    }
}
