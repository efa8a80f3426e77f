//! Registration numbers (登记编号) `KH-YYYY-NNNNNN`: the sequence is archive-wide and only ever
//! grows, so a number is never reused, not even after its card is deleted.

use serde::{Deserialize, Serialize};

pub const PREFIX: &str = "KH";

pub fn format_reg_no(year: i32, seq: u32) -> String {
    format!("{PREFIX}-{year:04}-{seq:06}")
}

/// Parses `KH-2026-000123` (case-insensitive prefix, surrounding spaces ignored).
pub fn parse_reg_no(s: &str) -> Option<(i32, u32)> {
    let mut it = s.trim().split('-');
    let (p, y, n) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || !p.eq_ignore_ascii_case(PREFIX) {
        return None;
    }
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if y.len() != 4 || !digits(y) || n.len() < 6 || !digits(n) {
        return None;
    }
    Some((y.parse().ok()?, n.parse().ok()?))
}

/// The persisted counter of an archive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Numbering {
    pub next_seq: u32,
}

impl Default for Numbering {
    fn default() -> Self {
        Numbering { next_seq: 1 }
    }
}

impl Numbering {
    /// Issues the next number; the year only labels it, the sequence never resets.
    pub fn issue(&mut self, year: i32) -> String {
        let seq = self.next_seq.max(1);
        self.next_seq = seq.saturating_add(1);
        format_reg_no(year, seq)
    }

    /// Moves the counter past a number seen in an import or merge.
    pub fn observe(&mut self, reg_no: &str) {
        if let Some((_, seq)) = parse_reg_no(reg_no) {
            self.next_seq = self.next_seq.max(seq.saturating_add(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_and_parse() {
        assert_eq!(format_reg_no(2026, 123), "KH-2026-000123");
        assert_eq!(parse_reg_no("KH-2026-000123"), Some((2026, 123)));
        assert_eq!(parse_reg_no(" kh-2026-1234567 "), Some((2026, 1_234_567)));
        for bad in ["", "KH-26-000001", "KH-2026-12", "AB-2026-000001", "KH-2026-00001x", "KH-2026-000001-1", "KH-２０２６-000001"] {
            assert_eq!(parse_reg_no(bad), None, "{bad}");
        }
    }

    #[test]
    fn never_reused_after_delete() {
        let mut n = Numbering::default();
        let a = n.issue(2025);
        let b = n.issue(2026);
        assert_eq!((a.as_str(), b.as_str()), ("KH-2025-000001", "KH-2026-000002"));
        // Deleting b does not give its number back: the counter is only ever raised.
        let c = n.issue(2026);
        assert_eq!(c, "KH-2026-000003");
        assert_ne!(c, b);
    }

    #[test]
    fn observe_bumps_past_imports() {
        let mut n = Numbering { next_seq: 5 };
        n.observe("KH-2024-000041");
        assert_eq!(n.next_seq, 42);
        n.observe("KH-2024-000007"); // lower: no change
        n.observe("garbage");
        assert_eq!(n.next_seq, 42);
        assert_eq!(n.issue(2026), "KH-2026-000042");
        let mut z = Numbering { next_seq: 0 };
        assert_eq!(z.issue(2026), "KH-2026-000001");
    }
}
