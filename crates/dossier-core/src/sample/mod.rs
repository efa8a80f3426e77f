//! Deterministic sample data for demos, tests and load tests: [`sample_archive`] makes customers
//! (every card validated like a user's), [`sample_owners`] the reps who own them and
//! [`sample_ledger`] a believable file for each. The same seed gives the same data everywhere.
//! At the top of the crate: it builds through the layers below like the app does.

mod customers;
mod ledger;

pub use customers::{sample_archive, sample_owners, Rng};
pub use ledger::sample_ledger;
