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
pub const PLANNED_VISITS: Pair = ("访问：", "visits: ");
pub const PURCHASE: Pair = ("预计购买：", "expected purchase: ");
pub const MAY_PROMOTE: Pair = ("复核时可考虑升为 ", "at a review, consider promoting to ");
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

// Settings: prospect scale, review cadence, visit plan, check, re-sorts and reminders (DaySettings).
pub const DAY_TITLE: Pair = ("客户分级（复核、拜访与提醒）", "Grading (reviews, visits and reminders)");
pub const SCALE_LABEL: Pair = ("准客户等级分几级", "Prospect grades");
pub const REVIEW_TITLE: Pair = ("准客户卡复核周期", "How often prospect cards are reviewed");
pub const GRADE_PREFIX: Pair = ("", "Grade ");
pub const GRADE_SUFFIX: Pair = (" 级", "");
pub const EVERY: Pair = ("每", "every");
pub const UNIT_LABEL: Pair = ("单位", "unit");
pub const UNIT_DAYS: Pair = ("天", "days");
pub const UNIT_WEEKS: Pair = ("周", "weeks");
pub const UNIT_MONTHS: Pair = ("个月", "months");
pub const D_UNUSED: Pair = ("（三级时不用）", " (not used with three grades)");
pub const PLAN_TITLE: Pair = ("客户访问计划（按销售等级与角色）", "Visit plan (by sales grade and role)");
pub const PLAN_HINT: Pair = (
    "每个角色选一种频率；“每月 k 次”与“每 k 个月 1 次”可填一个数，或填范围（最少–最多，如 2–3），最多可不填。",
    "Pick a frequency for each role; \"k a month\" and \"once every k months\" take one number, or a range (least–most, e.g. 2–3); the most may be left empty.",
);
pub const PLAN_GRADE_SUFFIX: Pair = (" 级客户", " customers");
pub const KIND_PER_MONTH: Pair = ("每月 k 次", "k a month");
pub const KIND_EVERY_MONTHS: Pair = ("每 k 个月 1 次", "once every k months");
pub const KIND_WHEN_NEEDED: Pair = ("必要时", "when needed");
pub const KIND_NEVER: Pair = ("—（不拜访）", "— (no visits)");
pub const PER_MONTH_PRE: Pair = ("每月", "");
pub const PER_MONTH_POST: Pair = ("次", "a month");
pub const EVERY_PRE: Pair = ("每", "once every");
pub const EVERY_POST: Pair = ("个月 1 次", "months");
pub const K_LEAST: Pair = ("最少", "least");
pub const K_MOST: Pair = ("最多（可不填）", "most (may be empty)");
pub const CHECK_MONTHS: Pair = ("定期核查：每几个月一次（1–12）", "Archive check every … months (1–12)");
pub const RESORTS: Pair = ("等级每周重新排序几次（2–7）", "Grades re-sorted … times a week (2–7)");
pub const REMINDER_DAYS: Pair = ("提前几天提醒（0–366）", "Remind … days ahead (0–366)");
pub const NOT_WHOLE: Pair = ("不是整数", " is not a whole number");
pub const OUT_OF_RANGE: Pair = ("超出范围", " is out of range");
pub const EMPTY_BOX: Pair = ("此格不能为空，请填写整数", "this box is empty: type a whole number");
pub const SAVE: Pair = ("保存", "Save");
pub const RESET: Pair = ("恢复默认", "Restore defaults");
pub const DAY_SAVED: Pair = ("已保存：复核、拜访与提醒按新设置计算。", "Saved: reviews, visits and reminders follow the new settings.");

// Settings: the area table of the route plan (AreaTable).
pub const AREAS_TITLE: Pair = ("区域划分表（路线顺序）", "Areas (route order)");
pub const AREAS_EXPLAIN: Pair = (
    "今日清单按此表的顺序逐个区域列出客户，同一区域内再按路序排列。",
    "The day list goes area by area in this table's order, then by route order within an area.",
);
pub const AREAS_EMPTY: Pair = ("还没有区域。", "No area yet.");
pub const AREA_ROW_PREFIX: Pair = ("第 ", "Area ");
pub const AREA_ROW_SUFFIX: Pair = (" 个区域", "");
pub const AREA_GROUP: Pair = ("组别", "Group");
pub const AREA_CODE: Pair = ("区域代号", "Area code");
pub const AREA_NAME: Pair = ("所辖区域名称", "Areas covered");
pub const AREA_BOUNDS: Pair = ("区域界限", "Boundaries");
pub const AREA_NOTE: Pair = ("备注", "Note");
pub const AREA_ADD: Pair = ("添加区域", "Add area");
pub const AREA_REMOVE: Pair = ("删除", "Remove");
pub const AREA_UP: Pair = ("↑ 上移", "↑ Up");
pub const AREA_DOWN: Pair = ("↓ 下移", "↓ Down");
pub const AREAS_SAVE: Pair = ("保存区域表", "Save areas");
pub const AREAS_SAVED: Pair = ("已保存：今日清单按新的区域顺序排列。", "Saved: the day list follows the new area order.");
