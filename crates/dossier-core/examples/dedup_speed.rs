//! Duplicate check (查重) at full size: `cargo run --release -p dossier-core --example dedup_speed`.
//!
//! Builds the index over 100,000 sample customers, times one check for 1,000 candidates (as the
//! form would run it on save, or per keystroke), the whole-archive scan and an edit, and prints a
//! Markdown table for docs/dedup.md.
use chrono::NaiveDate;
use dossier_core::dedup::clusters;
use dossier_core::{CardBody, Customer, DupIndex};
use std::time::{Duration, Instant};

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
    let archive = dossier_core::sample_archive(2026, n, today, "dev");

    let t = Instant::now();
    let mut idx = DupIndex::build(&archive);
    let build = t.elapsed();

    // Candidates: a third are existing cards re-entered (phone hits), a third are names with one
    // char changed (similar-name warnings), a third are new customers (no hits: every lookup
    // misses, which is the common case while typing).
    let mut times = Vec::with_capacity(1000);
    let (mut blocked, mut warned) = (0, 0);
    for i in 0..1000usize {
        let src = &archive[(i * 7919) % n];
        let cand = match i % 3 {
            0 => src.clone(),
            1 => renamed(src, |name| {
                let mut cs: Vec<char> = name.chars().collect();
                let k = cs.len() / 2;
                cs[k] = '鑫';
                cs.into_iter().collect()
            }),
            _ => {
                let mut c = renamed(src, |name| format!("新{name}{i}"));
                c.contacts.clear();
                set_phone(&mut c, &format!("199{:08}", i));
                c
            }
        };
        let t = Instant::now();
        let r = idx.check(&archive, &cand, None);
        times.push(t.elapsed());
        blocked += usize::from(r.is_blocking());
        warned += usize::from(!r.similar_names.is_empty());
    }
    times.sort();
    let (median, p95, max) = (times[times.len() / 2], times[times.len() * 95 / 100], times[times.len() - 1]);

    let t = Instant::now();
    let groups = idx.groups(&archive);
    let scan = t.elapsed();
    let t = Instant::now();
    let cl = clusters(&groups);
    let cluster_time = t.elapsed();

    let heap = idx.heap_bytes();
    // One edit as the app reports it after a save.
    let mut edited = archive[n / 2].clone();
    set_phone(&mut edited, "19900000000");
    let t = Instant::now();
    idx.update((n / 2) as u32, &edited);
    let update = t.elapsed();
    let t = Instant::now();
    idx.compact();
    let compact = t.elapsed();

    println!("| {n} sample customers | time / size |");
    println!("|---|---|");
    println!("| build index | {} |", ms(build));
    println!("| one check, median of 1,000 | {} |", us(median));
    println!("| one check, p95 | {} |", us(p95));
    println!("| one check, max | {} |", us(max));
    println!("| whole-archive groups ({} groups) | {} |", groups.len(), ms(scan));
    println!("| clusters of those groups ({} clusters) | {} |", cl.len(), ms(cluster_time));
    println!("| update after one edit | {} |", us(update));
    println!("| compact | {} |", ms(compact));
    println!("| index heap | {:.1} MB ({} B/customer) |", heap as f64 / 1e6, heap / n.max(1));
    println!();
    println!("(candidates: {blocked} blocked, {warned} with a similar-name warning)");
}

fn renamed(c: &Customer, f: impl Fn(&str) -> String) -> Customer {
    let mut c = c.clone();
    let name = f(c.display_name());
    match &mut c.body {
        CardBody::Individual(i) => i.basic.name = name,
        CardBody::Enterprise(e) => e.basic.name = name,
    }
    c
}

fn set_phone(c: &mut Customer, phone: &str) {
    match &mut c.body {
        CardBody::Individual(i) => {
            i.basic.mobile = phone.into();
            i.basic.office_phone.clear();
            i.basic.home_phone.clear();
        }
        CardBody::Enterprise(e) => {
            e.basic.phone = phone.into();
            e.basic.tax_number.clear();
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}
