//! Importing a bundle writes everything in one IndexedDB transaction or nothing (issue 14): in
//! headless Chromium against real IndexedDB, a failure injected after the import's row was
//! added leaves the archive as it was, in this tab and on disk; the same import then lands whole,
//! with its line in the hand-off log, and a second tab reads it all. Pages made part by part
//! from a large bundle (`storage::restore`) load as the archive the whole-bundle import makes.
#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use dossier::handoff_commands::{HandoffError, Received};
use dossier::storage::archive as disk;
use dossier_core::archive::Archive;
use dossier_core::bundle::export::part_of;
use dossier_core::bundle::format::{Counts, Header, ProfileCode, RepRef, Scope, ScopeKind};
use dossier_core::bundle::import::{Choices, Outcome};
use dossier_core::bundle::profile::fixed;
use dossier_core::{sample_archive, sample_ledger, Entry, Hlc, Lang, Numbering};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

use common::{fresh, tab, today};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = "
// The n-th IDBObjectStore.count() from now throws, as a failing disk would, once.
export function fail_count(n) {
  const p = IDBObjectStore.prototype;
  if (!p.__dossierCount) p.__dossierCount = p.count;
  let k = 0;
  p.count = function (...args) {
    k += 1;
    if (k === n) { p.count = p.__dossierCount; throw new DOMException('injected failure', 'UnknownError'); }
    return p.__dossierCount.apply(this, args);
  };
}
export function restore_count() {
  const p = IDBObjectStore.prototype;
  if (p.__dossierCount) p.count = p.__dossierCount;
}
")]
extern "C" {
    fn fail_count(n: u32);
    fn restore_count();
}

fn received(seed: u64, n: usize) -> Received {
    let customers = sample_archive(seed, n, today(), "dev-far");
    let entries: Vec<Entry> = sample_ledger(seed, &customers, &[], today(), "dev-far");
    let part = part_of(&customers, &entries, &[], &fixed(ProfileCode::Service, Lang::Zh), |_| true);
    let mut counts = Counts::default();
    counts.add(&part);
    let header = Header {
        created_at: chrono::DateTime::from_timestamp_millis(1_796_200_000_000).unwrap(),
        hlc: Hlc { ms: 1_796_200_000_000, n: 0 },
        device: "dev-far".into(),
        rep: RepRef { id: String::new(), name: "李强".into() },
        profile: fixed(ProfileCode::Service, Lang::Zh),
        withheld: vec![],
        scope: Scope { kind: ScopeKind::All, label: "全部客户".into() },
        counts,
        parts: 1,
        payload_sha256: "0".repeat(64),
        lent: None,
        encryption: None,
        seen: Default::default(),
    };
    Received { header, file_name: "客户档案-李强-2026-12-02.dossier.json".into(), encrypted: false, incoming: Rc::new(part), files: Rc::new(Vec::new()), bytes: 10_000.0, streamed: None }
}

#[wasm_bindgen_test]
async fn an_import_lands_whole_or_not_at_all() {
    let name = "test-handoff-atomic";
    let db = fresh(name).await;
    let mine = sample_archive(1, 20, today(), "dev-a");
    let entries = sample_ledger(1, &mine, &[], today(), "dev-a");
    disk::save_all(&db, &Archive::with_entries(mine, entries, vec![], Numbering::default())).await.unwrap();
    db.close();
    let a = tab(name, "dev-a").await;
    assert_eq!(a.live_count(), 20);
    let bundle = received(2, 30);
    let preview = a.preview_import(&bundle).await.unwrap();
    assert_eq!(preview.count(Outcome::New), 30);

    // The disk fails after the import's row was added (the second count of its transaction).
    fail_count(2);
    let failed = a.import_bundle(&bundle, Choices::default(), RwSignal::new(None)).await;
    restore_count();
    assert!(matches!(failed, Err(HandoffError::Save(_))), "the failure is reported: {failed:?}");
    assert_eq!(a.live_count(), 20, "nothing applied in this tab");
    assert!(a.handoff_log().is_empty(), "nothing logged");
    let b = tab(name, "dev-b").await;
    assert_eq!(b.live_count(), 20, "nothing on disk either");
    assert!(b.handoff_log().is_empty());

    // Without the failure it lands whole, logged, and another tab reads all of it.
    a.preview_import(&bundle).await.unwrap();
    let report = a.import_bundle(&bundle, Choices::default(), RwSignal::new(None)).await.unwrap();
    assert_eq!(report.customers, 30);
    assert_eq!(a.live_count(), 50);
    let c = tab(name, "dev-c").await;
    assert_eq!(c.live_count(), 50);
    let log = c.handoff_log();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].peer_device.as_str(), log[0].peer_rep.as_str(), log[0].customers), ("dev-far", "李强", 30));
    let first = &bundle.incoming.customers[0].id;
    c.open(std::slice::from_ref(first)).await.unwrap();
    let history = c.archive.with_untracked(|a| a.history_of(first).into_iter().cloned().collect::<Vec<_>>());
    assert!(history.iter().any(|h| h.changes.iter().any(|ch| ch.field == "import.from" && ch.new == "李强 (dev-far)")), "provenance on disk: {history:?}");
}

/// Pages made part by part (`bundle::restore`) and written by `storage::restore` read back as the
/// archive the whole-bundle import makes of the same bundle: the same cards at the same
/// positions, files, change records, orphans, numbering and summaries (complete: a new tab
/// lists from them). A tab whose view is behind writes nothing.
#[wasm_bindgen_test]
async fn pages_restored_part_by_part_load_as_the_archive_the_whole_import_makes() {
    use dossier::storage::restore::{self, PageBytes, Rest};
    use dossier_core::archive::PAGE_ROWS;
    use dossier_core::bundle::format::Part;
    use dossier_core::bundle::import::{plan, Context};
    use dossier_core::bundle::restore::Restore;
    use dossier_core::summary::Summary;

    let name = "test-restore-pages";
    let db = fresh(name).await;
    let sent = received(5, 2_345);
    let whole = (*sent.incoming).clone();
    // Parts of 700 customers with their entries (pages of 1,000 straddle them), then a part
    // of entries whose customer the bundle lacks.
    let mut parts: Vec<Part> = whole
        .customers
        .chunks(700)
        .map(|c| {
            let ids: std::collections::HashSet<&str> = c.iter().map(|c| c.id.as_str()).collect();
            Part { customers: c.to_vec(), entries: whole.entries.iter().filter(|e| ids.contains(e.customer_id.as_str())).cloned().collect(), ..Part::default() }
        })
        .collect();
    let mut stray = whole.entries[0].clone();
    stray.id = "stray".into();
    stray.customer_id = "elsewhere".into();
    parts.push(Part { entries: vec![stray.clone()], ..Part::default() });
    let mut all = whole.clone();
    all.entries.push(stray);

    let loaded = disk::load(&db).await.unwrap();
    let (here, mark) = (loaded.archive, loaded.journal);
    let ctx = Context::without_customers(1_796_300_000_000, today());
    let stamp = common::stamp(1_796_300_000_000);
    let ids: Vec<String> = (0..all.customers.len()).map(|i| format!("rec-{i}")).collect();
    let (batch, _, _) = plan(&here, &all, &sent.header, &ctx, &Choices::default(), &stamp, &ids, Default::default()).unwrap();
    let mut expected = here.clone();
    expected.apply(&batch);

    let mut r = Restore::new(&here, &sent.header, stamp.clone(), PAGE_ROWS);
    let mut pages = PageBytes::default();
    let mut next = 0;
    for p in parts {
        let k = p.customers.len();
        for page in r.part(&here, p, &ctx, &ids[next..next + k]).unwrap() {
            pages.add(page).unwrap();
        }
        next += k;
    }
    let done = r.finish();
    pages.add(done.last.clone().unwrap()).unwrap();
    pages.add_rest(&done.orphans, &done.unplaced).unwrap();
    let rest = || Rest { numbering: &done.numbering, reps: &done.reps, handoffs: &[], files: &[] };

    let behind = disk::JournalMark { generation: mark.generation + 1, ..mark };
    assert!(restore::write(&db, behind, &pages, rest()).await.unwrap().is_none(), "a view that is behind writes nothing");
    assert_eq!(disk::load(&db).await.unwrap().archive.len(), 0);

    let written = restore::write(&db, mark, &pages, rest()).await.unwrap().expect("written");
    let back = disk::load(&db).await.unwrap();
    // The tab that wrote parses the summary pages it holds instead of reading them back: they
    // must be the ones written, and are used only for the generation written, before any
    // compaction (an empty set of pages shows which were used).
    use dossier::storage::parts;
    let stored = disk::read_summaries(&db).await.unwrap();
    let kept = parts::open(&db, Some(pages.summaries().written_as(written.generation))).await.unwrap();
    assert_eq!(kept.summaries.as_ref(), Some(&stored), "the summary pages kept are those written");
    let none = || PageBytes::default().summaries();
    let used = parts::open(&db, Some(none().written_as(written.generation))).await.unwrap();
    assert_eq!(used.summaries, Some(Vec::new()), "known summary pages of this generation are used as given");
    let stale = parts::open(&db, Some(none().written_as(written.generation + 1))).await.unwrap();
    assert_eq!(stale.summaries.as_ref(), Some(&stored), "known summary pages of another generation are not used");
    assert!(back.summaries_current, "the summary pages are complete");
    assert_eq!(back.archive.customers(), expected.customers());
    let sorted = |v: &[Entry]| {
        let mut v = v.to_vec();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    };
    for c in expected.customers() {
        assert_eq!(sorted(back.archive.ledger(&c.id)), sorted(expected.ledger(&c.id)), "file of {}", c.reg_no);
        assert_eq!(back.archive.history_of(&c.id), expected.history_of(&c.id), "history of {}", c.reg_no);
    }
    assert_eq!(sorted(back.archive.orphans()), sorted(expected.orphans()));
    assert_eq!(back.archive.numbering(), expected.numbering());
    assert_eq!(disk::read_summaries(&db).await.unwrap(), Summary::all(expected.files()));
    let pages = expected.customers().len().div_ceil(PAGE_ROWS) as u32;
    assert_eq!(common::tallies_agree(&db, pages).await, pages, "every restored page tallied");
    db.close();
    let t = tab(name, "dev-b").await;
    assert_eq!(t.live_count(), expected.customers().iter().filter(|c| !c.deleted).count());
}

/// A file gathers its pieces into one `Blob` per group of bytes: the pieces come out whole and
/// in order, the head first, however the groups fall (a piece larger than a group, a group
/// ending exactly at a piece's end, pieces left over at the finish).
#[wasm_bindgen_test]
async fn a_file_made_of_grouped_pieces_holds_every_piece_in_order() {
    use dossier::storage::files::{Parts, Picked};
    let pieces: Vec<Vec<u8>> = (0..40u8).map(|i| vec![b'a' + i % 26; [1, 7, 16, 3, 40, 9][usize::from(i) % 6]]).collect();
    for group in [1, 16, 25, 64, 1 << 20] {
        let mut out = Parts::grouped_by(group);
        for p in &pieces {
            assert!(out.push(p));
        }
        let blob = out.finish(b"HEAD\n", "application/json").expect("a blob");
        let file = Picked::from_blob(blob, "t.json");
        let got = file.slice(0.0, file.size).await.expect("read back");
        let want: Vec<u8> = b"HEAD\n".iter().copied().chain(pieces.iter().flatten().copied()).collect();
        assert_eq!(got, want, "group of {group} bytes");
    }
}
