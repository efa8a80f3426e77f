//! Laws of the replica merge: copies of one customer edited on different devices converge in any
//! order of hand-off (commutative, associative, idempotent), and no owner change is lost.

use dossier_core::customer::lifecycle;
use dossier_core::*;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::collections::BTreeSet;

#[derive(Clone, Debug)]
enum Op {
    Name(String),
    Payment(String),
    Coverage(String),
    Region(String),
    Person(u8, String),
    PersonGone(u8),
    Owner(u8, bool),
    Collaborators(BTreeSet<u8>),
    Delete,
    MergeAway,
    Restore,
    /// To an individual card; the card ops above turn it back into an enterprise.
    Individual,
}

fn op() -> impl Strategy<Value = Op> {
    let word = || proptest::sample::select(&["甲", "乙", "丙"][..]).prop_map(str::to_string);
    prop_oneof![
        word().prop_map(Op::Name),
        word().prop_map(Op::Payment),
        word().prop_map(Op::Coverage),
        word().prop_map(Op::Region),
        (0..3u8, word()).prop_map(|(i, w)| Op::Person(i, w)),
        (0..3u8).prop_map(Op::PersonGone),
        (0..4u8, any::<bool>()).prop_map(|(r, why)| Op::Owner(r, why)),
        proptest::collection::btree_set(0..4u8, 0..3).prop_map(Op::Collaborators),
        Just(Op::Delete),
        Just(Op::MergeAway),
        Just(Op::Restore),
        Just(Op::Individual),
    ]
}

/// Ops with the millisecond step before each: stamps of one device strictly increase, and
/// devices differ, so no two writes share a stamp (as with real clocks).
fn script() -> impl Strategy<Value = Vec<(u64, Op)>> {
    proptest::collection::vec((1..4u64, op()), 0..8)
}

fn base() -> Customer {
    let mut e = Enterprise::default();
    e.basic.name = "某".into();
    Customer::new("c".into(), "KH-2026-000001".into(), CardBody::Enterprise(e), Stamp::new(Hlc { ms: 1, n: 0 }, "origin"))
}

fn run(dev: &str, script: &[(u64, Op)]) -> Customer {
    let mut c = base();
    let mut ms = 10;
    let ent = |c: &Customer| match &c.body {
        CardBody::Enterprise(e) => e.clone(),
        CardBody::Individual(_) => Enterprise::default(),
    };
    for (step, op) in script {
        ms += step;
        let s = Stamp::new(Hlc { ms, n: 0 }, dev);
        match op {
            Op::Name(w) => {
                let mut e = ent(&c);
                e.basic.name = w.clone();
                c.set_body(CardBody::Enterprise(e), s);
            }
            Op::Payment(w) => {
                let mut e = ent(&c);
                e.trading.payment = w.clone();
                c.set_body(CardBody::Enterprise(e), s);
            }
            Op::Coverage(w) => {
                let mut e = ent(&c);
                e.traits.coverage = w.clone();
                c.set_body(CardBody::Enterprise(e), s);
            }
            Op::Region(w) => lifecycle::set_region(&mut c, w, s),
            Op::Person(i, w) => {
                let info = ContactFields { name: w.clone(), ..Default::default() };
                c.upsert_contact(Contact::new(format!("p{i}"), info, s));
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
    c
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/merge_props.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn merge_is_commutative_associative_idempotent(sa in script(), sb in script(), sc in script()) {
        let (a, b, c) = (run("a", &sa), run("b", &sb), run("c", &sc));
        let ab = merge_customer(&a, &b);
        prop_assert_eq!(&ab, &merge_customer(&b, &a));
        prop_assert_eq!(merge_customer(&ab, &c), merge_customer(&a, &merge_customer(&b, &c)));
        // Merges list people by id; a local edit appends. Same record, other order.
        let mut sorted = a.clone();
        sorted.contacts.sort_by(|x, y| x.id.cmp(&y.id));
        prop_assert_eq!(merge_customer(&a, &a), sorted);
        prop_assert_eq!(merge_customer(&ab, &ab), ab.clone());
        prop_assert_eq!(merge_customer(&ab, &b), ab.clone());
    }

    #[test]
    fn no_owner_change_is_lost_and_the_owner_is_the_newest(sa in script(), sb in script()) {
        let (a, b) = (run("a", &sa), run("b", &sb));
        let ab = merge_customer(&a, &b);
        let ids = |c: &Customer| c.owner_history.iter().map(|h| h.id.clone()).collect::<BTreeSet<_>>();
        prop_assert_eq!(ids(&ab), ids(&a).union(&ids(&b)).cloned().collect::<BTreeSet<_>>());
        prop_assert!(ab.owner_history.windows(2).all(|w| w[0].at < w[1].at));
        if let Some(last) = ab.owner_history.last() {
            prop_assert_eq!(&ab.owner, &last.to);
        }
        // Old JSON readers aside, the merged record round-trips.
        let json = serde_json::to_string(&ab).unwrap();
        prop_assert_eq!(serde_json::from_str::<Customer>(&json).unwrap(), ab);
    }
}
