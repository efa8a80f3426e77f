//! Credit classes and their report cadence across month ends, the four warning-sign checklists,
//! the urgent-report rule, the countermeasures, and the settings with their refusals (issue 16).

use chrono::NaiveDate;
use dossier_core::credit::settings::{MAX_SCORE_ROWS, MIN_TOTAL};
use dossier_core::credit::*;
use dossier_core::Lang;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

// --- Classes ---

#[test]
fn class_meanings_and_cadences() {
    use CreditClass::*;
    assert_eq!(A.meaning(Lang::Zh), "规模大、信誉高、资金雄厚、属超一流公司的客户");
    assert_eq!(B.meaning(Lang::Zh), "信用状况一般、信誉较好的客户");
    assert_eq!(C.meaning(Lang::Zh), "一般的中小客户、新客户、口碑不佳的客户");
    assert_eq!([A, B, C].map(|c| c.report_months()), [6, 3, 1]);
    assert_eq!([A, B, C].map(|c| c.cadence_label(Lang::Zh)), ["每半年一次", "每三个月一次", "每月一次"]);
    assert_eq!([A, B, C].map(|c| c.label(Lang::Zh)), ["A类", "B类", "C类"]);
    assert!(C.handling(Lang::Zh).contains("款到发货"));
    assert!(A.handling(Lang::En).contains("every half year"));
    assert_eq!(CreditClass::from_code("B"), Some(B));
}

#[test]
fn next_report_across_month_ends() {
    use CreditClass::*;
    let today = d(2026, 3, 15);
    // Never reported: due today.
    assert_eq!(A.next_report(None, today), Some(today));
    assert!(C.report_due(None, today));
    // A: Aug 31 + 6 months = Feb 28, or Feb 29 in a leap year.
    assert_eq!(A.next_report(Some(d(2025, 8, 31)), today), Some(d(2026, 2, 28)));
    assert_eq!(A.next_report(Some(d(2023, 8, 31)), today), Some(d(2024, 2, 29)));
    assert_eq!(A.next_report(Some(d(2025, 12, 31)), today), Some(d(2026, 6, 30)));
    // B: Nov 30 + 3 months = Feb 28; May 31 + 3 = Aug 31.
    assert_eq!(B.next_report(Some(d(2025, 11, 30)), today), Some(d(2026, 2, 28)));
    assert_eq!(B.next_report(Some(d(2026, 5, 31)), today), Some(d(2026, 8, 31)));
    // C: Jan 31 + 1 month = Feb 28 / Feb 29; Feb 29 + 1 = Mar 29; Dec 31 + 1 = Jan 31.
    assert_eq!(C.next_report(Some(d(2026, 1, 31)), today), Some(d(2026, 2, 28)));
    assert_eq!(C.next_report(Some(d(2024, 1, 31)), today), Some(d(2024, 2, 29)));
    assert_eq!(C.next_report(Some(d(2024, 2, 29)), today), Some(d(2024, 3, 29)));
    assert_eq!(C.next_report(Some(d(2025, 12, 31)), today), Some(d(2026, 1, 31)));
    // Due on the day, not the day before.
    assert!(C.report_due(Some(d(2026, 2, 15)), d(2026, 3, 15)));
    assert!(!C.report_due(Some(d(2026, 2, 15)), d(2026, 3, 14)));
    assert!(B.report_due(Some(d(2025, 11, 30)), d(2026, 2, 28)));
    assert!(!B.report_due(Some(d(2025, 11, 30)), d(2026, 2, 27)));
    // Outside the calendar: no date, not due, no panic.
    assert_eq!(A.next_report(Some(NaiveDate::MAX), today), None);
    assert!(!A.report_due(Some(NaiveDate::MAX), today));
}

// --- Warning signs ---

#[test]
fn the_four_checklists_hold_every_item_of_the_seed() {
    let counts: Vec<usize> = SignGroup::ALL.iter().map(|g| Sign::of_group(*g).count()).collect();
    assert_eq!(counts, [12, 13, 13, 10]);
    assert_eq!(Sign::ALL.len(), 48);
    assert_eq!(SignGroup::ALL.iter().map(|g| g.label(Lang::Zh)).collect::<Vec<_>>(), ["经营者", "企业内部状况", "资金状况", "支付情况"]);
    // Every code distinct and round-tripping, every label present in both languages.
    let mut codes: Vec<&str> = Sign::ALL.iter().map(|s| s.code()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 48);
    for s in Sign::ALL {
        assert_eq!(Sign::from_code(s.code()), Some(*s));
        assert!(!s.label(Lang::Zh).is_empty() && !s.label(Lang::En).is_empty());
    }
    // Seed wording.
    assert_eq!(Sign::FEarlyCollect.label(Lang::Zh), "提前回收赊销款");
    assert_eq!(Sign::FEarlyCollect.group(), SignGroup::Funds);
    assert_eq!(Sign::OGloomy.label(Lang::Zh), "家庭气氛和店铺内气氛冷淡、灰暗");
    assert_eq!(Sign::CBossAway.group(), SignGroup::Company);
    assert_eq!(Sign::PExtendAll.label(Lang::Zh), "要求延长全部票据的支付期限");
    assert_eq!(Sign::of_group(SignGroup::Payment).next(), Some(Sign::PMissed));
    // 票据被银行拒付 is in both the funds and the payment list, as in the seed.
    assert_eq!(Sign::FDishonoured.label(Lang::Zh), Sign::PDishonoured.label(Lang::Zh));
    assert_ne!(Sign::FDishonoured.group(), Sign::PDishonoured.group());
}

fn review(signs: &[Sign], sudden: bool) -> SignReview {
    SignReview { date: d(2026, 3, 2), signs: signs.to_vec(), sudden_change: sudden, by: "张三".into(), note: String::new() }
}

#[test]
fn urgent_report_rule() {
    use Sign::*;
    let s = CreditSettings::default();
    assert_eq!(urgent_report(&review(&[], false), &s), None);
    // Two signs outside the payment group: not urgent.
    assert_eq!(urgent_report(&review(&[OGloomy, CMessy], false), &s), None);
    // The same sign twice counts once.
    assert_eq!(urgent_report(&review(&[OGloomy, CMessy, CMessy], false), &s), None);
    // Three: urgent.
    let u = urgent_report(&review(&[OGloomy, CMessy, FBank], false), &s).unwrap();
    assert_eq!(u.reasons, vec![UrgentReason::ManySigns { count: 3, threshold: 3 }]);
    assert_eq!(
        u.message(Lang::Zh),
        "紧急报告：发现 3 项危险迹象（3 项即须紧急报告）。必须有上司的明确指示，不得擅自处理。"
    );
    // Any payment sign.
    let u = urgent_report(&review(&[PEvasive], false), &s).unwrap();
    assert_eq!(u.reasons, vec![UrgentReason::PaymentSigns(vec![PEvasive])]);
    assert_eq!(u.reasons[0].message(Lang::Zh), "支付情况异常：对催付货款搪塞应付");
    // A sudden change alone.
    let u = urgent_report(&review(&[], true), &s).unwrap();
    assert_eq!(u.reasons, vec![UrgentReason::SuddenChange]);
    assert!(u.message(Lang::En).ends_with("Act only on the superior's explicit instruction, never alone."));
    // All three at once, in that order.
    let u = urgent_report(&review(&[PMissed, FFrozen, OSecretive], true), &s).unwrap();
    assert_eq!(
        u.reasons,
        vec![UrgentReason::SuddenChange, UrgentReason::ManySigns { count: 3, threshold: 3 }, UrgentReason::PaymentSigns(vec![PMissed])]
    );
    // A configured threshold.
    let five = CreditSettings { urgent_signs: 5, ..CreditSettings::default() };
    assert_eq!(urgent_report(&review(&[OGloomy, CMessy, FBank, FFrozen], false), &five), None);
    assert!(urgent_report(&review(&[OGloomy, CMessy, FBank, FFrozen, OVices], false), &five).is_some());
    let r = review(&[OGloomy, CMessy, FBank, PMissed, PMissed], false);
    assert_eq!(r.counts(), [1, 1, 1, 1]);
}

#[test]
fn review_and_countermeasure_wire_form() {
    let r = review(&[Sign::OGloomy, Sign::PMissed], false);
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(json, r#"{"d":"2026-03-02","s":["o_gloomy","p_missed"],"by":"张三"}"#);
    assert_eq!(serde_json::from_str::<SignReview>(&json).unwrap(), r);
    let c = CountermeasureTaken { measure: Countermeasure::Deposit, date: d(2026, 3, 3), by: "李总".into(), note: "保证金 ¥20,000".into() };
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(json, r#"{"m":"deposit","d":"2026-03-03","by":"李总","n":"保证金 ¥20,000"}"#);
    assert_eq!(serde_json::from_str::<CountermeasureTaken>(&json).unwrap(), c);
}

#[test]
fn countermeasures() {
    assert_eq!(
        Countermeasure::ALL.iter().map(|c| c.label(Lang::Zh)).collect::<Vec<_>>(),
        ["担保人和连带担保人", "增加信用保证金", "合同公证", "减少供货量或发货限制", "代位偿债和代物偿债"]
    );
    assert!(Countermeasure::Subrogation.detail(Lang::Zh).contains("有担保人的，向担保人追债；有抵押物担保的，接受抵押物还债"));
    assert_eq!(Countermeasure::Notarised.detail(Lang::Zh), "交易合同取得公证");
}

// --- Settings ---

#[test]
fn settings_defaults() {
    let s = CreditSettings::default();
    assert_eq!(s.problems(), vec![]);
    assert_eq!(s.validate(), Ok(()));
    assert_eq!((s.warning_bp, s.overdue_days, s.usual_ratio_bp, s.cap_min_e4, s.cap_max_e4), (9_000, 30, 20_000, 5_000, 15_000));
    assert!(s.count_open_orders);
    assert_eq!(s.urgent_signs, 3);
    assert_eq!(s.score_table.rows.len(), 6);
    // Missing fields take the defaults; the table travels as a plain list.
    let partial: CreditSettings = serde_json::from_str(r#"{"warning_bp":8000,"score_table":[{"min":0,"fen":100}]}"#).unwrap();
    assert_eq!(partial.warning_bp, 8_000);
    assert_eq!(partial.overdue_days, 30);
    assert_eq!(partial.score_table, ScoreTable { rows: vec![ScoreBand { min: 0, fen: 100 }] });
    let round: CreditSettings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    assert_eq!(round, s);
}

#[test]
fn settings_refusals() {
    let base = CreditSettings::default();
    let refused = |s: CreditSettings| s.problems();
    assert_eq!(refused(CreditSettings { warning_bp: 0, ..base.clone() }), vec![SettingsError::WarningLevel(0)]);
    assert_eq!(refused(CreditSettings { warning_bp: 10_001, ..base.clone() }), vec![SettingsError::WarningLevel(10_001)]);
    assert_eq!(refused(CreditSettings { warning_bp: 10_000, ..base.clone() }), vec![]);
    assert_eq!(refused(CreditSettings { overdue_days: 366, ..base.clone() }), vec![SettingsError::OverdueDays(366)]);
    assert_eq!(refused(CreditSettings { overdue_days: 0, ..base.clone() }), vec![]);
    assert_eq!(refused(CreditSettings { usual_ratio_bp: 999, ..base.clone() }), vec![SettingsError::UsualRatio(999)]);
    assert_eq!(refused(CreditSettings { cap_min_e4: 0, ..base.clone() }), vec![SettingsError::CapMin(0)]);
    assert_eq!(refused(CreditSettings { cap_min_e4: 10_001, ..base.clone() }), vec![SettingsError::CapMin(10_001)]);
    assert_eq!(refused(CreditSettings { cap_max_e4: 9_999, ..base.clone() }), vec![SettingsError::CapMax(9_999)]);
    assert_eq!(refused(CreditSettings { cap_max_e4: 100_001, ..base.clone() }), vec![SettingsError::CapMax(100_001)]);
    assert_eq!(refused(CreditSettings { cap_min_e4: 10_000, cap_max_e4: 10_000, ..base.clone() }), vec![]);
    assert_eq!(refused(CreditSettings { urgent_signs: 0, ..base.clone() }), vec![SettingsError::UrgentSigns(0)]);
    assert_eq!(refused(CreditSettings { urgent_signs: 49, ..base.clone() }), vec![SettingsError::UrgentSigns(49)]);

    let table = |rows: &[(u8, i64)]| CreditSettings {
        score_table: ScoreTable { rows: rows.iter().map(|&(min, fen)| ScoreBand { min, fen }).collect() },
        ..base.clone()
    };
    assert_eq!(refused(table(&[])), vec![SettingsError::NoScoreRows]);
    assert_eq!(refused(table(&[(0, 1); MAX_SCORE_ROWS + 1])), vec![SettingsError::TooManyScoreRows(13)]);
    assert_eq!(refused(table(&[(31, 10), (6, 0)])), vec![SettingsError::ScoreRange(31)]);
    assert_eq!(refused(table(&[(20, 10), (20, 0)])), vec![SettingsError::ScoreOrder { higher: 20, lower: 20 }]);
    assert_eq!(refused(table(&[(20, 10), (6, 10)])), vec![SettingsError::ScoreAmountOrder { higher: 10, lower: 10 }]);
    assert_eq!(refused(table(&[(20, 10), (6, -1)])), vec![SettingsError::ScoreAmount(-1)]);
    assert_eq!(refused(table(&[(20, 10), (MIN_TOTAL + 1, 0)])), vec![SettingsError::ScoreFloor(7)]);
    assert_eq!(refused(table(&[(MIN_TOTAL, 0)])), vec![]);

    // Every refusal at once, in the fields' order; the first is `validate`'s.
    let all_bad = CreditSettings {
        warning_bp: 0,
        overdue_days: 400,
        usual_ratio_bp: 0,
        cap_min_e4: 0,
        cap_max_e4: 0,
        count_open_orders: false,
        urgent_signs: 0,
        score_table: ScoreTable { rows: vec![] },
    };
    let got = all_bad.problems();
    assert_eq!(got.len(), 7);
    assert_eq!(all_bad.validate(), Err(SettingsError::WarningLevel(0)));
    let zh: Vec<String> = got.iter().map(|e| e.message(Lang::Zh)).collect();
    assert_eq!(
        zh,
        vec![
            "预警线应为信用限度的 1 %–100 %（现为 0 %）",
            "允许逾期天数应为 0–365 天（现为 400）",
            "一般流动比率应为 10 %–1000 %（现为 0 %）",
            "下限倍数应大于 0 且不超过 1 倍（现为 0 倍）",
            "上限倍数应为 1–10 倍（现为 0 倍）",
            "紧急报告的迹象数应为 1–48 项（现为 0）",
            "评分表至少需要一档",
        ]
    );
    let en: Vec<String> = got.iter().map(|e| e.to_string()).collect();
    assert_eq!(en[0], "the warning level is 1 %–100 % of the limit (not 0 %)");
    assert_eq!(en[4], "the upper cap is 1×–10× (not 0×)");
    assert_eq!(
        SettingsError::ScoreAmountOrder { higher: 100, lower: 200 }.message(Lang::Zh),
        "高分档的限度应更大：¥1 必须大于 ¥2"
    );
    assert_eq!(SettingsError::ScoreFloor(7).message(Lang::En), "the last row starts at 6 or below (not 7), so every total has a row");
}

proptest! {
    /// Any settings validate without panicking, and a valid table gives every total a row.
    #[test]
    fn settings_never_panic(w in any::<u16>(), od in any::<u16>(), ur in any::<u32>(), lo in any::<u32>(), hi in any::<u32>(), us in any::<u8>(),
                            rows in proptest::collection::vec((any::<u8>(), any::<i64>()), 0..14)) {
        let s = CreditSettings {
            warning_bp: w, overdue_days: od, usual_ratio_bp: ur, cap_min_e4: lo, cap_max_e4: hi, count_open_orders: true, urgent_signs: us,
            score_table: ScoreTable { rows: rows.into_iter().map(|(min, fen)| ScoreBand { min, fen }).collect() },
        };
        for e in s.problems() {
            prop_assert!(!e.message(Lang::Zh).is_empty() && !e.to_string().is_empty());
        }
        if s.score_table.validate().is_ok() {
            for total in u32::from(MIN_TOTAL)..=30 {
                prop_assert!(s.score_table.row_for(total).is_some());
            }
        }
    }
}
