//! The forms duplicates are compared in: phones, names, tax numbers; and when two names are
//! "very similar".

use crate::primitives::phone::{self, Reading};
use crate::primitives::text::half_width;

/// The digits that identify a phone, or `None` if `s` is not phone-like: [`phone::normalize`]
/// in its [`Reading::Key`], which says what that means.
pub fn normalize_phone(s: &str) -> Option<String> {
    phone::normalize(s, Reading::Key)
}

/// Legal-form words stripped from the end of a name, repeatedly ("…集团有限公司" loses both).
/// Longer entries come before the shorter ones they end with. 经营部/门市部 are the usual names of
/// sole traders' shops (the sample archive uses 经营部). Industry words such as 商贸/贸易 stay:
/// "…食品" and "…五金" are different businesses.
pub const NAME_SUFFIXES: &[&str] =
    &["股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "经营部", "门市部", "商行", "商店", "厂", "店"];

fn is_open(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '【' | '〔' | '〖')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '】' | '〕' | '〗')
}

/// Separators and quotes that people add or leave out at will.
fn is_noise(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{FEFF}' | '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '`' | '-' | '–' | '—'
                | '_' | '~' | '/' | '\\' | '|' | '·' | '•' | '・' | '。' | '、' | '，' | '；' | '：' | '！'
                | '？' | '“' | '”' | '‘' | '’' | '《' | '》' | '〈' | '〉' | '「' | '」' | '『' | '』'
        )
}

/// Removes bracketed text: "阿里巴巴（中国）有限公司" and "张三(采购)" carry a location or a note
/// in brackets, which people add or leave out, so it is not part of the identity. All bracket
/// kinds, either width, match each other; an unmatched bracket is dropped alone. If nothing but
/// bracketed text is left, the text stays (without the brackets).
fn strip_brackets(cs: Vec<char>) -> Vec<char> {
    if !cs.iter().any(|&c| is_open(c) || is_close(c)) {
        return cs;
    }
    // +1 where a matched pair starts, -1 after it ends: O(n) even for deep nesting.
    let mut depth = vec![0i32; cs.len() + 1];
    let mut stack = Vec::new();
    for (i, &c) in cs.iter().enumerate() {
        if is_open(c) {
            stack.push(i);
        } else if is_close(c) {
            if let Some(j) = stack.pop() {
                depth[j] += 1;
                depth[i + 1] -= 1;
            }
        }
    }
    let mut level = 0;
    let mut kept = Vec::with_capacity(cs.len());
    for (i, &c) in cs.iter().enumerate() {
        level += depth[i];
        if level == 0 && !is_open(c) && !is_close(c) {
            kept.push(c);
        }
    }
    if kept.is_empty() {
        cs.into_iter().filter(|&c| !is_open(c) && !is_close(c)).collect()
    } else {
        kept
    }
}

/// The form of a name that duplicates are compared in: full-width letters and digits made
/// half-width, Latin lower-cased, whitespace (also the full-width space) and punctuation removed,
/// bracketed text removed, and the legal-form words of [`NAME_SUFFIXES`] stripped from the end as
/// long as something is left ("公司" alone stays "公司"). So "杭州鑫源有限责任公司",
/// "杭州鑫源有限公司" and "杭州 鑫源（西湖）公司" are all "杭州鑫源".
pub fn normalize_name(s: &str) -> String {
    let mut n = String::with_capacity(s.len());
    for c in s.chars().map(half_width).filter(|&c| !is_noise(c)) {
        // Most names are CJK and ASCII: skip the Unicode case tables for those.
        if c.is_ascii() {
            n.push(c.to_ascii_lowercase());
        } else if ('\u{3400}'..='\u{9FFF}').contains(&c) {
            n.push(c);
        } else {
            n.extend(c.to_lowercase());
        }
    }
    // Brackets are rare: only then go through a char vector.
    if n.contains(|c| is_open(c) || is_close(c)) {
        n = strip_brackets(n.chars().collect()).into_iter().collect();
    }
    while let Some(suffix) = NAME_SUFFIXES.iter().find(|x| n.len() > x.len() && n.ends_with(**x)) {
        n.truncate(n.len() - suffix.len());
    }
    n
}

/// A 税号 / 统一社会信用代码 in comparable form: half-width, upper case, without spaces or dashes.
/// `None` unless 15 to 20 letters and digits (the lengths of old and new tax numbers): a
/// placeholder such as "无" must not make every card without a number a duplicate.
pub fn normalize_tax(s: &str) -> Option<String> {
    let t: String = s
        .chars()
        .map(half_width)
        .filter(|&c| !c.is_whitespace() && c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    ((15..=20).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(t)
}

/// Levenshtein distance on chars (not bytes).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Edit distance ≤ 1 in O(n): the rule needs only that, and names can be long.
fn within_one(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short.get(head + 1..) == long.get(head + 1..) || head == short.len()
    } else {
        short.get(head..) == long.get(head + 1..)
    }
}

/// The similarity rule on normalised names: equal (and not empty), or both at least 4 chars long
/// and one insertion, deletion or substitution apart. Shorter names (most people's names) must be
/// equal: "王芳" and "王方" are different people.
pub fn similar_normalized(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    a.len() >= 4 && b.len() >= 4 && within_one(&a, &b)
}

/// Whether two names as typed are "very similar" (see [`similar_normalized`]).
pub fn names_similar(a: &str, b: &str) -> bool {
    similar_normalized(&normalize_name(a), &normalize_name(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise() {
        let n = normalize_name;
        assert_eq!(n(" 杭州 鑫源\u{3000}有限公司 "), "杭州鑫源");
        for s in ["杭州鑫源有限责任公司", "杭州鑫源股份有限公司", "杭州鑫源公司", "杭州鑫源集团有限公司", "杭州鑫源商行", "杭州鑫源厂", "杭州鑫源店", "杭州鑫源经营部", "杭州鑫源"] {
            assert_eq!(n(s), "杭州鑫源", "{s}");
        }
        assert_eq!(n("杭州鑫源有限责任公司"), n("杭州鑫源有限公司"));
        // Industry words are part of the identity.
        assert_eq!(n("杭州鑫源商贸有限公司"), "杭州鑫源商贸");
        assert_eq!(n("ＡＣＭＥ　Ｔｒａｄｉｎｇ"), "acmetrading");
        assert_eq!(n("ACME Trading"), "acmetrading");
        assert_eq!(n("鑫源１号店"), "鑫源1号");
        assert_eq!(n("A.B.C.·食品"), "abc食品");
        assert_eq!(n("阿里巴巴（中国）有限公司"), "阿里巴巴");
        assert_eq!(n("阿里巴巴(中国)有限公司"), "阿里巴巴");
        assert_eq!(n("阿里巴巴［中国］网络（杭州）有限公司"), "阿里巴巴网络");
        assert_eq!(n("张三【采购(老客户)】"), "张三");
        assert_eq!(n("鑫源(杭州有限公司"), "鑫源杭州");
        assert_eq!(n("鑫源)杭州"), "鑫源杭州");
        assert_eq!(n("（空）"), "空");
        // Never stripped to nothing, never from the middle.
        assert_eq!(n("公司"), "公司");
        assert_eq!(n("店"), "店");
        assert_eq!(n("公司之家超市"), "公司之家超市");
        assert_eq!(n(""), "");
        assert_eq!(n(" ( ) "), "");
        for s in ["杭州 鑫源（西湖）集团股份有限公司", "ＡＢＣ厂店", "公司公司"] {
            assert_eq!(n(&n(s)), n(s), "{s}");
        }
    }

    #[test]
    fn tax_numbers_normalise() {
        assert_eq!(normalize_tax(" 9135 0100-m000 100y43 ").as_deref(), Some("91350100M000100Y43"));
        assert_eq!(normalize_tax("９１３５０１００Ｍ０００１００Ｙ４３").as_deref(), Some("91350100M000100Y43"));
        assert_eq!(normalize_tax("330106123456789").as_deref(), Some("330106123456789"));
        for junk in ["", "无", "N/A", "12345", "91350100M000100Y43XYZ", "91350100M000100Y4？"] {
            assert_eq!(normalize_tax(junk), None, "{junk}");
        }
    }

    #[test]
    fn similarity_rule() {
        // Distance 1 at 4+ chars: substitution, insertion, deletion.
        assert!(names_similar("杭州鑫源食品", "杭州鑫原食品"));
        assert!(names_similar("杭州鑫源食品", "杭州鑫源食品城"));
        assert!(names_similar("杭州鑫源食品", "杭州鑫食品"));
        assert!(names_similar("鑫源食品", "鑫原食品"));
        assert!(names_similar("鑫源食品有限公司", "鑫原食品厂"));
        // Under 4 chars only equal names match.
        assert!(!names_similar("王建国", "王建军"));
        assert!(!names_similar("鑫源食", "鑫源食品"));
        assert!(!names_similar("abc", "abd"));
        // Distance 2 (a swap is two edits for Levenshtein).
        assert!(!names_similar("杭州鑫源食品", "杭州鑫原食铺"));
        assert!(!names_similar("杭州鑫源食品", "杭州源鑫食品"));
        assert!(!names_similar("杭州鑫源食品", "杭州鑫源食品城市"));
        // Equal after normalisation, at any length.
        assert!(names_similar("王 芳", "王芳"));
        assert!(names_similar("鑫源有限公司", "鑫源 有限责任公司"));
        assert!(!names_similar("", ""));
        assert!(!names_similar("王芳", "王方"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("鑫", "源"), 1);
        assert_eq!(edit_distance("杭州", "杭州"), 0);
    }
}
