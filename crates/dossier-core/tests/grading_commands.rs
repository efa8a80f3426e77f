//! 分级 on a card and 重新分级 (issue 15): what each save writes — the grades, their stamps, the
//! change record with its grade history — what it refuses, and that grades set on two devices
//! merge field by field and travel in bundles.

use chrono::NaiveDate;
use dossier_core::archive::Archive;
use dossier_core::commands::grades::{mark_reviewed, regrade, set_grades, GradesError, GradesInput};
use dossier_core::customer::merge::merge_customer;
use dossier_core::grading::history::sales_changes;
use dossier_core::grading::sales::{grade_sales, CustomerSales, SalesWindow};
use dossier_core::grading::{Cut, Derivation, GradeKind, ManAnswers, ProspectGrade, ProspectScale, SalesGrade, WatchReason};
use dossier_core::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn st(ms: u64, dev: &str) -> Stamp {
    Stamp::new(Hlc { ms, n: 0 }, dev)
}

fn archive(n: usize) -> Archive {
    let customers = sample_archive(7, n, today(), "dev-a");
    Archive::with_entries(customers, vec![], vec![], Numbering::default())
}

fn first_id(a: &Archive) -> String {
    a.customers().iter().find(|c| !c.deleted).unwrap().id.clone()
}

fn apply(a: &mut Archive, planned: (dossier_core::archive::Batch, dossier_core::commands::Expect)) -> ChangeRecord {
    let (batch, _) = planned;
    let rec = batch.history[0].clone();
    a.apply(&batch);
    rec
}

const T: u64 = 1_796_200_000_000;

#[test]
fn the_man_suggestion_is_a_computed_grade_and_another_needs_a_reason() {
    let mut a = archive(3);
    let id = first_id(&a);
    let man = ManAnswers::new(true, true, false); // M-A-n → B
    let input = GradesInput { man: Some(man), by: "王芳".into(), tier: a.get(&id).unwrap().tier, ..Default::default() };
    let planned = set_grades(&a, &id, &input, ProspectScale::Four, today(), Lang::Zh, "h1", &st(T, "dev-a")).unwrap();
    let rec = apply(&mut a, planned);
    let c = a.get(&id).unwrap();
    assert_eq!((c.grades.prospect, c.grades.man, c.grades.reviewed), (Some(ProspectGrade::B), Some(man), Some(today())));
    assert_eq!(rec.action, Action::Grade);
    let kinds: Vec<(GradeKind, Derivation)> = rec.grades.iter().map(|g| (g.kind, g.how)).collect();
    assert_eq!(kinds, [(GradeKind::Man, Derivation::ByHand), (GradeKind::Prospect, Derivation::Computed)]);
    assert_eq!(rec.grades[1].reason, "MAN M-A-n 建议 B级");
    assert!(rec.grades[1].describe(Lang::Zh).contains("无 → B级"), "{}", rec.grades[1].describe(Lang::Zh));
    assert_eq!(c.field_stamp("prospect"), Some(st(T, "dev-a")));

    // Another grade than the suggestion: refused without a reason, nothing planned.
    let other = GradesInput { prospect: Some(ProspectGrade::A), ..input.clone() };
    let err = set_grades(&a, &id, &other, ProspectScale::Four, today(), Lang::Zh, "h2", &st(T + 1, "dev-a")).unwrap_err();
    assert_eq!(err, GradesError::ReasonRequired(GradeKind::Prospect));
    assert!(err.message(Lang::Zh).contains("原因") && err.message(Lang::En).contains("reason"));
    let with_reason = GradesInput { reason: "下月招标".into(), ..other };
    let planned = set_grades(&a, &id, &with_reason, ProspectScale::Four, today(), Lang::Zh, "h2", &st(T + 1, "dev-a")).unwrap();
    let rec = apply(&mut a, planned);
    assert_eq!(a.get(&id).unwrap().grades.prospect, Some(ProspectGrade::A));
    assert_eq!(rec.grades.len(), 1, "MAN unchanged: only the prospect grade is recorded");
    assert_eq!((rec.grades[0].how, rec.grades[0].reason.as_str(), rec.grades[0].by.as_str()), (Derivation::ByHand, "下月招标", "王芳"));
}

#[test]
fn importance_watch_and_route_are_checked_and_saved() {
    let mut a = archive(2);
    let id = first_id(&a);
    let old_tier = a.get(&id).unwrap().tier;
    let new_tier = if old_tier == Some(Tier::Key) { Some(Tier::Ordinary) } else { Some(Tier::Key) };
    let base = GradesInput { tier: new_tier, ..Default::default() };
    let at = st(T, "dev-a");
    assert_eq!(set_grades(&a, &id, &base, ProspectScale::Four, today(), Lang::Zh, "h", &at).unwrap_err(), GradesError::ReasonRequired(GradeKind::Importance));
    let watch_other = GradesInput { tier: old_tier, watch: Some((WatchReason::Other, " ".into())), ..Default::default() };
    assert_eq!(set_grades(&a, &id, &watch_other, ProspectScale::Four, today(), Lang::Zh, "h", &at).unwrap_err(), GradesError::WatchNote);
    let bad_seq = GradesInput { tier: old_tier, route_seq: Some(0), ..Default::default() };
    assert_eq!(set_grades(&a, &id, &bad_seq, ProspectScale::Four, today(), Lang::Zh, "h", &at).unwrap_err(), GradesError::RouteSeq);
    assert_eq!(a.get(&id).unwrap().grades, CardGrades::default(), "refusals change nothing");

    let ok = GradesInput {
        tier: new_tier,
        watch: Some((WatchReason::Growing, "".into())),
        area: " 1ａ ".into(),
        route_seq: Some(3),
        reason: "定期核查：本季增长快".into(),
        ..Default::default()
    };
    let planned = set_grades(&a, &id, &ok, ProspectScale::Four, today(), Lang::Zh, "h", &at).unwrap();
    let rec = apply(&mut a, planned);
    let c = a.get(&id).unwrap();
    assert_eq!(c.tier, new_tier);
    assert_eq!((c.grades.area.as_str(), c.grades.route_seq), ("1A", Some(3)));
    assert_eq!(c.grades.watch.as_ref().map(|w| (w.reason, w.since)), Some((WatchReason::Growing, today())));
    assert_eq!(rec.grades.iter().map(|g| g.kind).collect::<Vec<_>>(), [GradeKind::Importance]);
    let fields: Vec<&str> = rec.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["area", "reviewed", "route_seq", "tier", "watch"]);

    // The same watch saved again the next day keeps its day; only the review moves.
    let next = today().succ_opt().unwrap();
    let again = GradesInput { reason: String::new(), ..ok };
    let planned = set_grades(&a, &id, &again, ProspectScale::Four, next, Lang::Zh, "h3", &st(T + 5, "dev-a")).unwrap();
    let rec = apply(&mut a, planned);
    assert_eq!(a.get(&id).unwrap().grades.watch.as_ref().unwrap().since, today());
    assert_eq!(rec.changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["reviewed"]);
    assert!(rec.grades.is_empty());
}

#[test]
fn grades_set_on_two_devices_merge_field_by_field() {
    let a = archive(1);
    let id = first_id(&a);
    let on_a = GradesInput { man: Some(ManAnswers::new(true, true, true)), tier: a.get(&id).unwrap().tier, ..Default::default() };
    let (ba, _) = set_grades(&a, &id, &on_a, ProspectScale::Four, today(), Lang::Zh, "ha", &st(T, "dev-a")).unwrap();
    let on_b = GradesInput { tier: a.get(&id).unwrap().tier, area: "2B".into(), route_seq: Some(7), ..Default::default() };
    let (bb, _) = set_grades(&a, &id, &on_b, ProspectScale::Four, today(), Lang::Zh, "hb", &st(T + 10, "dev-b")).unwrap();
    let (ca, cb) = (&ba.customers[0], &bb.customers[0]);
    let m1 = merge_customer(ca, cb);
    let m2 = merge_customer(cb, ca);
    assert_eq!(m1, m2, "commutative");
    assert_eq!(m1.grades.prospect, Some(ProspectGrade::A), "device a's grade kept");
    assert_eq!((m1.grades.area.as_str(), m1.grades.route_seq), ("2B", Some(7)), "device b's route kept");
    assert_eq!(merge_customer(&m1, &m1), m1, "idempotent");
}

#[test]
fn regrade_stores_changed_grades_only_with_the_rule_s_account() {
    let mut a = archive(3);
    let ids: Vec<String> = a.customers().iter().filter(|c| !c.deleted).map(|c| c.id.clone()).collect();
    let window = SalesWindow::ending_before(today(), 3).unwrap();
    let sales: Vec<CustomerSales> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| CustomerSales { customer_id: id.clone(), months: vec![[800_000, 150_000, 50_000][i]; 3] })
        .collect();
    let grading = grade_sales(&sales, window, &Cut::default()).unwrap();
    let moves = sales_changes(&grading, |id| a.get(id).and_then(|c| c.grades.sales), today(), Lang::Zh);
    assert_eq!(moves.len(), 3);
    let records: Vec<String> = (0..3).map(|i| format!("r{i}")).collect();
    let (batch, expect) = regrade(&a, &moves, &records, &st(T, "dev-a"));
    assert_eq!((batch.customers.len(), batch.history.len(), expect.len()), (3, 3, 3));
    assert!(batch.history.iter().all(|h| h.action == Action::Grade && h.grades.len() == 1 && !h.grades[0].reason.is_empty()));
    a.apply(&batch);
    let graded: Vec<Option<SalesGrade>> = ids.iter().map(|id| a.get(id).unwrap().grades.sales).collect();
    assert_eq!(graded, [Some(SalesGrade::A), Some(SalesGrade::B), Some(SalesGrade::C)]);
    // Nothing moved: nothing to write; a stale move (card already there) is skipped.
    assert!(sales_changes(&grading, |id| a.get(id).and_then(|c| c.grades.sales), today(), Lang::Zh).is_empty());
    let (again, _) = regrade(&a, &moves, &records, &st(T + 1, "dev-a"));
    assert!(again.customers.is_empty() && again.history.is_empty());
}

#[test]
fn a_review_moves_only_the_review_date_and_grade_history_survives_json() {
    let mut a = archive(1);
    let id = first_id(&a);
    let planned = mark_reviewed(&a, &id, today(), "h", &st(T, "dev-a")).unwrap();
    let rec = apply(&mut a, planned);
    assert_eq!(a.get(&id).unwrap().grades.reviewed, Some(today()));
    assert_eq!(rec.changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["reviewed"]);

    let input = GradesInput { man: Some(ManAnswers::new(false, true, true)), tier: a.get(&id).unwrap().tier, ..Default::default() };
    let planned = set_grades(&a, &id, &input, ProspectScale::Four, today(), Lang::Zh, "h2", &st(T + 1, "dev-a")).unwrap();
    let rec = apply(&mut a, planned);
    let json = serde_json::to_string(&rec).unwrap();
    let back: ChangeRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(back, rec);
    let card_json = serde_json::to_string(a.get(&id).unwrap()).unwrap();
    assert!(card_json.contains(r#""gr":{"#), "{card_json}");
    let card: Customer = serde_json::from_str(&card_json).unwrap();
    assert_eq!(card.grades.prospect, Some(ProspectGrade::B));
    // A card of an older build has no grades: it reads as none.
    let old: Customer = serde_json::from_str(&card_json.replace(r#""gr":"#, r#""unused":"#)).unwrap();
    assert_eq!(old.grades, CardGrades::default());
}

#[test]
fn the_list_filters_by_prospect_grade_from_cards_and_from_summaries() {
    let mut a = archive(4);
    let ids: Vec<String> = a.customers().iter().filter(|c| !c.deleted).map(|c| c.id.clone()).collect();
    for (id, grade) in ids.iter().zip([ProspectGrade::B, ProspectGrade::A, ProspectGrade::B]) {
        let input = GradesInput { prospect: Some(grade), tier: a.get(id).unwrap().tier, reason: "初次评估".into(), ..Default::default() };
        let planned = set_grades(&a, id, &input, ProspectScale::Four, today(), Lang::Zh, "h", &st(T, "dev-a")).unwrap();
        apply(&mut a, planned);
    }
    let f = Filter { prospect: Some(ProspectGrade::B), ..Filter::default() };
    let from_cards = SearchIndex::build(a.customers()).select("", &f);
    let summaries = dossier_core::summary::Summary::all(a.customers().iter().map(|c| (c, &[][..])));
    let from_summaries = SearchIndex::build(&summaries).select("", &f);
    let at = |id: &String| a.customers().iter().position(|c| &c.id == id).unwrap() as u32;
    assert_eq!(from_cards, vec![at(&ids[0]), at(&ids[2])]);
    assert_eq!(from_summaries, from_cards);
}
