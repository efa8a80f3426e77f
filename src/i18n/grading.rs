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
