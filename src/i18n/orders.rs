//! The words of orders as line items (issue 18): the order form's grid, the delivery form's
//! products with what is left, and the order detail on the card. Each a (中文, English) pair,
//! read with `grading::tr`; an order's state is the core's label (`OrderState`).

use super::grading::Pair;

// The order form's grid (the columns are the core's: `ORDER_LINE_COLUMNS`).
pub const AMOUNT: Pair = ("金额（元）", "Amount (yuan)");
pub const TOTAL: Pair = ("合计", "Total");
pub const ADD_ROW: Pair = ("+ 添加一行", "+ Add a line");
pub const REMOVE_ROW: Pair = ("删除此行", "Remove line");
pub const ROW: Pair = ("第 {} 行", "Line {}");

// The delivery form.
pub const PRODUCT: Pair = ("品名", "Product");
pub const UNIT: Pair = ("单位", "Unit");
pub const ORDERED: Pair = ("订货", "Ordered");
pub const DELIVERED: Pair = ("已出货", "Delivered");
pub const LEFT: Pair = ("未出货", "Left");
pub const THIS_TIME: Pair = ("本次出货", "This delivery");
pub const NONE_LEFT: Pair = ("已出完", "all delivered");
pub const DELIVERY_HINT: Pair = ("默认为未出货数量，可改小；填 0 或留空则本次不出此货", "the quantity left by default; lower it, or 0 / empty to leave a product out this time");

// The order detail on the card.
pub const DETAIL: Pair = ("详情", "Details");
pub const HIDE: Pair = ("收起", "Hide");
pub const DETAIL_TITLE: Pair = ("订单详情", "Order details");
pub const LINES: Pair = ("订货明细", "Lines");
pub const DELIVERIES: Pair = ("出货记录", "Deliveries");
pub const NO_DELIVERIES: Pair = ("尚未出货。", "Nothing delivered yet.");
pub const PAYMENTS: Pair = ("回款", "Payments");
pub const NO_PAYMENTS: Pair = ("尚未回款。", "Nothing paid yet.");
pub const KIND: Pair = ("类别", "Kind");
pub const APPLIED: Pair = ("冲抵本单（元）", "Applied here (yuan)");
pub const HOW: Pair = ("冲抵方式", "Applied how");
pub const BY_HAND: Pair = ("指定冲抵", "Applied by hand");
pub const AUTO: Pair = ("自动冲抵（按到期日先后）", "Applied automatically (oldest due first)");
pub const OF_TOTAL: Pair = ("共 {}", "of {}");
pub const PAID_TOTAL: Pair = ("本单已回款", "Paid on this order");
pub const OWED: Pair = ("本单尚欠", "Still owed on this order");
pub const DATE: Pair = ("日期", "Date");
pub const GOODS: Pair = ("货品", "Goods");
pub const DUE: Pair = ("到期日", "Due");
pub const RECEIVED: Pair = ("已回款", "Paid");
pub const OPEN: Pair = ("未收", "Open");
pub const DELIVERED_VALUE: Pair = ("已出货金额", "Delivered value");
pub const REQUESTED: Pair = ("要求交货", "Requested by");
pub const REP: Pair = ("业务员", "Rep");

/// `ROW` with the line's number.
pub fn row(lang: dossier_core::Lang, n: usize) -> String {
    super::grading::tr(lang, ROW).replace("{}", &n.to_string())
}
