//! Checks of single values (phones, codes, dates...). Each returns the normalised value or the
//! [`Problem`]; none of them panics on any input.

use super::Problem;
use crate::primitives::money::parse_yuan;
use crate::primitives::phone::{self, Reading};
use chrono::{Datelike, NaiveDate};

/// Mainland mobile: 11 digits `1[3-9]…`, spaces/dashes allowed, optional +86/0086.
/// Normalised to the bare 11 digits.
pub fn mobile(s: &str) -> Result<String, Problem> {
    let d = phone::normalize(s, Reading::Typed).ok_or(Problem::Mobile)?;
    if phone::is_mobile(&d) {
        Ok(d)
    } else {
        Err(Problem::Mobile)
    }
}

/// Splits digits into (area code, local number) by the mainland rule: 010 and 02x are three
/// digits, every other area code (03xx–09xx) four. Local numbers never start with 0.
fn split_area(d: &str) -> Option<(&str, &str)> {
    let b = d.as_bytes();
    let n = match b {
        [b'0', b'1', b'0', ..] | [b'0', b'2', ..] => 3,
        [b'0', b'3'..=b'9', ..] => 4,
        _ => return None,
    };
    let (area, local) = (d.get(..n)?, d.get(n..)?);
    let lb = local.as_bytes();
    ((7..=8).contains(&lb.len()) && lb[0] != b'0').then_some((area, local))
}

/// Landline with area code, optional extension (`转`, `ext`, `x`, `#`, or a trailing group).
/// Normalised to `010-12345678` or `0755-1234567-123`. Also accepts 400/800 service numbers.
pub fn landline(s: &str) -> Result<String, Problem> {
    let s = phone::strip_country(s);
    let lower = s.to_ascii_lowercase();
    let (main, ext) = match ["转", "ext.", "ext", "x", "#"].iter().find_map(|m| lower.split_once(m)) {
        Some((m, e)) => (m.to_string(), Some(e.trim().to_string())),
        None => (lower.clone(), None),
    };
    let groups: Vec<&str> = main
        .split(phone::TYPED_SEPARATORS)
        .filter(|g| !g.is_empty())
        .collect();
    if groups.is_empty() || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
        return Err(Problem::Landline);
    }
    let ext_ok = |e: &str| (1..=6).contains(&e.len()) && e.bytes().all(|b| b.is_ascii_digit());
    let whole = groups.concat();
    if ext.is_none() && whole.len() == 10 && (whole.starts_with("400") || whole.starts_with("800")) {
        return Ok(format!("{}-{}-{}", &whole[..3], &whole[3..6], &whole[6..]));
    }
    let (num, ext) = match (split_area(&whole), ext) {
        (Some(n), Some(e)) if ext_ok(&e) => (n, Some(e)),
        (Some(_), Some(_)) => return Err(Problem::Landline),
        (Some(n), None) => (n, None),
        // "010-12345678-123": the last group is the extension.
        (None, None) if groups.len() >= 2 => {
            let (last, rest) = groups.split_last().ok_or(Problem::Landline)?;
            let rest = rest.concat();
            match split_area(&rest) {
                Some((a, l)) if ext_ok(last) => return Ok(format!("{a}-{l}-{last}")),
                _ => return Err(Problem::Landline),
            }
        }
        _ => return Err(Problem::Landline),
    };
    let (area, local) = num;
    Ok(match ext {
        Some(e) => format!("{area}-{local}-{e}"),
        None => format!("{area}-{local}"),
    })
}

/// Mobile or landline.
pub fn phone(s: &str) -> Result<String, Problem> {
    mobile(s).or_else(|_| landline(s)).map_err(|_| Problem::Phone)
}

pub fn email(s: &str) -> Result<String, Problem> {
    let s = s.trim();
    let (local, domain) = s.split_once('@').ok_or(Problem::Email)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-!#$&'*/=?^`{|}~".contains(c));
    if local_ok && host_ok(domain) {
        Ok(s.to_string())
    } else {
        Err(Problem::Email)
    }
}

/// `example.com`-like: dot-separated labels of letters/digits/hyphens, alphabetic TLD.
fn host_ok(h: &str) -> bool {
    let labels: Vec<&str> = h.split('.').collect();
    let tld = labels.last().copied().unwrap_or("");
    labels.len() >= 2
        && h.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
}

pub fn postcode(s: &str) -> Result<String, Problem> {
    let s = s.trim();
    if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err(Problem::Postcode)
    }
}

/// `www.example.com`, `https://example.com.cn/path`, optional port.
pub fn url(s: &str) -> Result<String, Problem> {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (host, port) = match host_port.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (host_port, None),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    if host_ok(host) && port_ok && !s.chars().any(char::is_whitespace) {
        Ok(s.to_string())
    } else {
        Err(Problem::Url)
    }
}

/// GB 32100-2015 character set (no I, O, Z, S, V).
const USCC_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Check character for the first 17 characters of a 统一社会信用代码.
pub fn uscc_check_char(first17: &str) -> Option<char> {
    let b = first17.as_bytes();
    if b.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in b.iter().zip(USCC_WEIGHTS) {
        let v = USCC_CHARS.iter().position(|x| x == c)? as u32;
        sum += v * w;
    }
    let idx = (31 - sum % 31) % 31;
    USCC_CHARS.get(idx as usize).map(|&c| char::from(c))
}

/// 统一社会信用代码: 18 characters with a valid check character. Normalised to upper case.
pub fn uscc(s: &str) -> Result<String, Problem> {
    let u: String = s.trim().chars().filter(|c| *c != ' ').collect::<String>().to_ascii_uppercase();
    if u.len() != 18 || !u.bytes().all(|b| USCC_CHARS.contains(&b)) {
        return Err(Problem::UsccFormat);
    }
    let (head, last) = u.split_at(17);
    match uscc_check_char(head) {
        Some(c) if last.starts_with(c) => Ok(u),
        _ => Err(Problem::UsccCheck),
    }
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// GB 11643 check digit for the first 17 digits of an ID card number.
pub fn id_check_digit(first17: &str) -> Option<char> {
    let b = first17.as_bytes();
    if b.len() != 17 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = b.iter().zip(ID_WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    b"10X98765432".get((sum % 11) as usize).map(|&c| char::from(c))
}

/// 18-digit resident ID (last may be X) with check digit and a real birth date not after today.
pub fn id_card(s: &str, today: NaiveDate) -> Result<String, Problem> {
    let u = s.trim().to_ascii_uppercase();
    let b = u.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
        return Err(Problem::IdFormat);
    }
    let num = |r: std::ops::Range<usize>| u.get(r).and_then(|t| t.parse::<u32>().ok());
    let birth = match (num(6..10), num(10..12), num(12..14)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    };
    match birth {
        Some(d) if d.year() >= 1900 && d <= today => {}
        _ => return Err(Problem::IdBirth),
    }
    match id_check_digit(&u[..17]) {
        Some(c) if char::from(b[17]) == c => Ok(u),
        _ => Err(Problem::IdCheck),
    }
}

/// `YYYY-MM-DD` (also `/`, `.` or 年月日 separators, one-digit month/day, or the eight digits
/// `YYYYMMDD` a numeric keypad types fastest).
pub fn date(s: &str) -> Result<NaiveDate, Problem> {
    let s = s.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
        return match (n(0..4), n(4..6), n(6..8)) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(Problem::Date),
            _ => Err(Problem::Date),
        };
    }
    let s = s.trim_end_matches('日');
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else { return Err(Problem::Date) };
    let digits = |t: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4, 4) || !digits(m, 1, 2) || !digits(d, 1, 2) {
        return Err(Problem::Date);
    }
    let (y, m, d) = (y.parse().ok(), m.parse().ok(), d.parse().ok());
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d).ok_or(Problem::Date),
        _ => Err(Problem::Date),
    }
}

/// A typed date written the one way the app shows dates (年-月-日, `2026-12-01`); `None` when
/// it is not a date (left as typed, for the form to explain).
pub fn normalize_date(s: &str) -> Option<String> {
    date(s).ok().map(|d| d.format("%Y-%m-%d").to_string())
}

/// A date that has already happened (today allowed).
pub fn past_date(s: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let d = date(s)?;
    if d > today {
        Err(Problem::FutureDate)
    } else {
        Ok(d)
    }
}

pub fn format_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn money(s: &str) -> Result<i64, Problem> {
    parse_yuan(s).map_err(Problem::Money)
}

/// Non-negative whole number up to `max`; thousands commas tolerated.
pub fn count(s: &str, max: u32) -> Result<u32, Problem> {
    let t: String = s.trim().chars().filter(|c| *c != ',').collect();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Integer);
    }
    let trimmed = digits.trim_start_matches('0');
    if neg && !trimmed.is_empty() {
        return Err(Problem::Negative);
    }
    match trimmed.parse::<u64>() {
        _ if trimmed.is_empty() => Ok(0),
        Ok(v) if v <= u64::from(max) => Ok(v as u32),
        _ => Err(Problem::TooLarge(u64::from(max))),
    }
}

/// Whole percentage 0–100, optional `%`.
pub fn percent(s: &str) -> Result<u8, Problem> {
    let t = s.trim();
    let t = t.strip_suffix(['%', '％']).unwrap_or(t);
    match count(t, u32::MAX) {
        Ok(v) if v <= 100 => Ok(v as u8),
        Ok(_) | Err(Problem::Negative) | Err(Problem::TooLarge(_)) => Err(Problem::Percent),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::primitives::money::MoneyError;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
    }

    #[test]
    fn mobiles() {
        assert_eq!(mobile("13800138000").unwrap(), "13800138000");
        assert_eq!(mobile("138 0013-8000").unwrap(), "13800138000");
        assert_eq!(mobile("+86 139 1234 5678").unwrap(), "13912345678");
        assert_eq!(mobile("008619912345678").unwrap(), "19912345678");
        for bad in ["", "12800138000", "1380013800", "138001380001", "1380013800a", "０13800138000"] {
            assert_eq!(mobile(bad), Err(Problem::Mobile), "{bad}");
        }
    }

    #[test]
    fn landlines() {
        assert_eq!(landline("010-12345678").unwrap(), "010-12345678");
        assert_eq!(landline("(0755) 2345678").unwrap(), "0755-2345678");
        assert_eq!(landline("02087654321").unwrap(), "020-87654321");
        assert_eq!(landline("0571-8888 6666 转 802").unwrap(), "0571-88886666-802");
        assert_eq!(landline("010-12345678-123").unwrap(), "010-12345678-123");
        assert_eq!(landline("010 1234 5678").unwrap(), "010-12345678");
        assert_eq!(landline("400-810-8888").unwrap(), "400-810-8888");
        for bad in ["", "12345678", "010-123456", "010-123456789", "010-02345678", "0100-1234567a", "010-12345678 ext 1234567"] {
            assert_eq!(landline(bad), Err(Problem::Landline), "{bad}");
        }
    }

    #[test]
    fn phones_accept_either() {
        assert_eq!(phone("13800138000").unwrap(), "13800138000");
        assert_eq!(phone("021-64381234").unwrap(), "021-64381234");
        assert_eq!(phone("12345"), Err(Problem::Phone));
    }

    #[test]
    fn emails() {
        assert!(email("zhang.san@example.com.cn").is_ok());
        assert!(email("a+b@qq.com").is_ok());
        for bad in ["", "a@b", "a@@b.com", "@b.com", "a b@c.com", "a@b..com", "a@-b.com", "张@例子.中国", "a@b.c1"] {
            assert_eq!(email(bad), Err(Problem::Email), "{bad}");
        }
    }

    #[test]
    fn postcodes() {
        assert!(postcode("100080").is_ok());
        for bad in ["10008", "1000800", "10008a", ""] {
            assert_eq!(postcode(bad), Err(Problem::Postcode));
        }
    }

    #[test]
    fn urls() {
        for ok in ["www.example.com", "https://shop.example.com.cn/a?b=1", "http://example.com:8080"] {
            assert!(url(ok).is_ok(), "{ok}");
        }
        for bad in ["example", "http://", "www.exa mple.com", "ftp//x", "http://example.com:port", "百度"] {
            assert_eq!(url(bad), Err(Problem::Url), "{bad}");
        }
    }

    #[test]
    fn uscc_check_character() {
        // A published example code.
        assert_eq!(uscc("91350100M000100Y43").unwrap(), "91350100M000100Y43");
        assert_eq!(uscc("91350100m000100y43").unwrap(), "91350100M000100Y43");
        assert_eq!(uscc("91350100M000100Y44"), Err(Problem::UsccCheck));
        assert_eq!(uscc("91350100M000100Y4"), Err(Problem::UsccFormat));
        assert_eq!(uscc("91350100I000100Y43"), Err(Problem::UsccFormat));
        assert_eq!(uscc("123456789012345"), Err(Problem::UsccFormat));
    }

    #[test]
    fn id_cards() {
        // The GB 11643 example number.
        assert_eq!(id_card("11010519491231002X", today()).unwrap(), "11010519491231002X");
        assert_eq!(id_card("11010519491231002x", today()).unwrap(), "11010519491231002X");
        assert_eq!(id_card("110105194912310021", today()), Err(Problem::IdCheck));
        assert_eq!(id_card("110105194902300021", today()), Err(Problem::IdBirth));
        assert_eq!(id_card("110105209912310021", today()), Err(Problem::IdBirth));
        assert_eq!(id_card("11010519491231002", today()), Err(Problem::IdFormat));
        assert_eq!(id_card("1101051949123100XX", today()), Err(Problem::IdFormat));
    }

    #[test]
    fn dates() {
        assert_eq!(date("2024-03-05"), Ok(NaiveDate::from_ymd_opt(2024, 3, 5).unwrap()));
        assert_eq!(date("2024/3/5"), Ok(NaiveDate::from_ymd_opt(2024, 3, 5).unwrap()));
        for bad in ["", "2024-02-30", "24-03-05", "2024-03", "2024-03-05-1", "二〇二四-03-05"] {
            assert_eq!(date(bad), Err(Problem::Date), "{bad}");
        }
        assert!(past_date("2026-03-15", today()).is_ok());
        assert_eq!(past_date("2026-03-16", today()), Err(Problem::FutureDate));
        assert_eq!(format_date(NaiveDate::from_ymd_opt(987, 1, 2).unwrap()), "0987-01-02");
    }

    #[test]
    fn integers_and_percentages() {
        assert_eq!(count("1,200", 1_000_000), Ok(1200));
        assert_eq!(count("0", 10), Ok(0));
        assert_eq!(count("-0", 10), Ok(0));
        assert_eq!(count("-3", 10), Err(Problem::Negative));
        assert_eq!(count("3.5", 10), Err(Problem::Integer));
        assert_eq!(count("11", 10), Err(Problem::TooLarge(10)));
        assert_eq!(count("99999999999999999999999", 10), Err(Problem::TooLarge(10)));
        assert_eq!(percent("35%"), Ok(35));
        assert_eq!(percent("100"), Ok(100));
        assert_eq!(percent("101"), Err(Problem::Percent));
        assert_eq!(percent("-1"), Err(Problem::Percent));
        assert_eq!(percent("abc"), Err(Problem::Integer));
    }

    #[test]
    fn money_problems() {
        assert_eq!(money("1,234.50"), Ok(123_450));
        assert_eq!(money("-1"), Err(Problem::Money(MoneyError::Negative)));
        assert_eq!(money("1.001"), Err(Problem::Money(MoneyError::Decimals)));
        assert_eq!(money("1e30"), Err(Problem::Money(MoneyError::Format)));
        assert_eq!(money("100000000000000000000"), Err(Problem::Money(MoneyError::Overflow)));
    }
}
