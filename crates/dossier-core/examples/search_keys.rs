//! Times search-as-you-type keystroke by keystroke as the customer list runs it, over the
//! summaries of a 100,000-customer sample: `cargo run --release -p dossier-core --example
//! search_keys [customers] [runs]`. Each sequence starts from an empty box (the list shows
//! everyone) and types one character at a time; a keystroke is `select` (search + filter, which
//! narrows from the previous keystroke's hits as the index does) + the sort by rank + the copy the
//! list keeps for the card's previous/next. Prints the best and worst of `runs` per keystroke and
//! the p95 over every keystroke of every run, for Latin (pinyin) and Chinese keys. Native numbers;
//! wasm in a browser is slower (the bench, `bench/archive.mjs`, is the real measure).
use chrono::NaiveDate;
use dossier_core::summary::Summary;
use dossier_core::{ranks, sort_by_rank, Filter, SearchIndex, SortKey};
use std::hint::black_box;
use std::time::Instant;

const LATIN: &[&str] = &["cdcx", "zhang", "chengdu", "z", "cd", "yxgs", "hz", "wang", "lsm"];
const CHINESE: &[&str] = &["张", "杭州市", "有限公司", "成都"];

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5).max(1);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date");
    let customers = dossier_core::sample_archive(42, n, today, "bench");
    let all = Summary::all(customers.iter().map(|c| (c, &[][..])));
    drop(customers);
    let t = Instant::now();
    let idx = SearchIndex::build(&all);
    println!("customers={n} runs={runs} build={:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let rank = ranks(&all, SortKey::RegNo);
    let filter = Filter::default();
    let key = |q: &str| {
        let t = Instant::now();
        let mut hits = idx.select(q, &filter);
        sort_by_rank(&mut hits, &rank, true);
        let kept = black_box(hits.clone());
        (t.elapsed().as_secs_f64() * 1e3, kept.len())
    };
    // SEARCH_LOOP=q: only the last keystroke of `q` again and again, typed after the one before
    // it (for a profiler; SEARCH_TIMES times, 200 by default).
    if let Ok(q) = std::env::var("SEARCH_LOOP") {
        let before: String = q.chars().take(q.chars().count() - 1).collect();
        let times: usize = std::env::var("SEARCH_TIMES").ok().and_then(|s| s.parse().ok()).unwrap_or(200);
        let mut spent: Vec<f64> = (0..times)
            .map(|_| {
                key("-");
                key(&before);
                key(&q).0
            })
            .collect();
        spent.sort_by(f64::total_cmp);
        println!("{q}: min {:.2} ms, median {:.2} ms a keystroke", spent[0], spent[spent.len() / 2]);
        return;
    }
    for (label, seqs) in [("latin", LATIN), ("chinese", CHINESE)] {
        // Per keystroke: (query, hits, best ms, worst ms).
        let mut rows: Vec<(String, usize, f64, f64)> = Vec::new();
        let mut every = Vec::new();
        for run in 0..runs {
            let mut i = 0;
            for seq in seqs {
                key("");
                let mut typed = String::new();
                for c in seq.chars() {
                    typed.push(c);
                    let (ms, hits) = key(&typed);
                    every.push(ms);
                    if run == 0 {
                        rows.push((typed.clone(), hits, ms, ms));
                    } else {
                        let r = &mut rows[i];
                        assert_eq!(r.1, hits, "same hits every run");
                        r.2 = r.2.min(ms);
                        r.3 = r.3.max(ms);
                    }
                    i += 1;
                }
            }
        }
        for (q, hits, lo, hi) in &rows {
            println!("{label:>7} {q:>8}: {hits:>6} hits {lo:>7.2}–{hi:.2} ms");
        }
        every.sort_by(f64::total_cmp);
        let p95 = every[(every.len() * 95).div_ceil(100).max(1) - 1];
        let median = every[every.len() / 2];
        println!("{label}: {} keystrokes, median {median:.2} ms, p95 {p95:.2} ms, max {:.2} ms", every.len(), every[every.len() - 1]);
    }
}
