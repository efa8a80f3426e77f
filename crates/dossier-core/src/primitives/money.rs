//! Money is integer fen (分). Raw text is yuan with up to two decimals.

use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("not a number")]
    Format,
    #[error("negative")]
    Negative,
    #[error("more than two decimals")]
    Decimals,
    #[error("too large")]
    Overflow,
}

/// Parses yuan text such as `1,234.5`, `1234.50`, `¥12`, `.5` into fen.
/// Commas are thousands separators and only allowed before the decimal point.
pub fn parse_yuan(s: &str) -> Result<i64, MoneyError> {
    let s = s.trim();
    let s = s.strip_prefix(['¥', '￥']).unwrap_or(s).trim_start();
    let s = match s.strip_prefix('-') {
        Some(rest) if !rest.is_empty() => {
            // Only a well-formed negative number is reported as negative.
            return match parse_yuan(rest) {
                Ok(0) => Ok(0),
                Ok(_) => Err(MoneyError::Negative),
                Err(e) => Err(e),
            };
        }
        _ => s.strip_prefix('+').unwrap_or(s),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return Err(MoneyError::Format);
    }
    let mut fen: i64 = 0;
    for b in int.bytes() {
        match b {
            b',' => continue,
            b'0'..=b'9' => {
                fen = fen
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(i64::from(b - b'0')))
                    .ok_or(MoneyError::Overflow)?;
            }
            _ => return Err(MoneyError::Format),
        }
    }
    if int.starts_with(',') || int.ends_with(',') || int.contains(",,") {
        return Err(MoneyError::Format);
    }
    let frac = frac.unwrap_or("");
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(MoneyError::Format);
    }
    // Trailing zeros beyond fen carry no information ("1.500" is fine).
    let frac = frac.trim_end_matches('0');
    if frac.len() > 2 {
        return Err(MoneyError::Decimals);
    }
    let mut cents: i64 = 0;
    for (i, b) in frac.bytes().enumerate() {
        cents += i64::from(b - b'0') * if i == 0 { 10 } else { 1 };
    }
    fen.checked_mul(100)
        .and_then(|v| v.checked_add(cents))
        .ok_or(MoneyError::Overflow)
}

/// `123450` → `"1234.50"`; parses back with [`parse_yuan`].
pub fn format_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// `123450` → `"1,234.50"` for display.
pub fn format_yuan_grouped(fen: i64) -> String {
    let plain = format_yuan(fen);
    let (sign, rest) = plain.split_at(usize::from(fen < 0));
    let (int, frac) = rest.split_once('.').unwrap_or((rest, "00"));
    format!("{sign}{}.{frac}", group_digits(int))
}

/// A count for display with thousands grouped: `1234` → `"1,234"`.
pub fn format_count(n: u64) -> String {
    group_digits(&n.to_string())
}

/// ASCII digits with a comma every three from the right.
fn group_digits(int: &str) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_yuan() {
        assert_eq!(parse_yuan("12.50"), Ok(1250));
        assert_eq!(parse_yuan("1,234.5"), Ok(123_450));
        assert_eq!(parse_yuan(" ￥1,000,000 "), Ok(100_000_000));
        assert_eq!(parse_yuan("0.05"), Ok(5));
        assert_eq!(parse_yuan(".5"), Ok(50));
        assert_eq!(parse_yuan("7."), Ok(700));
        assert_eq!(parse_yuan("1.500"), Ok(150));
    }

    #[test]
    fn rejects_bad_money() {
        assert_eq!(parse_yuan("-1"), Err(MoneyError::Negative));
        assert_eq!(parse_yuan("-0"), Ok(0));
        assert_eq!(parse_yuan("1.234"), Err(MoneyError::Decimals));
        assert_eq!(parse_yuan("99999999999999999999"), Err(MoneyError::Overflow));
        assert_eq!(parse_yuan("92233720368547758.07"), Ok(i64::MAX));
        assert_eq!(parse_yuan("92233720368547758.08"), Err(MoneyError::Overflow));
        for bad in ["", "abc", "1.2.3", "1,2.3,4", ",100", "100,", "1 000", "-", ".", "1e5", "一百"] {
            assert_eq!(parse_yuan(bad), Err(MoneyError::Format), "{bad}");
        }
    }

    #[test]
    fn formats_yuan() {
        assert_eq!(format_yuan(123_450), "1234.50");
        assert_eq!(format_yuan(5), "0.05");
        assert_eq!(format_yuan(-5), "-0.05");
        assert_eq!(format_yuan_grouped(123_456_789), "1,234,567.89");
        assert_eq!(format_yuan_grouped(-100), "-1.00");
        assert_eq!(format_yuan_grouped(i64::MIN), "-92,233,720,368,547,758.08");
        assert_eq!((format_count(0), format_count(999), format_count(1_000), format_count(1_234_567)), ("0".into(), "999".into(), "1,000".into(), "1,234,567".into()));
    }
}
