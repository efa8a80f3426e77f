//! Orders and deliveries: an order may not be cut below what went out, a delivery may not
//! exceed what the order still has to deliver, and its due date is fixed when it is made.

use super::*;
use crate::forms::Reader;
use crate::validation::{check, Problem};
use std::collections::BTreeSet;

pub(super) fn read_order(r: &mut Reader, ctx: &LedgerContext) -> Order {
    const KEY: &str = "lines";
    let no = r.required("no");
    let date = actual_date(r, "date", ctx, true);
    let mut lines = Vec::new();
    let mut total = Some(0i64);
    // Cells: product, quantity, unit price, unit (ORDER_LINE_COLUMNS); blank rows are dropped, so
    // a row's index is its place among the rows with something in them.
    for (i, row) in r.rows(KEY, 4).into_iter().enumerate() {
        if row[0].is_empty() {
            r.cell_fail(KEY, i, 0, Problem::Required);
        }
        let qty = match row[1].as_str() {
            "" => Err(Problem::Required),
            s => qty_of(s),
        };
        let qty = qty.map_err(|p| r.cell_fail(KEY, i, 1, p)).unwrap_or(0);
        let unit = match row[2].as_str() {
            "" => Err(Problem::Required),
            s => check::money(s),
        };
        let unit_fen = unit.map_err(|p| r.cell_fail(KEY, i, 2, p)).unwrap_or(0);
        match line_amount(qty, unit_fen) {
            Some(a) if a <= MAX_ENTRY_FEN => total = total.and_then(|t| t.checked_add(a)),
            _ => {
                r.cell_fail(KEY, i, 2, Problem::OverCap(MAX_ENTRY_FEN));
                total = None;
            }
        }
        lines.push(OrderLine { product: row[0].clone(), qty, unit_fen, unit: row[3].clone() });
    }
    if lines.is_empty() && !r.given(KEY) {
        r.fail(KEY, Problem::Required);
    } else if lines.is_empty() {
        if !r.failed(KEY) {
            r.fail(KEY, Problem::NoLines);
        }
    } else if total.is_some_and(|t| t > MAX_ENTRY_FEN) {
        r.fail(KEY, Problem::OverCap(MAX_ENTRY_FEN));
    }
    // An edit may not cut a line below what has gone out already.
    if let Some(id) = ctx.editing {
        if let Some(progress) = order_progress(ctx.entries, id, None) {
            for (i, p) in progress.iter().enumerate().filter(|(_, p)| p.delivered > 0) {
                match lines.get(i) {
                    Some(l) if l.qty >= p.delivered => {}
                    Some(_) => r.cell_fail(KEY, i, 1, Problem::BelowDelivered { delivered: p.delivered }),
                    None => r.cell_fail(KEY, i, 1, Problem::BelowDelivered { delivered: p.delivered }),
                }
            }
        }
    }
    let requested = r.date("requested");
    if let (Some(q), Some(d)) = (requested, date) {
        if q < d {
            r.fail("requested", Problem::RequestedBeforeOrder);
        }
    }
    let (rep, rep_id) = ctx.rep_of(r.required("rep"));
    Order {
        no,
        date: date.unwrap_or_default(),
        lines,
        status: choice_or_default(r, "status"),
        cash: r.flag("cash"),
        requested,
        rep,
        rep_id,
        note: r.text("note"),
    }
}

pub(super) fn read_delivery(r: &mut Reader, ctx: &LedgerContext) -> Delivery {
    const KEY: &str = "lines";
    let oid = r.required("order");
    let order = if oid.is_empty() { None } else { ctx.order(&oid) };
    if !oid.is_empty() && order.is_none() {
        r.fail("order", Problem::UnknownOrder);
    }
    if let Some(o) = order {
        // A new delivery needs a released order; re-saving one that went out is always fine.
        let existing = ctx.editing.is_some_and(|id| {
            ctx.entries.iter().any(|e| e.id == id && matches!(&e.body, EntryBody::Delivery(d) if d.oid == oid))
        });
        let ships = matches!(o.status, OrderStatus::Open | OrderStatus::Delivered);
        if !ships && !existing {
            r.fail("order", Problem::OrderNotDeliverable(o.status));
        }
    }
    let date = actual_date(r, "date", ctx, true);
    if let (Some(d), Some(o)) = (date, order) {
        if d < o.date {
            r.fail("date", Problem::DeliveryBeforeOrder);
        }
    }
    let progress = order.and_then(|_| order_progress(ctx.entries, &oid, ctx.editing));
    let mut lines: Vec<DeliveryLine> = Vec::new();
    let mut total = Some(0i64);
    let mut seen = BTreeSet::new();
    for (i, row) in r.rows(KEY, 2).into_iter().enumerate() {
        let n = match row[0].as_str() {
            "" => Err(Problem::Required),
            s => check::count(s, u32::MAX),
        };
        let n = n.map_err(|p| r.cell_fail(KEY, i, 0, p)).ok();
        let qty = match row[1].as_str() {
            "" => Err(Problem::Required),
            s => qty_of(s),
        };
        let qty = qty.map_err(|p| r.cell_fail(KEY, i, 1, p)).unwrap_or(0);
        let (mut line, mut unit_fen) = (0u32, 0i64);
        if let (Some(n), Some(o)) = (n, order) {
            match n.checked_sub(1).and_then(|ix| o.lines.get(ix as usize).map(|l| (ix, l))) {
                None => r.cell_fail(KEY, i, 0, Problem::UnknownOrderLine(u64::from(n))),
                Some((ix, l)) => {
                    (line, unit_fen) = (ix, l.unit_fen);
                    if !seen.insert(ix) {
                        r.cell_fail(KEY, i, 0, Problem::DuplicateLine);
                    }
                    let remaining = progress.as_ref().and_then(|p| p.get(ix as usize)).map_or(0, |p| p.remaining);
                    if qty > remaining {
                        r.cell_fail(KEY, i, 1, Problem::BeyondOrdered { remaining });
                    }
                }
            }
        }
        total = total.and_then(|t| t.checked_add(line_amount(qty, unit_fen)?));
        lines.push(DeliveryLine { line, qty, unit_fen });
    }
    if lines.is_empty() {
        if !r.failed(KEY) {
            r.fail(KEY, if r.given(KEY) { Problem::NoLines } else { Problem::Required });
        }
    } else if total.is_none_or(|t| t > MAX_ENTRY_FEN) {
        r.fail(KEY, Problem::OverCap(MAX_ENTRY_FEN));
    }
    // Fixed when the delivery is made: a stored due date is kept when the entry is edited.
    let due = match r.date("due") {
        Some(due) => {
            if date.is_some_and(|d| due < d) {
                r.fail("due", Problem::DueBeforeDelivery);
            }
            due
        }
        None if !r.get("due").is_empty() => NaiveDate::default(),
        None => date
            .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(ctx.credit_days))))
            .unwrap_or_default(),
    };
    Delivery { oid, date: date.unwrap_or_default(), lines, fen: total.unwrap_or(0), due, note: r.text("note") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::validate::tests::*;
    use crate::ledger::validate_entry;
    use crate::primitives::lang::Lang;
    use crate::primitives::money::MoneyError;

    #[test]
    fn orders() {
        let f = file();
        let c = ctx(&f);
        let Ok(EntryBody::Order(o)) = run(EntryKind::Order, ORDER, &c) else { panic!() };
        assert_eq!(o.lines.len(), 2, "the blank row is dropped");
        assert_eq!((o.amount(), o.status), (Some(100_000), OrderStatus::Open));
        let lines = |v: &'static str| with(ORDER, &[("lines", v)]);
        assert_eq!(one(EntryKind::Order, &with(ORDER, &[("lines", "")]), &c, "lines"), Problem::Required);
        assert_eq!(one(EntryKind::Order, &lines(r#"[["","",""]]"#), &c, "lines"), Problem::NoLines);
        assert_eq!(one(EntryKind::Order, &lines("not json"), &c, "lines"), Problem::WrongKind);
        let cell = |row, col, p| Problem::Cell { row, col, problem: Box::new(p) };
        assert_eq!(one(EntryKind::Order, &lines(r#"[["A","0","1"]]"#), &c, "lines"), cell(0, 1, Problem::NotPositive));
        assert_eq!(one(EntryKind::Order, &lines(r#"[["A","-3","1"]]"#), &c, "lines"), cell(0, 1, Problem::NotPositive));
        assert_eq!(one(EntryKind::Order, &lines(r#"[["A","1.5","1"]]"#), &c, "lines"), cell(0, 1, Problem::Integer));
        assert_eq!(one(EntryKind::Order, &lines(r#"[["","1","1"]]"#), &c, "lines"), cell(0, 0, Problem::Required));
        assert_eq!(one(EntryKind::Order, &lines(r#"[["A","1","x"]]"#), &c, "lines"), cell(0, 2, Problem::Money(MoneyError::Format)));
        // One line beyond the cap, and lines within it that add up beyond it: refused, no panic.
        let p = one(EntryKind::Order, &lines(r#"[["A","1000000000","92233720368547758"]]"#), &c, "lines");
        assert_eq!(p, cell(0, 2, Problem::OverCap(MAX_ENTRY_FEN)));
        let p = one(EntryKind::Order, &lines(r#"[["A","1000","800000"],["B","1000","800000"]]"#), &c, "lines");
        assert_eq!(p, Problem::OverCap(MAX_ENTRY_FEN));
        assert!(p.message(Lang::Zh).contains("1,000,000,000.00 元"));
        let e = validate_entry(EntryKind::Order, &raw(&lines(r#"[["A","0","1"]]"#)), &c).unwrap_err();
        assert_eq!(e[0].message(Lang::Zh), "订货明细：第1行“数量”：必须大于0");
        assert_eq!(e[0].message(Lang::En), "Lines: row 1, Quantity: must be more than 0");
        assert_eq!(one(EntryKind::Order, &with(ORDER, &[("requested", "2025-02-01")]), &c, "requested"), Problem::RequestedBeforeOrder);
        assert!(run(EntryKind::Order, &with(ORDER, &[("requested", "2025-09-01")]), &c).is_ok());
        assert_eq!(one(EntryKind::Order, &with(ORDER, &[("date", "2025-07-01")]), &c, "date"), Problem::FutureDate);
        assert_eq!(one(EntryKind::Order, &with(ORDER, &[("no", "")]), &c, "no"), Problem::Required);
        assert_eq!(one(EntryKind::Order, &with(ORDER, &[("status", "shipped")]), &c, "status"), Problem::UnknownChoice("shipped".into()));
    }

    /// The line-item grid sends one row per product: product, quantity, unit price, unit. Blank
    /// rows (an added row left empty) are dropped and a row's errors name its place among the
    /// rows with something in them; a row of three cells (typed before the grid) still reads.
    #[test]
    fn grid_rows() {
        let f = file();
        let c = ctx(&f);
        let lines = |v: &'static str| with(ORDER, &[("lines", v)]);
        let Ok(EntryBody::Order(o)) = run(EntryKind::Order, &lines(r#"[["水泥","10","50.00","吨"],["","","",""],["砂石","4","1,200.50"," 车 "]]"#), &c) else { panic!() };
        let got: Vec<(&str, i64, i64, &str)> = o.lines.iter().map(|l| (l.product.as_str(), l.qty, l.unit_fen, l.unit.as_str())).collect();
        assert_eq!(got, [("水泥", 10, 5_000, "吨"), ("砂石", 4, 120_050, "车")]);
        assert_eq!(o.amount(), Some(530_200));
        let Ok(EntryBody::Order(old)) = run(EntryKind::Order, &lines(r#"[["水泥","10","50"]]"#), &c) else { panic!() };
        assert_eq!(old.lines[0].unit, "");
        // Each problem on its own cell; a unit alone makes a row that needs the rest.
        let cell = |row, col, p| Problem::Cell { row, col, problem: Box::new(p) };
        let ps = problems(EntryKind::Order, &lines(r#"[["水泥","10","50","吨"],["","","","箱"],["砂石","x","","车"]]"#), &c);
        assert_eq!(
            ps,
            [
                ("lines".into(), cell(1, 0, Problem::Required)),
                ("lines".into(), cell(1, 1, Problem::Required)),
                ("lines".into(), cell(1, 2, Problem::Required)),
                ("lines".into(), cell(2, 1, Problem::Integer)),
                ("lines".into(), cell(2, 2, Problem::Required)),
            ]
        );
        let e = validate_entry(EntryKind::Order, &raw(&lines(r#"[["水泥","10","-5","吨"]]"#)), &c).unwrap_err();
        assert_eq!(e[0].message(Lang::Zh), "订货明细：第1行“单价（元）”：金额不能为负数");
    }

    #[test]
    fn an_order_cannot_be_cut_below_what_went_out() {
        let f = file();
        let c = LedgerContext { editing: Some("o1"), ..ctx(&f) };
        // Line 1 went out 6 times (4 + 2), line 2 five times.
        let base = with(ORDER, &[("date", "2025-01-10")]);
        assert!(run(EntryKind::Order, &with(&base, &[("lines", r#"[["A","6","100"],["B","5","20"]]"#)]), &c).is_ok());
        let p = one(EntryKind::Order, &with(&base, &[("lines", r#"[["A","5","100"],["B","5","20"]]"#)]), &c, "lines");
        assert_eq!(p, Problem::Cell { row: 0, col: 1, problem: Box::new(Problem::BelowDelivered { delivered: 6 }) });
        assert!(p.message(Lang::Zh).contains("不能少于已出货数量（已出货 6）"));
        let p = one(EntryKind::Order, &with(&base, &[("lines", r#"[["A","6","100"]]"#)]), &c, "lines");
        assert_eq!(p, Problem::Cell { row: 1, col: 1, problem: Box::new(Problem::BelowDelivered { delivered: 5 }) });
    }

    #[test]
    fn deliveries() {
        let f = file();
        let c = LedgerContext { credit_days: 45, ..ctx(&f) };
        let Ok(EntryBody::Delivery(dl)) = run(EntryKind::Delivery, DELIVERY, &c) else { panic!() };
        // Unit price copied from the order line, total stored, due = date + credit period.
        assert_eq!(dl.lines, [DeliveryLine { line: 0, qty: 3, unit_fen: 10_000 }]);
        assert_eq!((dl.fen, dl.lines_amount(), dl.due), (30_000, Some(30_000), d("2025-04-15")));
        // A due date given (the one fixed at creation, when editing) is kept.
        let Ok(EntryBody::Delivery(kept)) = run(EntryKind::Delivery, &with(DELIVERY, &[("due", "2025-03-31")]), &c) else { panic!() };
        assert_eq!(kept.due, d("2025-03-31"));
        let p = one(EntryKind::Delivery, &with(DELIVERY, &[("lines", r#"[["1","3"],["2",""]]"#)]), &c, "lines");
        assert_eq!(p, Problem::Cell { row: 1, col: 1, problem: Box::new(Problem::Required) });
        // No credit period on file: 30 days.
        let Ok(EntryBody::Delivery(dl)) = run(EntryKind::Delivery, DELIVERY, &ctx(&f)) else { panic!() };
        assert_eq!((DEFAULT_CREDIT_DAYS, dl.due), (30, d("2025-03-31")));
    }

    #[test]
    fn delivery_problems() {
        let f = file();
        let c = ctx(&f);
        let lines = |v: &'static str| with(DELIVERY, &[("lines", v)]);
        let cell = |row, col, p| Problem::Cell { row, col, problem: Box::new(p) };
        // Line 1: 10 ordered, 6 delivered, 4 remain.
        assert!(run(EntryKind::Delivery, &lines(r#"[["1","4"]]"#), &c).is_ok());
        let p = one(EntryKind::Delivery, &lines(r#"[["1","5"]]"#), &c, "lines");
        assert_eq!(p, cell(0, 1, Problem::BeyondOrdered { remaining: 4 }));
        let e = validate_entry(EntryKind::Delivery, &raw(&lines(r#"[["1","5"]]"#)), &c).unwrap_err();
        assert_eq!(e[0].message(Lang::Zh), "出货明细：第1行“数量”：超出订单剩余未出货数量（还剩 4）");
        assert_eq!(e[0].message(Lang::En), "Lines: row 1, Quantity: more than the order still has to deliver (4 remaining)");
        // Line 2 is fully delivered.
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["2","1"]]"#), &c, "lines"), cell(0, 1, Problem::BeyondOrdered { remaining: 0 }));
        // Editing d1 (4 of line 1): its own quantity is available again, 8 in all.
        let edit = LedgerContext { editing: Some("d1"), ..c };
        assert!(run(EntryKind::Delivery, &lines(r#"[["1","8"]]"#), &edit).is_ok());
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["1","9"]]"#), &edit, "lines"), cell(0, 1, Problem::BeyondOrdered { remaining: 8 }));
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["3","1"]]"#), &c, "lines"), cell(0, 0, Problem::UnknownOrderLine(3)));
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["0","1"]]"#), &c, "lines"), cell(0, 0, Problem::UnknownOrderLine(0)));
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["1","1"],["1","1"]]"#), &c, "lines"), cell(1, 0, Problem::DuplicateLine));
        assert_eq!(one(EntryKind::Delivery, &lines(r#"[["1","0"]]"#), &c, "lines"), cell(0, 1, Problem::NotPositive));
        assert_eq!(one(EntryKind::Delivery, &lines(""), &c, "lines"), Problem::Required);
        assert_eq!(one(EntryKind::Delivery, &with(DELIVERY, &[("order", "nope")]), &c, "order"), Problem::UnknownOrder);
        assert_eq!(one(EntryKind::Delivery, &with(DELIVERY, &[("date", "2025-01-09")]), &c, "date"), Problem::DeliveryBeforeOrder);
        assert_eq!(one(EntryKind::Delivery, &with(DELIVERY, &[("date", "2025-07-01")]), &c, "date"), Problem::FutureDate);
        assert_eq!(one(EntryKind::Delivery, &with(DELIVERY, &[("due", "2025-02-28")]), &c, "due"), Problem::DueBeforeDelivery);
    }

    #[test]
    fn only_released_orders_ship() {
        for status in [OrderStatus::Draft, OrderStatus::Cancelled, OrderStatus::Blocked, OrderStatus::Closed] {
            let mut f = file();
            if let EntryBody::Order(o) = &mut f[0].body {
                o.status = status;
            }
            let c = ctx(&f);
            let p = one(EntryKind::Delivery, DELIVERY, &c, "order");
            assert_eq!(p, Problem::OrderNotDeliverable(status));
            // A delivery that already went out can still be corrected.
            let edit = LedgerContext { editing: Some("d1"), ..c };
            assert!(run(EntryKind::Delivery, DELIVERY, &edit).is_ok(), "{status:?}");
        }
        assert_eq!(Problem::OrderNotDeliverable(OrderStatus::Cancelled).message(Lang::Zh), "订单状态为“已取消”，不能出货");
        let mut f = file();
        if let EntryBody::Order(o) = &mut f[0].body {
            o.status = OrderStatus::Delivered;
        }
        assert!(run(EntryKind::Delivery, DELIVERY, &ctx(&f)).is_ok());
        // A deleted order is gone.
        f[0].deleted = true;
        assert_eq!(one(EntryKind::Delivery, DELIVERY, &ctx(&f), "order"), Problem::UnknownOrder);
    }
}
