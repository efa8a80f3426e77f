//! The words of the 分析 page (客户分析): each a (中文, English) pair, read with `grading::tr`,
//! and the few sentences with figures in them. Seed 000 names the analyses 销售构成、商品构成、
//! 地区构成; seed 001 asks the manager to 检阅销售、收款是否平衡.

use super::grading::Pair;
use dossier_core::Lang;

// The header.
pub const PERIOD: Pair = ("期间", "Period");
pub const LAST_3: Pair = ("最近 3 个整月", "Last 3 whole months");
pub const LAST_6: Pair = ("最近 6 个整月", "Last 6 whole months");
pub const LAST_12: Pair = ("最近 12 个整月", "Last 12 whole months");
pub const PRINT: Pair = ("打印", "Print");
pub const JUMP: Pair = ("本页内容", "On this page");
pub const COMPUTING: Pair = ("正在计算…", "Computing…");
pub const EMPTY_TITLE: Pair = ("还没有可分析的资料", "Nothing to analyse yet");
pub const NO_CUSTOMERS: Pair = (
    "档案里还没有客户，暂无可分析的资料。在设置页载入示例档案或登记客户后，这里会显示客户构成、销售与回款等分析。",
    "The archive has no customers yet, so there is nothing to analyse. Once customers are registered (or the sample archive is loaded in Settings), their composition, sales and collections are shown here.",
);

// The sections.
pub const SEC_COMPOSITION: Pair = ("构成分析", "Composition");
pub const SEC_SERIES: Pair = ("销售与回款", "Sales and collections");
pub const SEC_PARETO: Pair = ("帕累托分析", "Pareto analysis");
pub const SEC_PRODUCTS: Pair = ("商品分析", "Products");
pub const SEC_COMPLAINTS: Pair = ("投诉分析", "Complaints");
pub const SEC_ACCOUNTS: Pair = ("交易开始与中止", "Trade started and stopped");

// 构成分析.
pub const COMPOSITION_NOTE: Pair = (
    "客户构成按现有档案中的客户计数；销售构成、商品构成、地区构成按所选期间的销售额（扣除退货）计算。",
    "Customers are counted as the archive holds them now; sales, product and region composition use the sales of the chosen period (less returns).",
);
pub const BY_NATURE: Pair = ("客户构成：性质", "Customers by nature");
pub const BY_CATEGORY: Pair = ("客户构成：类别", "Customers by category");
pub const BY_REGION: Pair = ("客户构成：地区", "Customers by region");
pub const BY_GRADE: Pair = ("客户构成：销售等级", "Customers by sales grade");
pub const BY_REP: Pair = ("客户构成：业务员", "Customers by rep");
pub const SALES_BY_CUSTOMER: Pair = ("销售构成：各客户销售额及占比（前 20 位）", "Sales composition: sales per customer and share (top 20)");
pub const SALES_BY_PRODUCT: Pair = ("商品构成：各商品销售额及占比", "Product composition: sales per product and share");
pub const SALES_BY_REGION: Pair = ("地区构成：各地区销售额及占比", "Region composition: sales per region and share");
pub const SALES_BY_REP: Pair = ("销售构成：各业务员销售额及占比", "Sales composition: sales per rep and share");
pub const OTHER: Pair = ("其他", "Others");

// Columns.
pub const COL_NATURE: Pair = ("性质", "Nature");
pub const COL_CATEGORY: Pair = ("类别", "Category");
pub const COL_REGION: Pair = ("地区", "Region");
pub const COL_GRADE: Pair = ("销售等级", "Sales grade");
pub const COL_REP: Pair = ("业务员", "Rep");
pub const COL_CUSTOMER: Pair = ("客户", "Customer");
pub const COL_PRODUCT: Pair = ("商品", "Product");
pub const COL_CUSTOMERS: Pair = ("客户数", "Customers");
pub const COL_SALES: Pair = ("销售额（元）", "Sales (¥)");
pub const COL_SHARE: Pair = ("占比", "Share");
pub const COL_MONTH: Pair = ("月份", "Month");
pub const COL_COLLECTED: Pair = ("回款（元）", "Collected (¥)");
pub const COL_DIFFERENCE: Pair = ("差额（元）", "Difference (¥)");
pub const COL_RATE: Pair = ("回款率", "Collected / sales");
pub const COL_VERDICT: Pair = ("是否平衡", "Balanced?");
pub const COL_TYPE: Pair = ("投诉类型", "Type");
pub const COL_RESPONSIBILITY: Pair = ("责任方", "Responsible");
pub const COL_STEP: Pair = ("处理步骤", "Step");
pub const COL_COMPLAINTS: Pair = ("件数", "Complaints");
pub const COL_COMPENSATION: Pair = ("赔偿金额（元）", "Compensation (¥)");
pub const COL_STARTED: Pair = ("开始交易", "Trade started");
pub const COL_STOPPED: Pair = ("中止交易", "Trade stopped");
pub const TOTAL: Pair = ("合计", "Total");
pub const UNIT_CUSTOMERS: Pair = ("位", "");
pub const UNIT_COMPLAINTS: Pair = ("件", "");
pub const SHOW_ALL: Pair = ("显示全部", "Show all");
pub const CHART_TOP: Pair = ("图中为占比最大的 15 项，全部见下表。", "The chart shows the 15 largest; the table has them all.");
pub const NO_ROWS: Pair = ("期间内没有可分析的资料。", "Nothing to analyse in this period.");
pub const NO_VALUES: Pair = ("没有客户填写这一项。", "No customer has this filled in.");

// CSV.
pub const CSV: Pair = ("导出 CSV", "Export CSV");
pub const CSV_FAILED: Pair = ("浏览器没有下载文件，请重试。", "The browser did not download the file; try again.");

// 销售与回款.
pub const SERIES_TITLE: Pair = ("每月销售与回款", "Sales and collections per month");
pub const SERIES_NOTE: Pair = (
    "销售额为期间内的交货额减退货；回款为期间内登记的收款。回款在销售额的 ±10 % 以内视为平衡（本应用的设定）。",
    "Sales are deliveries less returns in the period; collections are the payments recorded in it. Collections within ±10 % of sales count as balanced (this app's choice).",
);
pub const SCOPE: Pair = ("范围", "Whose");
pub const SCOPE_ALL: Pair = ("全部客户", "All customers");
pub const SCOPE_REP: Pair = ("业务员：", "Rep: ");
pub const SCOPE_CUSTOMER: Pair = ("单个客户…", "One customer…");
pub const CUSTOMER_QUERY: Pair = ("客户名称或登记编号", "Customer name or registration number");
pub const SHOW: Pair = ("查看", "Show");
pub const NO_CUSTOMER_FOUND: Pair = ("没有找到这个客户。", "No such customer.");
pub const SALES: Pair = ("销售额", "Sales");
pub const COLLECTED: Pair = ("回款", "Collected");
pub const REP_BALANCE_TITLE: Pair = ("检阅销售、收款是否平衡（按业务员）", "Are sales and collections in balance? (per rep)");
pub const NO_OWNER: Pair = ("未指定业务员", "No rep");
pub const BALANCED: Pair = ("平衡", "Balanced");
pub const UNBALANCED: Pair = ("不平衡", "Not balanced");
pub const NO_SERIES: Pair = ("期间内没有销售，也没有回款。", "No sales and no collections in the period.");

/// The verdict under the series: balanced or not, by how much, and what it may mean.
pub fn verdict(lang: Lang, balanced: bool, difference: &str, rate: Option<&str>, more_sales: bool) -> String {
    let rate_zh = rate.map(|r| format!("（回款率 {r}）")).unwrap_or_default();
    let rate_en = rate.map(|r| format!(" (collected {r} of sales)")).unwrap_or_default();
    match (lang, balanced, more_sales) {
        (Lang::Zh, true, _) => format!("销售与回款平衡{rate_zh}。"),
        (Lang::En, true, _) => format!("Sales and collections are in balance{rate_en}."),
        (Lang::Zh, false, true) => format!("销售与回款不平衡：回款比销售少 ¥{difference}{rate_zh}，应收账款在增加，请检查逾期与信用。"),
        (Lang::En, false, true) => format!("Not in balance: ¥{difference} less collected than sold{rate_en}; receivables are growing, check overdue accounts and credit."),
        (Lang::Zh, false, false) => format!("销售与回款不平衡：回款比销售多 ¥{difference}{rate_zh}（收回了以前的欠款或预收货款）。"),
        (Lang::En, false, false) => format!("Not in balance: ¥{difference} more collected than sold{rate_en} (older debts collected, or payments in advance)."),
    }
}

// 商品分析.
pub const PRODUCTS_TITLE: Pair = ("商品的毛利、周转与贡献", "Products: margin, turnover and contribution");
pub const TEXTBOOK: Pair = ("教科书通用公式，非种子资料", "standard textbook formulas, not from the seeds");
pub const PRODUCTS_FORMULAS: Pair = (
    "毛利率 = 毛利 ÷ 销售额；商品周转率 = 销售成本 ÷ 平均库存（按成本）；交叉比率 = 毛利率 × 周转率；贡献比率 = 交叉比率 × 销售构成比。成本与平均库存由经理在下表填写，未填的商品只显示销售额。",
    "Margin rate = margin ÷ sales; turnover = cost of sales ÷ average stock at cost; cross ratio = margin rate × turnover; contribution ratio = cross ratio × share of sales. The manager enters costs and average stock below; products without them show sales only.",
);
pub const COL_QTY: Pair = ("数量", "Units");
pub const COL_PRODUCT_SHARE: Pair = ("销售构成比", "Share of sales");
pub const COL_COST: Pair = ("销售成本（元）", "Cost of sales (¥)");
pub const COL_MARGIN: Pair = ("毛利（元）", "Margin (¥)");
pub const COL_MARGIN_RATE: Pair = ("毛利率", "Margin rate");
pub const COL_TURNOVER: Pair = ("周转率（次）", "Turnover (times)");
pub const COL_CROSS: Pair = ("交叉比率", "Cross ratio");
pub const COL_CONTRIBUTION: Pair = ("贡献比率", "Contribution ratio");
pub const NO_PRODUCTS: Pair = ("期间内没有按商品登记的交货。", "No deliveries with product lines in the period.");

// 商品成本 (the manager's table).
pub const COSTS_TITLE: Pair = ("商品成本（经理填写，保存在本机）", "Product costs (entered by the manager, kept on this device)");
pub const COL_UNIT_COST: Pair = ("单位成本（元）", "Unit cost (¥)");
pub const COL_AVG_STOCK: Pair = ("平均库存（按成本，元）", "Average stock at cost (¥)");
pub const NEW_PRODUCT: Pair = ("其他商品名称", "Another product's name");
pub const COSTS_SAVE: Pair = ("保存成本", "Save costs");
pub const COSTS_SAVED: Pair = ("已保存。", "Saved.");
pub const COSTS_INVALID: Pair = ("有填写错误，未保存。", "Some entries are wrong; nothing was saved.");
pub const COSTS_NOT_KEPT: Pair = ("本机存储已满或不可用，成本未保存。", "This device's storage is full or unavailable; the costs were not saved.");

// 投诉分析.
pub const COMPLAINTS_TITLE: Pair = ("投诉分析", "Complaints");
pub const NO_COMPLAINTS: Pair = ("期间内没有受理投诉。", "No complaints received in the period.");
pub const FIG_TOTAL: Pair = ("受理投诉", "Complaints received");
pub const FIG_OPEN: Pair = ("尚未处理完", "Still open");
pub const FIG_RESOLVE: Pair = ("解决用时（平均 / 最长）", "Days to resolve (mean / longest)");
pub const FIG_RESPONSE: Pair = ("首次答复用时（平均）", "Days to first answer (mean)");
pub const FIG_SATISFIED: Pair = ("客户满意", "Customers satisfied");
pub const FIG_COMPENSATION: Pair = ("赔偿金额合计", "Compensation in all");
pub const BY_TYPE: Pair = ("按投诉类型", "By type");
pub const BY_RESPONSIBILITY: Pair = ("按责任方", "By who was responsible");
pub const BY_STEP: Pair = ("按处理步骤", "By step reached");
pub const REPEAT_TITLE: Pair = ("多次投诉的客户", "Customers who complained more than once");
pub const NO_REPEAT: Pair = ("期间内没有客户投诉两次以上。", "No customer complained more than once in the period.");

/// "3 天" / "3 days"; blank without a figure.
pub fn days(lang: Lang, d: Option<i64>) -> String {
    match (d, lang) {
        (None, _) => String::new(),
        (Some(d), Lang::Zh) => format!("{d} 天"),
        (Some(d), Lang::En) => format!("{d} days"),
    }
}

// 交易开始与中止.
pub const ACCOUNTS_TITLE: Pair = ("每月开始交易与中止交易的客户", "Customers whose trade started or stopped, per month");
pub const ACCOUNTS_NOTE: Pair = (
    "开始交易：交易开始调查书经批准的日期；中止交易：中止交易记录的日期。中止的客户移出现有客户，资料保留。",
    "Started: the day the 交易开始调查书 was approved; stopped: the day of the 中止交易 record. A customer whose trade stopped leaves the active book; the records are kept.",
);
pub const NO_ACCOUNTS: Pair = ("期间内没有客户开始或中止交易。", "No customer started or stopped trading in the period.");

/// "另有 2 份交易开始调查书待批准。"
pub fn waiting(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("另有 {n} 份交易开始调查书待批准。"),
        Lang::En => format!("{n} more 交易开始调查书 wait for approval."),
    }
}

/// "共 12 项" / "12 in all", under a table cut short.
pub fn rows_in_all(lang: Lang, n: usize) -> String {
    let n = dossier_core::format_count(n as u64);
    match lang {
        Lang::Zh => format!("{}（共 {n} 项）", SHOW_ALL.0),
        Lang::En => format!("{} ({n})", SHOW_ALL.1),
    }
}
