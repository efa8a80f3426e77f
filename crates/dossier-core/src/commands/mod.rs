//! Use-cases: each user action is one function here. It reads the archive (never changes it),
//! takes the user's input, the stamp (`now` and this device) and any new ids (from random bytes
//! the caller drew), and returns the [`Batch`](crate::archive::Batch) to write with the versions
//! it was based on, or a typed error. The app runs it again on every retry of a save, against the
//! archive as it is then, so a command never acts on a stale view.
//!
//! The top layer: commands use every module above; nothing in the crate uses them.

pub mod cards;
pub mod credit;
pub mod entries;
pub mod grades;
pub mod merge;
pub mod owner;
pub mod reps;

use crate::archive::{entry_version, version_of, Archive, Batch};
use crate::primitives::clock::{Clock, Hlc, Stamp};

/// What a save must find unchanged: record id → the version the user saw (`None`: must not
/// exist yet). Ids are unique across cards and entries.
pub type Expect = Vec<(String, Option<Hlc>)>;

/// A command's result: the batch to write and what it was based on.
pub type Planned = (Batch, Expect);

/// Plans `command` with a stamp from this device's clock: after the newest stamp the archive has
/// seen, but never more than a day ahead of `now_ms` ([`Clock::bounded`]). When a record the
/// batch replaces is newer than that stamp (it came from a device whose clock is far ahead), the
/// command is planned again with a stamp just after that record: what the user changes must win
/// over what they saw, or the edit would show in this tab and lose to the far-ahead copy in every
/// merge (on disk, in the next bundle). Only the records of that batch get the later stamp; the
/// clock itself stays within its bound, so this device's other edits are not dragged ahead.
pub fn plan_stamped<E>(a: &Archive, now_ms: u64, device: &str, command: impl Fn(&Archive, &Stamp) -> Result<Planned, E>) -> Result<Planned, E> {
    let stamp = Clock::bounded(a.clock().last(), now_ms).stamp(now_ms, device);
    let planned = command(a, &stamp)?;
    match replaced_newest(a, &planned) {
        Some(newest) if newest >= stamp.at => command(a, &stamp.after(newest)),
        _ => Ok(planned),
    }
}

/// The newest stamp among the records `planned` replaces: what it expected and what it writes
/// over (cards, entries moved along with them, reps).
fn replaced_newest(a: &Archive, (batch, expect): &Planned) -> Option<Hlc> {
    let expected = expect.iter().filter_map(|(_, v)| *v);
    let cards = batch.customers.iter().filter_map(|c| a.get(&c.id)).map(version_of);
    let entries = batch.entries.iter().filter_map(|e| a.entry(&e.id)).map(entry_version);
    let reps = batch.reps.iter().filter_map(|r| a.reps().iter().find(|x| x.id == r.id)).map(|r| r.stamp.at.max(r.created.at).max(r.deleted_stamp.as_ref().map_or(Hlc::default(), |s| s.at)));
    expected.chain(cards).chain(entries).chain(reps).max()
}
