//! Times each whole-archive analysis (客户分析, `dossier_core::analysis`) over the summaries of a
//! sample archive: `cargo run --release -p dossier-core --example analysis_speed [customers] [runs]`.
//! The sample's files have sales, collections and products; complaints and trade starts and stops
//! are added to the summaries here (one customer in 7 complains, some twice; one in 11 started in
//! the year, one in 13 stopped). Period: the 12 whole months before 2026-12-01. Prints one line
//! per function, the best of `runs`, in ms. Native numbers; wasm in a browser is slower.
use chrono::{Days, NaiveDate};
use dossier_core::analysis::{
    balance, balance_by_rep, complaints, csv, customers_by, products, sales_by, series, share_rows, starts_stops, CustomerDim, Period, ProductCost, SalesDim, Scope,
};
use dossier_core::archive::Archive;
use dossier_core::ledger::ComplaintFact;
use dossier_core::primitives::ledger_codes::{ComplaintKind, ComplaintStep};
use dossier_core::summary::Summary;
use dossier_core::Lang;
use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5).max(1);
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid date");
    let t = Instant::now();
    let mut customers = dossier_core::sample_archive(42, n, today, "dev");
    let reps = dossier_core::sample_owners(42, &mut customers, "dev");
    let entries = dossier_core::sample_ledger(42, &customers, &reps, today, "dev");
    let archive = Archive::with_entries(customers, entries, vec![], Default::default()).with_reps(reps.clone());
    let mut all = Summary::all(archive.files());
    drop(archive);
    for (i, s) in all.iter_mut().enumerate() {
        let day = today.checked_sub_days(Days::new((i % 360) as u64 + 1)).unwrap_or(today);
        if i % 7 == 0 {
            for k in 0..(1 + usize::from(i % 3 == 0)) {
                s.facts.complaints.push(ComplaintFact {
                    id: format!("k{i}-{k}"),
                    kind: ComplaintKind::ALL[(i + k) % ComplaintKind::ALL.len()],
                    step: ComplaintStep::ALL[i % ComplaintStep::ALL.len()],
                    received: day,
                    answered: Some(day + Days::new((i % 5) as u64)),
                    resolved: (i % 2 == 0).then(|| day + Days::new((i % 30) as u64)),
                    fen: if i % 4 == 0 { 10_000 } else { 0 },
                    satisfied: (i % 3 != 1).then_some(i % 5 != 0),
                    ..ComplaintFact::default()
                });
            }
        }
        if i % 11 == 0 {
            s.facts.started = Some(day);
        }
        if i % 13 == 0 {
            s.facts.stopped = Some(day);
        }
    }
    let period = Period::last_months(today, 12);
    let names: BTreeSet<&str> = all.iter().flat_map(|s| s.facts.products.iter().map(|p| p.product.as_str())).collect();
    let costs: Vec<ProductCost> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 4 != 3)
        .map(|(i, p)| ProductCost { product: p.to_string(), unit_cost_fen: 1_000 + i as i64 * 37, avg_stock_fen: 5_000_000 })
        .collect();
    println!(
        "analysis_speed customers={n} products={} reps={} period={} (sample built in {:.0} ms)",
        names.len(),
        reps.len(),
        period.label(Lang::En),
        t.elapsed().as_secs_f64() * 1e3
    );
    let first_rep = reps.first().map(|r| r.id.clone()).unwrap_or_default();
    let time = |name: &str, f: &mut dyn FnMut() -> usize| {
        let mut best = f64::MAX;
        let mut size = 0;
        for _ in 0..runs {
            let t = Instant::now();
            size = black_box(f());
            best = best.min(t.elapsed().as_secs_f64() * 1e3);
        }
        println!("  {name:<28} {best:>8.2} ms  (result size {size})");
    };
    for (label, dim) in [
        ("customers_by(Nature)", CustomerDim::Nature),
        ("customers_by(Region)", CustomerDim::Region),
        ("customers_by(Rep)", CustomerDim::Rep),
        ("customers_by(SalesGrade)", CustomerDim::SalesGrade),
    ] {
        time(label, &mut || customers_by(&all, dim, &reps, Lang::Zh).len());
    }
    for (label, dim) in [
        ("sales_by(Customer)", SalesDim::Customer),
        ("sales_by(Product)", SalesDim::Product),
        ("sales_by(Region)", SalesDim::Region),
        ("sales_by(Rep)", SalesDim::Rep),
    ] {
        time(label, &mut || sales_by(&all, dim, &period, &reps, Lang::Zh).len());
    }
    time("series(All) + balance", &mut || {
        let rows = series(&all, &period, Scope::All);
        black_box(balance(&rows));
        rows.len()
    });
    time("series(Rep)", &mut || series(&all, &period, Scope::Rep(&first_rep)).len());
    time("balance_by_rep", &mut || balance_by_rep(&all, &period, &reps).len());
    time("products", &mut || products(&all, &period, &costs).len());
    time("complaints", &mut || complaints(&all, &period, Lang::Zh).total);
    time("starts_stops", &mut || starts_stops(&all, &period).len());
    time("csv(sales_by Customer)", &mut || {
        let rows = sales_by(&all, SalesDim::Customer, &period, &reps, Lang::Zh);
        let (header, body) = share_rows(&rows, Lang::Zh);
        csv(&header, &body).len()
    });
}
