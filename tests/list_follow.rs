//! The list follows a save one customer at a time, in real Chromium: after renames, new cards,
//! deletions and region changes, the kept sort orders (names by the browser's pinyin collator
//! included), the live count and the region choices equal what a rebuild from scratch computes.
#![cfg(target_arch = "wasm32")]

use dossier::indexes::Indexes;
use dossier_core::archive::{Archive, Batch};
use dossier_core::summary::Summary;
use dossier_core::{sample_archive, CardBody, Filter, SortKey};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const KEYS: [SortKey; 4] = [SortKey::RegNo, SortKey::Name, SortKey::Region, SortKey::Stage];
const NAMES: [&str; 6] = ["安徽白云商贸", "白沙五金", "陈记粮油", "张三", "ACME Trading", "阿里山茶行"];

fn fresh(a: &Archive) -> Indexes {
    let i = Indexes::new();
    i.rebuild_from(Summary::all(a.files()));
    i
}

#[wasm_bindgen_test]
fn kept_orders_equal_a_rebuild_after_every_save() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let sample = sample_archive(7, 300, today, "dev");
    let mut archive = Archive::with_entries(sample.clone(), vec![], vec![], Default::default());
    let kept = fresh(&archive);
    for key in KEYS {
        kept.ranks(key);
    }
    let (start, _) = kept.last_change();
    for step in 0..40usize {
        // One save: a rename (sometimes to a name new to the collation), a region change, a
        // deletion, or a new card.
        let mut c = archive.customers()[(step * 37) % archive.customers().len()].clone();
        match step % 4 {
            0 => match &mut c.body {
                CardBody::Individual(i) => i.basic.name = format!("{}{step}", NAMES[step % NAMES.len()]),
                CardBody::Enterprise(e) => e.basic.name = NAMES[step % NAMES.len()].to_string(),
            },
            1 => c.region = ["华东", "华北", ""][step % 3].to_string(),
            2 => c.deleted = !c.deleted,
            _ => {
                c = sample[step].clone();
                c.id = format!("new-{step}");
                c.reg_no = format!("KH-2026-{:06}", 900 + step);
            }
        }
        let applied = archive.apply(&Batch { customers: vec![c], ..Batch::default() });
        let p = applied.updated.iter().chain(&applied.added).copied().next().unwrap();
        let summary = Summary::of(&archive.customers()[p as usize], archive.ledger_at(p), &mut Default::default());
        kept.applied(&[(p, summary)]);
        let rebuilt = fresh(&archive);
        for key in KEYS {
            assert_eq!(kept.ranks(key), rebuilt.ranks(key), "step {step}, {key:?}");
        }
        assert_eq!(kept.live_count(), archive.live_count(), "step {step}");
        // The list's rows: every summary as a rebuild computes it.
        let all: Vec<u32> = (0..archive.customers().len() as u32).collect();
        let rows: Vec<Summary> = kept.summaries_at(&all).into_iter().map(|(_, s)| s).collect();
        assert_eq!(rows, Summary::all(archive.files()), "step {step}");
        assert_eq!(kept.regions(), rebuilt.regions(), "step {step}");
        let f = Filter::default();
        let one_by_one: Vec<u32> = (0..archive.customers().len() as u32).filter(|&p| kept.matches(p, "", &f)).collect();
        assert_eq!(one_by_one, kept.select("", &f), "step {step}");
    }
    let (end, touched) = kept.last_change();
    assert_eq!(end, start + 40, "one change per save");
    assert_eq!(touched.map(|t| t.len()), Some(1), "the last save touched one customer");
}
