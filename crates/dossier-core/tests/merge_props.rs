//! Laws of the replica merge: copies of one customer edited on different devices converge in any
//! order of hand-off (commutative, associative, idempotent), no edit of a field is lost to an
//! edit of another field, no owner change is lost, and a redacted copy (withheld fields) never
//! erases what a full copy knows, and a deletion stands only if newer than every edit (an edit
//! made after it keeps the record alive; a card merged into another stays a tombstone). Starting records are drawn from random sample archives (full
//! cards, people, owners) or built as an older build stored them (stamps per part only).

use dossier_core::customer::fields::redact;
use dossier_core::customer::lifecycle;
use dossier_core::customer::merge;
use dossier_core::*;
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug)]
enum Op {
    Name(String),
    Payment(String),
    Coverage(String),
    /// One text field of the card by its form key (a kind without it turns into an enterprise).
    Field(&'static str, String),
    Region(String),
    Tier(bool),
    /// Region and tier written as `commands::cards::edit_card` of older builds wrote them: the
    /// values and the status stamp, no field stamps.
    StatusDirect(String, bool),
    Person(u8, String),
    /// One field of a person (added if new).
    PersonField(u8, &'static str, String),
    PersonGone(u8),
    Owner(u8, bool),
    Collaborators(BTreeSet<u8>),
    Former,
    Current,
    Delete,
    MergeAway,
    Restore,
    /// To an individual card; the card ops above turn it back into an enterprise.
    Individual,
}

fn word() -> impl Strategy<Value = String> {
    proptest::sample::select(&["甲", "乙", "丙", ""][..]).prop_map(str::to_string)
}

fn name_word() -> impl Strategy<Value = String> {
    proptest::sample::select(&["甲", "乙", "丙"][..]).prop_map(str::to_string)
}

/// Text fields of both card kinds, and some of one only.
const CARD_KEYS: &[&str] = &["name", "address", "industry", "legal_rep", "payment", "terms", "nickname", "company", "purchases"];
const PERSON_KEYS: &[&str] = &["name", "position", "hobbies", "notes"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => name_word().prop_map(Op::Name),
        1 => word().prop_map(Op::Payment),
        1 => word().prop_map(Op::Coverage),
        3 => (proptest::sample::select(CARD_KEYS), word()).prop_map(|(k, w)| Op::Field(k, w)),
        1 => word().prop_map(Op::Region),
        1 => any::<bool>().prop_map(Op::Tier),
        1 => (word(), any::<bool>()).prop_map(|(w, t)| Op::StatusDirect(w, t)),
        1 => (0..3u8, name_word()).prop_map(|(i, w)| Op::Person(i, w)),
        2 => (0..3u8, proptest::sample::select(PERSON_KEYS), word()).prop_map(|(i, k, w)| Op::PersonField(i, k, w)),
        1 => (0..3u8).prop_map(Op::PersonGone),
        1 => (0..4u8, any::<bool>()).prop_map(|(r, why)| Op::Owner(r, why)),
        1 => proptest::collection::btree_set(0..4u8, 0..3).prop_map(Op::Collaborators),
        1 => Just(Op::Former),
        1 => Just(Op::Current),
        1 => Just(Op::Delete),
        1 => Just(Op::MergeAway),
        1 => Just(Op::Restore),
        1 => Just(Op::Individual),
    ]
}

/// Ops with the millisecond step before each: stamps of one device strictly increase, and
/// devices differ, so no two writes share a stamp (as with real clocks).
fn script() -> impl Strategy<Value = Vec<(u64, Op)>> {
    proptest::collection::vec((1..4u64, op()), 0..8)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
}

fn at(ms: u64, dev: &str) -> Stamp {
    Stamp::new(Hlc { ms, n: 0 }, dev)
}

/// A customer as an older build stored it: each group stamped as a whole, no field stamps.
fn older_build(stamps: [u64; 6], words: [String; 4], individual: bool) -> Customer {
    let raw = flat_values([("name", "某"), ("address", words[0].as_str()), ("payment", words[1].as_str())]);
    let kind = if individual { Kind::Individual } else { Kind::Enterprise };
    let mut c = Customer::new("c".into(), "KH-2026-000001".into(), validate_card(kind, &raw, today()).unwrap(), at(1, "origin"));
    let old = |ms: u64| if ms == 0 { Stamp::default() } else { at(ms, "old") };
    c.parts = PartStamps { basic: old(stamps[0]), traits: old(stamps[1]), business: old(stamps[2]), trading: old(stamps[3]) };
    c.region = words[2].clone();
    c.status_stamp = old(stamps[4]);
    c.collaborators = BTreeSet::from(["rep1".to_string()]);
    c.owner_stamp = old(stamps[5]);
    let info = ContactFields { name: "张".into(), position: words[3].clone(), ..Default::default() };
    c.contacts.push(Contact::new("p0".into(), info, old(stamps[0].max(1))));
    c
}

/// A starting record: a customer of a random sample archive, or one as an older build stored it.
fn base() -> impl Strategy<Value = Customer> {
    let sample = (any::<u64>(), 0..6usize).prop_map(|(seed, i)| {
        let mut c = sample_archive(seed, 6, today(), "origin").swap_remove(i);
        c.id = "c".into();
        c
    });
    let old = (proptest::array::uniform6(0..5u64), proptest::array::uniform4(word()), any::<bool>())
        .prop_map(|(s, w, ind)| older_build(s, w, ind));
    prop_oneof![sample, old]
}

/// Sets one text field of the card (an unknown key for the card's kind: a new enterprise card).
fn set_field(c: &mut Customer, key: &str, value: &str, s: Stamp) {
    let same_kind = c.kind().form().field(key).is_some();
    let (kind, mut raw) = if same_kind { (c.kind(), card_to_raw(&c.body)) } else { (Kind::Enterprise, RawForm::new()) };
    if value.is_empty() {
        raw.remove(key);
    } else {
        raw.insert(key.to_string(), FieldValue::from(value));
    }
    raw.entry("name".into()).or_insert_with(|| FieldValue::from("某"));
    let body = validate_card(kind, &raw, today()).unwrap_or_else(|e| panic!("{key}={value}: {e:?}"));
    c.set_body(body, s);
}

fn set_person_field(c: &mut Customer, id: &str, key: &str, value: &str, s: Stamp) {
    let mut raw = c.contact(id).map(|p| contact_to_raw(&p.info)).unwrap_or_default();
    if value.is_empty() {
        raw.remove(key);
    } else {
        raw.insert(key.to_string(), FieldValue::from(value));
    }
    raw.entry("name".into()).or_insert_with(|| FieldValue::from("某"));
    let info = validate_contact(&raw, today()).unwrap();
    c.upsert_contact(Contact::new(id.to_string(), info, s));
}

/// Runs a script on a copy of `base`; returns the copy and each write that changed a value
/// (key, stamp, value), for the tests that check which edit wins.
fn run_logged(base: &Customer, dev: &str, script: &[(u64, Op)]) -> (Customer, Vec<(String, Stamp, String)>) {
    let mut c = base.clone();
    let mut log = Vec::new();
    let mut ms = base.modified().at.ms + 10;
    for (step, op) in script {
        ms += step;
        let s = at(ms, dev);
        // A deleted card is read-only until restored, as in the app (`edit_card` refuses it):
        // edits after a deletion come from other devices.
        if c.deleted && !matches!(op, Op::Delete | Op::MergeAway | Op::Restore) {
            continue;
        }
        match op {
            Op::Name(w) => set_field(&mut c, "name", w, s),
            Op::Payment(w) => set_field(&mut c, "payment", w, s),
            Op::Coverage(w) => set_field(&mut c, "coverage", w, s),
            Op::Field(k, w) => {
                // The name is required: a blank one clears the address instead.
                let key = if *k == "name" && w.is_empty() { "address" } else { k };
                let before = card_to_raw(&c.body).get(key).map(FieldValue::flat).unwrap_or_default();
                let kind = c.kind();
                set_field(&mut c, key, w, s.clone());
                if kind == c.kind() && before != *w {
                    log.push((key.to_string(), s, w.clone()));
                }
            }
            Op::Region(w) => lifecycle::set_region(&mut c, w, s),
            Op::Tier(key) => lifecycle::set_tier(&mut c, key.then_some(Tier::Key), s),
            Op::StatusDirect(w, key) => {
                c.region = w.clone();
                c.tier = key.then_some(Tier::Key);
                c.status_stamp = s;
            }
            Op::Person(i, w) => {
                let info = ContactFields { name: w.clone(), ..Default::default() };
                c.upsert_contact(Contact::new(format!("p{i}"), info, s));
            }
            Op::PersonField(i, k, w) => {
                let key = if *k == "name" && w.is_empty() { "notes" } else { k };
                set_person_field(&mut c, &format!("p{i}"), key, w, s);
            }
            Op::PersonGone(i) => {
                c.delete_contact(&format!("p{i}"), s);
            }
            Op::Owner(r, why) => {
                let _ = change_owner(&mut c, &format!("rep{r}"), dev, if *why { "交接" } else { "" }, s);
            }
            Op::Collaborators(rs) => {
                set_collaborators(&mut c, rs.iter().map(|r| format!("rep{r}")).collect(), s);
            }
            Op::Former => lifecycle::move_to_former(&mut c, "倒闭", s).unwrap(),
            Op::Current => lifecycle::make_current(&mut c, s),
            Op::Delete => lifecycle::delete(&mut c, s),
            Op::MergeAway => {
                lifecycle::delete(&mut c, s);
                c.merged_into = format!("survivor-{dev}");
            }
            Op::Restore => lifecycle::restore(&mut c, s),
            Op::Individual => {
                let mut i = Individual::default();
                i.basic.name = "个".into();
                c.set_body(CardBody::Individual(i), s);
            }
        }
    }
    (c, log)
}

fn run(base: &Customer, dev: &str, script: &[(u64, Op)]) -> Customer {
    run_logged(base, dev, script).0
}

/// Every merge of three copies: each order, each bracketing.
fn all_merges(x: [&Customer; 3]) -> Vec<Customer> {
    let mut out = Vec::new();
    for [i, j, k] in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
        out.push(merge_customer(&merge_customer(x[i], x[j]), x[k]));
        out.push(merge_customer(x[i], &merge_customer(x[j], x[k])));
    }
    out
}

fn sorted(c: &Customer) -> Customer {
    let mut c = c.clone();
    c.contacts.sort_by(|x, y| x.id.cmp(&y.id));
    c
}

/// Every field's value as flat text, by key (`contact.<id>.<key>` for people's).
fn values(c: &Customer) -> BTreeMap<String, String> {
    let mut v: BTreeMap<String, String> = card_to_raw(&c.body).into_iter().map(|(k, x)| (k, x.flat())).collect();
    v.extend(c.status_raw().into_iter().map(|(k, x)| (k, x.flat())));
    v.insert("owner".into(), c.owner.clone());
    v.insert("collaborators".into(), c.collaborators.iter().cloned().collect::<Vec<_>>().join(","));
    for p in &c.contacts {
        v.extend(contact_to_raw(&p.info).into_iter().map(|(k, x)| (format!("contact.{}.{k}", p.id), x.flat())));
    }
    v
}

/// Keys a redaction may withhold (those the ops write, and more).
const REDACTABLE: &[&str] = &[
    "name", "address", "payment", "terms", "industry", "nickname", "tax_number", "phone", "mobile", "stage", "tags",
    "tier", "region", "owner", "collaborators", "contact.name", "contact.position", "contact.mobile", "contact.notes",
];

/// Every field stamp of the record (card, status, owner, people's fields and tombstones).
fn field_stamps(c: &Customer) -> Vec<Stamp> {
    use dossier_core::customer::fields::{OWNER_KEYS, STATUS_KEYS};
    let card = c.kind().form().fields().iter().map(|f| f.key);
    let mut out: Vec<Stamp> = card.chain(STATUS_KEYS.iter().copied()).chain(OWNER_KEYS.iter().copied()).filter_map(|k| c.field_stamp(k)).collect();
    let person = Form::Contact.fields().iter().map(|f| f.key).chain(["deleted"]);
    for p in &c.contacts {
        out.extend(person.clone().filter_map(|k| p.field_stamp(k)));
    }
    out
}

/// What `modified` and `version_of` see covers every field stamp.
fn versions_see_every_stamp(c: &Customer) -> bool {
    let m = c.modified();
    dossier_core::archive::version_of(c) == m.at && field_stamps(c).iter().all(|s| s <= m)
}

fn hidden() -> impl Strategy<Value = BTreeSet<&'static str>> {
    proptest::collection::btree_set(proptest::sample::select(REDACTABLE), 0..8)
}

fn redacted(c: &Customer, hidden: &BTreeSet<&str>) -> Customer {
    redact(c, &|k| !hidden.contains(k))
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/merge_props.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn merge_is_commutative_associative_idempotent(b in base(), sa in script(), sb in script(), sc in script()) {
        let (a, bb, c) = (run(&b, "a", &sa), run(&b, "b", &sb), run(&b, "c", &sc));
        let ab = merge_customer(&a, &bb);
        prop_assert_eq!(&ab, &merge_customer(&bb, &a));
        let all = all_merges([&a, &bb, &c]);
        prop_assert!(all.iter().all(|m| *m == all[0]), "every merge order gives one record");
        // Merges list people by id; a local edit appends. Same record, other order (and stored
        // canonically after a write that knew only the status stamp).
        let aa = merge_customer(&a, &a);
        prop_assert_eq!(values(&aa), values(&a));
        if !sa.iter().any(|(_, op)| matches!(op, Op::StatusDirect(..))) {
            prop_assert_eq!(&aa, &sorted(&a));
        }
        prop_assert_eq!(merge_customer(&aa, &aa), aa.clone());
        prop_assert_eq!(merge_customer(&ab, &ab), ab.clone());
        prop_assert_eq!(merge_customer(&ab, &bb), ab.clone());
        prop_assert_eq!(merge_customer(&all[0], &b), all[0].clone(), "the starting record is older than all");
    }

    #[test]
    fn a_deletion_stands_only_if_newer_than_every_edit(b in base(), sa in script(), sb in script(), sc in script()) {
        let copies = [run(&b, "a", &sa), run(&b, "b", &sb), run(&b, "c", &sc)];
        let all = all_merges([&copies[0], &copies[1], &copies[2]]);
        prop_assert!(all.iter().all(|m| *m == all[0]), "every merge order gives one record");
        let m = &all[0];
        // The newest delete or restore of any copy is the tombstone, kept whatever stands.
        let newest = copies.iter().max_by(|x, y| x.deleted_stamp.cmp(&y.deleted_stamp).then((x.deleted || x.revived).cmp(&(y.deleted || y.revived)))).unwrap();
        prop_assert_eq!(&m.deleted_stamp, &newest.deleted_stamp);
        prop_assert_eq!(&m.merged_into, &newest.merged_into);
        let deletion = newest.deleted || newest.revived;
        let last_edit = field_stamps(m).into_iter().max();
        let stands = deletion && (!m.merged_into.is_empty() || newest.deleted_stamp.is_none() || newest.deleted_stamp > last_edit);
        prop_assert_eq!(m.deleted, stands, "deletion {} at {:?}, last edit {:?}", deletion, newest.deleted_stamp, last_edit);
        prop_assert_eq!(m.revived, deletion && !stands);
        for x in &copies {
            let r = merge::revived(x, m);
            prop_assert_eq!(r, x.deleted && !m.deleted && deletion);
            if r {
                prop_assert!(last_edit.as_ref() > x.deleted_stamp.as_ref(), "revived by a later edit");
            }
        }
        prop_assert!(versions_see_every_stamp(m));
        let json = serde_json::to_string(m).unwrap();
        prop_assert_eq!(&serde_json::from_str::<Customer>(&json).unwrap(), m);
    }

    #[test]
    fn edits_of_different_fields_of_one_part_all_survive(
        b in base(),
        scripts in proptest::array::uniform3(proptest::collection::vec(
            (1..4u64, (0..6usize, word()).prop_map(|(i, w)| Op::Field(["name", "address", "industry", "legal_rep", "nickname", "company"][i], w))),
            0..6,
        )),
    ) {
        // Fields of the basic part only (a key the card's kind lacks would change its kind).
        let scripts: Vec<Vec<(u64, Op)>> = scripts.iter().map(|s| s.iter().filter(|(_, op)| match op {
            Op::Field(k, _) => b.kind().form().field(k).is_some(),
            _ => false,
        }).cloned().collect()).collect();
        let runs: Vec<_> = ["a", "b", "c"].iter().zip(&scripts).map(|(d, s)| run_logged(&b, d, s)).collect();
        let all = all_merges([&runs[0].0, &runs[1].0, &runs[2].0]);
        prop_assert!(all.iter().all(|m| *m == all[0]), "every merge order gives one record");
        // Each field has the value of its newest write on any device.
        let mut want: BTreeMap<String, (Stamp, String)> = BTreeMap::new();
        for (key, s, v) in runs.iter().flat_map(|r| r.1.iter()) {
            if want.get(key).is_none_or(|(w, _)| s > w) {
                want.insert(key.clone(), (s.clone(), v.clone()));
            }
        }
        let got = values(&all[0]);
        for (key, (s, v)) in &want {
            prop_assert_eq!(got.get(key).cloned().unwrap_or_default(), v.clone(), "{} written at {:?}", key, s);
            prop_assert_eq!(all[0].field_stamp(key), Some(s.clone()));
        }
        // And no other field moved.
        let start = values(&b);
        for (key, v) in &start {
            if !want.contains_key(key) && !key.contains('.') && b.kind().form().field(key).is_some() {
                prop_assert_eq!(got.get(key), Some(v), "{} untouched", key);
            }
        }
    }

    #[test]
    fn a_redacted_copy_never_erases_and_the_laws_hold(
        b in base(),
        sa in script(), sb in script(), sc in script(),
        ha in hidden(), hb in hidden(), hc in hidden(),
        which in 0..8u8,
    ) {
        let (a, bb, c) = (run(&b, "a", &sa), run(&b, "b", &sb), run(&b, "c", &sc));
        // Redacted into the full copy it was made from: nothing changes.
        let aa = merge_customer(&a, &a);
        prop_assert_eq!(merge_customer(&a, &redacted(&a, &ha)), aa.clone());
        prop_assert_eq!(merge_customer(&redacted(&a, &ha), &a), aa.clone());
        // A redacted copy of another device's: no field it withholds changes in the full copy
        // (for the card: unless that copy's card was rewritten by a later change of kind).
        let r = redacted(&bb, &hb);
        let m = merge_customer(&a, &r);
        let (full, merged) = (values(&a), values(&m));
        for key in &r.withheld {
            let card = !["stage", "tags", "tier", "region", "owner", "collaborators"].contains(&key.as_str());
            if card && r.kind_stamp > a.kind_stamp {
                continue;
            }
            let keys: Vec<&String> = full.keys().chain(merged.keys()).filter(|k| *k == key || (key == "stage" && *k == "former_reason")).collect();
            for k in keys {
                prop_assert_eq!(full.get(k), merged.get(k), "{} withheld", k);
            }
        }
        for p in &r.contacts {
            let Some(mine) = a.contact(&p.id) else { continue };
            let mv = contact_to_raw(&mine.info);
            let got = contact_to_raw(&m.contact(&p.id).unwrap().info);
            for key in &p.withheld {
                prop_assert_eq!(mv.get(key), got.get(key), "contact.{}.{} withheld", p.id, key);
            }
        }
        // The laws, with any of the three copies redacted.
        let pick = |bit: u8, c: &Customer, h: &BTreeSet<&str>| if which & bit != 0 { redacted(c, h) } else { c.clone() };
        let (x, y, z) = (pick(1, &a, &ha), pick(2, &bb, &hb), pick(4, &c, &hc));
        let xy = merge_customer(&x, &y);
        prop_assert_eq!(&xy, &merge_customer(&y, &x));
        let all = all_merges([&x, &y, &z]);
        prop_assert!(all.iter().all(|m| *m == all[0]), "every merge order gives one record");
        let xx = merge_customer(&x, &x);
        prop_assert_eq!(values(&xx), values(&x));
        prop_assert_eq!(merge_customer(&xx, &xx), xx.clone());
        prop_assert_eq!(merge_customer(&xy, &xy), xy.clone());
        prop_assert_eq!(merge_customer(&xy, &y), xy.clone());
        // Withheld in a merge only where every copy withholds it.
        let both: BTreeSet<String> = x.withheld.intersection(&y.withheld).cloned().collect();
        if x.kind_stamp == y.kind_stamp && x.kind() == y.kind() {
            prop_assert_eq!(&xy.withheld, &both);
        }
        prop_assert!(versions_see_every_stamp(&all[0]) && versions_see_every_stamp(&xy));
        // Each record survives its JSON.
        let json = serde_json::to_string(&all[0]).unwrap();
        prop_assert_eq!(serde_json::from_str::<Customer>(&json).unwrap(), all[0].clone());
    }

    #[test]
    fn no_owner_change_is_lost_and_the_owner_is_the_newest(b in base(), sa in script(), sb in script()) {
        let (a, bb) = (run(&b, "a", &sa), run(&b, "b", &sb));
        let ab = merge_customer(&a, &bb);
        let ids = |c: &Customer| c.owner_history.iter().map(|h| h.id.clone()).collect::<BTreeSet<_>>();
        prop_assert_eq!(ids(&ab), ids(&a).union(&ids(&bb)).cloned().collect::<BTreeSet<_>>());
        prop_assert!(ab.owner_history.windows(2).all(|w| w[0].at < w[1].at));
        if let Some(last) = ab.owner_history.last() {
            prop_assert_eq!(&ab.owner, &last.to);
        }
        // Old JSON readers aside, the merged record round-trips.
        let json = serde_json::to_string(&ab).unwrap();
        prop_assert_eq!(serde_json::from_str::<Customer>(&json).unwrap(), ab);
    }
}
