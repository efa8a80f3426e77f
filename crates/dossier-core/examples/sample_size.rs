//! Prints the JSON size of sample archives: `cargo run --release -p dossier-core --example sample_size`.
use chrono::NaiveDate;

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
    let dev = "0b6f3c3e-8d0c-4a55-9a51-2f8f2f1c7e10";
    for n in [1_000usize, 100_000] {
        let t = std::time::Instant::now();
        let sample = dossier_core::sample_archive(42, n, today, dev);
        let gen = t.elapsed();
        let json = serde_json::to_string(&sample).expect("serializes");
        println!("{n:>7} customers: {:>6.1} MB JSON, {:>5} B/customer, generated in {:?}", json.len() as f64 / 1e6, json.len() / n, gen);
    }
    let one = dossier_core::sample_archive(42, 3, today, dev);
    println!("{}", serde_json::to_string_pretty(&one[1]).expect("serializes"));
}
