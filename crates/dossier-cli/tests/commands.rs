//! inspect, verify, encrypt and decrypt on files, and the command line's exit codes and
//! messages. Key derivations (600,000 iterations, seconds in a debug build) are kept few: a
//! `Passphrase` reuses the key it derived for the same salt.

mod common;

use common::{args, header, sample_parts, scratch};
use dossier_cli::cli::{read_passphrase, run};
use dossier_cli::commands::{decrypt, encrypt, encrypt_with_params, inspect, verify};
use dossier_cli::crypto::{random_salt, sha256, Passphrase};
use dossier_cli::error::{CliError, Usage};
use dossier_cli::write::write_bundle;
use dossier_core::bundle::crypt::KdfParams;
use dossier_core::bundle::stream::{combine_input, first_line, hex, part_line, LAST_LINE};
use dossier_core::bundle::{BundleError, Damage, ParamProblem, RecordKind};
use dossier_core::Lang;
use std::path::Path;

fn bundle_error(r: Result<impl std::fmt::Debug, CliError>) -> BundleError {
    match r {
        Err(CliError::Bundle { error, .. }) => *error,
        other => panic!("expected a bundle error, got {other:?}"),
    }
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

/// Runs the command line; (exit code, stdout, stderr).
fn cli(list: &[&str]) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&args(list), &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn encrypt_verify_decrypt_round_trip() {
    let dir = scratch("round-trip");
    let (plain, enc, dec) = (dir.join("plain.json"), dir.join("enc.json"), dir.join("dec.json"));
    let parts = sample_parts(3);
    write_bundle(&plain, header("dev-a"), &parts, None).unwrap();
    let counts = verify(&plain, None).unwrap();
    assert_eq!((counts.customers, counts.reps), (30, 8));

    let p = Passphrase::new("正确的密码 correct horse").unwrap();
    encrypt(&plain, &enc, &p, 600_000).unwrap();
    assert_eq!(verify(&enc, Some(&p)).unwrap(), counts);
    assert!(!read(&enc).contains(&parts[0].customers[0].id), "no record in the clear");
    assert!(inspect(&enc).unwrap().contains("是 yes: AES-256-GCM, PBKDF2-SHA256 × 600,000"));
    assert_eq!(bundle_error(verify(&enc, None)), BundleError::PassphraseNeeded);

    decrypt(&enc, &dec, &p).unwrap();
    assert_eq!(read(&dec), read(&plain), "decrypting gives back the very bytes encrypted");
    assert!(!dir.join(".dec.json.part").exists(), "no file left beside the output");

    // The wrong command for the file: a usage error, and no output.
    let other = dir.join("other.json");
    let e = decrypt(&plain, &other, &p).unwrap_err();
    assert!(matches!(&e, CliError::Usage(Usage::NotEncrypted(_))) && e.exit_code() == 2, "{e:?}");
    assert!(matches!(encrypt(&enc, &other, &p, 600_000), Err(CliError::Usage(Usage::AlreadyEncrypted(_)))));
    assert!(!other.exists() && !dir.join(".other.json.part").exists());
    // Every bundle gets its own salt.
    assert_ne!(random_salt().unwrap(), random_salt().unwrap());
}

#[test]
fn wrong_passphrase_damaged_part_and_missing_last_part_are_three_errors() {
    let dir = scratch("three-errors");
    let (plain, enc) = (dir.join("plain.json"), dir.join("enc.json"));
    write_bundle(&plain, header("dev-a"), &sample_parts(3), None).unwrap();
    let p = Passphrase::new("correct").unwrap();
    encrypt(&plain, &enc, &p, 600_000).unwrap();
    let text = read(&enc);
    let lines: Vec<&str> = text.lines().collect();

    let wrong = bundle_error(verify(&enc, Some(&Passphrase::new("Correct").unwrap())));
    assert_eq!(wrong, BundleError::WrongPassphrase);

    // One base64 character of part 2 changed: the key check opens, the part does not.
    let mut flipped: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mid = flipped[2].len() / 2;
    let c = flipped[2].as_bytes()[mid];
    flipped[2].replace_range(mid..mid + 1, if c == b'A' { "B" } else { "A" });
    let damaged_file = dir.join("damaged.json");
    std::fs::write(&damaged_file, flipped.join("\n") + "\n").unwrap();
    let damaged = bundle_error(verify(&damaged_file, Some(&p)));
    assert_eq!(damaged, BundleError::Damaged { part: 1, why: Damage::DoesNotOpen });

    // The last part's line taken out.
    let short_file = dir.join("short.json");
    let short = [&lines[..lines.len() - 2], &lines[lines.len() - 1..]].concat().join("\n") + "\n";
    std::fs::write(&short_file, short).unwrap();
    let truncated = bundle_error(verify(&short_file, Some(&p)));
    assert_eq!(truncated, BundleError::Truncated);

    for lang in [Lang::Zh, Lang::En] {
        let m: Vec<String> = [&wrong, &damaged, &truncated].iter().map(|e| e.message(lang)).collect();
        assert!(m[0] != m[1] && m[1] != m[2] && m[0] != m[2], "{m:?}");
    }

    // In a plaintext bundle a changed character is told by the payload digest.
    let plain_text = read(&plain);
    let edited = dir.join("edited.json");
    std::fs::write(&edited, plain_text.replacen("\"region\":\"", "\"region\":\"X", 1)).unwrap();
    assert_eq!(bundle_error(verify(&edited, None)), BundleError::HashMismatch);
}

#[test]
fn iterations_outside_the_range_are_refused() {
    let dir = scratch("iterations");
    let (plain, enc) = (dir.join("plain.json"), dir.join("enc.json"));
    write_bundle(&plain, header("dev-a"), &sample_parts(1), None).unwrap();
    std::fs::write(dir.join("pass"), "secret\n").unwrap();
    let pass = dir.join("pass");
    let (p, e) = (plain.to_str().unwrap(), enc.to_str().unwrap());

    // Asked for: a usage error, nothing written, and no key derived.
    let (code, _, err) = cli(&["encrypt", p, "-o", e, "--passphrase-file", pass.to_str().unwrap(), "--iterations", "100"]);
    assert_eq!(code, 2);
    assert!(err.contains("密钥迭代次数 100 不在 600,000 到 10,000,000 之间"), "{err}");
    assert!(err.contains("100 key iterations is outside 600,000 to 10,000,000"), "{err}");
    assert!(!enc.exists());
    assert!(matches!(
        encrypt(&plain, &enc, &Passphrase::new("x").unwrap(), 100),
        Err(CliError::Usage(Usage::Iterations(100)))
    ));

    // Found in a file (written here below the minimum on purpose): a bad file.
    let weak = KdfParams { iterations: 100, salt: [3; 16] };
    encrypt_with_params(&plain, &enc, &Passphrase::new("secret").unwrap(), weak).unwrap();
    assert_eq!(
        bundle_error(verify(&enc, Some(&Passphrase::new("secret").unwrap()))),
        BundleError::BadParams(ParamProblem::Iterations(100))
    );
    let (code, _, err) = cli(&["verify", e, "--passphrase-file", pass.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
}

/// A plaintext bundle of hand-written part texts, with the right payload digest (or not).
fn handmade(path: &Path, parts: &[&str], right_digest: bool, counts: dossier_core::bundle::format::Counts) {
    let mut h = header("dev-a");
    h.parts = parts.len() as u64;
    h.counts = counts;
    let digests: Vec<[u8; 32]> = parts.iter().map(|t| sha256(t.as_bytes())).collect();
    h.payload_sha256 = if right_digest { hex(&sha256(&combine_input(&digests))) } else { "0".repeat(64) };
    let mut file = first_line(&h.to_json(), None);
    for (i, t) in parts.iter().enumerate() {
        file.push_str(&part_line(t, i + 1 == parts.len()));
    }
    file.push_str(LAST_LINE);
    std::fs::write(path, file).unwrap();
}

#[test]
fn a_bad_record_is_reported_after_the_digest_and_counts_are_checked() {
    let dir = scratch("records");
    let bad = dir.join("bad.json");
    let counts = dossier_core::bundle::format::Counts { reps: 2, ..Default::default() };
    let parts = [r#"{"reps":[{"id":"r1"}]}"#, r#"{"reps":[{"id":"r2","created":5}]}"#];
    handmade(&bad, &parts, true, counts);
    let e = bundle_error(verify(&bad, None));
    assert!(
        matches!(&e, BundleError::BadRecord { part: 1, kind: RecordKind::Rep, index: 0, id, field, .. } if id == "r2" && field == "created"),
        "{e:?}"
    );
    // The same file altered after export: that is said first.
    handmade(&bad, &parts, false, counts);
    assert_eq!(bundle_error(verify(&bad, None)), BundleError::HashMismatch);
    // Good records, counts that are not the header's.
    let good = [r#"{"reps":[{"id":"r1"}]}"#, r#"{"reps":[{"id":"r2"}]}"#];
    handmade(&bad, &good, true, dossier_core::bundle::format::Counts { reps: 3, ..Default::default() });
    assert!(matches!(bundle_error(verify(&bad, None)), BundleError::CountsDiffer { .. }));
    handmade(&bad, &good, true, counts);
    assert!(verify(&bad, None).is_ok());
}

#[test]
fn the_command_line_says_what_is_wrong_in_both_languages_with_its_exit_code() {
    let dir = scratch("cli");
    let plain = dir.join("plain.json");
    write_bundle(&plain, header("dev-a"), &sample_parts(2), None).unwrap();
    let p = plain.to_str().unwrap();

    let (code, out, _) = cli(&["verify", p]);
    assert_eq!(code, 0);
    assert!(out.starts_with("完好 ok: ") && out.contains("customers 20"), "{out}");
    let (code, out, _) = cli(&["inspect", p]);
    assert_eq!(code, 0);
    for want in ["设备 device: dev-a", "业务员 rep: 张三 (r1)", "部分 parts: 2", "加密 encrypted: 否 no", "方案 profile: backup 备份"] {
        assert!(out.contains(want), "{want} in {out}");
    }

    // A bad file: 1, the message in Chinese then in English.
    let cut = dir.join("cut.json");
    let text = read(&plain);
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let (code, _, err) = cli(&["verify", cut.to_str().unwrap()]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].starts_with("错误：") && lines[0].contains("档案包不完整"), "{err}");
    assert!(lines[1].starts_with("error: ") && lines[1].contains("The bundle is incomplete"), "{err}");
    let (code, _, err) = cli(&["verify", dir.join("notes.txt").to_str().unwrap()]);
    assert_eq!(code, 2, "a missing file is not a bad bundle: {err}");
    std::fs::write(dir.join("notes.txt"), "名称,电话\n").unwrap();
    let (code, _, err) = cli(&["inspect", dir.join("notes.txt").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("文件内容不是 JSON") && err.contains("the file is not JSON"), "{err}");

    // Usage: 2.
    for bad in [&[][..], &["frobnicate"][..], &["verify"][..], &["verify", p, p][..], &["decrypt", p][..], &["verify", p, "--nope"][..]] {
        let (code, _, err) = cli(bad);
        assert_eq!(code, 2, "{bad:?}: {err}");
        assert!(err.contains("错误：") && err.contains("error: "), "{err}");
    }
    let (code, out, _) = cli(&["help"]);
    assert_eq!(code, 0);
    assert!(out.contains("dossier-cli merge A B ... -o OUT"));

    // The binary itself.
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_dossier-cli")).arg("verify").arg(&cut).output().unwrap();
    assert_eq!(status.status.code(), Some(1));
}

#[test]
fn a_passphrase_file_is_its_text_without_one_final_newline() {
    let dir = scratch("passphrase");
    let f = dir.join("p");
    for (text, want) in [("secret\n", Some("secret")), ("secret\r\n", Some("secret")), ("two words \n\n", Some("two words \n")), ("\n", None)] {
        std::fs::write(&f, text).unwrap();
        let got = read_passphrase(&f);
        match want {
            Some(w) => {
                let p = got.unwrap();
                let q = Passphrase::new(w).unwrap();
                let params = KdfParams { iterations: 1, salt: [0; 16] };
                assert_eq!(p.key(&params).seal(&[0; 12], b"", b""), q.key(&params).seal(&[0; 12], b"", b""), "{text:?}");
            }
            None => assert!(matches!(got, Err(CliError::Usage(Usage::EmptyPassphrase(_))))),
        }
    }
}
