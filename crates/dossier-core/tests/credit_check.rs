//! Exposure and the order check (issue 16): exactly 90 % and exactly 100 % of the limit and one
//! fen over each, overdue by N and N + 1 days, no approved limit, cash sales, open orders counted
//! or not, the "what would make it pass" amounts; laws by proptest (monotone in the order, never
//! panics, every remedy passes when applied).

use chrono::{Days, NaiveDate};
use dossier_core::credit::check::RemedyKind;
use dossier_core::credit::*;
use dossier_core::Lang;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const YUAN: i64 = 100;
const TODAY: (i32, u32, u32) = (2026, 3, 31);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// Not yet due.
fn open(fen: i64) -> (NaiveDate, i64) {
    (d(2026, 4, 30), fen)
}

fn check(input: &CheckInput) -> CheckResult {
    check_order(input, &CreditSettings::default(), today())
}

#[test]
fn the_warning_level_and_the_limit_exactly_and_one_fen_over() {
    // Limit ¥100,000: warning level ¥90,000. Receivables ¥50,000.
    let rec = [open(50_000 * YUAN)];
    let at = |order: i64| check(&CheckInput::credit(Some(100_000 * YUAN), &rec, 0, 0, order));

    // Exactly 90 %: pass.
    let r = at(40_000 * YUAN);
    assert_eq!((r.verdict, r.exposure.total, r.utilisation_bp), (Verdict::Pass, 90_000 * YUAN, Some(9_000)));
    assert!(r.reasons.is_empty() && r.remedies.is_empty());
    assert_eq!(r.explain(Lang::Zh), "通过：信用占用额 ¥90,000，占用 90 %");

    // One fen over 90 %: warn, and what would make it pass.
    let r = at(40_000 * YUAN + 1);
    assert_eq!(r.verdict, Verdict::Warn);
    assert_eq!(
        r.reasons,
        vec![Reason::AboveWarning { exposure: 90_000 * YUAN + 1, level: 90_000 * YUAN, limit: 100_000 * YUAN, warning_bp: 9_000 }]
    );
    assert_eq!(
        r.reasons[0].message(Lang::Zh),
        "信用占用额 ¥90,000.01 超过预警线 ¥90,000（信用限度 ¥100,000 的 90 %），占用 90 %"
    );
    assert_eq!(
        r.remedies.iter().map(|x| x.kind).collect::<Vec<_>>(),
        vec![RemedyKind::Collect(1), RemedyKind::ReduceOrder(40_000 * YUAN), RemedyKind::RaiseLimit(10_000_002), RemedyKind::CashSale]
    );
    assert_eq!(r.remedies_text(Lang::Zh), "收回 ¥0.01 或把订单减到 ¥40,000 或把信用限度提高到 ¥100,000.02 或改为现款交易");

    // Exactly 100 %: still a warning.
    let r = at(50_000 * YUAN);
    assert_eq!((r.verdict, r.utilisation_bp), (Verdict::Warn, Some(10_000)));

    // One fen over the limit: blocked.
    let r = at(50_000 * YUAN + 1);
    assert_eq!(r.verdict, Verdict::Block);
    assert_eq!(r.reasons, vec![Reason::OverLimit { exposure: 100_000 * YUAN + 1, limit: 100_000 * YUAN }]);
    assert_eq!(r.utilisation_bp, Some(10_000));
}

#[test]
fn what_would_make_it_pass() {
    // Limit ¥100,000; receivables ¥40,000, notes ¥12,000, order ¥50,000: exposure ¥102,000.
    let rec = [open(30_000 * YUAN), open(10_000 * YUAN)];
    let input = CheckInput::credit(Some(100_000 * YUAN), &rec, 12_000 * YUAN, 0, 50_000 * YUAN);
    let r = check(&input);
    assert_eq!(r.verdict, Verdict::Block);
    assert_eq!(r.utilisation_bp, Some(10_200));
    assert_eq!(r.exposure.working(Lang::Zh), "应收账款 ¥40,000 + 未结算票据 ¥12,000 + 未出货订单 ¥0 + 本单 ¥50,000 = ¥102,000");
    assert_eq!(
        r.exposure.working(Lang::En),
        "receivables ¥40,000 + unsettled notes ¥12,000 + open orders ¥0 + this order ¥50,000 = ¥102,000"
    );
    // ⌈102,000 ÷ 90 %⌉ = ¥113,333.34.
    assert_eq!(r.remedies_text(Lang::Zh), "收回 ¥12,000 或把订单减到 ¥38,000 或把信用限度提高到 ¥113,333.34 或改为现款交易");
    assert_eq!(
        r.remedies_text(Lang::En),
        "collect ¥12,000 or reduce the order to ¥38,000 or raise the credit limit to ¥113,333.34 or sell for cash instead"
    );
    assert_eq!(
        r.explain(Lang::Zh),
        "冻结：信用占用额 ¥102,000 超出信用限度 ¥100,000（占用 102 %）。可以：收回 ¥12,000 或把订单减到 ¥38,000 或把信用限度提高到 ¥113,333.34 或改为现款交易"
    );
    assert_eq!(
        r.explain(Lang::En),
        "Blocked: exposure ¥102,000 is above the credit limit ¥100,000 (102 % used). To pass: collect ¥12,000 or reduce the order to ¥38,000 or raise the credit limit to ¥113,333.34 or sell for cash instead"
    );
    // Each amount passes exactly.
    assert_eq!(check(&input.with_order(38_000 * YUAN)).verdict, Verdict::Pass);
    assert_eq!(check(&input.with_order(38_000 * YUAN + 1)).verdict, Verdict::Warn);
    let collected = [open(28_000 * YUAN)];
    assert_eq!(check(&CheckInput { receivables: &collected, ..input }).verdict, Verdict::Pass);
    assert_eq!(check(&CheckInput { limit: Some(11_333_334), ..input }).verdict, Verdict::Pass);
    assert_eq!(check(&CheckInput { limit: Some(11_333_333), ..input }).verdict, Verdict::Warn);
    assert_eq!(check(&CheckInput { credit_sale: false, ..input }).verdict, Verdict::Pass);

    // More to collect than is receivable: collecting is not offered; and when the rest of the
    // exposure alone is over the level, no order amount passes either.
    let small = [open(1_000 * YUAN)];
    let r = check(&CheckInput::credit(Some(100_000 * YUAN), &small, 95_000 * YUAN, 0, 10_000 * YUAN));
    assert_eq!(r.remedies.iter().map(|x| x.kind).collect::<Vec<_>>(), vec![RemedyKind::RaiseLimit(11_777_778), RemedyKind::CashSale]);
}

#[test]
fn overdue_by_n_and_n_plus_one_days() {
    let limit = Some(100_000 * YUAN);
    // Due 2026-03-01: 30 days overdue on 03-31, allowed.
    let thirty = [(d(2026, 3, 1), 8_000 * YUAN)];
    let r = check(&CheckInput::credit(limit, &thirty, 0, 0, 10_000 * YUAN));
    assert_eq!(r.verdict, Verdict::Pass);
    // Due 2026-02-28: 31 days, blocked.
    let thirty_one = [(d(2026, 2, 28), 8_000 * YUAN), open(2_000 * YUAN)];
    let r = check(&CheckInput::credit(limit, &thirty_one, 0, 0, 10_000 * YUAN));
    assert_eq!(r.verdict, Verdict::Block);
    assert_eq!(r.reasons, vec![Reason::Overdue { max_days: 31, allowed: 30, fen: 8_000 * YUAN }]);
    assert_eq!(r.reasons[0].message(Lang::Zh), "有应收账款已逾期 31 天（允许 30 天），逾期超过 30 天的共 ¥8,000");
    assert_eq!(r.reasons[0].message(Lang::En), "a receivable is 31 days overdue (30 allowed): ¥8,000 is more than 30 days overdue");
    assert_eq!(r.remedies_text(Lang::Zh), "收回逾期超过 30 天的 ¥8,000");
    assert_eq!(r.remedies_text(Lang::En), "collect the ¥8,000 more than 30 days overdue");
    // A paid receivable (0 open) or a negative one never blocks.
    let paid = [(d(2025, 1, 1), 0), (d(2025, 1, 1), -5)];
    assert_eq!(check(&CheckInput::credit(limit, &paid, 0, 0, 1)).verdict, Verdict::Pass);

    // Another N: 0 days allowed blocks anything overdue at all.
    let s = CreditSettings { overdue_days: 0, ..CreditSettings::default() };
    let one_day = [(d(2026, 3, 30), 1)];
    assert_eq!(check_order(&CheckInput::credit(limit, &one_day, 0, 0, 1), &s, today()).verdict, Verdict::Block);
    let due_today = [(today(), 1)];
    assert_eq!(check_order(&CheckInput::credit(limit, &due_today, 0, 0, 1), &s, today()).verdict, Verdict::Pass);
}

#[test]
fn overdue_and_over_the_limit_together() {
    // Limit ¥100,000 (level ¥90,000); ¥8,000 overdue 58 days, ¥32,000 not due, notes ¥12,000,
    // order ¥50,000: exposure ¥102,000; without the overdue ¥94,000, ¥4,000 over the level.
    let rec = [(d(2026, 2, 1), 8_000 * YUAN), open(32_000 * YUAN)];
    let r = check(&CheckInput::credit(Some(100_000 * YUAN), &rec, 12_000 * YUAN, 0, 50_000 * YUAN));
    assert_eq!(r.verdict, Verdict::Block);
    assert_eq!(r.reasons.len(), 2);
    assert_eq!(r.reasons[1], Reason::Overdue { max_days: 58, allowed: 30, fen: 8_000 * YUAN });
    let zh: Vec<String> = r.remedies.iter().map(|x| x.message(Lang::Zh)).collect();
    assert_eq!(
        zh,
        vec![
            "收回 ¥12,000（含逾期超过 30 天的 ¥8,000）",
            "收回逾期超过 30 天的 ¥8,000 并把订单减到 ¥46,000",
            "收回逾期超过 30 天的 ¥8,000 并把信用限度提高到 ¥104,444.45",
            "收回逾期超过 30 天的 ¥8,000 并改为现款交易",
        ]
    );
    assert_eq!(
        r.remedies[1].message(Lang::En),
        "collect the ¥8,000 more than 30 days overdue and reduce the order to ¥46,000"
    );
    assert_eq!(r.remedies[0].message(Lang::En), "collect ¥12,000 (the ¥8,000 more than 30 days overdue included)");
    assert!(r.explain(Lang::Zh).starts_with("冻结：信用占用额 ¥102,000 超出信用限度 ¥100,000（占用 102 %）；有应收账款已逾期 58 天"));
}

#[test]
fn no_approved_limit() {
    let rec = [open(10_000 * YUAN)];
    let r = check(&CheckInput::credit(None, &rec, 0, 0, 8_000 * YUAN));
    assert_eq!((r.verdict, r.limit, r.utilisation_bp), (Verdict::Block, None, None));
    assert_eq!(r.reasons, vec![Reason::NoLimit]);
    assert_eq!(r.reasons[0].message(Lang::Zh), "尚未核定信用限度，不能赊销");
    // ⌈18,000 ÷ 90 %⌉ = ¥20,000.
    assert_eq!(r.remedies_text(Lang::Zh), "核定不低于 ¥20,000 的信用限度或改为现款交易");
    assert_eq!(r.remedies_text(Lang::En), "approve a credit limit of at least ¥20,000 or sell for cash instead");
    assert_eq!(check(&CheckInput::credit(Some(20_000 * YUAN), &rec, 0, 0, 8_000 * YUAN)).verdict, Verdict::Pass);

    // A cash sale needs no limit and adds nothing; the overdue rule still holds.
    let cash = CheckInput { credit_sale: false, ..CheckInput::credit(None, &rec, 0, 0, 8_000 * YUAN) };
    let r = check(&cash);
    assert_eq!((r.verdict, r.exposure.order, r.exposure.total), (Verdict::Pass, 0, 10_000 * YUAN));
    let late = [(d(2025, 12, 1), 3_000 * YUAN)];
    let r = check(&CheckInput { receivables: &late, ..cash });
    assert_eq!(r.verdict, Verdict::Block);
    assert_eq!(r.remedies_text(Lang::Zh), "收回逾期超过 30 天的 ¥3,000");
    // A limit of zero: any credit sale is over it.
    let r = check(&CheckInput::credit(Some(0), &[], 0, 0, 1));
    assert_eq!((r.verdict, r.utilisation_bp), (Verdict::Block, None));
    assert_eq!(r.reasons[0].message(Lang::Zh), "信用占用额 ¥0.01 超出信用限度 ¥0");
    // An order of nothing against a zero limit is within it.
    assert_eq!(check(&CheckInput::credit(Some(0), &[], 0, 0, 0)).verdict, Verdict::Pass);
}

#[test]
fn exposure_and_utilisation() {
    let rec = [open(10_000 * YUAN), open(-500)];
    let input = CheckInput::credit(Some(100_000 * YUAN), &rec, 5_000 * YUAN, 20_000 * YUAN, 15_000 * YUAN);
    let s = CreditSettings::default();
    let e = exposure(&input, &s);
    assert_eq!(e, Exposure { receivables: 10_000 * YUAN, notes: 5_000 * YUAN, open_orders: 20_000 * YUAN, order: 15_000 * YUAN, total: 50_000 * YUAN });
    let without = CreditSettings { count_open_orders: false, ..s.clone() };
    assert_eq!(exposure(&input, &without).total, 30_000 * YUAN);
    // Counting open orders can turn a pass into a warning.
    let tight = CheckInput { limit: Some(52_000 * YUAN), ..input };
    assert_eq!(check_order(&tight, &s, today()).verdict, Verdict::Warn);
    assert_eq!(check_order(&tight, &without, today()).verdict, Verdict::Pass);
    // Negative inputs count as zero.
    let odd = CheckInput::credit(Some(100), &[], -5, -5, -5);
    assert_eq!(exposure(&odd, &s).total, 0);

    assert_eq!(utilisation_bp(9_000_000, 10_000_000), Some(9_000));
    assert_eq!(utilisation_bp(1, 3), Some(3_333));
    assert_eq!(utilisation_bp(2, 3), Some(6_667));
    assert_eq!(utilisation_bp(1, 20_000), Some(1)); // 0.5 bp → 1
    assert_eq!(utilisation_bp(5, 0), None);
    assert_eq!(utilisation_bp(5, -1), None);
    assert_eq!(utilisation_bp(i64::MAX, 1), Some(i64::MAX));
    assert_eq!(utilisation_bp(i64::MAX, i64::MAX), Some(10_000));

    // A warning level of 100 %: pass up to the limit itself.
    let s100 = CreditSettings { warning_bp: 10_000, ..CreditSettings::default() };
    let full = CheckInput::credit(Some(100), &[], 0, 0, 100);
    assert_eq!(check_order(&full, &s100, today()).verdict, Verdict::Pass);
    assert_eq!(check_order(&full.with_order(101), &s100, today()).verdict, Verdict::Block);
    // An invalid warning level (0) is taken as 0.01 % and does not divide by zero.
    let s0 = CreditSettings { warning_bp: 0, ..CreditSettings::default() };
    assert_eq!(check_order(&full, &s0, today()).verdict, Verdict::Warn);
    assert_eq!(Verdict::ALL.iter().map(|v| v.label(Lang::Zh)).collect::<Vec<_>>(), ["通过", "预警", "冻结"]);
}

// --- Laws ---

/// Receivables due from 120 days before to 60 days after today.
fn receivables(max_fen: i64) -> impl Strategy<Value = Vec<(NaiveDate, i64)>> {
    proptest::collection::vec((-120i64..60, 0..max_fen), 0..6).prop_map(|v| {
        v.into_iter()
            .map(|(offset, fen)| {
                let t = d(TODAY.0, TODAY.1, TODAY.2);
                let due = if offset < 0 { t - Days::new(offset.unsigned_abs()) } else { t + Days::new(offset as u64) };
                (due, fen)
            })
            .collect()
    })
}

fn settings() -> impl Strategy<Value = CreditSettings> {
    (1u16..=10_000, 0u16..90, any::<bool>()).prop_map(|(warning_bp, overdue_days, count_open_orders)| CreditSettings {
        warning_bp,
        overdue_days,
        count_open_orders,
        ..CreditSettings::default()
    })
}

/// The input once `r` is done: the overdue part (and for a collection, the rest, oldest first)
/// collected, the order reduced, the limit raised, or the sale made for cash.
fn apply<'a>(input: &CheckInput<'a>, r: &Remedy, s: &CreditSettings, store: &'a mut Vec<(NaiveDate, i64)>) -> CheckInput<'a> {
    let t = d(TODAY.0, TODAY.1, TODAY.2);
    let mut left = match r.kind {
        RemedyKind::Collect(fen) => fen,
        _ => r.overdue,
    };
    *store = input.receivables.to_vec();
    // Overdue beyond N days first, then the rest.
    for pass in 0..2 {
        for (due, fen) in store.iter_mut() {
            let late = (t - *due).num_days() > i64::from(s.overdue_days);
            if (pass == 0) == late && *fen > 0 {
                let take = (*fen).min(left);
                *fen -= take;
                left -= take;
            }
        }
    }
    let mut out = CheckInput { receivables: store.as_slice(), ..*input };
    match r.kind {
        RemedyKind::Collect(_) => {}
        RemedyKind::ReduceOrder(to) => out.order = to,
        RemedyKind::RaiseLimit(to) | RemedyKind::ApproveLimit(to) => out.limit = Some(to),
        RemedyKind::CashSale => out.credit_sale = false,
    }
    out
}

proptest! {
    /// A bigger order never gets a milder verdict.
    #[test]
    fn monotone_in_the_order(
        limit in proptest::option::of(0i64..2_000_000),
        rec in receivables(500_000),
        notes in 0i64..500_000,
        open_orders in 0i64..500_000,
        a in 0i64..2_000_000,
        b in 0i64..2_000_000,
        credit_sale in any::<bool>(),
        s in settings(),
    ) {
        let input = CheckInput { limit, receivables: &rec, unsettled_notes: notes, open_orders, order: a.min(b), credit_sale };
        let small = check_order(&input, &s, today());
        let big = check_order(&input.with_order(a.max(b)), &s, today());
        prop_assert!(small.verdict <= big.verdict, "{:?} then {:?}", small.verdict, big.verdict);
        // Pass exactly when within the warning level (credit sales with a limit, nothing overdue).
        if let (Some(l), true, false) = (limit, credit_sale, small.reasons.iter().any(|r| matches!(r, Reason::Overdue { .. }))) {
            let within = i128::from(small.exposure.total) * 10_000 <= i128::from(l) * i128::from(s.warning_bp);
            prop_assert_eq!(small.verdict == Verdict::Pass, within);
        }
    }

    /// Every remedy, applied, makes the order pass; every result explains itself.
    #[test]
    fn remedies_pass_when_applied(
        limit in proptest::option::of(0i64..2_000_000),
        rec in receivables(500_000),
        notes in 0i64..500_000,
        open_orders in 0i64..500_000,
        order in 0i64..2_000_000,
        credit_sale in any::<bool>(),
        s in settings(),
    ) {
        let input = CheckInput { limit, receivables: &rec, unsettled_notes: notes, open_orders, order, credit_sale };
        let r = check_order(&input, &s, today());
        prop_assert_eq!(r.verdict == Verdict::Pass, r.reasons.is_empty());
        prop_assert!(!r.explain(Lang::Zh).is_empty() && !r.explain(Lang::En).is_empty());
        for remedy in &r.remedies {
            let mut store = Vec::new();
            let fixed = apply(&input, remedy, &s, &mut store);
            if let RemedyKind::ReduceOrder(to) = remedy.kind {
                prop_assert!(to > 0 && to < order);
            }
            let again = check_order(&fixed, &s, today());
            prop_assert_eq!(again.verdict, Verdict::Pass, "{} → {}", remedy.message(Lang::En), again.explain(Lang::En));
        }
        // When a smaller order would pass, the reduction is offered (unless only ¥0 would).
        let overdue = r.reasons.iter().any(|x| matches!(x, Reason::Overdue { .. }));
        if r.verdict != Verdict::Pass && credit_sale && limit.is_some() && !overdue && order > 1 {
            let offered = r.remedies.iter().any(|x| matches!(x.kind, RemedyKind::ReduceOrder(_)));
            let one_fen_passes = check_order(&input.with_order(1), &s, today()).verdict == Verdict::Pass;
            prop_assert_eq!(offered, one_fen_passes);
        }
    }

    /// No input makes the check or utilisation panic.
    #[test]
    fn never_panics(
        limit in proptest::option::of(any::<i64>()),
        rec in proptest::collection::vec((any::<i32>(), any::<i64>()), 0..4),
        notes in any::<i64>(),
        open_orders in any::<i64>(),
        order in any::<i64>(),
        credit_sale in any::<bool>(),
        warning_bp in any::<u16>(),
        overdue_days in any::<u16>(),
        e in any::<i64>(),
        l in any::<i64>(),
    ) {
        let rec: Vec<(NaiveDate, i64)> = rec.into_iter().map(|(n, fen)| (NaiveDate::from_num_days_from_ce_opt(n % 3_000_000).unwrap_or(NaiveDate::MIN), fen)).collect();
        let s = CreditSettings { warning_bp, overdue_days, ..CreditSettings::default() };
        let input = CheckInput { limit, receivables: &rec, unsettled_notes: notes, open_orders, order, credit_sale };
        for today in [NaiveDate::MIN, NaiveDate::MAX, d(2026, 3, 31)] {
            let r = check_order(&input, &s, today);
            let _ = (r.explain(Lang::Zh), r.explain(Lang::En));
        }
        let _ = utilisation_bp(e, l);
    }
}
