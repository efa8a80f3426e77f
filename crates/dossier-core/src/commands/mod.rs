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

use crate::archive::Batch;
use crate::primitives::clock::Hlc;

/// What a save must find unchanged: record id → the version the user saw (`None`: must not
/// exist yet). Ids are unique across cards and entries.
pub type Expect = Vec<(String, Option<Hlc>)>;

/// A command's result: the batch to write and what it was based on.
pub type Planned = (Batch, Expect);
