//! Duplicate check (查重): "one customer, one file" breaks when the same customer is entered twice.
//!
//! A phone or tax number that already belongs to another live card blocks a save; a very similar
//! name only warns (two shops may really share a name). [`DupIndex`] keeps positions into the
//! archive's customer slice, like [`crate::search::SearchIndex`], and is updated per edit.
//!
//! Keys are 32-bit hashes of the normalised strings, not the strings: 8 bytes per entry, so the
//! index of 100,000 customers stays a few MB. Every hit is verified against the customer at that
//! position, so a hash collision can cost time but never produce a false hit.

use crate::card::CardBody;
use crate::customer::Customer;
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Normalisation

/// Full-width ASCII (｡-～, as typed by Chinese input methods) to half-width; the ideographic
/// space to a plain space.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A mainland mobile: 11 digits `1[3-9]…`.
fn is_mobile(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) && b.iter().all(u8::is_ascii_digit)
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

/// The digits that identify a phone, or `None` if `s` is not phone-like.
///
/// Separators (spaces, dashes, dots, parentheses) are dropped, full-width digits accepted, a
/// +86 / 0086 country code removed (and a bare 86 before an 11-digit mobile). Landlines keep their
/// area code, so "010-1234 5678" and "01012345678" are equal, but a local number written without
/// its area code is a different key. Extension markers (转, 分机, ext, x, #) become separators, so
/// "0571-88886666转802" equals the stored "0571-88886666-802" but not the switchboard itself.
/// Foreign numbers keep their `+`. Fewer than 7 or more than 20 digits, letters, or several
/// numbers in one field ("138…/139…") give `None`.
pub fn normalize_phone(s: &str) -> Option<String> {
    // One pass, no intermediate strings: this runs for every phone of every card when the
    // index is built (a few hundred thousand at 100,000 customers).
    let mut d = String::with_capacity(s.len().min(24));
    let mut plus = false;
    let mut cs = s.chars().map(half_width).peekable();
    while let Some(c) = cs.next() {
        match c {
            '0'..='9' => d.push(c),
            '+' if d.is_empty() && !plus => plus = true,
            '-' | '—' | '–' | '.' | '(' | ')' | 'x' | 'X' | '#' | '转' => {}
            c if c.is_whitespace() => {}
            // "ext": the x is a separator anyway.
            'e' | 'E' if cs.next_if(|c| matches!(c, 'x' | 'X')).is_some() && cs.next_if(|c| matches!(c, 't' | 'T')).is_some() => {}
            '分' if cs.next_if_eq(&'机').is_some() => {}
            _ => return None,
        }
    }
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

// ---------------------------------------------------------------------------------------------
// Keys

const B: u64 = 0x0000_0100_0000_01B3;

/// Polynomial hash Σ (c+1)·B^(n-1-k), so the hash of a string with one char left out follows
/// from prefix and suffix hashes in O(1) (the deletion neighbourhood costs O(n), not O(n²)).
fn poly(cs: &[char]) -> u64 {
    cs.iter().fold(0u64, |h, &c| h.wrapping_mul(B).wrapping_add(u64::from(c) + 1))
}

/// Mixes the polynomial (and length) into a well-spread 32-bit key.
fn finish(h: u64, len: usize) -> u32 {
    let mut z = h ^ (len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    ((z ^ (z >> 31)) >> 32) as u32
}

fn key_chars(cs: &[char]) -> u32 {
    finish(poly(cs), cs.len())
}

fn key(s: &str) -> u32 {
    let (h, n) = s.chars().fold((0u64, 0usize), |(h, n), c| (h.wrapping_mul(B).wrapping_add(u64::from(c) + 1), n + 1));
    finish(h, n)
}

/// Keys of every string made by deleting one char (the symmetric-delete neighbourhood).
fn deletion_keys(cs: &[char]) -> Vec<u32> {
    let n = cs.len();
    // suf[i] = poly(cs[i..]), pow[k] = B^k.
    let mut pow = vec![1u64; n + 1];
    for k in 1..=n {
        pow[k] = pow[k - 1].wrapping_mul(B);
    }
    let mut suf = vec![0u64; n + 1];
    for i in (0..n).rev() {
        suf[i] = (u64::from(cs[i]) + 1).wrapping_mul(pow[n - 1 - i]).wrapping_add(suf[i + 1]);
    }
    let mut pre = 0u64;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        out.push(finish(pre.wrapping_mul(pow[n - 1 - i]).wrapping_add(suf[i + 1]), n - 1));
        pre = pre.wrapping_mul(B).wrapping_add(u64::from(cs[i]) + 1);
    }
    sort_dedup(out)
}

fn sort_dedup<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v
}

fn tax_of(c: &Customer) -> &str {
    match &c.body {
        CardBody::Enterprise(e) => &e.basic.tax_number,
        CardBody::Individual(_) => "",
    }
}

fn phones_of(phones: &[&str]) -> Vec<String> {
    sort_dedup(phones.iter().filter_map(|p| normalize_phone(p)).collect())
}

/// Names at least this long (in chars) match at edit distance 1.
const FUZZY_MIN: usize = 4;

/// What one customer contributes to each map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Keys {
    phone: Vec<u32>,
    tax: Vec<u32>,
    name: Vec<u32>,
    dels: Vec<u32>,
}

impl Keys {
    fn of(c: &Customer) -> Keys {
        if c.deleted {
            return Keys::default();
        }
        let phone = sort_dedup(phones_of(&c.all_phones()).iter().map(|p| key(p)).collect());
        let tax = normalize_tax(tax_of(c)).map(|t| vec![key(&t)]).unwrap_or_default();
        let name: Vec<char> = normalize_name(c.display_name()).chars().collect();
        let dels = if name.len() >= FUZZY_MIN { deletion_keys(&name) } else { Vec::new() };
        let name = if name.is_empty() { Vec::new() } else { vec![key_chars(&name)] };
        Keys { phone, tax, name, dels }
    }

    fn lists(&self) -> [&[u32]; 4] {
        [&self.phone, &self.tax, &self.name, &self.dels]
    }
}

// ---------------------------------------------------------------------------------------------
// The index

fn pack(k: u32, pos: u32) -> u64 {
    (u64::from(k) << 32) | u64::from(pos)
}

fn key_of(e: u64) -> u32 {
    (e >> 32) as u32
}

fn pos_of(e: u64) -> u32 {
    e as u32
}

/// Key → positions. The bulk is one sorted array of `key << 32 | pos` words (a key's positions
/// are one run, ascending); edits since the last compaction sit in a small ordered `tail`.
#[derive(Clone, Debug, Default)]
struct Multi {
    base: Vec<u64>,
    tail: BTreeMap<u32, Vec<u32>>,
}

impl Multi {
    fn from_entries(entries: Vec<u64>) -> Multi {
        let mut base = sort_dedup(entries);
        base.shrink_to_fit();
        Multi { base, tail: BTreeMap::new() }
    }

    fn run(&self, k: u32) -> &[u64] {
        let lo = self.base.partition_point(|&e| key_of(e) < k);
        let hi = lo + self.base[lo..].partition_point(|&e| key_of(e) == k);
        &self.base[lo..hi]
    }

    /// Positions under key `k` (unverified; may repeat).
    fn get(&self, k: u32, moved: &Moved, out: &mut Vec<u32>) {
        out.extend(self.run(k).iter().map(|&e| pos_of(e)).filter(|&p| !moved.has(p)));
        out.extend(self.tail.get(&k).into_iter().flatten());
    }

    fn add(&mut self, k: u32, pos: u32) {
        let v = self.tail.entry(k).or_default();
        if !v.contains(&pos) {
            v.push(pos);
        }
    }

    fn remove(&mut self, k: u32, pos: u32) {
        if let Some(v) = self.tail.get_mut(&k) {
            v.retain(|&p| p != pos);
            if v.is_empty() {
                self.tail.remove(&k);
            }
        }
    }

    /// Folds the tail into `base`; base entries of moved positions are dropped.
    fn compact(&mut self, moved: &Moved) {
        self.base.retain(|&e| !moved.has(pos_of(e)));
        let mut add: Vec<u64> =
            self.tail.iter().flat_map(|(&k, ps)| ps.iter().map(move |&p| pack(k, p))).collect();
        add.sort_unstable();
        self.base.extend(add);
        // Two sorted runs: the stable sort merges them in linear time.
        self.base.sort();
        self.tail.clear();
    }

    /// Calls `f(key, positions)` for every key with two or more positions, in key order.
    fn multi_keys(&self, moved: &Moved, mut f: impl FnMut(u32, Vec<u32>)) {
        let mut tail = self.tail.iter().peekable();
        let mut i = 0;
        while i < self.base.len() {
            let k = key_of(self.base[i]);
            // Runs are short (mostly one entry): a linear step beats a binary search.
            let j = i + self.base[i..].iter().take_while(|&&e| key_of(e) == k).count();
            // Tail keys that sort before this run have no base entries.
            while let Some((&tk, ps)) = tail.next_if(|(&tk, _)| tk < k) {
                if ps.len() >= 2 {
                    f(tk, ps.clone());
                }
            }
            let extra = tail.next_if(|(&tk, _)| tk == k).map(|(_, ps)| ps.as_slice()).unwrap_or(&[]);
            if j - i + extra.len() >= 2 {
                let mut ps: Vec<u32> =
                    self.base[i..j].iter().map(|&e| pos_of(e)).filter(|&p| !moved.has(p)).collect();
                ps.extend(extra);
                if ps.len() >= 2 {
                    f(k, ps);
                }
            }
            i = j;
        }
        for (&tk, ps) in tail {
            if ps.len() >= 2 {
                f(tk, ps.clone());
            }
        }
    }

    fn heap_bytes(&self) -> usize {
        // BTreeMap nodes: about key + Vec header + a share of node overhead per entry.
        self.base.capacity() * 8
            + self.tail.values().map(|v| 4 + 24 + 16 + v.capacity() * 4).sum::<usize>()
    }
}

/// Positions edited (or appended) since the last compaction, with the keys they now have.
#[derive(Clone, Debug, Default)]
struct Moved {
    bits: Vec<u64>,
    keys: BTreeMap<u32, Keys>,
}

impl Moved {
    fn has(&self, pos: u32) -> bool {
        self.bits.get(pos as usize / 64).is_some_and(|w| w & (1 << (pos % 64)) != 0)
    }

    fn set(&mut self, pos: u32) {
        let i = pos as usize / 64;
        if self.bits.len() <= i {
            self.bits.resize(i + 1, 0);
        }
        self.bits[i] |= 1 << (pos % 64);
    }
}

/// One blocking hit: `phone` (normalised) already belongs to the live card at `pos`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PhoneHit {
    pub phone: String,
    pub pos: u32,
}

/// What the duplicate check found for one card being created or edited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DupCheck {
    /// Blocking: phones held by other live cards (card phones or their people's), by phone then
    /// position.
    pub phone: Vec<PhoneHit>,
    /// Blocking: positions of other live cards with the same tax number, ascending.
    pub tax: Vec<u32>,
    /// Warning the user may override: positions of other live cards with a very similar name
    /// ([`similar_normalized`]), ascending.
    pub similar_names: Vec<u32>,
}

impl DupCheck {
    /// A phone or tax number is taken: saving needs the duplicate resolved first.
    pub fn is_blocking(&self) -> bool {
        !self.phone.is_empty() || !self.tax.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        !self.is_blocking() && self.similar_names.is_empty()
    }
}

/// Why the cards of a [`DupGroup`] look like one customer; holds the shared normalised value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DupReason {
    SamePhone(String),
    SameTax(String),
    SameName(String),
}

/// Two or more live cards that share a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DupGroup {
    pub reason: DupReason,
    /// Ascending, at least two.
    pub positions: Vec<u32>,
}

/// Phone, tax number and name lookups over the archive. Positions are indices into the slice it
/// was built from; deleted customers are not indexed. Pass the same slice (as edited since, with
/// every edit reported through [`DupIndex::update`] / [`DupIndex::push`]) to the queries.
#[derive(Clone, Debug, Default)]
pub struct DupIndex {
    len: u32,
    phone: Multi,
    tax: Multi,
    name: Multi,
    /// Name with one char deleted → positions, for names of at least 4 chars.
    dels: Multi,
    moved: Moved,
}

impl DupIndex {
    pub fn build(customers: &[Customer]) -> DupIndex {
        let mut lists: [Vec<u64>; 4] = Default::default();
        for (pos, c) in customers.iter().enumerate() {
            let keys = Keys::of(c);
            for (list, ks) in lists.iter_mut().zip(keys.lists()) {
                list.extend(ks.iter().map(|&k| pack(k, pos as u32)));
            }
        }
        let [phone, tax, name, dels] = lists.map(Multi::from_entries);
        DupIndex { len: customers.len() as u32, phone, tax, name, dels, moved: Moved::default() }
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn maps_mut(&mut self) -> [&mut Multi; 4] {
        [&mut self.phone, &mut self.tax, &mut self.name, &mut self.dels]
    }

    /// Appends a customer at position `len()`.
    pub fn push(&mut self, c: &Customer) {
        let pos = self.len;
        self.len = self.len.saturating_add(1);
        self.update(pos, c);
    }

    /// Re-indexes the customer at `pos` after an edit or a delete (out-of-range positions are
    /// ignored).
    pub fn update(&mut self, pos: u32, c: &Customer) {
        if pos >= self.len {
            return;
        }
        let new = Keys::of(c);
        let old = self.moved.keys.remove(&pos).unwrap_or_default();
        for (map, (old, new)) in self.maps_mut().into_iter().zip(old.lists().into_iter().zip(new.lists())) {
            for &k in old {
                map.remove(k, pos);
            }
            for &k in new {
                map.add(k, pos);
            }
        }
        self.moved.set(pos);
        self.moved.keys.insert(pos, new);
        // Tail lookups stay cheap and compaction (linear in the index) stays rare.
        if self.moved.keys.len() > 64.max(self.len() / 32) {
            self.compact();
        }
    }

    /// Folds recent edits into the sorted arrays. `update` and `push` call this when enough
    /// edits have gathered; after a bulk import it returns the memory of the edit log at once.
    pub fn compact(&mut self) {
        let moved = std::mem::take(&mut self.moved);
        for map in self.maps_mut() {
            map.compact(&moved);
        }
    }

    /// Duplicate check for `candidate` (a card being created, or the edited card at `exclude`).
    pub fn check(&self, customers: &[Customer], candidate: &Customer, exclude: Option<u32>) -> DupCheck {
        self.check_fields(customers, candidate.display_name(), &candidate.all_phones(), tax_of(candidate), exclude)
    }

    /// [`DupIndex::check`] from the raw fields: a name, phones as typed, a tax number (or "").
    pub fn check_fields(
        &self,
        customers: &[Customer],
        name: &str,
        phones: &[&str],
        tax: &str,
        exclude: Option<u32>,
    ) -> DupCheck {
        let live = |pos: u32| {
            customers.get(pos as usize).filter(|c| !c.deleted && Some(pos) != exclude)
        };
        let mut out = DupCheck::default();
        let mut hits = Vec::new();
        for p in phones_of(phones) {
            hits.clear();
            self.phone.get(key(&p), &self.moved, &mut hits);
            for &pos in &hits {
                if live(pos).is_some_and(|c| phones_of(&c.all_phones()).contains(&p)) {
                    out.phone.push(PhoneHit { phone: p.clone(), pos });
                }
            }
        }
        out.phone = sort_dedup(out.phone);
        if let Some(t) = normalize_tax(tax) {
            hits.clear();
            self.tax.get(key(&t), &self.moved, &mut hits);
            out.tax = sort_dedup(hits.drain(..).filter(|&pos| {
                live(pos).is_some_and(|c| normalize_tax(tax_of(c)).as_deref() == Some(t.as_str()))
            }).collect());
        }
        let q = normalize_name(name);
        if !q.is_empty() {
            hits.clear();
            let qc: Vec<char> = q.chars().collect();
            let k = key_chars(&qc);
            self.name.get(k, &self.moved, &mut hits);
            if qc.len() >= FUZZY_MIN {
                // The candidate lost a char (it is a deletion of theirs): theirs are in `dels`.
                self.dels.get(k, &self.moved, &mut hits);
                for d in deletion_keys(&qc) {
                    // They lost one (theirs equals one of ours) or both changed the same place.
                    self.name.get(d, &self.moved, &mut hits);
                    self.dels.get(d, &self.moved, &mut hits);
                }
            }
            out.similar_names = sort_dedup(hits)
                .into_iter()
                .filter(|&pos| live(pos).is_some_and(|c| similar_normalized(&q, &normalize_name(c.display_name()))))
                .collect();
        }
        out
    }

    /// Every set of two or more live cards sharing a normalised phone, tax number or name; phone
    /// groups first, then tax, then name, each ordered by their first position.
    pub fn groups(&self, customers: &[Customer]) -> Vec<DupGroup> {
        let mut out = Vec::new();
        let live = |pos: u32| customers.get(pos as usize).filter(|c| !c.deleted);
        let mut collect = |map: &Multi, values: &dyn Fn(&Customer) -> Vec<String>, reason: fn(String) -> DupReason| {
            map.multi_keys(&self.moved, |k, ps| {
                // Verify: only positions that really hold a value with this key, split by value
                // (two values may share a 32-bit key).
                let mut found: Vec<(String, u32)> = Vec::new();
                for pos in sort_dedup(ps) {
                    if let Some(c) = live(pos) {
                        found.extend(values(c).into_iter().filter(|v| key(v) == k).map(|v| (v, pos)));
                    }
                }
                found = sort_dedup(found);
                for chunk in found.chunk_by(|a, b| a.0 == b.0) {
                    if chunk.len() >= 2 {
                        let positions = chunk.iter().map(|&(_, p)| p).collect();
                        out.push(DupGroup { reason: reason(chunk[0].0.clone()), positions });
                    }
                }
            });
        };
        collect(&self.phone, &|c| phones_of(&c.all_phones()), DupReason::SamePhone);
        collect(&self.tax, &|c| normalize_tax(tax_of(c)).into_iter().collect(), DupReason::SameTax);
        collect(
            &self.name,
            &|c| Some(normalize_name(c.display_name())).filter(|n| !n.is_empty()).into_iter().collect(),
            DupReason::SameName,
        );
        let rank = |r: &DupReason| match r {
            DupReason::SamePhone(_) => 0,
            DupReason::SameTax(_) => 1,
            DupReason::SameName(_) => 2,
        };
        out.sort_by(|a, b| {
            rank(&a.reason).cmp(&rank(&b.reason)).then_with(|| a.positions.cmp(&b.positions)).then_with(|| a.reason.cmp(&b.reason))
        });
        out
    }

    /// Approximate heap size in bytes (for the memory budget at 100,000 customers).
    pub fn heap_bytes(&self) -> usize {
        let maps = [&self.phone, &self.tax, &self.name, &self.dels].iter().map(|m| m.heap_bytes()).sum::<usize>();
        let moved = self.moved.bits.capacity() * 8
            + self.moved.keys.values().map(|k| 4 + 4 * 24 + 16 + k.lists().iter().map(|l| l.len() * 4).sum::<usize>()).sum::<usize>();
        maps + moved
    }
}

/// Cards that are probably one customer: the groups that share a card, joined. One card may be
/// in several groups (its phone matches one card, its name another), but it is in exactly one
/// cluster, so the 查重 tool can list each customer once and offer the merges within it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DupCluster {
    /// Ascending, at least two.
    pub positions: Vec<u32>,
    /// Indices into the groups passed to [`clusters`], ascending.
    pub groups: Vec<usize>,
}

/// Joins `groups` (from [`DupIndex::groups`]) into disjoint clusters, ordered by first position.
pub fn clusters(groups: &[DupGroup]) -> Vec<DupCluster> {
    // Union-find over the positions that occur in some group, with path halving.
    let mut slot: BTreeMap<u32, usize> = BTreeMap::new();
    for g in groups {
        for &p in &g.positions {
            let next = slot.len();
            slot.entry(p).or_insert(next);
        }
    }
    let mut parent: Vec<usize> = (0..slot.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for g in groups {
        let mut ps = g.positions.iter().map(|p| slot[p]);
        if let Some(first) = ps.next() {
            for s in ps {
                let (a, b) = (root(&mut parent, first), root(&mut parent, s));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut by_root: BTreeMap<usize, DupCluster> = BTreeMap::new();
    for (&p, &s) in &slot {
        let r = root(&mut parent, s);
        by_root.entry(r).or_insert_with(|| DupCluster { positions: Vec::new(), groups: Vec::new() }).positions.push(p);
    }
    for (i, g) in groups.iter().enumerate() {
        if let Some(&p) = g.positions.first() {
            let r = root(&mut parent, slot[&p]);
            if let Some(c) = by_root.get_mut(&r) {
                c.groups.push(i);
            }
        }
    }
    let mut out: Vec<DupCluster> = by_root.into_values().collect();
    out.sort_by_key(|c| c.positions[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Stamp;
    use crate::contact::{Contact, ContactFields};
    use crate::enterprise::Enterprise;
    use crate::individual::Individual;
    use crate::sample::sample_archive;
    use chrono::NaiveDate;
    use std::collections::{BTreeMap, BTreeSet};

    fn ent(name: &str, phone: &str, tax: &str) -> Customer {
        let mut e = Enterprise::default();
        e.basic.name = name.into();
        e.basic.phone = phone.into();
        e.basic.tax_number = tax.into();
        Customer::new(format!("id-{name}"), String::new(), CardBody::Enterprise(e), Stamp::default())
    }

    fn ind(name: &str, mobile: &str) -> Customer {
        let mut i = Individual::default();
        i.basic.name = name.into();
        i.basic.mobile = mobile.into();
        Customer::new(format!("id-{name}"), String::new(), CardBody::Individual(i), Stamp::default())
    }

    fn with_contact(mut c: Customer, id: &str, mobile: &str) -> Customer {
        let info = ContactFields { name: "联系人".into(), mobile: mobile.into(), ..Default::default() };
        c.upsert_contact(Contact::new(id.into(), info, Stamp::default()));
        c
    }

    fn archive() -> Vec<Customer> {
        let mut gone = ent("深圳恒达电器有限公司", "13700137000", "91440300MA5F000X1K");
        gone.deleted = true;
        vec![
            with_contact(ent("杭州鑫源食品有限公司", "0571-88886666", "91350100M000100Y43"), "p1", "139 1234 5678"),
            ind("王芳", "13800138000"),
            ent("宁波华泰五金商行", "0574-2345678", ""),
            gone,
        ]
    }

    fn np(s: &str) -> Option<String> {
        normalize_phone(s)
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

    #[test]
    fn deletion_keys_match_the_keys_of_the_shortened_strings() {
        let cs: Vec<char> = "杭州鑫鑫源".chars().collect();
        let direct = sort_dedup(["州鑫鑫源", "杭鑫鑫源", "杭州鑫源", "杭州鑫鑫"].iter().map(|s| key(s)).collect::<Vec<_>>());
        assert_eq!(deletion_keys(&cs), direct);
        assert_eq!(deletion_keys(&[]), Vec::<u32>::new());
        assert_eq!(deletion_keys(&['a']), vec![key("")]);
    }

    #[test]
    fn check_finds_a_phone_held_by_a_contact_of_another_card() {
        let a = archive();
        let idx = DupIndex::build(&a);
        let r = idx.check(&a, &ind("李四", "+86 139-1234-5678"), None);
        assert_eq!(r.phone, [PhoneHit { phone: "13912345678".into(), pos: 0 }]);
        assert!(r.is_blocking());
        assert!(r.tax.is_empty() && r.similar_names.is_empty());
        // A contact of the candidate counts too.
        let cand = with_contact(ent("新客户", "", ""), "x", "138 0013 8000");
        assert_eq!(idx.check(&a, &cand, None).phone, [PhoneHit { phone: "13800138000".into(), pos: 1 }]);
        let landline = idx.check_fields(&a, "新客户", &["0571 8888 6666"], "", None);
        assert_eq!(landline.phone, [PhoneHit { phone: "057188886666".into(), pos: 0 }]);
        assert!(idx.check(&a, &ind("李四", "13600136000"), None).is_empty());
    }

    #[test]
    fn check_excludes_the_card_itself() {
        let a = archive();
        let idx = DupIndex::build(&a);
        assert!(idx.check(&a, &a[0], Some(0)).is_empty());
        let all = idx.check(&a, &a[0], None);
        assert_eq!(all.phone.iter().map(|h| h.pos).collect::<Vec<_>>(), [0, 0]);
        assert_eq!(all.tax, [0]);
        assert_eq!(all.similar_names, [0]);
        // Excluding another card does not hide this one.
        assert_eq!(idx.check(&a, &a[0], Some(1)).tax, [0]);
    }

    #[test]
    fn check_ignores_deleted_cards_and_people() {
        let mut a = archive();
        let mut idx = DupIndex::build(&a);
        let cand = ent("深圳恒达电器有限公司", "13700137000", "91440300MA5F000X1K");
        assert!(idx.check(&a, &cand, None).is_empty());
        // Deleted after the build: updated index and stale index both stay quiet.
        a[1].deleted = true;
        assert!(idx.check(&a, &ind("王芳", "13800138000"), None).is_empty());
        idx.update(1, &a[1]);
        assert!(idx.check(&a, &ind("王芳", "13800138000"), None).is_empty());
        // A deleted person's phone is free again.
        assert!(a[0].delete_contact("p1", Stamp::default()));
        idx.update(0, &a[0]);
        assert!(idx.check_fields(&a, "李四", &["13912345678"], "", None).phone.is_empty());
        assert_eq!(idx.check_fields(&a, "李四", &["0571-88886666"], "", None).phone.len(), 1);
    }

    #[test]
    fn check_finds_the_same_tax_number() {
        let a = archive();
        let idx = DupIndex::build(&a);
        let r = idx.check(&a, &ent("别的名字", "", "9135 0100 m000 100y43"), None);
        assert_eq!(r.tax, [0]);
        assert!(r.is_blocking());
        assert!(idx.check(&a, &ent("别的名字", "", "91350100M000100Y44"), None).tax.is_empty());
        assert!(idx.check(&a, &ent("别的名字", "", "91440300MA5F000X1K"), None).tax.is_empty());
    }

    #[test]
    fn similar_names_warn_through_the_deletion_neighbourhood() {
        let a = archive();
        let idx = DupIndex::build(&a);
        let similar = |name: &str| idx.check_fields(&a, name, &[], "", None).similar_names;
        assert_eq!(similar("杭州鑫源食品厂"), [0]); // equal after normalisation
        assert_eq!(similar("杭州鑫原食品有限公司"), [0]); // substitution
        assert_eq!(similar("杭州鑫源食品城有限公司"), [0]); // insertion
        assert_eq!(similar("杭州鑫食品"), [0]); // deletion
        assert_eq!(similar("宁波华泰五金"), [2]);
        assert_eq!(similar("宁波华泰五"), [2]);
        assert_eq!(similar("宁波华泰五金店铺"), Vec::<u32>::new());
        assert_eq!(similar("杭州鑫原食铺"), Vec::<u32>::new());
        assert_eq!(similar("王芳"), [1]);
        assert_eq!(similar("王方"), Vec::<u32>::new());
        assert_eq!(similar("深圳恒达电器"), Vec::<u32>::new()); // deleted
        // A warning, not a block.
        assert!(!idx.check_fields(&a, "杭州鑫原食品", &[], "", None).is_blocking());
    }

    #[test]
    fn update_moves_a_cards_phones() {
        let mut a = archive();
        let mut idx = DupIndex::build(&a);
        let phone = |idx: &DupIndex, a: &[Customer], p: &str| {
            idx.check_fields(a, "", &[p], "", None).phone.into_iter().map(|h| h.pos).collect::<Vec<_>>()
        };
        assert_eq!(phone(&idx, &a, "13800138000"), [1]);
        a[1] = ind("王芳", "150 0000 0000");
        idx.update(1, &a[1]);
        assert_eq!(phone(&idx, &a, "13800138000"), Vec::<u32>::new());
        assert_eq!(phone(&idx, &a, "15000000000"), [1]);
        // Edited again before any compaction.
        a[1] = ind("王芳", "13800138000");
        idx.update(1, &a[1]);
        assert_eq!(phone(&idx, &a, "15000000000"), Vec::<u32>::new());
        assert_eq!(phone(&idx, &a, "13800138000"), [1]);
        idx.push(&ind("赵六", "0574 234 5678"));
        a.push(ind("赵六", "0574 234 5678"));
        assert_eq!(phone(&idx, &a, "0574-2345678"), [2, 4]);
        assert_eq!(idx.len(), 5);
        idx.update(99, &a[0]);
        assert_eq!(idx.len(), 5);
        idx.compact();
        assert_eq!(phone(&idx, &a, "13800138000"), [1]);
        assert_eq!(phone(&idx, &a, "0574-2345678"), [2, 4]);
        assert_eq!(idx.groups(&a).len(), 1);
    }

    impl DupIndex {
        /// Every (key, position) the index holds, unverified: base entries of edited positions
        /// are hidden, tail entries added.
        fn logical(&self) -> [BTreeSet<u64>; 4] {
            [&self.phone, &self.tax, &self.name, &self.dels].map(|m| {
                let base = m.base.iter().copied().filter(|&e| !self.moved.has(pos_of(e)));
                base.chain(m.tail.iter().flat_map(|(&k, ps)| ps.iter().map(move |&p| pack(k, p)))).collect()
            })
        }

        fn raw_phone(&self, p: &str) -> Vec<u32> {
            let mut v = Vec::new();
            self.phone.get(key(&normalize_phone(p).unwrap_or_default()), &self.moved, &mut v);
            v
        }
    }

    #[test]
    fn updates_remove_old_entries_from_the_index_itself() {
        // Verification would hide stale entries from results; the index must not keep them.
        let mut a = archive();
        let mut idx = DupIndex::build(&a);
        assert_eq!(idx.raw_phone("13800138000"), [1]);
        a[1] = ind("王芳", "15000000000");
        idx.update(1, &a[1]);
        assert_eq!(idx.raw_phone("13800138000"), Vec::<u32>::new());
        assert_eq!(idx.raw_phone("15000000000"), [1]);
        a[1] = ind("王芳", "15100000000");
        idx.update(1, &a[1]);
        assert_eq!(idx.raw_phone("15000000000"), Vec::<u32>::new());
        a[2].deleted = true;
        idx.update(2, &a[2]);
        assert_eq!(idx.raw_phone("0574-2345678"), Vec::<u32>::new());
        assert_eq!(idx.logical(), DupIndex::build(&a).logical());
        idx.compact();
        assert_eq!(idx.raw_phone("13800138000"), Vec::<u32>::new());
        assert_eq!(idx.raw_phone("15100000000"), [1]);
        assert!(idx.moved.keys.is_empty() && idx.phone.tail.is_empty());
        assert_eq!(idx.logical(), DupIndex::build(&a).logical());
        assert_eq!(idx.phone.base, DupIndex::build(&a).phone.base);
        // Deleted cards are not indexed at all.
        assert_eq!(DupIndex::build(&a[3..]).heap_bytes(), 0);
    }

    #[test]
    fn many_updates_compact_and_agree_with_a_fresh_build() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        let mut a = sample_archive(11, 300, today, "dev");
        let mut idx = DupIndex::build(&a);
        for i in 0..500usize {
            let (from, to) = ((i * 7) % 300, (i * 13 + 5) % 300);
            // Copy phones and names around so that duplicates appear and disappear.
            a[to] = Customer { id: a[to].id.clone(), ..a[from].clone() };
            if i % 5 == 0 {
                a[to].deleted = true;
            }
            idx.update(to as u32, &a[to]);
            if i % 50 == 0 {
                let c = a[i % 300].clone();
                idx.push(&c);
                a.push(c);
            }
        }
        assert!(idx.moved.keys.len() <= 64, "never compacted");
        let fresh = DupIndex::build(&a);
        assert_eq!(idx.logical(), fresh.logical());
        assert_eq!(idx.groups(&a), fresh.groups(&a));
        for (pos, c) in a.iter().enumerate() {
            assert_eq!(idx.check(&a, c, Some(pos as u32)), fresh.check(&a, c, Some(pos as u32)));
        }
    }

    #[test]
    fn hash_collisions_are_verified_away() {
        // Two mobiles whose 32-bit keys collide (a birthday search finds some among 300,000).
        let mut seen = BTreeMap::new();
        let (p, q) = (0..300_000u64)
            .map(|i| format!("139{:08}", i * 37))
            .find_map(|p| seen.insert(key(&p), p.clone()).map(|q| (p, q)))
            .expect("a collision");
        assert_ne!(p, q);
        let a = vec![ind("甲", &p), ind("乙", "13600136000")];
        let idx = DupIndex::build(&a);
        assert!(idx.check_fields(&a, "丙", &[&q], "", None).phone.is_empty());
        assert_eq!(idx.check_fields(&a, "丙", &[&p], "", None).phone.len(), 1);
        let b = vec![ind("甲", &p), ind("乙", &q)];
        assert!(DupIndex::build(&b).groups(&b).is_empty());
        let c = vec![ind("甲", &p), ind("乙", &q), ind("丙", &p)];
        let g = DupIndex::build(&c).groups(&c);
        assert_eq!(g, [DupGroup { reason: DupReason::SamePhone(p), positions: vec![0, 2] }]);
    }

    /// Groups by brute force, in the documented order.
    fn brute_groups(a: &[Customer]) -> Vec<DupGroup> {
        let mut by: [BTreeMap<String, BTreeSet<u32>>; 3] = Default::default();
        for (pos, c) in a.iter().enumerate().filter(|(_, c)| !c.deleted) {
            for p in phones_of(&c.all_phones()) {
                by[0].entry(p).or_default().insert(pos as u32);
            }
            if let Some(t) = normalize_tax(tax_of(c)) {
                by[1].entry(t).or_default().insert(pos as u32);
            }
            let n = normalize_name(c.display_name());
            if !n.is_empty() {
                by[2].entry(n).or_default().insert(pos as u32);
            }
        }
        let make = [DupReason::SamePhone, DupReason::SameTax, DupReason::SameName];
        let mut out = Vec::new();
        for (map, make) in by.into_iter().zip(make) {
            let mut gs: Vec<DupGroup> = map
                .into_iter()
                .filter(|(_, ps)| ps.len() >= 2)
                .map(|(v, ps)| DupGroup { reason: make(v), positions: ps.into_iter().collect() })
                .collect();
            gs.sort_by(|a, b| a.positions.cmp(&b.positions).then_with(|| a.reason.cmp(&b.reason)));
            out.extend(gs);
        }
        out
    }

    #[test]
    fn groups_find_planted_duplicates_in_a_sample_archive() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        let mut a = sample_archive(5, 3000, today, "dev");
        let ents: Vec<usize> = (0..a.len()).filter(|&i| matches!(a[i].body, CardBody::Enterprise(_))).collect();
        let (e1, e2, e3, e4) = (ents[10], ents[20], ents[30], ents[40]);
        // Phone: another card's contact has e1's phone, written differently.
        let phone = normalize_phone(a[e1].all_phones()[0]).unwrap();
        let spaced = format!("+86 {}", phone.chars().map(|c| format!("{c} ")).collect::<String>());
        a[e2] = with_contact(a[e2].clone(), "planted", &spaced);
        // Tax: e3 gets e4's number in lower case with spaces.
        let CardBody::Enterprise(b4) = &a[e4].body else { unreachable!() };
        let tax = normalize_tax(&b4.basic.tax_number).unwrap_or_else(|| "91350100M000100Y43".into());
        if let CardBody::Enterprise(b) = &mut a[e4].body {
            b.basic.tax_number = tax.clone();
        }
        if let CardBody::Enterprise(b) = &mut a[e3].body {
            b.basic.tax_number = format!(" {} ", tax.to_lowercase());
        }
        // Name: e2 is renamed to e1's name with another legal form and spaces.
        let base = normalize_name(a[e1].display_name());
        if let CardBody::Enterprise(b) = &mut a[e2].body {
            b.basic.name = format!("{} 有限责任公司", base);
        }
        // A deleted card with e4's tax number takes part in nothing.
        let gone = ents[50];
        if let CardBody::Enterprise(b) = &mut a[gone].body {
            b.basic.tax_number = tax.clone();
        }
        a[gone].deleted = true;

        let idx = DupIndex::build(&a);
        let groups = idx.groups(&a);
        let find = |r: DupReason| groups.iter().find(|g| g.reason == r).map(|g| g.positions.clone());
        let mut pair = vec![e1 as u32, e2 as u32];
        pair.sort();
        assert!(find(DupReason::SamePhone(phone)).is_some_and(|ps| ps == pair));
        let mut pair34 = vec![e3 as u32, e4 as u32];
        pair34.sort();
        assert_eq!(find(DupReason::SameTax(tax)), Some(pair34));
        assert!(find(DupReason::SameName(base)).is_some_and(|ps| ps.contains(&(e1 as u32)) && ps.contains(&(e2 as u32))));
        assert!(groups.iter().all(|g| !g.positions.contains(&(gone as u32))));
        // Exactly the brute-force groups, in the documented order.
        assert_eq!(groups, brute_groups(&a));
        let kinds: Vec<u8> = groups
            .iter()
            .map(|g| match g.reason {
                DupReason::SamePhone(_) => 0,
                DupReason::SameTax(_) => 1,
                DupReason::SameName(_) => 2,
            })
            .collect();
        assert!(kinds.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn cards_sharing_two_phones_make_two_groups() {
        let a = vec![
            with_contact(ind("甲", "13800138000"), "p", "010-12345678"),
            with_contact(ind("乙", "010 1234 5678"), "p", "+86 138 0013 8000"),
        ];
        let g = DupIndex::build(&a).groups(&a);
        let reasons: Vec<_> = g.iter().map(|g| g.reason.clone()).collect();
        assert_eq!(reasons, [DupReason::SamePhone("01012345678".into()), DupReason::SamePhone("13800138000".into())]);
        assert!(g.iter().all(|g| g.positions == [0, 1]));
    }

    #[test]
    fn groups_report_nothing_spurious() {
        let mut gone = ent("杭州鑫源食品", "13800138000", "");
        gone.deleted = true;
        let mut a = vec![
            // Own card phone repeated on its own contact: one card, no group.
            with_contact(ind("王芳", "13800138000"), "p", "138 0013 8000"),
            ind("王芳芳", "13800138001"),
            ent("杭州鑫源食品", "010-12345678", "无"),
            ent("杭州鑫原食品", "0755-12345678", "无"), // similar but not equal: no scan group
            ent("", "12345678", ""),
            ent("", "", "91350100M000100Y43"),
            ent("公司之家", "", "91350100M000100Y44"),
            gone,
        ];
        let idx = DupIndex::build(&a);
        assert_eq!(idx.groups(&a), []);
        // One real duplicate shows up, and only it.
        a.push(ent("宁波华泰", "(010) 1234 5678", ""));
        let idx = DupIndex::build(&a);
        assert_eq!(idx.groups(&a), [DupGroup { reason: DupReason::SamePhone("01012345678".into()), positions: vec![2, 8] }]);
    }

    #[test]
    fn clusters_join_groups_that_share_a_card() {
        let a = vec![
            ind("王芳", "13800138000"),
            ent("杭州鑫源食品有限公司", "0571-88886666", ""),
            ind("王芳", "13900139000"),
            ent("杭州鑫源食品厂", "13900139000", ""),
            ind("李四", "13600136000"),
            ent("宁波华泰", "0574-2345678", ""),
            ent("宁波华泰商行", "", ""),
        ];
        let groups = DupIndex::build(&a).groups(&a);
        // Phone 139… joins 2 and 3; name 王芳 joins 0 and 2; 鑫源 1 and 3; 华泰 5 and 6.
        assert_eq!(groups.len(), 4);
        let cl = clusters(&groups);
        assert_eq!(cl.iter().map(|c| c.positions.clone()).collect::<Vec<_>>(), [vec![0, 1, 2, 3], vec![5, 6]]);
        assert_eq!(cl[0].groups.len(), 3);
        assert_eq!(cl[1].groups, [3]);
        assert!(clusters(&[]).is_empty());
    }

    #[test]
    fn heap_bytes_counts_the_entries() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        let a = sample_archive(3, 1000, today, "dev");
        let idx = DupIndex::build(&a);
        let entries = idx.phone.base.len() + idx.tax.base.len() + idx.name.base.len() + idx.dels.base.len();
        assert_eq!(idx.heap_bytes(), entries * 8);
        assert!(entries > 3000, "{entries}");
    }
}
