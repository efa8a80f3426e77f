//! 客户分级 (DOMAIN.md §4, issue 15): the pure rules behind the four grades of a customer and the
//! rep's day. Every function takes `today` (never reads a clock), money is integer fen and shares
//! are basis points (1 % = 100 bp); nothing here panics on any input. The definitions and which
//! choices are ours: `docs/grading.md`.
//!
//! - [`prospect`]: 准客户 A/B/C/D (seed 004; seed 000's three grades as a scale), with the planned
//!   visits and the expected purchase of each grade.
//! - [`man`]: MAN's three answers → the combination (`M-A-N` … `m-a-n`) and a suggested grade.
//! - [`sales`]: 销售等级: net sales per whole month from the ledger, averaged over the window and
//!   cut by cumulative share (Pareto) or by 等级标准额.
//! - [`history`]: a change of any grade as a recorded event (old → new, date, reason).
//! - [`importance`]: 重要 / 特殊 / 一般, the watch flag (另作观察) and the two-monthly 定期核查.
//! - [`cadence`]: review cadence of prospect cards, the visit plan by sales grade and role, due
//!   dates.
//! - [`settings`]: every number above a manager may change, with its validation.
//! - [`route`]: areas (区域) and the route order (路序) of a day's items.
//! - [`reminders`]: birthdays, anniversaries, founding days, promised and planned visits and
//!   holiday greetings, N days ahead; [`holidays`]: 元旦, 春节, 端午, 中秋, 国庆 (the lunar ones
//!   by ICU4X's Chinese calendar).
//!
//! A layer-6 module like `archive` and `dedup`: it uses `primitives`, `validation`, `customer`
//! and `ledger`, nothing to its left. Inputs are plain slices of the existing types or small
//! input structs; outputs are plain data.

pub mod cadence;
pub mod history;
pub mod holidays;
pub mod importance;
pub mod man;
pub mod prospect;
pub mod reminders;
pub mod route;
pub mod sales;
pub mod settings;

pub use cadence::{Due, DueStatus, Interval, PlanRole, ReviewCadence, VisitFrequency, VisitPlan};
pub use crate::primitives::grades::{CardGrades, GRADE_KEYS};
pub use history::{ChangeCount, Derivation, GradeChange, GradeError, GradeKind, GradeValue};
pub use holidays::Holiday;
pub use importance::{Watch, WatchReason};
pub use man::{ManAnswers, ProspectAssessment};
pub use prospect::{PlannedVisits, ProspectGrade, ProspectScale};
pub use reminders::{DateEvent, Reminder, ReminderKind, VisitFacts};
pub use route::{Area, AreaError, RouteOrder, RoutePlace};
pub use sales::{Cut, CustomerSales, GradedCustomer, SalesGrade, SalesGrading, SalesWindow};
pub use settings::{cut_from_text, CutMode, GradingSettings, SettingsError};
