//! The words of 客户分级 and 今日: each a (中文, English) pair, so neither language can be
//! missing. Refusals are worded by the core (`GradesError::message`, `SettingsError::message`).

use dossier_core::Lang;

pub type Pair = (&'static str, &'static str);

pub fn tr(lang: Lang, pair: Pair) -> &'static str {
    lang.pick(pair.0, pair.1)
}

pub const TITLE: Pair = ("客户分级", "Grading");
pub const PROSPECT: Pair = ("准客户等级", "Prospect grade");
pub const NEXT_REVIEW: Pair = ("下次复核 ", "next review ");
pub const MAN_NOT_ASKED: Pair = ("未做 MAN 调查", "MAN not asked");
pub const STORED_AS: Pair = ("（档案记录为 ", " (stored as ");
pub const REGRADE_PENDING: Pair = ("，待重新分级）", ", to be regraded)");
pub const ROUTE: Pair = ("区域 · 路序", "Area · route order");
pub const SEQ_SHORT: Pair = ("路序 ", "no. ");
pub const LAST_REVIEW: Pair = ("上次复核", "Last review");
pub const HISTORY: Pair = ("分级记录", "Grade history");
pub const NO_HISTORY: Pair = ("还没有等级变化。", "No grade has changed yet.");
pub const EDIT: Pair = ("分级", "Grade");
pub const MARK_REVIEWED: Pair = ("已复核", "Reviewed");
pub const MAN_ASKED: Pair = ("已做 MAN 调查", "MAN asked");
pub const MAN_M: Pair = ("M 有购买能力（资金）", "M: able to pay (money)");
pub const MAN_A: Pair = ("A 有决定权", "A: has authority to decide");
pub const MAN_N: Pair = ("N 有需求", "N: has a need");
pub const MAN_OFF: Pair = ("未做 MAN 调查：准客户等级由您选定，并写明原因。", "MAN not asked: choose the prospect grade yourself and give the reason.");
pub const SUGGESTED: Pair = ("建议等级：", "Suggested grade: ");
pub const AS_SUGGESTED: Pair = ("按 MAN 建议", "As MAN suggests");
pub const NO_GRADE: Pair = ("无（非准客户）", "None (not a prospect)");
pub const WATCH: Pair = ("另作观察", "Under watch");
pub const NOT_WATCHED: Pair = ("否", "No");
pub const WATCH_NOTE: Pair = ("观察原因", "Why watched");
pub const AREA: Pair = ("区域代号", "Area code");
pub const SEQ: Pair = ("路序", "Route order");
pub const REASON: Pair = ("原因（手动定级、重要程度变更时必填）", "Reason (required for a grade set by hand or a new importance)");
pub const REASON_HINT: Pair = ("如：定期核查，本季销售增长快", "e.g. archive check: sales grew fast this quarter");

pub const REGRADE: Pair = ("重新分级", "Regrade");
pub const REGRADING: Pair = ("正在重新分级…", "Regrading…");
pub const REGRADED: Pair = ("已重新分级", "Regraded");
pub const REGRADED_NONE: Pair = ("销售等级没有变化。", "No sales grade changed.");

pub const TODAY: Pair = ("今日工作", "Today");
pub const SCOPE: Pair = ("范围", "Whose");
pub const SCOPE_MINE: Pair = ("我的客户", "My customers");
pub const SCOPE_ALL: Pair = ("全部客户", "All customers");
pub const ROLE: Pair = ("我的角色（访问计划）", "My role (visit plan)");
pub const TAB_DAY: Pair = ("今日清单", "Day list");
pub const TAB_MANAGER: Pair = ("经理视图", "Manager view");
pub const OVERDUE: Pair = ("已逾期", "Overdue");
pub const DUE_TODAY: Pair = ("今天", "Today");
pub const NEXT_DAYS: Pair = ("接下来几天", "The next days");
pub const NOTHING: Pair = ("今天没有要复核、拜访或收款的客户。", "No card to review, visit to make or money to collect today.");
pub const NOTHING_MINE: Pair = ("您负责的客户今天没有要办的事。", "Nothing to do today for the customers you are in charge of.");
pub const NOTHING_WHY: Pair = (
    "今日清单来自客户的准客户等级、销售等级（按访问计划）、约定与预定的拜访、纪念日和逾期应收款。先在客户卡上分级，或在“分析”中重新分级。",
    "The day list comes from prospect grades, sales grades (by the visit plan), promised and planned visits, yearly dates and overdue receivables. Grade customers on their cards, or regrade on 分析 first.",
);
pub const NO_ME: Pair = ("本机还没有选定业务员，显示全部客户。", "This device has no rep chosen yet: showing every customer.");
pub const CHECK_DUE: Pair = ("定期核查已到期：请核查全部档案的重要程度，对增长迅速或有流失迹象的客户另作观察。", "The archive check is due: review every customer's importance, and put fast-growing or slipping customers under watch.");
pub const CHECK_DONE: Pair = ("已完成定期核查", "Archive check done");
pub const CHECK_NEXT: Pair = ("下次定期核查：", "Next archive check: ");
pub const RECORD_VISIT: Pair = ("记拜访", "Record visit");
pub const OPEN_CARD: Pair = ("查看客户", "Open card");
pub const VISIT_PREFILLED: Pair = ("今天的拜访，经办人：", "A visit today by ");
pub const VISIT_METHOD: Pair = ("拜访方式", "Method");
pub const VISIT_NEXT: Pair = ("下次拜访日期", "Next visit");
pub const VISIT_OUTCOME: Pair = ("拜访结果（可不填）", "Outcome (optional)");
pub const VISIT_SAVE: Pair = ("保存拜访", "Save visit");
pub const VISIT_NO_ME: Pair = ("请先在页首选定“我是哪位业务员”，拜访要记下经办人。", "Choose which rep you are first (top of the page): a visit records who made it.");
pub const REPS_TITLE: Pair = ("各业务员的客户（每周至少检查一次）", "Each rep's customers (checked at least weekly)");
pub const NO_OWNER: Pair = ("无负责人", "No owner");
pub const CUSTOMERS: Pair = ("客户", "Customers");
pub const BY_SALES: Pair = ("销售等级", "Sales grades");
pub const BY_PROSPECT: Pair = ("准客户等级", "Prospect grades");
pub const WEEK: Pair = ("本周拜访（已访 / 待访）", "Visits this week (made / to make)");
pub const MONTH: Pair = ("本月拜访（已访 / 待访）", "Visits this month (made / to make)");
pub const REVIEWS_OVERDUE: Pair = ("逾期未复核", "Reviews overdue");
pub const COLLECT_OVERDUE: Pair = ("逾期应收", "Overdue receivables");
pub const SHOW_ALL: Pair = ("查看全部客户的今日清单", "Show everyone's day list");
