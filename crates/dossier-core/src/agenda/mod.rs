//! 今日 (a rep's day list) and the manager's per-rep view, built from the customers' summaries
//! alone, so neither reads a card or a file (`docs/grading.md`, "今日 and the manager's view").
//!
//! - [`day`]: reviews, plan visits, promised and planned visits, yearly dates,
//!   holiday greetings, overdue collections, credit reports due and urgent reports waiting (信用),
//!   complaints open past their days (投诉待处理), in sections (overdue, today, upcoming) and
//!   route order.
//! - [`manager`]: one row per rep: customers by grade, visits made and planned this week and
//!   month, overdue reviews and collections.
//!
//! Above `summary` and `grading` (whose rules it only gathers); nothing but `commands` and the
//! app uses it.

pub mod day;
pub mod manager;

pub use day::{build, Day, DayCounts, DayItem, DayKind, DayScope, OpenComplaint};
pub use manager::{by_rep, Period, RepRow};
