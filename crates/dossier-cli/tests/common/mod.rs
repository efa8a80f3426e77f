//! Shared by the CLI's tests: a scratch folder per test, a header, sample parts.
#![allow(dead_code)]

use chrono::{NaiveDate, TimeZone, Utc};
use dossier_core::bundle::format::{Counts, Header, Part, Profile, ProfileCode, RepRef, Scope, ScopeKind};
use dossier_core::{sample_archive, sample_ledger, sample_owners, Hlc};
use std::path::{Path, PathBuf};

/// An empty folder of its own for one test, removed when the test passes (kept for a look
/// when it fails).
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

pub fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("dossier-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

pub fn header(device: &str) -> Header {
    Header {
        created_at: Utc.with_ymd_and_hms(2026, 12, 2, 8, 30, 0).unwrap(),
        hlc: Hlc { ms: 1_796_200_000_000, n: 0 },
        device: device.into(),
        rep: RepRef { id: "r1".into(), name: "张三".into() },
        profile: Profile { code: ProfileCode::Backup, name: "备份".into(), fields: vec![] },
        withheld: vec![],
        scope: Scope { kind: ScopeKind::All, label: "全部客户".into() },
        counts: Counts::default(),
        parts: 0,
        payload_sha256: String::new(),
        lent: None,
        encryption: None,
        seen: Default::default(),
    }
}

/// `pages` parts of 10 sample customers each with their entries, reps in the first.
pub fn sample_parts(pages: usize) -> Vec<Part> {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut customers = sample_archive(11, pages * 10, today, "dev-a");
    let reps = sample_owners(11, &mut customers, "dev-a");
    let entries = sample_ledger(11, &customers, &reps, today, "dev-a");
    let mut parts: Vec<Part> = customers
        .chunks(10)
        .map(|chunk| Part {
            entries: entries.iter().filter(|e| chunk.iter().any(|c| c.id == e.customer_id)).cloned().collect(),
            customers: chunk.to_vec(),
            ..Part::default()
        })
        .collect();
    parts[0].reps = reps;
    parts
}

pub fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}
