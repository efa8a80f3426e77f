//! The analysis tables as CSV (analysis::csv): byte-order mark, CRLF, RFC 4180 quoting, Chinese
//! intact, the formula-injection guard and its plain-number exception.

use dossier_core::analysis::{csv, series_rows, share_rows, MonthRow, Share};
use dossier_core::ledger::YearMonth;
use dossier_core::Lang;
use proptest::prelude::*;

fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
    cells.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

#[test]
fn bom_crlf_quoting_and_chinese() {
    let out = csv(&["名称", "金额"], &rows(&[&["北京, 朝阳", "1,234.50"], &["say \"hi\"", "-12.50"], &["客户档案", ""]]));
    assert_eq!(out, "\u{feff}名称,金额\r\n\"北京, 朝阳\",\"1,234.50\"\r\n\"say \"\"hi\"\"\",-12.50\r\n客户档案,\r\n");
    assert!(out.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
    // A line break inside a cell is quoted and kept; the line still ends in CRLF.
    assert_eq!(csv(&["a"], &rows(&[&["一\n二"], &["x\r\ny"]])), "\u{feff}a\r\n\"一\n二\"\r\n\"x\r\ny\"\r\n");
    assert_eq!(csv(&["only"], &[]), "\u{feff}only\r\n");
}

#[test]
fn formulas_are_guarded_numbers_are_not() {
    let out = csv(
        &["=HEADER"],
        &rows(&[
            &["=SUM(A1:A9)", "+1", "@cmd", "-"],
            &["\tTab", "\rCR", "-2+3+cmd|' /C calc'!A0", "=1,2"],
            &["-12.50", "-1,234.50", "-0.50%", "-7"],
            &["-1.", "-,1", "-1,", "-1e5"],
            &["a=b", "1-2", " =x", "＝全角"],
        ]),
    );
    let lines: Vec<&str> = out.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], "'=HEADER");
    assert_eq!(lines[1], "'=SUM(A1:A9),'+1,'@cmd,'-");
    // The guard goes inside the quotes of a quoted cell.
    assert_eq!(lines[2], "'\tTab,\"'\rCR\",'-2+3+cmd|' /C calc'!A0,\"'=1,2\"");
    // Plain numbers stay numbers.
    assert_eq!(lines[3], "-12.50,\"-1,234.50\",-0.50%,-7");
    // Not plain numbers.
    assert_eq!(lines[4], "'-1.,\"'-,1\",\"'-1,\",'-1e5");
    // Only the first character matters.
    assert_eq!(lines[5], "a=b,1-2, =x,＝全角");
    assert_eq!(lines[6], "");
}

#[test]
fn share_and_month_tables() {
    let shares = [Share { key: "bj".into(), label: "北京".into(), count: 3, fen: 123_450, bp: 1234 }, Share { key: "".into(), label: "未填".into(), count: 1, fen: -5, bp: 8766 }];
    let (header, body) = share_rows(&shares, Lang::Zh);
    assert_eq!(header, vec!["名称", "数量", "金额（元）", "占比"]);
    assert_eq!(body, rows(&[&["北京", "3", "1,234.50", "12.34%"], &["未填", "1", "-0.05", "87.66%"]]));
    assert_eq!(csv(&header, &body), "\u{feff}名称,数量,金额（元）,占比\r\n北京,3,\"1,234.50\",12.34%\r\n未填,1,-0.05,87.66%\r\n");
    assert_eq!(share_rows(&shares, Lang::En).0, vec!["Name", "Count", "Amount (yuan)", "Share"]);
    let months = [MonthRow { month: YearMonth { year: 2026, month: 9 }, sales: 100_000_000, collected: 0 }];
    assert_eq!(series_rows(&months, Lang::Zh).1, rows(&[&["2026年9月", "1,000,000.00", "0.00"]]));
    assert_eq!(series_rows(&months, Lang::En).1[0][0], "Sep 2026");
}

/// Reads RFC 4180 back (the test's own reader): lines of cells.
fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut out = vec![];
    let mut row = vec![];
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(ch) = chars.next() {
        if quoted {
            match ch {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(ch),
            }
            continue;
        }
        match ch {
            '"' => quoted = true,
            ',' => row.push(std::mem::take(&mut cell)),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR only before LF outside quotes");
                row.push(std::mem::take(&mut cell));
                out.push(std::mem::take(&mut row));
            }
            _ => cell.push(ch),
        }
    }
    assert!(row.is_empty() && cell.is_empty(), "the last line ends in CRLF");
    out
}

proptest! {
    #[test]
    fn cells_read_back_as_written(cells in prop::collection::vec(prop::collection::vec("[a-z客户\",\r\n =+@\t-]{0,8}", 1..4), 1..5)) {
        let width = cells[0].len();
        let body: Vec<Vec<String>> = cells.iter().map(|r| (0..width).map(|i| r.get(i).cloned().unwrap_or_default()).collect()).collect();
        let header = vec!["h"; width];
        let back = parse(&csv(&header, &body));
        prop_assert_eq!(back.len(), body.len() + 1);
        for (got, want) in back[1..].iter().zip(&body) {
            for (g, w) in got.iter().zip(want) {
                // A guarded cell reads back with its leading quote mark.
                let guarded = w.starts_with(['=', '+', '-', '@', '\t', '\r']) && !(w.len() > 1 && w[1..].chars().all(|c| c.is_ascii_digit()));
                let expect = if guarded { format!("'{w}") } else { w.clone() };
                prop_assert_eq!(g, &expect);
            }
        }
    }
}
