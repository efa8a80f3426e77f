//! Property tests for the duplicate check (查重): the index answers exactly what a scan of the
//! archive would, after any sequence of edits; groups and clusters are what they claim to be;
//! normalisation is idempotent.

use dossier_core::dedup::{edit_distance, similar_normalized};
use dossier_core::*;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------------------------
// Generators: small pools, so that phones, tax numbers and names collide often.

/// A phone from a small pool, written in one of the ways people type it, or junk.
fn phone() -> impl Strategy<Value = String> {
    const POOL: &[&str] = &["13800138000", "13912345678", "01012345678", "057188886666", "12345678"];
    let written = (proptest::sample::select(POOL), 0..6usize).prop_map(|(p, style)| match style {
        0 => p.to_string(),
        1 => p.chars().map(|c| format!("{c} ")).collect(),
        2 if p.starts_with('1') && p.len() == 11 => format!("+86 {}-{}-{}", &p[..3], &p[3..7], &p[7..]),
        3 if p.starts_with('0') => format!("({}) {}", &p[..3], &p[3..]),
        4 => format!("0086{p}"),
        _ => p.chars().map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)).collect(),
    });
    prop_oneof![4 => written, 1 => "[0-9 +()-]{0,14}", 1 => Just("暂无".to_string())]
}

fn name() -> impl Strategy<Value = String> {
    let suffix = proptest::sample::select(&["", "有限公司", "有限责任公司", "公司", "厂", "店", " ", "（杭州）"][..]);
    prop_oneof![
        ("[鑫源食华泰五金 ]{0,6}", suffix.clone()).prop_map(|(a, b)| format!("{a}{b}")),
        (proptest::sample::select(&["王芳", "杭州鑫源食品", "杭州鑫原食品", "宁波华泰五金", "宁波华泰五"][..]), suffix)
            .prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

fn tax() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("无".to_string()),
        Just("91350100M000100Y43".to_string()),
        Just("9135 0100 m000 100y43".to_string()),
        Just("91440300MA5F000X1K".to_string()),
    ]
}

fn customer() -> impl Strategy<Value = Customer> {
    let people = proptest::collection::vec((phone(), any::<bool>()), 0..3);
    (any::<bool>(), name(), proptest::collection::vec(phone(), 0..3), tax(), people, 0..10u8).prop_map(
        |(individual, name, phones, tax, people, gone)| {
            let body = if individual {
                let mut i = Individual::default();
                i.basic.name = name.clone();
                let mut ps = phones.into_iter();
                i.basic.mobile = ps.next().unwrap_or_default();
                i.basic.office_phone = ps.next().unwrap_or_default();
                i.basic.home_phone = ps.next().unwrap_or_default();
                CardBody::Individual(i)
            } else {
                let mut e = Enterprise::default();
                e.basic.name = name.clone();
                e.basic.phone = phones.into_iter().next().unwrap_or_default();
                e.basic.tax_number = tax;
                CardBody::Enterprise(e)
            };
            let mut c = Customer::new(format!("id-{name}"), String::new(), body, Stamp::default());
            for (k, (mobile, deleted)) in people.into_iter().enumerate() {
                let info = ContactFields { name: "张".into(), mobile, ..Default::default() };
                c.upsert_contact(Contact::new(format!("p{k}"), info, Stamp::default()));
                if deleted {
                    c.delete_contact(&format!("p{k}"), Stamp::default());
                }
            }
            c.deleted = gone == 0;
            c
        },
    )
}

#[derive(Clone, Debug)]
enum Op {
    Update(usize, Customer),
    Push(Customer),
    Compact,
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    let op = prop_oneof![
        4 => (any::<usize>(), customer()).prop_map(|(i, c)| Op::Update(i, c)),
        2 => customer().prop_map(Op::Push),
        1 => Just(Op::Compact),
    ];
    proptest::collection::vec(op, 0..12)
}

// ---------------------------------------------------------------------------------------------
// Brute force: what the index must agree with.

fn tax_of(c: &Customer) -> &str {
    match &c.body {
        CardBody::Enterprise(e) => &e.basic.tax_number,
        CardBody::Individual(_) => "",
    }
}

fn phones(c: &Customer) -> BTreeSet<String> {
    c.all_phones().into_iter().filter_map(normalize_phone).collect()
}

fn scan(a: &[Customer], cand: &Customer, exclude: Option<u32>) -> DupCheck {
    let mut out = DupCheck::default();
    let (want_phones, want_tax, want_name) = (phones(cand), normalize_tax(tax_of(cand)), normalize_name(cand.display_name()));
    for (pos, c) in a.iter().enumerate() {
        let pos = pos as u32;
        if c.deleted || Some(pos) == exclude {
            continue;
        }
        for p in want_phones.intersection(&phones(c)) {
            out.phone.push(PhoneHit { phone: p.clone(), pos });
        }
        if want_tax.is_some() && normalize_tax(tax_of(c)) == want_tax {
            out.tax.push(pos);
        }
        if similar_normalized(&want_name, &normalize_name(c.display_name())) {
            out.similar_names.push(pos);
        }
    }
    out.phone.sort();
    out
}

fn scan_groups(a: &[Customer]) -> Vec<DupGroup> {
    let mut by: [BTreeMap<String, Vec<u32>>; 3] = Default::default();
    for (pos, c) in a.iter().enumerate().filter(|(_, c)| !c.deleted) {
        for p in phones(c) {
            by[0].entry(p).or_default().push(pos as u32);
        }
        if let Some(t) = normalize_tax(tax_of(c)) {
            by[1].entry(t).or_default().push(pos as u32);
        }
        let n = normalize_name(c.display_name());
        if !n.is_empty() {
            by[2].entry(n).or_default().push(pos as u32);
        }
    }
    let make = [DupReason::SamePhone, DupReason::SameTax, DupReason::SameName];
    let mut out = Vec::new();
    for (map, make) in by.into_iter().zip(make) {
        let mut gs: Vec<DupGroup> = map
            .into_iter()
            .filter(|(_, ps)| ps.len() >= 2)
            .map(|(v, positions)| DupGroup { reason: make(v), positions })
            .collect();
        gs.sort_by(|a, b| a.positions.cmp(&b.positions).then_with(|| a.reason.cmp(&b.reason)));
        out.extend(gs);
    }
    out
}

proptest! {
    // Integration tests have no lib.rs beside them; keep failures in the crate's folder.
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/dedup_props.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn index_agrees_with_a_scan_after_any_edits(
        start in proptest::collection::vec(customer(), 0..10),
        ops in ops(),
        candidates in proptest::collection::vec((customer(), any::<prop::sample::Index>(), any::<bool>()), 1..6),
    ) {
        let mut a = start;
        let mut idx = DupIndex::build(&a);
        for op in ops {
            match op {
                Op::Update(i, c) if !a.is_empty() => {
                    let pos = i % a.len();
                    a[pos] = c;
                    idx.update(pos as u32, &a[pos]);
                }
                Op::Update(..) => {}
                Op::Push(c) => {
                    idx.push(&c);
                    a.push(c);
                }
                Op::Compact => idx.compact(),
            }
        }
        prop_assert_eq!(idx.len(), a.len());
        for (cand, at, exclude) in candidates {
            let exclude = (exclude && !a.is_empty()).then(|| at.index(a.len()) as u32);
            prop_assert_eq!(idx.check(&a, &cand, exclude), scan(&a, &cand, exclude));
        }
        // Every card checked as if edited: never reports itself.
        for (pos, c) in a.iter().enumerate() {
            prop_assert_eq!(idx.check(&a, c, Some(pos as u32)), scan(&a, c, Some(pos as u32)));
        }
        let groups = idx.groups(&a);
        prop_assert_eq!(&groups, &scan_groups(&a));
        prop_assert_eq!(groups, DupIndex::build(&a).groups(&a));
    }

    #[test]
    fn clusters_partition_the_grouped_cards(a in proptest::collection::vec(customer(), 0..14)) {
        let groups = DupIndex::build(&a).groups(&a);
        let cl = clusters(&groups);
        let grouped: BTreeSet<u32> = groups.iter().flat_map(|g| g.positions.iter().copied()).collect();
        let mut seen = BTreeSet::new();
        let mut group_seen = BTreeSet::new();
        for c in &cl {
            prop_assert!(c.positions.len() >= 2);
            prop_assert!(c.positions.windows(2).all(|w| w[0] < w[1]));
            for &p in &c.positions {
                prop_assert!(seen.insert(p), "position {} in two clusters", p);
            }
            // Its groups lie inside it, and join all of it (connected).
            let mut reached: BTreeSet<u32> = BTreeSet::new();
            let mut pending: Vec<usize> = c.groups.clone();
            reached.extend(&groups[pending[0]].positions);
            while !pending.is_empty() {
                let before = pending.len();
                pending.retain(|&g| {
                    let ps = &groups[g].positions;
                    if ps.iter().any(|p| reached.contains(p)) {
                        reached.extend(ps);
                        false
                    } else {
                        true
                    }
                });
                prop_assert!(pending.len() < before, "cluster not connected");
            }
            prop_assert_eq!(reached, c.positions.iter().copied().collect::<BTreeSet<_>>());
            for &g in &c.groups {
                prop_assert!(group_seen.insert(g));
            }
        }
        prop_assert_eq!(seen, grouped);
        prop_assert_eq!(group_seen.len(), groups.len());
        prop_assert!(cl.windows(2).all(|w| w[0].positions[0] < w[1].positions[0]));
    }

    #[test]
    fn phone_normalisation_is_idempotent(s in prop_oneof![phone(), "\\PC{0,16}", "[0-9０-９ +()转#xX-]{0,24}"]) {
        if let Some(n) = normalize_phone(&s) {
            prop_assert_eq!(normalize_phone(&n), Some(n.clone()));
            let digits = n.bytes().filter(u8::is_ascii_digit).count();
            prop_assert!((7..=20).contains(&digits));
        }
    }

    #[test]
    fn name_normalisation_is_idempotent(s in prop_oneof![name(), "\\PC{0,16}", "[（()）【】 鑫源公司店厂A-Za-z]{0,12}"]) {
        let n = normalize_name(&s);
        prop_assert_eq!(normalize_name(&n), n.clone());
        prop_assert!(!n.chars().any(char::is_whitespace));
    }

    #[test]
    fn tax_normalisation_is_idempotent(s in prop_oneof![tax(), "[0-9A-Za-z -]{10,24}", "\\PC{0,20}"]) {
        if let Some(n) = normalize_tax(&s) {
            prop_assert_eq!(normalize_tax(&n), Some(n.clone()));
        }
    }

    #[test]
    fn similarity_is_the_documented_rule(a in name(), b in name()) {
        let (na, nb) = (normalize_name(&a), normalize_name(&b));
        let (la, lb) = (na.chars().count(), nb.chars().count());
        let rule = !na.is_empty() && !nb.is_empty() && (na == nb || (la >= 4 && lb >= 4 && edit_distance(&na, &nb) == 1));
        prop_assert_eq!(names_similar(&a, &b), rule);
        prop_assert_eq!(names_similar(&a, &b), names_similar(&b, &a));
    }
}

/// Card merge over realistic cards: any pair of sample cards of one kind merges into a valid card
/// under any choices, keeping the phones of the people of both and pointing the tombstone at the
/// survivor.
#[test]
fn card_merge_of_sample_pairs_keeps_every_persons_phone() {
    use proptest::test_runner::{Config, TestRunner};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
    let archive = sample_archive(17, 400, today, "dev");
    let keys: Vec<String> = enterprise_fields()
        .iter()
        .chain(individual_fields())
        .map(|f| f.key.to_string())
        .chain(["stage", "tier", "region", "owner"].map(String::from))
        .collect();
    let mut runner = TestRunner::new(Config { cases: 200, failure_persistence: None, ..Config::default() });
    let strategy = (0..archive.len(), 0..archive.len(), proptest::collection::btree_set(proptest::sample::select(keys), 0..20));
    runner
        .run(&strategy, |(i, j, take)| {
            let (s, o) = (&archive[i], &archive[j]);
            if i == j || s.kind() != o.kind() {
                return Ok(());
            }
            let choices: MergeChoices = take.into_iter().map(|k| (k, Side::Other)).collect();
            let stamp = Stamp::new(Hlc { ms: u64::MAX / 2, n: 0 }, "dev");
            let m = merge_cards(s, o, &choices, "rep", &stamp, ["h1".into(), "h2".into()], today)
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            let phones = |c: &Customer| c.all_phones().into_iter().filter_map(normalize_phone).collect::<BTreeSet<_>>();
            let have = phones(&m.survivor);
            let people = |c: &Customer| c.live_contacts().flat_map(|p| p.phones()).filter_map(normalize_phone).collect::<BTreeSet<_>>();
            prop_assert!(people(s).union(&people(o)).all(|p| have.contains(p)));
            prop_assert!(m.merged.deleted && m.merged.merged_into == s.id);
            prop_assert_eq!(m.history.len(), 2);
            prop_assert_eq!(validate_card(s.kind(), &card_to_raw(&m.survivor.body), today), Ok(m.survivor.body.clone()));
            Ok(())
        })
        .unwrap();
}
