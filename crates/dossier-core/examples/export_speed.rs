//! Times the export's pass over stored pages (`bundle::export::whole_page_part`: rows found,
//! counted and spliced into a part) natively, on 1,000-customer pages of a sample with files:
//! `cargo run --release -p dossier-core --example export_speed`.
use chrono::NaiveDate;
use dossier_core::bundle::export::whole_page_part;
use dossier_core::{sample_archive, sample_ledger};
use std::time::Instant;

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let customers = sample_archive(42, 10_000, today, "bench");
    let entries = sample_ledger(42, &customers, &[], today, "bench");
    let pages: Vec<(String, String)> = customers
        .chunks(1000)
        .map(|c| {
            let ids: std::collections::HashSet<&str> = c.iter().map(|c| c.id.as_str()).collect();
            let e: Vec<_> = entries.iter().filter(|e| ids.contains(e.customer_id.as_str())).collect();
            (serde_json::to_string(c).unwrap(), serde_json::to_string(&e).unwrap())
        })
        .collect();
    let bytes: usize = pages.iter().map(|(c, e)| c.len() + e.len()).sum();
    let best = |f: &dyn Fn() -> usize| (0..7).map(|_| { let t = Instant::now(); std::hint::black_box(f()); t.elapsed() }).min().unwrap();
    println!("utf-8 check only: {:?}", best(&|| pages.iter().map(|(c, e)| std::str::from_utf8(c.as_bytes()).unwrap().len() + std::str::from_utf8(e.as_bytes()).unwrap().len()).sum()));
    println!("rows only: {:?}", best(&|| pages.iter().map(|(c, e)| dossier_core::bundle::rows::rows(c, Some("deleted")).unwrap().len() + dossier_core::bundle::rows::rows(e, Some("del")).unwrap().len()).sum()));
    println!("copy only: {:?}", best(&|| pages.iter().map(|(c, e)| { let mut s = String::with_capacity(c.len() + e.len()); s.push_str(c); s.push_str(e); s.len() }).sum()));
    println!("whole_page_part: {:?}", best(&|| pages.iter().map(|(c, e)| whole_page_part(c.as_bytes(), Some(e.as_bytes()), None, &[]).unwrap().0.len()).sum()));
    for round in 0..3 {
        let t = Instant::now();
        let mut out = 0;
        for (c, e) in &pages {
            out += whole_page_part(c.as_bytes(), Some(e.as_bytes()), None, &[]).unwrap().0.len();
        }
        let d = t.elapsed();
        println!("round {round}: {d:?} for {} pages, {:.1} MB in, {:.1} MB out ({:.0} MB/s; {:.2} ms per page)", pages.len(), bytes as f64 / 1e6, out as f64 / 1e6, bytes as f64 / 1e6 / d.as_secs_f64(), d.as_secs_f64() * 1e3 / pages.len() as f64);
    }
}
