//! 今日's complaint items (agenda::day): an open complaint (not yet 建立商誉) received more than the
//! settings' days ago (default 7, 1–90), on the list of the customer's owner like the other items;
//! what it says (type, step, days open) and whether the customer's written agreement to a long
//! investigation is still missing.

use chrono::NaiveDate;
use dossier_core::agenda::day::{build, DayKind, DayScope};
use dossier_core::grading::cadence::{DueStatus, PlanRole};
use dossier_core::grading::settings::GradingSettings;
use dossier_core::ledger::{ComplaintFact, ComplaintKind, ComplaintStep};
use dossier_core::summary::Summary;
use dossier_core::{Lang, Stage};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2026, 3, 11)
}

/// A live current customer of rep `r1` with nothing to do (from its wire form).
fn cust(id: &str) -> Summary {
    let mut s: Summary = serde_json::from_value(serde_json::json!({ "id": id, "n": format!("客户{id}"), "k": "ent" })).unwrap();
    s.stage = Stage::Current;
    s.owner = "r1".into();
    s
}

fn complaint(id: &str, step: ComplaintStep, received: NaiveDate) -> ComplaintFact {
    ComplaintFact { id: id.into(), kind: ComplaintKind::Quality, step, received, owner: "王伟".into(), owner_id: "r1".into(), ..ComplaintFact::default() }
}

fn with(id: &str, complaints: Vec<ComplaintFact>) -> Summary {
    let mut s = cust(id);
    s.facts.complaints = complaints;
    s
}

fn day_of(summaries: &[Summary], owner: Option<&str>, days: u8) -> dossier_core::agenda::Day {
    let scope = DayScope { owner: owner.map(str::to_string), role: PlanRole::Rep };
    let settings = GradingSettings { complaint_days: days, ..GradingSettings::default() };
    build(summaries, &scope, &settings, &[], Some(today()), today())
}

#[test]
fn open_complaints_past_their_days_are_listed() {
    // Received 8 days ago: past the default 7. Exactly 7 days: not yet. Closed (建立商誉): never.
    // Received in the future (a clock ahead): not yet.
    let s = with(
        "a",
        vec![
            complaint("c8", ComplaintStep::Facts, d(2026, 3, 3)),
            complaint("c7", ComplaintStep::Received, d(2026, 3, 4)),
            complaint("closed", ComplaintStep::Goodwill, d(2026, 1, 4)),
            complaint("ahead", ComplaintStep::Received, d(2026, 3, 20)),
        ],
    );
    let day = day_of(std::slice::from_ref(&s), None, 7);
    let got: Vec<_> = day.items.iter().map(|i| (i.kind, i.section, i.date, i.complaint.as_ref().map(|c| (c.id.as_str(), c.days_open)))).collect();
    assert_eq!(got, [(DayKind::Complaint, DueStatus::Overdue, d(2026, 3, 10), Some(("c8", 8)))]);
    assert_eq!(day.counts.kind(DayKind::Complaint), 1);
    assert_eq!(DayKind::Complaint.code(), "complaint");
    assert_eq!(DayKind::Complaint.label(Lang::Zh), "投诉待处理");
    assert_eq!(DayKind::Complaint.label(Lang::En), "Open complaint");
    // Fewer days: both open ones; the setting is cut into 1–90.
    assert_eq!(day_of(std::slice::from_ref(&s), None, 1).counts.kind(DayKind::Complaint), 2);
    assert_eq!(day_of(std::slice::from_ref(&s), None, 0).counts.kind(DayKind::Complaint), 2, "0 is read as 1");
    assert_eq!(day_of(&[s], None, 200).counts.kind(DayKind::Complaint), 0, "200 is read as 90");
}

#[test]
fn the_item_says_type_step_and_days_open() {
    let mut c = complaint("c1", ComplaintStep::Facts, d(2026, 2, 27));
    c.kind = ComplaintKind::Transport;
    let day = day_of(&[with("a", vec![c.clone()])], None, 7);
    let it = &day.items[0];
    assert_eq!(it.describe(Lang::Zh), "投诉待处理：货物运输投诉，查明事实（负责人 王伟） · 已受理 12 天（2026-02-27 受理）");
    assert_eq!(it.describe(Lang::En), "Open complaint: Transport, Establishing the facts (handled by 王伟) · open 12 days (received 2026-02-27)");
    assert_eq!(it.who, "王伟");
    let oc = it.complaint.as_ref().unwrap();
    assert_eq!((oc.kind, oc.step, oc.received), (ComplaintKind::Transport, ComplaintStep::Facts, d(2026, 2, 27)));
    // Still investigating without the customer's written agreement: it must be obtained.
    assert!(oc.needs_agreement);
    c.agreed = true;
    assert!(!day_of(&[with("a", vec![c.clone()])], None, 7).items[0].complaint.as_ref().unwrap().needs_agreement);
    // Past the facts, the agreement is no longer the point.
    c.agreed = false;
    c.step = ComplaintStep::Proposed;
    assert!(!day_of(&[with("a", vec![c])], None, 7).items[0].complaint.as_ref().unwrap().needs_agreement);
}

#[test]
fn complaints_go_on_the_owners_list_like_the_other_items() {
    let old = d(2026, 2, 1);
    let mine = with("mine", vec![complaint("m", ComplaintStep::Proposed, old)]);
    let mut theirs = with("theirs", vec![complaint("t", ComplaintStep::Settled, old)]);
    theirs.owner = "r2".into();
    let mut former = with("former", vec![complaint("f", ComplaintStep::Received, old)]);
    former.stage = Stage::Former;
    let mut gone = with("gone", vec![complaint("g", ComplaintStep::Received, old)]);
    gone.deleted = true;
    let all = [mine, theirs, former, gone];
    let ids = |owner: Option<&str>| day_of(&all, owner, 7).items.iter().map(|i| i.customer_id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(Some("r1")), ["mine"]);
    assert_eq!(ids(Some("r2")), ["theirs"]);
    // Everyone's: not the 旧客户 nor the deleted card (as every other item).
    assert_eq!(ids(None), ["mine", "theirs"]);
}

#[test]
fn complaints_sort_by_the_day_their_days_ended() {
    let mut s = with("a", vec![complaint("c1", ComplaintStep::Received, d(2026, 3, 1)), complaint("c2", ComplaintStep::Suggested, d(2026, 2, 1))]);
    s.open.open = vec![(d(2026, 3, 1), 1_000)];
    let day = day_of(&[s], None, 7);
    let kinds: Vec<_> = day.items.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [DayKind::Complaint, DayKind::Collection, DayKind::Complaint]);
    // The older complaint (its 7 days ended 2026-02-08) comes first among the overdue items.
    assert_eq!(day.items[0].complaint.as_ref().unwrap().id, "c2");
    assert_eq!(day.counts.kind(DayKind::Complaint), 2);
    assert_eq!(day.counts.customers, 1);
}
