//! Phone numbers as people write them (mainland China): the one place that knows the separators
//! written between digits, the +86 / 0086 country code and what a mobile number looks like.
//!
//! [`normalize`] reads a number for one of three uses, a [`Reading`]. The three read some inputs
//! differently; each keeps what its caller has always done:
//!
//! | | [`Reading::Typed`]: form checks | [`Reading::Key`]: 查重 | [`Reading::Query`]: search |
//! |---|---|---|---|
//! | between digits | space `-` `(` `)` `（` `）` `—` `.` | any whitespace, `-` `—` `–` `.` `(` `)` `#`, extension markers (`x`, `ext`, `转`, `分机`), full-width forms of all | space `-` `+` `(` `)` `（` `）` |
//! | full-width digits | refused | read as digits | not a number (searched as text) |
//! | country code | a leading `+86`, `0086`, `(+86)`, `（+86）` cut as text | `+86` / `0086` (also twice) and a bare `86` before a mobile; a landline gets its trunk 0 back; other `+` codes kept | kept: `+86 138` searches `86138` |
//! | result | the digits, any number of them | 7 to 20 digits | at least one digit |

use super::text::half_width;

/// What a phone number is read for (see the module docs for where the readings differ).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A form field being checked (`validation::check::mobile`): after a leading country code is
    /// cut as text, only ASCII digits and [`TYPED_SEPARATORS`]. The caller checks the
    /// shape (an 11-digit mobile, say).
    Typed,
    /// The digits that identify a phone, for the duplicate check (查重).
    ///
    /// Separators (spaces, dashes, dots, parentheses) are dropped, full-width digits accepted, a
    /// +86 / 0086 country code removed (and a bare 86 before an 11-digit mobile). Landlines keep
    /// their area code, so "010-1234 5678" and "01012345678" are equal, but a local number
    /// written without its area code is a different key. Extension markers (转, 分机, ext, x, #)
    /// become separators, so "0571-88886666转802" equals the stored "0571-88886666-802" but not
    /// the switchboard itself. Foreign numbers keep their `+`. Fewer than 7 or more than 20
    /// digits, letters, or several numbers in one field ("138…/139…") give `None`.
    Key,
    /// A search query that is digits with spaces, dashes, plus signs or brackets between them
    /// (and any whitespace around): searched as bare digits, so "138 0013" finds 13800138000.
    /// Anything else is not a phone query (`None`).
    Query,
}

/// What people write between the digits of a number in a form. The landline check splits the
/// number into groups at them.
pub const TYPED_SEPARATORS: [char; 8] = [' ', '-', '(', ')', '（', '）', '—', '.'];

/// The digits of `s` read as `reading` (see [`Reading`]), or `None` if `s` is not a phone number
/// in that reading.
pub fn normalize(s: &str, reading: Reading) -> Option<String> {
    match reading {
        Reading::Typed => scan(strip_country(s), reading).map(|(_, d)| d),
        Reading::Query => scan(s.trim(), reading).map(|(_, d)| d).filter(|d| !d.is_empty()),
        Reading::Key => {
            let (plus, d) = scan(s, reading)?;
            national_key(plus, d)
        }
    }
}

/// A mainland mobile: 11 digits `1[3-9]…`.
pub fn is_mobile(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) && b.iter().all(u8::is_ascii_digit)
}

/// Removes a +86 / 0086 country prefix written at the start (spaces around it ignored).
pub(crate) fn strip_country(s: &str) -> &str {
    let s = s.trim();
    for p in ["+86", "0086", "(+86)", "（+86）"] {
        if let Some(rest) = s.strip_prefix(p) {
            return rest.trim_start_matches([' ', '-']);
        }
    }
    s
}

fn is_separator(c: char, reading: Reading) -> bool {
    match reading {
        Reading::Typed => TYPED_SEPARATORS.contains(&c),
        Reading::Key => matches!(c, '-' | '—' | '–' | '.' | '(' | ')' | 'x' | 'X' | '#' | '转') || c.is_whitespace(),
        Reading::Query => matches!(c, ' ' | '-' | '+' | '(' | ')' | '（' | '）'),
    }
}

/// The ASCII digits of `s` in order, and whether a `+` came before them (a [`Reading::Key`]
/// only); `None` at the first character the reading does not allow.
fn scan(s: &str, reading: Reading) -> Option<(bool, String)> {
    // One pass, no intermediate strings: the duplicate index runs this for every phone of every
    // card when it is built (a few hundred thousand at 100,000 customers).
    let key = reading == Reading::Key;
    let mut d = String::with_capacity(s.len().min(24));
    let mut plus = false;
    let mut cs = s.chars().map(|c| if key { half_width(c) } else { c }).peekable();
    while let Some(c) = cs.next() {
        match c {
            '0'..='9' => d.push(c),
            c if is_separator(c, reading) => {}
            '+' if key && d.is_empty() && !plus => plus = true,
            // "ext": the x is a separator anyway.
            'e' | 'E' if key && cs.next_if(|c| matches!(c, 'x' | 'X')).is_some() && cs.next_if(|c| matches!(c, 't' | 'T')).is_some() => {}
            '分' if key && cs.next_if_eq(&'机').is_some() => {}
            _ => return None,
        }
    }
    Some((plus, d))
}

/// A number written after the +86 / 0086 country code: the trunk 0 of landlines is left out
/// internationally ("+86 10 1234 5678"), so it is put back.
fn national(rest: &str) -> String {
    if is_mobile(rest) || rest.starts_with('0') || rest.starts_with("400") || rest.starts_with("800") {
        rest.to_string()
    } else {
        format!("0{rest}")
    }
}

/// The country-code rules and length bounds of a [`Reading::Key`], on the scanned digits.
fn national_key(plus: bool, mut d: String) -> Option<String> {
    if plus {
        d = match d.strip_prefix("86") {
            Some(rest) => national(rest),
            None => format!("+{d}"),
        };
    }
    // Repeated ("+86 0086 …" happens when a prefix is pasted twice), so that the result is
    // already normal. Each round shortens `d`.
    loop {
        if let Some(rest) = d.strip_prefix("0086") {
            d = national(rest);
        } else if d.len() == 13 && d.starts_with("86") && is_mobile(&d[2..]) {
            d = d[2..].to_string();
        } else {
            break;
        }
    }
    let digits = d.bytes().filter(u8::is_ascii_digit).count();
    (7..=20).contains(&digits).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn np(s: &str) -> Option<String> {
        normalize(s, Reading::Key)
    }

    #[test]
    fn phones_normalise() {
        let mobile = Some("13800138000".to_string());
        for s in [
            "13800138000",
            "138 0013 8000",
            "138-0013-8000",
            "138.0013.8000",
            "+86 138 0013 8000",
            "+8613800138000",
            "(+86) 138-0013-8000",
            "0086 138 0013 8000",
            "008613800138000",
            "8613800138000",
            "+86 0086 13800138000",
            "１３８　００１３　８０００",
        ] {
            assert_eq!(np(s), mobile, "{s}");
        }
        let landline = Some("01012345678".to_string());
        for s in ["010-1234 5678", "01012345678", "010-12345678", "(010) 1234-5678", "（010）12345678", "+86 10 1234 5678", "0086-10-12345678"] {
            assert_eq!(np(s), landline, "{s}");
        }
        // Area codes are kept: the same local number in another city is another phone.
        assert_eq!(np("0755-12345678").as_deref(), Some("075512345678"));
        assert_eq!(np("12345678").as_deref(), Some("12345678"));
        // A bare 86 is a country code only before a mobile.
        assert_eq!(np("8675 1234").as_deref(), Some("86751234"));
        assert_eq!(np("0571-8888 6666 转 802").as_deref(), Some("057188886666802"));
        assert_eq!(np("0571-88886666-802"), np("0571 88886666 ext. 802"));
        assert_eq!(np("0571-88886666-802"), np("0571-88886666 EXT 802"));
        assert_eq!(np("0571-88886666-802"), np("0571-88886666分机802"));
        assert_eq!(np("0571-88886666 ex 802"), None);
        assert_ne!(np("0571-88886666-802"), np("0571-88886666"));
        assert_eq!(np("400-810-8888").as_deref(), Some("4008108888"));
        assert_eq!(np("+1 (415) 555-0100").as_deref(), Some("+14155550100"));
        for junk in ["", "   ", "12345", "123-456", "暂无", "138-0013-800a", "13800138000/13900139000", "+", "++8613800138000", "138+00138000", "+86", "123456789012345678901"] {
            assert_eq!(np(junk), None, "{junk}");
        }
    }

    /// Where the three readings part ways (see the module docs); each is what its caller has
    /// always done.
    #[test]
    fn readings_differ_as_documented() {
        use Reading::*;
        let read = |s: &str| [Typed, Key, Query].map(|r| normalize(s, r));
        let some = |s: &str| Some(s.to_string());
        // Full-width digits: only the key reads them.
        assert_eq!(read("１３８００１３８０００"), [None, some("13800138000"), None]);
        // A bare 86 is dropped by the key only, and only before a mobile.
        assert_eq!(read("8613800138000"), [some("8613800138000"), some("13800138000"), some("8613800138000")]);
        // A country code: cut as text, understood (a landline gets its 0 back), or kept.
        assert_eq!(read("+86 138 0013 8000"), [some("13800138000"), some("13800138000"), some("8613800138000")]);
        assert_eq!(read("+86 10 1234 5678"), [some("1012345678"), some("01012345678"), some("861012345678")]);
        assert_eq!(read("+86 0086 13800138000"), [some("008613800138000"), some("13800138000"), some("86008613800138000")]);
        assert_eq!(read("+1 415 555 0100"), [None, some("+14155550100"), some("14155550100")]);
        // Separators.
        assert_eq!(read("138.0013.8000"), [some("13800138000"), some("13800138000"), None]);
        assert_eq!(read("138—0013—8000"), [some("13800138000"), some("13800138000"), None]);
        assert_eq!(read("138–0013–8000"), [None, some("13800138000"), None]);
        assert_eq!(read("138\t0013\t8000"), [None, some("13800138000"), None]);
        assert_eq!(read("138+0013"), [None, None, some("1380013")]);
        // An extension is part of the key; the landline check splits it off before reading.
        assert_eq!(read("0571-88886666转802"), [None, some("057188886666802"), None]);
        // Only the key bounds the length.
        assert_eq!(read("12345"), [some("12345"), None, some("12345")]);
        assert_eq!(read(""), [some(""), None, None]);
    }
}
