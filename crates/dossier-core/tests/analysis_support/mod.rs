//! Summaries written by hand for the analysis tests: a blank live enterprise summary, then each
//! test sets the fields it needs.
#![allow(dead_code)]

use chrono::NaiveDate;
use dossier_core::ledger::{LedgerScratch, YearMonth};
use dossier_core::summary::Summary;
use dossier_core::{sample_archive, CardGrades, Kind, Rep, Stage};

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Month index of a year and month.
pub fn ym(year: i32, month: u32) -> i64 {
    YearMonth { year, month }.index()
}

/// A live enterprise customer with nothing on it but its id and name.
pub fn cust(id: &str, name: &str) -> Summary {
    let c = sample_archive(7, 1, d("2026-01-01"), "dev").remove(0);
    let mut s = Summary::of(&c, &[], &mut LedgerScratch::default());
    s.id = id.to_string();
    s.name = name.to_string();
    s.kind = Kind::Enterprise;
    s.stage = Stage::Current;
    s.tier = None;
    s.owner = String::new();
    s.region = String::new();
    s.deleted = false;
    s.nature = None;
    s.category = None;
    s.grades = CardGrades::default();
    s.sales = Default::default();
    s.facts = Default::default();
    s
}

/// `cust` changed by `f`.
pub fn with(id: &str, name: &str, f: impl FnOnce(&mut Summary)) -> Summary {
    let mut s = cust(id, name);
    f(&mut s);
    s
}

pub fn rep(id: &str, name: &str, deleted: bool) -> Rep {
    Rep { id: id.to_string(), name: name.to_string(), deleted, ..Rep::default() }
}
