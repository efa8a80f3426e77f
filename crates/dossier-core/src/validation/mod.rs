//! Checking what the user typed: [`check`] reads one value (a phone, a tax number, a date, an
//! amount…) into its normalised form or a [`Problem`], which says what is wrong in both
//! languages. Above the primitives, below the forms.

pub mod check;
mod problem;

pub use problem::Problem;
