//! Dates as a rep types them on a tablet's numeric keypad, read as 年-月-日 (issue 18).
use dossier_core::validation::check::{date, normalize_date};

#[test]
fn accepts_the_ways_a_date_is_typed_and_writes_it_one_way() {
    for typed in ["2026-12-01", "2026/12/1", "2026.12.1", "20261201", " 2026-12-01 ", "2026年12月1日"] {
        assert_eq!(normalize_date(typed).as_deref(), Some("2026-12-01"), "{typed}");
    }
}

#[test]
fn refuses_what_is_not_a_date() {
    for typed in ["", "2026-13-01", "20261301", "2026-02-30", "1201", "2026-12", "abcdefgh", "202612011"] {
        assert!(date(typed).is_err(), "{typed}");
        assert_eq!(normalize_date(typed), None, "{typed}");
    }
}
