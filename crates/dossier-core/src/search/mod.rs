//! Search-as-you-type over the whole archive. Each customer's searchable text is lower-cased
//! into one shared buffer and scanned with `memchr::memmem` (a few ms for 100,000 customers);
//! a query that extends the previous one only rechecks the previous hits. Filters read a compact
//! facet row per customer and sorts read precomputed ranks, so a keystroke never walks the
//! (large, scattered) customer records themselves.
//!
//! A query is words separated by spaces; a customer is listed when every word matches, in any
//! order ("川兴 酒厂"). A word with Latin letters also matches the name's pinyin ([`pinyin`]:
//! "cdcx", "chengdu"), from keys built once per customer when it is indexed. docs/search.md.

use crate::customer::card::{CardBody, Kind};
use crate::customer::Customer;
use crate::primitives::codes::{Stage, Tag, Tier};
use crate::primitives::grades::ProspectGrade;
use crate::primitives::phone::{self, Reading};
use memchr::memmem;

pub mod order;
mod pinyin;
pub use order::Order;
use self::pinyin::Names;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// Marks a segment whose customer has since been re-indexed elsewhere in the buffer.
const DEAD: u32 = u32::MAX;
/// Between fields, so a match never spans two of them (queries are trimmed text).
const SEP: u8 = 0;

#[derive(Debug, Default)]
pub struct SearchIndex {
    buf: Vec<u8>,
    /// (start in `buf`, position) in buffer order; a segment ends where the next one starts.
    segs: Vec<(usize, u32)>,
    /// Position → index into `segs`.
    seg_of: Vec<usize>,
    dead_bytes: usize,
    /// Last needle and its hits, for narrowing.
    last: RefCell<Option<(String, Vec<u32>)>>,
    /// Position → which ASCII bytes its text holds: a one-character query (a digit, a letter)
    /// is a bit test per customer instead of a search.
    ascii: Vec<u128>,
    /// Position → what the list filters on, 8 bytes per customer.
    facets: Vec<Facet>,
    /// Region name → id in [`Facet::region`] (0 is "no region").
    regions: HashMap<String, u32>,
    /// Owner (rep id) → id in [`Facet::owner`] (0 is "no owner").
    owners: HashMap<String, u32>,
    /// Region id → live customers in it, kept as customers are indexed, so the region filter's
    /// choices never need a pass over the archive.
    region_live: Vec<u32>,
    /// Live customers.
    live: usize,
    /// Position → the pinyin keys of its name (none when deleted).
    names: Names,
}

/// The filterable state of one customer, packed so a filter over 100,000 is one linear pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Facet {
    live: bool,
    kind: u8,
    stage: u8,
    /// 0 none, else 1 + tier index.
    tier: u8,
    /// 0 none, else 1 + 准客户等级 index.
    prospect: u8,
    /// Bit per [`Tag::ALL`] index.
    tags: u8,
    region: u32,
    owner: u32,
}

/// What the customer list filters by; `None` / empty means any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub kind: Option<Kind>,
    pub stage: Option<Stage>,
    pub tier: Option<Tier>,
    pub tag: Option<Tag>,
    pub region: String,
    pub owner: OwnerFilter,
    /// 准客户等级.
    pub prospect: Option<ProspectGrade>,
}

/// Whose customers the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum OwnerFilter {
    #[default]
    Any,
    /// Customers nobody is responsible for.
    Nobody,
    /// One rep's customers (rep id).
    Rep(String),
}

impl OwnerFilter {
    /// The code of [`OwnerFilter::Nobody`] in a filter `<select>`: "" is any, else a rep id
    /// (ids are UUIDs, so neither can be one).
    pub const NOBODY_CODE: &'static str = "-";

    /// The filter as a `<select>` option's value (the list's and 信用's owner filters).
    pub fn code(&self) -> String {
        match self {
            OwnerFilter::Any => String::new(),
            OwnerFilter::Nobody => Self::NOBODY_CODE.to_string(),
            OwnerFilter::Rep(id) => id.clone(),
        }
    }

    /// The filter an option's value stands for ([`OwnerFilter::code`] read back).
    pub fn from_code(value: &str) -> OwnerFilter {
        match value {
            "" => OwnerFilter::Any,
            Self::NOBODY_CODE => OwnerFilter::Nobody,
            id => OwnerFilter::Rep(id.to_string()),
        }
    }

    /// The rep's customers, or any if there is no rep (a device with no rep chosen yet).
    pub fn rep_or_any(rep: Option<String>) -> OwnerFilter {
        rep.filter(|r| !r.is_empty()).map_or(OwnerFilter::Any, OwnerFilter::Rep)
    }
}

/// What the list, its filters, sorts and search read of one customer: the card itself, or a
/// summary kept without the card ([`crate::summary::Summary`]). Search finds a customer by the
/// texts [`Listed::haystack`] hands out (name, nickname, company, fax, 登记编号, phones, people's
/// names, address); their order does not matter.
pub trait Listed {
    fn live(&self) -> bool;
    fn kind(&self) -> Kind;
    fn stage(&self) -> Stage;
    fn tier(&self) -> Option<Tier>;
    /// 准客户等级 as stored on the card.
    fn prospect(&self) -> Option<ProspectGrade>;
    fn tags(&self) -> &BTreeSet<Tag>;
    fn region(&self) -> &str;
    /// The owner's rep id ("" nobody).
    fn owner(&self) -> &str;
    /// The name shown.
    fn name(&self) -> &str;
    fn reg_no(&self) -> &str;
    /// Every number to call (the card's and its people's).
    fn phones(&self) -> Vec<&str>;
    /// The other texts search finds the customer by (fax without dashes).
    fn words(&self, put: &mut dyn FnMut(&str));
}

impl Listed for Customer {
    fn live(&self) -> bool {
        !self.deleted
    }
    fn kind(&self) -> Kind {
        Customer::kind(self)
    }
    fn stage(&self) -> Stage {
        self.stage
    }
    fn tier(&self) -> Option<Tier> {
        self.tier
    }
    fn prospect(&self) -> Option<ProspectGrade> {
        self.grades.prospect
    }
    fn tags(&self) -> &BTreeSet<Tag> {
        &self.tags
    }
    fn region(&self) -> &str {
        &self.region
    }
    fn owner(&self) -> &str {
        &self.owner
    }
    fn name(&self) -> &str {
        self.display_name()
    }
    fn reg_no(&self) -> &str {
        &self.reg_no
    }
    fn phones(&self) -> Vec<&str> {
        self.all_phones()
    }
    fn words(&self, put: &mut dyn FnMut(&str)) {
        match &self.body {
            CardBody::Individual(i) => {
                put(&i.basic.nickname);
                put(&i.basic.company);
            }
            CardBody::Enterprise(e) => put(&e.basic.fax.replace('-', "")),
        }
        for p in self.live_contacts() {
            put(&p.info.name);
        }
        put(self.body.address());
    }
}

/// A sort order of the customer list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    RegNo,
    Name,
    Region,
    Stage,
}

/// `rank[position]` = place of that customer in the order; ties keep position order.
pub fn ranks<L: Listed>(customers: &[L], key: SortKey) -> Vec<u32> {
    let mut order: Vec<u32> = (0..customers.len() as u32).collect();
    let c = |p: &u32| &customers[*p as usize];
    match key {
        // Numbers are issued in creation order, so positions are usually already in order.
        SortKey::RegNo => {
            if !order.is_sorted_by(|x, y| c(x).reg_no() <= c(y).reg_no()) {
                order.sort_by(|x, y| c(x).reg_no().cmp(c(y).reg_no()));
            }
        }
        SortKey::Name => order.sort_by(|x, y| c(x).name().cmp(c(y).name())),
        SortKey::Region => order.sort_by(|x, y| c(x).region().cmp(c(y).region())),
        SortKey::Stage => order.sort_by_key(|x| c(x).stage()),
    }
    let mut rank = vec![0u32; order.len()];
    for (i, p) in order.into_iter().enumerate() {
        rank[p as usize] = i as u32;
    }
    rank
}

/// As [`ranks`] by name, in the order `collate` puts the distinct names in: it gets them sorted
/// by code point and returns each one's place. The app passes the browser's
/// `Intl.Collator("zh-CN")`, which orders Chinese by pinyin (安 < 白 < 陈 < 张); the core reads no
/// locale data of its own. Ties keep position order; if `collate` answers with the wrong number
/// of places the code-point order is used.
pub fn ranks_by_name<L: Listed>(customers: &[L], collate: impl FnOnce(&[&str]) -> Vec<u32>) -> Vec<u32> {
    let mut distinct: Vec<&str> = customers.iter().map(|c| c.name()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let places = collate(&distinct);
    let place = |name: &str| {
        let i = distinct.binary_search(&name).unwrap_or(0);
        if places.len() == distinct.len() { places[i] } else { i as u32 }
    };
    let keys: Vec<u32> = customers.iter().map(|c| place(c.name())).collect();
    let mut order: Vec<u32> = (0..customers.len() as u32).collect();
    // Stable: equal names keep position order.
    order.sort_by_key(|p| keys[*p as usize]);
    let mut rank = vec![0u32; order.len()];
    for (i, p) in order.into_iter().enumerate() {
        rank[p as usize] = i as u32;
    }
    rank
}

/// Sorts positions by `rank` (from [`ranks`]); positions beyond it go last. Cheap when already
/// in order, which is the common case for the default number order.
pub fn sort_by_rank(hits: &mut [u32], rank: &[u32], ascending: bool) {
    let r = |p: &u32| rank.get(*p as usize).copied().unwrap_or(u32::MAX);
    if !hits.is_sorted_by_key(r) {
        hits.sort_unstable_by_key(r);
    }
    if !ascending {
        hits.reverse();
    }
}

impl SearchIndex {
    /// Indexes `customers`; results are positions into this slice. Deleted customers never match.
    pub fn build<L: Listed>(customers: &[L]) -> SearchIndex {
        let mut idx = SearchIndex::default();
        idx.buf.reserve(customers.len() * 96);
        for c in customers {
            idx.push(c);
        }
        idx
    }

    pub fn len(&self) -> usize {
        self.seg_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seg_of.is_empty()
    }

    /// Appends a customer at position `len()`.
    pub fn push<L: Listed + ?Sized>(&mut self, c: &L) {
        let pos = self.seg_of.len() as u32;
        self.seg_of.push(self.segs.len());
        self.append(pos, c);
    }

    /// Re-indexes the customer at `pos` after an edit (out-of-range positions are ignored).
    pub fn update<L: Listed + ?Sized>(&mut self, pos: u32, c: &L) {
        let Some(&old) = self.seg_of.get(pos as usize) else { return };
        self.dead_bytes += self.seg_range(old).len();
        self.segs[old].1 = DEAD;
        self.seg_of[pos as usize] = self.segs.len();
        self.append(pos, c);
        if self.dead_bytes > self.buf.len() / 2 {
            self.compact();
        }
    }

    /// Positions (ascending) of customers whose name, nickname, registration number, phones,
    /// people's names or address contain `q`. Digit-only queries match phones ignoring spaces
    /// and dashes ("138 0013" finds 13800138000). Latin letters are case-insensitive and also
    /// match the name's pinyin. Several words must each match, in any order.
    pub fn query(&self, q: &str) -> Vec<u32> {
        let needle = normalise_query(q);
        if needle.is_empty() {
            return (0..self.seg_of.len())
                .filter(|&p| self.segs[self.seg_of[p]].1 != DEAD && !self.seg_range(self.seg_of[p]).is_empty())
                .map(|p| p as u32)
                .collect();
        }
        let words = Words::new(&needle);
        let mut last = self.last.borrow_mut();
        let hits = match last.as_ref() {
            // Rechecking each previous hit costs more per customer than one pass of memmem over
            // the buffer, so narrowing only pays while the previous hits are few. Typing on
            // only narrows: a longer word's hits (substring or pinyin) are within the shorter
            // one's, and another word only removes hits.
            Some((prev, hits)) if needle.starts_with(prev.as_str()) && hits.len() < self.segs.len() / 8 => {
                hits.iter().copied().filter(|&p| words.all(|w| self.word_at(p, w))).collect()
            }
            _ => {
                let mut hits = self.word_hits(&words.list[0]);
                hits.retain(|&p| words.list[1..].iter().all(|w| self.word_at(p, w)));
                hits
            }
        };
        *last = Some((needle, hits.clone()));
        hits
    }

    /// Every customer one word finds: a buffer-wide substring search, plus the pinyin keys
    /// when the word has Latin letters.
    fn word_hits(&self, w: &Word) -> Vec<u32> {
        let text = if w.text.len() == 1 {
            // One byte (a digit, a letter) is in most customers' text: restarting a buffer-wide
            // search after every hit costs more than one memchr per customer.
            self.with_ascii(w.text.as_bytes()[0])
        } else if w.latin {
            self.scan_latin(w)
        } else {
            self.scan(&w.finder)
        };
        if !w.latin {
            return text;
        }
        // Merge in the pinyin hits, keeping position order.
        self.names.hits(&w.chars, &text)
    }

    /// Whether the customer at `p` matches one word.
    fn word_at(&self, p: u32, w: &Word) -> bool {
        let Some(&s) = self.seg_of.get(p as usize) else { return false };
        if self.segs[s].1 == DEAD {
            return false;
        }
        w.finder.find(self.seg_range(s)).is_some() || (w.latin && self.names.matches(p, &w.chars))
    }

    fn scan(&self, finder: &memmem::Finder) -> Vec<u32> {
        let mut hits = Vec::new();
        let mut at = 0;
        let mut s = 0;
        while let Some(i) = self.buf.get(at..).and_then(|rest| finder.find(rest)) {
            let off = at + i;
            // Hits come in buffer order: walk forward to the segment holding `off` (a gallop
            // over the few segments between two hits, instead of a binary search per hit).
            let mut step = 1;
            while self.segs.get(s + step).is_some_and(|n| n.0 <= off) {
                s += step;
                step *= 2;
            }
            s += self.segs[s..(s + step).min(self.segs.len())].partition_point(|&(start, _)| start <= off).saturating_sub(1);
            if self.segs[s].1 != DEAD {
                hits.push(self.segs[s].1);
            }
            // Skip to the next customer: one hit per customer is enough.
            at = self.segs.get(s + 1).map_or(self.buf.len(), |n| n.0);
        }
        hits.sort_unstable();
        hits
    }

    /// [`SearchIndex::scan`] for a word with Latin letters: the text is mostly Chinese, digits and
    /// the "kh-" of 登记编号, so the few customers whose text holds every ASCII byte of the word
    /// (one mask test each) are searched one by one instead of the whole buffer.
    fn scan_latin(&self, w: &Word) -> Vec<u32> {
        let need = w.text.bytes().filter(u8::is_ascii).fold(0u128, |m, b| m | 1 << b);
        let mut hits: Vec<u32> = (0..self.ascii.len() as u32).filter(|&p| self.ascii[p as usize] & need == need).collect();
        if hits.len() > self.ascii.len() / 8 {
            return self.scan(&w.finder);
        }
        hits.retain(|&p| w.finder.find(self.seg_range(self.seg_of[p as usize])).is_some());
        hits
    }

    /// [`SearchIndex::query`] the plain way: every customer checked on its own, every word by a
    /// substring search of its text and the plain pinyin matching; no masks, no narrowing.
    #[cfg(test)]
    fn query_slowly(&self, q: &str) -> Vec<u32> {
        let needle = normalise_query(q);
        let words = Words::new(&needle);
        (0..self.seg_of.len() as u32)
            .filter(|&p| {
                let seg = self.seg_range(self.seg_of[p as usize]);
                !seg.is_empty()
                    && words.all(|w| w.finder.find(seg).is_some() || (w.latin && self.names.matches_slowly(p, &w.chars)))
            })
            .collect()
    }

    fn with_ascii(&self, byte: u8) -> Vec<u32> {
        let bit = 1u128 << (byte & 0x7f);
        (0..self.ascii.len() as u32).filter(|&p| self.ascii[p as usize] & bit != 0).collect()
    }

    fn seg_range(&self, s: usize) -> &[u8] {
        let start = self.segs[s].0;
        let end = self.segs.get(s + 1).map_or(self.buf.len(), |n| n.0);
        &self.buf[start..end]
    }

    fn append<L: Listed + ?Sized>(&mut self, pos: u32, c: &L) {
        let facet = self.facet(c);
        let old = match self.facets.get_mut(pos as usize) {
            Some(f) => Some(std::mem::replace(f, facet)),
            None => {
                self.facets.push(facet);
                None
            }
        };
        if let Some(old) = old.filter(|o| o.live) {
            self.live -= 1;
            self.region_live[old.region as usize] -= 1;
        }
        if facet.live {
            self.live += 1;
            if self.region_live.len() <= facet.region as usize {
                self.region_live.resize(facet.region as usize + 1, 0);
            }
            self.region_live[facet.region as usize] += 1;
        }
        let start = self.buf.len();
        self.segs.push((start, pos));
        if c.live() {
            write_haystack(&mut self.buf, c);
        }
        self.names.set(pos, c.live().then(|| c.name()));
        let mask = self.buf[start..].iter().filter(|b| b.is_ascii()).fold(0u128, |m, &b| m | 1 << b);
        match self.ascii.get_mut(pos as usize) {
            Some(m) => *m = mask,
            None => self.ascii.push(mask),
        }
        *self.last.get_mut() = None;
    }

    fn facet<L: Listed + ?Sized>(&mut self, c: &L) -> Facet {
        let next = self.regions.len() as u32 + 1;
        let region = if c.region().is_empty() {
            0
        } else {
            *self.regions.entry(c.region().to_string()).or_insert(next)
        };
        let next = self.owners.len() as u32 + 1;
        let owner = if c.owner().is_empty() { 0 } else { *self.owners.entry(c.owner().to_string()).or_insert(next) };
        let index_of = |all: &[Tag], t: &Tag| all.iter().position(|x| x == t).unwrap_or(0);
        Facet {
            live: c.live(),
            kind: c.kind() as u8,
            stage: c.stage() as u8,
            tier: c.tier().map_or(0, |t| t as u8 + 1),
            prospect: c.prospect().map_or(0, |p| p as u8 + 1),
            tags: c.tags().iter().fold(0u8, |m, t| m | 1 << index_of(Tag::ALL, t)),
            region,
            owner,
        }
    }

    /// Live customers matching `q` (see [`SearchIndex::query`]; empty matches all) and `f`,
    /// ascending by position.
    pub fn select(&self, q: &str, f: &Filter) -> Vec<u32> {
        let Some(want) = self.wanted(f) else { return Vec::new() };
        let keep = |p: &u32| self.keeps(&want, *p);
        if q.trim().is_empty() {
            (0..self.facets.len() as u32).filter(keep).collect()
        } else {
            let mut hits = self.query(q);
            hits.retain(keep);
            hits
        }
    }

    /// Whether [`SearchIndex::select`] lists the customer at `pos`: one customer's facets and
    /// text, for following a save without searching everyone again.
    pub fn matches(&self, pos: u32, q: &str, f: &Filter) -> bool {
        let Some(want) = self.wanted(f) else { return false };
        if !self.keeps(&want, pos) {
            return false;
        }
        let needle = normalise_query(q);
        needle.is_empty() || Words::new(&needle).all(|w| self.word_at(pos, w))
    }

    /// Live customers.
    pub fn live_count(&self) -> usize {
        self.live
    }

    /// The regions live customers are in, sorted.
    pub fn regions(&self) -> Vec<String> {
        let mut r: Vec<String> = self
            .regions
            .iter()
            .filter(|(_, &id)| self.region_live.get(id as usize).is_some_and(|&n| n > 0))
            .map(|(name, _)| name.clone())
            .collect();
        r.sort();
        r
    }

    /// The facet a filter asks for (`u8::MAX` / `u32::MAX` / 0: any); `None` if nothing can
    /// match (a region or owner no customer has).
    fn wanted(&self, f: &Filter) -> Option<Facet> {
        let region = if f.region.is_empty() { 0 } else { *self.regions.get(&f.region)? };
        // u32::MAX: any owner.
        let owner = match &f.owner {
            OwnerFilter::Any => u32::MAX,
            OwnerFilter::Nobody => 0,
            OwnerFilter::Rep(rep) => *self.owners.get(rep)?,
        };
        Some(Facet {
            live: true,
            kind: f.kind.map_or(u8::MAX, |k| k as u8),
            stage: f.stage.map_or(u8::MAX, |s| s as u8),
            tier: f.tier.map_or(u8::MAX, |t| t as u8 + 1),
            prospect: f.prospect.map_or(u8::MAX, |p| p as u8 + 1),
            tags: f.tag.map_or(0, |t| 1 << Tag::ALL.iter().position(|x| *x == t).unwrap_or(0)),
            region,
            owner,
        })
    }

    fn keeps(&self, want: &Facet, p: u32) -> bool {
        let Some(x) = self.facets.get(p as usize) else { return false };
        x.live
            && (want.kind == u8::MAX || x.kind == want.kind)
            && (want.stage == u8::MAX || x.stage == want.stage)
            && (want.tier == u8::MAX || x.tier == want.tier)
            && (want.prospect == u8::MAX || x.prospect == want.prospect)
            && x.tags & want.tags == want.tags
            && (want.region == 0 || x.region == want.region)
            && (want.owner == u32::MAX || x.owner == want.owner)
    }

    /// Drops the text of re-indexed customers, keeping position order.
    fn compact(&mut self) {
        let mut buf = Vec::with_capacity(self.buf.len() - self.dead_bytes);
        let mut segs = Vec::with_capacity(self.seg_of.len());
        for (pos, &s) in self.seg_of.iter().enumerate() {
            segs.push((buf.len(), pos as u32));
            buf.extend_from_slice(self.seg_range(s));
        }
        self.seg_of = (0..segs.len()).collect();
        self.buf = buf;
        self.segs = segs;
        self.dead_bytes = 0;
    }
}

/// One word of a query, ready to look for.
struct Word {
    text: String,
    finder: memmem::Finder<'static>,
    chars: Vec<char>,
    /// Has Latin letters, so it may be pinyin.
    latin: bool,
}

/// The words of a normalised query (a phone number is one word, spaces and all removed).
struct Words {
    list: Vec<Word>,
}

impl Words {
    fn new(needle: &str) -> Words {
        let list = needle
            .split_whitespace()
            .map(|t| Word {
                text: t.to_string(),
                finder: memmem::Finder::new(t.as_bytes()).into_owned(),
                chars: t.chars().collect(),
                latin: t.bytes().any(|b| b.is_ascii_lowercase()),
            })
            .collect();
        Words { list }
    }

    fn all(&self, f: impl Fn(&Word) -> bool) -> bool {
        self.list.iter().all(f)
    }
}

/// Digit-and-separator queries become bare digits (phone search, [`Reading::Query`]); others are
/// trimmed and lower-cased.
fn normalise_query(q: &str) -> String {
    phone::normalize(q, Reading::Query).unwrap_or_else(|| q.trim().to_lowercase())
}

fn write_haystack<L: Listed + ?Sized>(buf: &mut Vec<u8>, c: &L) {
    let mut put = |s: &str| {
        if !s.is_empty() {
            buf.extend_from_slice(s.to_lowercase().as_bytes());
            buf.push(SEP);
        }
    };
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    put(c.name());
    put(c.reg_no());
    put(&digits(c.reg_no()));
    for p in c.phones() {
        put(p);
        put(&digits(p));
    }
    c.words(&mut put);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::card::{validate_card, Kind};
    use crate::customer::contact::{Contact, ContactFields};
    use crate::primitives::clock::Stamp;
    use chrono::NaiveDate;

    fn cust(kind: Kind, pairs: &[(&str, &str)], reg: &str) -> Customer {
        let raw = crate::forms::flat_values(pairs.iter().copied());
        let body = validate_card(kind, &raw, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
        Customer::new(reg.into(), reg.into(), body, Stamp::default())
    }

    fn archive() -> Vec<Customer> {
        let mut a = vec![
            cust(Kind::Individual, &[("name", "王建国"), ("nickname", "老王"), ("mobile", "138 0013 8000")], "KH-2026-000001"),
            cust(Kind::Enterprise, &[("name", "杭州鑫源商贸有限公司"), ("address", "浙江省杭州市西湖区文三路88号"), ("phone", "0571-88886666")], "KH-2026-000002"),
            cust(Kind::Enterprise, &[("name", "ACME Trading"), ("address", "上海市浦东新区")], "KH-2026-000003"),
        ];
        let info = ContactFields { name: "李采购".into(), mobile: "13912345678".into(), ..Default::default() };
        a[2].upsert_contact(Contact::new("p1".into(), info, Stamp::default()));
        a
    }

    proptest::proptest! {
        /// Law: after any edits (region, deletion, stage, name), one customer's `matches` agrees
        /// with `select` over everyone, and the live count and region list equal a recount.
        #[test]
        fn one_customer_at_a_time_agrees_with_the_whole_archive(
            edits in proptest::collection::vec((0usize..4, 0usize..3, proptest::bool::ANY, 0usize..3), 0..24),
            query in proptest::sample::select(vec!["", "王", "7", "杭州", "acme", "不存在", "wx", "wang", "杭州 鑫", "hz"]),
            region in proptest::sample::select(vec!["", "华东", "华北"]),
        ) {
            let regions = ["", "华东", "华北"];
            let mut a = archive();
            let mut idx = SearchIndex::build(&a);
            for (at, r, deleted, stage) in edits {
                let pos = at % (a.len() + 1);
                if pos == a.len() {
                    a.push(cust(Kind::Individual, &[("name", "王新")], &format!("KH-2026-{pos:06}")));
                    idx.push(&a[pos]);
                } else {
                    a[pos].region = regions[r].to_string();
                    a[pos].deleted = deleted;
                    a[pos].stage = Stage::ALL[stage % Stage::ALL.len()];
                    idx.update(pos as u32, &a[pos]);
                }
            }
            let f = Filter { region: region.to_string(), ..Filter::default() };
            let one_by_one: Vec<u32> = (0..a.len() as u32).filter(|&p| idx.matches(p, query, &f)).collect();
            proptest::prop_assert_eq!(one_by_one, idx.select(query, &f));
            proptest::prop_assert_eq!(idx.live_count(), a.iter().filter(|c| !c.deleted).count());
            let mut live_regions: Vec<String> = a.iter().filter(|c| !c.deleted && !c.region.is_empty()).map(|c| c.region.clone()).collect();
            live_regions.sort();
            live_regions.dedup();
            proptest::prop_assert_eq!(idx.regions(), live_regions);
        }
    }

    thread_local! {
        /// A sample archive (some names with Latin letters, one customer deleted), indexed once.
        static SAMPLE: SearchIndex = {
            let mut a = crate::sample_archive(5, 600, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), "t");
            a.extend(archive());
            a.push(cust(Kind::Enterprise, &[("name", "成都长城川兴酒厂"), ("address", "四川省成都市")], "KH-2026-900001"));
            a.push(cust(Kind::Enterprise, &[("name", "CD Trading 成都"), ("address", "zhang street")], "KH-2026-900002"));
            a[3].deleted = true;
            SearchIndex::build(&a)
        };
    }

    proptest::proptest! {
        /// Law: typing a query key by key (each keystroke narrowing from the one before, with the
        /// fast paths for short Latin words) lists exactly the customers the plain matching does,
        /// in the same order: short Latin queries, several words, Chinese and digits mixed in.
        #[test]
        fn keystrokes_agree_with_the_plain_search(
            typed in proptest::collection::vec(proptest::sample::select(vec![
                "c", "d", "z", "h", "a", "n", "g", "x", "y", "s", "w", "l", "j", "q", "t", "r", "e", " ", " ",
                "成", "都", "有限", "张", "1", "3", "0571", "kh", "-", "C",
            ]), 1..9),
            restart in 0usize..9,
        ) {
            SAMPLE.with(|idx| {
                let mut q = String::new();
                for (i, key) in typed.iter().enumerate() {
                    if i == restart {
                        // The rep clears the box and types on.
                        q.clear();
                    }
                    q.push_str(key);
                    proptest::prop_assert_eq!(idx.query(&q), idx.query_slowly(&q), "query {:?}", q);
                }
                Ok(())
            })?;
        }
    }

    #[test]
    fn short_latin_queries_agree_with_the_plain_search() {
        SAMPLE.with(short_latin);
    }

    fn short_latin(idx: &SearchIndex) {
        let letters: Vec<char> = ('a'..='z').collect();
        let mut found = 0;
        for &a in &letters {
            let one = a.to_string();
            assert_eq!(idx.query(&one), idx.query_slowly(&one), "{one}");
            for &b in &letters {
                let two = format!("{a}{b}");
                let hits = idx.query(&two);
                assert_eq!(hits, idx.query_slowly(&two), "{two}");
                found += hits.len();
            }
        }
        assert!(found > 1000, "the sample answers to two-letter keys ({found})");
    }

    #[test]
    fn finds_by_each_field() {
        let idx = SearchIndex::build(&archive());
        assert_eq!(idx.query("王建"), [0]);
        assert_eq!(idx.query("老王"), [0]);
        assert_eq!(idx.query("138 0013"), [0]);
        assert_eq!(idx.query("8000"), [0]);
        assert_eq!(idx.query("0571-8888"), [1]);
        assert_eq!(idx.query("kh-2026-000002"), [1]);
        assert_eq!(idx.query("2026-000003"), [2]);
        assert_eq!(idx.query("李采购"), [2]);
        assert_eq!(idx.query("1391234"), [2]);
        assert_eq!(idx.query("西湖区"), [1]);
        assert_eq!(idx.query("acme"), [2]);
        assert_eq!(idx.query("  Trading "), [2]);
        assert_eq!(idx.query("7"), [1, 2], "one byte: 0571-… and 13912345678");
        assert_eq!(idx.query("王"), [0]);
        assert_eq!(idx.query("kh-2026"), [0, 1, 2]);
        assert_eq!(idx.query(""), [0, 1, 2]);
        assert!(idx.query("不存在").is_empty());
    }

    #[test]
    fn narrowing_and_updates() {
        let mut a = archive();
        let mut idx = SearchIndex::build(&a);
        assert_eq!(idx.query("13"), [0, 2]);
        assert_eq!(idx.query("139"), [2]); // narrowed from the previous hits
        assert_eq!(idx.query("13"), [0, 2]); // widening rescans
        a[0] = cust(Kind::Individual, &[("name", "王建国"), ("mobile", "15000000000")], "KH-2026-000001");
        idx.update(0, &a[0]);
        assert_eq!(idx.query("138"), Vec::<u32>::new());
        assert_eq!(idx.query("150"), [0]);
        a[1].deleted = true;
        idx.update(1, &a[1]);
        assert!(idx.query("鑫源").is_empty());
        idx.push(&cust(Kind::Enterprise, &[("name", "鑫源二号")], "KH-2026-000004"));
        assert_eq!(idx.query("鑫源"), [3]);
        for _ in 0..10 {
            idx.update(2, &a[2]); // forces compaction
        }
        assert_eq!(idx.query("acme"), [2]);
        assert_eq!(idx.query("王"), [0]);
        assert_eq!(idx.len(), 4);
        idx.update(99, &a[0]);
        assert_eq!(idx.len(), 4);
    }

    #[test]
    fn select_filters_by_owner_and_follows_owner_changes() {
        let mut a = archive();
        a[0].owner = "rep-a".into();
        a[2].owner = "rep-b".into();
        let mut idx = SearchIndex::build(&a);
        let by = |o: &str| Filter { owner: if o.is_empty() { OwnerFilter::Nobody } else { OwnerFilter::Rep(o.into()) }, ..Filter::default() };
        assert_eq!(idx.select("", &by("rep-a")), [0]);
        assert_eq!(idx.select("", &by("rep-b")), [2]);
        assert_eq!(idx.select("", &by("")), [1], "no owner");
        assert_eq!(idx.select("", &by("rep-unknown")), Vec::<u32>::new());
        assert_eq!(idx.select("", &Filter::default()), [0, 1, 2]);
        a[1].owner = "rep-a".into();
        idx.update(1, &a[1]);
        assert_eq!(idx.select("", &by("rep-a")), [0, 1]);
        assert_eq!(idx.select("", &by("")), Vec::<u32>::new());
    }

    #[test]
    fn select_filters_by_facets_and_ranks_sort() {
        let mut a = archive();
        a[0].region = "华东".into();
        a[0].tier = Some(Tier::Key);
        a[0].tags.insert(Tag::Vip);
        a[1].region = "华东".into();
        a[1].stage = Stage::Current;
        a[2].region = "华北".into();
        let mut idx = SearchIndex::build(&a);
        let f = |kind, stage, tier, tag, region: &str| Filter { kind, stage, tier, tag, region: region.into(), owner: OwnerFilter::Any, prospect: None };
        assert_eq!(idx.select("", &Filter::default()), [0, 1, 2]);
        assert_eq!(idx.select("", &f(Some(Kind::Enterprise), None, None, None, "")), [1, 2]);
        assert_eq!(idx.select("", &f(None, Some(Stage::Current), None, None, "")), [1]);
        assert_eq!(idx.select("", &f(None, None, Some(Tier::Key), None, "")), [0]);
        assert_eq!(idx.select("", &f(None, None, None, Some(Tag::Vip), "")), [0]);
        assert_eq!(idx.select("", &f(None, None, None, Some(Tag::Hot), "")), Vec::<u32>::new());
        assert_eq!(idx.select("", &f(None, None, None, None, "华东")), [0, 1]);
        assert_eq!(idx.select("", &f(None, None, None, None, "西南")), Vec::<u32>::new());
        assert_eq!(idx.select("kh-2026", &f(Some(Kind::Enterprise), None, None, None, "华东")), [1]);
        // An edit moves the customer between filters; a delete drops it.
        a[2].region = "华东".into();
        idx.update(2, &a[2]);
        assert_eq!(idx.select("", &f(None, None, None, None, "华东")), [0, 1, 2]);
        a[0].deleted = true;
        idx.update(0, &a[0]);
        assert_eq!(idx.select("", &Filter::default()), [1, 2]);

        let rank = ranks(&a, SortKey::Name);
        let mut hits = vec![0, 1, 2];
        sort_by_rank(&mut hits, &rank, true);
        assert_eq!(hits, [2, 1, 0], "ACME < 杭州… (U+676D) < 王建国 (U+738B), by code point");
        // A collation (the browser's, in the app) decides the name order; here: reversed.
        let collated = ranks_by_name(&a, |names| (0..names.len() as u32).rev().collect());
        let mut by_collation = vec![0, 1, 2];
        sort_by_rank(&mut by_collation, &collated, true);
        assert_eq!(by_collation, [0, 1, 2]);
        // A collation that answers wrongly falls back to code points.
        assert_eq!(ranks_by_name(&a, |_| vec![]), ranks(&a, SortKey::Name));
        sort_by_rank(&mut hits, &rank, false);
        assert_eq!(hits, [0, 1, 2]);
        a.swap(0, 2); // numbers out of position order
        let rank = ranks(&a, SortKey::RegNo);
        let mut hits = vec![0, 1, 2];
        sort_by_rank(&mut hits, &rank, true);
        assert_eq!(hits, [2, 1, 0]);
        let rank = ranks(&a, SortKey::Stage);
        let mut hits = vec![0, 1, 2];
        sort_by_rank(&mut hits, &rank, true);
        assert_eq!(hits, [0, 2, 1], "potential before current, ties by position");
    }

    #[test]
    fn pinyin_and_several_words() {
        let mut a = archive();
        a.push(cust(Kind::Enterprise, &[("name", "成都长城川兴酒厂"), ("address", "四川省成都市")], "KH-2026-000004"));
        a.push(cust(Kind::Enterprise, &[("name", "重庆银行"), ("phone", "023-63792000")], "KH-2026-000005"));
        a.push(cust(Kind::Enterprise, &[("name", "长兴酒业"), ("phone", "0755-12345678")], "KH-2026-000006"));
        let mut idx = SearchIndex::build(&a);
        assert_eq!(idx.query("cdcx"), [3]);
        assert_eq!(idx.query("chengdu"), [3]);
        assert_eq!(idx.query("CHENGDU"), [3], "case-insensitive");
        assert_eq!(idx.query("川兴 酒厂"), [3]);
        assert_eq!(idx.query("酒厂 川兴"), [3], "any order");
        assert_eq!(idx.query("酒厂 不存在"), Vec::<u32>::new(), "every word must match");
        assert_eq!(idx.query("jiuchang chengdu"), [3]);
        assert_eq!(idx.query("川兴 jc"), [3], "Chinese and pinyin words mixed");
        assert_eq!(idx.query("成都 ccx"), [3]);
        // 长 is chang and zhang, 重 chong and zhong, 行 xing and hang: any reading finds it.
        assert_eq!(idx.query("zhangxing"), [5]);
        assert_eq!(idx.query("changxing"), [5]);
        assert_eq!(idx.query("chongqing"), [4]);
        assert_eq!(idx.query("zhongqing"), [4]);
        assert_eq!(idx.query("yinhang"), [4]);
        assert_eq!(idx.query("cx"), [3, 5], "川兴 and 长兴");
        assert_eq!(idx.query("jiuye"), [5]);
        // A short key is neighbours, not scattered letters; no match inside a syllable.
        assert_eq!(idx.query("cj"), Vec::<u32>::new(), "c…j are not next to each other");
        assert_eq!(idx.query("gdu"), Vec::<u32>::new());
        assert_eq!(idx.query("hx"), Vec::<u32>::new());
        // Other fields still by substring; phones as before.
        assert_eq!(idx.query("0755 1234"), [5]);
        assert_eq!(idx.query("acme"), [2]);
        assert_eq!(idx.query("acme 上海"), [2]);
        // Narrowing word by word agrees with a fresh search.
        for q in ["c", "cd", "cdc", "cdcx", "cdcx ", "cdcx 酒", "cdcx 酒厂"] {
            let narrowed = idx.query(q);
            assert_eq!(narrowed, SearchIndex::build(&a).query(q), "{q}");
        }
        // The keys follow an edit and a delete.
        a[3] = cust(Kind::Enterprise, &[("name", "绵阳酒厂")], "KH-2026-000004");
        idx.update(3, &a[3]);
        assert_eq!(idx.query("cdcx"), Vec::<u32>::new());
        assert_eq!(idx.query("myjc"), [3]);
        a[3].deleted = true;
        idx.update(3, &a[3]);
        assert_eq!(idx.query("myjc"), Vec::<u32>::new());
        assert!(idx.matches(4, "cq yh", &Filter::default()));
        assert!(!idx.matches(4, "cq jc", &Filter::default()));
    }

    #[test]
    fn scan_attributes_hits_to_the_right_customer() {
        // Many short customers so the forward gallop crosses several segments between hits.
        let a: Vec<Customer> = (0..200)
            .map(|i| {
                let name = if i % 37 == 5 { format!("目标{i}") } else { format!("客户{i}") };
                cust(Kind::Individual, &[("name", &name)], &format!("KH-2026-{i:06}"))
            })
            .collect();
        let idx = SearchIndex::build(&a);
        let want: Vec<u32> = (0..200).filter(|i| i % 37 == 5).collect();
        assert_eq!(idx.query("目标"), want);
        assert_eq!(idx.query("客户1").len(), (0..200).filter(|i| i % 37 != 5 && i.to_string().starts_with('1')).count());
    }
}

#[cfg(test)]
mod owner_code_tests {
    use super::OwnerFilter;

    #[test]
    fn owner_filter_codes_read_back() {
        for f in [OwnerFilter::Any, OwnerFilter::Nobody, OwnerFilter::Rep("0f9e-rep".into())] {
            assert_eq!(OwnerFilter::from_code(&f.code()), f);
        }
        assert_eq!(OwnerFilter::Any.code(), "");
    }
}
