//! The five credit-limit methods (issue 16), each with a hand-computed example and its edges
//! (missing inputs, zero suppliers, negative net assets, zero liabilities, the caps, huge
//! values), the approved limit and its history, the profile's validation and wire form, and the
//! limit each credit class proposes.

use chrono::NaiveDate;
use dossier_core::credit::limits::*;
use dossier_core::credit::profile::{MAX_FIGURE_FEN, MAX_PERIOD_DAYS, MAX_PERIOD_MONTHS};
use dossier_core::credit::*;
use dossier_core::Lang;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A figure learned from the bank on 2026-01-10.
fn fig(v: i64) -> Option<Figure> {
    Some(Figure::new(v, d(2026, 1, 10), Source::Bank))
}

const YUAN: i64 = 100;

/// Purchases ¥1,000,000 a month, our share 30 %, 2 months' credit, working capital ¥600,000,
/// current assets ¥3,000,000 and liabilities ¥1,200,000, assets ¥5,000,000 and liabilities
/// ¥3,000,000, 4 suppliers, scores 4 3 4 5 3 4 (23).
fn full() -> CreditProfile {
    CreditProfile {
        monthly_purchases: fig(1_000_000 * YUAN),
        our_share: fig(3_000),
        credit_period: Some(PeriodFigure::months(2, d(2026, 1, 10), Source::Internal)),
        working_capital: fig(600_000 * YUAN),
        current_assets: fig(3_000_000 * YUAN),
        current_liabilities: fig(1_200_000 * YUAN),
        total_assets: fig(5_000_000 * YUAN),
        total_liabilities: fig(3_000_000 * YUAN),
        suppliers: fig(4),
        scorecard: Some(Scorecard { scores: [4, 3, 4, 5, 3, 4], date: d(2026, 1, 12), ..Scorecard::default() }),
    }
}

fn works(l: &Limit) -> (&str, &str) {
    (l.working(Lang::Zh), l.working(Lang::En))
}

// --- 1. 销售额测定法 ---

#[test]
fn sales_based_hand_computed() {
    // 1,000,000 × 30 % × 2 = 600,000.
    let l = sales_based(&full()).unwrap();
    assert_eq!((l.method, l.fen), (Method::SalesBased, 600_000 * YUAN));
    assert_eq!(works(&l), ("¥1,000,000 × 30 % × 2 个月 = ¥600,000", "¥1,000,000 × 30 % × 2 months = ¥600,000"));

    // A period in days counts as days ÷ 30 months: 1,000,000 × 30 % × 45 ÷ 30 = 450,000.
    let p = CreditProfile { credit_period: Some(PeriodFigure::days(45, d(2026, 1, 10), Source::Trade)), ..full() };
    let l = sales_based(&p).unwrap();
    assert_eq!(l.fen, 450_000 * YUAN);
    assert_eq!(works(&l), ("¥1,000,000 × 30 % × 45 天 ÷ 30 = ¥450,000", "¥1,000,000 × 30 % × 45 days ÷ 30 = ¥450,000"));

    // Rounding half away from zero to the fen: 3 fen × 50 % × 1 month = 1.5 fen → 2 fen.
    let p = CreditProfile {
        monthly_purchases: fig(3),
        our_share: fig(5_000),
        credit_period: Some(PeriodFigure::months(1, d(2026, 1, 10), Source::Bank)),
        ..CreditProfile::default()
    };
    let l = sales_based(&p).unwrap();
    assert_eq!(l.fen, 2);
    assert_eq!(works(&l), ("¥0.03 × 50 % × 1 个月 = ¥0.02", "¥0.03 × 50 % × 1 month = ¥0.02"));
    // 33.33 % of ¥1,000.01 for one month = 33,330.33 fen → 33,330.
    let p = CreditProfile { monthly_purchases: fig(100_001), our_share: fig(3_333), ..p };
    assert_eq!(sales_based(&p).unwrap().fen, 33_330);
}

#[test]
fn sales_based_edges() {
    let empty = CreditProfile::default();
    let e = sales_based(&empty).unwrap_err();
    assert_eq!(e, NotApplicable::Missing(vec![ProfileField::MonthlyPurchases, ProfileField::OurShare, ProfileField::CreditPeriod]));
    assert_eq!(e.message(Lang::Zh), "缺少月总购入额、本公司供货比率、信用期限");
    assert_eq!(e.to_string(), "missing: monthly total purchases, our supply share, credit period");

    let no_period = CreditProfile { credit_period: None, ..full() };
    assert_eq!(sales_based(&no_period), Err(NotApplicable::Missing(vec![ProfileField::CreditPeriod])));

    let zero_share = CreditProfile { our_share: fig(0), ..full() };
    let e = sales_based(&zero_share).unwrap_err();
    assert_eq!(e, NotApplicable::NoShare);
    assert_eq!(e.message(Lang::Zh), "本公司供货比率为 0 %（新客户请填预计比率）");

    let over = CreditProfile { our_share: fig(10_001), ..full() };
    let e = sales_based(&over).unwrap_err();
    assert_eq!(e, NotApplicable::Invalid(ProfileError::Share(10_001)));
    assert_eq!(e.message(Lang::En), "our supply share is between 0 % and 100 % (not 100.01 %)");

    let zero_period = CreditProfile { credit_period: Some(PeriodFigure::months(0, d(2026, 1, 1), Source::Bank)), ..full() };
    assert_eq!(sales_based(&zero_period), Err(NotApplicable::Invalid(ProfileError::Period)));
    let long = CreditProfile { credit_period: Some(PeriodFigure::months(MAX_PERIOD_MONTHS + 1, d(2026, 1, 1), Source::Bank)), ..full() };
    assert_eq!(sales_based(&long), Err(NotApplicable::Invalid(ProfileError::Period)));

    let negative = CreditProfile { monthly_purchases: fig(-1), ..full() };
    let e = sales_based(&negative).unwrap_err();
    assert_eq!(e, NotApplicable::Invalid(ProfileError::Negative(ProfileField::MonthlyPurchases)));
    assert_eq!(e.message(Lang::Zh), "月总购入额不能为负数");

    // Huge values: beyond ¥10 万亿 not applicable; at the bounds an exact answer.
    let huge = CreditProfile { monthly_purchases: fig(i64::MAX), ..full() };
    assert_eq!(sales_based(&huge), Err(NotApplicable::Invalid(ProfileError::TooLarge(ProfileField::MonthlyPurchases))));
    let top = CreditProfile {
        monthly_purchases: fig(MAX_FIGURE_FEN),
        our_share: fig(10_000),
        credit_period: Some(PeriodFigure::months(MAX_PERIOD_MONTHS, d(2026, 1, 1), Source::Bank)),
        ..full()
    };
    assert_eq!(sales_based(&top).unwrap().fen, MAX_FIGURE_FEN * 60);
    let top_days = CreditProfile { credit_period: Some(PeriodFigure::days(MAX_PERIOD_DAYS, d(2026, 1, 1), Source::Bank)), ..top };
    assert_eq!(sales_based(&top_days).unwrap().fen, MAX_FIGURE_FEN * 61);
}

// --- 2. 周转资产分割法 ---

#[test]
fn working_capital_hand_computed() {
    // 600,000 ÷ 4 = 150,000.
    let l = working_capital(&full()).unwrap();
    assert_eq!((l.method, l.fen), (Method::WorkingCapital, 150_000 * YUAN));
    assert_eq!(works(&l), ("¥600,000 ÷ 4 家供货商 = ¥150,000", "¥600,000 ÷ 4 suppliers = ¥150,000"));

    // Without a working-capital figure: current assets − current liabilities.
    let p = CreditProfile {
        working_capital: None,
        current_assets: fig(1_000_000 * YUAN),
        current_liabilities: fig(400_000 * YUAN),
        ..full()
    };
    let l = working_capital(&p).unwrap();
    assert_eq!(l.fen, 150_000 * YUAN);
    assert_eq!(l.working(Lang::Zh), "(¥1,000,000 − ¥400,000) ÷ 4 家供货商 = ¥150,000");

    // 10 fen ÷ 4 = 2.5 → 3 fen; one supplier in the singular.
    let p = CreditProfile { working_capital: fig(10), ..full() };
    assert_eq!(working_capital(&p).unwrap().fen, 3);
    let p = CreditProfile { suppliers: fig(1), ..full() };
    assert_eq!(working_capital(&p).unwrap().working(Lang::En), "¥600,000 ÷ 1 supplier = ¥600,000");
}

#[test]
fn working_capital_edges() {
    let zero = CreditProfile { suppliers: fig(0), ..full() };
    let e = working_capital(&zero).unwrap_err();
    assert_eq!(e, NotApplicable::NoSuppliers);
    assert_eq!(e.message(Lang::Zh), "供货商个数为 0，无从分摊");
    assert_eq!(working_capital(&CreditProfile { suppliers: fig(-2), ..full() }), Err(NotApplicable::Invalid(ProfileError::Suppliers(-2))));

    let negative = CreditProfile { working_capital: fig(-50_000 * YUAN), ..full() };
    let e = working_capital(&negative).unwrap_err();
    assert_eq!(e, NotApplicable::NoWorkingCapital(-50_000 * YUAN));
    assert_eq!(e.message(Lang::Zh), "周转资产为 ¥-50,000，不是正数，此法不适用");
    assert_eq!(working_capital(&CreditProfile { working_capital: fig(0), ..full() }), Err(NotApplicable::NoWorkingCapital(0)));

    // Derived and negative.
    let p = CreditProfile { working_capital: None, current_assets: fig(100), current_liabilities: fig(300), ..full() };
    assert_eq!(working_capital(&p), Err(NotApplicable::NoWorkingCapital(-200)));

    let none = CreditProfile::default();
    assert_eq!(working_capital(&none), Err(NotApplicable::Missing(vec![ProfileField::WorkingCapital, ProfileField::Suppliers])));
    // Current assets alone do not make a working capital.
    let half = CreditProfile { current_assets: fig(100), suppliers: fig(2), ..CreditProfile::default() };
    assert_eq!(working_capital(&half), Err(NotApplicable::Missing(vec![ProfileField::WorkingCapital])));

    let huge = CreditProfile { working_capital: fig(i64::MIN), ..full() };
    assert_eq!(working_capital(&huge), Err(NotApplicable::Invalid(ProfileError::TooLarge(ProfileField::WorkingCapital))));
    let big = CreditProfile { working_capital: fig(MAX_FIGURE_FEN), suppliers: fig(i64::MAX), ..full() };
    assert_eq!(working_capital(&big).unwrap().fen, 0);
}

// --- 3. 流动比率法 ---

#[test]
fn current_ratio_hand_computed() {
    let s = CreditSettings::default();
    let base = Some(400_000 * YUAN);
    // 3,000,000 ÷ 1,200,000 = 250 %; 250 % ÷ 200 % = 1.25; 400,000 × 1.25 = 500,000.
    let l = current_ratio(&full(), base, &s).unwrap();
    assert_eq!((l.method, l.fen), (Method::CurrentRatio, 500_000 * YUAN));
    assert_eq!(
        works(&l),
        (
            "流动比率 = ¥3,000,000 ÷ ¥1,200,000 = 250 %；250 % ÷ 200 % = 1.25 倍；基准限度 ¥400,000 × 1.25 = ¥500,000",
            "current ratio = ¥3,000,000 ÷ ¥1,200,000 = 250 %; 250 % ÷ 200 % = 1.25×; base limit ¥400,000 × 1.25 = ¥500,000"
        )
    );

    // An inexact ratio: 500,000 ÷ 300,000 ≈ 166.67 %, factor 5/6; 400,000 × 5/6 = 333,333.33.
    let p = CreditProfile { current_assets: fig(500_000 * YUAN), current_liabilities: fig(300_000 * YUAN), ..full() };
    let l = current_ratio(&p, base, &s).unwrap();
    assert_eq!(l.fen, 33_333_333);
    assert_eq!(
        l.working(Lang::Zh),
        "流动比率 = ¥500,000 ÷ ¥300,000 ≈ 166.67 %；166.67 % ÷ 200 % ≈ 0.8333 倍；基准限度 ¥400,000 × ¥500,000 ÷ (¥300,000 × 200 %) = ¥333,333.33"
    );

    // Another usual level and caps.
    let s2 = CreditSettings { usual_ratio_bp: 15_000, cap_min_e4: 8_000, cap_max_e4: 12_000, ..CreditSettings::default() };
    // 250 % ÷ 150 % = 1.67 → capped at 1.2: 480,000.
    assert_eq!(current_ratio(&full(), base, &s2).unwrap().fen, 480_000 * YUAN);
}

#[test]
fn current_ratio_caps() {
    let s = CreditSettings::default();
    let base = Some(400_000 * YUAN);
    let with = |ca: i64, cl: i64| CreditProfile { current_assets: fig(ca * YUAN), current_liabilities: fig(cl * YUAN), ..full() };
    // 600 % → 3× → capped at 1.5×: 600,000.
    let l = current_ratio(&with(6_000_000, 1_000_000), base, &s).unwrap();
    assert_eq!(l.fen, 600_000 * YUAN);
    assert_eq!(
        l.working(Lang::Zh),
        "流动比率 = ¥6,000,000 ÷ ¥1,000,000 = 600 %；600 % ÷ 200 % = 3 倍，超过上限，取 1.5 倍；基准限度 ¥400,000 × 1.5 = ¥600,000"
    );
    assert_eq!(
        l.working(Lang::En),
        "current ratio = ¥6,000,000 ÷ ¥1,000,000 = 600 %; 600 % ÷ 200 % = 3×, above the cap: 1.5×; base limit ¥400,000 × 1.5 = ¥600,000"
    );
    // Exactly at the cap: 300 % → 1.5×, not "above".
    let l = current_ratio(&with(3_000_000, 1_000_000), base, &s).unwrap();
    assert_eq!(l.fen, 600_000 * YUAN);
    assert!(!l.working(Lang::Zh).contains("上限"));
    // One fen above the cap's ratio: capped, same amount.
    let p = CreditProfile { current_assets: fig(300_000_001), current_liabilities: fig(100_000_000), ..full() };
    let l = current_ratio(&p, base, &s).unwrap();
    assert_eq!(l.fen, 600_000 * YUAN);
    assert!(l.working(Lang::Zh).contains("超过上限"));
    // 50 % → 0.25× → floor 0.5×: 200,000.
    let l = current_ratio(&with(500_000, 1_000_000), base, &s).unwrap();
    assert_eq!(l.fen, 200_000 * YUAN);
    assert!(l.working(Lang::Zh).contains("0.25 倍，低于下限，取 0.5 倍"));
    assert!(l.working(Lang::En).contains("0.25×, below the floor: 0.5×"));
    // Exactly at the floor: 100 % → 0.5×.
    let l = current_ratio(&with(1_000_000, 1_000_000), base, &s).unwrap();
    assert_eq!(l.fen, 200_000 * YUAN);
    assert!(!l.working(Lang::Zh).contains("下限"));
    // No current assets at all: the floor.
    assert_eq!(current_ratio(&with(0, 1_000_000), base, &s).unwrap().fen, 200_000 * YUAN);
}

#[test]
fn current_ratio_edges() {
    let s = CreditSettings::default();
    let base = Some(400_000 * YUAN);
    let zero = CreditProfile { current_liabilities: fig(0), ..full() };
    let e = current_ratio(&zero, base, &s).unwrap_err();
    assert_eq!(e, NotApplicable::NoCurrentLiabilities);
    assert_eq!(e.message(Lang::Zh), "流动负债为 0，流动比率无从计算");
    assert_eq!(current_ratio(&full(), None, &s), Err(NotApplicable::NoBase));
    assert_eq!(current_ratio(&full(), Some(-1), &s), Err(NotApplicable::InvalidBase(-1)));
    assert_eq!(current_ratio(&full(), Some(0), &s).unwrap().fen, 0);
    let missing = CreditProfile { current_assets: None, ..full() };
    // Missing inputs are named before the missing base.
    assert_eq!(current_ratio(&missing, None, &s), Err(NotApplicable::Missing(vec![ProfileField::CurrentAssets])));
    let bad = CreditSettings { usual_ratio_bp: 0, ..s.clone() };
    let e = current_ratio(&full(), base, &bad).unwrap_err();
    assert_eq!(e, NotApplicable::BadSettings(SettingsError::UsualRatio(0)));
    assert!(e.message(Lang::Zh).starts_with("设置有误：一般流动比率应为 10 %–1000 %"));
    let upside_down = CreditSettings { cap_min_e4: 20_000, ..s.clone() };
    assert_eq!(current_ratio(&full(), base, &upside_down), Err(NotApplicable::BadSettings(SettingsError::CapMin(20_000))));
    // Huge: the largest base capped at 1.5× does not fit in fen.
    let p = CreditProfile { current_assets: fig(MAX_FIGURE_FEN), current_liabilities: fig(1), ..full() };
    assert_eq!(current_ratio(&p, Some(i64::MAX), &s), Err(NotApplicable::TooLarge));
    let p = CreditProfile { current_assets: fig(MAX_FIGURE_FEN), current_liabilities: fig(MAX_FIGURE_FEN), ..full() };
    assert_eq!(current_ratio(&p, Some(i64::MAX), &s).unwrap().fen, i64::MAX / 2 + 1);
    let p = CreditProfile { current_assets: fig(i64::MAX), ..full() };
    assert_eq!(current_ratio(&p, base, &s), Err(NotApplicable::Invalid(ProfileError::TooLarge(ProfileField::CurrentAssets))));
}

// --- 4. 净资产分割法 ---

#[test]
fn net_assets_hand_computed_and_edges() {
    // (5,000,000 − 3,000,000) ÷ 4 = 500,000.
    let l = net_assets(&full()).unwrap();
    assert_eq!((l.method, l.fen), (Method::NetAssets, 500_000 * YUAN));
    assert_eq!(works(&l), ("(¥5,000,000 − ¥3,000,000) ÷ 4 家供货商 = ¥500,000", "(¥5,000,000 − ¥3,000,000) ÷ 4 suppliers = ¥500,000"));
    // 1 fen of net assets over 3 suppliers: 0.33 → 0.
    let p = CreditProfile { total_assets: fig(1), total_liabilities: fig(0), suppliers: fig(3), ..full() };
    assert_eq!(net_assets(&p).unwrap().fen, 0);

    let negative = CreditProfile { total_assets: fig(3_000_000 * YUAN), total_liabilities: fig(5_000_000 * YUAN), ..full() };
    let e = net_assets(&negative).unwrap_err();
    assert_eq!(e, NotApplicable::NoNetAssets(-2_000_000 * YUAN));
    assert_eq!(e.message(Lang::Zh), "净资产为 ¥-2,000,000（资产不多于负债），此法不适用");
    assert_eq!(e.message(Lang::En), "net assets are ¥-2,000,000 (assets do not exceed liabilities): this method does not apply");
    let zero_net = CreditProfile { total_liabilities: fig(5_000_000 * YUAN), ..full() };
    assert_eq!(net_assets(&zero_net), Err(NotApplicable::NoNetAssets(0)));
    assert_eq!(net_assets(&CreditProfile { suppliers: fig(0), ..full() }), Err(NotApplicable::NoSuppliers));
    assert_eq!(
        net_assets(&CreditProfile { total_liabilities: None, suppliers: None, ..full() }),
        Err(NotApplicable::Missing(vec![ProfileField::TotalLiabilities, ProfileField::Suppliers]))
    );
    assert_eq!(
        net_assets(&CreditProfile { total_liabilities: fig(-1), ..full() }),
        Err(NotApplicable::Invalid(ProfileError::Negative(ProfileField::TotalLiabilities)))
    );
    let top = CreditProfile { total_assets: fig(MAX_FIGURE_FEN), total_liabilities: fig(0), suppliers: fig(1), ..full() };
    assert_eq!(net_assets(&top).unwrap().fen, MAX_FIGURE_FEN);
}

// --- 5. 综合判断法 ---

fn scored(scores: [u8; 6], payment: Option<PaymentRecord>, volume: Option<TradeVolume>) -> CreditProfile {
    CreditProfile { scorecard: Some(Scorecard { scores, payment, volume, date: d(2026, 1, 12), by: "王经理".into() }), ..full() }
}

#[test]
fn overall_hand_computed() {
    let t = ScoreTable::default();
    // 4+3+4+5+3+4 = 23 → the 22+ row, ¥500,000; pays on time +1 → the 26+ row, ¥1,000,000.
    let l = overall(&scored([4, 3, 4, 5, 3, 4], Some(PaymentRecord::OnTime), Some(TradeVolume::Medium)), &t).unwrap();
    assert_eq!((l.method, l.fen), (Method::Overall, 1_000_000 * YUAN));
    assert_eq!(
        works(&l),
        (
            "收益性 4 + 安全性 3 + 流动性 4 + 销售能力 5 + 购货情况 3 + 员工素质 4 = 23 分 → 大致限度 ¥500,000（22 分以上）；付款及时 +1 档，交易额中等 ±0 档 → ¥1,000,000",
            "profitability 4 + safety 3 + liquidity 4 + sales capacity 5 + purchasing record 3 + staff quality 4 = 23 → rough limit ¥500,000 (22 and above); pays on time +1 step, medium trade volume ±0 steps → ¥1,000,000"
        )
    );
    // Not adjusted.
    let l = overall(&scored([4, 3, 4, 5, 3, 4], None, None), &t).unwrap();
    assert_eq!(l.fen, 500_000 * YUAN);
    assert!(l.working(Lang::Zh).ends_with("；未作调整 → ¥500,000"));
    // Up past the top row stays at the top.
    let l = overall(&scored([4, 3, 4, 5, 3, 4], Some(PaymentRecord::OnTime), Some(TradeVolume::Large)), &t).unwrap();
    assert_eq!(l.fen, 1_000_000 * YUAN);
    assert!(l.working(Lang::Zh).ends_with("→ ¥1,000,000（已是最高档）"));
    // 15 → the 14+ row (¥100,000); seriously in arrears −2 → ¥0; small volume −1 more: bottom.
    let l = overall(&scored([3, 2, 3, 3, 2, 2], Some(PaymentRecord::Defaulting), None), &t).unwrap();
    assert_eq!(l.fen, 0);
    let l = overall(&scored([3, 2, 3, 3, 2, 2], Some(PaymentRecord::Defaulting), Some(TradeVolume::Small)), &t).unwrap();
    assert_eq!(l.fen, 0);
    assert!(l.working(Lang::En).ends_with("seriously in arrears -2 steps, small trade volume -1 step → ¥0 (bottom row)"));
    // Often late −1 from the 18+ row (20) → ¥100,000.
    let l = overall(&scored([4, 4, 3, 3, 3, 3], Some(PaymentRecord::OftenLate), None), &t).unwrap();
    assert_eq!(l.fen, 100_000 * YUAN);
    // The extremes of the scale.
    assert_eq!(overall(&scored([5; 6], None, None), &t).unwrap().fen, 1_000_000 * YUAN);
    assert_eq!(overall(&scored([1; 6], None, None), &t).unwrap().fen, 0);
}

#[test]
fn overall_edges() {
    let t = ScoreTable::default();
    let none = CreditProfile { scorecard: None, ..full() };
    assert_eq!(overall(&none, &t), Err(NotApplicable::NotScored(Factor::ALL.to_vec())));
    let partial = scored([4, 0, 4, 0, 3, 4], None, None);
    let e = overall(&partial, &t).unwrap_err();
    assert_eq!(e, NotApplicable::NotScored(vec![Factor::Safety, Factor::SalesCapacity]));
    assert_eq!(e.message(Lang::Zh), "尚未评分：安全性、销售能力");
    let wild = scored([4, 3, 9, 5, 3, 4], None, None);
    assert_eq!(overall(&wild, &t), Err(NotApplicable::Invalid(ProfileError::Score(Factor::Liquidity, 9))));
    let empty = ScoreTable { rows: vec![] };
    assert_eq!(overall(&full(), &empty), Err(NotApplicable::BadSettings(SettingsError::NoScoreRows)));
    // A one-row table: everyone gets it, whatever the adjustment.
    let one = ScoreTable { rows: vec![ScoreBand { min: 0, fen: 7 }] };
    assert_eq!(overall(&scored([1; 6], Some(PaymentRecord::OnTime), Some(TradeVolume::Large)), &one).unwrap().fen, 7);
}

#[test]
fn all_five_side_by_side() {
    let s = CreditSettings::default();
    let all = all_limits(&full(), Some(400_000 * YUAN), &s);
    let got: Vec<(Method, i64)> = all.iter().map(|r| r.as_ref().map(|l| (l.method, l.fen)).unwrap()).collect();
    assert_eq!(
        got,
        vec![
            (Method::SalesBased, 600_000 * YUAN),
            (Method::WorkingCapital, 150_000 * YUAN),
            (Method::CurrentRatio, 500_000 * YUAN),
            (Method::NetAssets, 500_000 * YUAN),
            (Method::Overall, 500_000 * YUAN),
        ]
    );
    assert_eq!(Method::ALL.iter().map(|m| m.label(Lang::Zh)).collect::<Vec<_>>(), ["销售额测定法", "周转资产分割法", "流动比率法", "净资产分割法", "综合判断法"]);
    // An empty profile: every method says why.
    let none = all_limits(&CreditProfile::default(), None, &s);
    assert!(none.iter().all(|r| r.is_err()));
    assert!(none.iter().all(|r| !r.as_ref().unwrap_err().message(Lang::Zh).is_empty()));
}

#[test]
fn each_class_proposes_a_limit() {
    let s = CreditSettings::default();
    let limits: Vec<Limit> = all_limits(&full(), Some(400_000 * YUAN), &s).into_iter().filter_map(Result::ok).collect();
    // 600k, 150k, 500k, 500k, 500k: A the highest, B the middle (the earliest of equals), C the lowest.
    assert_eq!(CreditClass::A.propose(&limits).map(|l| l.method), Some(Method::SalesBased));
    assert_eq!(CreditClass::B.propose(&limits).map(|l| (l.method, l.fen)), Some((Method::CurrentRatio, 500_000 * YUAN)));
    assert_eq!(CreditClass::C.propose(&limits).map(|l| l.method), Some(Method::WorkingCapital));
    assert_eq!(CreditClass::A.propose(&[]), None);
    assert_eq!(CreditClass::B.propose(&limits[..2]).map(|l| l.method), Some(Method::WorkingCapital));
}

// --- Approval ---

#[test]
fn approvals_and_their_history() {
    let today = d(2026, 3, 1);
    let l = sales_based(&full()).unwrap();
    let a = Approval::of_limit(&l, " 王经理 ", "", Lang::Zh, today).unwrap();
    assert_eq!((a.fen, a.method, a.date, a.by.as_str()), (600_000 * YUAN, Some(Method::SalesBased), today, "王经理"));
    assert_eq!(a.working, "¥1,000,000 × 30 % × 2 个月 = ¥600,000");
    assert_eq!(a.describe(Lang::Zh), "¥600,000 · 销售额测定法 · 2026-03-01 · 王经理");

    assert_eq!(Approval::manual(80_000 * YUAN, "王经理", " ", today), Err(ApprovalError::NoteRequired));
    assert_eq!(Approval::manual(-1, "王经理", "试用", today), Err(ApprovalError::Amount(-1)));
    assert_eq!(Approval::manual(1, "", "试用", today), Err(ApprovalError::NoApprover));
    assert_eq!(ApprovalError::NoteRequired.message(Lang::Zh), "手动核定的限度须注明理由");
    let m = Approval::manual(80_000 * YUAN, "李总", "新客户试用三个月", d(2026, 4, 1)).unwrap();
    assert_eq!(m.describe(Lang::En), "¥80,000 · set by hand · 2026-04-01 · 李总 · 新客户试用三个月");

    // The latest by date is in force; on one date the later one.
    let same_day = Approval::manual(90_000 * YUAN, "李总", "改", d(2026, 4, 1)).unwrap();
    let history = vec![m.clone(), a.clone(), same_day.clone()];
    assert_eq!(current_approval(&history), Some(&same_day));
    assert_eq!(current_approval(&history[..2]), Some(&m));
    assert_eq!(current_approval(&[]), None);

    // Wire form: short names, defaults left out; a manual approval has no method.
    let json = serde_json::to_string(&m).unwrap();
    assert_eq!(json, r#"{"fen":8000000,"d":"2026-04-01","by":"李总","note":"新客户试用三个月"}"#);
    assert_eq!(serde_json::from_str::<Approval>(&json).unwrap(), m);
    let json = serde_json::to_string(&a).unwrap();
    assert!(json.contains(r#""m":"sales""#));
    assert_eq!(serde_json::from_str::<Approval>(&json).unwrap(), a);
}

// --- The profile ---

#[test]
fn profile_wire_form() {
    assert_eq!(serde_json::to_string(&CreditProfile::default()).unwrap(), "{}");
    let p = CreditProfile {
        monthly_purchases: fig(100),
        credit_period: Some(PeriodFigure::days(45, d(2026, 1, 10), Source::Internal)),
        suppliers: Some(Figure::new(3, d(2026, 1, 11), Source::Internal)),
        ..CreditProfile::default()
    };
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(
        json,
        r#"{"mp":{"v":100,"d":"2026-01-10","src":"bank"},"cp":{"n":45,"u":"d","d":"2026-01-10"},"ns":{"v":3,"d":"2026-01-11"}}"#
    );
    assert_eq!(serde_json::from_str::<CreditProfile>(&json).unwrap(), p);
    let round = serde_json::from_str::<CreditProfile>(&serde_json::to_string(&full()).unwrap()).unwrap();
    assert_eq!(round, full());
    assert_eq!(
        Source::ALL.iter().map(|s| s.label(Lang::Zh)).collect::<Vec<_>>(),
        ["金融机构(银行)", "专业资信调查机构", "客户或行业组织", "内部调查"]
    );
    assert_eq!(full().learned(ProfileField::CreditPeriod), Some((d(2026, 1, 10), Source::Internal)));
    assert_eq!(full().learned(ProfileField::TotalAssets), Some((d(2026, 1, 10), Source::Bank)));
}

#[test]
fn profile_refusals() {
    let today = d(2026, 2, 1);
    assert_eq!(full().problems(today), vec![]);
    let mut p = full();
    p.monthly_purchases = fig(-5);
    p.our_share = fig(12_000);
    p.credit_period = Some(PeriodFigure::days(0, d(2026, 1, 1), Source::Bank));
    p.total_assets = fig(MAX_FIGURE_FEN + 1);
    p.suppliers = Some(Figure::new(0, d(2026, 3, 1), Source::Agency));
    p.scorecard = Some(Scorecard { scores: [6, 3, 4, 5, 3, 4], date: d(2026, 2, 2), ..Scorecard::default() });
    let got = p.problems(today);
    assert_eq!(
        got,
        vec![
            ProfileError::Negative(ProfileField::MonthlyPurchases),
            ProfileError::Share(12_000),
            ProfileError::Period,
            ProfileError::TooLarge(ProfileField::TotalAssets),
            ProfileError::Suppliers(0),
            ProfileError::Future(ProfileField::Suppliers),
            ProfileError::Score(Factor::Profitability, 6),
            ProfileError::ScoredInFuture,
        ]
    );
    let zh: Vec<String> = got.iter().map(|e| e.message(Lang::Zh)).collect();
    assert_eq!(zh[1], "本公司供货比率应在 0 % 与 100 % 之间（现为 120 %）");
    assert_eq!(zh[3], "资产总额过大（最多 ¥10,000,000,000,000）");
    assert_eq!(zh[4], "供货商个数至少为 1（包括本公司；现为 0）");
    assert_eq!(zh[5], "供货商个数的获悉日期不能晚于今天");
    assert_eq!(zh[6], "收益性的评分应为 1–5 分（现为 6）");
    assert_eq!(got[2].to_string(), "the credit period is at least a day and at most 60 months");
    // Working capital may be negative.
    assert_eq!(CreditProfile { working_capital: fig(-1), ..full() }.problems(today), vec![]);
}

// --- Laws ---

fn any_figure() -> impl Strategy<Value = Option<Figure>> {
    proptest::option::of(
        prop_oneof![any::<i64>(), -10i64..10_000_000_000, Just(0i64), Just(MAX_FIGURE_FEN), Just(i64::MAX), Just(i64::MIN)]
            .prop_map(|v| Figure::new(v, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), Source::Internal)),
    )
}

prop_compose! {
    fn any_profile()(
        figs in proptest::collection::vec(any_figure(), 8),
        period in proptest::option::of((any::<u16>(), any::<bool>())),
        scores in proptest::option::of((proptest::array::uniform6(0u8..8), proptest::option::of(proptest::sample::select(PaymentRecord::ALL)), proptest::option::of(proptest::sample::select(TradeVolume::ALL)))),
    ) -> CreditProfile {
        let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        CreditProfile {
            monthly_purchases: figs[0].clone(),
            our_share: figs[1].clone(),
            credit_period: period.map(|(n, days)| if days { PeriodFigure::days(n, date, Source::Bank) } else { PeriodFigure::months(n, date, Source::Bank) }),
            working_capital: figs[2].clone(),
            current_assets: figs[3].clone(),
            current_liabilities: figs[4].clone(),
            total_assets: figs[5].clone(),
            total_liabilities: figs[6].clone(),
            suppliers: figs[7].clone(),
            scorecard: scores.map(|(scores, payment, volume)| Scorecard { scores, payment, volume, date, by: String::new() }),
        }
    }
}

proptest! {
    /// No input makes a method panic; every limit is non-negative with a working in both
    /// languages, and every refusal has a message in both.
    #[test]
    fn limits_never_panic(p in any_profile(), base in proptest::option::of(any::<i64>()), usual in any::<u32>(), lo in any::<u32>(), hi in any::<u32>()) {
        for s in [CreditSettings::default(), CreditSettings { usual_ratio_bp: usual, cap_min_e4: lo, cap_max_e4: hi, ..CreditSettings::default() }] {
            for r in all_limits(&p, base, &s) {
                match r {
                    Ok(l) => {
                        prop_assert!(l.fen >= 0);
                        prop_assert!(!l.working(Lang::Zh).is_empty() && !l.working(Lang::En).is_empty());
                    }
                    Err(e) => prop_assert!(!e.message(Lang::Zh).is_empty() && !e.to_string().is_empty()),
                }
            }
        }
        let _ = p.problems(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    }

    /// The current-ratio method stays within the caps of its base.
    #[test]
    fn current_ratio_within_caps(ca in 0i64..=MAX_FIGURE_FEN, cl in 1i64..=MAX_FIGURE_FEN, base in 0i64..1_000_000_000_000) {
        let s = CreditSettings::default();
        let p = CreditProfile { current_assets: fig(ca), current_liabilities: fig(cl), ..CreditProfile::default() };
        let l = current_ratio(&p, Some(base), &s).unwrap();
        let lo = (i128::from(base) * 5_000 + 5_000) / 10_000;
        let hi = (i128::from(base) * 15_000 + 5_000) / 10_000;
        prop_assert!(i128::from(l.fen) >= lo && i128::from(l.fen) <= hi, "{} not in {}..={}", l.fen, lo, hi);
    }

    /// More purchases never lower the sales-based limit; more suppliers never raise a split.
    #[test]
    fn methods_are_monotone(a in 0i64..MAX_FIGURE_FEN, b in 0i64..MAX_FIGURE_FEN, share in 1i64..=10_000, n in 1i64..1_000, m in 1i64..1_000) {
        let (small, big) = (a.min(b), a.max(b));
        let sales = |mp| sales_based(&CreditProfile { monthly_purchases: fig(mp), our_share: fig(share), ..full() }).unwrap().fen;
        prop_assert!(sales(small) <= sales(big));
        let (few, many) = (n.min(m), n.max(m));
        let split = |k| net_assets(&CreditProfile { total_assets: fig(big + 1), total_liabilities: fig(small), suppliers: fig(k), ..full() }).unwrap().fen;
        prop_assert!(split(few) >= split(many));
    }
}
