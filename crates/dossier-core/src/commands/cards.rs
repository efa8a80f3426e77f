//! A customer card: create it (with its 登记编号, people, status and first owner), edit it (card,
//! people and status in one save), move it between 现有客户 and 旧客户, delete it and take the
//! delete back (撤销, or from the 回收站, with what the file holds stated first). Every save leaves one change record; `seen` versions guard against editing a card
//! another tab changed meanwhile. Also here: which fields 查重 looks up for a card about to be
//! saved ([`dup_query`]; the lookup itself is the app's index).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use super::Planned;
use crate::archive::{version_of, Archive, Batch};
use crate::customer::card::{card_to_raw, CardBody};
use crate::customer::contact::{Contact, ContactFields};
use crate::customer::history::{diff_raw, Action, Change, ChangeRecord};
use crate::customer::lifecycle::{self, LifecycleError};
use crate::customer::owner::change_owner;
use crate::customer::Customer;
use crate::dedup::{normalize_phone, normalize_tax};
use crate::forms::schema::RawForm;
use crate::ledger::{FileHolds, LedgerScratch};
use crate::primitives::clock::{Hlc, Stamp};
use crate::primitives::codes::{Tag, Tier};

#[derive(Clone, Debug, PartialEq, Error)]
pub enum CardError {
    #[error("no such customer")]
    NoCustomer,
    /// A new card's id is taken (the caller must draw a fresh one).
    #[error("the card id is already in use")]
    Exists,
    /// Fewer new ids than new people (a caller's mistake): nothing is saved.
    #[error("not enough new ids")]
    MissingIds,
    /// 旧客户 needs the reason trade stopped.
    #[error("{0}")]
    Stage(LifecycleError),
    /// Deleting a deleted card, restoring one that is not deleted, or changing a deleted one.
    #[error("the card is not in the expected state")]
    WrongState,
    /// A potential customer becomes current only on an approved 交易开始调查书 (seed 004).
    #[error("no approved trade start survey")]
    NoTradeStart,
    /// The 中止交易 form has problems; nothing is saved.
    #[error("{} field(s) invalid", .0.len())]
    Invalid(Vec<crate::forms::form::FieldError>),
}

/// Whether the file holds an approved 交易开始调查书 (单位主管认可 and 董事长承认).
pub fn trade_start_approved(file: &[crate::ledger::Entry]) -> bool {
    file.iter().any(|e| !e.deleted && matches!(&e.body, crate::ledger::EntryBody::TradeStart(t) if t.approved()))
}

/// A card to create, validated (the form checks every field before this is built).
#[derive(Clone, Debug)]
pub struct NewCustomer {
    pub body: CardBody,
    pub people: Vec<ContactFields>,
    pub tier: Option<Tier>,
    pub region: String,
    pub tags: BTreeSet<Tag>,
    /// The rep in charge (id), or empty.
    pub owner: String,
    /// The rep creating the card (id), for 负责人记录.
    pub by: String,
    /// Labels the 登记编号 with its year.
    pub today: NaiveDate,
}

/// The ids the caller drew for a new card: the card's, one per person (in order) and the change
/// record's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewCardIds {
    pub card: String,
    pub people: Vec<String>,
    pub record: String,
}

/// A card as edited, validated: its body, its people (`None`: a person added in this edit) and
/// its status. People of the card left out of `people` are removed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CardEdit {
    pub body: CardBody,
    pub people: Vec<(Option<String>, ContactFields)>,
    pub tier: Option<Tier>,
    pub region: String,
    pub tags: BTreeSet<Tag>,
    /// The day of the edit: a changed 重要程度 is a grade change of that day.
    pub today: NaiveDate,
}

impl CardEdit {
    /// How many new ids [`edit_card`] needs for people (the people added in this edit).
    pub fn new_people(&self) -> usize {
        self.people.iter().filter(|(id, _)| id.is_none()).count()
    }
}

/// Creates a customer; the 登记编号 is the archive's next one (the batch moves the counter on),
/// the first owner (if any) is recorded in 负责人记录 without a reason, and the history gets one
/// `Create` record listing every filled field.
pub fn create_card(a: &Archive, new: &NewCustomer, ids: &NewCardIds, stamp: &Stamp) -> Result<Planned, CardError> {
    if a.get(&ids.card).is_some() {
        return Err(CardError::Exists);
    }
    if ids.people.len() < new.people.len() {
        return Err(CardError::MissingIds);
    }
    let mut numbering = a.numbering().clone();
    let reg_no = numbering.issue(new.today.year());
    let mut c = Customer::new(ids.card.clone(), reg_no, new.body.clone(), stamp.clone());
    for (pid, info) in ids.people.iter().zip(&new.people) {
        c.upsert_contact(Contact::new(pid.clone(), info.clone(), stamp.clone()));
    }
    c.tier = new.tier;
    c.region = new.region.trim().to_string();
    c.tags = new.tags.clone();
    if !new.owner.trim().is_empty() {
        // A new card has no owner and no owner stamp yet: the first assignment cannot be refused.
        let _ = change_owner(&mut c, &new.owner, &new.by, "", stamp.clone());
    }
    let changes = diff_raw(&RawForm::new(), &card_to_raw(&new.body));
    let mut rec = record(&ids.card, &ids.record, Action::Create, changes, stamp);
    // The first 重要程度 starts the card's grade history.
    let first = new.tier.map(|t| crate::grading::GradeChange::by_hand(None, Some(crate::grading::GradeValue::Importance(t)), new.today, TIER_CREATED, &new.by));
    rec.grades.extend(first.and_then(Result::ok));
    let batch = Batch { customers: vec![c], history: vec![rec], next_seq: numbering.next_seq, ..Batch::default() };
    Ok((batch, vec![(ids.card.clone(), None)]))
}

/// Saves an edited card, its people and status in one save. Only the parts that changed are
/// stamped; a person left out is removed, a person whose fields are unchanged is not rewritten.
/// `new_ids` gives ids to the people added (in order, see [`CardEdit::new_people`]); `seen` is
/// the version the form was opened on (`None`: the card as it is now, i.e. overwrite).
pub fn edit_card(
    a: &Archive,
    id: &str,
    edit: &CardEdit,
    seen: Option<Hlc>,
    record_id: &str,
    new_ids: &[String],
    stamp: &Stamp,
) -> Result<Planned, CardError> {
    let old = a.get(id).ok_or(CardError::NoCustomer)?;
    if old.deleted {
        // A deleted card is read-only until restored.
        return Err(CardError::WrongState);
    }
    if new_ids.len() < edit.new_people() {
        return Err(CardError::MissingIds);
    }
    let mut c = old.clone();
    let mut changes = c.set_body(edit.body.clone(), stamp.clone());
    let kept: BTreeSet<&str> = edit.people.iter().filter_map(|(pid, _)| pid.as_deref()).collect();
    let removed: Vec<String> = c.live_contacts().filter(|p| !kept.contains(p.id.as_str())).map(|p| p.id.clone()).collect();
    for pid in removed {
        c.delete_contact(&pid, stamp.clone());
        changes.push(Change { field: format!("contact.{pid}.name"), old: pid.clone(), new: String::new() });
    }
    let mut fresh = new_ids.iter();
    for (pid, info) in &edit.people {
        let pid = match pid {
            Some(pid) if c.contact(pid).is_some_and(|p| p.info == *info) => continue,
            Some(pid) => pid.clone(),
            None => fresh.next().cloned().ok_or(CardError::MissingIds)?,
        };
        changes.extend(c.upsert_contact(Contact::new(pid, info.clone(), stamp.clone())));
    }
    let before = c.status_raw();
    // Each field that changed is stamped on its own, and provided again if this copy withheld
    // it (a redacted hand-off); one left as the form showed it stays withheld, as card fields do.
    if c.tier != edit.tier {
        lifecycle::set_tier(&mut c, edit.tier, stamp.clone());
    }
    if c.region != edit.region.trim() {
        lifecycle::set_region(&mut c, &edit.region, stamp.clone());
    }
    if c.tags != edit.tags {
        lifecycle::set_tags(&mut c, edit.tags.clone(), stamp.clone());
    }
    changes.extend(diff_raw(&before, &c.status_raw()));
    // 重要程度 is one of the four grades: its change goes in the grade history too.
    let tier_change = (old.tier != c.tier).then(|| {
        let v = |t: Option<Tier>| t.map(crate::grading::GradeValue::Importance);
        crate::grading::GradeChange::by_hand(v(old.tier), v(c.tier), edit.today, TIER_EDITED, "").ok()
    });
    let (mut batch, expect) = saved(old, c, seen, Action::Edit, changes, record_id, stamp);
    batch.history[0].grades.extend(tier_change.flatten());
    Ok((batch, expect))
}

/// The reason the 重要程度 a card is created with gives its grade history.
pub const TIER_CREATED: &str = "新建卡片时设定 / set when the card was created";

/// The reason a 重要程度 changed in the card's edit form gives its grade history.
pub const TIER_EDITED: &str = "在编辑卡片时修改 / changed in the card's edit form";

/// 旧客户: trade stopped, for `reason` (required).
pub fn move_to_former(a: &Archive, id: &str, reason: &str, record_id: &str, stamp: &Stamp) -> Result<Planned, CardError> {
    let old = a.get(id).ok_or(CardError::NoCustomer)?;
    if old.deleted {
        // A deleted card is read-only until restored.
        return Err(CardError::WrongState);
    }
    let mut c = old.clone();
    lifecycle::move_to_former(&mut c, reason, stamp.clone()).map_err(CardError::Stage)?;
    let changes = diff_raw(&old.status_raw(), &c.status_raw());
    Ok(saved(old, c, None, Action::Stage, changes, record_id, stamp))
}

/// 中止交易 (seed 004): the 中止交易 form (`Form::TradeStop`: date, reason, the original documents
/// kept, who) becomes an entry of the file and the card a 旧客户 with that reason, in one save.
pub fn close_account(
    a: &Archive,
    id: &str,
    raw: &RawForm,
    today: NaiveDate,
    ids: (&str, &str),
    stamp: &Stamp,
) -> Result<Planned, CardError> {
    let (entry_id, record_id) = ids;
    let old = a.get(id).ok_or(CardError::NoCustomer)?;
    if old.deleted || old.stage == crate::primitives::codes::Stage::Former {
        return Err(CardError::WrongState);
    }
    let ctx = crate::ledger::LedgerContext {
        customer_id: &old.id,
        since: crate::ledger::customer_since(old),
        today,
        entries: a.ledger(id),
        editing: None,
        credit_days: old.credit_days(),
        confirmed: false,
        reps: a.reps(),
    };
    let body = crate::ledger::validate_entry(crate::ledger::EntryKind::TradeStop, raw, &ctx).map_err(CardError::Invalid)?;
    let crate::ledger::EntryBody::TradeStop(stop) = &body else { return Err(CardError::WrongState) };
    let mut c = old.clone();
    lifecycle::move_to_former(&mut c, &stop.reason, stamp.clone()).map_err(CardError::Stage)?;
    let changes = diff_raw(&old.status_raw(), &c.status_raw());
    let (mut batch, mut expect) = saved(old, c, None, Action::Stage, changes, record_id, stamp);
    batch.entries.push(crate::ledger::Entry::new(entry_id.to_string(), id.to_string(), body, stamp.clone()));
    expect.push((entry_id.to_string(), None));
    Ok((batch, expect))
}

/// 现有客户: a potential customer once its 交易开始调查书 is approved (seed 004: trade starts only
/// then), or a former customer trading again.
pub fn make_current(a: &Archive, id: &str, record_id: &str, stamp: &Stamp) -> Result<Planned, CardError> {
    let old = a.get(id).ok_or(CardError::NoCustomer)?;
    if old.deleted {
        // A deleted card is read-only until restored.
        return Err(CardError::WrongState);
    }
    if old.stage == crate::primitives::codes::Stage::Potential && !trade_start_approved(a.ledger(id)) {
        return Err(CardError::NoTradeStart);
    }
    let mut c = old.clone();
    lifecycle::make_current(&mut c, stamp.clone());
    let changes = diff_raw(&old.status_raw(), &c.status_raw());
    Ok(saved(old, c, None, Action::Stage, changes, record_id, stamp))
}

/// Deletes a card: a tombstone that keeps everything, so [`restore_card`] gives it back.
pub fn delete_card(a: &Archive, id: &str, record_id: &str, stamp: &Stamp) -> Result<Planned, CardError> {
    let old = a.get(id).ok_or(CardError::NoCustomer)?;
    if old.deleted {
        return Err(CardError::WrongState);
    }
    let mut c = old.clone();
    lifecycle::delete(&mut c, stamp.clone());
    let changes = diff_raw(&old.status_raw(), &c.status_raw());
    Ok(saved(old, c, None, Action::Delete, changes, record_id, stamp))
}

/// Takes a delete back (undo); a card merged away becomes its own customer again.
pub fn restore_card(a: &Archive, id: &str, record_id: &str, stamp: &Stamp) -> Result<Planned, CardError> {
    let old = a.get(id).ok_or(CardError::NoCustomer)?;
    if !old.deleted {
        return Err(CardError::WrongState);
    }
    let mut c = old.clone();
    lifecycle::restore(&mut c, stamp.clone());
    Ok(saved(old, c, None, Action::Restore, Vec::new(), record_id, stamp))
}

/// What deleting `id` would take out of view: its file's open orders, receivables, notes,
/// prepayments and records (issue 18: the card states them and asks before deleting a customer
/// whose file is not empty). The ledger's own figures over the card's file.
pub fn delete_facts(a: &Archive, id: &str) -> Result<FileHolds, CardError> {
    let c = a.get(id).ok_or(CardError::NoCustomer)?;
    if c.deleted {
        return Err(CardError::WrongState);
    }
    Ok(FileHolds::of(a.ledger(id), &mut LedgerScratch::default()))
}

/// 从回收站恢复: a customer deleted by hand comes back with its whole file, people and history
/// (a delete is a tombstone on the card only, so they never left); the restore is stamped after
/// the delete, so merging with any older copy, deleted or not, keeps the customer. A card merged
/// away is not in the bin (its file went to the survivor): refused.
pub fn restore_from_bin(a: &Archive, id: &str, record_id: &str, stamp: &Stamp) -> Result<Planned, CardError> {
    let old = a.get(id).ok_or(CardError::NoCustomer)?;
    if !old.deleted || !old.merged_into.is_empty() {
        return Err(CardError::WrongState);
    }
    let mut c = old.clone();
    lifecycle::restore(&mut c, stamp.clone());
    Ok(saved(old, c, None, Action::RestoreBin, Vec::new(), record_id, stamp))
}

/// What 查重 looks up for a card about to be saved: its name, phones (card and people) and tax
/// number, and the card to leave out (`editing`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DupQuery<'a> {
    pub name: &'a str,
    pub phones: Vec<&'a str>,
    pub tax: &'a str,
    pub editing: Option<&'a str>,
}

/// The duplicate check of a card as it would be saved (`before`: the card being edited, `None`
/// when creating). On an edit only what the edit brings counts (a phone or tax number added, a
/// name changed): a card that already shared a number before 查重 existed can still be edited;
/// the 查重 tool is where old duplicates go.
pub fn dup_query<'a>(body: &'a CardBody, people: impl IntoIterator<Item = &'a ContactFields>, before: Option<&'a Customer>) -> DupQuery<'a> {
    let mut phones: Vec<&str> = body.phones();
    for info in people {
        phones.extend([info.mobile.as_str(), info.office_phone.as_str()].into_iter().filter(|p| !p.is_empty()));
    }
    let tax = tax_of(body);
    let Some(old) = before else {
        return DupQuery { name: body.name(), phones, tax, editing: None };
    };
    let known: BTreeSet<String> = old.all_phones().into_iter().filter_map(normalize_phone).collect();
    phones.retain(|p| normalize_phone(p).is_none_or(|n| !known.contains(&n)));
    let tax = if normalize_tax(tax) == normalize_tax(tax_of(&old.body)) { "" } else { tax };
    let name = if body.name() == old.display_name() { "" } else { body.name() };
    DupQuery { name, phones, tax, editing: Some(&old.id) }
}

fn tax_of(body: &CardBody) -> &str {
    match body {
        CardBody::Enterprise(e) => e.basic.tax_number.as_str(),
        CardBody::Individual(_) => "",
    }
}

fn record(customer_id: &str, record_id: &str, action: Action, changes: Vec<Change>, stamp: &Stamp) -> ChangeRecord {
    ChangeRecord { id: record_id.to_string(), customer_id: customer_id.to_string(), stamp: stamp.clone(), action, changes, grades: Vec::new() }
}

/// One card saved with its change record, expecting the card as `seen` (or as it was, `old`).
fn saved(old: &Customer, c: Customer, seen: Option<Hlc>, action: Action, changes: Vec<Change>, record_id: &str, stamp: &Stamp) -> Planned {
    let expect = vec![(old.id.clone(), Some(seen.unwrap_or_else(|| version_of(old))))];
    let rec = record(&c.id, record_id, action, changes, stamp);
    (Batch { customers: vec![c], history: vec![rec], ..Batch::default() }, expect)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::card::{validate_card, Kind};
    use crate::customer::numbering::Numbering;
    use crate::primitives::codes::Stage;
    use crate::commands::plan_stamped;
    use crate::primitives::clock::Clock;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(ms: u64) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, "dev")
    }

    fn body(pairs: &[(&str, &str)]) -> CardBody {
        let raw = crate::forms::flat_values(pairs.iter().copied());
        validate_card(Kind::Enterprise, &raw, d("2026-03-01")).unwrap()
    }

    fn person(name: &str, mobile: &str) -> ContactFields {
        ContactFields { name: name.into(), mobile: mobile.into(), ..ContactFields::default() }
    }

    fn new_card(name: &str) -> NewCustomer {
        NewCustomer {
            body: body(&[("name", name), ("phone", "0571-88886666")]),
            people: vec![person("李经理", "13800138000")],
            tier: Some(Tier::Key),
            region: " 华东 ".into(),
            tags: BTreeSet::from([Tag::Vip]),
            owner: "rep-a".into(),
            by: "rep-b".into(),
            today: d("2026-03-01"),
        }
    }

    fn ids(n: u32) -> NewCardIds {
        NewCardIds { card: format!("c{n}"), people: vec![format!("p{n}")], record: format!("h{n}") }
    }

    fn applied(mut a: Archive, (batch, _): Planned) -> Archive {
        a.apply(&batch);
        a
    }

    /// An archive with card `c1` created at ms 10 (one person `p1`, owner rep-a).
    fn archive() -> Archive {
        let a = Archive::from_parts(vec![], vec![], Numbering::default());
        let plan = create_card(&a, &new_card("杭州甲公司"), &ids(1), &at(10)).unwrap();
        applied(a, plan)
    }

    fn edit_of(c: &Customer) -> CardEdit {
        CardEdit {
            body: c.body.clone(),
            people: c.live_contacts().map(|p| (Some(p.id.clone()), p.info.clone())).collect(),
            tier: c.tier,
            region: c.region.clone(),
            tags: c.tags.clone(),
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        }
    }

    #[test]
    fn create_builds_the_card_its_people_status_owner_and_history() {
        let a = Archive::default();
        let (batch, expect) = create_card(&a, &new_card("杭州甲公司"), &ids(1), &at(10)).unwrap();
        assert_eq!(expect, vec![("c1".to_string(), None)]);
        let c = &batch.customers[0];
        assert_eq!((c.id.as_str(), c.reg_no.as_str(), c.display_name()), ("c1", "KH-2026-000001", "杭州甲公司"));
        assert_eq!(c.live_contacts().map(|p| (p.id.as_str(), p.info.name.as_str())).collect::<Vec<_>>(), [("p1", "李经理")]);
        assert_eq!((c.tier, c.region.as_str(), c.stage), (Some(Tier::Key), "华东", Stage::Potential));
        assert_eq!(c.owner, "rep-a");
        let h = &c.owner_history[0];
        assert_eq!((h.from.as_str(), h.to.as_str(), h.by.as_str(), h.reason.as_str()), ("", "rep-a", "rep-b", ""));
        assert_eq!(batch.next_seq, 2);
        let rec = &batch.history[0];
        assert_eq!((rec.id.as_str(), rec.customer_id.as_str(), rec.action), ("h1", "c1", Action::Create));
        assert_eq!(rec.changes, diff_raw(&RawForm::new(), &card_to_raw(&c.body)));
        // The first 重要程度 starts the grade history.
        assert_eq!(rec.grades.iter().map(|g| (g.new.as_deref(), g.reason.as_str(), g.by.as_str())).collect::<Vec<_>>(), [(Some("key"), TIER_CREATED, "rep-b")]);
        // Without an owner, nobody is recorded.
        let mut none = new_card("乙");
        none.owner = String::new();
        let (batch, _) = create_card(&a, &none, &ids(2), &at(11)).unwrap();
        assert!(batch.customers[0].owner_history.is_empty());
    }

    #[test]
    fn create_issues_distinct_consecutive_numbers() {
        let mut a = Archive::default();
        let mut numbers = Vec::new();
        for n in 1..=5 {
            let plan = create_card(&a, &new_card(&format!("客户{n}")), &ids(n), &at(10 + u64::from(n))).unwrap();
            numbers.push(plan.0.customers[0].reg_no.clone());
            a = applied(a, plan);
        }
        assert_eq!(numbers, (1..=5).map(|n| format!("KH-2026-{n:06}")).collect::<Vec<_>>());
        assert_eq!(a.numbering().next_seq, 6);
        // A number is never reused, not even after its card is deleted.
        let a = { let plan = delete_card(&a, "c5", "hd", &at(20)).unwrap(); applied(a, plan) };
        let (batch, _) = create_card(&a, &new_card("客户6"), &ids(6), &at(21)).unwrap();
        assert_eq!(batch.customers[0].reg_no, "KH-2026-000006");
    }

    #[test]
    fn create_refuses_a_taken_id_or_too_few_ids() {
        let a = archive();
        assert_eq!(create_card(&a, &new_card("丙"), &ids(1), &at(20)).unwrap_err(), CardError::Exists);
        let short = NewCardIds { people: vec![], ..ids(2) };
        assert_eq!(create_card(&a, &new_card("丙"), &short, &at(20)).unwrap_err(), CardError::MissingIds);
    }

    #[test]
    fn an_edit_saves_body_people_and_status_with_one_record() {
        let a = archive();
        let old = a.get("c1").unwrap().clone();
        let mut edit = edit_of(&old);
        edit.body = body(&[("name", "杭州甲公司"), ("phone", "0571-88886666"), ("payment", "现金")]);
        // p1 removed, one person added.
        edit.people = vec![(None, person("王工", "13900139000"))];
        edit.region = " 华南 ".into();
        let seen = Some(version_of(&old));
        let (batch, expect) = edit_card(&a, "c1", &edit, seen, "h2", &["p2".into()], &at(20)).unwrap();
        assert_eq!(expect, vec![("c1".to_string(), seen)]);
        let c = &batch.customers[0];
        assert_eq!(c.live_contacts().map(|p| (p.id.as_str(), p.info.name.as_str())).collect::<Vec<_>>(), [("p2", "王工")]);
        assert!(c.contact("p1").unwrap().deleted);
        assert_eq!((c.region.as_str(), c.status_stamp.clone()), ("华南", at(20)));
        assert_eq!(c.parts.trading, at(20));
        assert_eq!(c.parts.basic, old.parts.basic, "an unchanged part keeps its stamp");
        let rec = &batch.history[0];
        assert_eq!((rec.id.as_str(), rec.action), ("h2", Action::Edit));
        let fields: Vec<&str> = rec.changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["payment", "contact.p1.name", "contact.p2.mobile", "contact.p2.name", "region"]);
        // Overwrite: no version seen, the card as it is now is expected.
        let (_, expect) = edit_card(&a, "c1", &edit, None, "h2", &["p2".into()], &at(20)).unwrap();
        assert_eq!(expect, vec![("c1".to_string(), Some(version_of(&old)))]);
    }

    /// A card received from a device whose clock is a year ahead, edited here: the edit is
    /// stamped after the card (not at this device's bounded clock), so it wins in every merge,
    /// while the device's clock for other edits stays within its day.
    #[test]
    fn an_edit_of_a_card_stamped_far_ahead_wins_every_merge() {
        use crate::customer::merge::merge_customer;
        use crate::primitives::clock::AHEAD_LIMIT_MS;
        let now = 1_000_000_000_000;
        let far = now + 365 * AHEAD_LIMIT_MS;
        // Made here, then renamed and moved on the device a year ahead; that copy came back.
        let a = archive();
        let mut there = edit_of(a.get("c1").unwrap());
        there.body = body(&[("name", "杭州甲公司（总部）"), ("phone", "0571-88886666")]);
        there.region = "西南".into();
        let plan = edit_card(&a, "c1", &there, None, "h9", &[], &Stamp::new(Hlc { ms: far, n: 0 }, "ahead")).unwrap();
        let a = applied(a, plan);
        let old = a.get("c1").unwrap().clone();
        let mut edit = edit_of(&old);
        edit.body = body(&[("name", "杭州乙公司"), ("phone", "0571-88886666")]);
        edit.region = "华南".into();
        let run = |a: &Archive, s: &Stamp| edit_card(a, "c1", &edit, None, "h2", &[], s);
        // The bare clock (the bug): the edit is older than the card it replaces and loses.
        let bare = Clock::bounded(a.clock().last(), now).stamp(now, "here");
        let (lost, _) = run(&a, &bare).unwrap();
        let merged = merge_customer(&old, &lost.customers[0]);
        assert_eq!((merged.display_name(), merged.region.as_str()), ("杭州甲公司（总部）", "西南"));
        // Planned through plan_stamped: after the far stamp, and it wins both ways round.
        let (batch, expect) = plan_stamped(&a, now, "here", run).unwrap();
        let c = &batch.customers[0];
        assert!(batch.history[0].stamp.at > Hlc { ms: far, n: 0 } && batch.history[0].stamp.dev == "here");
        assert_eq!(expect, vec![("c1".to_string(), Some(version_of(&old)))]);
        for merged in [merge_customer(&old, c), merge_customer(c, &old)] {
            assert_eq!((merged.display_name(), merged.region.as_str()), ("杭州乙公司", "华南"));
        }
        // The clock is not dragged: the next ordinary edit is still within a day of now.
        let a = applied(a, (batch, expect));
        assert!(Clock::bounded(a.clock().last(), now).tick(now).ms <= now + AHEAD_LIMIT_MS);
        // A card within the bound keeps the ordinary stamp.
        let b = archive();
        let mut e = edit_of(b.get("c1").unwrap());
        e.region = "华北".into();
        let (batch, _) = plan_stamped(&b, 1_000, "here", |a, s| edit_card(a, "c1", &e, None, "h2", &[], s)).unwrap();
        assert_eq!(batch.history[0].stamp, Stamp::new(Hlc { ms: 1_000, n: 0 }, "here"));
    }

    #[test]
    fn status_fields_are_stamped_each_and_an_edited_withheld_one_is_provided_again() {
        let a = archive();
        let old = a.get("c1").unwrap().clone();
        let mut edit = edit_of(&old);
        edit.region = "华南".into();
        let (batch, _) = edit_card(&a, "c1", &edit, None, "h2", &[], &at(20)).unwrap();
        let c = &batch.customers[0];
        assert_eq!((c.field_stamp("region"), c.field_stamp("tier")), (Some(at(20)), old.field_stamp("tier")));
        assert_eq!(c.status_stamp, at(20));
        assert!(batch.history[0].grades.is_empty(), "the tier did not change: no grade change");
        // A new tier is a grade change in the history, by hand, with why.
        let mut edit = edit_of(&old);
        edit.tier = Some(Tier::Special);
        let (batch, _) = edit_card(&a, "c1", &edit, None, "h3", &[], &at(21)).unwrap();
        let g = &batch.history[0].grades;
        assert_eq!(g.len(), 1);
        assert_eq!((g[0].kind, g[0].old.as_deref(), g[0].new.as_deref(), g[0].reason.as_str()), (crate::grading::GradeKind::Importance, Some("key"), Some("special"), TIER_EDITED));
        // A copy that withheld tier and region (a redacted hand-off): the tier edited is provided
        // again, the region left blank as shown stays withheld, so it never erases the full copy's.
        let r = crate::customer::redact(&old, &|k| k != "tier" && k != "region");
        let a = Archive::from_parts(vec![r.clone()], vec![], Numbering::default());
        let mut edit = edit_of(&r);
        edit.tier = Some(Tier::Ordinary);
        let (batch, _) = edit_card(&a, "c1", &edit, None, "h2", &[], &at(20)).unwrap();
        let c = &batch.customers[0];
        assert_eq!(c.withheld, ["region".to_string()].into());
        assert_eq!(c.field_stamp("tier"), Some(at(20)));
        let m = crate::customer::merge::merge_customer(&old, c);
        assert_eq!((m.tier, m.region.as_str()), (Some(Tier::Ordinary), "华东"));
    }

    #[test]
    fn an_unchanged_edit_rewrites_nothing_but_leaves_a_record() {
        let a = archive();
        let old = a.get("c1").unwrap().clone();
        let (batch, _) = edit_card(&a, "c1", &edit_of(&old), None, "h2", &[], &at(20)).unwrap();
        assert_eq!(batch.customers[0], old);
        assert!(batch.history[0].changes.is_empty());
    }

    #[test]
    fn an_edit_refuses_an_unknown_card_or_too_few_ids() {
        let a = archive();
        let old = a.get("c1").unwrap().clone();
        let mut edit = edit_of(&old);
        assert_eq!(edit_card(&a, "nobody", &edit, None, "h2", &[], &at(20)).unwrap_err(), CardError::NoCustomer);
        edit.people.push((None, person("王工", "")));
        edit.people.push((None, person("赵工", "")));
        assert_eq!(edit.new_people(), 2);
        assert_eq!(edit_card(&a, "c1", &edit, None, "h2", &["p2".into()], &at(20)).unwrap_err(), CardError::MissingIds);
    }

    #[test]
    fn former_needs_a_reason_and_current_clears_it() {
        let a = archive();
        assert_eq!(move_to_former(&a, "c1", "  ", "h2", &at(20)).unwrap_err(), CardError::Stage(LifecycleError::ReasonRequired));
        assert_eq!(move_to_former(&a, "nobody", "停产", "h2", &at(20)).unwrap_err(), CardError::NoCustomer);
        let plan = move_to_former(&a, "c1", " 转向竞争对手 ", "h2", &at(20)).unwrap();
        assert_eq!(plan.1, vec![("c1".to_string(), Some(version_of(a.get("c1").unwrap())))]);
        let rec = &plan.0.history[0];
        assert_eq!(rec.action, Action::Stage);
        assert_eq!(rec.changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["former_reason", "stage"]);
        let a = applied(a, plan);
        let c = a.get("c1").unwrap();
        assert_eq!((c.stage, c.former_reason.as_str()), (Stage::Former, "转向竞争对手"));
        let a = { let plan = make_current(&a, "c1", "h3", &at(21)).unwrap(); applied(a, plan) };
        let c = a.get("c1").unwrap();
        assert_eq!((c.stage, c.former_reason.as_str()), (Stage::Current, ""));
    }

    #[test]
    fn delete_then_restore_gives_the_card_back() {
        let a = archive();
        let before = a.get("c1").unwrap().clone();
        let plan = delete_card(&a, "c1", "h2", &at(20)).unwrap();
        assert_eq!(plan.0.history[0].action, Action::Delete);
        let a = applied(a, plan);
        assert!(a.get("c1").unwrap().deleted);
        assert_eq!(delete_card(&a, "c1", "h3", &at(21)).unwrap_err(), CardError::WrongState);
        let plan = restore_card(&a, "c1", "h3", &at(21)).unwrap();
        assert_eq!(plan.0.history[0].action, Action::Restore);
        let a = applied(a, plan);
        let after = a.get("c1").unwrap();
        assert_eq!(*after, Customer { deleted_stamp: Some(at(21)), ..before }, "the same card, its delete taken back");
        assert_eq!(restore_card(&a, "c1", "h4", &at(22)).unwrap_err(), CardError::WrongState);
        assert_eq!(a.history_of("c1").len(), 3);
    }

    #[test]
    fn a_deleted_card_is_read_only_until_restored() {
        let a = archive();
        let edit = CardEdit { body: a.get("c1").unwrap().body.clone(), ..CardEdit::default() };
        let a = { let plan = delete_card(&a, "c1", "h2", &at(20)).unwrap(); applied(a, plan) };
        assert_eq!(edit_card(&a, "c1", &edit, None, "h3", &[], &at(21)).unwrap_err(), CardError::WrongState);
        assert_eq!(move_to_former(&a, "c1", "停业", "h3", &at(21)).unwrap_err(), CardError::WrongState);
        assert_eq!(make_current(&a, "c1", "h3", &at(21)).unwrap_err(), CardError::WrongState);
        let a = { let plan = restore_card(&a, "c1", "h3", &at(21)).unwrap(); applied(a, plan) };
        assert!(edit_card(&a, "c1", &edit, None, "h4", &[], &at(22)).is_ok());
    }

    #[test]
    fn dup_query_on_an_edit_counts_only_what_the_edit_brings() {
        let a = archive();
        let old = a.get("c1").unwrap();
        let people = [person("李经理", "138 0013 8000"), person("王工", "13900139000")];
        // Creating: everything is looked up.
        let q = dup_query(&old.body, &people, None);
        assert_eq!(q, DupQuery { name: "杭州甲公司", phones: vec!["0571-88886666", "138 0013 8000", "13900139000"], tax: "", editing: None });
        // Editing: the name and the phones the card already had are not.
        let q = dup_query(&old.body, &people, Some(old));
        assert_eq!(q, DupQuery { name: "", phones: vec!["13900139000"], tax: "", editing: Some("c1") });
        let renamed = body(&[("name", "杭州乙公司"), ("tax_number", "91350100M000100Y43")]);
        let q = dup_query(&renamed, [], Some(old));
        assert_eq!((q.name, q.tax), ("杭州乙公司", "91350100M000100Y43"));
    }
}
