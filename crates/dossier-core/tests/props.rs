//! Property tests for the laws of the core.

use chrono::NaiveDate;
use dossier_core::primitives::money;
use dossier_core::*;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
}

/// Values that are sometimes valid for some field, sometimes junk.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "\\PC{0,12}",
        "[0-9 ,.+-]{0,14}",
        "1[3-9][0-9]{9}",
        "0[1-9][0-9]{1,2}-[1-9][0-9]{6,7}",
        "(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "[0-9]{1,9}(\\.[0-9]{1,2})?",
        "[a-z]{1,8}@[a-z]{1,8}\\.(com|cn)",
        "(www\\.)?[a-z]{1,8}\\.com",
        "[0-9]{6}",
        Just("11010519491231002X".to_string()),
        Just("91350100M000100Y43".to_string()),
        Just("rail,road".to_string()),
        Just("true".to_string()),
        Just(r#"[["甲","40"],["乙","60"]]"#.to_string()),
        Just(r#"[["小明","8"]]"#.to_string()),
        Just(r#"[["2024-01-02","生日"]]"#.to_string()),
    ]
}

fn raw_for(fields: &'static [FieldDef]) -> impl Strategy<Value = RawForm> {
    let keys: Vec<&'static str> = fields.iter().map(|f| f.key).collect();
    proptest::collection::vec((proptest::sample::select(keys), value()), 0..12).prop_map(|pairs| {
        let mut pairs: std::collections::BTreeMap<&str, String> = pairs.into_iter().collect();
        pairs.entry("name").or_insert_with(|| "名".into());
        // Choice fields: use a real code so more forms validate.
        for f in individual_fields().iter().chain(enterprise_fields()).chain(contact_fields()) {
            if let (Input::Choice(cs), Some(v)) = (f.input, pairs.get_mut(f.key)) {
                if let Some(c) = cs.get(v.len() % cs.len().max(1)) {
                    if v.len() % 3 != 0 {
                        *v = c.code.to_string();
                    }
                }
            }
        }
        // Each key's kind of value (a table, a flag, codes) from its text.
        flat_values(pairs)
    })
}

proptest! {
    // Integration tests have no lib.rs beside them; keep failures in the crate's folder.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/props.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn money_format_parse_round_trip(fen in 0i64..=i64::MAX) {
        prop_assert_eq!(parse_yuan(&format_yuan(fen)), Ok(fen));
        prop_assert_eq!(parse_yuan(&money::format_yuan_grouped(fen)), Ok(fen));
    }

    #[test]
    fn money_parse_never_panics(s in "\\PC{0,30}") {
        let _ = parse_yuan(&s);
    }

    #[test]
    fn reg_no_round_trip(year in 1000i32..=9999, seq in any::<u32>()) {
        prop_assert_eq!(parse_reg_no(&format_reg_no(year, seq)), Some((year, seq)));
    }

    #[test]
    fn reg_no_parse_never_panics(s in "\\PC{0,20}") {
        let _ = parse_reg_no(&s);
    }

    #[test]
    fn hlc_is_strictly_monotonic(ops in proptest::collection::vec((any::<bool>(), 0u64..10_000, 0u64..10_000, 0u32..5), 1..60)) {
        let mut clock = Clock::new(Hlc::default());
        let mut prev = clock.last();
        for (remote, now, rms, rn) in ops {
            let next = if remote {
                let r = Hlc { ms: rms, n: rn };
                let h = clock.observe(r, now);
                prop_assert!(h > r);
                h
            } else {
                clock.tick(now)
            };
            prop_assert!(next > prev);
            prop_assert!(next.ms >= now);
            prev = next;
        }
    }

    #[test]
    fn ids_are_v4(bytes in any::<[u8; 16]>()) {
        let id = new_id(bytes);
        prop_assert_eq!(id.len(), 36);
        prop_assert_eq!(id.as_bytes()[14], b'4');
        prop_assert!(matches!(id.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
        prop_assert!(id.chars().all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }

    #[test]
    fn validation_never_panics_on_arbitrary_values(
        pairs in proptest::collection::vec(("\\PC{0,16}", "\\PC{0,40}"), 0..8),
        keys in proptest::collection::vec((proptest::sample::select(card_keys()), "\\PC{0,40}"), 0..20),
        tables in proptest::collection::vec((proptest::sample::select(card_keys()), proptest::collection::vec(proptest::collection::vec("\\PC{0,12}", 0..4), 0..4)), 0..4),
    ) {
        // Text under any key (also where a table or a flag belongs), texts read as each key's
        // kind, and arbitrary tables under any key.
        let mut raw: RawForm = pairs.into_iter().map(|(k, v)| (k, FieldValue::Text(v))).collect();
        raw.extend(flat_values(keys));
        raw.extend(tables.into_iter().map(|(k, rows)| (k.to_string(), FieldValue::Rows(rows))));
        for kind in [Kind::Individual, Kind::Enterprise] {
            if let Err(errs) = validate_card(kind, &raw, today()) {
                for e in errs {
                    prop_assert!(!e.message(Lang::Zh).is_empty() && !e.message(Lang::En).is_empty());
                }
            }
        }
        let _ = validate_contact(&raw, today());
    }

    #[test]
    fn individual_raw_card_raw_round_trip(raw in raw_for(individual_fields())) {
        if let Ok(card) = validate_card(Kind::Individual, &raw, today()) {
            let back = card_to_raw(&card);
            prop_assert_eq!(validate_card(Kind::Individual, &back, today()), Ok(card.clone()));
            prop_assert_eq!(card_to_raw(&card), back);
        }
    }

    #[test]
    fn enterprise_raw_card_raw_round_trip(raw in raw_for(enterprise_fields())) {
        if let Ok(card) = validate_card(Kind::Enterprise, &raw, today()) {
            let back = card_to_raw(&card);
            prop_assert_eq!(validate_card(Kind::Enterprise, &back, today()), Ok(card.clone()));
            let json = serde_json::to_string(&card).unwrap();
            prop_assert_eq!(serde_json::from_str::<CardBody>(&json).unwrap(), card);
        }
    }

    #[test]
    fn contact_raw_round_trip(raw in raw_for(contact_fields())) {
        if let Ok(c) = validate_contact(&raw, today()) {
            prop_assert_eq!(validate_contact(&contact_to_raw(&c), today()), Ok(c));
        }
    }

    #[test]
    fn search_never_panics(q in "\\PC{0,10}") {
        let archive = sample_archive(1, 20, today(), "d");
        let idx = SearchIndex::build(&archive);
        for hit in idx.query(&q) {
            prop_assert!((hit as usize) < archive.len());
        }
    }
}

#[test]
fn generated_raw_forms_often_validate() {
    // Guards the round-trip properties above against testing only the error path.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strat = raw_for(enterprise_fields());
    let ok = (0..300)
        .filter(|_| {
            let raw = strat.new_tree(&mut runner).unwrap().current();
            validate_card(Kind::Enterprise, &raw, today()).is_ok()
        })
        .count();
    assert!(ok > 30, "only {ok} of 300 valid");
}

fn card_keys() -> Vec<&'static str> {
    enterprise_fields().iter().chain(individual_fields()).chain(contact_fields()).map(|f| f.key).collect()
}
