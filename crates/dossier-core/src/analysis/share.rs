//! A share of a whole, and the integer arithmetic every figure of the analysis uses: basis points
//! by largest remainder (a list's shares add to exactly 100 %), division rounded half away from
//! zero, and the way a share or a ratio is written.

use crate::primitives::lang::Lang;

/// Basis points in a whole (100 %).
pub const WHOLE_BP: u32 = 10_000;

/// One part of a whole: a value of a dimension (a nature, a region, a rep, a product…), how many
/// it counts (customers, complaints), its amount (fen) and its share of the list's total in basis
/// points. Which of `count` and `fen` the share is taken of is the function's (see each).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Share {
    /// The value's code (a vocabulary code, a region as written, a rep id, a customer id, a
    /// product name); "" for "not given".
    pub key: String,
    /// What the screen shows.
    pub label: String,
    pub count: usize,
    pub fen: i64,
    /// Share of the list's total, basis points; the list's add to exactly 10,000 when the total
    /// is above zero, all 0 otherwise.
    pub bp: u32,
}

/// The label of a missing value: "未填" / "Not given".
pub fn not_given(lang: Lang) -> &'static str {
    lang.pick("未填", "Not given")
}

/// Each part's share of their sum in basis points, by the largest remainder: each part gets
/// ⌊part × 10,000 ÷ sum⌋ and the basis points left go one each to the parts with the largest
/// remainders (equal remainders: the earlier part first), so the shares add to exactly 10,000.
/// Parts below zero count as zero; a sum of zero gives all zeros.
pub fn split_bp(parts: &[i128]) -> Vec<u32> {
    let total: i128 = parts.iter().map(|p| (*p).max(0)).sum();
    if total <= 0 {
        return vec![0; parts.len()];
    }
    let whole = i128::from(WHOLE_BP);
    let mut out = Vec::with_capacity(parts.len());
    let mut given: i128 = 0;
    let mut rest: Vec<(i128, usize)> = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let scaled = (*p).max(0) * whole;
        let floor = scaled / total;
        given += floor;
        out.push(u32::try_from(floor).unwrap_or(WHOLE_BP));
        let rem = scaled % total;
        if rem > 0 {
            rest.push((rem, i));
        }
    }
    // Fewer than `rest.len()` basis points are left: Σ remainders = left × total, each < total.
    let left = usize::try_from(whole - given).unwrap_or(0);
    if left > 0 {
        rest.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, i) in rest.iter().take(left) {
            out[i] += 1;
        }
    }
    out
}

/// Fills the `bp` of every share from its `count`.
pub fn bp_by_count(rows: &mut [Share]) {
    let parts: Vec<i128> = rows.iter().map(|r| r.count as i128).collect();
    for (r, bp) in rows.iter_mut().zip(split_bp(&parts)) {
        r.bp = bp;
    }
}

/// Fills the `bp` of every share from its `fen`.
pub fn bp_by_fen(rows: &mut [Share]) {
    let parts: Vec<i128> = rows.iter().map(|r| i128::from(r.fen)).collect();
    for (r, bp) in rows.iter_mut().zip(split_bp(&parts)) {
        r.bp = bp;
    }
}

/// `num ÷ den` rounded half away from zero; `None` when `den` is 0.
pub fn div_round(num: i128, den: i128) -> Option<i128> {
    if den == 0 {
        return None;
    }
    let (n, d) = if den < 0 { (-num, -den) } else { (num, den) };
    let q = (n.abs() + d / 2) / d;
    Some(if n < 0 { -q } else { q })
}

/// An i128 sum brought back to fen (saturating).
pub fn to_fen(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// Basis points as a percentage with two decimals: `1234` → "12.34%", `-50` → "-0.50%".
pub fn format_percent(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let a = bp.unsigned_abs();
    format!("{sign}{}.{:02}%", a / 100, a % 100)
}

/// Ten-thousandths as times, two decimals rounded half away from zero: `25000` → "2.50",
/// `33333` → "3.33".
pub fn format_times(e4: i64) -> String {
    let hundredths = div_round(i128::from(e4), 100).unwrap_or(0);
    let sign = if hundredths < 0 { "-" } else { "" };
    let a = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}
