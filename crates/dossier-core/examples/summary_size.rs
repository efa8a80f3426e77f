//! How large the summaries of a big archive are, and how long they take to parse (native).
//! `cargo run --release -p dossier-core --example summary_size [customers]`
use dossier_core::archive::Archive;
use dossier_core::summary::Summary;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut customers = dossier_core::sample_archive(42, n, today, "dev");
    let reps = dossier_core::sample_owners(42, &mut customers, "dev");
    let entries = dossier_core::sample_ledger(42, &customers, &reps, today, "dev");
    let archive = Archive::with_entries(customers, entries, vec![], Default::default()).with_reps(reps);
    let t = Instant::now();
    let summaries = Summary::all(archive.files());
    let built = t.elapsed();
    let json = serde_json::to_vec(&summaries).unwrap();
    let t = Instant::now();
    let back: Vec<Summary> = serde_json::from_slice(&json).unwrap();
    let parsed = t.elapsed();
    let t = Instant::now();
    let index = dossier_core::SearchIndex::build(&back);
    let indexed = t.elapsed();
    println!(
        "{n} customers: summaries {:.1} MB JSON ({} B each), built in {:.0} ms, parsed in {:.0} ms, search index in {:.0} ms ({} live)",
        json.len() as f64 / 1e6,
        json.len() / n.max(1),
        built.as_secs_f64() * 1e3,
        parsed.as_secs_f64() * 1e3,
        indexed.as_secs_f64() * 1e3,
        index.live_count()
    );
}
