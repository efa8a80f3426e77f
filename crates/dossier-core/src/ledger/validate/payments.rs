//! Payments, notes (票据) and returns: money in, checked against what the customer owes.

use super::*;
use crate::forms::Reader;
use crate::validation::Problem;
use std::collections::BTreeSet;

pub(super) fn read_payment(r: &mut Reader, ctx: &LedgerContext) -> Payment {
    const KEY: &str = "allocations";
    let date = actual_date(r, "date", ctx, true);
    let fen = amount(r, "amount");
    check_owed(r, "amount", fen, ctx);
    let rows = r.rows(KEY, 2);
    // What each delivery still owed on the payment's day, before this payment.
    let before = if rows.is_empty() { None } else { Some(ctx.ledger(date)) };
    let mut allocations = Vec::new();
    let mut seen = BTreeSet::new();
    let mut sum = 0i64;
    for (i, row) in rows.into_iter().enumerate() {
        let dlv = row[0].clone();
        let a = match row[1].as_str() {
            "" => Err(Problem::Required),
            s => amount_of(s),
        };
        let a = a.map_err(|p| r.cell_fail(KEY, i, 1, p)).unwrap_or(0);
        if dlv.is_empty() {
            r.cell_fail(KEY, i, 0, Problem::Required);
        } else if !seen.insert(dlv.clone()) {
            r.cell_fail(KEY, i, 0, Problem::DuplicateLine);
        } else {
            match before.as_ref().and_then(|l| l.receivable(&dlv)) {
                Some(rec) if rec.open == 0 => r.cell_fail(KEY, i, 0, Problem::DeliveryPaid),
                Some(rec) if a > rec.open => r.cell_fail(KEY, i, 1, Problem::AllocationExceedsOpen { open: rec.open }),
                Some(_) => {}
                None if ctx.delivery(&dlv).is_some() => r.cell_fail(KEY, i, 0, Problem::DeliveryAfterPayment),
                None => r.cell_fail(KEY, i, 0, Problem::UnknownDelivery),
            }
        }
        sum = sum.saturating_add(a);
        allocations.push(Allocation { dlv, fen: a });
    }
    if fen > 0 && sum > fen {
        r.fail(KEY, Problem::AllocationsExceedAmount { amount: fen });
    }
    let (rep, rep_id) = ctx.rep_of(r.text("rep"));
    Payment {
        date: date.unwrap_or_default(),
        fen,
        method: choice_or_default(r, "method"),
        allocations,
        rep,
        rep_id,
        note: r.text("note"),
    }
}

pub(super) fn read_bill(r: &mut Reader, ctx: &LedgerContext) -> Bill {
    let kind = choice_or_default(r, "kind");
    let no = r.required("no");
    let fen = amount(r, "amount");
    let received = actual_date(r, "received", ctx, true);
    let issued = r.date("issued");
    if let (Some(i), Some(rc)) = (issued, received) {
        if i > rc {
            r.fail("issued", Problem::IssueAfterReceipt);
        }
    }
    let due = required_date(r, "due");
    if let (Some(d), Some(i)) = (due, issued.or(received)) {
        if d < i {
            r.fail("due", Problem::DueBeforeIssue);
        }
    }
    let status: BillStatus = choice_or_default(r, "status");
    // A dishonoured note pays nothing, so it cannot overpay.
    if status != BillStatus::Dishonoured {
        check_owed(r, "amount", fen, ctx);
    }
    let (rep, rep_id) = ctx.rep_of(r.text("rep"));
    Bill {
        kind,
        no,
        fen,
        received: received.unwrap_or_default(),
        issued,
        due: due.unwrap_or_default(),
        status,
        rep,
        rep_id,
        note: r.text("note"),
    }
}

pub(super) fn read_return(r: &mut Reader, ctx: &LedgerContext) -> Adjustment {
    let kind = required_choice(r, "kind");
    let date = actual_date(r, "date", ctx, true);
    let fen = amount(r, "amount");
    let dlv = opt_text(r, "delivery");
    if let Some(id) = &dlv {
        match ctx.delivery(id) {
            None => r.fail("delivery", Problem::UnknownDelivery),
            Some(d) => {
                let others = ctx
                    .live()
                    .filter_map(|e| match &e.body {
                        EntryBody::Return(a) if a.approved && a.dlv.as_deref() == Some(id) => Some(clamp_fen(a.fen)),
                        _ => None,
                    })
                    .fold(0i64, i64::saturating_add);
                let left = d.booked().saturating_sub(others).max(0);
                if fen > left {
                    r.fail("amount", Problem::ReturnExceedsDelivery { left });
                }
            }
        }
    }
    let reason = r.required("reason");
    let responsibility = r.choice("responsibility");
    let approved = r.flag("approved");
    let approver = r.text("approver");
    if approved {
        if responsibility.is_none() && r.get("responsibility").is_empty() {
            r.fail("responsibility", Problem::RequiredIfApproved);
        }
        if approver.is_empty() {
            r.fail("approver", Problem::RequiredIfApproved);
        }
    }
    Adjustment { kind, date: date.unwrap_or_default(), fen, reason, responsibility, approver, approved, dlv, cmp: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::validate::tests::*;
    use crate::primitives::lang::Lang;

    #[test]
    fn payments() {
        let f = file();
        let c = ctx(&f);
        let Ok(EntryBody::Payment(p)) = run(EntryKind::Payment, &with(PAY, &[("method", "cash")]), &c) else { panic!() };
        assert_eq!((p.fen, p.method), (15_000, PayMethod::Cash));
        assert_eq!(one(EntryKind::Payment, &with(PAY, &[("amount", "0")]), &c, "amount"), Problem::NotPositive);
        assert_eq!(one(EntryKind::Payment, &with(PAY, &[("amount", "")]), &c, "amount"), Problem::Required);
        assert_eq!(one(EntryKind::Payment, &with(PAY, &[("date", "2025-07-01")]), &c, "date"), Problem::FutureDate);
        assert_eq!(one(EntryKind::Payment, &with(PAY, &[("date", "2023-07-01")]), &c, "date"), Problem::BeforeCustomer(d("2024-01-01")));
    }

    #[test]
    fn paying_more_than_owed_needs_confirmation() {
        let f = file();
        let c = ctx(&f);
        // Owed: 400.00.
        assert!(run(EntryKind::Payment, &with(PAY, &[("amount", "400")]), &c).is_ok());
        let p = one(EntryKind::Payment, &with(PAY, &[("amount", "400.01")]), &c, "amount");
        assert_eq!(p, Problem::ExceedsOpenBalance { open: 40_000 });
        assert!(p.confirmable());
        assert_eq!(p.message(Lang::Zh), "金额超过该客户的未收余额（400.00 元）；确认无误后，超出部分记为预收款");
        assert_eq!(p.message(Lang::En), "more than the customer's open balance (¥400.00); confirm to keep the excess as credit on account");
        let sure = LedgerContext { confirmed: true, ..c };
        assert!(run(EntryKind::Payment, &with(PAY, &[("amount", "400.01")]), &sure).is_ok());
        // Above the hard cap nothing helps.
        let p = one(EntryKind::Payment, &with(PAY, &[("amount", "1000000000.01")]), &sure, "amount");
        assert_eq!(p, Problem::OverCap(MAX_ENTRY_FEN));
        assert!(!p.confirmable());
        // Editing p1 (300.00): without it the customer owes 700.00.
        let edit = LedgerContext { editing: Some("p1"), ..c };
        assert!(run(EntryKind::Payment, &with(PAY, &[("amount", "700")]), &edit).is_ok());
        assert_eq!(one(EntryKind::Payment, &with(PAY, &[("amount", "700.01")]), &edit, "amount"), Problem::ExceedsOpenBalance { open: 70_000 });
    }

    #[test]
    fn manual_allocations() {
        let f = file();
        let c = ctx(&f);
        let alloc = |rows: &'static str, amount: &'static str| with(PAY, &[("amount", amount), ("allocations", rows)]);
        let cell = |row, col, p| Problem::Cell { row, col, problem: Box::new(p) };
        let Ok(EntryBody::Payment(p)) = run(EntryKind::Payment, &alloc(r#"[["d2","250"],["d1","100"]]"#, "400"), &c) else { panic!() };
        assert_eq!(p.allocations, [Allocation { dlv: "d2".into(), fen: 25_000 }, Allocation { dlv: "d1".into(), fen: 10_000 }]);
        // d1 owes 100.00 on 03-10.
        let p = one(EntryKind::Payment, &alloc(r#"[["d1","100.01"]]"#, "300"), &c, "allocations");
        assert_eq!(p, cell(0, 1, Problem::AllocationExceedsOpen { open: 10_000 }));
        assert!(p.message(Lang::Zh).contains("超过该出货单的未收金额（100.00 元）"));
        assert_eq!(one(EntryKind::Payment, &alloc(r#"[["zz","1"]]"#, "300"), &c, "allocations"), cell(0, 0, Problem::UnknownDelivery));
        let p = one(EntryKind::Payment, &alloc(r#"[["d2","200"],["d1","100"]]"#, "250"), &c, "allocations");
        assert_eq!(p, Problem::AllocationsExceedAmount { amount: 25_000 });
        assert_eq!(one(EntryKind::Payment, &alloc(r#"[["d2","1"],["d2","1"]]"#, "300"), &c, "allocations"), cell(1, 0, Problem::DuplicateLine));
        assert_eq!(one(EntryKind::Payment, &alloc(r#"[["d2","0"]]"#, "300"), &c, "allocations"), cell(0, 1, Problem::NotPositive));
        assert_eq!(one(EntryKind::Payment, &alloc(r#"[["","1"]]"#, "300"), &c, "allocations"), cell(0, 0, Problem::Required));
        // On 01-20 d2 did not exist yet.
        let early = [("date", "2025-01-20"), ("amount", "100"), ("allocations", r#"[["d2","100"]]"#)];
        assert_eq!(one(EntryKind::Payment, &early, &c, "allocations"), cell(0, 0, Problem::DeliveryAfterPayment));
        // Once d1 is paid in full it takes nothing more.
        let mut f2 = file();
        f2.push(entry("p2", 5, EntryBody::Payment(Payment { date: d("2025-03-01"), fen: 10_000, allocations: vec![Allocation { dlv: "d1".into(), fen: 10_000 }], ..Default::default() })));
        let c2 = ctx(&f2);
        assert_eq!(one(EntryKind::Payment, &alloc(r#"[["d1","1"]]"#, "1"), &c2, "allocations"), cell(0, 0, Problem::DeliveryPaid));
        // As of the payment's day: the same allocation dated before p2 is fine.
        assert!(run(EntryKind::Payment, &[("date", "2025-02-25"), ("amount", "1"), ("allocations", r#"[["d1","1"]]"#)], &c2).is_ok());
    }

    #[test]
    fn bills() {
        let f = file();
        let c = ctx(&f);
        let Ok(EntryBody::Bill(b)) = run(EntryKind::Bill, BILL, &c) else { panic!() };
        assert_eq!((b.kind, b.status, b.fen), (BillKind::BankAcceptance, BillStatus::Unsettled, 40_000));
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("due", "2025-02-28")]), &c, "due"), Problem::DueBeforeIssue);
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("issued", "2025-03-11")]), &c, "issued"), Problem::IssueAfterReceipt);
        // Without an issue date the due date is checked against the day received.
        assert_eq!(one(EntryKind::Bill, &[("no", "1"), ("amount", "1"), ("received", "2025-03-10"), ("due", "2025-03-09")], &c, "due"), Problem::DueBeforeIssue);
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("amount", "400.01")]), &c, "amount"), Problem::ExceedsOpenBalance { open: 40_000 });
        // A dishonoured note pays nothing, so it cannot overpay.
        assert!(run(EntryKind::Bill, &with(BILL, &[("amount", "900"), ("status", "dishonoured")]), &c).is_ok());
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("no", "")]), &c, "no"), Problem::Required);
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("received", "2025-07-01")]), &c, "received"), Problem::FutureDate);
        assert_eq!(one(EntryKind::Bill, &with(BILL, &[("due", "")]), &c, "due"), Problem::Required);
    }

    #[test]
    fn returns() {
        let f = file();
        let c = ctx(&f);
        let Ok(EntryBody::Return(r)) = run(EntryKind::Return, RET, &c) else { panic!() };
        assert!(!r.approved && r.approver.is_empty() && r.dlv.as_deref() == Some("d2"));
        let approved = with(RET, &[("approved", "true"), ("approver", "赵经理"), ("responsibility", "carrier")]);
        let Ok(EntryBody::Return(r)) = run(EntryKind::Return, &approved, &c) else { panic!() };
        assert_eq!((r.approved, r.responsibility), (true, Some(Responsibility::Carrier)));
        let ps = problems(EntryKind::Return, &with(RET, &[("approved", "true")]), &c);
        assert_eq!(
            ps,
            [("responsibility".to_string(), Problem::RequiredIfApproved), ("approver".to_string(), Problem::RequiredIfApproved)]
        );
        assert_eq!(one(EntryKind::Return, &with(RET, &[("delivery", "zz")]), &c, "delivery"), Problem::UnknownDelivery);
        assert_eq!(one(EntryKind::Return, &with(RET, &[("amount", "300.01")]), &c, "amount"), Problem::ReturnExceedsDelivery { left: 30_000 });
        // What is left after other approved returns on the same delivery.
        let mut f2 = file();
        let prior = Adjustment { date: d("2025-03-01"), fen: 20_000, approved: true, dlv: Some("d2".into()), ..Default::default() };
        f2.push(entry("r0", 5, EntryBody::Return(prior)));
        let p = one(EntryKind::Return, &with(RET, &[("amount", "100.01")]), &ctx(&f2), "amount");
        assert_eq!(p, Problem::ReturnExceedsDelivery { left: 10_000 });
        assert_eq!(p.message(Lang::Zh), "超过该出货单可退赔的金额（还剩 100.00 元）");
        assert_eq!(one(EntryKind::Return, &with(RET, &[("reason", "")]), &c, "reason"), Problem::Required);
        assert_eq!(one(EntryKind::Return, &with(RET, &[("date", "2023-01-01")]), &c, "date"), Problem::BeforeCustomer(d("2024-01-01")));
        // Text where a flag belongs is refused, not read as "no".
        let mut r = raw(RET);
        r.insert("approved".into(), "maybe".into());
        let errs = validate_entry(EntryKind::Return, &r, &c).unwrap_err();
        assert_eq!((errs.len(), errs[0].field.as_str(), &errs[0].problem), (1, "approved", &Problem::WrongKind));
    }
}
