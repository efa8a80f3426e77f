//! Pinyin keys of a customer's name, built once when the customer is indexed, so a rep can type
//! "cdcx" or "chengdu" for 成都长城川兴酒厂. Readings come from the `pinyin` crate (the
//! pinyin-data table, toneless, every reading of a 多音字: 长 chang/zhang, 行 xing/hang).
//!
//! A query word matches from the start of some character of the name: each character takes
//! either its literal self, its whole reading, or its initial (one letter; zh/ch/sh also as
//! two), and the last one any beginning of a reading ("chengd" while typing). A match never
//! starts inside a syllable ("gdu" does not find 成都). It may skip characters, but only after
//! a run of two or more (Chinese names are two-character words: "cdcx" is 成都…川兴 in
//! 成都长城川兴酒厂), so a two-letter key is always two neighbours ("cj" does not find 酒厂 in
//! 川兴酒厂…, as its letters are not next to each other). The last run may be one character
//! (typed so far), which keeps a longer key's hits within the shorter key's, as narrowing needs.

use pinyin::ToPinyinMulti;
use std::collections::HashMap;

/// A character unit at or above this is a reading (`READING + syllable id`) of the character
/// before it; characters that are not in the Basic Multilingual Plane below it become [`OTHER`].
const READING: u16 = 0xE000;
/// A character the keys cannot hold literally (private use, astral planes): matches nothing.
const OTHER: u16 = 0xDFFF;

/// The toneless syllables seen so far, each interned once (about 420 exist).
#[derive(Debug, Default)]
pub(super) struct Syllables {
    list: Vec<String>,
    ids: HashMap<&'static str, u16>,
}

impl Syllables {
    fn id(&mut self, plain: &'static str) -> u16 {
        if let Some(&id) = self.ids.get(plain) {
            return id;
        }
        let id = self.list.len() as u16;
        // ü is typed as v on every pinyin keyboard.
        self.list.push(plain.replace('ü', "v"));
        self.ids.insert(plain, id);
        id
    }

    fn text(&self, id: u16) -> &[u8] {
        self.list.get(id as usize).map_or(&[], |s| s.as_bytes())
    }
}

/// One customer's keys: each character of the name (lower-cased) followed by its readings, and
/// two letter masks that turn most customers away before any matching.
#[derive(Debug, Default, Clone)]
pub(super) struct Keys {
    units: Box<[u16]>,
    /// Letters a match can begin with (initials of readings, Latin letters of the name).
    first: u32,
    /// Every letter of the readings and of the name.
    letters: u32,
}

fn bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() { 1 << (b - b'a') } else { 0 }
}

impl Keys {
    pub(super) fn build(name: &str, syl: &mut Syllables) -> Keys {
        let mut units = Vec::with_capacity(name.len());
        let (mut first, mut letters) = (0u32, 0u32);
        for c in name.chars().flat_map(char::to_lowercase) {
            let code = c as u32;
            units.push(if code < OTHER as u32 && !(0xD800..0xE000).contains(&code) { code as u16 } else { OTHER });
            if c.is_ascii() {
                first |= bit(c as u8);
                letters |= bit(c as u8);
            }
            if let Some(multi) = c.to_pinyin_multi() {
                for p in multi {
                    let id = syl.id(p.plain());
                    let text = syl.text(id);
                    first |= text.first().map_or(0, |&b| bit(b));
                    letters |= text.iter().fold(0, |m, &b| m | bit(b));
                    units.push(READING + id);
                }
            }
        }
        Keys { units: units.into_boxed_slice(), first, letters }
    }

    /// Whether `word` (lower-cased, at least one Latin letter) matches from some character.
    pub(super) fn matches(&self, word: &[char], syl: &Syllables) -> bool {
        let Some(&w0) = word.first() else { return true };
        if w0.is_ascii() && self.first & bit(w0 as u8) == 0 && !self.units.contains(&(w0 as u16)) {
            return false;
        }
        if word.len() == 1 && w0.is_ascii() {
            // One letter: an initial of some reading, or the letter itself (in `first`).
            return true;
        }
        let need = word.iter().filter(|c| c.is_ascii()).fold(0, |m, &c| m | bit(c as u8));
        if need & !self.letters != 0 {
            return false;
        }
        (0..self.units.len()).any(|k| self.units[k] < READING && self.take(k, word, 0, syl))
    }

    /// Whether `word` can be taken from unit `k` on, `run` characters into the current run:
    /// by the character at `k`, or (after a run of two) by one further on.
    fn from(&self, k: usize, word: &[char], run: usize, syl: &Syllables) -> bool {
        if word.is_empty() {
            return true;
        }
        self.take(k, word, run, syl)
            || (run >= 2 && (k + 1..self.units.len()).any(|j| self.units[j] < READING && self.take(j, word, 0, syl)))
    }

    /// Whether the character at unit `k` takes the head of `word` and the rest follows.
    fn take(&self, k: usize, word: &[char], run: usize, syl: &Syllables) -> bool {
        let Some(&w0) = word.first() else { return true };
        let Some(&unit) = self.units.get(k) else { return false };
        let end = k + 1 + self.units[k + 1..].iter().take_while(|&&u| u >= READING).count();
        let next = |rest: &[char]| self.from(end, rest, run + 1, syl);
        if unit != OTHER && char::from_u32(unit as u32) == Some(w0) && next(&word[1..]) {
            return true;
        }
        if !w0.is_ascii_lowercase() {
            return false;
        }
        // How far the word agrees with a reading (no allocation: this runs per keystroke for
        // every customer the masks let through).
        let agree = |s: &[u8]| s.iter().zip(word).take_while(|(&b, &c)| b as char == c).count();
        self.units[k + 1..end].iter().any(|&r| {
            let s = syl.text(r - READING);
            let n = agree(s);
            if n == 0 {
                return false;
            }
            let initial = if s.len() > 1 && matches!(s[..2], [b'z' | b'c' | b's', b'h']) { 2 } else { 1 };
            // The word ends inside this reading (typing it, or an initial at the end).
            (n == word.len())
                || (n == s.len() && next(&word[n..]))
                || (n >= 1 && 1 < s.len() && next(&word[1..]))
                || (initial == 2 && n >= 2 && s.len() > 2 && next(&word[2..]))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str, q: &str) -> bool {
        let mut syl = Syllables::default();
        let keys = Keys::build(name, &mut syl);
        let w: Vec<char> = q.chars().collect();
        keys.matches(&w, &syl)
    }

    #[test]
    fn initials_full_and_partial() {
        let n = "成都长城川兴酒厂";
        for q in ["cdcx", "chengdu", "cdx", "chengduchuanxing", "cd川兴", "cx酒c", "cd", "chengd", "chengduchangcheng", "cdzc", "zhangcheng", "chuanxingjiuchang", "chx", "cdccxjc", "chuanx", "jc", "c", "x"] {
            assert!(m(n, q), "{q} should find {n}");
        }
        for q in ["gdu", "engdu", "hengdu", "cdcxjcx", "jiuchangx", "chengdi", "q", "cj", "xc", "cx酒d"] {
            assert!(!m(n, q), "{q} should not find {n}");
        }
    }

    #[test]
    fn heteronyms_and_mixed() {
        assert!(m("重庆银行", "chongqing"));
        assert!(m("重庆银行", "zhongqing"));
        assert!(m("重庆银行", "yinhang"));
        assert!(m("重庆银行", "yinxing"));
        assert!(m("重庆银行", "cqyh"));
        assert!(m("重庆银行", "重qing"));
        assert!(m("重庆银行", "cq银"));
        assert!(!m("重庆银行", "qh"), "two letters are neighbours");
        assert!(m("绿源", "lvyuan"));
        assert!(m("ACME贸易", "acmemy"));
        assert!(!m("ACME贸易", "ay"));
        assert!(m("ACME贸易", "acmy"), "a run of four, then 易");
    }
}
