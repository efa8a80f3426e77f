//! Hybrid logical clock: stamps that order edits across devices even when wall clocks disagree.

use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Hlc {
    /// Wall-clock milliseconds since the Unix epoch (or the largest seen so far).
    pub ms: u64,
    /// Counter to order events within the same millisecond.
    #[serde(default, skip_serializing_if = "crate::primitives::macros::is_default")]
    pub n: u32,
}

/// When and on which device something was written. Total order: (at, dev).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Stamp {
    pub at: Hlc,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub dev: String,
}

impl Stamp {
    pub fn new(at: Hlc, dev: &str) -> Stamp {
        Stamp { at, dev: dev.to_string() }
    }

    /// This stamp, or, when `newest` is not older, the next instant after `newest` on the same
    /// device: an edit of a record stamped far ahead (beyond this device's bounded clock) must
    /// still be newer than what it replaces.
    pub fn after(&self, newest: Hlc) -> Stamp {
        if self.at > newest {
            self.clone()
        } else {
            Stamp { at: bump(newest), dev: self.dev.clone() }
        }
    }
}

/// How far ahead of this device's wall clock a stamp seen elsewhere may pull its clock: a day
/// covers time zones and a badly set clock. A bundle from a device whose clock is a year ahead
/// is still merged by its stamps (deterministically), but this device's own stamps stay within
/// a day of its wall clock instead of jumping a year ahead for good.
pub const AHEAD_LIMIT_MS: u64 = 24 * 3600 * 1000;

#[derive(Clone, Debug, Default)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    /// `last` is the persisted value, so stamps stay increasing across restarts.
    pub fn new(last: Hlc) -> Self {
        Clock { last }
    }

    /// A clock from the newest stamp seen, but never more than [`AHEAD_LIMIT_MS`] ahead of
    /// `now_ms`.
    pub fn bounded(seen: Hlc, now_ms: u64) -> Self {
        let bound = Hlc { ms: now_ms.saturating_add(AHEAD_LIMIT_MS), n: 0 };
        Clock { last: seen.min(bound) }
    }

    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A new local event: strictly greater than every stamp seen, even if the wall clock went back.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        self.last = if now_ms > self.last.ms { Hlc { ms: now_ms, n: 0 } } else { bump(self.last) };
        self.last
    }

    /// Receiving a remote stamp: the result is greater than both it and everything local.
    pub fn observe(&mut self, remote: Hlc, now_ms: u64) -> Hlc {
        let top = self.last.max(remote);
        self.last = if now_ms > top.ms { Hlc { ms: now_ms, n: 0 } } else { bump(top) };
        self.last
    }

    /// Convenience: tick and wrap as a device stamp.
    pub fn stamp(&mut self, now_ms: u64, dev: &str) -> Stamp {
        Stamp::new(self.tick(now_ms), dev)
    }
}

/// Next value after `h`; the counter overflowing spills into the millisecond.
fn bump(h: Hlc) -> Hlc {
    match h.n.checked_add(1) {
        Some(n) => Hlc { ms: h.ms, n },
        None => Hlc { ms: h.ms.saturating_add(1), n: 0 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_is_monotonic_when_wall_clock_goes_back() {
        let mut c = Clock::new(Hlc::default());
        let a = c.tick(1000);
        let b = c.tick(900);
        let d = c.tick(1000);
        let e = c.tick(2000);
        assert!(a < b && b < d && d < e);
        assert_eq!(b, Hlc { ms: 1000, n: 1 });
        assert_eq!(e, Hlc { ms: 2000, n: 0 });
    }

    #[test]
    fn observe_moves_past_remote() {
        let mut c = Clock::new(Hlc { ms: 100, n: 3 });
        let r = Hlc { ms: 5000, n: 7 };
        let h = c.observe(r, 200);
        assert!(h > r);
        assert_eq!(h, Hlc { ms: 5000, n: 8 });
        assert!(c.tick(300) > h);
        // An old remote stamp does not pull us back.
        let h2 = c.observe(Hlc { ms: 1, n: 0 }, 10);
        assert!(h2 > h);
    }

    #[test]
    fn a_clock_far_ahead_elsewhere_does_not_drag_this_one() {
        let now = 1_000_000_000;
        let far = Hlc { ms: now + 365 * AHEAD_LIMIT_MS, n: 0 };
        let mut c = Clock::bounded(far, now);
        assert_eq!(c.tick(now).ms, now + AHEAD_LIMIT_MS);
        // Within the bound, the newest stamp seen still orders this device's next edit.
        let near = Hlc { ms: now + 5, n: 3 };
        assert!(Clock::bounded(near, now).tick(now) > near);
    }

    #[test]
    fn after_is_later_than_what_it_replaces() {
        let s = Stamp::new(Hlc { ms: 10, n: 0 }, "d");
        assert_eq!(s.after(Hlc { ms: 9, n: 5 }), s);
        assert_eq!(s.after(Hlc { ms: 10, n: 0 }), Stamp::new(Hlc { ms: 10, n: 1 }, "d"));
        assert_eq!(s.after(Hlc { ms: 99, n: 2 }), Stamp::new(Hlc { ms: 99, n: 3 }, "d"));
    }

    #[test]
    fn counter_overflow_spills() {
        let mut c = Clock::new(Hlc { ms: 5, n: u32::MAX });
        assert_eq!(c.tick(0), Hlc { ms: 6, n: 0 });
    }

    #[test]
    fn stamps_break_ties_by_device() {
        let h = Hlc { ms: 1, n: 0 };
        assert!(Stamp::new(h, "a") < Stamp::new(h, "b"));
        assert!(Stamp::new(h, "z") < Stamp::new(Hlc { ms: 1, n: 1 }, "a"));
    }
}
