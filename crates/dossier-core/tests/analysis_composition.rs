//! 客户构成 and 销售构成 (analysis::composition), worked by hand: largest-remainder shares that add
//! to exactly 100 %, customers by nature, region, rep, grade with missing values, the period's
//! sales by customer, product, region and rep with the months outside left out.

mod analysis_support;

use analysis_support::*;
use dossier_core::analysis::{customers_by, net_sales, sales_by, split_bp, CustomerDim, Period, SalesDim, Share};
use dossier_core::ledger::{ProductSales, YearMonth};
use dossier_core::primitives::grades::SalesGrade;
use dossier_core::summary::Summary;
use dossier_core::{Kind, Lang, Nature, Tier};
use proptest::prelude::*;

fn share(key: &str, label: &str, count: usize, fen: i64, bp: u32) -> Share {
    Share { key: key.into(), label: label.into(), count, fen, bp }
}

fn sum_bp(rows: &[Share]) -> u32 {
    rows.iter().map(|r| r.bp).sum()
}

#[test]
fn largest_remainder_by_hand() {
    // ⅓ each: 3333.33…; the one basis point left goes to the first of the equal remainders.
    assert_eq!(split_bp(&[1, 1, 1]), vec![3334, 3333, 3333]);
    // ⅔ and ⅓: floors 6666 + 3333, remainders 2 and 1 (of 3): the first gets the last point.
    assert_eq!(split_bp(&[2, 1]), vec![6667, 3333]);
    // Sevenths: 1428.57… each, floors 9996, four left for the first four.
    assert_eq!(split_bp(&[1; 7]), vec![1429, 1429, 1429, 1429, 1428, 1428, 1428]);
    // The largest remainder wins, not the first: 1/6 → 1666.67, 2/6 → 3333.33 (×2), 1/6.
    assert_eq!(split_bp(&[1, 2, 2, 1]), vec![1667, 3333, 3333, 1667]);
    // Exact shares need no rounding; a zero part gets nothing.
    assert_eq!(split_bp(&[1, 3, 0]), vec![2500, 7500, 0]);
    // Below zero counts as zero; a zero total gives zeros.
    assert_eq!(split_bp(&[-5, 5]), vec![0, 10_000]);
    assert_eq!(split_bp(&[0, 0]), vec![0, 0]);
    assert_eq!(split_bp(&[]), Vec::<u32>::new());
    // Amounts beyond i64 sums do not overflow.
    assert_eq!(split_bp(&[i128::from(i64::MAX); 3]), vec![3334, 3333, 3333]);
}

proptest! {
    #[test]
    fn shares_always_add_to_a_whole(parts in prop::collection::vec(0i64..2_000_000_000_000, 1..60)) {
        let parts: Vec<i128> = parts.into_iter().map(i128::from).collect();
        let total: i128 = parts.iter().sum();
        let bp = split_bp(&parts);
        prop_assert_eq!(bp.len(), parts.len());
        if total == 0 {
            prop_assert!(bp.iter().all(|b| *b == 0));
        } else {
            prop_assert_eq!(bp.iter().sum::<u32>(), 10_000);
            // Each is its exact share rounded down or up, never further.
            for (p, b) in parts.iter().zip(&bp) {
                let floor = p * 10_000 / total;
                prop_assert!(i128::from(*b) == floor || i128::from(*b) == floor + 1, "{} of {}: {}", p, total, b);
            }
        }
    }

    #[test]
    fn customer_shares_add_to_a_whole(regions in prop::collection::vec(0u8..7, 1..80)) {
        let all: Vec<Summary> = regions
            .iter()
            .enumerate()
            .map(|(i, r)| with(&format!("c{i}"), "x", |s| s.region = if *r == 0 { String::new() } else { format!("地区{r}") }))
            .collect();
        let rows = customers_by(&all, CustomerDim::Region, &[], Lang::Zh);
        prop_assert_eq!(sum_bp(&rows), 10_000);
        prop_assert_eq!(rows.iter().map(|r| r.count).sum::<usize>(), all.len());
    }
}

/// Six cards: 国营 ×2 (one deleted card besides), 股份公司, an enterprise without 性质, an
/// individual (no 性质), in three regions (two without one, one of them only spaces).
fn cards() -> Vec<Summary> {
    vec![
        with("c1", "甲", |s| {
            s.nature = Some(Nature::State);
            s.region = "北京".into();
            s.owner = "r1".into();
            s.grades.sales = Some(SalesGrade::A);
            s.tier = Some(Tier::Key);
        }),
        with("c2", "乙", |s| {
            s.nature = Some(Nature::State);
            s.region = "北京".into();
            s.owner = "r1".into();
            s.grades.sales = Some(SalesGrade::A);
        }),
        with("c3", "丙", |s| {
            s.nature = Some(Nature::JointStock);
            s.region = "上海".into();
            s.owner = "r2".into();
            s.grades.sales = Some(SalesGrade::B);
        }),
        with("c4", "丁", |s| {
            s.kind = Kind::Individual;
            s.region = "  ".into();
            s.owner = "r9".into();
        }),
        with("c5", "戊", |s| {
            s.nature = Some(Nature::State);
            s.region = "北京".into();
            s.owner = "r1".into();
            s.deleted = true;
        }),
        with("c6", "己", |_| {}),
    ]
}

#[test]
fn customers_by_nature_with_missing_values() {
    let rows = customers_by(&cards(), CustomerDim::Nature, &[], Lang::Zh);
    // Five live: 国营 2, 未填 2 (the individual and the enterprise without one), 股份公司 1.
    // Equal counts by label: 国 (U+56FD) before 未 (U+672A).
    assert_eq!(
        rows,
        vec![share("state", "国营", 2, 0, 4000), share("", "未填", 2, 0, 4000), share("joint_stock", "股份公司", 1, 0, 2000)]
    );
    let en = customers_by(&cards(), CustomerDim::Nature, &[], Lang::En);
    assert_eq!(en[0].label, "Not given");
    assert_eq!(en[1].label, "State-owned");
}

#[test]
fn customers_by_region_trims_and_fills_in_not_given() {
    let rows = customers_by(&cards(), CustomerDim::Region, &[], Lang::Zh);
    // 北京 2 (the deleted third not counted), 未填 2 ("  " and ""), 上海 1.
    assert_eq!(rows, vec![share("北京", "北京", 2, 0, 4000), share("", "未填", 2, 0, 4000), share("上海", "上海", 1, 0, 2000)]);
}

#[test]
fn customers_by_rep_names_reps_and_keeps_unknown_ids() {
    let reps = [rep("r1", "张三", false), rep("r2", "李四", true)];
    let rows = customers_by(&cards(), CustomerDim::Rep, &reps, Lang::Zh);
    // 张三 2; then ones by label: "r9" (unknown id, ASCII) < 未填 (U+672A) < 李四 (U+674E).
    assert_eq!(
        rows,
        vec![
            share("r1", "张三", 2, 0, 4000),
            share("r9", "r9", 1, 0, 2000),
            share("", "未填", 1, 0, 2000),
            share("r2", "李四", 1, 0, 2000),
        ]
    );
}

#[test]
fn customers_by_grade_stage_and_tier() {
    let rows = customers_by(&cards(), CustomerDim::SalesGrade, &[], Lang::Zh);
    assert_eq!(rows, vec![share("A", "A级", 2, 0, 4000), share("", "未填", 2, 0, 4000), share("B", "B级", 1, 0, 2000)]);
    let rows = customers_by(&cards(), CustomerDim::Stage, &[], Lang::Zh);
    assert_eq!(rows, vec![share("current", "现有客户", 5, 0, 10_000)]);
    let rows = customers_by(&cards(), CustomerDim::Tier, &[], Lang::En);
    assert_eq!(rows, vec![share("", "Not given", 4, 0, 8000), share("key", "Key", 1, 0, 2000)]);
    let rows = customers_by(&cards(), CustomerDim::Category, &[], Lang::Zh);
    assert_eq!(rows, vec![share("", "未填", 5, 0, 10_000)]);
}

#[test]
fn a_three_way_split_adds_to_a_whole() {
    let all = vec![
        with("a", "a", |s| s.region = "甲地".into()),
        with("b", "b", |s| s.region = "乙地".into()),
        with("c", "c", |s| s.region = "丙地".into()),
    ];
    let rows = customers_by(&all, CustomerDim::Region, &[], Lang::Zh);
    // Equal counts by label: 丙 (U+4E19) < 乙 (U+4E59) < 甲 (U+7532); the first gets the point.
    let bp: Vec<(&str, u32)> = rows.iter().map(|r| (r.key.as_str(), r.bp)).collect();
    assert_eq!(bp, vec![("丙地", 3334), ("乙地", 3333), ("甲地", 3333)]);
    assert!(customers_by(&[], CustomerDim::Region, &[], Lang::Zh).is_empty());
}

/// The period Sep–Nov 2026 and four customers (one deleted) with sales inside and outside it.
fn trade() -> Vec<Summary> {
    vec![
        // Net in the period: 100,000.00 (Sep) + 20,000.00 (Nov) − 10,000.00 (a return counted in
        // Sep, dated Oct) = 110,000.00. Not: Aug, Dec, and a return counted in Nov but dated Dec.
        with("c1", "甲", |s| {
            s.region = "北京".into();
            s.owner = "r1".into();
            s.sales.delivered = vec![(ym(2026, 8), 5_000_000), (ym(2026, 9), 10_000_000), (ym(2026, 11), 2_000_000), (ym(2026, 12), 99_900)];
            s.sales.returned = vec![(ym(2026, 9), ym(2026, 10), 1_000_000), (ym(2026, 11), ym(2026, 12), 500_000)];
            s.facts.products = vec![
                ProductSales { product: "甲品".into(), months: vec![(ym(2026, 8), 1, 999_900), (ym(2026, 9), 10, 6_000_000), (ym(2026, 11), 2, 1_200_000)] },
                ProductSales { product: "乙品".into(), months: vec![(ym(2026, 9), 4, 4_000_000)] },
            ];
        }),
        // 30,000.00 in Oct.
        with("c2", "乙", |s| {
            s.region = "上海".into();
            s.owner = "r2".into();
            s.sales.delivered = vec![(ym(2026, 10), 3_000_000)];
            s.facts.products = vec![ProductSales { product: "甲品".into(), months: vec![(ym(2026, 10), 5, 3_000_000)] }];
        }),
        // 10,000.00 delivered, 15,000.00 returned in Oct: −5,000.00.
        with("c3", "丙", |s| {
            s.region = "北京".into();
            s.owner = "r1".into();
            s.sales.delivered = vec![(ym(2026, 10), 1_000_000)];
            s.sales.returned = vec![(ym(2026, 10), ym(2026, 10), 1_500_000)];
            s.facts.products = vec![ProductSales { product: "丙品".into(), months: vec![(ym(2026, 12), 1, 100)] }];
        }),
        // Deleted: nothing counts.
        with("c4", "丁", |s| {
            s.region = "上海".into();
            s.owner = "r2".into();
            s.deleted = true;
            s.sales.delivered = vec![(ym(2026, 10), 100_000_000)];
            s.facts.products = vec![ProductSales { product: "乙品".into(), months: vec![(ym(2026, 10), 100, 100_000_000)] }];
        }),
        with("c5", "戊", |s| s.region = "广州".into()),
    ]
}

fn autumn() -> Period {
    Period { first: YearMonth { year: 2026, month: 9 }, last: YearMonth { year: 2026, month: 11 } }
}

#[test]
fn net_sales_keep_to_the_period() {
    let all = trade();
    assert_eq!(net_sales(&all[0].sales, &autumn()), 11_000_000);
    assert_eq!(net_sales(&all[2].sales, &autumn()), -500_000);
    // December alone: the 999.00 delivery, and the Nov-counted return is outside.
    let dec = Period::month(YearMonth { year: 2026, month: 12 });
    assert_eq!(net_sales(&all[0].sales, &dec), 99_900);
}

#[test]
fn sales_by_customer() {
    let rows = sales_by(&trade(), SalesDim::Customer, &autumn(), &[], Lang::Zh);
    // 110,000.00 and 30,000.00 of 140,000.00: 7857.14 → 7857 and 2142.86 → 2143 (the larger
    // remainder); 丙 (negative) and 戊 (none) left out.
    assert_eq!(rows, vec![share("c1", "甲", 1, 11_000_000, 7857), share("c2", "乙", 1, 3_000_000, 2143)]);
}

#[test]
fn sales_by_region_nets_its_customers() {
    let rows = sales_by(&trade(), SalesDim::Region, &autumn(), &[], Lang::Zh);
    // 北京 110,000.00 − 5,000.00 = 105,000.00 from one contributing customer; 上海 30,000.00 (the
    // deleted 1,000,000.00 not counted). Of 135,000.00: 7777.78 → 7778, 2222.22 → 2222.
    assert_eq!(rows, vec![share("北京", "北京", 1, 10_500_000, 7778), share("上海", "上海", 1, 3_000_000, 2222)]);
}

#[test]
fn sales_by_rep_labels_by_name() {
    let reps = [rep("r1", "张三", false), rep("r2", "李四", false)];
    let rows = sales_by(&trade(), SalesDim::Rep, &autumn(), &reps, Lang::Zh);
    assert_eq!(rows, vec![share("r1", "张三", 1, 10_500_000, 7778), share("r2", "李四", 1, 3_000_000, 2222)]);
}

#[test]
fn sales_by_product_are_gross_deliveries_in_the_period() {
    let rows = sales_by(&trade(), SalesDim::Product, &autumn(), &[], Lang::Zh);
    // 甲品 60,000.00 + 12,000.00 (c1, not Aug) + 30,000.00 (c2) = 102,000.00 from 2 customers;
    // 乙品 40,000.00 (the deleted customer's not counted); 丙品 only in Dec. Of 142,000.00:
    // 7183.10 → 7183, 2816.90 → 2817.
    assert_eq!(rows, vec![share("甲品", "甲品", 2, 10_200_000, 7183), share("乙品", "乙品", 1, 4_000_000, 2817)]);
}

#[test]
fn a_period_without_sales_has_no_rows() {
    let summer = Period { first: YearMonth { year: 2025, month: 6 }, last: YearMonth { year: 2025, month: 8 } };
    for dim in [SalesDim::Customer, SalesDim::Product, SalesDim::Region, SalesDim::Rep] {
        assert!(sales_by(&trade(), dim, &summer, &[], Lang::Zh).is_empty(), "{dim:?}");
    }
}
