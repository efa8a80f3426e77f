//! Search-as-you-type over the whole archive. Each customer's searchable text is lower-cased
//! into one shared buffer and scanned with `memchr::memmem` (a few ms for 100,000 customers);
//! a query that extends the previous one only rechecks the previous hits.

use crate::customer::Customer;
use memchr::memmem;
use std::cell::RefCell;

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
}

impl SearchIndex {
    /// Indexes `customers`; results are positions into this slice. Deleted customers never match.
    pub fn build(customers: &[Customer]) -> SearchIndex {
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
    pub fn push(&mut self, c: &Customer) {
        let pos = self.seg_of.len() as u32;
        self.seg_of.push(self.segs.len());
        self.append(pos, c);
    }

    /// Re-indexes the customer at `pos` after an edit (out-of-range positions are ignored).
    pub fn update(&mut self, pos: u32, c: &Customer) {
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
    /// and dashes ("138 0013" finds 13800138000). Latin letters are case-insensitive.
    pub fn query(&self, q: &str) -> Vec<u32> {
        let needle = normalise_query(q);
        if needle.is_empty() {
            return (0..self.seg_of.len())
                .filter(|&p| self.segs[self.seg_of[p]].1 != DEAD && !self.seg_range(self.seg_of[p]).is_empty())
                .map(|p| p as u32)
                .collect();
        }
        let finder = memmem::Finder::new(needle.as_bytes());
        let mut last = self.last.borrow_mut();
        let hits = match last.as_ref() {
            Some((prev, hits)) if needle.contains(prev.as_str()) => hits
                .iter()
                .copied()
                .filter(|&p| finder.find(self.seg_range(self.seg_of[p as usize])).is_some())
                .collect(),
            _ => self.scan(&finder),
        };
        *last = Some((needle, hits.clone()));
        hits
    }

    fn scan(&self, finder: &memmem::Finder) -> Vec<u32> {
        let mut hits = Vec::new();
        let mut at = 0;
        while let Some(i) = self.buf.get(at..).and_then(|rest| finder.find(rest)) {
            let off = at + i;
            let Some(s) = self.segs.partition_point(|&(start, _)| start <= off).checked_sub(1) else { break };
            if self.segs[s].1 != DEAD {
                hits.push(self.segs[s].1);
            }
            // Skip to the next customer: one hit per customer is enough.
            at = self.segs.get(s + 1).map_or(self.buf.len(), |n| n.0);
        }
        hits.sort_unstable();
        hits
    }

    fn seg_range(&self, s: usize) -> &[u8] {
        let start = self.segs[s].0;
        let end = self.segs.get(s + 1).map_or(self.buf.len(), |n| n.0);
        &self.buf[start..end]
    }

    fn append(&mut self, pos: u32, c: &Customer) {
        self.segs.push((self.buf.len(), pos));
        if !c.deleted {
            write_haystack(&mut self.buf, c);
        }
        *self.last.get_mut() = None;
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

/// Digit-and-separator queries become bare digits (phone search); others are lower-cased.
fn normalise_query(q: &str) -> String {
    let q = q.trim();
    let phone_like = q.chars().any(|c| c.is_ascii_digit())
        && q.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')' | '（' | '）'));
    if phone_like {
        q.chars().filter(char::is_ascii_digit).collect()
    } else {
        q.to_lowercase()
    }
}

fn write_haystack(buf: &mut Vec<u8>, c: &Customer) {
    let mut put = |s: &str| {
        if !s.is_empty() {
            buf.extend_from_slice(s.to_lowercase().as_bytes());
            buf.push(SEP);
        }
    };
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    put(c.display_name());
    match &c.body {
        crate::card::CardBody::Individual(i) => {
            put(&i.basic.nickname);
            put(&i.basic.company);
        }
        crate::card::CardBody::Enterprise(e) => put(&e.basic.fax.replace('-', "")),
    }
    put(&c.reg_no);
    put(&digits(&c.reg_no));
    for p in c.all_phones() {
        put(p);
        put(&digits(p));
    }
    for p in c.live_contacts() {
        put(&p.info.name);
    }
    put(c.body.address());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::card::{validate_card, Kind};
    use crate::clock::Stamp;
    use crate::contact::{Contact, ContactFields};
    use chrono::NaiveDate;

    fn cust(kind: Kind, pairs: &[(&str, &str)], reg: &str) -> Customer {
        let raw = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
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
}
