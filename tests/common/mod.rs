//! Fixtures shared by the browser storage tests: a fixed "today", stamps, a fresh database.
#![allow(dead_code)] // each test file uses its own subset

use chrono::NaiveDate;
use dossier::storage::Db;
use dossier_core::{Hlc, Stamp};

/// The day the fixtures are written for (the core never reads the clock).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn stamp(ms: u64) -> Stamp {
    Stamp::new(Hlc { ms, n: 0 }, "dev-t")
}

/// An empty database of this name (deleted first, so a failed earlier run leaves nothing).
pub async fn fresh(name: &str) -> Db {
    Db::delete(name).await.unwrap();
    Db::open(name).await.unwrap()
}
