//! The frozen version-1 bundles under `tests/fixtures/`, exported by the app (WebCrypto) on
//! 2026-12-02: every later version must read, verify, decrypt and import them.
//!
//! IF THIS TEST FAILS, DO NOT EDIT THE FIXTURES: a bundle a rep saved last year must still
//! import. Fix the code (or write a migration) instead.

use std::path::PathBuf;

use chrono::NaiveDate;
use dossier_cli::crypto::Passphrase;
use dossier_cli::error::CliError;
use dossier_cli::read::{read_bundle, Visit};
use dossier_core::archive::handoffs::Handoff;
use dossier_core::archive::Archive;
use dossier_core::bundle::format::{Part, ProfileCode};
use dossier_core::bundle::import::{plan, preview, validate, Choices, Context, Outcome};
use dossier_core::{card_to_raw, Hlc, Stamp};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
}

#[derive(Default)]
struct Collect(Part);

impl Visit for Collect {
    fn part(&mut self, index: u64, text: &str) -> Result<(), CliError> {
        let p = Part::parse(text, index).map_err(|e| CliError::bundle(&fixture("?"), e))?;
        validate(&p, index, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()).map_err(|e| CliError::bundle(&fixture("?"), e))?;
        self.0.customers.extend(p.customers);
        self.0.entries.extend(p.entries);
        self.0.history.extend(p.history);
        self.0.reps.extend(p.reps);
        Ok(())
    }
}

fn read(name: &str, pass: Option<&str>) -> (dossier_core::bundle::format::Header, Part) {
    let pass = pass.map(|p| Passphrase::new(p).unwrap());
    let mut parts = Collect::default();
    let first = read_bundle(&fixture(name), pass.as_ref(), &mut parts).unwrap_or_else(|e| panic!("{name} must read: {e:?}"));
    (first.header, parts.0)
}

fn import_into_empty(header: &dossier_core::bundle::format::Header, part: &Part) -> Archive {
    let mut a = Archive::default();
    let none = |_: &str| None;
    let dups = |_: &dossier_core::Customer| Vec::new();
    let ctx = Context {
        now_ms: 1_796_200_000_000,
        today: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
        seen_of_peer: Hlc::default(),
        peer_seen_of_me: Hlc::default(),
        reg_no_holder: &none,
        duplicates_of: &dups,
        me: "",
    };
    let pv = preview(&a, part, &ctx);
    assert_eq!(pv.count(Outcome::New), 2);
    let ids: Vec<String> = (0..part.customers.len()).map(|i| format!("h{i}")).collect();
    let stamp = Stamp::new(Hlc { ms: 1_796_200_000_000, n: 0 }, "test");
    let (batch, _, _) = plan(&a, part, header, &ctx, &Choices::default(), &stamp, &ids, Handoff { id: "log".into(), ..Handoff::default() }).unwrap();
    a.apply(&batch);
    a
}

#[test]
fn the_frozen_v1_bundles_still_import() {
    let (header, plain) = read("bundle-v1.dossier.json", None);
    assert_eq!(header.profile.code, ProfileCode::Service);
    assert_eq!(header.rep.name, "王芳");
    assert_eq!((header.counts.customers, header.counts.reps), (2, 1));
    let a = import_into_empty(&header, &plain);
    let mut names: Vec<&str> = a.customers().iter().map(|c| c.display_name()).collect();
    names.sort();
    assert_eq!(names, ["上海测试贸易有限公司", "杭州鑫源食品有限公司"]);
    let c = a.customers().iter().find(|c| c.display_name() == "杭州鑫源食品有限公司").unwrap();
    let raw = card_to_raw(&c.body);
    assert_eq!(raw.get("phone").map(|v| v.flat()).as_deref(), Some("0571-88886666"));
    assert_eq!(raw.get("payment").map(|v| v.flat()).as_deref(), Some("月结"));
    assert_eq!(c.live_contacts().map(|p| (p.info.name.as_str(), p.info.position.as_str())).collect::<Vec<_>>(), [("李强", "采购经理")]);
    assert_eq!(a.reps().len(), 1);

    // The locked copy (WebCrypto PBKDF2 + AES-GCM) opens here (RustCrypto) with its passphrase,
    // holds the same records, and refuses a wrong one.
    let (locked_header, locked) = read("bundle-v1-locked.dossier.json", Some("固定口令 fixture-v1"));
    assert!(locked_header.encryption.is_some());
    assert_eq!(locked.customers, plain.customers);
    let wrong = read_bundle(&fixture("bundle-v1-locked.dossier.json"), Some(&Passphrase::new("wrong").unwrap()), &mut Collect::default());
    assert!(matches!(wrong, Err(CliError::Bundle { error, .. }) if *error == dossier_core::bundle::BundleError::WrongPassphrase));
}
