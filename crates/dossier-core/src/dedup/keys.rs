//! The keys the index stores: 32-bit hashes of the normalised values, and of each name with one
//! char deleted (the symmetric-delete neighbourhood that finds names one edit apart).

use super::normalise::{normalize_name, normalize_phone, normalize_tax};
use crate::customer::Customer;

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

pub(super) fn key_chars(cs: &[char]) -> u32 {
    finish(poly(cs), cs.len())
}

pub(super) fn key(s: &str) -> u32 {
    let (h, n) = s.chars().fold((0u64, 0usize), |(h, n), c| (h.wrapping_mul(B).wrapping_add(u64::from(c) + 1), n + 1));
    finish(h, n)
}

/// Keys of every string made by deleting one char (the symmetric-delete neighbourhood).
pub(super) fn deletion_keys(cs: &[char]) -> Vec<u32> {
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

pub(super) fn sort_dedup<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort_unstable();
    v.dedup();
    v
}

pub(super) fn tax_of(c: &Customer) -> &str {
    c.body.tax_number()
}

pub(super) fn phones_of(phones: &[&str]) -> Vec<String> {
    sort_dedup(phones.iter().filter_map(|p| normalize_phone(p)).collect())
}

/// Names at least this long (in chars) match at edit distance 1.
pub(super) const FUZZY_MIN: usize = 4;

/// What one customer contributes to each map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Keys {
    phone: Vec<u32>,
    tax: Vec<u32>,
    name: Vec<u32>,
    dels: Vec<u32>,
}

/// What 查重 reads of one live card: the name shown, every phone (the card's and its people's)
/// and the tax number. A compact store of these (without the cards) can serve the index alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DupFacts<'a> {
    pub name: &'a str,
    pub phones: Vec<&'a str>,
    pub tax: &'a str,
}

impl<'a> DupFacts<'a> {
    /// A live card's facts; `None` for a deleted card (never indexed, never a hit).
    pub fn of(c: &'a Customer) -> Option<DupFacts<'a>> {
        (!c.deleted).then(|| DupFacts { name: c.display_name(), phones: c.all_phones(), tax: tax_of(c) })
    }
}

/// The cards an index is built over and checked against, by position: the index reads them
/// through this, one card at a time, so where the cards live (all in memory, or a summary per
/// card with the rest on disk) is the caller's business.
pub trait DupSource {
    /// Positions run from 0 to `count() - 1`.
    fn count(&self) -> u32;
    /// The facts of the live card at `pos`; `None` for a deleted card or no card.
    fn facts(&self, pos: u32) -> Option<DupFacts<'_>>;
}

impl DupSource for [Customer] {
    fn count(&self) -> u32 {
        u32::try_from(self.len()).unwrap_or(u32::MAX)
    }

    fn facts(&self, pos: u32) -> Option<DupFacts<'_>> {
        self.get(pos as usize).and_then(DupFacts::of)
    }
}

impl DupSource for Vec<Customer> {
    fn count(&self) -> u32 {
        self.as_slice().count()
    }

    fn facts(&self, pos: u32) -> Option<DupFacts<'_>> {
        self.as_slice().facts(pos)
    }
}

impl Keys {
    pub(super) fn of(facts: Option<&DupFacts>) -> Keys {
        let Some(f) = facts else { return Keys::default() };
        let phone = sort_dedup(phones_of(&f.phones).iter().map(|p| key(p)).collect());
        let tax = normalize_tax(f.tax).map(|t| vec![key(&t)]).unwrap_or_default();
        let name: Vec<char> = normalize_name(f.name).chars().collect();
        let dels = if name.len() >= FUZZY_MIN { deletion_keys(&name) } else { Vec::new() };
        let name = if name.is_empty() { Vec::new() } else { vec![key_chars(&name)] };
        Keys { phone, tax, name, dels }
    }

    pub(super) fn lists(&self) -> [&[u32]; 4] {
        [&self.phone, &self.tax, &self.name, &self.dels]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletion_keys_match_the_keys_of_the_shortened_strings() {
        let cs: Vec<char> = "杭州鑫鑫源".chars().collect();
        let direct = sort_dedup(["州鑫鑫源", "杭鑫鑫源", "杭州鑫源", "杭州鑫鑫"].iter().map(|s| key(s)).collect::<Vec<_>>());
        assert_eq!(deletion_keys(&cs), direct);
        assert_eq!(deletion_keys(&[]), Vec::<u32>::new());
        assert_eq!(deletion_keys(&['a']), vec![key("")]);
    }
}
