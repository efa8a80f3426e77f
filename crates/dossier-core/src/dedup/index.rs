//! The duplicate check of one card being created or edited ([`DupIndex::check`]): phone and tax
//! number lookups that block a save, similar names that warn.

use super::keys::{deletion_keys, key, key_chars, phones_of, sort_dedup, tax_of, DupFacts, DupSource, Keys, FUZZY_MIN};
use super::normalise::{normalize_name, normalize_tax, similar_normalized};
use crate::customer::Customer;
use std::collections::BTreeMap;

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
pub(super) struct Multi {
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
    pub(super) fn multi_keys(&self, moved: &Moved, mut f: impl FnMut(u32, Vec<u32>)) {
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
pub(super) struct Moved {
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

/// Phone, tax number and name lookups over the archive. Positions are indices into the slice it
/// was built from; deleted customers are not indexed. Pass the same slice (as edited since, with
/// every edit reported through [`DupIndex::update`] / [`DupIndex::push`]) to the queries.
#[derive(Clone, Debug, Default)]
pub struct DupIndex {
    pub(super) len: u32,
    pub(super) phone: Multi,
    pub(super) tax: Multi,
    pub(super) name: Multi,
    /// Name with one char deleted → positions, for names of at least 4 chars.
    pub(super) dels: Multi,
    pub(super) moved: Moved,
}

impl DupIndex {
    /// One pass over the cards of `source`.
    pub fn build<S: DupSource + ?Sized>(source: &S) -> DupIndex {
        let mut lists: [Vec<u64>; 4] = Default::default();
        let len = source.count();
        for pos in 0..len {
            let keys = Keys::of(source.facts(pos).as_ref());
            for (list, ks) in lists.iter_mut().zip(keys.lists()) {
                list.extend(ks.iter().map(|&k| pack(k, pos)));
            }
        }
        let [phone, tax, name, dels] = lists.map(Multi::from_entries);
        DupIndex { len, phone, tax, name, dels, moved: Moved::default() }
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
        self.push_facts(DupFacts::of(c));
    }

    /// As [`DupIndex::push`], from what 查重 reads of the customer (a summary's facts).
    pub fn push_facts(&mut self, facts: Option<DupFacts<'_>>) {
        let pos = self.len;
        self.len = self.len.saturating_add(1);
        self.update_facts(pos, facts);
    }

    /// Re-indexes the customer at `pos` after an edit or a delete (out-of-range positions are
    /// ignored).
    pub fn update(&mut self, pos: u32, c: &Customer) {
        self.update_facts(pos, DupFacts::of(c));
    }

    /// As [`DupIndex::update`], from what 查重 reads of the customer (`None`: deleted).
    pub fn update_facts(&mut self, pos: u32, facts: Option<DupFacts<'_>>) {
        if pos >= self.len {
            return;
        }
        let new = Keys::of(facts.as_ref());
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
    pub fn check<S: DupSource + ?Sized>(&self, source: &S, candidate: &Customer, exclude: Option<u32>) -> DupCheck {
        self.check_fields(source, candidate.display_name(), &candidate.all_phones(), tax_of(candidate), exclude)
    }

    /// [`DupIndex::check`] from the raw fields: a name, phones as typed, a tax number (or "").
    pub fn check_fields<S: DupSource + ?Sized>(
        &self,
        source: &S,
        name: &str,
        phones: &[&str],
        tax: &str,
        exclude: Option<u32>,
    ) -> DupCheck {
        let live = |pos: u32| source.facts(pos).filter(|_| Some(pos) != exclude);
        let mut out = DupCheck::default();
        let mut hits = Vec::new();
        for p in phones_of(phones) {
            hits.clear();
            self.phone.get(key(&p), &self.moved, &mut hits);
            for &pos in &hits {
                if live(pos).is_some_and(|c| phones_of(&c.phones).contains(&p)) {
                    out.phone.push(PhoneHit { phone: p.clone(), pos });
                }
            }
        }
        out.phone = sort_dedup(out.phone);
        if let Some(t) = normalize_tax(tax) {
            hits.clear();
            self.tax.get(key(&t), &self.moved, &mut hits);
            out.tax = sort_dedup(hits.drain(..).filter(|&pos| {
                live(pos).is_some_and(|c| normalize_tax(c.tax).as_deref() == Some(t.as_str()))
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
                .filter(|&pos| live(pos).is_some_and(|c| similar_normalized(&q, &normalize_name(c.name))))
                .collect();
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::{normalize_phone, DupGroup, DupReason};
    use crate::dedup::fixtures::*;
    use crate::primitives::clock::Stamp;
    use crate::sample::sample_archive;
    use chrono::NaiveDate;
    use std::collections::{BTreeMap, BTreeSet};

    /// The facts of each card without the cards, as a resident summary would hold them.
    struct Summaries(Vec<Option<(String, Vec<String>, String)>>);

    impl DupSource for Summaries {
        fn count(&self) -> u32 {
            self.0.len() as u32
        }

        fn facts(&self, pos: u32) -> Option<DupFacts<'_>> {
            let (name, phones, tax) = self.0.get(pos as usize)?.as_ref()?;
            Some(DupFacts { name, phones: phones.iter().map(String::as_str).collect(), tax })
        }
    }

    #[test]
    fn a_summary_without_the_cards_serves_the_index_alike() {
        let cards = sample_archive(4, 1_500, NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(), "d");
        let summaries = Summaries(
            cards.iter().map(|c| DupFacts::of(c).map(|f| (f.name.to_string(), f.phones.iter().map(|p| p.to_string()).collect(), f.tax.to_string()))).collect(),
        );
        let (from_cards, from_summaries) = (DupIndex::build(&cards), DupIndex::build(&summaries));
        assert_eq!(from_cards.groups(&cards), from_summaries.groups(&summaries));
        assert!(!from_cards.groups(&cards).is_empty());
        for c in cards.iter().step_by(50) {
            assert_eq!(from_cards.check(&cards, c, None), from_summaries.check(&summaries, c, None));
        }
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
