//! Times search-as-you-type over a 100,000-customer sample natively: `cargo run --release -p
//! dossier-core --example search_speed`. The browser bench (`make bench`) is the real measure.
use chrono::NaiveDate;
use dossier_core::{sample_archive, SearchIndex};
use std::time::Instant;

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let all = sample_archive(42, 100_000, today, "bench");
    let t = Instant::now();
    let idx = SearchIndex::build(&all);
    println!("build: {:?}", t.elapsed());
    for q in ["张", "1", "13", "138", "杭", "杭州", "杭州市", "有", "有限", "有限公", "有限公司", "0", "05", "057", "0571",
        // Pinyin (initials, full, typed on) and several words.
        "z", "zh", "zha", "zhan", "zhang", "c", "cd", "cdc", "cdcx", "ch", "che", "cheng", "chengdu", "hz", "hzx", "yxgs",
        "有限 公司", "杭州 有限", "zhang 有限", "gongsi hz"] {
        let t = Instant::now();
        let n = idx.query(q).len();
        let d = t.elapsed();
        let t2 = Instant::now();
        let hits = idx.query(q);
        let sorted = hits.is_sorted_by(|x, y| all[*x as usize].reg_no <= all[*y as usize].reg_no);
        let live = hits.iter().filter(|&&p| !all[p as usize].deleted).count();
        println!("{q:>8}: {n:>6} hits, query {d:?}; requery+post {:?} ({sorted} {live})", t2.elapsed());
    }
}
