//! 商品构成, 毛利率, 商品周转率, 交叉比率 and 贡献比率 (analysis::products) on a worked example.

mod analysis_support;

use analysis_support::*;
use dossier_core::analysis::{format_percent, format_times, product_rows, products, Period, ProductCost, ProductRow};
use dossier_core::ledger::{ProductSales, YearMonth};
use dossier_core::summary::Summary;
use dossier_core::Lang;

fn autumn() -> Period {
    Period { first: YearMonth { year: 2026, month: 9 }, last: YearMonth { year: 2026, month: 11 } }
}

fn ps(product: &str, months: Vec<(i64, i64, i64)>) -> ProductSales {
    ProductSales { product: product.into(), months }
}

fn cost(product: &str, unit_cost_fen: i64, avg_stock_fen: i64) -> ProductCost {
    ProductCost { product: product.into(), unit_cost_fen, avg_stock_fen }
}

/// A: 1,000 units for 100,000.00 over two customers and two months (plus Aug, outside);
/// B: 500 units for 100,000.00. A deleted customer's deliveries of A do not count.
fn two_products() -> Vec<Summary> {
    vec![
        with("c1", "甲", |s| {
            s.facts.products = vec![
                ps("A", vec![(ym(2026, 8), 7, 70_000), (ym(2026, 9), 600, 6_000_000), (ym(2026, 11), 100, 1_000_000)]),
                ps("B", vec![(ym(2026, 10), 500, 10_000_000)]),
            ];
        }),
        with("c2", "乙", |s| s.facts.products = vec![ps("A", vec![(ym(2026, 10), 300, 3_000_000), (ym(2026, 12), 1, 10_000)])]),
        with("c3", "丙", |s| {
            s.deleted = true;
            s.facts.products = vec![ps("A", vec![(ym(2026, 10), 1_000, 10_000_000)])];
        }),
    ]
}

#[test]
fn the_worked_example() {
    // A: cost 60.00 a unit → 60,000.00 of cost; average inventory 20,000.00.
    // B: cost 150.00 a unit → 75,000.00; average inventory 50,000.00.
    let costs = [cost("A", 6_000, 2_000_000), cost("B", 15_000, 5_000_000)];
    let rows = products(&two_products(), &autumn(), &costs);
    assert_eq!(
        rows,
        vec![
            ProductRow {
                product: "A".into(),
                qty: 1_000,
                sales_fen: 10_000_000,
                // 100,000.00 of 200,000.00.
                share_bp: 5000,
                cost_fen: Some(6_000_000),
                // 40,000.00 of 100,000.00: 40 %.
                margin_fen: Some(4_000_000),
                margin_bp: Some(4000),
                // 60,000.00 ÷ 20,000.00 = 3 times.
                turnover_bp: Some(30_000),
                // 40 % × 3 = 120 %.
                cross_bp: Some(12_000),
                // 120 % × 50 % = 60 %.
                contribution_bp: Some(6000),
            },
            ProductRow {
                product: "B".into(),
                qty: 500,
                sales_fen: 10_000_000,
                share_bp: 5000,
                cost_fen: Some(7_500_000),
                // 25 %, 1.5 times, 37.5 %, 18.75 %.
                margin_fen: Some(2_500_000),
                margin_bp: Some(2500),
                turnover_bp: Some(15_000),
                cross_bp: Some(3750),
                contribution_bp: Some(1875),
            },
        ]
    );
    let (header, body) = product_rows(&rows, Lang::Zh);
    assert_eq!(header[6], "毛利率");
    assert_eq!(body[0], vec!["A", "1000", "100,000.00", "50.00%", "60,000.00", "40,000.00", "40.00%", "3.00", "120.00%", "60.00%"]);
}

#[test]
fn unknown_costs_below_cost_and_rounding() {
    let all = vec![
        with("c1", "甲", |s| {
            s.facts.products = vec![
                // Under cost: 10 units for 10.00 at 1.50 a unit: margin −5.00, −50 %; no inventory.
                ps("D", vec![(ym(2026, 9), 10, 1_000)]),
                // No cost entered.
                ps("E", vec![(ym(2026, 9), 1, 20_000)]),
                // 3 units for 300.00 at 70.00: margin 90.00 = 30 %; inventory 90.00: 210 ÷ 90 =
                // 2.3333 times; cross 30 % × 2⅓ = 70 % exactly.
                ps("F", vec![(ym(2026, 10), 3, 30_000)]),
                // Given free: units, no amount.
                ps("G", vec![(ym(2026, 11), 2, 0)]),
            ];
        }),
        // A product with deliveries only outside the period is not listed.
        with("c2", "乙", |s| s.facts.products = vec![ps("H", vec![(ym(2026, 12), 1, 100)])]),
    ];
    // The first entry of a name counts.
    let costs = [cost("D", 150, 0), cost("F", 7_000, 9_000), cost("F", 1, 1), cost("G", 100, 1_000)];
    let rows = products(&all, &autumn(), &costs);
    let names: Vec<&str> = rows.iter().map(|r| r.product.as_str()).collect();
    assert_eq!(names, vec!["F", "E", "D", "G"]);
    let f = &rows[0];
    assert_eq!((f.cost_fen, f.margin_fen, f.margin_bp, f.turnover_bp, f.cross_bp), (Some(21_000), Some(9_000), Some(3000), Some(23_333), Some(7000)));
    // Contribution: 70 % × 300.00/510.00 = 41.176… % → 41.18 %.
    assert_eq!(f.contribution_bp, Some(4118));
    let e = &rows[1];
    assert_eq!((e.cost_fen, e.margin_fen, e.margin_bp, e.turnover_bp, e.cross_bp, e.contribution_bp), (None, None, None, None, None, None));
    let dd = &rows[2];
    assert_eq!((dd.cost_fen, dd.margin_fen, dd.margin_bp, dd.turnover_bp, dd.cross_bp), (Some(1_500), Some(-500), Some(-5000), None, None));
    let g = &rows[3];
    // No sales: no margin rate; its cost still turns over (200 ÷ 1,000 = 0.2 times).
    assert_eq!((g.qty, g.sales_fen, g.share_bp, g.cost_fen, g.margin_fen, g.margin_bp, g.turnover_bp, g.cross_bp), (2, 0, 0, Some(200), Some(-200), None, Some(2000), None));
    // Shares of 510.00: 300 → 5882.35, 200 → 3921.57, 10 → 196.08: floors 9999, the last point
    // to the largest remainder (E's .57).
    assert_eq!(rows.iter().map(|r| r.share_bp).collect::<Vec<_>>(), vec![5882, 3922, 196, 0]);
    assert_eq!(rows.iter().map(|r| r.share_bp).sum::<u32>(), 10_000);
    assert_eq!(format_percent(-5000), "-50.00%");
    assert_eq!(format_times(23_333), "2.33");
    assert_eq!(format_times(25_000), "2.50");
    assert_eq!(format_times(19_950), "2.00");
}

#[test]
fn nothing_delivered_nothing_listed() {
    assert!(products(&two_products(), &Period::year(2024), &[]).is_empty());
    assert!(products(&[], &autumn(), &[]).is_empty());
}
