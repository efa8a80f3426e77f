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
