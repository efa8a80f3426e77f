//! A sort order of the customer list kept up to date one customer at a time: a save that changes
//! one card moves that card in the order (a binary search and a shift), instead of sorting the
//! whole archive again.

use std::cmp::Ordering;

/// Positions in sort order and, for each position, its place in that order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Order {
    /// Positions, first to last.
    order: Vec<u32>,
    /// `rank[position]` = index of that position in `order`.
    rank: Vec<u32>,
}

impl Order {
    /// The order of positions `0..n` by `cmp`; equal keys keep position order.
    pub fn build(n: usize, mut cmp: impl FnMut(u32, u32) -> Ordering) -> Order {
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by(|&x, &y| cmp(x, y));
        Order::from_order(order)
    }

    /// From positions already in order (a permutation of `0..n`).
    pub fn from_order(order: Vec<u32>) -> Order {
        let mut rank = vec![0u32; order.len()];
        for (i, &p) in order.iter().enumerate() {
            rank[p as usize] = i as u32;
        }
        Order { order, rank }
    }

    /// From ranks (`rank[position]` = place), as [`crate::search::ranks`] makes them.
    pub fn from_ranks(rank: Vec<u32>) -> Order {
        let mut order = vec![0u32; rank.len()];
        for (p, &r) in rank.iter().enumerate() {
            order[r as usize] = p as u32;
        }
        Order { order, rank }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// `rank[position]`.
    pub fn ranks(&self) -> &[u32] {
        &self.rank
    }

    /// Moves `pos` to where `cmp` now puts it; `pos == len()` appends a new position. `cmp`
    /// compares two positions by their current keys (ties by position), and must agree with
    /// the order for every other position. Out-of-range positions are ignored.
    pub fn reposition(&mut self, pos: u32, mut cmp: impl FnMut(u32, u32) -> Ordering) {
        let n = self.order.len();
        let from = if (pos as usize) < n {
            let i = self.rank[pos as usize] as usize;
            self.order.remove(i);
            i
        } else if pos as usize == n {
            self.rank.push(0);
            n
        } else {
            return;
        };
        let to = self.order.partition_point(|&q| cmp(q, pos) == Ordering::Less);
        self.order.insert(to, pos);
        let (lo, hi) = (from.min(to), from.max(to));
        for i in lo..=hi.min(self.order.len() - 1) {
            self.rank[self.order[i] as usize] = i as u32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_key(keys: &[u32]) -> impl FnMut(u32, u32) -> Ordering + '_ {
        move |x, y| keys[x as usize].cmp(&keys[y as usize]).then(x.cmp(&y))
    }

    #[test]
    fn a_changed_key_moves_one_position() {
        let mut keys = vec![5, 1, 3, 9];
        let mut o = Order::build(4, by_key(&keys));
        assert_eq!(o.ranks(), &[2, 0, 1, 3]);
        keys[3] = 0;
        o.reposition(3, by_key(&keys));
        assert_eq!(o.ranks(), &[3, 1, 2, 0]);
        keys.push(4);
        o.reposition(4, by_key(&keys));
        assert_eq!(o, Order::build(5, by_key(&keys)));
        o.reposition(9, by_key(&keys));
        assert_eq!(o.len(), 5, "out of range: ignored");
    }

    #[test]
    fn from_ranks_round_trips() {
        let keys = vec![3, 3, 1, 2];
        let o = Order::build(4, by_key(&keys));
        assert_eq!(Order::from_ranks(o.ranks().to_vec()), o);
    }

    proptest! {
        /// Law: any sequence of key changes and appends, applied one position at a time, gives
        /// the order a full sort gives.
        #[test]
        fn repositioning_equals_sorting_again(
            start in proptest::collection::vec(0u32..20, 0..40),
            edits in proptest::collection::vec((0usize..60, 0u32..20), 0..40),
        ) {
            let mut keys = start.clone();
            let mut o = Order::build(keys.len(), by_key(&keys));
            for (at, key) in edits {
                let pos = if keys.is_empty() { 0 } else { at % (keys.len() + 1) };
                if pos == keys.len() { keys.push(key) } else { keys[pos] = key }
                o.reposition(pos as u32, by_key(&keys));
                prop_assert_eq!(&o, &Order::build(keys.len(), by_key(&keys)));
            }
        }
    }
}
