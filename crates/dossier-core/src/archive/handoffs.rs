//! The hand-off log (借阅表, seed 002): every export and import of a bundle, with the seed's
//! columns — borrower, approver, clerk, purpose, return date — beside what the app knows (time,
//! device, rep, profile, scope, counts, the file's digest). The archive keeps it like the reps:
//! whole records by id, the later write winning, so two tabs or devices never lose a line.

use chrono::NaiveDate;

use crate::primitives::clock::{Hlc, Stamp};
use crate::primitives::lang::Lang;

coded! {
    pub enum Direction {
        Export = "export", "导出", "Export";
        Import = "import", "导入", "Import";
    }
}

record! {
    /// One line of the log.
    pub struct Handoff {
        pub id: String,
        /// When it was logged, on which device.
        pub at: Stamp,
        /// Last write (a return date recorded later); zero: as logged.
        pub stamp: Stamp,
        pub direction: Option<Direction>,
        pub file_name: String,
        /// The bundle's payload digest (hex), as in its header.
        pub digest: String,
        /// Profile code and name (业务员 / 客服 / 备份 / custom name).
        pub profile: String,
        pub profile_name: String,
        /// How many fields the profile left out.
        pub withheld: u32,
        /// Which customers and why, in words.
        pub scope: String,
        pub customers: u32,
        pub entries: u32,
        pub encrypted: bool,
        /// This device's rep when it was logged (name).
        pub rep: String,
        /// The other side: the bundle's device and rep (imports), as far as known.
        pub peer_device: String,
        pub peer_rep: String,
        /// The exporting device's clock in the bundle's header: on an import, what this device
        /// has seen of that device (conflicts are changes on both sides after it).
        pub peer_hlc: Hlc,
        /// 借阅人, 批准人, 经办人, 用途.
        pub borrower: String,
        pub approver: String,
        pub clerk: String,
        pub purpose: String,
        /// 归还日期 agreed (lent copies), and when they actually came back.
        pub return_by: Option<NaiveDate>,
        pub returned_on: Option<NaiveDate>,
        /// The customers of a lent copy (so a return knows what to take back).
        pub lent_ids: Vec<String>,
        /// On the borrower's device: the customers of a lent copy that were not here before it
        /// came. Taken off the device (not deleted) when the copy is returned.
        pub copies: Vec<String>,
    }
}

impl Handoff {
    /// The later write of two copies of one line.
    pub fn merge(mine: &Handoff, other: &Handoff) -> Handoff {
        let key = |h: &Handoff| (h.stamp.clone().max(h.at.clone()), serde_json::to_string(h).unwrap_or_default());
        if key(other) > key(mine) { other.clone() } else { mine.clone() }
    }

    /// Out and not back by the agreed date.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.returned_on.is_none() && self.return_by.is_some_and(|d| d < today)
    }

    /// Lent out (an export with a return date) and not back yet.
    pub fn is_out(&self) -> bool {
        self.direction == Some(Direction::Export) && self.return_by.is_some() && self.returned_on.is_none()
    }
}

/// Which lines a log view shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogFilter {
    pub direction: Option<Direction>,
    /// Only lent copies still out.
    pub out_only: bool,
    /// Words that must appear in the rep, peer, borrower, scope or file name.
    pub text: String,
}

/// The lines that pass `filter`, newest first.
pub fn filtered<'a>(log: &'a [Handoff], filter: &LogFilter) -> Vec<&'a Handoff> {
    let words = filter.text.trim().to_lowercase();
    let mut out: Vec<&Handoff> = log
        .iter()
        .filter(|h| filter.direction.is_none_or(|d| h.direction == Some(d)))
        .filter(|h| !filter.out_only || h.is_out())
        .filter(|h| {
            words.is_empty()
                || [&h.rep, &h.peer_rep, &h.peer_device, &h.borrower, &h.scope, &h.file_name, &h.profile_name, &h.purpose]
                    .iter()
                    .any(|f| f.to_lowercase().contains(&words))
        })
        .collect();
    out.sort_by(|a, b| b.at.cmp(&a.at));
    out
}

/// The log as CSV (UTF-8 with a byte-order mark so spreadsheet programs read the Chinese),
/// headed in `lang`; `time` formats a stamp's wall time (the device's time zone).
pub fn to_csv(lines: &[&Handoff], lang: Lang, time: impl Fn(u64) -> String) -> String {
    let head = [
        ("时间", "Time"),
        ("方向", "Direction"),
        ("文件", "File"),
        ("档案范围", "Scope"),
        ("发放规则", "Profile"),
        ("客户数", "Customers"),
        ("往来记录数", "Entries"),
        ("加密", "Encrypted"),
        ("本机业务员", "Rep"),
        ("对方设备", "Other device"),
        ("对方业务员", "Other rep"),
        ("借阅人", "Borrower"),
        ("批准人", "Approver"),
        ("经办人", "Clerk"),
        ("用途", "Purpose"),
        ("归还日期", "Return by"),
        ("实际归还", "Returned"),
        ("文件摘要", "Digest"),
    ];
    let mut out = String::from("\u{feff}");
    out.push_str(&head.iter().map(|(zh, en)| lang.pick(zh, en)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    for h in lines {
        let yes_no = if h.encrypted { lang.pick("是", "yes") } else { lang.pick("否", "no") };
        let row = [
            time(h.at.at.ms),
            h.direction.map(|d| d.label(lang).to_string()).unwrap_or_default(),
            h.file_name.clone(),
            h.scope.clone(),
            h.profile_name.clone(),
            h.customers.to_string(),
            h.entries.to_string(),
            yes_no.to_string(),
            h.rep.clone(),
            h.peer_device.clone(),
            h.peer_rep.clone(),
            h.borrower.clone(),
            h.approver.clone(),
            h.clerk.clone(),
            h.purpose.clone(),
            date(h.return_by),
            date(h.returned_on),
            h.digest.clone(),
        ];
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// A CSV field, quoted when it must be; a leading `=`, `+`, `-` or `@` is prefixed with `'` so
/// a spreadsheet does not run it as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// What this device has seen of `device`: the clock in the header of the last bundle from it
/// imported here (zero: never).
pub fn seen_of(log: &[Handoff], device: &str) -> Hlc {
    log.iter().filter(|h| h.direction == Some(Direction::Import) && h.peer_device == device).map(|h| h.peer_hlc).max().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, ms: u64, dir: Direction) -> Handoff {
        Handoff { id: id.into(), at: Stamp::new(Hlc { ms, n: 0 }, "d"), direction: Some(dir), rep: "王芳".into(), ..Handoff::default() }
    }

    #[test]
    fn filter_and_order() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut out = line("a", 1, Direction::Export);
        out.return_by = Some(d("2026-12-10"));
        out.borrower = "李强".into();
        let back = Handoff { returned_on: Some(d("2026-12-09")), ..line("b", 2, Direction::Export) };
        let back = Handoff { return_by: Some(d("2026-12-05")), ..back };
        let import = Handoff { peer_device: "dev-b".into(), peer_hlc: Hlc { ms: 50, n: 1 }, ..line("c", 3, Direction::Import) };
        let log = vec![out.clone(), back, import];
        let all: Vec<&str> = filtered(&log, &LogFilter::default()).iter().map(|h| h.id.as_str()).collect();
        assert_eq!(all, ["c", "b", "a"]);
        let lent = filtered(&log, &LogFilter { out_only: true, ..LogFilter::default() });
        assert_eq!(lent.len(), 1);
        assert!(lent[0].overdue(d("2026-12-11")) && !lent[0].overdue(d("2026-12-10")));
        assert_eq!(filtered(&log, &LogFilter { text: "李强".into(), ..LogFilter::default() }).len(), 1);
        assert_eq!(filtered(&log, &LogFilter { direction: Some(Direction::Import), ..LogFilter::default() }).len(), 1);
        assert_eq!(seen_of(&log, "dev-b"), Hlc { ms: 50, n: 1 });
        assert_eq!(seen_of(&log, "dev-x"), Hlc::default());
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let mut h = line("a", 1, Direction::Export);
        h.scope = "华东, \"重要\"".into();
        h.purpose = "=HYPERLINK(\"x\")".into();
        let csv = to_csv(&[&h], Lang::Zh, |_| "2026-12-02 08:00".into());
        assert!(csv.starts_with("\u{feff}时间,方向"));
        assert!(csv.contains("\"华东, \"\"重要\"\"\""));
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""));
        assert!(csv.contains(",导出,"));
    }

    #[test]
    fn later_write_wins_either_way() {
        let a = line("a", 1, Direction::Export);
        let mut b = a.clone();
        b.returned_on = NaiveDate::from_ymd_opt(2026, 12, 9);
        b.stamp = Stamp::new(Hlc { ms: 9, n: 0 }, "e");
        assert_eq!(Handoff::merge(&a, &b), b);
        assert_eq!(Handoff::merge(&b, &a), b);
    }
}
