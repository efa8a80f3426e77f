//! The customer list's words added for the tablet pass: why the list is empty, said at its top.
//! Each a (中文, English) pair or a function of the numbers, read with `grading::tr`.

use dossier_core::Lang;

/// The owner filter hides every customer the search and the other filters would show.
pub fn hidden_by_owner(lang: Lang, who: &str, hidden: usize) -> String {
    match lang {
        Lang::Zh => format!("“{who}”中没有符合条件的客户：负责人筛选隐藏了 {hidden} 位客户。"),
        Lang::En => format!("No customer under “{who}”: the owner filter hides {hidden} customers."),
    }
}

/// The search text found nothing (with whatever filters are on).
pub fn searched_nothing(lang: Lang, q: &str) -> String {
    match lang {
        Lang::Zh => format!("搜索“{q}”没有找到客户。"),
        Lang::En => format!("No customer found for “{q}”."),
    }
}

/// The filters that are on, each "label value": 筛选：销售等级 A、区域 华东.
pub fn filtered_by(lang: Lang, parts: &[String]) -> String {
    match lang {
        Lang::Zh => format!("筛选：{}", parts.join("、")),
        Lang::En => format!("Filters: {}", parts.join(", ")),
    }
}

pub const NO_MATCH_FILTERS: super::grading::Pair = ("没有符合筛选条件的客户。", "No customer matches the filters.");
pub const CLEAR_SEARCH: super::grading::Pair = ("清除搜索", "Clear search");
pub const CLEAR_FILTERS: super::grading::Pair = ("清除筛选", "Clear filters");
pub const DUP_NONE_BY: super::grading::Pair = ("没有符合此匹配依据的疑似重复客户。", "No likely duplicates by this match.");

/// The search finds `n` customers, but the filters that are on hide them all.
pub fn found_but_filtered(lang: Lang, q: &str, n: usize) -> String {
    match lang {
        Lang::Zh => format!("搜索“{q}”找到 {n} 位客户，但都不符合筛选条件。"),
        Lang::En => format!("“{q}” finds {n} customers, but the filters hide them all."),
    }
}
