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

/// The toneless syllables seen so far, each interned once (about 420 exist), their texts side by
/// side in one small buffer. A syllable's id carries its first letter (`letter << 8 | n`, the
/// n-th syllable seen with that letter; letter 26 for the rest), so a pass over a name's readings
/// knows their initials without looking anything up.
#[derive(Debug, Default)]
pub(super) struct Syllables {
    /// Id → (start, end) in `bytes`.
    spans: Vec<(u32, u32)>,
    bytes: Vec<u8>,
    ids: HashMap<&'static str, u16>,
    /// Syllables seen so far per first letter (26: not a letter, or more than 256 of one letter).
    seen: [u16; 27],
}

/// The group of ids of syllables not filed under their first letter.
const ANY: u16 = 26;

impl Syllables {
    /// The id of a reading; `None` past 256 syllables of one letter and 256 others, which
    /// cannot happen (about 420 exist) but would run the ids past the readings' range.
    fn id(&mut self, plain: &'static str) -> Option<u16> {
        if let Some(&id) = self.ids.get(plain) {
            return Some(id);
        }
        // ü is typed as v on every pinyin keyboard.
        let typed = plain.replace('ü', "v");
        let b0 = typed.as_bytes().first().copied().unwrap_or(0);
        let mut letter = if b0.is_ascii_lowercase() { u16::from(b0 - b'a') } else { ANY };
        if self.seen[letter as usize] > 255 {
            letter = ANY;
        }
        let n = self.seen[letter as usize];
        if n > 255 {
            return None;
        }
        self.seen[letter as usize] += 1;
        let id = letter << 8 | n;
        if self.spans.len() <= id as usize {
            self.spans.resize(id as usize + 1, (0, 0));
        }
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(typed.as_bytes());
        self.spans[id as usize] = (start, self.bytes.len() as u32);
        self.ids.insert(plain, id);
        Some(id)
    }

    fn text(&self, id: u16) -> &[u8] {
        self.spans.get(id as usize).map_or(&[], |&(a, b)| &self.bytes[a as usize..b as usize])
    }

    /// The letter a syllable begins with, as a mask bit (from the id alone for most).
    fn first_bit(&self, id: u16) -> u32 {
        match id >> 8 {
            ANY => self.text(id).first().map_or(0, |&b| bit(b)),
            letter => 1 << letter,
        }
    }
}

/// The pinyin keys of every customer's name, by position, in one buffer of `u16`s (no allocation,
/// and its overhead, per customer; a pass over everyone reads memory in order). A customer's part
/// is its follow table, then its units:
/// - for each letter in [`Head::first`], in alphabetical order, the letters that can come second
///   in a match beginning with it, as a 26-bit mask in two units ([`Keys::follows`]);
/// - each character of the name (lower-cased) followed by its readings.
#[derive(Debug, Default)]
pub(super) struct Names {
    buf: Vec<u16>,
    /// Position → where its part of `buf` is, and its masks.
    heads: Vec<Head>,
    /// Units of names since replaced by an edit, dropped when they are half the buffer.
    dead: usize,
    syl: Syllables,
    /// The units of the name being built (kept to spare an allocation per customer).
    scratch: Vec<u16>,
}

/// One customer's masks, which turn most customers away before any matching, and where its part
/// of the buffer is. 16 bytes.
#[derive(Debug, Default, Clone, Copy)]
struct Head {
    start: u32,
    len: u32,
    /// Letters a match can begin with (initials of readings, Latin letters of the name).
    first: u32,
    /// Every letter of the readings and of the name.
    letters: u32,
}

/// One customer's keys.
struct Keys<'a> {
    head: &'a Head,
    /// The follow table (two units per letter of `first`).
    follow: &'a [u16],
    units: &'a [u16],
}

fn bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() { 1 << (b - b'a') } else { 0 }
}

impl Names {
    #[cfg(test)]
    fn len(&self) -> usize {
        self.heads.len()
    }

    /// Keys `name` at `pos` (`len()` appends; `None`: a deleted customer, who matches nothing).
    pub(super) fn set(&mut self, pos: u32, name: Option<&str>) {
        let start = self.buf.len();
        let mut head = Head::default();
        if let Some(name) = name {
            let mut units = std::mem::take(&mut self.scratch);
            units.clear();
            let (h, follow) = build(name, &mut units, &mut self.syl);
            head = h;
            for (x, f) in follow.iter().enumerate() {
                if head.first & 1 << x != 0 {
                    self.buf.extend([*f as u16, (*f >> 16) as u16]);
                }
            }
            self.buf.extend_from_slice(&units);
            self.scratch = units;
        }
        head.start = start as u32;
        head.len = (self.buf.len() - start) as u32;
        match self.heads.get_mut(pos as usize) {
            Some(h) => {
                self.dead += h.len as usize;
                *h = head;
            }
            None => self.heads.push(head),
        }
        if self.dead > self.buf.len() / 2 {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let mut buf = Vec::with_capacity(self.buf.len() - self.dead);
        for h in &mut self.heads {
            let at = buf.len() as u32;
            buf.extend_from_slice(&self.buf[h.start as usize..(h.start + h.len) as usize]);
            h.start = at;
        }
        self.buf = buf;
        self.dead = 0;
    }

    fn keys(&self, pos: u32) -> Option<Keys<'_>> {
        let head = self.heads.get(pos as usize)?;
        let part = &self.buf[head.start as usize..(head.start + head.len) as usize];
        let (follow, units) = part.split_at(2 * head.first.count_ones() as usize);
        Some(Keys { head, follow, units })
    }

    /// Whether `word` (lower-cased, at least one Latin letter) matches the name at `pos`.
    pub(super) fn matches(&self, pos: u32, word: &[char]) -> bool {
        self.keys(pos).is_some_and(|k| k.matches(word, &self.syl))
    }

    /// Every position `word` (lower-cased, at least one Latin letter) matches, ascending, and the
    /// positions in `also` (ascending) whether it matches them or not.
    pub(super) fn hits(&self, word: &[char], also: &[u32]) -> Vec<u32> {
        let mut out = Vec::with_capacity(also.len());
        let mut also = also.iter().copied().peekable();
        let (w0, w1) = (word.first().copied(), word.get(1).copied());
        let letter = |c: Option<char>| c.filter(char::is_ascii_lowercase).map(|c| c as u8);
        match (letter(w0), letter(w1), word.len()) {
            // The common short keys in one tight pass over the heads.
            (Some(x), _, 1) => {
                for (p, h) in self.heads.iter().enumerate() {
                    let p = p as u32;
                    if also.next_if_eq(&p).is_some() || h.first & bit(x) != 0 {
                        out.push(p);
                    }
                }
            }
            (Some(x), Some(y), 2) => {
                for (p, h) in self.heads.iter().enumerate() {
                    let p = p as u32;
                    if also.next_if_eq(&p).is_some() || (h.first & bit(x) != 0 && self.follows(h, x) & bit(y) != 0) {
                        out.push(p);
                    }
                }
            }
            _ => {
                for p in 0..self.heads.len() as u32 {
                    if also.next_if_eq(&p).is_some() || self.matches(p, word) {
                        out.push(p);
                    }
                }
            }
        }
        out
    }

    /// The follow mask of letter `x` (in `h.first`) of the customer with head `h`.
    fn follows(&self, h: &Head, x: u8) -> u32 {
        let at = h.start as usize + 2 * (h.first & (bit(x) - 1)).count_ones() as usize;
        u32::from(self.buf[at]) | u32::from(self.buf[at + 1]) << 16
    }

    /// [`Names::matches`] without its fast paths: the matching as it was before them, which the
    /// tests hold them to.
    #[cfg(test)]
    pub(super) fn matches_slowly(&self, pos: u32, word: &[char]) -> bool {
        self.keys(pos).is_some_and(|k| k.general(word, &self.syl))
    }

    /// Bytes held for the names: (heads, follow tables, units).
    #[cfg(test)]
    fn bytes(&self) -> (usize, usize, usize) {
        let follow: usize = self.heads.iter().map(|h| 4 * h.first.count_ones() as usize).sum();
        (self.heads.len() * std::mem::size_of::<Head>(), follow, self.buf.len() * 2 - follow)
    }
}

/// Appends the units of `name` (lower-cased characters, each followed by its readings) to
/// `units`; returns its masks and its follow table (by letter: see [`Names`]). A two-letter key
/// x y follows from a reading beginning with both ("zh" of zhang), or from a character beginning
/// with x next to one beginning with y ("cd" of 成都; a character begins with its readings'
/// initials and with itself if it is a letter).
fn build(name: &str, units: &mut Vec<u16>, syl: &mut Syllables) -> (Head, [u32; 26]) {
    let (mut first, mut letters) = (0u32, 0u32);
    let mut follow = [0u32; 26];
    // The letters the previous character begins with.
    let mut before = 0u32;
    for c in name.chars().flat_map(char::to_lowercase) {
        let code = c as u32;
        units.push(if code < OTHER as u32 && !(0xD800..0xE000).contains(&code) { code as u16 } else { OTHER });
        let mut starts = 0u32;
        if c.is_ascii() {
            starts |= bit(c as u8);
            letters |= bit(c as u8);
        }
        if let Some(multi) = c.to_pinyin_multi() {
            for p in multi {
                let Some(id) = syl.id(p.plain()) else { continue };
                let text = syl.text(id);
                starts |= text.first().map_or(0, |&b| bit(b));
                letters |= text.iter().fold(0, |m, &b| m | bit(b));
                if let [x, y, ..] = *text {
                    if x.is_ascii_lowercase() {
                        follow[(x - b'a') as usize] |= bit(y);
                    }
                }
                units.push(READING + id);
            }
        }
        for (x, f) in follow.iter_mut().enumerate() {
            if before & 1 << x != 0 {
                *f |= starts;
            }
        }
        first |= starts;
        before = starts;
    }
    (Head { start: 0, len: 0, first, letters }, follow)
}

impl Keys<'_> {
    /// The letters that can come second in a match beginning with `x`: exactly the two-letter
    /// keys the name answers to (see [`build`] and [`Keys::matches`]).
    fn follows(&self, x: u8) -> u32 {
        if self.head.first & bit(x) == 0 {
            return 0;
        }
        let at = 2 * (self.head.first & (bit(x) - 1)).count_ones() as usize;
        u32::from(self.follow[at]) | u32::from(self.follow[at + 1]) << 16
    }

    /// Whether `word` (lower-cased, at least one Latin letter) matches from some character:
    /// [`Keys::general`], answered by the masks where they can. A match of a word beginning
    /// with two letters x, y starts at a character that has a reading beginning with both, or
    /// that begins with x (as a reading, its initial, or being the letter x) next to one that
    /// begins with y: the second letter is then taken by the next character, as a match skips
    /// characters only after a run of two. That is the follow table: for two letters it is the
    /// whole answer, and a longer word is tried only where the table allows
    /// ([`Keys::general_from`]).
    fn matches(&self, word: &[char], syl: &Syllables) -> bool {
        let Some(&w0) = word.first() else { return true };
        if !w0.is_ascii_lowercase() {
            return self.general(word, syl);
        }
        if self.head.first & bit(w0 as u8) == 0 {
            // `first` holds the name's own letters too.
            return false;
        }
        let Some(&w1) = word.get(1) else { return true };
        if !w1.is_ascii_lowercase() {
            return self.general(word, syl);
        }
        let (x, y) = (w0 as u8, w1 as u8);
        if self.follows(x) & bit(y) == 0 {
            return false;
        }
        if word.len() == 2 {
            return true;
        }
        let need = word.iter().filter(|c| c.is_ascii()).fold(0, |m, &c| m | bit(c as u8));
        need & !self.head.letters == 0 && self.general_from(x, y, word, syl)
    }

    /// [`Keys::general`] for a word beginning with the letters `x`, `y`, tried only from the
    /// characters such a match can start from (see [`Keys::matches`]). One pass over the units.
    fn general_from(&self, x: u8, y: u8, word: &[char], syl: &Syllables) -> bool {
        let (bx, by) = (bit(x), bit(y));
        // The character before the current one and the current one: (unit index, the letters it
        // begins with, whether one of its readings begins with x y).
        let mut before: Option<(usize, u32, bool)> = None;
        let mut now: Option<(usize, u32, bool)> = None;
        let try_from = |b: Option<(usize, u32, bool)>, next_first: u32| {
            b.is_some_and(|(k, f, both)| (both || (f & bx != 0 && next_first & by != 0)) && self.take(k, word, 0, syl))
        };
        for (i, &u) in self.units.iter().enumerate() {
            if u >= READING {
                if let Some(n) = now.as_mut() {
                    let f = syl.first_bit(u - READING);
                    n.1 |= f;
                    n.2 |= f == bx && syl.text(u - READING).get(1) == Some(&y);
                }
            } else {
                // The character before is complete with its successor's letters known.
                if try_from(before, now.map_or(0, |n| n.1)) {
                    return true;
                }
                before = now;
                now = Some((i, if u < 0x80 { bit(u as u8) } else { 0 }, false));
            }
        }
        try_from(before, now.map_or(0, |n| n.1)) || try_from(now, 0)
    }

    /// The matching itself: whether `word` (lower-cased, at least one Latin letter) matches from
    /// some character. [`Keys::matches`] answers the same, faster; the tests hold it to this.
    fn general(&self, word: &[char], syl: &Syllables) -> bool {
        let Some(&w0) = word.first() else { return true };
        if w0.is_ascii() && self.head.first & bit(w0 as u8) == 0 && !self.units.contains(&(w0 as u16)) {
            return false;
        }
        if word.len() == 1 && w0.is_ascii() {
            // One letter: an initial of some reading, or the letter itself (in `first`).
            return true;
        }
        let need = word.iter().filter(|c| c.is_ascii()).fold(0, |m, &c| m | bit(c as u8));
        if need & !self.head.letters != 0 {
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

    /// Whether `q` finds `name`, the fast paths agreeing with the plain matching.
    fn m(name: &str, q: &str) -> bool {
        let mut names = Names::default();
        names.set(0, Some(name));
        let w: Vec<char> = q.chars().collect();
        let fast = names.matches(0, &w);
        assert_eq!(fast, names.matches_slowly(0, &w), "{q} in {name}");
        fast
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

    /// The fast paths answer exactly as the plain matching: every one- and two-letter word, and
    /// longer and mixed ones, over the names of a sample archive and some odd ones (Latin letters,
    /// digits, one-letter readings, characters with no reading), also after edits.
    #[test]
    fn fast_paths_agree_with_the_plain_matching() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut list: Vec<String> = crate::sample_archive(7, 1500, today, "t").iter().map(|c| c.display_name().to_string()).collect();
        for odd in ["ACME贸易", "阿额哦", "嗯呣", "3M中国", "成都长城川兴酒厂", "重庆银行", "绿源", "𠀀字", "Zhang张", "a", "", "(成都)分公司", "银行行长"] {
            list.push(odd.to_string());
        }
        let mut names = Names::default();
        for (p, n) in list.iter().enumerate() {
            names.set(p as u32, Some(n));
        }
        // Edits and deletions move names in the buffer (and compact it).
        for p in (0..list.len()).step_by(3) {
            names.set(p as u32, Some(&list[(p + 1) % list.len()]));
        }
        names.set(5, None);
        let letters: Vec<char> = ('a'..='z').collect();
        let mut words: Vec<Vec<char>> = letters.iter().map(|&a| vec![a]).collect();
        for &a in &letters {
            for &b in &letters {
                words.push(vec![a, b]);
            }
        }
        // Longer words: pinyin from the sample's own names, and pseudo-random letters.
        let mut seed = 11u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..400 {
            let len = 3 + next(4) as usize;
            words.push((0..len).map(|_| letters[next(26) as usize]).collect());
        }
        for w in ["zhang", "cdcx", "chengdu", "yxgs", "hzx", "cheng", "zha", "shang", "yinhang", "acmemy", "cd川兴", "c1", "3m", "zhang张", "ng", "e", "cx酒c"] {
            words.push(w.chars().collect());
        }
        for n in list.iter().take(200) {
            let units: Vec<char> = n.chars().collect();
            if units.len() >= 2 {
                // The first reading's initials and the start of the name's first character.
                let mut syl = Syllables::default();
                let mut u = Vec::new();
                build(n, &mut u, &mut syl);
                let initials: String = u.iter().filter(|&&x| x >= READING).map(|&x| syl.text(x - READING)[0] as char).take(4).collect();
                words.push(initials.chars().collect());
            }
        }
        let mut checked = 0;
        for w in &words {
            for p in 0..names.len() as u32 {
                assert_eq!(names.matches(p, w), names.matches_slowly(p, w), "{:?} at {p}", w.iter().collect::<String>());
                checked += 1;
            }
            // The pass over everyone agrees too.
            let slow: Vec<u32> = (0..names.len() as u32).filter(|&p| names.matches_slowly(p, w)).collect();
            assert_eq!(names.hits(w, &[]), slow, "{:?}", w.iter().collect::<String>());
        }
        assert!(checked > 1_000_000);
    }

    /// What the keys cost per customer of the sample (docs/search.md): `cargo test -p
    /// dossier-core --lib names_memory -- --nocapture`.
    #[test]
    fn names_memory() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let sample = crate::sample_archive(42, 20_000, today, "t");
        let mut names = Names::default();
        for (p, c) in sample.iter().enumerate() {
            names.set(p as u32, Some(c.display_name()));
        }
        let (heads, follow, units) = names.bytes();
        let per = |b: usize| b as f64 / sample.len() as f64;
        println!("per customer: head {:.1} B, follow table {:.1} B, units {:.1} B", per(heads), per(follow), per(units));
        assert_eq!(std::mem::size_of::<Head>(), 16);
        assert!(per(follow) < 64.0, "the follow table stays small ({:.1} B)", per(follow));
    }
}
