//! The 查重 tool's scan of the whole archive: every set of cards sharing a phone, tax number or
//! name ([`DupIndex::groups`]), joined into clusters of one customer each ([`clusters`]).

use super::index::{DupIndex, Multi};
use super::keys::{key, phones_of, sort_dedup, DupFacts, DupSource};
use super::normalise::{normalize_name, normalize_tax};
use std::collections::BTreeMap;

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

impl DupIndex {
    /// Every set of two or more live cards sharing a normalised phone, tax number or name; phone
    /// groups first, then tax, then name, each ordered by their first position.
    pub fn groups<S: DupSource + ?Sized>(&self, source: &S) -> Vec<DupGroup> {
        let mut out = Vec::new();
        let live = |pos: u32| source.facts(pos);
        let mut collect = |map: &Multi, values: &dyn Fn(&DupFacts) -> Vec<String>, reason: fn(String) -> DupReason| {
            map.multi_keys(&self.moved, |k, ps| {
                // Verify: only positions that really hold a value with this key, split by value
                // (two values may share a 32-bit key).
                let mut found: Vec<(String, u32)> = Vec::new();
                for pos in sort_dedup(ps) {
                    if let Some(c) = live(pos) {
                        found.extend(values(&c).into_iter().filter(|v| key(v) == k).map(|v| (v, pos)));
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
        collect(&self.phone, &|c| phones_of(&c.phones), DupReason::SamePhone);
        collect(&self.tax, &|c| normalize_tax(c.tax).into_iter().collect(), DupReason::SameTax);
        collect(
            &self.name,
            &|c| Some(normalize_name(c.name)).filter(|n| !n.is_empty()).into_iter().collect(),
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
    }}

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
    use crate::customer::card::CardBody;
    use crate::dedup::fixtures::*;
    use crate::dedup::normalize_phone;
    use crate::customer::Customer;
    use crate::dedup::keys::tax_of;
    use crate::sample::sample_archive;
    use chrono::NaiveDate;
    use std::collections::{BTreeMap, BTreeSet};

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
}
