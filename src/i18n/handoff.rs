//! The 交接 page's words: each a (中文, English) pair, so neither language can be missing.
//! Bundle errors are worded by the core (`BundleError::message`), in both languages too.

use dossier_core::Lang;

use crate::handoff_commands::HandoffError;

pub type Pair = (&'static str, &'static str);

pub fn tr(lang: Lang, pair: Pair) -> &'static str {
    lang.pick(pair.0, pair.1)
}

pub const TAB_EXPORT: Pair = ("导出", "Export");
pub const TAB_IMPORT: Pair = ("导入", "Import");
pub const TAB_LOG: Pair = ("借阅表", "Hand-off log");
pub const TABS_LABEL: Pair = ("交接", "Hand-off");

pub const BACKUP_TITLE: Pair = ("备份", "Backup");
pub const BACKUP_NOW: Pair = ("一键备份", "Back up now");
pub const BACKUP_LAST: Pair = ("上次备份：", "Last backup: ");
pub const BACKUP_NEVER: Pair = ("本机还没有备份过。", "This device has never been backed up.");
pub const BACKUP_OLD: Pair = (
    "上次备份已超过 7 天。浏览器（尤其是 Safari）可能在网站 7 天未使用后清除其数据：请现在备份，并把文件存到别处。",
    "The last backup is more than 7 days old. Browsers (Safari in particular) may erase a site's data after 7 days without a visit: back up now and keep the file elsewhere.",
);
pub const BACKUP_EXPLAIN: Pair = (
    "备份包含全部客户、往来记录、修改记录和业务员，默认加密。请记住口令：忘记口令就无法恢复。",
    "A backup holds every customer, entry, change record and rep, encrypted by default. Remember the passphrase: without it the backup cannot be restored.",
);

pub const SCOPE: Pair = ("导出范围", "Which customers");
pub const SCOPE_ALL: Pair = ("全部客户", "All customers");
pub const SCOPE_LIST: Pair = ("客户列表当前的搜索和筛选", "The customer list's current search and filters");
pub const SCOPE_OWNER: Pair = ("某位负责人的客户", "Customers of one owner");
pub const SCOPE_REGION: Pair = ("某个销售区域的客户", "Customers of one sales region");
pub const SCOPE_GRADE: Pair = ("某个客户等级的客户", "Customers of one grade");
pub const SCOPE_GRADE_LABEL: Pair = ("客户等级：", "Grade: ");
pub const SCOPE_TICKED: Pair = ("逐个勾选", "Ticked one by one");
pub const SCOPE_COUNT: Pair = ("位客户", " customers");
pub const TICK_SEARCH: Pair = ("搜索并勾选客户", "Search and tick customers");
pub const TICKED: Pair = ("已勾选", "Ticked");
pub const NO_OWNER: Pair = ("（无负责人）", "(no owner)");

pub const PROFILE: Pair = ("发放规则", "Profile");
pub const PROFILE_REP: Pair = ("业务员：只含公司名称、人员姓名和职务", "Sales rep: company name, people's names and titles only");
pub const PROFILE_SERVICE: Pair = ("客服：全部资料，不含原件（附件）", "Service staff: everything but original documents");
pub const PROFILE_BACKUP: Pair = ("备份：全部资料", "Backup: everything");
pub const PROFILE_CUSTOM: Pair = ("自定义", "Custom");
pub const CUSTOM_NAME: Pair = ("规则名称", "Profile name");
pub const CUSTOM_SAVE: Pair = ("保存此规则", "Save this profile");
pub const SAVED: Pair = ("（已保存）", " (saved)");
pub const CUSTOM_FIELDS: Pair = ("可带出的字段", "Fields that may leave");
pub const WITHHELD_COUNT: Pair = ("不带出的字段：", "Fields left out: ");

pub const LOCK: Pair = ("用口令加密（推荐）", "Lock with a passphrase (recommended)");
pub const PASSPHRASE: Pair = ("口令", "Passphrase");
pub const PASSPHRASE_AGAIN: Pair = ("再输入一次口令", "Passphrase again");
pub const PASSPHRASE_MISMATCH: Pair = ("两次输入的口令不一致。", "The two passphrases differ.");
pub const PASSPHRASE_SHORT: Pair = ("口令至少 8 个字符。", "A passphrase has at least 8 characters.");

pub const LEND: Pair = ("借阅登记（借阅表）", "Lending record (hand-off log)");
pub const BORROWER: Pair = ("借阅人", "Borrower");
pub const APPROVER: Pair = ("批准人", "Approved by");
pub const CLERK: Pair = ("经办人", "Handled by");
pub const PURPOSE: Pair = ("用途", "Purpose");
pub const RETURN_BY: Pair = ("归还日期（借出副本时填写）", "Return by (for a lent copy)");
pub const RETURN_BY_PAST: Pair = ("归还日期不能早于今天。", "The return date cannot be before today.");

pub const EXPORT_BUTTON: Pair = ("导出档案包", "Export bundle");
pub const SHARE_BUTTON: Pair = ("导出并分享", "Export and share");
pub const EXPORTING: Pair = ("正在导出…", "Exporting…");
pub const EXPORTED: Pair = ("已导出：", "Exported: ");
pub const EXPORTED_SHARED: Pair = ("已交给分享面板。", "Handed to the share sheet.");
pub const EXPORTED_DOWNLOADED: Pair = ("已下载。", "Downloaded.");
pub const EXPORTED_CANCELLED: Pair = ("分享已取消，文件没有发出。", "Sharing was cancelled: the file was not sent.");
pub const PAGES: Pair = ("页", " pages");

pub const PICK: Pair = ("选择档案包文件", "Choose a bundle file");
pub const DROP: Pair = ("或把文件拖到这里", "or drop the file here");
pub const FROM: Pair = ("来自", "From");
pub const CREATED: Pair = ("导出时间", "Exported at");
pub const CONTENTS: Pair = ("内容", "Contents");
pub const LENT_COPY: Pair = ("借阅副本，归还日期：", "Lent copy, to be returned by ");
pub const ENCRYPTED: Pair = ("此档案包已加密。", "This bundle is encrypted.");
pub const CHECK: Pair = ("检查并预览", "Check and preview");
pub const READING: Pair = ("正在检查…", "Checking…");
pub const PREVIEW: Pair = ("导入预览（尚未写入任何内容）", "Import preview (nothing written yet)");
pub const OUT_NEW: Pair = ("新增", "New");
pub const OUT_UPDATED: Pair = ("更新", "Updated");
pub const OUT_UNCHANGED: Pair = ("无变化", "Unchanged");
pub const OUT_DELETED: Pair = ("删除", "Deleted");
pub const OUT_REVIVED: Pair = ("保留（删除后对方又修改过）", "Kept (edited there after it was deleted here)");
pub const OUT_CONFLICTS: Pair = ("冲突字段", "Conflicting fields");
pub const OUT_DUPLICATES: Pair = ("可能重复", "Possible duplicates");
pub const OUT_RENUMBER: Pair = ("登记编号重复，将重新编号", "Registration number taken: will be renumbered");
pub const ENTRIES: Pair = ("往来记录", "File entries");
pub const HISTORY: Pair = ("修改记录", "Change records");
pub const REPS: Pair = ("业务员", "Reps");
pub const TALLY: Pair = ("新增 {n}，更新 {u}，无变化 {s}", "{n} new, {u} updated, {s} unchanged");
pub const AHEAD: Pair = (
    "以下设备的时钟比本机快一天以上：其修改照常按时间合并，但本机时钟不会被拉快。",
    "These devices' clocks are more than a day ahead of this one: their edits merge as usual, but this device's clock is not pulled forward.",
);
pub const AHEAD_BY: Pair = ("快了约 {h} 小时", "about {h} hours ahead");
pub const CONFLICT_HEAD: Pair = (
    "两边在上次交接之后都改过这些字段。默认采用较晚的修改；可逐项改为保留本机的值。",
    "Both sides changed these fields since the last exchange. The later edit is taken by default; you may keep this device's value field by field.",
);
pub const THIS_DEVICE: Pair = ("本机", "This device");
pub const OTHER_SIDE: Pair = ("对方", "The bundle");
pub const KEEP_MINE: Pair = ("保留本机", "Keep this device's");
pub const TAKE_THEIRS: Pair = ("采用对方", "Take the bundle's");
pub const LATER: Pair = ("（较晚）", " (later)");
pub const EMPTY_VALUE: Pair = ("（空）", "(empty)");
pub const DUP_HEAD: Pair = (
    "这些新卡片的电话或税号与本机已有的卡片相同。默认保留为两位客户；如是同一客户，可并入已有卡片（已有卡片的内容优先，空白处由新卡片补上，人员和往来记录一并并入）。",
    "These new cards share a phone or tax number with a card here. By default both are kept; if they are the same customer, merge into the existing card (its values win, its blanks are filled from the new card, people and entries are moved over).",
);
pub const KEEP_BOTH: Pair = ("保留为两位客户", "Keep both");
pub const MERGE_INTO: Pair = ("并入已有卡片：", "Merge into the existing card: ");
pub const MERGED_N: Pair = ("并入已有卡片：", "Merged into existing cards: ");
pub const OPEN_EXISTING: Pair = ("查看已有卡片", "Open the existing card");
pub const WITHHELD_NOTE: Pair = (
    "对方按发放规则未提供的字段不会清空本机的值。",
    "Fields the bundle's profile left out never erase values here.",
);
pub const CONFIRM: Pair = ("确认导入", "Confirm import");
pub const CANCEL: Pair = ("取消", "Cancel");
pub const IMPORTING: Pair = ("正在写入…", "Writing…");
pub const NOTHING_NEW: Pair = ("档案包里没有比本机更新的内容，无需导入。", "The bundle holds nothing newer than this device: there is nothing to import.");
pub const IMPORTED: Pair = ("已导入：", "Imported: ");
pub const IMPORTED_CUSTOMERS: Pair = ("位客户，", " customers, ");
pub const IMPORTED_ENTRIES: Pair = ("条往来记录。", " entries.");
pub const RENUMBERED: Pair = ("重新编号：", "Renumbered: ");
pub const STREAMED: Pair = (
    "文件较大，本机档案还没有客户：已分段读取并核对；确认后将再读一遍，分段写入，全部写好才算导入。",
    "A large file into an archive with no customer yet: read and checked part by part; confirming reads it once more and writes it page by page, and it counts as imported only once all of it is written.",
);
pub const CANCELLED: Pair = ("已取消，没有写入任何内容。", "Cancelled: nothing was written.");
pub const GO_DUPLICATES: Pair = ("去查重页合并", "Merge on the Duplicates page");

pub const RETURNED_DONE: Pair = (
    "已归还：修改已随文件发回，借阅的 {n} 位客户已从本机移除（出借方的档案不受影响）。",
    "Returned: the changes went back in the file, and the {n} lent customers were taken off this device (the lender's archive is not affected).",
);
pub const RETURN_NOT_SENT: Pair = (
    "文件没有发出，未归还，借阅的客户仍在本机。",
    "The file was not sent: nothing was returned, and the lent customers stay on this device.",
);
pub const LOG_EMPTY: Pair = ("还没有导出或导入记录。", "No export or import yet.");
pub const LOG_FILTER_ALL: Pair = ("全部", "All");
pub const LOG_FILTER_OUT: Pair = ("借出未还", "Lent and not back");
pub const LOG_SEARCH: Pair = ("搜索借阅人、业务员、范围…", "Search borrower, rep, scope…");
pub const LOG_CSV: Pair = ("导出借阅表（CSV）", "Export the log (CSV)");
pub const LOG_TIME: Pair = ("时间", "Time");
pub const LOG_WHAT: Pair = ("内容", "What");
pub const LOG_WHO: Pair = ("借阅人 / 批准人 / 经办人", "Borrower / approver / clerk");
pub const LOG_RETURN: Pair = ("归还", "Return");
pub const LOG_MARK_RETURNED: Pair = ("登记已归还", "Mark returned");
pub const LOG_OVERDUE: Pair = ("已逾期", "Overdue");
pub const LOG_RETURNED_ON: Pair = ("已归还：", "Returned: ");
pub const LOG_DUE: Pair = ("应还：", "Due: ");
pub const GIVE_BACK: Pair = ("归还（导出我的修改并登记）", "Return (export my changes and record it)");
pub const LENT_HERE: Pair = ("借阅副本：应于 {d} 归还给出借人。", "Lent copy: to be returned to the lender by {d}.");
pub const LENT_OVERDUE: Pair = ("借阅副本已逾期：应于 {d} 归还。请在“交接 › 借阅表”中归还。", "Lent copy overdue: it was due back on {d}. Return it under Hand-off › log.");
pub const LENT_DUE: Pair = ("借阅副本三天内到期或已逾期：", "Lent copies due within three days or overdue: ");
pub const LOCKED: Pair = ("已加密", "Encrypted");

pub const HANDOVER_TITLE: Pair = ("离职继承", "Handover when a rep leaves");
pub const HANDOVER_EXPLAIN: Pair = (
    "把离职业务员的全部客户交给另一位业务员：负责人一次改好（每张卡片的负责人记录写明原因），并导出一个交接包。",
    "Hand all customers of a leaving rep to another rep: the owner changes at once (each card's owner record says why), and one bundle is exported.",
);
pub const HANDOVER_FROM: Pair = ("离职业务员", "Leaving rep");
pub const HANDOVER_TO: Pair = ("接手业务员", "Taking over");
pub const HANDOVER_REASON: Pair = ("离职继承", "Handover: rep leaving");
pub const HANDOVER_BUTTON: Pair = ("交接并导出", "Hand over and export");
pub const HANDOVER_SAME: Pair = ("请选择两位不同的业务员。", "Choose two different reps.");
pub const HANDOVER_NONE: Pair = ("这位业务员名下没有客户。", "This rep owns no customers.");
pub const HANDOVER_DONE: Pair = ("已交接：", "Handed over: ");

pub const WITHHELD_CARD: Pair = (
    "这张卡片来自按发放规则删减的档案包，以下字段对方未提供（不是空白）：",
    "This card came from a bundle that left fields out by its profile; not provided (not blank): ",
);

/// A change record of an import, in words: from whom (device), when, which bundle, a new
/// 登记编号 and the conflicts decided against the stamps.
pub fn provenance(lang: Lang, changes: &[dossier_core::Change]) -> String {
    let get = |k: &str| changes.iter().find(|c| c.field == k).map(|c| c.new.as_str()).unwrap_or("");
    let mut out = if lang == Lang::Zh {
        format!("导入：收自 {}，{}，档案包 {}", get("import.from"), get("import.date"), get("import.bundle"))
    } else {
        format!("Imported: received from {} on {}, bundle {}", get("import.from"), get("import.date"), get("import.bundle"))
    };
    if let Some(c) = changes.iter().find(|c| c.field == "reg_no") {
        out.push_str(&if lang == Lang::Zh { format!("；登记编号 {} 已被占用，改为 {}", c.old, c.new) } else { format!("; registration number {} was taken, now {}", c.old, c.new) });
    }
    for (key, zh, en) in [("import.kept", "保留本机的", "kept this device's "), ("import.taken", "采用对方的", "took the bundle's ")] {
        let fields: Vec<String> = changes.iter().filter(|c| c.field == key).map(|c| dossier_core::bundle::profile::label(&c.new, lang)).collect();
        if !fields.is_empty() {
            out.push_str(lang.pick("；", "; "));
            out.push_str(lang.pick(zh, en));
            out.push_str(&fields.join(lang.pick("、", ", ")));
        }
    }
    out
}

/// What the user is told when a hand-off did not happen (nothing was written).
pub fn error(lang: Lang, e: &HandoffError, texts: &super::Texts) -> String {
    match e {
        HandoffError::Bundle(b) => b.message(lang),
        HandoffError::Insecure => lang
            .pick(
                "此页面不是安全连接（https 或本机地址），浏览器不提供加密和校验功能，无法导出或导入档案包。请用 https 地址打开客户档案。",
                "This page is not a secure context (https or localhost): the browser offers no cryptography, so bundles cannot be exported or imported. Open Dossier over https.",
            )
            .to_string(),
        HandoffError::Crypto(why) => {
            if lang == Lang::Zh {
                format!("浏览器的加密功能出错（{why}），没有写入任何内容。")
            } else {
                format!("The browser's cryptography failed ({why}); nothing was written.")
            }
        }
        HandoffError::File(why) => {
            if lang == Lang::Zh {
                format!("读不了这个文件（{why}）：它可能已被移走或没有读取权限。")
            } else {
                format!("The file cannot be read ({why}): it may have been moved, or reading it is not allowed.")
            }
        }
        HandoffError::Storage(s) => texts.storage_error(s).to_string(),
        HandoffError::Save(s) => texts.save_error(s),
        HandoffError::NoSpace { need, free } => {
            if lang == Lang::Zh {
                format!("本机存储空间不足：导入约需 {}，只剩 {}。没有写入任何内容；请先腾出空间。", super::megabytes(*need), super::megabytes(*free))
            } else {
                format!("Not enough free storage: the import needs about {}, only {} is free. Nothing was written; free some space first.", super::megabytes(*need), super::megabytes(*free))
            }
        }
        HandoffError::Import(e) => e.message(lang),
        HandoffError::TooLarge { customers, entries } => {
            let (c, e) = (dossier_core::primitives::money::format_count(*customers), dossier_core::primitives::money::format_count(*entries));
            let (mc, me) = (dossier_core::primitives::money::format_count(crate::handoff_commands::MAX_IMPORT_CUSTOMERS), dossier_core::primitives::money::format_count(crate::handoff_commands::MAX_IMPORT_ENTRIES));
            match lang {
                Lang::Zh => format!("这个档案包太大：{c} 位客户、{e} 条往来记录；本机一次最多导入 {mc} 位客户、{me} 条往来记录（受内存所限）。请让对方按负责人或地区分批导出，或在电脑上用 dossier-cli 合并；导入到还没有客户的档案（如新设备）则可分段导入，不受此限。未导入任何内容。"),
                Lang::En => format!("This bundle is too large: {c} customers and {e} entries; this device imports at most {mc} customers and {me} entries at a time (memory). Ask for it in parts (by owner or region), or merge it with dossier-cli on a computer; into an archive with no customer yet (a new device) it is imported part by part, without this limit. Nothing was imported."),
            }
        }
        HandoffError::NoLongerEmpty => lang
            .pick(
                "预览之后本机档案里有了客户（可能是另一个标签页），大文件只能导入到没有客户的档案。没有写入任何内容；请重新选择文件，按普通方式导入。",
                "Customers were added to this archive after the preview (perhaps in another tab); a file this large can only go into an archive with no customer. Nothing was written; pick the file again to import it the usual way.",
            )
            .to_string(),
        HandoffError::NothingToExport => lang.pick("所选范围内没有客户，没有导出。", "No customer in the chosen scope: nothing was exported.").to_string(),
    }
}
