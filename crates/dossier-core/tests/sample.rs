//! The sample generator: deterministic, valid, believable; and the search index at full size.

use chrono::NaiveDate;
use dossier_core::*;
use std::time::Instant;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
}

#[test]
fn same_seed_same_archive() {
    let a = sample_archive(42, 300, today(), "dev-a");
    let b = sample_archive(42, 300, today(), "dev-a");
    assert_eq!(a, b);
    assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    let c = sample_archive(43, 300, today(), "dev-a");
    assert_ne!(a, c);
    assert!(sample_archive(1, 0, today(), "d").is_empty());
}

#[test]
fn every_sample_is_valid_and_round_trips() {
    let archive = sample_archive(7, 2000, today(), "dev");
    let mut numbering = Numbering::default();
    let mut individuals = 0;
    let mut ids = std::collections::BTreeSet::new();
    for (i, c) in archive.iter().enumerate() {
        assert!(ids.insert(c.id.clone()), "duplicate id");
        assert_eq!(c.id.len(), 36);
        let raw = card_to_raw(&c.body);
        assert_eq!(validate_card(c.kind(), &raw, today()).as_ref(), Ok(&c.body), "{raw:?}");
        let (year, seq) = parse_reg_no(&c.reg_no).unwrap();
        assert_eq!(seq as usize, i + 1);
        assert!((2023..=2026).contains(&year));
        numbering.observe(&c.reg_no);
        match &c.body {
            CardBody::Individual(_) => {
                individuals += 1;
                assert!(c.contacts.is_empty());
            }
            CardBody::Enterprise(e) => {
                assert!((1..=4).contains(&c.contacts.len()));
                assert!(e.basic.name.ends_with("公司") || e.basic.name.ends_with("商行") || e.basic.name.ends_with("经营部"));
                let total: u32 = e.business.products.iter().map(|p| u32::from(p.share_pct.unwrap_or(0))).sum();
                assert!(total <= 100);
            }
        }
        for p in &c.contacts {
            assert_eq!(validate_contact(&contact_to_raw(&p.info), today()).as_ref(), Ok(&p.info));
            assert_eq!(p.info.mobile.len(), 11);
        }
        assert!(!c.region.is_empty());
        if c.stage == Stage::Former {
            assert!(!c.former_reason.is_empty());
        }
        assert!(!c.all_phones().is_empty() || c.kind() == Kind::Individual);
    }
    assert_eq!(numbering.next_seq, 2001);
    let share = individuals * 100 / archive.len();
    assert!((33..=47).contains(&share), "{share}% individuals");
    let current = archive.iter().filter(|c| c.stage == Stage::Current).count();
    assert!(current > archive.len() / 3);
    assert!(archive.iter().any(|c| c.tags.contains(&Tag::Vip)));
    assert!(archive.iter().any(|c| c.tier == Some(Tier::Key)));
}

#[test]
fn json_survives_a_round_trip() {
    let archive = sample_archive(9, 200, today(), "dev");
    let json = serde_json::to_string(&archive).unwrap();
    let back: Vec<Customer> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, archive);
    println!("200 customers: {} bytes of JSON ({} per customer)", json.len(), json.len() / 200);
}

#[test]
fn search_over_100k_customers() {
    let t = Instant::now();
    let archive = sample_archive(2026, 100_000, today(), "dev");
    let gen = t.elapsed();
    let t = Instant::now();
    let idx = SearchIndex::build(&archive);
    let build = t.elapsed();

    let target = &archive[54_321];
    let name = target.display_name().to_string();
    let phone: String = target.all_phones()[0].chars().filter(char::is_ascii_digit).collect();
    let t = Instant::now();
    let by_name = idx.query(&name);
    let by_reg = idx.query(&target.reg_no);
    let by_phone = idx.query(&phone);
    let mut narrowing = Vec::new();
    for n in 1..=phone.len() {
        narrowing.push(idx.query(&phone[..n]).len());
    }
    let q = t.elapsed();
    assert!(by_name.contains(&54_321));
    assert_eq!(by_reg, [54_321]);
    assert!(by_phone.contains(&54_321));
    assert!(narrowing.windows(2).all(|w| w[0] >= w[1]));
    let t = Instant::now();
    let wide = idx.query("王");
    let single = t.elapsed();
    assert!(wide.len() > 1000);
    println!(
        "100k: generate {gen:?}, build {build:?}, {} queries {q:?}, one-char query {single:?} ({} hits)",
        narrowing.len() + 3,
        wide.len()
    );
}

#[test]
fn sample_owners_cover_every_region_and_record_the_first_assignment() {
    let mut a = sample_archive(5, 2000, today(), "dev-1");
    let mut b = a.clone();
    let reps = sample_owners(5, &mut a, "dev-1");
    assert_eq!(reps, sample_owners(5, &mut b, "dev-1"), "deterministic");
    assert_eq!(a, b);
    assert_eq!(reps.len(), 8);
    let owned = a.iter().filter(|c| !c.owner.is_empty()).count();
    assert!(owned > 1800 && owned < 2000, "most customers have an owner: {owned}");
    for c in a.iter().filter(|c| !c.owner.is_empty()) {
        let rep = reps.iter().find(|r| r.id == c.owner).expect("the owner is a known rep");
        assert!(rep.area.split('、').any(|r| r == c.region), "{} covers {}", rep.area, c.region);
        assert_eq!(c.owner_history.len(), 1);
        assert_eq!((c.owner_history[0].from.as_str(), c.owner_history[0].to.as_str()), ("", c.owner.as_str()));
        assert!(c.owner_history[0].at > c.created);
        if let CardBody::Enterprise(e) = &c.body {
            assert_eq!(e.business.developer, rep.name);
        }
    }
    for r in &reps {
        assert!(a.iter().any(|c| c.owner == r.id), "{} owns customers", r.name);
    }
}
