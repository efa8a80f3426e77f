//! Card merge (合并): two cards found to be one customer (查重) become one.
//!
//! The survivor keeps its id and registration number; the other card becomes a tombstone with
//! `merged_into` = the survivor's id, so every device that merges the two records later agrees,
//! and anything still pointing at the old id (ledger entries, links, an offline device's edits)
//! can be followed to the survivor with [`follow_merged`]. Nothing is thrown away: the tombstone
//! keeps its data, and both cards keep their change history.

use super::{normalize_name, normalize_phone};
use crate::customer::card::{card_to_raw, validate_card};
use crate::customer::contact::{contact_to_raw, validate_contact, Contact};
use crate::customer::lifecycle;
use crate::customer::Customer;
use crate::customer::history::{diff_raw, Action, Change, ChangeRecord};
use crate::customer::owner::{change_owner, set_collaborators, union_history, OwnerError};
use crate::forms::form::FieldError;
use crate::forms::schema::RawForm;
use crate::forms::value::FieldValue;
use crate::primitives::codes::{Stage, Tier};
use crate::ledger::Entry;
use crate::primitives::clock::Stamp;
use crate::primitives::lang::Lang;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Choice keys besides the card's form field keys ([`crate::forms::schema::FieldDef::key`]).
pub const STAGE: &str = "stage";
pub const TIER: &str = "tier";
pub const REGION: &str = "region";
pub const OWNER: &str = "owner";

/// Which card's value a conflicting field takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Side {
    #[default]
    Survivor,
    Other,
}

/// The user's choice per conflicting field, keyed by form field key or [`STAGE`], [`TIER`],
/// [`REGION`], [`OWNER`]. A field not listed keeps the survivor's value, or takes the other's
/// where the survivor's is empty (so merging fills gaps without asking).
pub type MergeChoices = BTreeMap<String, Side>;

/// A field both cards fill, differently: the merge form asks which to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub key: String,
    pub survivor: MergeValue,
    pub other: MergeValue,
}

/// One card's value of a field the merge may ask about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeValue {
    /// A card field, as the card form holds it.
    Field(FieldValue),
    /// The stage, with a former customer's reason for stopping.
    Stage { stage: Stage, reason: String },
    Tier(Option<Tier>),
    Region(String),
    /// The owner's rep id.
    Owner(String),
}

impl MergeValue {
    fn is_empty(&self) -> bool {
        match self {
            MergeValue::Field(v) => v.is_empty(),
            MergeValue::Stage { .. } => false,
            MergeValue::Tier(t) => t.is_none(),
            MergeValue::Region(s) | MergeValue::Owner(s) => s.is_empty(),
        }
    }
}

/// What [`merge_cards`] produces; the app saves both records and the history in one batch.
#[derive(Clone, Debug, PartialEq)]
pub struct CardMerge {
    pub survivor: Customer,
    /// The other card as a tombstone pointing at the survivor.
    pub merged: Customer,
    /// One record per card, action [`Action::Merge`]: the survivor's lists what it took over
    /// (first change `merged_from` = the other id), the tombstone's `merged_into`.
    pub history: Vec<ChangeRecord>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CardMergeError {
    #[error("a card cannot be merged with itself")]
    SameCard,
    #[error("a deleted card cannot be merged")]
    Deleted,
    /// An individual and an enterprise card: change one card's kind first.
    #[error("the cards are of different kinds")]
    KindDiffers,
    #[error("the merged card is not valid")]
    Invalid(Vec<FieldError>),
    #[error("owner: {0}")]
    Owner(OwnerError),
}

impl CardMergeError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CardMergeError::SameCard => lang.pick("不能与自身合并", "a card cannot be merged with itself").to_string(),
            CardMergeError::Deleted => lang.pick("已删除的客户不能合并", "a deleted card cannot be merged").to_string(),
            CardMergeError::KindDiffers => lang
                .pick("个人客户与企业客户不能直接合并，请先修改其中一张卡的类型", "an individual and an enterprise card cannot be merged; change one card's kind first")
                .to_string(),
            CardMergeError::Invalid(es) => {
                es.iter().map(|e| e.message(lang)).collect::<Vec<_>>().join(lang.pick("；", "; "))
            }
            CardMergeError::Owner(e) => e.message(lang),
        }
    }
}

fn status_values(c: &Customer) -> [(&'static str, MergeValue); 4] {
    [
        (STAGE, MergeValue::Stage { stage: c.stage, reason: c.former_reason.clone() }),
        (TIER, MergeValue::Tier(c.tier)),
        (REGION, MergeValue::Region(c.region.clone())),
        (OWNER, MergeValue::Owner(c.owner.clone())),
    ]
}

/// Fields to ask about: card fields, status and owner that both cards fill differently.
pub fn merge_conflicts(survivor: &Customer, other: &Customer) -> Vec<Conflict> {
    let (s, o) = (card_to_raw(&survivor.body), card_to_raw(&other.body));
    let fields = s.into_iter().filter_map(|(k, sv)| Some((k.clone(), MergeValue::Field(sv), MergeValue::Field(o.get(&k)?.clone()))));
    let status = status_values(survivor).into_iter().zip(status_values(other)).map(|((k, sv), (_, ov))| (k.to_string(), sv, ov));
    // Both filled and different (a stage is never empty).
    fields
        .chain(status)
        .filter(|(_, sv, ov)| sv != ov && !sv.is_empty() && !ov.is_empty())
        .map(|(key, survivor, other)| Conflict { key, survivor, other })
        .collect()
}

/// The rule of [`MergeChoices`] for one field.
fn pick<T: PartialEq>(choices: &MergeChoices, key: &str, s: &T, o: &T, empty: impl Fn(&T) -> bool) -> Side {
    if s == o || empty(o) {
        Side::Survivor
    } else if empty(s) {
        Side::Other
    } else {
        choices.get(key).copied().unwrap_or_default()
    }
}

/// Same person on both cards: same normalised name and a shared phone, or identical data.
fn same_person(a: &Contact, b: &Contact) -> bool {
    if a.info == b.info {
        return true;
    }
    let name = normalize_name(&a.info.name);
    let phones = |c: &Contact| c.phones().into_iter().filter_map(normalize_phone).collect::<BTreeSet<_>>();
    !name.is_empty() && name == normalize_name(&b.info.name) && !phones(a).is_disjoint(&phones(b))
}

/// Merges `other` into `survivor`: fields by [`MergeChoices`], tags and collaborators united,
/// people of both kept (one copy of a person on both cards, gaps filled from the other copy),
/// owner histories united. `by` is the acting rep (for the owner history), `record_ids` the ids
/// of the two history records, `stamp` a fresh stamp from the app's clock.
pub fn merge_cards(
    survivor: &Customer,
    other: &Customer,
    choices: &MergeChoices,
    by: &str,
    stamp: &Stamp,
    record_ids: [String; 2],
    today: NaiveDate,
) -> Result<CardMerge, CardMergeError> {
    if survivor.id == other.id {
        return Err(CardMergeError::SameCard);
    }
    if survivor.deleted || other.deleted {
        return Err(CardMergeError::Deleted);
    }
    if survivor.kind() != other.kind() {
        return Err(CardMergeError::KindDiffers);
    }
    let mut out = survivor.clone();
    let mut changes = vec![Change { field: "merged_from".into(), old: String::new(), new: other.id.clone() }];

    // The card: per field, through the form, so the result is a valid, normalised card.
    let (s_raw, o_raw) = (card_to_raw(&survivor.body), card_to_raw(&other.body));
    let keys: BTreeSet<&String> = s_raw.keys().chain(o_raw.keys()).collect();
    let none = FieldValue::default();
    let raw: RawForm = keys
        .into_iter()
        .filter_map(|k| {
            let (sv, ov) = (s_raw.get(k).unwrap_or(&none), o_raw.get(k).unwrap_or(&none));
            let v = match pick(choices, k, sv, ov, FieldValue::is_empty) {
                Side::Survivor => sv,
                Side::Other => ov,
            };
            (!v.is_empty()).then(|| (k.clone(), v.clone()))
        })
        .collect();
    let body = validate_card(survivor.kind(), &raw, today).map_err(CardMergeError::Invalid)?;
    changes.extend(out.set_body(body, stamp.clone()));

    // Status: stage (with its reason), tier and region chosen; tags united. Each field taken is
    // stamped on its own, so a concurrent edit of another on some device still wins.
    let before = out.status_raw();
    let sv = status_values(survivor);
    let ov = status_values(other);
    let take = |i: usize| pick(choices, sv[i].0, &sv[i].1, &ov[i].1, MergeValue::is_empty) == Side::Other;
    if take(0) {
        lifecycle::set_stage(&mut out, other.stage, &other.former_reason, stamp.clone());
    }
    if take(1) {
        lifecycle::set_tier(&mut out, other.tier, stamp.clone());
    }
    if take(2) {
        lifecycle::set_region(&mut out, &other.region, stamp.clone());
    }
    if !other.tags.is_subset(&out.tags) {
        let tags = out.tags.union(&other.tags).copied().collect();
        lifecycle::set_tags(&mut out, tags, stamp.clone());
    }
    changes.extend(diff_raw(&before, &out.status_raw()));

    // Owner: both histories; the owner is what a later replica merge would derive (the newest
    // change), so a different choice is recorded as a change of its own.
    let chosen = match pick(choices, OWNER, &survivor.owner, &other.owner, String::is_empty) {
        Side::Survivor => survivor.owner.clone(),
        Side::Other => other.owner.clone(),
    };
    out.owner_history = union_history(&out.owner_history, &other.owner_history);
    if let Some(last) = out.owner_history.last() {
        out.owner = last.to.clone();
    }
    if out.owner != chosen {
        change_owner(&mut out, &chosen, by, "合并", stamp.clone()).map_err(CardMergeError::Owner)?;
    }
    if out.owner != survivor.owner {
        changes.push(Change { field: OWNER.into(), old: survivor.owner.clone(), new: out.owner.clone() });
    }
    let team: BTreeSet<String> = out.collaborators.iter().chain(&other.collaborators).cloned().collect();
    changes.extend(set_collaborators(&mut out, team, stamp.clone()));

    // People: one copy each.
    for theirs in other.live_contacts() {
        let mine = out.live_contacts().find(|c| same_person(c, theirs)).cloned();
        let merged = match mine {
            // The same id on both cards means one was copied from the other: keep ours.
            None if out.contact(&theirs.id).is_some() => None,
            None => Some(Contact { stamp: stamp.clone(), ..theirs.clone() }),
            Some(mine) => {
                let (m, t) = (contact_to_raw(&mine.info), contact_to_raw(&theirs.info));
                let mut filled = m.clone();
                for (k, v) in t {
                    filled.entry(k).or_insert(v);
                }
                // Filling gaps can only fail on data that was valid on its own card; then the
                // survivor's copy stays as it is (the other is kept on the tombstone).
                match validate_contact(&filled, today) {
                    Ok(info) if filled != m => Some(Contact { info, stamp: stamp.clone(), ..mine }),
                    _ => None,
                }
            }
        };
        if let Some(c) = merged {
            changes.extend(out.upsert_contact(c));
        }
    }

    let mut merged = other.clone();
    lifecycle::merge_into(&mut merged, &survivor.id, stamp.clone());

    let [survivor_record, merged_record] = record_ids;
    let history = vec![
        ChangeRecord { id: survivor_record, customer_id: survivor.id.clone(), stamp: stamp.clone(), action: Action::Merge, changes, grades: Vec::new() },
        ChangeRecord {
            id: merged_record,
            customer_id: other.id.clone(),
            stamp: stamp.clone(),
            action: Action::Merge,
            changes: vec![Change { field: "merged_into".into(), old: String::new(), new: survivor.id.clone() }],
            grades: Vec::new(),
        },
    ];
    Ok(CardMerge { survivor: out, merged, history })
}

/// The merged-away card's file, moved to the survivor: every entry (deleted ones too, so an
/// undo elsewhere still lands) re-pointed and stamped, so the move wins over older copies when
/// devices merge. Save these in the same batch as the [`CardMerge`].
pub fn move_entries(ledger: &[Entry], to: &str, stamp: &Stamp) -> Vec<Entry> {
    ledger
        .iter()
        .filter(|e| e.customer_id != to)
        .map(|e| {
            let mut e = e.clone();
            e.customer_id = to.to_string();
            e.stamp = stamp.clone();
            e
        })
        .collect()
}

/// The card that `id` now lives on: follows `merged_into` links (a card merged into one that was
/// merged in turn). `get` looks a card up by id. Two devices merging the same pair in opposite
/// directions leave a cycle of tombstones; then the smallest id in it is returned, the same on
/// every device, and the app should offer to restore that card.
pub fn follow_merged<'a>(id: &str, get: impl Fn(&str) -> Option<&'a Customer>) -> String {
    follow_merged_by(id, |id| get(id).filter(|c| c.deleted && !c.merged_into.is_empty()).map(|c| c.merged_into.clone()))
}

/// As [`follow_merged`], where `next` gives the card a deleted card was merged into (from the
/// summaries, without the cards).
pub fn follow_merged_by(id: &str, next: impl Fn(&str) -> Option<String>) -> String {
    let mut seen: Vec<String> = vec![id.to_string()];
    let mut at = id.to_string();
    while let Some(next) = next(&at) {
        if seen.contains(&next) {
            let start = seen.iter().position(|s| *s == next).unwrap_or(0);
            return seen[start..].iter().min().cloned().unwrap_or(next);
        }
        seen.push(next.clone());
        at = next;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::card::{CardBody, Kind};
    use crate::customer::contact::ContactFields;
    use crate::customer::lifecycle;
    use crate::customer::merge::merge_customer;
    use crate::dedup::DupIndex;
    use crate::primitives::clock::Hlc;
    use crate::primitives::codes::{Stage, Tag, Tier};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
    }

    fn st(ms: u64) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, "dev")
    }

    fn card(id: &str, reg: &str, pairs: &[(&str, &str)]) -> Customer {
        let raw = crate::forms::flat_values(pairs.iter().copied());
        let body = validate_card(Kind::Enterprise, &raw, today()).unwrap();
        Customer::new(id.into(), reg.into(), body, st(1))
    }

    fn person(id: &str, name: &str, mobile: &str, position: &str) -> Contact {
        Contact::new(id.into(), ContactFields { name: name.into(), mobile: mobile.into(), position: position.into(), ..Default::default() }, st(2))
    }

    fn pair() -> (Customer, Customer) {
        let mut a = card("a", "KH-2026-000001", &[("name", "杭州鑫源食品有限公司"), ("phone", "0571-88886666"), ("payment", "月结")]);
        a.upsert_contact(person("pa", "李强", "13912345678", ""));
        a.tags.insert(Tag::Hot);
        a.region = "华东".into();
        let mut b = card(
            "b",
            "KH-2026-000002",
            &[("name", "杭州鑫源食品厂"), ("phone", "0571-88886666"), ("payment", "现结"), ("tax_number", "91350100M000100Y43")],
        );
        b.upsert_contact(person("pb1", "李 强", "139-1234-5678", "采购经理"));
        b.upsert_contact(person("pb2", "王芳", "13800138000", ""));
        b.upsert_contact(person("pb3", "赵六", "13600136000", ""));
        b.delete_contact("pb3", st(3));
        b.tags.insert(Tag::Vip);
        b.tier = Some(Tier::Key);
        b.region = "华南".into();
        lifecycle::make_current(&mut b, st(3));
        (a, b)
    }

    fn ids() -> [String; 2] {
        ["h1".into(), "h2".into()]
    }

    #[test]
    fn conflicts_list_fields_both_fill_differently() {
        let (a, b) = pair();
        let keys: Vec<String> = merge_conflicts(&a, &b).into_iter().map(|c| c.key).collect();
        assert_eq!(keys, ["name", "payment", STAGE, REGION]);
        let c = &merge_conflicts(&a, &b)[1];
        assert_eq!((&c.survivor, &c.other), (&MergeValue::Field("月结".into()), &MergeValue::Field("现结".into())));
        // The stage comes typed, with the reason of a former customer.
        let stage = &merge_conflicts(&a, &b)[2];
        assert_eq!(stage.survivor, MergeValue::Stage { stage: a.stage, reason: a.former_reason.clone() });
        assert_eq!(stage.other, MergeValue::Stage { stage: b.stage, reason: b.former_reason.clone() });
    }

    #[test]
    fn chosen_fields_win_and_gaps_are_filled() {
        let (a, b) = pair();
        let choices = MergeChoices::from([("payment".to_string(), Side::Other), (STAGE.to_string(), Side::Other)]);
        let m = merge_cards(&a, &b, &choices, "rep", &st(10), ids(), today()).unwrap();
        let CardBody::Enterprise(e) = &m.survivor.body else { panic!() };
        assert_eq!(e.basic.name, "杭州鑫源食品有限公司", "not chosen: the survivor's");
        assert_eq!(e.trading.payment, "现结", "chosen: the other's");
        assert_eq!(e.basic.tax_number, "91350100M000100Y43", "gap filled");
        assert_eq!(m.survivor.stage, Stage::Current);
        assert_eq!(m.survivor.region, "华东");
        assert_eq!(m.survivor.tier, Some(Tier::Key));
        assert_eq!(m.survivor.tags, [Tag::Hot, Tag::Vip].into());
        assert_eq!(m.survivor.status_stamp, st(10));
        assert_eq!(m.survivor.parts.trading, st(10));
        assert_eq!(m.survivor.parts.traits, Stamp::default(), "unchanged parts keep their stamps");
        assert_eq!((m.survivor.id.as_str(), m.survivor.reg_no.as_str()), ("a", "KH-2026-000001"));
    }

    #[test]
    fn status_fields_taken_are_stamped_each_so_concurrent_edits_of_others_survive() {
        let (a, b) = pair();
        let choices = MergeChoices::from([(STAGE.to_string(), Side::Other)]);
        let m = merge_cards(&a, &b, &choices, "rep", &st(10), ids(), today()).unwrap();
        let s = &m.survivor;
        for key in ["stage", "tier", "tags"] {
            assert_eq!(s.field_stamp(key), Some(st(10)), "{key} taken");
        }
        assert_eq!(s.field_stamp("region"), a.field_stamp("region"), "the survivor's region, not rewritten");
        // Another device changed the survivor's region before it saw the merge: its edit stays.
        let mut elsewhere = a.clone();
        lifecycle::set_region(&mut elsewhere, "华北", Stamp::new(Hlc { ms: 9, n: 0 }, "other"));
        let merged = merge_customer(s, &elsewhere);
        assert_eq!((merged.region.as_str(), merged.stage, merged.tier), ("华北", Stage::Current, Some(Tier::Key)));
        assert_eq!(merged, merge_customer(&elsewhere, s));
        // A survivor that withheld its tier (a redacted copy) takes the other's and provides it.
        let r = crate::customer::redact(&a, &|k| k != "tier");
        let m = merge_cards(&r, &b, &MergeChoices::new(), "rep", &st(10), ids(), today()).unwrap();
        assert!(!m.survivor.withheld.contains("tier"));
        assert_eq!((m.survivor.tier, m.survivor.field_stamp("tier")), (Some(Tier::Key), Some(st(10))));
    }

    #[test]
    fn people_of_both_are_kept_once() {
        let (a, b) = pair();
        let m = merge_cards(&a, &b, &MergeChoices::new(), "rep", &st(10), ids(), today()).unwrap();
        let live: Vec<(&str, &str, &str)> =
            m.survivor.live_contacts().map(|c| (c.id.as_str(), c.info.name.as_str(), c.info.position.as_str())).collect();
        // 李强 is on both (same name, same phone written differently): one copy, the survivor's,
        // with the position filled in from the other; 王芳 moves over; the deleted 赵六 does not.
        assert_eq!(live, [("pa", "李强", "采购经理"), ("pb2", "王芳", "")]);
        assert!(m.survivor.contacts.iter().all(|c| c.stamp == st(10)));
        assert_eq!(m.merged.contacts, b.contacts, "the tombstone keeps its people");
    }

    #[test]
    fn tombstone_points_to_the_survivor_and_history_is_recorded() {
        let (a, b) = pair();
        let m = merge_cards(&a, &b, &MergeChoices::new(), "rep", &st(10), ids(), today()).unwrap();
        assert!(m.merged.deleted);
        assert_eq!(m.merged.merged_into, "a");
        assert_eq!(m.merged.deleted_stamp, Some(st(10)));
        assert_eq!(m.merged.body, b.body);
        let [s, g] = &m.history[..] else { panic!() };
        assert_eq!((s.id.as_str(), s.customer_id.as_str(), s.action), ("h1", "a", Action::Merge));
        assert_eq!(s.changes[0], Change { field: "merged_from".into(), old: "".into(), new: "b".into() });
        let fields: BTreeSet<&str> = s.changes.iter().map(|c| c.field.as_str()).collect();
        for f in ["tax_number", "tier", "tags", "contact.pa.position", "contact.pb2.name"] {
            assert!(fields.contains(f), "{f} missing from {fields:?}");
        }
        assert_eq!((g.id.as_str(), g.customer_id.as_str()), ("h2", "b"));
        assert_eq!(g.changes, [Change { field: "merged_into".into(), old: "".into(), new: "a".into() }]);
        assert_eq!(s.stamp, st(10));
        // The phone is no longer a duplicate: the other card is a tombstone.
        let archive = vec![m.survivor.clone(), m.merged.clone()];
        let idx = DupIndex::build(&archive);
        assert!(idx.groups(&archive).is_empty());
        assert!(idx.check(&archive, &m.survivor, Some(0)).is_empty());
    }

    #[test]
    fn one_batch_moves_the_ledger_tombstones_the_other_and_keeps_history() {
        use crate::archive::{Archive, Batch};
        use crate::ledger::{EntryBody, Visit};
        let (a, b) = pair();
        let entry = |id: &str, cid: &str| Entry::new(id.into(), cid.into(), EntryBody::Visit(Visit::default()), st(4));
        let mut gone = entry("e3", "b");
        gone.delete(st(5));
        let mut archive =
            Archive::with_entries(vec![a.clone(), b.clone()], vec![entry("e1", "a"), entry("e2", "b"), gone], vec![], Default::default());
        let m = merge_cards(&a, &b, &MergeChoices::new(), "rep", &st(10), ids(), today()).unwrap();
        let moved = move_entries(archive.ledger("b"), "a", &st(10));
        assert_eq!(moved.len(), 2, "every entry of the other card, deleted ones too");
        let applied = archive.apply(&Batch { customers: vec![m.survivor, m.merged], entries: moved, history: m.history, ..Batch::default() });
        assert_eq!(applied.ledgers.len(), 2, "both files changed");
        let ids_of = |cid: &str| archive.ledger(cid).iter().map(|e| e.id.as_str()).collect::<BTreeSet<_>>();
        assert_eq!(ids_of("a"), BTreeSet::from(["e1", "e2", "e3"]));
        assert!(ids_of("b").is_empty());
        assert!(archive.entry("e3").unwrap().deleted, "a deleted entry stays deleted");
        let tomb = archive.get("b").unwrap();
        assert!(tomb.deleted && tomb.merged_into == "a");
        assert_eq!(follow_merged("b", |id| archive.get(id)), "a");
        assert_eq!(archive.history_of("a").len(), 1);
        assert_eq!(archive.history_of("b").len(), 1);
        // An older copy of a moved entry (a device that had not seen the merge) does not move it back.
        archive.apply(&Batch { entries: vec![entry("e2", "b")], ..Batch::default() });
        assert_eq!(archive.entry("e2").unwrap().customer_id, "a");
    }

    #[test]
    fn owners_and_their_histories_are_merged() {
        let (mut a, mut b) = pair();
        change_owner(&mut a, "rep-x", "m", "", st(4)).unwrap();
        change_owner(&mut b, "rep-y", "m", "", st(5)).unwrap();
        set_collaborators(&mut b, ["rep-z".to_string()].into(), st(6));
        // Not chosen: the survivor's owner stays, recorded because b's change is newer.
        let m = merge_cards(&a, &b, &MergeChoices::new(), "rep", &st(10), ids(), today()).unwrap();
        assert_eq!(m.survivor.owner, "rep-x");
        let hist: Vec<(&str, &str)> = m.survivor.owner_history.iter().map(|h| (h.from.as_str(), h.to.as_str())).collect();
        assert_eq!(hist, [("", "rep-x"), ("", "rep-y"), ("rep-y", "rep-x")]);
        assert_eq!(m.survivor.collaborators, ["rep-z".to_string()].into());
        // A copy of the survivor from before the merge merges in without changing the owner.
        assert_eq!(merge_customer(&m.survivor, &a).owner, "rep-x");
        // Chosen: the other's owner.
        let choices = MergeChoices::from([(OWNER.to_string(), Side::Other)]);
        let m = merge_cards(&a, &b, &choices, "rep", &st(10), ids(), today()).unwrap();
        assert_eq!(m.survivor.owner, "rep-y");
        assert_eq!(m.survivor.owner_history.len(), 2);
        assert!(m.history[0].changes.contains(&Change { field: OWNER.into(), old: "rep-x".into(), new: "rep-y".into() }));
    }

    #[test]
    fn refused_merges() {
        let (a, mut b) = pair();
        assert_eq!(merge_cards(&a, &a, &MergeChoices::new(), "r", &st(10), ids(), today()), Err(CardMergeError::SameCard));
        let raw = [("name".to_string(), "王芳".into())].into();
        let mut ind = a.clone();
        ind.id = "i".into();
        ind.set_body(validate_card(Kind::Individual, &raw, today()).unwrap(), st(3));
        assert_eq!(merge_cards(&a, &ind, &MergeChoices::new(), "r", &st(10), ids(), today()), Err(CardMergeError::KindDiffers));
        lifecycle::delete(&mut b, st(4));
        let e = merge_cards(&a, &b, &MergeChoices::new(), "r", &st(10), ids(), today()).unwrap_err();
        assert_eq!(e, CardMergeError::Deleted);
        assert!(e.message(Lang::Zh).contains("删除"));
    }

    #[test]
    fn follow_merged_walks_chains_and_breaks_cycles() {
        let mut cs: BTreeMap<String, Customer> = BTreeMap::new();
        for (id, into) in [("a", ""), ("b", "a"), ("c", "b"), ("x", "y"), ("y", "x")] {
            let mut c = Customer { id: id.into(), ..Customer::default() };
            if !into.is_empty() {
                c.deleted = true;
                c.merged_into = into.into();
            }
            cs.insert(id.into(), c);
        }
        let get = |id: &str| cs.get(id);
        assert_eq!(follow_merged("c", get), "a");
        assert_eq!(follow_merged("a", get), "a");
        assert_eq!(follow_merged("unknown", get), "unknown");
        assert_eq!(follow_merged("x", get), "x");
        assert_eq!(follow_merged("y", get), "x");
        // A restored card is its own customer again.
        let mut b = cs["b"].clone();
        lifecycle::restore(&mut b, st(9));
        cs.insert("b".into(), b);
        assert_eq!(follow_merged("c", |id: &str| cs.get(id)), "b");
    }
}
