//! The words of deleting a customer and of the 回收站 (`#/trash`, docs/recycle_bin.md): what a
//! delete would take out of view, the confirmation beside 删除, the bin's rows and 恢复. Each a
//! (中文, English) pair, read with `grading::tr`.

use super::grading::{tr, Pair};
use dossier_core::ledger::FileHolds;
use dossier_core::{format_yuan_grouped, Lang};

pub const TITLE: Pair = ("回收站", "Recycle bin");
/// The small link to the bin (customer list, settings, the undo banner).
pub const LINK: Pair = ("回收站", "Recycle bin");
/// Settings' link.
pub const OPEN: Pair = ("打开回收站", "Open the recycle bin");
pub const INTRO: Pair = (
    "删除的客户连同档案、人员和记录都保留在这里，恢复后一切如前。",
    "Deleted customers are kept here with their file, people and history; restoring brings everything back.",
);
pub const EMPTY_TITLE: Pair = ("回收站是空的", "The recycle bin is empty");
pub const EMPTY_BODY: Pair = ("删除的客户会出现在这里，可以随时恢复。", "Deleted customers appear here and can be restored at any time.");
pub const COUNT: Pair = ("共 {n} 位已删除客户", "{n} deleted customer(s)");
pub const DELETED_AT: Pair = ("删除于", "Deleted");
pub const BY_THIS_DEVICE: Pair = ("本机", "this device");
pub const BY_DEVICE: Pair = ("设备 ", "device ");
pub const FILE: Pair = ("档案", "File");
pub const RESTORE: Pair = ("恢复", "Restore");
pub const RESTORED: Pair = ("已恢复客户：", "Restored: ");
pub const OPEN_CARD: Pair = ("打开客户卡", "Open the card");

// The confirmation beside 删除.
pub const CONFIRM_DELETE: Pair = ("确认删除", "Delete");
pub const CANCEL: Pair = ("取消", "Cancel");
pub const ASK_HEAD: Pair = ("该客户有 ", "This customer has ");
pub const ASK_TAIL: Pair = ("，删除后可在回收站恢复。", "; after deleting, it can be restored from the recycle bin.");

/// The holdings as a list: "2 笔未完成订单（未出货 ¥600.00）、应收账款 ¥12,345.00、1 张未结算票据
/// （¥120.00）、档案共 9 条记录" (the parts that are not zero, the record count always).
pub fn holdings(l: Lang, h: &FileHolds) -> String {
    let yuan = |fen: i64| format!("¥{}", format_yuan_grouped(fen));
    let mut parts = Vec::new();
    if h.open_orders > 0 {
        let value = (h.open_order_fen > 0).then(|| pick(l, format!("（未出货 {}）", yuan(h.open_order_fen)), format!(" ({} still to deliver)", yuan(h.open_order_fen))));
        parts.push(pick(l, format!("{} 笔未完成订单", h.open_orders), format!("{} open order(s)", h.open_orders)) + &value.unwrap_or_default());
    }
    if h.receivable_fen != 0 {
        parts.push(pick(l, format!("应收账款 {}", yuan(h.receivable_fen)), format!("receivables of {}", yuan(h.receivable_fen))));
    }
    if h.notes > 0 {
        parts.push(pick(l, format!("{} 张未结算票据（{}）", h.notes, yuan(h.note_fen)), format!("{} unsettled note(s) ({})", h.notes, yuan(h.note_fen))));
    }
    if h.prepaid_fen != 0 {
        parts.push(pick(l, format!("预收款 {}", yuan(h.prepaid_fen)), format!("{} paid in advance", yuan(h.prepaid_fen))));
    }
    if h.entries == 0 {
        parts.push(tr(l, ("档案为空", "an empty file")).to_string());
    } else {
        parts.push(pick(l, format!("档案共 {} 条记录", h.entries), format!("{} record(s) on file", h.entries)));
    }
    parts.join(l.pick("、", ", "))
}

/// The question beside 删除: "该客户有 …，删除后可在回收站恢复。"
pub fn ask(l: Lang, h: &FileHolds) -> String {
    format!("{}{}{}", tr(l, ASK_HEAD), holdings(l, h), tr(l, ASK_TAIL))
}

fn pick(l: Lang, zh: String, en: String) -> String {
    match l {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
