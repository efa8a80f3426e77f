//! 客户信用管理 on a card (issue 16): the credit records a card's file keeps (信用资料, 核定,
//! 调查 with urgent reports and instructions, 对策, 放行), the facts the summary takes from them,
//! and the order check that holds an order (信用冻结) until a manager releases it.

use chrono::NaiveDate;
use dossier_core::archive::{Archive, Batch};
use dossier_core::commands::credit::{approve_limit, instruct, record_info, record_investigation, release_order, take_countermeasure, CreditError};
use dossier_core::commands::entries::{add_entry, edit_entry, EntryInput};
use dossier_core::credit::{Approval, ApprovalError, Countermeasure, CountermeasureTaken, CreditClass, CreditSettings, Figure, Sign, SignReview, Source, Verdict};
use dossier_core::ledger::credit::{order_check, CreditFacts, Investigation, Survey};
use dossier_core::ledger::{Delivery, DeliveryLine, Order, OrderLine, OrderStatus};
use dossier_core::summary::Summary;
use dossier_core::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d("2026-12-01")
}

fn st(ms: u64) -> Stamp {
    Stamp::new(Hlc { ms, n: 0 }, "dev-a")
}

const T: u64 = 1_796_200_000_000;

/// One customer, created 2025-01-01, with no file.
fn archive() -> (Archive, String) {
    let mut customers = sample_archive(3, 1, d("2025-01-01"), "dev-a");
    customers[0].deleted = false;
    let id = customers[0].id.clone();
    (Archive::with_entries(customers, vec![], vec![], Numbering::default()), id)
}

fn apply(a: &mut Archive, planned: (Batch, dossier_core::commands::Expect)) -> Batch {
    a.apply(&planned.0);
    planned.0
}

/// An order of `fen` (one line) typed into the form, status 待出货.
fn order_form(no: &str, fen: i64, cash: bool) -> RawForm {
    let mut raw = flat_values([("no", no), ("date", "2026-11-30"), ("rep", "王芳"), ("status", "open")]);
    raw.insert("lines".into(), FieldValue::Rows(vec![vec!["货".into(), "1".into(), format_yuan(fen)]]));
    if cash {
        raw.insert("cash".into(), FieldValue::Flag(true));
    }
    raw
}

fn approve(a: &mut Archive, id: &str, fen: i64, n: u64) {
    let approval = Approval::manual(fen, "赵经理", "年度核定", today());
    let p = approve_limit(a, id, approval, today(), &format!("lim{n}"), &st(T + n)).unwrap();
    apply(a, p);
}

fn status(a: &Archive, entry: &str) -> OrderStatus {
    match &a.entry(entry).unwrap().body {
        EntryBody::Order(o) => o.status,
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_order_beyond_the_limit_is_held_and_only_a_release_sends_it_on() {
    let (mut a, id) = archive();
    let s = CreditSettings::default();
    approve(&mut a, &id, 10_000_000, 1); // ¥100,000
    let input = |raw| EntryInput { raw, today: today(), confirmed: false, credit: Some(&s) };

    // ¥90,000 is exactly 90 %: passes, goes out as typed.
    let raw = order_form("PO-1", 9_000_000, false);
    assert_eq!(order_check(a.ledger(&id), 9_000_000, false, None, &s, today()).verdict, Verdict::Pass);
    { let p = add_entry(&a, &id, EntryKind::Order, input(&raw), "o1", &st(T + 10)).unwrap(); apply(&mut a, p) };
    assert_eq!(status(&a, "o1"), OrderStatus::Open);
    // The open order counts: another ¥10,000 makes exactly 100 %, a warning, still sent.
    assert_eq!(order_check(a.ledger(&id), 1_000_000, false, None, &s, today()).verdict, Verdict::Warn);
    // ¥10,000.01 more is over the limit: held whatever status was asked.
    let raw = order_form("PO-2", 1_000_001, false);
    { let p = add_entry(&a, &id, EntryKind::Order, input(&raw), "o2", &st(T + 11)).unwrap(); apply(&mut a, p) };
    assert_eq!(status(&a, "o2"), OrderStatus::Blocked);
    // A held order does not count as open: the first is still all of the exposure.
    assert_eq!(CreditFacts::of(a.ledger(&id)).open_orders, 9_000_000);
    assert_eq!(CreditFacts::of(a.ledger(&id)).blocked, 1);
    // Editing it back to 待出货 does not release it while the check blocks.
    let seen = Some(dossier_core::archive::entry_version(a.entry("o2").unwrap()));
    { let p = edit_entry(&a, "o2", input(&raw), seen, &st(T + 12)).unwrap(); apply(&mut a, p) };
    assert_eq!(status(&a, "o2"), OrderStatus::Blocked);
    // A cash sale uses no credit: not held.
    let raw = order_form("PO-3", 50_000_000, true);
    { let p = add_entry(&a, &id, EntryKind::Order, input(&raw), "o3", &st(T + 13)).unwrap(); apply(&mut a, p) };
    assert_eq!(status(&a, "o3"), OrderStatus::Open);

    // Release: a reason and a name are required; then one batch sends it on and logs it.
    let err = release_order(&a, "o2", "赵经理", " ", &s, today(), Lang::Zh, "r1", &st(T + 20)).unwrap_err();
    assert_eq!(err, CreditError::NoReason);
    assert_eq!(release_order(&a, "o1", "赵经理", "老客户", &s, today(), Lang::Zh, "r1", &st(T + 20)).unwrap_err(), CreditError::NotHeld);
    let batch = { let p = release_order(&a, "o2", "赵经理", "老客户，月底回款", &s, today(), Lang::Zh, "r1", &st(T + 20)).unwrap(); apply(&mut a, p) };
    assert_eq!(batch.entries.len(), 2);
    assert_eq!(status(&a, "o2"), OrderStatus::Open);
    let EntryBody::Release(r) = &a.entry("r1").unwrap().body else { panic!() };
    assert_eq!((r.oid.as_str(), r.by.as_str(), r.reason.as_str(), r.date), ("o2", "赵经理", "老客户，月底回款", today()));
    assert!(r.check.contains("冻结"), "{}", r.check);
    assert_eq!(a.entry("r1").unwrap().body.kind(), EntryKind::Credit);
}

#[test]
fn a_credit_sale_without_a_limit_is_held_and_the_hold_lifts_when_a_limit_is_approved() {
    let (mut a, id) = archive();
    let s = CreditSettings::default();
    let raw = order_form("PO-1", 100_000, false);
    let input = EntryInput { raw: &raw, today: today(), confirmed: false, credit: Some(&s) };
    { let p = add_entry(&a, &id, EntryKind::Order, input, "o1", &st(T)).unwrap(); apply(&mut a, p) };
    assert_eq!(status(&a, "o1"), OrderStatus::Blocked);
    approve(&mut a, &id, 1_000_000, 1);
    let seen = Some(dossier_core::archive::entry_version(a.entry("o1").unwrap()));
    { let p = edit_entry(&a, "o1", input, seen, &st(T + 5)).unwrap(); apply(&mut a, p) };
    assert_eq!(status(&a, "o1"), OrderStatus::Open, "the check passes now");
}

#[test]
fn an_overdue_receivable_holds_even_a_small_order() {
    let (mut a, id) = archive();
    let s = CreditSettings::default();
    approve(&mut a, &id, 10_000_000, 1);
    // A delivery due 31 days ago, unpaid.
    let order = Order { no: "PO-0".into(), date: d("2026-09-01"), lines: vec![OrderLine { product: "货".into(), qty: 1, unit_fen: 100_000, unit: String::new() }], status: OrderStatus::Delivered, ..Order::default() };
    let due = today() - chrono::Days::new(31);
    let dlv = Delivery { oid: "o0".into(), date: d("2026-09-01"), lines: vec![DeliveryLine { line: 0, qty: 1, unit_fen: 100_000 }], fen: 100_000, due, note: String::new() };
    a.apply(&Batch {
        entries: vec![Entry::new("o0".into(), id.clone(), EntryBody::Order(order), st(T)), Entry::new("d0".into(), id.clone(), EntryBody::Delivery(dlv), st(T))],
        ..Batch::default()
    });
    let r = order_check(a.ledger(&id), 100, false, None, &s, today());
    assert_eq!(r.verdict, Verdict::Block);
    // 30 days overdue does not block.
    let mut a30 = a.clone();
    let e = a30.entry("d0").unwrap().clone();
    let EntryBody::Delivery(mut dl) = e.body.clone() else { panic!() };
    dl.due = today() - chrono::Days::new(30);
    let mut e2 = e.clone();
    e2.set_body(EntryBody::Delivery(dl), st(T + 1));
    a30.apply(&Batch { entries: vec![e2], ..Batch::default() });
    assert_eq!(order_check(a30.ledger(&id), 100, false, None, &s, today()).verdict, Verdict::Pass);
}

#[test]
fn profile_class_approvals_and_reports_reach_the_summary() {
    let (mut a, id) = archive();
    let mut info = dossier_core::ledger::credit::CreditInfo { date: d("2026-11-20"), by: " 王芳 ".into(), class: Some(CreditClass::B), ..Default::default() };
    info.profile.monthly_purchases = Some(Figure::new(100_000_000, d("2026-11-20"), Source::Internal));
    { let p = record_info(&a, &id, info.clone(), today(), "i1", &st(T)).unwrap(); apply(&mut a, p) };
    // A date after today is refused.
    let future = dossier_core::ledger::credit::CreditInfo { date: d("2026-12-02"), ..info.clone() };
    assert_eq!(record_info(&a, &id, future, today(), "i2", &st(T + 1)).unwrap_err(), CreditError::FutureDate(d("2026-12-02")));
    // No approver: refused, with the approval's own reason.
    let err = approve_limit(&a, &id, Approval::manual(100, " ", "x", today()), today(), "l0", &st(T + 2)).unwrap_err();
    assert_eq!(err, CreditError::Approval(ApprovalError::NoApprover));
    assert!(err.message(Lang::Zh).contains("核定人"));
    approve(&mut a, &id, 5_000_000, 3);
    approve(&mut a, &id, 6_000_000, 4); // the later one is in force
    // A written report on 2026-11-25.
    let inv = Investigation { review: SignReview { date: d("2026-11-25"), by: "王芳".into(), ..Default::default() }, survey: Some(Survey::default()), report: true, ..Default::default() };
    { let p = record_investigation(&a, &id, inv, &CreditSettings::default(), today(), "v1", &st(T + 5)).unwrap().0; apply(&mut a, p) };
    let c = a.get(&id).unwrap().clone();
    let s = Summary::of(&c, a.ledger(&id), &mut LedgerScratch::default());
    assert_eq!(s.credit.limit, Some(6_000_000));
    assert_eq!(s.credit.class, Some(CreditClass::B));
    assert_eq!(s.credit.last_report, Some(d("2026-11-25")));
    assert_eq!(s.credit.next_report(today()), Some(d("2027-02-25")), "B: every 3 months");
    // The summary travels as JSON and back.
    let back: Summary = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(back, s);
}

#[test]
fn an_urgent_report_waits_for_the_superiors_instruction() {
    let (mut a, id) = archive();
    let s = CreditSettings::default();
    // An empty investigation is refused.
    let empty = Investigation { review: SignReview { date: today(), by: "王芳".into(), ..Default::default() }, ..Default::default() };
    assert_eq!(record_investigation(&a, &id, empty, &s, today(), "v0", &st(T)).unwrap_err(), CreditError::Empty);
    // One payment sign is urgent on its own.
    let review = SignReview { date: today(), by: "王芳".into(), signs: vec![Sign::PMissed, Sign::PMissed], ..Default::default() };
    let (planned, urgent) = record_investigation(&a, &id, Investigation { review, ..Default::default() }, &s, today(), "v1", &st(T + 1)).unwrap();
    assert!(urgent);
    { let p = planned; apply(&mut a, p) };
    let facts = CreditFacts::of(a.ledger(&id));
    assert_eq!(facts.urgent, vec![("v1".to_string(), today())]);
    // Ticked twice, kept once.
    let EntryBody::Investigation(inv) = &a.entry("v1").unwrap().body else { panic!() };
    assert_eq!(inv.review.signs, vec![Sign::PMissed]);
    // The instruction needs words; then the report no longer waits.
    assert_eq!(instruct(&a, "v1", "赵经理", "", today(), &st(T + 2)).unwrap_err(), CreditError::NoReason);
    { let p = instruct(&a, "v1", "赵经理", "暂停赊销，催收欠款", today(), &st(T + 2)).unwrap(); apply(&mut a, p) };
    assert!(CreditFacts::of(a.ledger(&id)).urgent.is_empty());
    assert_eq!(instruct(&a, "v1", "赵经理", "再说一次", today(), &st(T + 3)).unwrap_err(), CreditError::NotWaiting);
    // A countermeasure is recorded with who and when.
    let cm = CountermeasureTaken { measure: Countermeasure::Deposit, date: today(), by: "赵经理".into(), note: "保证金 ¥20,000".into() };
    { let p = take_countermeasure(&a, &id, cm, today(), "m1", &st(T + 4)).unwrap(); apply(&mut a, p) };
    assert_eq!(dossier_core::ledger::credit::countermeasures(a.ledger(&id)).len(), 1);
}

#[test]
fn credit_records_survive_json_and_a_generic_form_cannot_make_one() {
    let (mut a, id) = archive();
    approve(&mut a, &id, 5_000_000, 1);
    let e = a.entry("lim1").unwrap();
    let json = serde_json::to_string(e).unwrap();
    assert!(json.contains("\"t\":\"clim\""), "{json}");
    let back: Entry = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, e);
    let raw = flat_values([("x", "1")]);
    let input = EntryInput { raw: &raw, today: today(), confirmed: false, credit: None };
    assert!(add_entry(&a, &id, EntryKind::Credit, input, "z", &st(T)).is_err());
}
