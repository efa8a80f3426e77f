//! 销售等级 (DOMAIN §4.3): both seed examples, the share and the threshold cut, ties, customers
//! without sales, a customer exactly on a cut, the window (3–6 months, whole months before
//! today's), net sales from the ledger, refused settings, and the laws of the grading.

use chrono::NaiveDate;
use dossier_core::grading::sales::*;
use dossier_core::grading::SettingsError;
use dossier_core::ledger::{AdjustKind, Adjustment, Delivery, Entry, EntryBody, YearMonth};
use dossier_core::{Hlc, Lang, Stamp};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const YUAN: i64 = 100;

/// A three-month window ending August 2025 (today in September).
fn window() -> SalesWindow {
    SalesWindow::ending_before(d(2025, 9, 15), 3).unwrap()
}

/// Customers with the given window totals (fen), spread over the three months.
fn sales(totals: &[(&str, i64)]) -> Vec<CustomerSales> {
    totals
        .iter()
        .map(|(id, t)| CustomerSales { customer_id: id.to_string(), months: vec![t - 2 * (t / 3), t / 3, t / 3] })
        .collect()
}

fn grades(g: &SalesGrading) -> Vec<(&str, SalesGrade)> {
    g.rows.iter().map(|r| (r.customer_id.as_str(), r.grade)).collect()
}

fn share() -> Cut {
    Cut::default()
}

#[test]
fn seed_pareto_example_twenty_customers_make_4_a_6_b_10_c() {
    // 2,500,000 yuan in all: the top 4 make 2,000,000 (80 %), the next 6 375,000 (15 %), the last
    // 10 125,000 (5 %).
    let yuan = [
        800_000, 500_000, 400_000, 300_000, // A
        100_000, 80_000, 60_000, 50_000, 45_000, 40_000, // B
        20_000, 18_000, 15_000, 14_000, 13_000, 12_000, 11_000, 10_000, 7_000, 5_000, // C
    ];
    assert_eq!(yuan.iter().sum::<i64>(), 2_500_000);
    let ids: Vec<String> = (1..=20).map(|i| format!("c{i:02}")).collect();
    // Given in reverse, to show the order given does not matter.
    let input: Vec<(&str, i64)> = ids.iter().zip(yuan).rev().map(|(id, y)| (id.as_str(), y * YUAN)).collect();
    let g = grade_sales(&sales(&input), window(), &share()).unwrap();
    assert_eq!(g.total, 2_500_000 * YUAN);
    assert_eq!(g.counts(), vec![(SalesGrade::A, 4), (SalesGrade::B, 6), (SalesGrade::C, 10)]);
    let got = grades(&g);
    for (i, (id, grade)) in got.iter().enumerate() {
        assert_eq!(*id, ids[i]);
        let want = if i < 4 { SalesGrade::A } else if i < 10 { SalesGrade::B } else { SalesGrade::C };
        assert_eq!(*grade, want, "{id}");
    }
    // The 4th ends exactly on 80 %, the 10th exactly on 95 %: both in the better grade.
    assert_eq!(g.rows[3].cumulative_bp, 8000);
    assert_eq!(g.rows[9].cumulative_bp, 9500);
    assert_eq!(g.rows[19].cumulative_bp, 10_000);
    assert_eq!(g.rows[0].share_bp, 3200);
    assert_eq!((g.rows[0].rank, g.rows[19].rank), (1, 20));
    assert!(g.rows.iter().all(|r| !r.no_sales));
}

/// A customer's file: deliveries and returns (ids given), all created on one device.
fn entry(id: &str, body: EntryBody) -> Entry {
    Entry::new(id.into(), "cust".into(), body, Stamp::new(Hlc { ms: 1_700_000_000_000, n: 0 }, "dev"))
}

fn delivery(id: &str, date: NaiveDate, yuan: i64) -> Entry {
    entry(id, EntryBody::Delivery(Delivery { oid: "o1".into(), date, fen: yuan * YUAN, due: date, ..Default::default() }))
}

fn ret(id: &str, date: NaiveDate, yuan: i64, dlv: Option<&str>, approved: bool) -> Entry {
    entry(
        id,
        EntryBody::Return(Adjustment {
            kind: AdjustKind::Return,
            date,
            fen: yuan * YUAN,
            approved,
            dlv: dlv.map(str::to_string),
            ..Default::default()
        }),
    )
}

#[test]
fn seed_average_example_months_six_to_eight() {
    // 5,000 + 2,500 + 4,500 = 12,000 in June–August → 4,000 a month; May and September do not count.
    let file = vec![
        delivery("may", d(2025, 5, 31), 9_999),
        delivery("jun", d(2025, 6, 1), 5_000),
        delivery("jul1", d(2025, 7, 10), 2_000),
        delivery("jul2", d(2025, 7, 31), 500),
        delivery("aug", d(2025, 8, 31), 4_500),
        delivery("sep", d(2025, 9, 1), 7_777),
    ];
    let w = window();
    assert_eq!((w.first, w.last, w.months), (YearMonth { year: 2025, month: 6 }, YearMonth { year: 2025, month: 8 }, 3));
    assert_eq!(w.label(Lang::Zh), "2025-06 至 2025-08（近3个月）");
    assert_eq!(w.label(Lang::En), "2025-06 to 2025-08 (last 3 months)");
    let s = CustomerSales::from_entries("cust", &file, &w);
    assert_eq!(s.months, vec![5_000 * YUAN, 2_500 * YUAN, 4_500 * YUAN]);
    assert_eq!(s.total(), 12_000 * YUAN);
    assert_eq!(s.average(3), 4_000 * YUAN);
    // The same window all month long: the 1st and the 30th of September agree.
    assert_eq!(SalesWindow::ending_before(d(2025, 9, 1), 3).unwrap(), SalesWindow::ending_before(d(2025, 9, 30), 3).unwrap());
    let g = grade_customers([("cust", file.as_slice())], d(2025, 9, 15), 3, &share()).unwrap();
    assert_eq!(g.rows[0].average, 4_000 * YUAN);
    assert_eq!(g.explain(&g.rows[0], Lang::Zh), "近3个月月均 ¥4,000.00 · 第1名/1 · 累计 100 %");
    assert_eq!(g.explain(&g.rows[0], Lang::En), "3-month average ¥4,000.00 · #1 of 1 · cumulative 100 %");
}

#[test]
fn sales_are_deliveries_net_of_approved_returns_by_delivery_date() {
    let w = window();
    let mut deleted = delivery("gone", d(2025, 6, 5), 1_000);
    deleted.deleted = true;
    let mut deleted_return = ret("r-del", d(2025, 8, 2), 50, None, true);
    deleted_return.deleted = true;
    let file = vec![
        delivery("jun", d(2025, 6, 10), 10_000),
        delivery("jul", d(2025, 7, 10), 8_000),
        deleted,
        // Against June's delivery, made in August: June is reduced.
        ret("r1", d(2025, 8, 3), 1_000, Some("jun"), true),
        // Not approved: nothing.
        ret("r2", d(2025, 8, 3), 500, Some("jun"), false),
        // Deleted: nothing.
        deleted_return,
        // Against July's, but made after the window (in September): not yet.
        ret("r3", d(2025, 9, 2), 2_000, Some("jul"), true),
        // Names no delivery: its own month (August).
        ret("r4", d(2025, 8, 20), 300, None, true),
        // Names a delivery this file does not have: its own month (July).
        ret("r5", d(2025, 7, 20), 200, Some("elsewhere"), true),
        // Against a deleted delivery: nowhere.
        ret("r6", d(2025, 7, 21), 400, Some("gone"), true),
        // Against a delivery before the window: by delivery date, outside it.
        delivery("apr", d(2025, 4, 1), 3_000),
        ret("r7", d(2025, 7, 1), 3_000, Some("apr"), true),
    ];
    assert_eq!(monthly_net_sales(&file, &w), vec![9_000 * YUAN, 7_800 * YUAN, -300 * YUAN]);
    // A month may go negative; so may a whole window: then the customer has no sales.
    let only_returns = vec![ret("r", d(2025, 7, 1), 100, None, true)];
    let s = CustomerSales::from_entries("x", &only_returns, &w);
    assert_eq!((s.total(), s.average(3)), (-100 * YUAN, -33 * YUAN - 33));
    let g = grade_sales(&[s, CustomerSales { customer_id: "y".into(), months: vec![1, 0, 0] }], w, &share()).unwrap();
    assert_eq!(grades(&g), vec![("y", SalesGrade::A), ("x", SalesGrade::C)]);
    assert!(g.rows[1].no_sales && g.rows[1].share_bp == 0);
}

#[test]
fn a_customer_ending_exactly_on_a_cut_is_in_the_better_grade() {
    let g = grade_sales(&sales(&[("a", 50), ("b", 30), ("c", 15), ("d", 5)]), window(), &share()).unwrap();
    // b ends exactly on 80 %, c exactly on 95 %.
    assert_eq!(grades(&g), vec![("a", SalesGrade::A), ("b", SalesGrade::A), ("c", SalesGrade::B), ("d", SalesGrade::C)]);
    assert_eq!(g.rows.iter().map(|r| r.cumulative_bp).collect::<Vec<_>>(), vec![5000, 8000, 9500, 10_000]);
}

#[test]
fn a_customer_straddling_a_cut_is_in_the_better_grade() {
    // One customer with 90 % is A, not "nobody is A".
    let g = grade_sales(&sales(&[("big", 90), ("small", 10)]), window(), &share()).unwrap();
    assert_eq!(grades(&g), vec![("big", SalesGrade::A), ("small", SalesGrade::B)]);
    let g = grade_sales(&sales(&[("only", 1)]), window(), &share()).unwrap();
    assert_eq!(grades(&g), vec![("only", SalesGrade::A)]);
    // 79 % then 11 % (to 90 %): the second starts below 80 %, so A; the third starts at 90 %: B.
    let g = grade_sales(&sales(&[("a", 79), ("b", 11), ("c", 10)]), window(), &share()).unwrap();
    assert_eq!(grades(&g), vec![("a", SalesGrade::A), ("b", SalesGrade::A), ("c", SalesGrade::B)]);
}

#[test]
fn equal_sales_get_the_same_grade_and_rank() {
    // The tie of b and c straddles 80 %: both take the grade where the first fen of the pair
    // falls (70 % before them → A), whatever their ids.
    let g = grade_sales(&sales(&[("c", 10), ("a", 70), ("b", 10), ("d", 10)]), window(), &share()).unwrap();
    assert_eq!(
        grades(&g),
        vec![("a", SalesGrade::A), ("b", SalesGrade::A), ("c", SalesGrade::A), ("d", SalesGrade::A)]
    );
    assert_eq!(g.rows.iter().map(|r| r.rank).collect::<Vec<_>>(), vec![1, 2, 2, 2]);
    // A tie after 80 % is B together, after 95 % C together.
    let g = grade_sales(&sales(&[("a", 80), ("b", 5), ("c", 5), ("d", 5), ("e", 3), ("f", 2)]), window(), &share()).unwrap();
    assert_eq!(
        grades(&g),
        vec![
            ("a", SalesGrade::A),
            ("b", SalesGrade::B),
            ("c", SalesGrade::B),
            ("d", SalesGrade::B),
            ("e", SalesGrade::C),
            ("f", SalesGrade::C)
        ]
    );
    // Everybody equal: everybody in the first grade.
    let g = grade_sales(&sales(&[("x", 7), ("y", 7), ("z", 7)]), window(), &share()).unwrap();
    assert!(g.rows.iter().all(|r| r.grade == SalesGrade::A && r.rank == 1));
}

#[test]
fn customers_without_sales_are_last_and_count_for_nothing() {
    let g = grade_sales(&sales(&[("none", 0), ("a", 100), ("minus", -50), ("b", 100)]), window(), &share()).unwrap();
    assert_eq!(
        grades(&g),
        vec![("a", SalesGrade::A), ("b", SalesGrade::A), ("none", SalesGrade::C), ("minus", SalesGrade::C)]
    );
    assert_eq!(g.total, 200);
    assert!(g.rows[2].no_sales && g.rows[3].no_sales && !g.rows[0].no_sales);
    assert_eq!((g.rows[2].rank, g.rows[3].rank), (3, 4));
    assert_eq!((g.rows[2].cumulative_bp, g.rows[3].share_bp), (10_000, 0));
    // Nobody sold anything: all in the last grade, no shares.
    let g = grade_sales(&sales(&[("x", 0), ("y", 0)]), window(), &share()).unwrap();
    assert!(g.rows.iter().all(|r| r.grade == SalesGrade::C && r.no_sales && r.cumulative_bp == 0));
    // An empty archive.
    let g = grade_sales(&[], window(), &share()).unwrap();
    assert!(g.rows.is_empty() && g.total == 0);
    assert_eq!(g.counts(), vec![(SalesGrade::A, 0), (SalesGrade::B, 0), (SalesGrade::C, 0)]);
    // A customer with no file at all.
    let g = grade_customers([("empty", &[][..])], d(2025, 9, 1), 3, &share()).unwrap();
    assert_eq!(grades(&g), vec![("empty", SalesGrade::C)]);
}

#[test]
fn threshold_cut_by_monthly_average() {
    // 等级标准额: A from 10,000 a month, B from 3,000, C below.
    let cut = Cut::Threshold { fen: vec![10_000 * YUAN, 3_000 * YUAN] };
    let g = grade_sales(
        &sales(&[
            ("on_a", 30_000 * YUAN),     // exactly 10,000 a month: A
            ("above", 45_000 * YUAN),    // A
            ("just_below", 30_000 * YUAN - 1), // 9,999.99⅔: B, although it shows as ¥10,000.00
            ("on_b", 9_000 * YUAN),      // exactly 3,000: B
            ("c", 8_999 * YUAN),         // C
            ("zero", 0),                 // C, no sales
        ]),
        window(),
        &cut,
    )
    .unwrap();
    assert_eq!(
        grades(&g),
        vec![
            ("above", SalesGrade::A),
            ("on_a", SalesGrade::A),
            ("just_below", SalesGrade::B),
            ("on_b", SalesGrade::B),
            ("c", SalesGrade::C),
            ("zero", SalesGrade::C)
        ]
    );
    assert_eq!(g.get("just_below").unwrap().average, 10_000 * YUAN);
    // As many grades as the manager sets: four thresholds make A–E.
    let cut = Cut::Threshold { fen: vec![400, 300, 200, 100] };
    let g = grade_sales(&sales(&[("a", 1200), ("b", 900), ("c", 600), ("d", 300), ("e", 299)]), window(), &cut).unwrap();
    assert_eq!(
        g.rows.iter().map(|r| r.grade).collect::<Vec<_>>(),
        vec![SalesGrade::A, SalesGrade::B, SalesGrade::C, SalesGrade::D, SalesGrade::E]
    );
    assert_eq!(g.counts().len(), 5);
}

#[test]
fn windows_of_three_and_six_months_and_refused_two_and_seven() {
    let w3 = SalesWindow::ending_before(d(2026, 1, 31), 3).unwrap();
    assert_eq!((w3.first, w3.last), (YearMonth { year: 2025, month: 10 }, YearMonth { year: 2025, month: 12 }));
    let w6 = SalesWindow::ending_before(d(2026, 2, 1), 6).unwrap();
    assert_eq!((w6.first, w6.last), (YearMonth { year: 2025, month: 8 }, YearMonth { year: 2026, month: 1 }));
    assert_eq!((w6.first_day(), w6.last_day()), (Some(d(2025, 8, 1)), Some(d(2026, 1, 31))));
    assert_eq!(SalesWindow::ending_before(d(2026, 2, 1), 2), Err(SettingsError::Window(2)));
    assert_eq!(SalesWindow::ending_before(d(2026, 2, 1), 7), Err(SettingsError::Window(7)));
    assert!(grade_customers(std::iter::empty::<(&str, &[Entry])>(), d(2026, 2, 1), 7, &share()).is_err());
    // A six-month average divides by six, months without sales included.
    let file = vec![delivery("a", d(2025, 8, 1), 600), delivery("b", d(2026, 1, 31), 600), delivery("c", d(2026, 2, 1), 600)];
    let s = CustomerSales::from_entries("x", &file, &w6);
    assert_eq!(s.months, vec![600 * YUAN, 0, 0, 0, 0, 600 * YUAN]);
    assert_eq!(s.average(6), 200 * YUAN);
    // A hand-made window of a bad length is refused by the grading too.
    let bad = SalesWindow { months: 0, ..w3 };
    assert_eq!(grade_sales(&[], bad, &share()), Err(SettingsError::Window(0)));
}

#[test]
fn bad_cuts_are_refused_in_both_languages() {
    let cases = [
        (Cut::Share { cuts_bp: vec![9500, 8000] }, SettingsError::CutOrder { lower: 9500, upper: 8000 }),
        (Cut::Share { cuts_bp: vec![8000, 8000] }, SettingsError::CutOrder { lower: 8000, upper: 8000 }),
        (Cut::Share { cuts_bp: vec![0, 8000] }, SettingsError::CutRange(0)),
        (Cut::Share { cuts_bp: vec![8000, 10_000] }, SettingsError::CutRange(10_000)),
        (Cut::Share { cuts_bp: vec![] }, SettingsError::NoCuts),
        (Cut::Share { cuts_bp: vec![1, 2, 3, 4, 5, 6] }, SettingsError::TooManyCuts(6)),
        (Cut::Threshold { fen: vec![] }, SettingsError::NoCuts),
        (Cut::Threshold { fen: vec![300, 1000] }, SettingsError::ThresholdOrder { higher: 300, lower: 1000 }),
        (Cut::Threshold { fen: vec![1000, 0] }, SettingsError::ThresholdNotPositive(0)),
    ];
    for (cut, want) in cases {
        assert_eq!(cut.validate(), Err(want.clone()));
        assert_eq!(grade_sales(&[], window(), &cut), Err(want.clone()));
        let (zh, en) = (want.message(Lang::Zh), want.message(Lang::En));
        assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{zh} / {en}");
        assert_eq!(want.to_string(), en);
    }
    assert_eq!(
        SettingsError::CutOrder { lower: 9500, upper: 8000 }.message(Lang::Zh),
        "95 % 必须小于 80 %：上一级的界线应在前"
    );
    assert_eq!(SettingsError::Window(7).message(Lang::Zh), "统计月数应为 3–6 个月（现为 7）");
    assert!(Cut::Share { cuts_bp: vec![5000, 8000, 9000, 9900, 9999] }.validate().is_ok());
}

#[test]
fn format_bp_for_display() {
    assert_eq!((format_bp(8000), format_bp(8625), format_bp(0), format_bp(10_000)), ("80 %".into(), "86.2 %".into(), "0 %".into(), "100 %".into()));
}

fn arb_sales() -> impl Strategy<Value = Vec<CustomerSales>> {
    // Small ids so that ties of ids happen too; amounts from negative to huge, with many ties.
    let amount = prop_oneof![-5i64..20, Just(0i64), 0..1_000_000_000i64, Just(i64::MAX / 4), Just(i64::MIN / 4)];
    prop::collection::vec(("[a-e]{1,2}", prop::collection::vec(amount, 3)), 0..40).prop_map(|v| {
        v.into_iter().map(|(id, months)| CustomerSales { customer_id: id, months }).collect()
    })
}

fn arb_cut() -> impl Strategy<Value = Cut> {
    prop_oneof![
        prop::collection::btree_set(1u16..10_000, 1..6).prop_map(|s| Cut::Share { cuts_bp: s.into_iter().collect() }),
        prop::collection::btree_set(1i64..1_000_000_000, 1..6)
            .prop_map(|s| Cut::Threshold { fen: s.into_iter().rev().collect() }),
    ]
}

proptest! {
    #[test]
    fn grading_is_invariant_under_input_order(input in arb_sales(), cut in arb_cut(), seed in any::<u64>()) {
        let mut shuffled = input.clone();
        // A deterministic shuffle from the seed.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let a = grade_sales(&input, window(), &cut).unwrap();
        let b = grade_sales(&shuffled, window(), &cut).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn every_customer_gets_exactly_one_grade(input in arb_sales(), cut in arb_cut()) {
        let g = grade_sales(&input, window(), &cut).unwrap();
        prop_assert_eq!(g.rows.len(), input.len());
        let mut want: Vec<&str> = input.iter().map(|s| s.customer_id.as_str()).collect();
        let mut got: Vec<&str> = g.rows.iter().map(|r| r.customer_id.as_str()).collect();
        want.sort();
        got.sort();
        prop_assert_eq!(want, got);
        prop_assert!(g.rows.iter().all(|r| r.grade.index() < cut.grades()));
        prop_assert_eq!(g.counts().iter().map(|c| c.1).sum::<usize>(), input.len());
    }

    #[test]
    fn order_cumulative_share_and_grades_are_monotone(input in arb_sales(), cut in arb_cut()) {
        let g = grade_sales(&input, window(), &cut).unwrap();
        for w in g.rows.windows(2) {
            prop_assert!(w[0].total >= w[1].total);
            prop_assert!(w[0].cumulative_bp <= w[1].cumulative_bp);
            prop_assert!(w[0].grade <= w[1].grade);
            prop_assert!(w[0].rank <= w[1].rank);
            if w[0].total == w[1].total {
                prop_assert_eq!(w[0].grade, w[1].grade);
                prop_assert_eq!(w[0].rank, w[1].rank);
            }
        }
        prop_assert!(g.rows.iter().all(|r| r.cumulative_bp <= 10_000 && r.share_bp <= 10_000));
        if g.total > 0 {
            prop_assert_eq!(g.rows.last().map(|r| r.cumulative_bp), Some(10_000));
        }
        for r in &g.rows {
            prop_assert_eq!(r.no_sales, r.total <= 0);
            if r.no_sales {
                prop_assert_eq!(r.grade.index(), cut.grades() - 1);
            }
        }
    }

    #[test]
    fn each_grade_is_where_the_rule_puts_it(input in arb_sales(), cut in arb_cut()) {
        let g = grade_sales(&input, window(), &cut).unwrap();
        let positive: i128 = g.rows.iter().map(|r| i128::from(r.total.max(0))).sum();
        let last = cut.grades() - 1;
        for r in &g.rows {
            let k = r.grade.index();
            match &cut {
                Cut::Share { cuts_bp } if r.total > 0 => {
                    // Everything sold by customers selling more than this one: what is before its block.
                    let before: i128 = g.rows.iter().filter(|o| o.total > r.total).map(|o| i128::from(o.total)).sum();
                    if k < last {
                        prop_assert!(before * 10_000 < i128::from(cuts_bp[k]) * positive);
                    }
                    if k > 0 {
                        prop_assert!(before * 10_000 >= i128::from(cuts_bp[k - 1]) * positive);
                    }
                }
                Cut::Threshold { fen } => {
                    let sum = i128::from(r.total);
                    if k < last {
                        prop_assert!(sum >= i128::from(fen[k]) * 3);
                    }
                    if k > 0 {
                        prop_assert!(sum < i128::from(fen[k - 1]) * 3);
                    }
                }
                _ => prop_assert_eq!(k, last),
            }
        }
    }
}

/// A random file of deliveries (some deleted) and returns (approved or not, against a delivery
/// of the file, a deleted one, one not in the file, or none) over 2024–2026.
fn arb_file() -> impl Strategy<Value = Vec<Entry>> {
    let day = (2024i32..=2026, 1u32..=12, 1u32..=28).prop_map(|(y, m, dd)| d(y, m, dd));
    let item = (0u8..3, day, 1i64..50_000, 0usize..12, any::<bool>(), any::<bool>());
    prop::collection::vec(item, 0..25).prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (kind, date, yuan, target, flag, flag2))| match kind {
                0 | 1 => {
                    let mut e = delivery(&format!("d{i}"), date, yuan);
                    e.deleted = flag && flag2;
                    e
                }
                _ => {
                    let dlv = match target % 4 {
                        0 => None,
                        1 => Some("missing".to_string()),
                        _ => Some(format!("d{target}")),
                    };
                    let mut e = ret(&format!("r{i}"), date, yuan / 3 + 1, dlv.as_deref(), flag);
                    e.deleted = flag2 && !flag;
                    e
                }
            })
            .collect()
    })
}

proptest! {
    /// What a summary keeps of the sales gives, for any window, what the ledger gives.
    #[test]
    fn monthly_sales_kept_in_a_summary_give_the_ledgers_window(file in arb_file(), y in 2024i32..=2027, m in 1u32..=12, months in 3u8..=6) {
        let window = SalesWindow::ending_before(d(y, m, 15), months).unwrap();
        let kept = MonthlySales::of(&file);
        prop_assert_eq!(kept.in_window(&window), monthly_net_sales(&file, &window));
        // And it survives the summary's JSON.
        let back: MonthlySales = serde_json::from_str(&serde_json::to_string(&kept).unwrap()).unwrap();
        prop_assert_eq!(back, kept);
    }
}

#[test]
fn pareto_bars_follow_the_grading_and_group_neighbours() {
    // The seed's 20 customers: 4 A (80 %), 6 B (15 %), 10 C (5 %).
    let mut input: Vec<(String, i64)> = Vec::new();
    for i in 0..4 {
        input.push((format!("a{i}"), 500_000 * YUAN));
    }
    for i in 0..6 {
        input.push((format!("b{i}"), 62_500 * YUAN));
    }
    for i in 0..10 {
        input.push((format!("c{i}"), 12_500 * YUAN));
    }
    let refs: Vec<(&str, i64)> = input.iter().map(|(id, f)| (id.as_str(), *f)).collect();
    let g = grade_sales(&sales(&refs), window(), &share()).unwrap();
    let bars = g.pareto(100);
    assert_eq!(bars.len(), 20, "one bar per customer when they fit");
    assert_eq!(bars[3].cumulative_bp, 8000);
    assert_eq!((bars[3].grade, bars[4].grade, bars[19].grade), (SalesGrade::A, SalesGrade::B, SalesGrade::C));
    assert_eq!(bars[19].cumulative_bp, 10_000);
    // Five bars of four: the second mixes no grade, the third mixes B and C.
    let five = g.pareto(5);
    assert_eq!(five.len(), 5);
    assert_eq!((five[0].first, five[0].last, five[0].mixed), (0, 3, false));
    assert_eq!((five[2].first, five[2].last, five[2].grade, five[2].mixed), (8, 11, SalesGrade::B, true));
    assert_eq!(five.iter().map(|b| b.average).sum::<i64>(), g.rows.iter().map(|r| r.average).sum::<i64>());
    // Per grade: count and share of the sales.
    assert_eq!(g.bands(), vec![(SalesGrade::A, 4, 8000), (SalesGrade::B, 6, 1500), (SalesGrade::C, 10, 500)]);
    // Customers without sales hold no bar.
    let none = grade_sales(&sales(&[("x", 0), ("y", 100)]), window(), &share()).unwrap();
    assert_eq!(none.pareto(10).len(), 1);
}
