//! merge: copies of one record from several bundles become the record devices would merge them
//! into; the output is a good bundle with the union of what the inputs withheld.

mod common;

use chrono::{TimeZone, Utc};
use common::{header, sample_parts, scratch};
use dossier_cli::commands::{merge, verify};
use dossier_cli::read::{read_bundle, Visit};
use dossier_cli::write::write_bundle;
use dossier_cli::error::CliError;
use dossier_core::bundle::format::{Part, Profile, ProfileCode, ScopeKind};
use dossier_core::customer::merge::merge_customer;
use dossier_core::ledger::merge_entry;
use dossier_core::{ChangeRecord, Hlc, Stamp};
use std::path::Path;

fn stamp(ms: u64, dev: &str) -> Stamp {
    Stamp::new(Hlc { ms, n: 0 }, dev)
}

/// Every part of the bundle at `path`, read back.
fn parts_of(path: &Path) -> (dossier_core::bundle::stream::FirstLine, Vec<Part>) {
    struct All(Vec<Part>);
    impl Visit for All {
        fn part(&mut self, index: u64, text: &str) -> Result<(), CliError> {
            self.0.push(Part::parse(text, index).unwrap());
            Ok(())
        }
    }
    let mut all = All(Vec::new());
    let first = read_bundle(path, None, &mut all).unwrap();
    (first, all.0)
}

#[test]
fn a_customer_edited_in_two_bundles_comes_out_merged() {
    let dir = scratch("merge");
    let base = sample_parts(2);
    let now = 1_796_300_000_000;

    // Bundle A: customer 0's region changed, an entry edited; a change record.
    let mut a = base.clone();
    let c0 = a[0].customers[0].clone();
    a[0].customers[0].region = "华南".into();
    a[0].customers[0].status_stamp = stamp(now, "dev-a");
    let e0 = a[0].entries[0].clone();
    a[0].entries[0].delete(stamp(now + 5, "dev-a"));
    let other = a[1].customers[0].id.clone();
    a[1].history.push(ChangeRecord { id: "h-a".into(), customer_id: other, stamp: stamp(now, "dev-a"), ..Default::default() });
    let mut ha = header("dev-a");
    ha.withheld = vec!["bank_account".into()];
    ha.profile = Profile { code: ProfileCode::Rep, name: "业务员".into(), fields: vec!["name".into(), "mobile".into(), "region".into()] };

    // Bundle B: the same customer's collaborators changed later, the same entry edited earlier;
    // another change record; one customer A does not have.
    let mut b = vec![base[0].clone()];
    b[0].customers[0].collaborators = ["r-other".to_string()].into_iter().collect();
    b[0].customers[0].owner_stamp = stamp(now + 1, "dev-b");
    b[0].entries[0].delete(stamp(now + 1, "dev-b"));
    b[0].entries[0].deleted = false;
    b[0].history.push(ChangeRecord { id: "h-b".into(), customer_id: c0.id.clone(), stamp: stamp(now, "dev-b"), ..Default::default() });
    let mut extra = base[1].customers[0].clone();
    extra.id = "only-in-b".into();
    b[0].customers.push(extra);
    let mut hb = header("dev-b");
    hb.withheld = vec!["id_number".into()];
    hb.hlc = Hlc { ms: 1_796_250_000_000, n: 2 };
    hb.profile = Profile { code: ProfileCode::Service, name: "客服".into(), fields: vec!["mobile".into(), "name".into()] };

    let (pa, pb, out) = (dir.join("a.json"), dir.join("b.json"), dir.join("merged.json"));
    write_bundle(&pa, ha, &a, None).unwrap();
    write_bundle(&pb, hb, &b, None).unwrap();
    let at = Utc.with_ymd_and_hms(2027, 1, 5, 9, 0, 0).unwrap();
    let counts = merge(&[&pa, &pb], &out, None, None, at).unwrap();
    assert_eq!(verify(&out, None).unwrap(), counts, "the output is a good bundle");
    assert_eq!(counts.customers, 21);

    let (first, parts) = parts_of(&out);
    let customers: Vec<_> = parts.iter().flat_map(|p| &p.customers).collect();
    let merged = customers.iter().find(|c| c.id == c0.id).unwrap();
    assert_eq!(**merged, merge_customer(&a[0].customers[0], &b[0].customers[0]));
    assert_eq!(merged.region, "华南", "A's edit kept");
    assert!(merged.collaborators.contains("r-other"), "B's edit kept");
    assert_eq!(**merged, merge_customer(&b[0].customers[0], &a[0].customers[0]), "whichever comes first");

    let entries: Vec<_> = parts.iter().flat_map(|p| &p.entries).collect();
    let entry = entries.iter().find(|e| e.id == e0.id).unwrap();
    assert_eq!(**entry, merge_entry(&a[0].entries[0], &b[0].entries[0]));
    assert!(entry.deleted, "A's later delete wins");
    assert_eq!(entries.len(), base.iter().map(|p| p.entries.len()).sum::<usize>());
    let history: Vec<&str> = parts.iter().flat_map(|p| &p.history).map(|h| h.id.as_str()).collect();
    assert_eq!(history.len(), 2);
    assert!(history.contains(&"h-a") && history.contains(&"h-b"));
    assert_eq!(parts[0].reps.len(), 8, "reps once, in the first part");
    assert!(customers.iter().any(|c| c.id == "only-in-b"));

    let h = &first.header;
    assert_eq!(h.withheld, vec!["bank_account".to_string(), "id_number".to_string()]);
    assert_eq!(h.profile.code, ProfileCode::Custom);
    assert_eq!(h.profile.fields, vec!["mobile".to_string(), "name".to_string()], "what both provided");
    assert_eq!((h.scope.kind, h.scope.label.as_str()), (ScopeKind::All, "merge of 2 bundles"));
    assert_eq!(h.device, "dossier-cli");
    assert_eq!(h.created_at, at);
    assert!(h.hlc > Hlc { ms: 1_796_250_000_000, n: 2 }, "after every input's clock");
}

#[test]
fn merging_bundles_of_one_archive_gives_it_back() {
    let dir = scratch("merge-same");
    let parts = sample_parts(3);
    let (pa, out) = (dir.join("a.json"), dir.join("out.json"));
    write_bundle(&pa, header("dev-a"), &parts, None).unwrap();
    let at = Utc.with_ymd_and_hms(2027, 1, 5, 9, 0, 0).unwrap();
    merge(&[&pa, &pa], &out, None, None, at).unwrap();
    let (first, merged) = parts_of(&out);
    assert_eq!(first.header.profile.code, ProfileCode::Backup);
    // 30 customers fit one page of 1,000.
    assert_eq!(merged.len(), 1);
    // Each customer as merging it with itself gives it (people sorted by id), in the same order.
    let customers: Vec<_> = merged.iter().flat_map(|p| p.customers.clone()).collect();
    let want: Vec<_> = parts.iter().flat_map(|p| &p.customers).map(|c| merge_customer(c, c)).collect();
    assert_eq!(customers, want);
    let entries = |ps: &[Part]| {
        let mut e: Vec<_> = ps.iter().flat_map(|p| p.entries.clone()).collect();
        e.sort_by(|a, b| a.id.cmp(&b.id));
        e
    };
    assert_eq!(entries(&merged), entries(&parts));
}

#[test]
fn attached_files_of_backups_are_carried_through_a_merge_and_checked_by_verify() {
    use dossier_core::bundle::format::FileRecord;
    let dir = scratch("merge-files");
    let photo: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let mut a = sample_parts(1);
    a.push(Part { files: vec![FileRecord::new("blob-a", "image/jpeg", &photo)], ..Part::default() });
    let mut b = sample_parts(1);
    b.push(Part { files: vec![FileRecord::new("blob-b", "application/pdf", b"%PDF-1.4 ...")], ..Part::default() });
    b.push(Part { files: vec![FileRecord::new("blob-a", "image/jpeg", &photo)], ..Part::default() });
    let (pa, pb, out) = (dir.join("a.json"), dir.join("b.json"), dir.join("merged.json"));
    write_bundle(&pa, header("dev-a"), &a, None).unwrap();
    write_bundle(&pb, header("dev-b"), &b, None).unwrap();
    let counts = merge(&[&pa, &pb], &out, None, None, Utc.with_ymd_and_hms(2027, 1, 5, 9, 0, 0).unwrap()).unwrap();
    assert_eq!(counts.files, 2, "one copy of each file");
    assert_eq!(verify(&out, None).unwrap(), counts);
    let (_, parts) = parts_of(&out);
    let files: Vec<&FileRecord> = parts.iter().flat_map(|p| &p.files).collect();
    assert_eq!(files.len(), 2);
    assert!(parts.iter().all(|p| p.files.is_empty() || (p.files.len() == 1 && p.customers.is_empty())), "each file in a part of its own");
    let got = files.iter().find(|f| f.key == "blob-a").unwrap();
    assert_eq!(got.bytes(0, 0).unwrap(), photo, "byte for byte");

    // A file whose type may not be attached is refused by verify, named.
    let bad = dir.join("bad.json");
    let mut c = sample_parts(1);
    c.push(Part { files: vec![FileRecord::new("blob-x", "text/html", b"<script>")], ..Part::default() });
    write_bundle(&bad, header("dev-c"), &c, None).unwrap();
    let err = format!("{:?}", verify(&bad, None).unwrap_err());
    assert!(err.contains("blob-x") && err.contains("File"), "{err}");
}
