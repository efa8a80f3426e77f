//! A bundle imported part by part into an archive without customers ([`Restore`]) makes the
//! same archive as the whole-bundle import (`plan`, then `apply`): the same customers at the
//! same positions, each with the same entries and change records, the same orphans, reps,
//! numbering, preview and report, for any cut of the bundle into parts and of the archive
//! into pages. And it refuses what it cannot do part by part, by name.

use chrono::NaiveDate;
use dossier_core::archive::handoffs::Handoff;
use dossier_core::archive::Archive;
use dossier_core::bundle::export::part_of;
use dossier_core::bundle::format::{Counts, Header, Part, ProfileCode, RepRef, Scope, ScopeKind};
use dossier_core::bundle::import::{plan, preview, Choices, Context, ImportError};
use dossier_core::bundle::profile::fixed;
use dossier_core::bundle::restore::{Restore, RestoredPage};
use dossier_core::customer::history::{Action, Change, ChangeRecord};
use dossier_core::*;
use proptest::prelude::*;

const T0: u64 = 1_796_200_000_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn st(ms: u64, dev: &str) -> Stamp {
    Stamp::new(Hlc { ms, n: 0 }, dev)
}

fn header() -> Header {
    Header {
        created_at: chrono::DateTime::from_timestamp_millis(T0 as i64).unwrap(),
        hlc: Hlc { ms: T0, n: 0 },
        device: "dev-a".into(),
        rep: RepRef { id: "r".into(), name: "王芳".into() },
        profile: fixed(ProfileCode::Backup, Lang::Zh),
        withheld: vec![],
        scope: Scope { kind: ScopeKind::All, label: "全部".into() },
        counts: Counts::default(),
        parts: 1,
        payload_sha256: "cd".repeat(32),
        lent: None,
        encryption: None,
        seen: Default::default(),
    }
}

/// The sender's archive: `n` customers with reps, files and change records, a deleted card,
/// and 登记编号 repeated (as from two devices that numbered alone), so some are renumbered.
fn sender(seed: u64, n: usize) -> Archive {
    let mut customers = sample_archive(seed, n, today(), "dev-a");
    let reps = sample_owners(seed, &mut customers, "dev-a");
    let entries = sample_ledger(seed, &customers, &reps, today(), "dev-a");
    if n > 6 {
        let no = customers[1].reg_no.clone();
        customers[n - 2].reg_no = no;
        customers[3].deleted = true;
    }
    let history: Vec<ChangeRecord> = customers
        .iter()
        .step_by(3)
        .map(|c| ChangeRecord { id: format!("h-{}", c.id), customer_id: c.id.clone(), stamp: st(T0 - 5_000, "dev-a"), action: Action::Edit, changes: vec![Change { field: "region".into(), old: "甲".into(), new: "乙".into() }], grades: vec![] })
        .collect();
    Archive::with_entries(customers, entries, history, Numbering::default()).with_reps(reps)
}

/// The sender's archive as the app writes it: a part per `per` customers with their records,
/// the reps in the first, then a part of records whose customer is not in the bundle.
fn parts(a: &Archive, per: usize) -> Vec<Part> {
    let profile = fixed(ProfileCode::Backup, Lang::Zh);
    let mut out: Vec<Part> = a
        .customers()
        .chunks(per)
        .map(|chunk| {
            let entries: Vec<Entry> = chunk.iter().flat_map(|c| a.ledger(&c.id).iter().cloned()).collect();
            let history: Vec<ChangeRecord> = chunk.iter().flat_map(|c| a.history_of(&c.id).into_iter().cloned()).collect();
            part_of(chunk, &entries, &history, &profile, |_| true)
        })
        .collect();
    if out.is_empty() {
        out.push(Part::default());
    }
    out[0].reps = a.reps().to_vec();
    if let Some(first) = a.customers().first() {
        let mut stray = a.ledger(&first.id).first().cloned().unwrap();
        stray.id = "stray-entry".into();
        stray.customer_id = "not-in-bundle".into();
        let h = ChangeRecord { id: "stray-history".into(), customer_id: "not-in-bundle".into(), stamp: st(T0, "dev-a"), action: Action::Edit, changes: vec![], grades: vec![] };
        out.push(Part { entries: vec![stray], history: vec![h], ..Part::default() });
    }
    out
}

fn whole(parts: &[Part]) -> Part {
    let mut w = Part::default();
    for p in parts {
        w.customers.extend(p.customers.iter().cloned());
        w.entries.extend(p.entries.iter().cloned());
        w.history.extend(p.history.iter().cloned());
        w.reps.extend(p.reps.iter().cloned());
    }
    w
}

/// This device: no customer, one rep of its own (and one the bundle also has, older here).
fn receiver(sent: &Archive) -> Archive {
    let mut reps = vec![Rep { id: "rep-here".into(), name: "本机".into(), ..Rep::default() }];
    if let Some(r) = sent.reps().first() {
        let mut older = r.clone();
        older.name = "旧名".into();
        older.stamp = st(1, "dev-b");
        reps.push(older);
    }
    Archive::default().with_reps(reps)
}

fn by_id<T: Clone, K: Ord>(items: impl IntoIterator<Item = T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut v: Vec<T> = items.into_iter().collect();
    v.sort_by_key(|x| key(x));
    v
}

fn check(seed: u64, n: usize, per: usize, page_rows: usize) {
    let sent = sender(seed, n);
    let parts = parts(&sent, per);
    let incoming = whole(&parts);
    let here = receiver(&sent);
    let ctx = Context::without_customers(T0, today());
    let h = header();
    let stamp = st(T0 + 1, "dev-b");
    let ids: Vec<String> = (0..incoming.customers.len()).map(|i| format!("p-{i}")).collect();

    // The whole-bundle way.
    let expected_preview = preview(&here, &incoming, &ctx);
    let (batch, _, expected_report) = plan(&here, &incoming, &h, &ctx, &Choices::default(), &stamp, &ids, Handoff::default()).unwrap();
    let mut expected = here.clone();
    expected.apply(&batch);

    let numbers: Vec<&str> = expected.customers().iter().map(|c| c.reg_no.as_str()).filter(|n| !n.is_empty()).collect();
    assert_eq!(numbers.len(), numbers.iter().collect::<std::collections::BTreeSet<_>>().len(), "no two cards share a number after the import");

    // Part by part, as the app reads the file: once to check it, once to write.
    let mut first = Restore::new(&here, &h, stamp.clone(), page_rows);
    let mut next = 0;
    for p in parts.clone() {
        let k = p.customers.len();
        first.part(&here, p, &ctx, &ids[next..next + k]).unwrap();
        next += k;
    }
    let seen = first.finish().observed;
    let mut r = Restore::new(&here, &h, stamp.clone(), page_rows).numbered_after(&seen);
    let mut pages: Vec<RestoredPage> = Vec::new();
    let mut next = 0;
    for p in parts {
        let k = p.customers.len();
        pages.extend(r.part(&here, p, &ctx, &ids[next..next + k]).unwrap());
        next += k;
    }
    let done = r.finish();
    pages.extend(done.last.clone());

    for (i, p) in pages.iter().enumerate() {
        assert_eq!(p.index, i as u32);
        if i + 1 < pages.len() {
            assert_eq!(p.customers.len(), page_rows, "only the last page is short");
        }
    }
    let customers: Vec<&Customer> = pages.iter().flat_map(|p| p.customers.iter()).collect();
    assert_eq!(customers, expected.customers().iter().collect::<Vec<_>>(), "same customers at the same positions");
    for p in &pages {
        for c in &p.customers {
            let mine = by_id(p.entries.iter().filter(|e| e.customer_id == c.id).cloned(), |e: &Entry| e.id.clone());
            assert_eq!(mine, by_id(expected.ledger(&c.id).iter().cloned(), |e: &Entry| e.id.clone()), "entries of {}", c.reg_no);
            let mine = by_id(p.history.iter().filter(|h| h.customer_id == c.id).cloned(), |h: &ChangeRecord| h.id.clone());
            assert_eq!(mine, by_id(expected.history_of(&c.id).into_iter().cloned(), |h: &ChangeRecord| h.id.clone()), "history of {}", c.reg_no);
        }
        assert!(p.entries.iter().all(|e| p.customers.iter().any(|c| c.id == e.customer_id)), "a page holds only its customers' entries");
    }
    assert_eq!(by_id(done.orphans.clone(), |e| e.id.clone()), by_id(expected.orphans().iter().cloned(), |e| e.id.clone()));
    let unplaced: Vec<ChangeRecord> = expected.history().iter().filter(|h| expected.get(&h.customer_id).is_none()).cloned().collect();
    assert_eq!(done.unplaced, by_id(unplaced, |h| h.id.clone()));
    assert_eq!(by_id(done.reps.clone(), |r| r.id.clone()), by_id(expected.reps().iter().cloned(), |r| r.id.clone()));
    assert_eq!(done.numbering, *expected.numbering());
    assert_eq!(done.report, expected_report);
    assert_eq!(done.preview, expected_preview);
}

#[test]
fn part_by_part_equals_the_whole_bundle_import() {
    check(5, 40, 7, 5);
    check(6, 40, 40, 1000);
    check(7, 23, 1, 4);
}

#[test]
fn a_repeated_number_is_renumbered_across_parts() {
    let sent = sender(9, 30);
    let here = receiver(&sent);
    let ctx = Context::without_customers(T0, today());
    let mut r = Restore::new(&here, &header(), st(T0 + 1, "dev-b"), 10);
    let mut n = 0;
    for p in parts(&sent, 4) {
        let ids: Vec<String> = p.customers.iter().map(|_| format!("i{}", { n += 1; n })).collect();
        r.part(&here, p, &ctx, &ids).unwrap();
    }
    let done = r.finish();
    assert_eq!(done.report.renumbered.len(), 1, "customer 28 repeats customer 1's number in another part");
    assert_eq!(done.report.renumbered[0].0, sent.customers()[1].reg_no);
}

#[test]
fn records_away_from_their_customers_part_or_repeated_are_refused_by_name() {
    let sent = sender(3, 20);
    let here = receiver(&sent);
    let ctx = Context::without_customers(T0, today());
    let ids: Vec<String> = (0..20).map(|i| format!("i{i}")).collect();
    // An entry of customer 0 in the second part, after the first page (of 10) was made.
    let mut first = part_of(&sent.customers()[..10], &[], &[], &fixed(ProfileCode::Backup, Lang::Zh), |_| true);
    first.reps = sent.reps().to_vec();
    let late = sent.ledger(&sent.customers()[0].id)[0].clone();
    let second = Part { customers: sent.customers()[10..].to_vec(), entries: vec![late.clone()], ..Part::default() };
    let mut r = Restore::new(&here, &header(), st(T0 + 1, "dev-b"), 10);
    assert_eq!(r.part(&here, first, &ctx, &ids[..10]).unwrap().len(), 1);
    let e = r.part(&here, second, &ctx, &ids[10..]).unwrap_err();
    assert_eq!(e, ImportError::Scattered { id: late.id.clone(), customer: sent.customers()[0].id.clone() });
    assert!(e.message(Lang::Zh).contains(&late.id) && e.message(Lang::En).contains("dossier-cli"));

    // Entries before their customer wait for it (a part of their own first).
    let mut r = Restore::new(&here, &header(), st(T0 + 1, "dev-b"), 10);
    r.part(&here, Part { entries: vec![late.clone()], ..Part::default() }, &ctx, &[]).unwrap();
    let pages = r.part(&here, Part { customers: sent.customers()[..10].to_vec(), ..Part::default() }, &ctx, &ids[..10]).unwrap();
    assert_eq!(pages[0].entries, vec![late.clone()]);

    // The same customer twice.
    let mut r = Restore::new(&here, &header(), st(T0 + 1, "dev-b"), 100);
    let one = Part { customers: sent.customers()[..2].to_vec(), ..Part::default() };
    r.part(&here, one.clone(), &ctx, &ids[..2]).unwrap();
    assert_eq!(r.part(&here, one, &ctx, &ids[2..4]).unwrap_err(), ImportError::Repeated { id: sent.customers()[0].id.clone() });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn any_cut_into_parts_and_pages_gives_the_same_archive(seed in 0u64..1_000, n in 1usize..60, per in 1usize..25, page_rows in 1usize..30) {
        check(seed, n, per, page_rows);
    }
}

