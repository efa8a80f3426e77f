//! 客户投诉 and 交易开始与中止 on a card (issue 17): the claim steps and what each needs, the money
//! compensation written as a 退赔折价 in the same save (and taken back with the complaint), the
//! 交易开始调查书 a potential customer needs before it becomes current, and 中止交易.

use chrono::NaiveDate;
use dossier_core::archive::{Archive, Batch};
use dossier_core::commands::cards::{close_account, make_current, CardError};
use dossier_core::commands::entries::{add_entry, delete_entry, edit_entry, restore_entry, EntryError, EntryInput};
use dossier_core::ledger::{compensation_entry_id, AdjustKind, ComplaintStep, Delivery, DeliveryLine, Order, OrderLine, Responsibility};
use dossier_core::primitives::codes::Stage;
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

/// One customer (created 2025-01-01) with an order o1 of 10 × ¥100.00 and a delivery d1 of 4
/// (¥400.00, due 2026-11-10).
fn archive(stage: Stage) -> (Archive, String) {
    let mut customers = sample_archive(3, 1, d("2025-01-01"), "dev-a");
    customers[0].deleted = false;
    customers[0].stage = stage;
    let id = customers[0].id.clone();
    let o = Order { no: "HT-1".into(), date: d("2026-10-01"), lines: vec![OrderLine { product: "货".into(), qty: 10, unit_fen: 10_000, unit: String::new() }], ..Default::default() };
    let dl = Delivery { oid: "o1".into(), date: d("2026-10-11"), lines: vec![DeliveryLine { line: 0, qty: 4, unit_fen: 10_000 }], fen: 40_000, due: d("2026-11-10"), note: String::new() };
    let entries = vec![
        Entry::new("o1".into(), id.clone(), EntryBody::Order(o), st(T)),
        Entry::new("d1".into(), id.clone(), EntryBody::Delivery(dl), st(T + 1)),
    ];
    (Archive::with_entries(customers, entries, vec![], Numbering::default()), id)
}

/// Runs a command planned against `a` and applies its batch.
macro_rules! apply {
    ($a:ident, $planned:expr) => {{
        let planned: (Batch, dossier_core::commands::Expect) = $planned;
        $a.apply(&planned.0);
        planned.0
    }};
}

fn input(raw: &RawForm) -> EntryInput<'_> {
    EntryInput { raw, today: today(), confirmed: false, credit: None }
}

fn received() -> RawForm {
    flat_values([("kind", "quality"), ("received", "2026-11-20"), ("said", "第二批货外包装破损，三箱受潮"), ("about", "d1"), ("owner", "王芳"), ("step", "received")])
}

fn with(mut raw: RawForm, pairs: &[(&str, &str)]) -> RawForm {
    for (k, v) in pairs {
        raw.insert(k.to_string(), (*v).into());
    }
    raw
}

fn problems(a: &Archive, id: &str, raw: &RawForm) -> Vec<(String, Problem)> {
    match add_entry(a, id, EntryKind::Complaint, input(raw), "x", &st(T + 99)) {
        Err(EntryError::Invalid(errs)) => errs.into_iter().map(|e| (e.field, e.problem)).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

fn owed(a: &Archive, id: &str) -> i64 {
    CustomerLedger::build(a.ledger(id), today()).balance()
}

#[test]
fn each_step_asks_for_what_the_seed_says_before_it() {
    let (a, id) = archive(Stage::Current);
    // 受理 needs only what the customer said, the type, the day and who handles it.
    assert!(add_entry(&a, &id, EntryKind::Complaint, input(&received()), "c1", &st(T + 10)).is_ok());
    let p = problems(&a, &id, &with(received(), &[("said", "")]));
    assert_eq!(p, vec![("said".to_string(), Problem::Required)]);
    // 提出解决办法 needs the first answer, the facts, the responsibility (not 待查) and a solution.
    let p = problems(&a, &id, &with(received(), &[("step", "proposed"), ("responsibility", "pending")]));
    let fields: Vec<&str> = p.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["answered", "facts", "responsibility", "solution"]);
    assert!(p.iter().all(|(_, x)| *x == Problem::RequiredAtStep(ComplaintStep::Proposed)));
    // While responsibility is 待查 nothing is conceded: no replacement, no money.
    let p = problems(&a, &id, &with(received(), &[("step", "facts"), ("remedy", "money")]));
    assert_eq!(p, vec![("remedy".to_string(), Problem::ConcedeNothing)]);
    let p = problems(&a, &id, &with(received(), &[("step", "facts"), ("amount", "100")]));
    assert_eq!(p, vec![("amount".to_string(), Problem::ConcedeNothing)]);
    // 公平解决索赔 when the carrier is at fault: the meeting of everyone involved decides, the
    // departments are told, a remedy and a resolved date are recorded.
    let proposed = with(received(), &[("answered", "2026-11-21"), ("facts", "承运方装卸不当"), ("responsibility", "carrier"), ("solution", "调换三箱")]);
    assert!(add_entry(&a, &id, EntryKind::Complaint, input(&with(proposed.clone(), &[("step", "proposed")])), "c2", &st(T + 11)).is_ok());
    let p = problems(&a, &id, &with(proposed.clone(), &[("step", "settled")]));
    let fields: Vec<&str> = p.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["meeting", "remedy", "notified", "resolved"], "in the form's order");
    // A supplier at fault: the claim against the supplier is needed too.
    let p = problems(&a, &id, &with(proposed.clone(), &[("step", "settled"), ("responsibility", "supplier")]));
    assert!(p.iter().any(|(f, x)| f == "supplier_claim" && *x == Problem::RequiredAtStep(ComplaintStep::Settled)), "{p:?}");
    // A resolved date before the claim is settled, or before it was received, is refused.
    let p = problems(&a, &id, &with(proposed.clone(), &[("step", "proposed"), ("resolved", "2026-11-25")]));
    assert_eq!(p, vec![("resolved".to_string(), Problem::TooEarlyForStep(ComplaintStep::Settled))]);
    let p = problems(&a, &id, &with(proposed.clone(), &[("answered", "2026-11-19")]));
    assert_eq!(p, vec![("answered".to_string(), Problem::BeforeReceived)]);
    // An amount only goes with money compensation; 建立商誉 needs the customer's answer and the follow-up.
    let settled = with(proposed, &[("responsibility", "us"), ("resolved", "2026-11-25"), ("notified", "质检部、仓储部"), ("remedy", "replace")]);
    let p = problems(&a, &id, &with(settled.clone(), &[("step", "settled"), ("amount", "50")]));
    assert_eq!(p, vec![("amount".to_string(), Problem::AmountWithoutMoney)]);
    let p = problems(&a, &id, &with(settled.clone(), &[("step", "goodwill")]));
    let fields: Vec<&str> = p.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["suggestion", "satisfied", "follow"]);
    let done = with(settled, &[("step", "goodwill"), ("suggestion", "推荐防潮包装新品"), ("satisfied", "yes"), ("follow", "12月1日回访，客户认可")]);
    assert!(add_entry(&a, &id, EntryKind::Complaint, input(&done), "c3", &st(T + 12)).is_ok());
    // An order or delivery that is not in this file is refused beside the field.
    let p = problems(&a, &id, &with(received(), &[("about", "zz")]));
    assert_eq!(p, vec![("about".to_string(), Problem::UnknownOrderOrDelivery)]);
}

#[test]
fn a_settled_money_compensation_is_a_refund_in_the_same_save_and_goes_with_the_complaint() {
    let (mut a, id) = archive(Stage::Current);
    assert_eq!(owed(&a, &id), 40_000);
    let base = with(
        received(),
        &[("answered", "2026-11-21"), ("facts", "包装不合格"), ("responsibility", "us"), ("solution", "补偿货款"), ("remedy", "money"), ("amount", "120.50")],
    );
    // Proposed with an amount: nothing is credited until the claim is settled.
    let b = apply!(a, add_entry(&a, &id, EntryKind::Complaint, input(&with(base.clone(), &[("step", "proposed")])), "c1", &st(T + 10)).unwrap());
    assert_eq!(b.entries.len(), 1);
    assert_eq!(owed(&a, &id), 40_000);
    // Settled without the approver is refused; with one, the 退赔折价 is written in the same batch.
    let settled = with(base, &[("step", "settled"), ("resolved", "2026-11-26"), ("notified", "质检部")]);
    let Err(EntryError::Invalid(errs)) = edit_entry(&a, "c1", input(&settled), None, &st(T + 11)) else { panic!() };
    assert_eq!(errs.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["approver"]);
    let settled = with(settled, &[("approver", "赵经理")]);
    let (batch, expect) = edit_entry(&a, "c1", input(&settled), None, &st(T + 12)).unwrap();
    assert_eq!(batch.entries.len(), 2);
    let comp_id = compensation_entry_id("c1");
    assert_eq!(expect[1], (comp_id.clone(), None));
    a.apply(&batch);
    let EntryBody::Return(r) = &a.entry(&comp_id).unwrap().body else { panic!() };
    assert_eq!((r.kind, r.fen, r.approved, r.approver.as_str(), r.dlv.as_deref(), r.cmp.as_deref()), (AdjustKind::Compensation, 12_050, true, "赵经理", Some("d1"), Some("c1")));
    assert_eq!(r.date, d("2026-11-26"));
    assert_eq!(r.responsibility, Some(Responsibility::Us));
    assert_eq!(owed(&a, &id), 40_000 - 12_050);
    // The summary counts it.
    let s = Summary::all(a.files());
    assert_eq!(s[0].facts.complaints[0].fen, 12_050);
    // The refund cannot be edited or deleted on its own.
    assert_eq!(delete_entry(&a, &comp_id, &st(T + 13)).unwrap_err(), EntryError::MadeElsewhere);
    assert_eq!(edit_entry(&a, &comp_id, input(&RawForm::new()), None, &st(T + 13)).unwrap_err(), EntryError::MadeElsewhere);
    // A changed amount changes it; the same complaint saved again writes nothing more.
    let more = with(settled.clone(), &[("amount", "200")]);
    apply!(a, edit_entry(&a, "c1", input(&more), None, &st(T + 14)).unwrap());
    assert_eq!(owed(&a, &id), 20_000);
    let (again, _) = edit_entry(&a, "c1", input(&more), None, &st(T + 15)).unwrap();
    assert_eq!(again.entries.len(), 1);
    // More than is left on the delivery is refused beside the amount.
    let Err(EntryError::Invalid(errs)) = edit_entry(&a, "c1", input(&with(settled.clone(), &[("amount", "400.01")])), None, &st(T + 16)) else { panic!() };
    assert_eq!(errs[0].problem, Problem::ReturnExceedsDelivery { left: 40_000 });
    // Deleting the complaint takes the refund back; restoring it brings it back.
    apply!(a, delete_entry(&a, "c1", &st(T + 17)).unwrap());
    assert!(a.entry(&comp_id).unwrap().deleted);
    assert_eq!(owed(&a, &id), 40_000);
    apply!(a, restore_entry(&a, "c1", &st(T + 18)).unwrap());
    assert!(!a.entry(&comp_id).unwrap().deleted);
    assert_eq!(owed(&a, &id), 20_000);
    // Changed to a replacement: the money is taken back.
    let replace = with(settled, &[("remedy", "replace"), ("amount", "")]);
    apply!(a, edit_entry(&a, "c1", input(&replace), None, &st(T + 19)).unwrap());
    assert!(a.entry(&comp_id).unwrap().deleted);
    assert_eq!(owed(&a, &id), 40_000);
    // The delivery the complaint is about cannot be deleted under it.
    assert!(matches!(delete_entry(&a, "d1", &st(T + 20)), Err(EntryError::InUse(ids)) if ids == ["c1"]));
}

fn survey(pairs: &[(&str, &str)]) -> RawForm {
    with(flat_values([("date", "2026-11-02"), ("by", "王芳"), ("goods", "酱油、醋，月供两车")]), pairs)
}

#[test]
fn trade_starts_only_on_an_approved_survey_and_stops_with_its_documents_kept() {
    let (mut a, id) = archive(Stage::Potential);
    assert_eq!(make_current(&a, &id, "h1", &st(T + 1)).unwrap_err(), CardError::NoTradeStart);
    // Endorsed by the head only: still no.
    apply!(a, add_entry(&a, &id, EntryKind::TradeStart, input(&survey(&[("head", "李主管"), ("head_on", "2026-11-03")])), "t1", &st(T + 2)).unwrap());
    assert_eq!(make_current(&a, &id, "h1", &st(T + 3)).unwrap_err(), CardError::NoTradeStart);
    assert!(Summary::all(a.files())[0].facts.start_waiting);
    // The chairman before the head, or a date without a name, is refused.
    let bad = survey(&[("head", "李主管"), ("head_on", "2026-11-05"), ("chair", "陈董"), ("chair_on", "2026-11-04")]);
    let Err(EntryError::Invalid(errs)) = edit_entry(&a, "t1", input(&bad), None, &st(T + 4)) else { panic!() };
    assert_eq!(errs[0].problem, Problem::ChairBeforeHead);
    let bad = survey(&[("head_on", "2026-11-05")]);
    let Err(EntryError::Invalid(errs)) = edit_entry(&a, "t1", input(&bad), None, &st(T + 4)) else { panic!() };
    assert_eq!(errs[0].problem, Problem::NameForDate);
    let ok = survey(&[("head", "李主管"), ("head_on", "2026-11-03"), ("chair", "陈董"), ("chair_on", "2026-11-06")]);
    apply!(a, edit_entry(&a, "t1", input(&ok), None, &st(T + 5)).unwrap());
    apply!(a, make_current(&a, &id, "h2", &st(T + 6)).unwrap());
    assert_eq!(a.get(&id).unwrap().stage, Stage::Current);
    assert_eq!(Summary::all(a.files())[0].facts.started, Some(d("2026-11-06")));

    // 中止交易 on its own is not an entry one adds; close_account saves it with the stage.
    let stop = flat_values([("date", "2026-11-30"), ("reason", "客户转产"), ("kept", "营业执照复印件、合同原件存档案柜 3 号"), ("by", "王芳")]);
    assert_eq!(add_entry(&a, &id, EntryKind::TradeStop, input(&stop), "s0", &st(T + 7)).unwrap_err(), EntryError::MadeElsewhere);
    let Err(CardError::Invalid(errs)) = close_account(&a, &id, &with(stop.clone(), &[("kept", "")]), today(), ("s1", "h3"), &st(T + 8)) else { panic!() };
    assert_eq!(errs[0].field, "kept");
    assert_eq!(a.get(&id).unwrap().stage, Stage::Current, "a refused close changes nothing");
    let batch = apply!(a, close_account(&a, &id, &stop, today(), ("s1", "h3"), &st(T + 9)).unwrap());
    assert_eq!((batch.customers.len(), batch.entries.len(), batch.history.len()), (1, 1, 1));
    let c = a.get(&id).unwrap();
    assert_eq!((c.stage, c.former_reason.as_str()), (Stage::Former, "客户转产"));
    assert_eq!(Summary::all(a.files())[0].facts.stopped, Some(d("2026-11-30")));
    assert_eq!(delete_entry(&a, "s1", &st(T + 10)).unwrap_err(), EntryError::MadeElsewhere);
    // Closed already: a second close is refused; trading again needs no new survey.
    assert_eq!(close_account(&a, &id, &stop, today(), ("s2", "h4"), &st(T + 11)).unwrap_err(), CardError::WrongState);
    assert!(make_current(&a, &id, "h5", &st(T + 12)).is_ok());
}
