//! The lowest layer: values with no customer behind them. Nothing here imports anything else of
//! the crate, and every other module may use it.
//!
//! - `macros`: `record!` (a stored record) and `coded!` (a closed set of codes with labels).
//! - [`lang`] (the UI language), [`money`] (integer fen, yuan text), [`clock`] (HLC stamps that
//!   order edits across devices), [`id`] (record ids from caller-supplied random bytes).
//! - [`codes`]: the card's vocabularies; [`ledger_codes`]: those of the customer's file.
//! - [`phone`]: phone numbers as people write them; [`text`]: full-width text.

#[macro_use]
pub(crate) mod macros;

pub mod clock;
pub mod codes;
pub mod grades;
pub mod id;
pub mod lang;
pub mod ledger_codes;
pub mod money;
pub mod phone;
pub mod text;
