//! Importing bundles between two devices: everything arrives; edits of different fields on both
//! sides both survive and the two archives end equal; the same field changed on both sides is a
//! conflict shown with both values, resolved either way; a redacted bundle never erases; clocks
//! far ahead are reported; a taken 登记编号 is renumbered; provenance is recorded; nothing is
//! written when nothing is newer.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use dossier_core::archive::handoffs::Handoff;
use dossier_core::archive::{Archive, Batch};
use dossier_core::bundle::export::part_of;
use dossier_core::bundle::format::{Counts, Header, Part, Profile, ProfileCode, RepRef, Scope, ScopeKind};
use dossier_core::bundle::import::{plan, preview, Choices, Context, Outcome, AHEAD_LIMIT_MS};
use dossier_core::bundle::profile::fixed;
use dossier_core::*;

/// 2026-12-02, after the sample archive's stamps (made for `today`).
const T0: u64 = 1_796_200_000_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn st(ms: u64, dev: &str) -> Stamp {
    Stamp::new(Hlc { ms, n: 0 }, dev)
}

fn device_archive(n: usize) -> Archive {
    let customers = sample_archive(11, n, today(), "dev-a");
    let entries = sample_ledger(11, &customers, &[], today(), "dev-a");
    Archive::with_entries(customers, entries, vec![], Numbering::default())
}

/// Everything of `a` under `profile`, as one part.
fn bundle_of(a: &Archive, profile: &Profile) -> Part {
    let entries: Vec<Entry> = a.files().flat_map(|(_, f)| f.iter().cloned()).collect();
    part_of(a.customers(), &entries, a.history(), profile, |_| true)
}

fn header(device: &str, hlc: u64, seen: &[(&str, u64)]) -> Header {
    Header {
        created_at: chrono::DateTime::from_timestamp_millis(hlc as i64).unwrap(),
        hlc: Hlc { ms: hlc, n: 0 },
        device: device.into(),
        rep: RepRef { id: "r".into(), name: "王芳".into() },
        profile: fixed(ProfileCode::Service, Lang::Zh),
        withheld: vec![],
        scope: Scope { kind: ScopeKind::All, label: "全部".into() },
        counts: Counts::default(),
        parts: 1,
        payload_sha256: "ab".repeat(32),
        lent: None,
        encryption: None,
        seen: seen.iter().map(|(d, ms)| (d.to_string(), Hlc { ms: *ms, n: 0 })).collect(),
    }
}

/// Imports `part` into `a` with `choices`, as the app does (plan, then apply the batch).
fn import(a: &mut Archive, part: &Part, h: &Header, seen_of_peer: u64, choices: &Choices, now: u64, dev: &str) -> (Batch, dossier_core::bundle::import::Preview) {
    let reg: BTreeMap<String, String> = a.customers().iter().map(|c| (c.reg_no.clone(), c.id.clone())).collect();
    let holder = |no: &str| reg.get(no).cloned();
    let dups = |_: &Customer| Vec::new();
    let ctx = Context {
        now_ms: now,
        today: today(),
        seen_of_peer: Hlc { ms: seen_of_peer, n: 0 },
        peer_seen_of_me: h.seen.get(dev).copied().unwrap_or_default(),
        reg_no_holder: &holder,
        duplicates_of: &dups,
        me: "",
    };
    let pv = preview(a, part, &ctx);
    let ids: Vec<String> = (0..choices.ids_needed(part)).map(|i| format!("{dev}-{now}-{i}")).collect();
    let (batch, _, _) = plan(a, part, h, &ctx, choices, &st(now, dev), &ids, Handoff { id: format!("log-{dev}-{now}"), ..Handoff::default() }).unwrap();
    a.apply(&batch);
    (batch, pv)
}

fn with_field(c: &Customer, key: &str, value: &str, stamp: Stamp) -> Customer {
    let mut raw = card_to_raw(&c.body);
    raw.insert(key.to_string(), FieldValue::Text(value.to_string()));
    let body = validate_card(c.kind(), &raw, today()).unwrap();
    let mut out = c.clone();
    out.set_body(body, stamp);
    out
}

/// The cards, by id, people by id (a merge lists them so; a card as first saved, as added).
fn cards(a: &Archive) -> Vec<Customer> {
    let mut v = a.customers().to_vec();
    v.sort_by(|x, y| x.id.cmp(&y.id));
    for c in &mut v {
        c.contacts.sort_by(|x, y| x.id.cmp(&y.id));
    }
    v
}

#[test]
fn a_whole_archive_arrives_and_a_second_import_changes_nothing() {
    let a = device_archive(30);
    let mut b = Archive::default();
    let part = bundle_of(&a, &fixed(ProfileCode::Backup, Lang::Zh));
    let (batch, pv) = import(&mut b, &part, &header("dev-a", T0, &[]), 0, &Choices::default(), T0 + 1000, "dev-b");
    assert_eq!(pv.count(Outcome::New) + pv.count(Outcome::Deleted), 30, "deleted cards travel as tombstones");
    assert_eq!(pv.entries.new, part.entries.len());
    assert_eq!(cards(&b), cards(&a), "every card as sent: creator, owner, created stamp unchanged");
    assert_eq!(b.entry_count(), a.entry_count());
    // Provenance: one import record per customer, naming the sender, the device and the bundle.
    let rec = batch.history.iter().find(|h| h.action == Action::Import).unwrap();
    let said: Vec<(&str, &str)> = rec.changes.iter().map(|c| (c.field.as_str(), c.new.as_str())).collect();
    assert!(said.contains(&("import.from", "王芳 (dev-a)")), "{said:?}");
    assert!(said.contains(&("import.bundle", "abababab")));
    assert_eq!(batch.handoffs.len(), 1, "the import is logged in the same save");
    // Again: nothing newer, nothing to write.
    let (again, pv) = import(&mut b, &part, &header("dev-a", T0, &[]), T0, &Choices::default(), T0 + 2000, "dev-b");
    assert_eq!(pv.count(Outcome::Unchanged), 30);
    assert!(!pv.changes_anything());
    assert!(again.customers.is_empty() && again.entries.is_empty());
}

#[test]
fn different_fields_both_survive_and_the_archives_end_equal() {
    let mut a = device_archive(5);
    let mut b = Archive::default();
    let sent = bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh));
    import(&mut b, &sent, &header("dev-a", T0, &[]), 0, &Choices::default(), T0 + 10, "dev-b");
    let id = a.customers()[0].id.clone();
    // A edits the address, B the payment terms of the same part of the same card.
    let ea = with_field(a.get(&id).unwrap(), "address", "杭州市西湖区文三路 1 号", st(T0 + 100, "dev-a"));
    a.apply(&Batch { customers: vec![ea], ..Batch::default() });
    let eb = with_field(b.get(&id).unwrap(), "payment", "月结 30 天", st(T0 + 200, "dev-b"));
    b.apply(&Batch { customers: vec![eb], ..Batch::default() });
    // A → B, then B → A.
    let (_, pv) = import(&mut b, &bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-a", T0 + 300, &[]), T0, &Choices::default(), T0 + 400, "dev-b");
    assert_eq!(pv.conflicts(), 0, "different fields are no conflict");
    let (_, pv) = import(&mut a, &bundle_of(&b, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-b", T0 + 500, &[("dev-a", T0 + 300)]), 0, &Choices::default(), T0 + 600, "dev-a");
    assert_eq!(pv.conflicts(), 0);
    let (ca, cb) = (a.get(&id).unwrap(), b.get(&id).unwrap());
    assert_eq!(ca, cb);
    let raw = card_to_raw(&ca.body);
    assert_eq!(raw.get("address").map(|v| v.flat()), Some("杭州市西湖区文三路 1 号".into()));
    assert_eq!(raw.get("payment").map(|v| v.flat()), Some("月结 30 天".into()));
    assert_eq!(cards(&a), cards(&b));
}

#[test]
fn the_same_field_on_both_sides_is_a_conflict_resolved_either_way() {
    for keep_mine in [false, true] {
        let mut a = device_archive(3);
        let mut b = Archive::default();
        import(&mut b, &bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-a", T0, &[]), 0, &Choices::default(), T0 + 10, "dev-b");
        let id = a.customers()[1].id.clone();
        let ea = with_field(a.get(&id).unwrap(), "payment", "现金", st(T0 + 100, "dev-a"));
        a.apply(&Batch { customers: vec![ea], ..Batch::default() });
        let eb = with_field(b.get(&id).unwrap(), "payment", "月结", st(T0 + 200, "dev-b"));
        b.apply(&Batch { customers: vec![eb], ..Batch::default() });
        // B's bundle reaches A: both changed "payment" since A's bundle of T0 reached B.
        let from_b = bundle_of(&b, &fixed(ProfileCode::Service, Lang::Zh));
        let hb = header("dev-b", T0 + 300, &[("dev-a", T0)]);
        let mut choices = Choices::default();
        if keep_mine {
            choices.keep_mine.insert(id.clone(), BTreeSet::from(["payment".to_string()]));
        }
        let (_, pv) = import(&mut a, &from_b, &hb, 0, &choices, T0 + 400, "dev-a");
        let row = pv.rows.iter().find(|r| r.id == id).unwrap();
        assert_eq!(row.conflicts.len(), 1, "{:?}", row.conflicts);
        let c = &row.conflicts[0];
        assert_eq!((c.key.as_str(), c.mine.as_str(), c.theirs.as_str()), ("payment", "现金", "月结"));
        assert_eq!((c.mine_stamp.dev.as_str(), c.theirs_stamp.dev.as_str()), ("dev-a", "dev-b"));
        let want = if keep_mine { "现金" } else { "月结" };
        let got = |x: &Archive| card_to_raw(&x.get(&id).unwrap().body).get("payment").map(|v| v.flat());
        assert_eq!(got(&a), Some(want.into()));
        // A's bundle goes back: the choice wins on B too, with no new conflict, and both end equal.
        let ha = header("dev-a", T0 + 500, &[("dev-b", T0 + 300)]);
        let (_, pv) = import(&mut b, &bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh)), &ha, T0, &Choices::default(), T0 + 600, "dev-b");
        assert_eq!(pv.conflicts(), 0, "the resolution is not a new conflict");
        assert_eq!(got(&b), Some(want.into()));
        assert_eq!(cards(&a), cards(&b));
    }
}

/// The other device's clock is a year ahead: its edit is reported as ahead, and keeping mine
/// still wins, here and on that device when the bundle goes back (the choice is stamped after
/// the far-ahead edit, not at this device's clock, which stays within its day).
#[test]
fn keeping_mine_against_an_edit_stamped_far_ahead_wins_both_ways() {
    let year = 365 * AHEAD_LIMIT_MS;
    let mut a = device_archive(3);
    let mut b = Archive::default();
    import(&mut b, &bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-a", T0, &[]), 0, &Choices::default(), T0 + 10, "dev-b");
    let id = a.customers()[1].id.clone();
    let ea = with_field(a.get(&id).unwrap(), "payment", "现金", st(T0 + 100, "dev-a"));
    a.apply(&Batch { customers: vec![ea], ..Batch::default() });
    let eb = with_field(b.get(&id).unwrap(), "payment", "月结", st(T0 + year, "dev-b"));
    b.apply(&Batch { customers: vec![eb], ..Batch::default() });
    let hb = header("dev-b", T0 + year, &[("dev-a", T0)]);
    let choices = Choices { keep_mine: BTreeMap::from([(id.clone(), BTreeSet::from(["payment".to_string()]))]), ..Choices::default() };
    let (_, pv) = import(&mut a, &bundle_of(&b, &fixed(ProfileCode::Service, Lang::Zh)), &hb, 0, &choices, T0 + 400, "dev-a");
    assert_eq!(pv.conflicts(), 1);
    assert!(!pv.ahead.is_empty(), "the far-ahead device is reported");
    let got = |x: &Archive| card_to_raw(&x.get(&id).unwrap().body).get("payment").map(|v| v.flat());
    assert_eq!(got(&a), Some("现金".into()));
    let ha = header("dev-a", T0 + 500, &[("dev-b", T0 + year)]);
    import(&mut b, &bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh)), &ha, T0, &Choices::default(), T0 + 600, "dev-b");
    assert_eq!(got(&b), Some("现金".into()), "the choice wins on the far-ahead device too");
    assert_eq!(cards(&a), cards(&b));
    // A's clock for its next edits is not dragged a year ahead.
    assert!(Clock::bounded(a.clock().last(), T0 + 700).tick(T0 + 700).ms <= T0 + 700 + AHEAD_LIMIT_MS);
}

#[test]
fn an_edit_the_other_side_already_had_is_no_conflict() {
    let mut a = device_archive(3);
    let mut b = Archive::default();
    let id = a.customers()[0].id.clone();
    let ea = with_field(a.get(&id).unwrap(), "payment", "现金", st(T0 + 100, "dev-a"));
    a.apply(&Batch { customers: vec![ea], ..Batch::default() });
    import(&mut b, &bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-a", T0 + 150, &[]), 0, &Choices::default(), T0 + 160, "dev-b");
    let eb = with_field(b.get(&id).unwrap(), "payment", "月结", st(T0 + 200, "dev-b"));
    b.apply(&Batch { customers: vec![eb], ..Batch::default() });
    // B had A's edit (it says so in `seen`): B's later edit simply wins at A.
    let (_, pv) = import(&mut a, &bundle_of(&b, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-b", T0 + 300, &[("dev-a", T0 + 150)]), 0, &Choices::default(), T0 + 400, "dev-a");
    assert_eq!(pv.conflicts(), 0);
    assert_eq!(pv.count(Outcome::Updated), 1);
    // Without `seen` (an older sender), the same is shown as a conflict, defaulting to the later.
    let mut a2 = device_archive(3);
    let ea = with_field(a2.get(&id).unwrap(), "payment", "现金", st(T0 + 100, "dev-a"));
    a2.apply(&Batch { customers: vec![ea], ..Batch::default() });
    let (_, pv) = import(&mut a2, &bundle_of(&b, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-b", T0 + 300, &[]), 0, &Choices::default(), T0 + 400, "dev-a");
    assert_eq!(pv.conflicts(), 1);
    assert_eq!(card_to_raw(&a2.get(&id).unwrap().body).get("payment").map(|v| v.flat()), Some("月结".into()));
}

#[test]
fn a_redacted_bundle_never_erases() {
    let a = device_archive(10);
    let mut b = Archive::default();
    import(&mut b, &bundle_of(&a, &fixed(ProfileCode::Backup, Lang::Zh)), &header("dev-a", T0, &[]), 0, &Choices::default(), T0 + 10, "dev-b");
    let before = cards(&b);
    // A sends the same archive under 业务员: names and titles only, the rest withheld.
    let redacted = bundle_of(&a, &fixed(ProfileCode::Rep, Lang::Zh));
    assert!(redacted.customers.iter().all(|c| !c.withheld.is_empty()));
    let (batch, pv) = import(&mut b, &redacted, &header("dev-a", T0 + 20, &[]), T0, &Choices::default(), T0 + 30, "dev-b");
    assert_eq!(pv.count(Outcome::Unchanged), 10, "nothing newer, nothing erased");
    assert!(batch.customers.is_empty());
    assert_eq!(cards(&b), before);
    // Received by a device without the cards: the withheld fields stay marked, not blank values.
    let mut c = Archive::default();
    import(&mut c, &redacted, &header("dev-a", T0 + 20, &[]), 0, &Choices::default(), T0 + 40, "dev-c");
    assert!(c.customers().iter().all(|x| x.all_phones().is_empty() && x.withheld.contains("address")));
    // The full bundle later fills them in.
    import(&mut c, &bundle_of(&a, &fixed(ProfileCode::Backup, Lang::Zh)), &header("dev-a", T0 + 50, &[]), T0 + 20, &Choices::default(), T0 + 60, "dev-c");
    assert_eq!(cards(&c), cards(&a));
}

#[test]
fn a_clock_far_ahead_is_reported_by_device() {
    let a = device_archive(2);
    let mut b = Archive::default();
    let mut part = bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh));
    let now = T0 + 1000;
    let ahead = now + 3 * AHEAD_LIMIT_MS;
    part.customers[0] = with_field(&part.customers[0], "payment", "预付", st(ahead, "dev-fast"));
    let (_, pv) = import(&mut b, &part, &header("dev-a", T0, &[]), 0, &Choices::default(), now, "dev-b");
    assert_eq!(pv.ahead.len(), 1);
    assert_eq!(pv.ahead[0].device, "dev-fast");
    assert_eq!(pv.ahead[0].by_ms, 3 * AHEAD_LIMIT_MS);
    // Within a day: not reported.
    let mut part = bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh));
    part.customers[0] = with_field(&part.customers[0], "payment", "预付", st(now + AHEAD_LIMIT_MS, "dev-fast"));
    let (_, pv) = import(&mut Archive::default(), &part, &header("dev-a", T0, &[]), 0, &Choices::default(), now, "dev-b");
    assert!(pv.ahead.is_empty());
}

#[test]
fn a_taken_registration_number_is_renumbered_and_recorded() {
    let a = device_archive(3);
    let mut theirs = sample_archive(99, 3, today(), "dev-b");
    // Both devices issued the same numbers to different customers.
    for (t, mine) in theirs.iter_mut().zip(a.customers()) {
        t.reg_no = mine.reg_no.clone();
    }
    let mut b = Archive::with_entries(theirs, vec![], vec![], Numbering::default());
    let taken = b.customers()[0].reg_no.clone();
    let (batch, pv) = import(&mut b, &bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-a", T0, &[]), 0, &Choices::default(), T0 + 10, "dev-b");
    assert_eq!(pv.rows.iter().filter(|r| r.renumber).count(), 3);
    let moved = batch.customers.iter().find(|c| c.id == a.customers()[0].id).unwrap();
    assert_ne!(moved.reg_no, taken);
    let rec = batch.history.iter().find(|h| h.customer_id == moved.id).unwrap();
    assert!(rec.changes.iter().any(|c| c.field == "reg_no" && c.old == taken && c.new == moved.reg_no), "the old number is kept in its history");
    let mut numbers: Vec<&str> = b.customers().iter().map(|c| c.reg_no.as_str()).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 6, "no number held twice");
}

#[test]
fn validation_names_the_record_and_field() {
    let a = device_archive(2);
    let mut part = bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh));
    dossier_core::bundle::import::validate(&part, 0, today()).unwrap();
    part.customers[1].reg_no = "KH-12".into();
    let e = dossier_core::bundle::import::validate(&part, 3, today()).unwrap_err();
    let msg = e.message(Lang::Zh);
    assert!(msg.contains("第 4 部分") && msg.contains("第 2 条") && msg.contains("reg_no"), "{msg}");
}

#[test]
fn an_edit_after_a_deletion_keeps_the_card_and_says_so_and_a_later_deletion_removes_it() {
    let a = device_archive(3);
    let mut b = Archive::default();
    import(&mut b, &bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-a", T0, &[]), 0, &Choices::default(), T0 + 10, "dev-b");
    let id = a.customers()[0].id.clone();
    // B deletes the card at T0+100; A edits it later, at T0+200.
    let mut gone = b.get(&id).unwrap().clone();
    dossier_core::customer::lifecycle::delete(&mut gone, st(T0 + 100, "dev-b"));
    b.apply(&Batch { customers: vec![gone], ..Batch::default() });
    let mut a2 = a.clone();
    let edited = with_field(a2.get(&id).unwrap(), "payment", "现金", st(T0 + 200, "dev-a"));
    a2.apply(&Batch { customers: vec![edited], ..Batch::default() });
    let (_, pv) = import(&mut b, &bundle_of(&a2, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-a", T0 + 300, &[]), T0, &Choices::default(), T0 + 400, "dev-b");
    assert_eq!(pv.rows.iter().find(|r| r.id == id).unwrap().outcome, Outcome::Revived);
    assert!(!b.get(&id).unwrap().deleted, "the later edit keeps it");
    // B deletes it again, after every edit: at A the deletion now stands.
    let mut gone = b.get(&id).unwrap().clone();
    dossier_core::customer::lifecycle::delete(&mut gone, st(T0 + 500, "dev-b"));
    b.apply(&Batch { customers: vec![gone], ..Batch::default() });
    let (_, pv) = import(&mut a2, &bundle_of(&b, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-b", T0 + 600, &[("dev-a", T0 + 300)]), 0, &Choices::default(), T0 + 700, "dev-a");
    assert_eq!(pv.rows.iter().find(|r| r.id == id).unwrap().outcome, Outcome::Deleted);
    assert!(a2.get(&id).unwrap().deleted);
}

#[test]
fn a_possible_duplicate_is_merged_into_the_card_here_only_when_chosen_and_both_sides_agree_after() {
    let mut a = device_archive(4);
    let x = a.customers().iter().find(|c| !c.deleted && !a.ledger(&c.id).is_empty()).unwrap().clone();
    // B typed in the same customer on its own: another id and number, a different address.
    let mut y = with_field(&x, "address", "杭州市上城区解放路 8 号", st(T0 - 50, "dev-b"));
    y.id = "y-1".into();
    y.reg_no = "KH-2026-009999".into();
    y.created = st(T0 - 100, "dev-b");
    let mut b = Archive::with_entries(vec![y.clone()], vec![], vec![], Numbering::default());
    let part = bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh));
    let h = header("dev-a", T0, &[]);
    let reg: BTreeMap<String, String> = b.customers().iter().map(|c| (c.reg_no.clone(), c.id.clone())).collect();
    let holder = |no: &str| reg.get(no).cloned();
    let x_id = x.id.clone();
    let dups = |c: &Customer| if c.id == x_id { vec!["y-1".to_string()] } else { Vec::new() };
    let ctx = Context { now_ms: T0 + 10, today: today(), seen_of_peer: Hlc::default(), peer_seen_of_me: Hlc::default(), reg_no_holder: &holder, duplicates_of: &dups, me: "" };
    let pv = preview(&b, &part, &ctx);
    let row = pv.rows.iter().find(|r| r.id == x.id).unwrap();
    assert_eq!((row.outcome, row.duplicates.clone()), (Outcome::New, vec!["y-1".to_string()]));

    // Not chosen: kept as a card of its own (never merged silently).
    let ids = |c: &Choices| (0..c.ids_needed(&part)).map(|i| format!("id-{i}")).collect::<Vec<_>>();
    let log = || Handoff { id: "log".into(), ..Handoff::default() };
    let (kept, _, _) = plan(&b, &part, &h, &ctx, &Choices::default(), &st(T0 + 10, "dev-b"), &ids(&Choices::default()), log()).unwrap();
    assert!(kept.customers.iter().any(|c| c.id == x.id && !c.deleted));
    assert!(!kept.customers.iter().any(|c| c.id == "y-1"));

    // Chosen: the card here keeps its values, the incoming card points at it, its file moves.
    let choices = Choices { merge_into: [(x.id.clone(), "y-1".to_string())].into(), ..Choices::default() };
    let (batch, _, report) = plan(&b, &part, &h, &ctx, &choices, &st(T0 + 10, "dev-b"), &ids(&choices), log()).unwrap();
    assert_eq!(report.merged, 1);
    b.apply(&batch);
    let (gone, here) = (b.get(&x.id).unwrap(), b.get("y-1").unwrap());
    assert!(gone.deleted && gone.merged_into == "y-1", "the incoming card is a tombstone pointing at the card here");
    assert_eq!(card_to_raw(&here.body).get("address"), card_to_raw(&y.body).get("address"), "the card here keeps its own value");
    assert_eq!(b.ledger("y-1").len(), a.ledger(&x.id).len(), "the incoming file moved over");
    assert!(b.ledger(&x.id).is_empty());
    assert!(batch.history.iter().any(|r| r.customer_id == "y-1" && r.action == Action::Merge));
    assert!(batch.history.iter().any(|r| r.customer_id == x.id && r.action == Action::Import), "provenance kept on the merged card");

    // Back to A: A learns the merge, and the two archives agree.
    import(&mut a, &bundle_of(&b, &fixed(ProfileCode::Service, Lang::Zh)), &header("dev-b", T0 + 100, &[("dev-a", T0)]), 0, &Choices::default(), T0 + 200, "dev-a");
    assert!(a.get(&x.id).unwrap().deleted);
    assert_eq!(a.ledger("y-1").len(), b.ledger("y-1").len());
    assert_eq!(cards(&a), cards(&b));

    // A merge that cannot be made is refused with the name, and nothing is planned.
    let mut c = Archive::with_entries(vec![y.clone()], vec![], vec![], Numbering::default());
    let mut gone_y = y.clone();
    gone_y.deleted = true;
    c.apply(&Batch { customers: vec![gone_y], ..Batch::default() });
    let err = plan(&c, &part, &h, &ctx, &choices, &st(T0 + 10, "dev-b"), &ids(&choices), log()).unwrap_err();
    assert!(err.message(Lang::Zh).contains(x.display_name()), "{}", err.message(Lang::Zh));
    assert!(err.message(Lang::En).contains("Nothing was imported"));
}

#[test]
fn grades_and_their_history_travel_in_a_bundle_and_a_rep_bundle_withholds_them() {
    use dossier_core::commands::grades::{set_grades, GradesInput};
    use dossier_core::grading::{GradeKind, ManAnswers, ProspectGrade, ProspectScale};
    let mut a = device_archive(3);
    let id = a.customers().iter().find(|c| !c.deleted).unwrap().id.clone();
    let input = GradesInput { man: Some(ManAnswers::new(true, true, false)), tier: a.get(&id).unwrap().tier, area: "1A".into(), route_seq: Some(4), ..Default::default() };
    let (batch, _) = set_grades(&a, &id, &input, ProspectScale::Four, today(), Lang::Zh, "h-grade", &st(T0 + 1_000, "dev-a")).unwrap();
    a.apply(&batch);
    let part = bundle_of(&a, &fixed(ProfileCode::Service, Lang::Zh));
    let mut b = Archive::default();
    import(&mut b, &part, &header("dev-a", T0 + 2_000, &[]), 0, &Choices::default(), T0 + 3_000, "dev-b");
    let got = b.get(&id).unwrap();
    assert_eq!((got.grades.prospect, got.grades.area.as_str(), got.grades.route_seq), (Some(ProspectGrade::B), "1A", Some(4)));
    assert_eq!(got.field_stamp("prospect"), a.get(&id).unwrap().field_stamp("prospect"), "the grade keeps its stamp");
    let kinds: Vec<GradeKind> = b.history_of(&id).iter().flat_map(|h| h.grades.iter().map(|g| g.kind)).collect();
    assert!(kinds.contains(&GradeKind::Prospect) && kinds.contains(&GradeKind::Man), "{kinds:?}");
    // The 业务员 profile (name, company, title only) leaves the grades out: not provided, so they
    // never erase the receiver's.
    let rep = bundle_of(&a, &fixed(ProfileCode::Rep, Lang::Zh));
    let c = rep.customers.iter().find(|c| c.id == id).unwrap();
    assert!(c.grades.prospect.is_none() && c.withheld.contains("prospect") && c.withheld.contains("route_seq"));
    import(&mut b, &rep, &header("dev-a", T0 + 4_000, &[]), 0, &Choices::default(), T0 + 5_000, "dev-b");
    assert_eq!(b.get(&id).unwrap().grades.prospect, Some(ProspectGrade::B));
}
