//! The bundle's layout (docs/bundle.md): what the writing helpers make reads as one JSON
//! document and, line by line, through the streaming reader fed slices of any size; every way
//! of cutting it short is told; another kind of file, a newer version, bad parameters and bad
//! records are refused with the error that names them.

use chrono::{NaiveDate, TimeZone, Utc};
use dossier_core::bundle::crypt::{self, KdfParams};
use dossier_core::bundle::format::*;
use dossier_core::bundle::stream::*;
use dossier_core::bundle::{BundleError, Damage, ParamProblem, RecordKind};
use dossier_core::{sample_archive, sample_ledger, sample_owners, Action, Change, ChangeRecord, Hlc, Lang, Stamp};
use proptest::prelude::*;

fn header(parts: u64, encryption: Option<Encryption>) -> Header {
    Header {
        created_at: Utc.with_ymd_and_hms(2026, 12, 2, 8, 30, 0).unwrap(),
        hlc: Hlc { ms: 1_796_200_000_000, n: 3 },
        device: "dev-a".into(),
        rep: RepRef { id: "r1".into(), name: "张三".into() },
        profile: Profile { code: ProfileCode::Rep, name: "业务员".into(), fields: vec!["name".into(), "mobile".into()] },
        withheld: vec!["bank_account".into()],
        scope: Scope { kind: ScopeKind::Owner, label: "张三的客户".into() },
        counts: Counts::default(),
        parts,
        payload_sha256: "0".repeat(64),
        lent: Some(Lent {
            return_by: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            borrower: "李四".into(),
            approver: "王五".into(),
            clerk: "赵六".into(),
            purpose: "年审".into(),
        }),
        encryption,
        seen: Default::default(),
    }
}

/// Three parts of sample records: reps in the first, a change record in the last.
fn sample_parts() -> Vec<Part> {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut customers = sample_archive(7, 30, today, "dev-a");
    let reps = sample_owners(7, &mut customers, "dev-a");
    let entries = sample_ledger(7, &customers, &reps, today, "dev-a");
    let mut parts: Vec<Part> = customers
        .chunks(12)
        .map(|chunk| Part {
            entries: entries.iter().filter(|e| chunk.iter().any(|c| c.id == e.customer_id)).cloned().collect(),
            customers: chunk.to_vec(),
            ..Part::default()
        })
        .collect();
    parts[0].reps = reps;
    let record = ChangeRecord {
        id: "h1".into(),
        customer_id: parts[2].customers[0].id.clone(),
        stamp: Stamp::new(Hlc { ms: 5, n: 0 }, "dev-a"),
        action: Action::Edit,
        changes: vec![Change { field: "name".into(), old: "a\nb".into(), new: "c \"d\"".into() }],
        grades: vec![],
    };
    parts[2].history.push(record);
    parts
}

/// A plaintext bundle of `parts` as the helpers write it, with its header's text.
fn write(parts: &[Part]) -> (String, String) {
    let mut h = header(parts.len() as u64, None);
    for p in parts {
        h.counts.add(p);
    }
    let header_json = h.to_json();
    let mut file = first_line(&header_json, None);
    for (i, p) in parts.iter().enumerate() {
        file.push_str(&part_line(&p.to_json(), i + 1 == parts.len()));
    }
    file.push_str(LAST_LINE);
    (file, header_json)
}

/// Everything the streaming reader makes of `bytes` fed in slices of `size`.
#[derive(Debug, PartialEq)]
struct Read {
    first: FirstLine,
    parts: Vec<(u64, bool, String)>,
}

fn stream(bytes: &[u8], size: usize) -> Result<Read, BundleError> {
    let (mut lines, mut reader) = (LineSplitter::new(), Reader::new());
    let (mut first, mut parts) = (None, Vec::new());
    for slice in bytes.chunks(size.max(1)) {
        lines.feed(slice);
        while let Some(line) = lines.next_line()? {
            match reader.line(line)? {
                Line::First(f) => first = Some(*f),
                Line::Part { index, last, text: PartText::Plain(t) } => parts.push((index, last, t.to_string())),
                Line::Part { index, last, text: PartText::Sealed(s) } => parts.push((index, last, hex(&s))),
                Line::End | Line::Blank => {}
            }
        }
    }
    reader.finish(lines.finish()?)?;
    Ok(Read { first: first.expect("a finished read has line 1"), parts })
}

#[test]
fn a_written_bundle_is_one_json_document_and_reads_line_by_line_in_any_slices() {
    let parts = sample_parts();
    let (file, header_json) = write(&parts);
    assert!(file.lines().count() == parts.len() + 2, "one line per part");

    // One document for a plain JSON parser.
    let doc: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(doc["format"], FORMAT);
    assert_eq!(doc["version"], VERSION);
    assert!(doc.get("key_check").is_none());
    let header: Header = serde_json::from_value(doc["header"].clone()).unwrap();
    assert_eq!(header.parts, 3);
    assert_eq!(header.counts.customers, 30);
    assert_eq!(header.counts.reps, 8);
    assert_eq!(header.counts.history, 1);
    let as_parts: Vec<Part> = serde_json::from_value(doc["parts"].clone()).unwrap();
    assert_eq!(as_parts, parts);

    // The same, streamed in slices of 1 byte, 7 bytes and 1 MB.
    for size in [1, 7, 1 << 20] {
        let read = stream(file.as_bytes(), size).unwrap();
        assert_eq!(read.first.header, header, "slices of {size}");
        assert_eq!(read.first.header_text, header_json);
        assert_eq!(read.first.key_check, None);
        let texts: Vec<_> = read.parts.iter().map(|(_, _, t)| Part::parse(t, 0).unwrap()).collect();
        assert_eq!(texts, parts);
        let flags: Vec<_> = read.parts.iter().map(|(i, last, _)| (*i, *last)).collect();
        assert_eq!(flags, vec![(0, false), (1, false), (2, true)]);
    }
}

#[test]
fn no_part_no_newline_at_the_end_and_crlf_lines_all_read() {
    let (file, _) = write(&[]);
    assert_eq!(file.lines().nth(1), Some("]}"), "]}} on line 2");
    assert!(stream(file.as_bytes(), 3).unwrap().parts.is_empty());
    let (file, _) = write(&sample_parts());
    let without_last_newline = file.strip_suffix('\n').unwrap();
    assert_eq!(stream(without_last_newline.as_bytes(), 5).unwrap().parts.len(), 3);
    // An editor's CRLF keeps each part's text (and so its digest) as written.
    let crlf = file.replace('\n', "\r\n");
    assert_eq!(stream(crlf.as_bytes(), 4096).unwrap(), stream(file.as_bytes(), 4096).unwrap());
}

#[test]
fn a_file_cut_anywhere_is_truncated() {
    let mut parts = sample_parts();
    // Small parts keep the every-byte loop fast.
    for p in &mut parts {
        p.customers.truncate(1);
        p.entries.truncate(1);
        p.reps.truncate(1);
    }
    let (file, _) = write(&parts);
    let bytes = file.as_bytes();
    let boundaries: Vec<usize> = bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1).collect();
    assert_eq!(boundaries.len(), 5);
    for cut in 0..bytes.len() - 1 {
        let got = stream(&bytes[..cut], 64);
        let want = if cut == 0 { BundleError::Empty } else { BundleError::Truncated };
        assert_eq!(got.unwrap_err(), want, "cut after {cut} bytes (line ends at {boundaries:?})");
    }
    // Only the last newline may go.
    assert!(stream(&bytes[..bytes.len() - 1], 64).is_ok());
}

#[test]
fn a_part_taken_out_is_truncated_and_one_put_in_is_malformed() {
    let (file, _) = write(&sample_parts());
    let lines: Vec<&str> = file.lines().collect();
    // The last part taken out, the one before it made the last.
    let cut = format!("{}\n{}\n{}\n]}}\n", lines[0], lines[1], lines[2].strip_suffix(',').unwrap());
    assert_eq!(stream(cut.as_bytes(), 100).unwrap_err(), BundleError::Truncated);
    // The last part taken out, commas as they were.
    let cut = format!("{}\n{}\n{}\n]}}\n", lines[0], lines[1], lines[2]);
    assert_eq!(stream(cut.as_bytes(), 100).unwrap_err(), BundleError::Truncated);
    // A part more than the header names.
    let extra = format!("{}\n{}\n{}\n{},\n{}\n]}}\n", lines[0], lines[1], lines[2], lines[3], lines[3]);
    assert_eq!(stream(extra.as_bytes(), 100).unwrap_err(), BundleError::Damaged { part: 2, why: Damage::Layout });
    // Something after the end.
    let after = format!("{file}{}\n", lines[3]);
    assert_eq!(stream(after.as_bytes(), 100).unwrap_err(), BundleError::Malformed { line: 6 });
    let after = format!("{file}x");
    assert_eq!(stream(after.as_bytes(), 100).unwrap_err(), BundleError::Malformed { line: 6 });
    // Blank lines after the end are harmless.
    assert!(stream(format!("{file}\n \n").as_bytes(), 100).is_ok());
    // A part line without its comma.
    let joined = format!("{}\n{}\n{}\n{}\n]}}\n", lines[0], lines[1].strip_suffix(',').unwrap(), lines[2], lines[3]);
    assert_eq!(stream(joined.as_bytes(), 100).unwrap_err(), BundleError::Damaged { part: 0, why: Damage::Layout });
}

#[test]
fn a_newer_version_is_refused_whatever_its_layout() {
    let (file, _) = write(&sample_parts());
    let v2 = file.replacen(r#""version":1,"#, r#""version":2,"#, 1);
    let want = BundleError::NewerVersion { found: 2, supported: VERSION };
    assert_eq!(stream(v2.as_bytes(), 1000).unwrap_err(), want);
    // A version 2 might lay out its lines otherwise: the version is read first.
    let one_line = v2.replace('\n', "");
    assert_eq!(stream(one_line.as_bytes(), 1000).unwrap_err(), want);
    let other = r#"{"format":"dossier-bundle","version":12,"header":{},"sections":[]}"#;
    assert_eq!(stream(other.as_bytes(), 1000).unwrap_err(), BundleError::NewerVersion { found: 12, supported: VERSION });
    assert!(want.message(Lang::Zh).contains("第 2 版"));
}

#[test]
fn another_kind_of_file_is_refused() {
    let no = |text: &str| stream(text.as_bytes(), 1000).unwrap_err();
    assert_eq!(no(""), BundleError::Empty);
    assert_eq!(no("\n\n"), BundleError::Empty);
    assert_eq!(no("名称,电话\n甲,1\n"), BundleError::NotJson);
    assert_eq!(no("PK\u{3}\u{4}binary"), BundleError::NotJson);
    assert_eq!(no(r#"{"customers":[]}"#), BundleError::NotBundle);
    assert_eq!(no("[1,2]\n"), BundleError::NotBundle);
    assert_eq!(no(r#"{"format":"dossier-bundlex","version":1,"header":{}}"#), BundleError::NotBundle);
    assert_eq!(no(r#"{"format":"dossier-bundle","version":0,"parts":["#), BundleError::NotBundle);
    assert_eq!(no(r#"{"format":"dossier-bundle","version":"1","parts":["#), BundleError::NotBundle);
    // A bundle pretty-printed by another program.
    let (file, _) = write(&sample_parts());
    let doc: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(no(&serde_json::to_string_pretty(&doc).unwrap()), BundleError::NotBundle);
    // Line 1 of a bundle that does not end as line 1 does.
    let first = file.lines().next().unwrap();
    let moved = format!("{}\n{{}}]}}\n", first.strip_suffix("[").unwrap());
    assert_eq!(no(&moved), BundleError::Malformed { line: 1 });
    // A header without a key it must have.
    let h = header(0, None).to_json();
    let short = h.replace(r#""device":"dev-a","#, "");
    assert!(matches!(no(&format!("{}]}}\n", first_line(&short, None))), BundleError::BadHeader(d) if d.contains("device")));
    let bad_hash = h.replace(&"0".repeat(64), "xyz");
    assert!(matches!(no(&format!("{}]}}\n", first_line(&bad_hash, None))), BundleError::BadHeader(_)));
    // A line longer than the splitter's limit.
    let mut lines = LineSplitter::with_max_line(10);
    lines.feed(&b"0123456789abc"[..]);
    assert_eq!(lines.next_line().unwrap_err(), BundleError::LineTooLong { line: 1, max: 10 });
}

#[test]
fn the_header_text_is_kept_byte_for_byte() {
    // Keys in another order, escapes and spaces a writer might use: the additional data of
    // the seals is the text as it stands, not a re-serialization.
    let h = header(0, None).to_json();
    let odd = format!(" {} ", h.replacen('{', "{ \"zz\" : [1, 2.50] ,", 1).replace("张三", "\\u5f20三"));
    let file = format!("{}]}}\n", first_line(&odd, None));
    let read = stream(file.as_bytes(), 3).unwrap();
    assert_eq!(read.first.header_text, odd.trim());
    assert_eq!(read.first.header.rep.name, "张三");
    let read = read_first_line(first_line(&h, None).trim_end().as_bytes()).unwrap();
    assert_eq!(read.header_text, h);
}

fn encrypted_bundle(iterations: u64, salt: &[u8]) -> String {
    let e = Encryption {
        cipher: crypt::CIPHER.into(),
        kdf: Kdf { name: crypt::KDF.into(), iterations, salt: base64_encode(salt) },
        chunk: crypt::CHUNK.into(),
    };
    let h = header(1, Some(e)).to_json();
    let check = base64_encode(&[7u8; crypt::KEY_CHECK_LEN]);
    format!("{}{}{LAST_LINE}", first_line(&h, Some(&check)), part_line(&sealed_part_text(&[1, 2, 3]), true))
}

#[test]
fn encrypted_lines_read_as_sealed_parts_and_bad_parameters_are_refused() {
    let file = encrypted_bundle(600_000, &[9; 16]);
    let read = stream(file.as_bytes(), 10).unwrap();
    assert!(read.first.encrypted());
    assert_eq!(read.first.kdf, Some(KdfParams { iterations: 600_000, salt: [9; 16] }));
    assert_eq!(read.parts, vec![(0, true, "010203".to_string())]);
    assert_eq!(crypt::key_check_bytes(read.first.key_check.as_deref().unwrap()).unwrap(), [7; 40]);

    let bad = |file: String| stream(file.as_bytes(), 10).unwrap_err();
    let iter = |n| BundleError::BadParams(ParamProblem::Iterations(n));
    assert_eq!(bad(encrypted_bundle(599_999, &[9; 16])), iter(599_999));
    assert_eq!(bad(encrypted_bundle(100, &[9; 16])), iter(100));
    assert_eq!(bad(encrypted_bundle(10_000_001, &[9; 16])), iter(10_000_001));
    assert!(stream(encrypted_bundle(10_000_000, &[9; 16]).as_bytes(), 10).is_ok());
    assert_eq!(bad(encrypted_bundle(600_000, &[9; 15])), BundleError::BadParams(ParamProblem::Salt));
    let file = encrypted_bundle(600_000, &[9; 16]);
    for (from, to, want) in [
        ("AES-256-GCM", "aes-256-gcm", ParamProblem::Cipher("aes-256-gcm".into())),
        ("PBKDF2-SHA256", "PBKDF2", ParamProblem::Kdf("PBKDF2".into())),
        (r#""chunk":"part""#, r#""chunk":"file""#, ParamProblem::Chunk("file".into())),
    ] {
        assert_eq!(bad(file.replacen(from, to, 1)), BundleError::BadParams(want));
    }
    let no_check = file.replacen(&format!(r#","key_check":"{}""#, base64_encode(&[7; 40])), "", 1);
    assert_eq!(bad(no_check), BundleError::BadParams(ParamProblem::KeyCheckMissing));
    let short_check = file.replacen(&base64_encode(&[7; 40]), &base64_encode(&[7; 39]), 1);
    assert_eq!(bad(short_check), BundleError::BadParams(ParamProblem::KeyCheck));
    // A plaintext part in an encrypted bundle, an encrypted one in a plaintext bundle.
    let plain_part = file.replacen(&sealed_part_text(&[1, 2, 3]), "{}", 1);
    assert_eq!(bad(plain_part), BundleError::Damaged { part: 0, why: Damage::Plain });
    let (plain, _) = write(&sample_parts()[..1]);
    let lines: Vec<&str> = plain.lines().collect();
    let sealed_in_plain = format!("{}\n\"AAAA\"\n]}}\n", lines[0]);
    assert_eq!(bad(sealed_in_plain), BundleError::Damaged { part: 0, why: Damage::Sealed });
    let not_b64 = file.replacen(&sealed_part_text(&[1, 2, 3]), "\"AQID*\"", 1);
    assert_eq!(bad(not_b64), BundleError::Damaged { part: 0, why: Damage::Base64 });
}

#[test]
fn the_framing_constants_are_the_contracts() {
    assert_eq!(crypt::nonce(0, false), [0; 12]);
    assert_eq!(crypt::nonce(0, true), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    assert_eq!(crypt::nonce(0x0102_0304_0506_0708, false), [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0]);
    assert_eq!(crypt::KEY_CHECK_NONCE[..11], [0xff; 11]);
    assert_eq!(crypt::KEY_CHECK_NONCE[11], 2);
    assert_eq!(crypt::KEY_CHECK_PLAINTEXT.len(), 24);
    assert_eq!(crypt::DEFAULT_ITERATIONS, crypt::MIN_ITERATIONS);
    assert_eq!(crypt::check_passphrase(""), Err(BundleError::EmptyPassphrase));
    assert!(crypt::check_passphrase(" ").is_ok());
    assert_eq!(crypt::check_key(Some(crypt::KEY_CHECK_PLAINTEXT)), Ok(()));
    assert_eq!(crypt::check_key(None), Err(BundleError::WrongPassphrase));
    let p = KdfParams::new(600_000, [1; 16]).unwrap();
    assert_eq!(crypt::check_params(&p.encryption()), Ok(p));
    assert!(KdfParams::new(100, [1; 16]).is_err());
    // The first line: exactly the documented start and end.
    let line = first_line("{}", Some("QQ=="));
    assert_eq!(line, r#"{"format":"dossier-bundle","version":1,"header":{},"key_check":"QQ==","parts":["#.to_string() + "\n");
    assert_eq!(part_line("{}", false), "{},\n");
    assert_eq!(part_line("{}", true), "{}\n");
}

#[test]
fn payload_input_is_the_part_digests_in_order() {
    let digests = [[1u8; 32], [2u8; 32]];
    let input = combine_input(&digests);
    assert_eq!(input.len(), 64);
    assert_eq!(&input[..32], &[1; 32]);
    let mut h = header(2, None);
    h.payload_sha256 = hex(&[0xab; 32]);
    assert_eq!(check_payload(&h, &[0xab; 32]), Ok(()));
    assert_eq!(check_payload(&h, &[0xac; 32]), Err(BundleError::HashMismatch));
}

#[test]
fn base64_and_hex_follow_rfc_4648() {
    for (plain, b64) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")] {
        assert_eq!(base64_encode(plain.as_bytes()), b64);
        assert_eq!(base64_decode(b64).unwrap(), plain.as_bytes());
    }
    assert_eq!(base64_encode(&[0xfb, 0xff]), "+/8=");
    for bad in ["Zg=", "Zg", "Zh==", "Zm9=", "Z===", "Zm 9v", "Zm9v\n", "Zg==Zg==", "Zm-v"] {
        assert_eq!(base64_decode(bad), None, "{bad:?}");
    }
    assert_eq!(hex(&[0, 0xab, 0xff]), "00abff");
    assert_eq!(unhex("00ABff"), Some(vec![0, 0xab, 0xff]));
    assert_eq!(unhex("0g"), None);
    assert_eq!(unhex("abc"), None);
}

#[test]
fn a_bad_record_is_named_by_part_list_index_id_and_field() {
    let parts = sample_parts();
    let mut doc: serde_json::Value = serde_json::to_value(&parts[1]).unwrap();
    let id = doc["customers"][4]["id"].as_str().unwrap().to_string();
    doc["customers"][4]["created"] = "yesterday".into();
    let err = Part::parse(&doc.to_string(), 1).unwrap_err();
    let BundleError::BadRecord { part, kind, index, id: got, customer, field, .. } = &err else { panic!("{err:?}") };
    assert_eq!((*part, *kind, *index, got.as_str(), customer.as_str(), field.as_str()), (1, RecordKind::Customer, 4, id.as_str(), id.as_str(), "created"));
    assert!(err.message(Lang::Zh).starts_with("档案包第 2 部分的第 5 条客户记录"), "{}", err.message(Lang::Zh));
    assert!(err.message(Lang::En).contains("field \"created\""));

    let mut doc: serde_json::Value = serde_json::to_value(&parts[0]).unwrap();
    let cid = doc["entries"][2]["cid"].as_str().unwrap().to_string();
    doc["entries"][2]["b"] = serde_json::json!({"kind": "nonsense"});
    let err = Part::parse(&doc.to_string(), 0).unwrap_err();
    assert!(matches!(&err, BundleError::BadRecord { kind: RecordKind::Entry, index: 2, customer, field, .. } if *customer == cid && field == "b"), "{err:?}");

    let no_id = r#"{"reps":[{"id":"r1"},{"name":"无名"}]}"#;
    assert!(matches!(Part::parse(no_id, 0), Err(BundleError::BadRecord { kind: RecordKind::Rep, index: 1, ref field, .. }) if field == "id"));
    assert!(matches!(Part::parse(r#"{"customers":[1]}"#, 3), Err(BundleError::BadRecord { part: 3, index: 0, .. })));
    assert!(matches!(Part::parse(r#"{"customers":{}}"#, 3), Err(BundleError::Damaged { part: 3, why: Damage::NotJson(_) })));
    assert!(matches!(Part::parse(r#"{"customers":[{"#, 3), Err(BundleError::Damaged { part: 3, .. })));
    // Keys a later writer may add are passed over.
    assert_eq!(Part::parse(r#"{"notes":[1]}"#, 0), Ok(Part::default()));
}

#[test]
fn counts_add_up_and_are_checked() {
    let parts = sample_parts();
    let mut c = Counts::default();
    for p in &parts {
        c.add(p);
    }
    let deleted = parts.iter().flat_map(|p| &p.entries).filter(|e| e.deleted).count() as u64;
    assert_eq!(c.tombstones, deleted);
    assert_eq!(c.check(&c), Ok(()));
    let mut more = c;
    more.entries += 1;
    assert!(matches!(c.check(&more), Err(BundleError::CountsDiffer { .. })));
}

#[test]
fn every_error_has_a_message_in_both_languages() {
    let errors = [
        BundleError::Empty,
        BundleError::NotJson,
        BundleError::NotBundle,
        BundleError::NewerVersion { found: 2, supported: 1 },
        BundleError::BadHeader("missing field `device`".into()),
        BundleError::Malformed { line: 7 },
        BundleError::LineTooLong { line: 1, max: 256 << 20 },
        BundleError::Truncated,
        BundleError::HashMismatch,
        BundleError::CountsDiffer { said: Counts::default(), found: Counts { customers: 1, ..Counts::default() } },
        BundleError::PassphraseNeeded,
        BundleError::EmptyPassphrase,
        BundleError::WrongPassphrase,
        BundleError::BadParams(ParamProblem::Iterations(100)),
        BundleError::BadParams(ParamProblem::Salt),
        BundleError::Damaged { part: 2, why: Damage::DoesNotOpen },
        BundleError::BadRecord {
            part: 0,
            kind: RecordKind::History,
            index: 3,
            id: "h9".into(),
            customer: "c1".into(),
            field: "stamp".into(),
            problem: "invalid type".into(),
        },
    ];
    let mut seen = std::collections::HashSet::new();
    for e in &errors {
        let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
        assert!(en.is_ascii(), "{en}");
        assert_eq!(e.to_string(), en);
        assert!(seen.insert(zh) && seen.insert(en), "{e:?}: messages are told apart");
    }
    assert!(BundleError::BadParams(ParamProblem::Iterations(100)).message(Lang::En).contains("600,000"));
    assert!(BundleError::Damaged { part: 2, why: Damage::DoesNotOpen }.message(Lang::Zh).contains("第 3 部分"));
}

proptest! {
    /// Lines are the same however the bytes are sliced (the law behind the 1 / 7 / 1 MB cases).
    #[test]
    fn lines_do_not_depend_on_where_slices_end(
        text in "[ab,\\n\\r]{0,60}",
        cuts in proptest::collection::vec(0usize..60, 0..8),
    ) {
        let bytes = text.as_bytes();
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
        cuts.sort();
        let mut bounds = vec![0];
        bounds.extend(cuts);
        bounds.push(bytes.len());
        let mut lines = LineSplitter::new();
        let mut got: Vec<Vec<u8>> = Vec::new();
        for w in bounds.windows(2) {
            lines.feed(&bytes[w[0]..w[1]]);
            while let Some(l) = lines.next_line().unwrap() {
                got.push(l.to_vec());
            }
        }
        if let Some(l) = lines.finish().unwrap() {
            got.push(l.to_vec());
        }
        let mut want: Vec<Vec<u8>> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l).as_bytes().to_vec()).collect();
        if text.is_empty() || text.ends_with('\n') {
            want.pop();
        }
        prop_assert_eq!(got, want);
    }

    #[test]
    fn a_bundle_reads_the_same_in_any_slices(size in 1usize..400) {
        let mut parts = sample_parts();
        parts.truncate(2);
        let (file, _) = write(&parts);
        prop_assert_eq!(stream(file.as_bytes(), size).unwrap(), stream(file.as_bytes(), file.len()).unwrap());
    }

    #[test]
    fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
        let text = base64_encode(&bytes);
        prop_assert_eq!(text.len() % 4, 0);
        prop_assert_eq!(base64_decode(&text), Some(bytes.clone()));
        prop_assert_eq!(unhex(&hex(&bytes)), Some(bytes));
    }
}

#[test]
fn an_attached_file_travels_in_a_part_of_its_own_and_is_checked_as_when_attached() {
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let part = Part { files: vec![FileRecord::new("blob-1", "image/jpeg", &bytes)], ..Part::default() };
    let text = part.to_json();
    assert!(text.starts_with(r#"{"files":[{"key":"blob-1","mime":"image/jpeg","data":""#), "{}", &text[..60]);
    let back = Part::parse(&text, 7).unwrap();
    assert_eq!(back.files[0].bytes(7, 0).unwrap(), bytes, "byte for byte");
    let mut counts = Counts::default();
    counts.add(&back);
    assert_eq!(counts.files, 1);
    // Counts without files read and write as before (a v1 header from before files).
    assert!(!serde_json::to_string(&Counts::default()).unwrap().contains("files"));

    let named = |r: Result<Vec<u8>, BundleError>, f: &str| matches!(r, Err(BundleError::BadRecord { part: 7, kind: RecordKind::File, ref id, ref field, .. }) if id == "blob-1" && field == f);
    let mut f = back.files[0].clone();
    f.mime = "application/x-msdownload".into();
    assert!(named(f.bytes(7, 0), "mime"), "a type that may not be attached here");
    let big = FileRecord::new("blob-1", "application/pdf", &vec![0u8; 10 * 1024 * 1024 + 1]);
    assert!(named(big.bytes(7, 0), "mime"), "larger than an attachment may be");
    f = back.files[0].clone();
    f.data.push('!');
    assert!(named(f.bytes(7, 0), "data"), "not base64");
    assert!(matches!(Part::parse(r#"{"files":[{"mime":"image/png","data":""}]}"#, 2), Err(BundleError::BadRecord { part: 2, kind: RecordKind::File, .. })), "a file without a key");
    let err = FileRecord { key: "k".into(), mime: "text/html".into(), data: "AAAA".into() }.bytes(0, 0).unwrap_err();
    assert!(err.message(Lang::Zh).contains("附件"), "{}", err.message(Lang::Zh));
}

proptest! {
    /// base64 of any bytes decodes back, has no padding error, and the one-buffer sealed line is
    /// the sealed text made a line.
    #[test]
    fn base64_round_trips_and_the_sealed_line_is_the_sealed_text(bytes in proptest::collection::vec(any::<u8>(), 0..200), last in any::<bool>()) {
        let text = base64_encode(&bytes);
        prop_assert_eq!(text.len(), bytes.len().div_ceil(3) * 4);
        prop_assert_eq!(base64_decode(&text), Some(bytes.clone()));
        prop_assert_eq!(sealed_part_line(&bytes, last), part_line(&sealed_part_text(&bytes), last));
    }
}
