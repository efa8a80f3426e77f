//! Times serializing and parsing a 100,000-customer sample as 1,000-row pages natively:
//! `cargo run --release -p dossier-core --example serialize_speed`.
use chrono::NaiveDate;
use dossier_core::sample_archive;
use std::time::Instant;

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let all = sample_archive(42, 100_000, today, "bench");
    if std::env::args().any(|a| a == "--repeat") {
        for _ in 0..5 {
            let _: Vec<String> = all.chunks(1000).map(|c| serde_json::to_string(c).unwrap()).collect();
        }
    }
    let t = Instant::now();
    let pages: Vec<String> = all.chunks(1000).map(|c| serde_json::to_string(c).unwrap()).collect();
    let bytes: usize = pages.iter().map(|p| p.len()).sum();
    let d = t.elapsed();
    println!("serialize: {d:?} for {:.1} MB ({:.0} MB/s)", bytes as f64 / 1e6, bytes as f64 / 1e6 / d.as_secs_f64());
    let t = Instant::now();
    let n: usize = pages.iter().map(|p| serde_json::from_str::<Vec<dossier_core::Customer>>(p).unwrap().len()).sum();
    println!("parse: {:?} for {n}", t.elapsed());
}
