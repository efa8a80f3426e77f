//! Per-field versions and withheld fields of a customer (see `docs/merge.md`).
//!
//! Every field belongs to a [`Group`] whose stamp older builds compared as a whole: a part of the
//! card (`Customer::parts`), the status (`status_stamp`), the owner group (`owner_stamp`) or one
//! person (`Contact::stamp`). A field's *effective* stamp, what merges compare, is:
//! - in a group with no entry for any of its fields in [`FieldStamps`] (records of older builds,
//!   groups not edited since created): the group stamp;
//! - otherwise its own entry, else the group's base (entry `@<group>`, zero when absent): the
//!   stamp the group had before its first per-field edit, so "as created" costs nothing;
//! - `None` when the field is withheld (not provided): below every stamp.
//!
//! The group stamp stays the newest of its fields' stamps, for the code that reads it. A group
//! stamp newer than all its fields means code unaware of field stamps wrote the group: then all
//! its fields count as written then (the old per-group rule, so that write is never lost).
//! Groups are stored in one canonical way (no entry when all fields share a stamp; else the
//! oldest as base and entries for the others), so equal meaning is an equal record and merges
//! are exactly commutative, associative and idempotent.

use super::card::{card_to_raw, CardBody, Kind};
use super::contact::{contact_to_raw, Contact, ContactFields};
use super::enterprise::{EnterpriseBasic, EnterpriseBusiness, EnterpriseTrading, EnterpriseTraits};
use super::individual::{IndividualBasic, IndividualBusiness, IndividualTrading, IndividualTraits};
use super::Customer;
use crate::forms::schema::{Form, Part};
use crate::primitives::clock::{Hlc, Stamp};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Keys of the status fields ("stage" is the stage with its 停止交易原因: they move together).
pub const STATUS_KEYS: &[&str] =
    &["stage", "tags", "tier", "region", "prospect", "man", "sales_grade", "watch", "area", "route_seq", "reviewed"];
/// Keys of the owner group.
pub const OWNER_KEYS: &[&str] = &["owner", "collaborators"];
/// A person's tombstone, versioned like a field of the person (never withheld).
pub const CONTACT_DELETED: &str = "deleted";

/// Stamp of each field's last change, by field key (plus group bases, `@<group>`). Only fields
/// changed after creation have one.
///
/// JSON: devices once, sorted, and stamps as `[ms, n, device index]`:
/// `{"d":["dev-a","dev-b"],"s":{"@trading":[1700000000000,0,0],"payment":[1700000050000,0,1]}}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Wire", into = "Wire")]
pub struct FieldStamps(BTreeMap<String, Stamp>);

impl FieldStamps {
    pub fn get(&self, key: &str) -> Option<&Stamp> {
        self.0.get(key)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Stamp)> {
        self.0.iter().map(|(k, s)| (k.as_str(), s))
    }
}

#[derive(Serialize, Deserialize)]
struct Wire {
    d: Vec<String>,
    s: BTreeMap<String, (u64, u32, usize)>,
}

impl From<FieldStamps> for Wire {
    fn from(fs: FieldStamps) -> Wire {
        let d: Vec<String> = fs.0.values().map(|s| s.dev.clone()).collect::<BTreeSet<_>>().into_iter().collect();
        let s = fs
            .0
            .into_iter()
            .map(|(k, st)| {
                let i = d.binary_search(&st.dev).unwrap_or_default();
                (k, (st.at.ms, st.at.n, i))
            })
            .collect();
        Wire { d, s }
    }
}

impl TryFrom<Wire> for FieldStamps {
    type Error = String;

    fn try_from(w: Wire) -> Result<FieldStamps, String> {
        w.s.into_iter()
            .map(|(k, (ms, n, i))| match w.d.get(i) {
                Some(dev) => Ok((k, Stamp::new(Hlc { ms, n }, dev))),
                None => Err(format!("field stamp of {k}: no device {i}")),
            })
            .collect::<Result<_, _>>()
            .map(FieldStamps)
    }
}

/// Fields that older builds versioned together under one stamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Group {
    Part(Part),
    Status,
    Owner,
    /// One person's fields and tombstone.
    Contact,
}

impl Group {
    pub(crate) const CUSTOMER: [Group; 6] = [
        Group::Part(Part::Basic),
        Group::Part(Part::Traits),
        Group::Part(Part::Business),
        Group::Part(Part::Trading),
        Group::Status,
        Group::Owner,
    ];

    fn base_key(self) -> &'static str {
        match self {
            Group::Part(Part::Basic) => "@basic",
            Group::Part(Part::Traits) => "@traits",
            Group::Part(Part::Business) => "@business",
            Group::Part(Part::Trading) => "@trading",
            Group::Status => "@status",
            Group::Owner => "@owner",
            Group::Contact => "@",
        }
    }

    /// The group's field keys (a part's depend on the card's kind).
    pub(crate) fn keys(self, kind: Kind) -> Vec<&'static str> {
        match self {
            Group::Part(p) => kind.form().fields().iter().filter(|f| f.part == p).map(|f| f.key).collect(),
            Group::Status => STATUS_KEYS.to_vec(),
            Group::Owner => OWNER_KEYS.to_vec(),
            Group::Contact => Form::Contact.fields().iter().map(|f| f.key).chain([CONTACT_DELETED]).collect(),
        }
    }

    /// The group of a customer-level key (card, status or owner), for the card's kind.
    pub(crate) fn of(key: &str, kind: Kind) -> Option<Group> {
        if STATUS_KEYS.contains(&key) {
            Some(Group::Status)
        } else if OWNER_KEYS.contains(&key) {
            Some(Group::Owner)
        } else {
            kind.form().field(key).map(|f| Group::Part(f.part))
        }
    }

    fn is_card(key: &str) -> bool {
        !STATUS_KEYS.contains(&key) && !OWNER_KEYS.contains(&key) && key != "@status" && key != "@owner"
    }
}

/// Effective stamps of `keys` (see the module docs); `None`: withheld.
fn effective(fs: &FieldStamps, withheld: &BTreeSet<String>, stamp: &Stamp, keys: &[&str], base: &str) -> Vec<Option<Stamp>> {
    effective_settled(fs, withheld, stamp, keys, base).0
}

/// As [`effective`], and whether the group is as [`store`] left it (its stamp is its newest
/// field's), so storing it again would change nothing.
fn effective_settled(
    fs: &FieldStamps,
    withheld: &BTreeSet<String>,
    stamp: &Stamp,
    keys: &[&str],
    base: &str,
) -> (Vec<Option<Stamp>>, bool) {
    let tracked = keys.iter().any(|k| fs.0.contains_key(*k));
    let zero = Stamp::default();
    let fallback = if tracked { fs.0.get(base).unwrap_or(&zero) } else { stamp };
    let mut e: Vec<Option<Stamp>> = keys
        .iter()
        .map(|k| (!withheld.contains(*k)).then(|| fs.0.get(*k).filter(|_| tracked).unwrap_or(fallback).clone()))
        .collect();
    let top = e.iter().flatten().max();
    let settled = top.unwrap_or(&zero) == stamp;
    // Written by code that only knew the group stamp: the group's fields all count as written then.
    if tracked && top.is_some_and(|top| stamp > top) {
        e.iter_mut().flatten().for_each(|s| *s = stamp.clone());
    }
    (e, settled)
}

/// Stores effective stamps canonically; returns the group stamp (the newest of them).
fn store(fs: &mut FieldStamps, withheld: &mut BTreeSet<String>, keys: &[&str], base: &str, e: &[Option<Stamp>]) -> Stamp {
    // The emptiness checks skip string lookups in the common case of no stamps, no withheld.
    if !fs.0.is_empty() {
        fs.0.remove(base);
        for k in keys {
            fs.0.remove(*k);
        }
    }
    for (k, s) in keys.iter().zip(e) {
        if s.is_none() {
            withheld.insert(k.to_string());
        } else if !withheld.is_empty() {
            withheld.remove(*k);
        }
    }
    let (Some(low), Some(high)) = (e.iter().flatten().min(), e.iter().flatten().max()) else {
        return Stamp::default();
    };
    if low != high {
        if *low != Stamp::default() {
            fs.0.insert(base.to_string(), low.clone());
        }
        for (k, s) in keys.iter().zip(e) {
            if let Some(s) = s.as_ref().filter(|s| *s != low) {
                fs.0.insert(k.to_string(), s.clone());
            }
        }
    }
    high.clone()
}

impl Customer {
    pub(crate) fn group_stamp(&self, g: Group) -> &Stamp {
        match g {
            Group::Part(p) => self.parts.get(p),
            Group::Status => &self.status_stamp,
            Group::Owner => &self.owner_stamp,
            // Not a group of the customer: a person's stamps are on the person.
            Group::Contact => &self.created,
        }
    }

    pub(crate) fn effective(&self, g: Group, keys: &[&str]) -> Vec<Option<Stamp>> {
        effective(&self.field_stamps, &self.withheld, self.group_stamp(g), keys, g.base_key())
    }

    /// [`Customer::effective`], and whether the group is stored as [`store`] would store it.
    pub(crate) fn effective_settled(&self, g: Group, keys: &[&str]) -> (Vec<Option<Stamp>>, bool) {
        effective_settled(&self.field_stamps, &self.withheld, self.group_stamp(g), keys, g.base_key())
    }

    /// Whether the group's fields all have its stamp and none is withheld (as in every record
    /// of older builds): then merges compare the group stamp alone, as they did (the same
    /// result as field by field, without the cost).
    pub(crate) fn whole(&self, keys: &[&str]) -> bool {
        let any = |set: &dyn Fn(&str) -> bool| keys.iter().any(|k| set(k));
        (self.field_stamps.is_empty() || !any(&|k| self.field_stamps.0.contains_key(k)))
            && (self.withheld.is_empty() || !any(&|k| self.withheld.contains(k)))
    }

    /// Stores a group's effective stamps and sets its group stamp.
    pub(crate) fn store(&mut self, g: Group, keys: &[&str], e: &[Option<Stamp>]) {
        let top = store(&mut self.field_stamps, &mut self.withheld, keys, g.base_key(), e);
        self.set_group_stamp(g, top);
    }

    pub(crate) fn set_group_stamp(&mut self, g: Group, top: Stamp) {
        match g {
            Group::Part(p) => self.parts.set(p, top),
            Group::Status => self.status_stamp = top,
            Group::Owner => self.owner_stamp = top,
            Group::Contact => {}
        }
    }

    /// Stamps `changed` fields (all of one group) at `stamp`: they are provided again.
    pub(crate) fn stamp_fields(&mut self, g: Group, changed: &[&str], stamp: &Stamp) {
        if changed.is_empty() {
            return;
        }
        let keys = g.keys(self.kind());
        let mut e = self.effective(g, &keys);
        for (k, s) in keys.iter().zip(&mut e) {
            if changed.contains(k) {
                *s = Some(stamp.clone());
            }
        }
        self.store(g, &keys, &e);
    }

    /// Effective stamp of a card, status or owner field (`None`: withheld or no such field).
    pub fn field_stamp(&self, key: &str) -> Option<Stamp> {
        let g = Group::of(key, self.kind())?;
        let keys = g.keys(self.kind());
        let i = keys.iter().position(|k| *k == key)?;
        self.effective(g, &keys).swap_remove(i)
    }

    /// After a kind change: the card's field stamps and withheld fields go with the old card.
    pub(crate) fn clear_card_fields(&mut self) {
        self.field_stamps.0.retain(|k, _| !Group::is_card(k));
        self.withheld.retain(|k| !Group::is_card(k));
    }

    /// Takes the card's field stamps and withheld fields of `other` (with its whole card).
    pub(crate) fn take_card_fields(&mut self, other: &Customer) {
        self.clear_card_fields();
        let theirs = other.field_stamps.0.iter().filter(|(k, _)| Group::is_card(k));
        self.field_stamps.0.extend(theirs.map(|(k, s)| (k.clone(), s.clone())));
        self.withheld.extend(other.withheld.iter().filter(|k| Group::is_card(k)).cloned());
    }

    /// Sets the values of `keys` (all of group `g`) to those of `from` (blank for `None`).
    pub(crate) fn copy_values(&mut self, from: Option<&Customer>, g: Group, keys: &[&str]) {
        if keys.is_empty() {
            return;
        }
        let blank = Customer::default();
        let src = from.unwrap_or(&blank);
        match g {
            Group::Part(p) => {
                let (kind, all) = (self.kind(), keys.len() == g.keys(self.kind()).len());
                match from {
                    Some(from) => copy_card(&mut self.body, &from.body, p, keys, all),
                    None => copy_card(&mut self.body, &blank_card(kind), p, keys, all),
                }
            }
            Group::Status | Group::Owner => {
                for key in keys {
                    match *key {
                        "stage" => {
                            self.stage = src.stage;
                            self.former_reason = src.former_reason.clone();
                        }
                        "tags" => self.tags = src.tags.clone(),
                        "tier" => self.tier = src.tier,
                        "region" => self.region = src.region.clone(),
                        "prospect" => self.grades.prospect = src.grades.prospect,
                        "man" => self.grades.man = src.grades.man,
                        "sales_grade" => self.grades.sales = src.grades.sales,
                        "watch" => self.grades.watch = src.grades.watch.clone(),
                        "area" => self.grades.area = src.grades.area.clone(),
                        "route_seq" => self.grades.route_seq = src.grades.route_seq,
                        "reviewed" => self.grades.reviewed = src.grades.reviewed,
                        "owner" => self.owner = src.owner.clone(),
                        "collaborators" => self.collaborators = src.collaborators.clone(),
                        _ => {}
                    }
                }
            }
            Group::Contact => {}
        }
    }

    /// Values as flat text ([`crate::forms::FieldValue::flat`]) of every field of group `g`.
    pub(crate) fn flat_values(&self, g: Group, keys: &[&str], card: &crate::forms::RawForm) -> Vec<String> {
        let flat = |k: &str, raw: &crate::forms::RawForm| raw.get(k).map(|v| v.flat()).unwrap_or_default();
        match g {
            Group::Part(_) => keys.iter().map(|k| flat(k, card)).collect(),
            Group::Status | Group::Owner => {
                let status = self.status_raw();
                keys.iter()
                    .map(|k| match *k {
                        "stage" if !self.former_reason.is_empty() => format!("{}: {}", self.stage.code(), self.former_reason),
                        "owner" => self.owner.clone(),
                        "collaborators" => self.collaborators.iter().cloned().collect::<Vec<_>>().join(","),
                        k => flat(k, &status),
                    })
                    .collect()
            }
            Group::Contact => Vec::new(),
        }
    }

    /// The card's values as a form (for [`Customer::flat_values`]).
    pub(crate) fn card_raw(&self) -> crate::forms::RawForm {
        card_to_raw(&self.body)
    }
}

impl Contact {
    /// As [`Customer::whole`], for the person.
    pub(crate) fn whole(&self) -> bool {
        self.field_stamps.is_empty() && self.withheld.is_empty()
    }

    pub(crate) fn effective(&self, keys: &[&str]) -> Vec<Option<Stamp>> {
        effective(&self.field_stamps, &self.withheld, &self.stamp, keys, Group::Contact.base_key())
    }

    pub(crate) fn store(&mut self, keys: &[&str], e: &[Option<Stamp>]) {
        self.stamp = store(&mut self.field_stamps, &mut self.withheld, keys, Group::Contact.base_key(), e);
    }

    /// Stamps `changed` fields of the person at `stamp`.
    pub(crate) fn stamp_fields(&mut self, changed: &[&str], stamp: &Stamp) {
        if changed.is_empty() {
            return;
        }
        let keys = Group::Contact.keys(Kind::Enterprise);
        let mut e = self.effective(&keys);
        for (k, s) in keys.iter().zip(&mut e) {
            if changed.contains(k) {
                *s = Some(stamp.clone());
            }
        }
        self.store(&keys, &e);
    }

    /// Effective stamp of a field of the person's form or of its tombstone (`None`: withheld).
    pub fn field_stamp(&self, key: &str) -> Option<Stamp> {
        let keys = Group::Contact.keys(Kind::Enterprise);
        let i = keys.iter().position(|k| *k == key)?;
        self.effective(&keys).swap_remove(i)
    }

    /// Sets the values of `keys` to those of `from` (blank for `None`).
    pub(crate) fn copy_values(&mut self, from: Option<&Contact>, keys: &[&str]) {
        if keys.is_empty() {
            return;
        }
        if keys.contains(&CONTACT_DELETED) {
            self.deleted = from.is_some_and(|c| c.deleted);
        }
        let blank = ContactFields::default();
        let keys: Vec<&str> = keys.iter().copied().filter(|k| *k != CONTACT_DELETED).collect();
        copy_keys(&mut self.info, from.map_or(&blank, |c| &c.info), &keys);
    }

    /// The person's form values as flat text, by key.
    pub(crate) fn flat_values(&self, keys: &[&str]) -> Vec<String> {
        let raw = contact_to_raw(&self.info);
        keys.iter().map(|k| raw.get(*k).map(|v| v.flat()).unwrap_or_default()).collect()
    }
}

fn blank_card(kind: Kind) -> CardBody {
    match kind {
        Kind::Individual => CardBody::Individual(Default::default()),
        Kind::Enterprise => CardBody::Enterprise(Default::default()),
    }
}

/// Copies fields of one part of a card, by form key, from a card of the same kind; `all`: every
/// field of the part (then it is cloned whole).
fn copy_card(into: &mut CardBody, from: &CardBody, part: Part, keys: &[&str], all: bool) {
    fn copy<T: Clone + ByKey>(into: &mut T, from: &T, keys: &[&str], all: bool) {
        if all {
            into.clone_from(from);
        } else {
            copy_keys(into, from, keys);
        }
    }
    match (into, from) {
        (CardBody::Individual(a), CardBody::Individual(b)) => match part {
            Part::Basic => copy(&mut a.basic, &b.basic, keys, all),
            Part::Traits => copy(&mut a.traits, &b.traits, keys, all),
            Part::Business => copy(&mut a.business, &b.business, keys, all),
            Part::Trading => copy(&mut a.trading, &b.trading, keys, all),
        },
        (CardBody::Enterprise(a), CardBody::Enterprise(b)) => match part {
            Part::Basic => copy(&mut a.basic, &b.basic, keys, all),
            Part::Traits => copy(&mut a.traits, &b.traits, keys, all),
            Part::Business => copy(&mut a.business, &b.business, keys, all),
            Part::Trading => copy(&mut a.trading, &b.trading, keys, all),
        },
        _ => debug_assert!(false, "fields are copied between cards of one kind"),
    }
}

fn copy_keys<T: ByKey>(into: &mut T, from: &T, keys: &[&str]) {
    for key in keys {
        let known = into.copy_key(from, key);
        debug_assert!(known, "{key} is a field");
    }
}

/// A record's fields by form key (the field's name: a test below checks every form key).
/// Typed, so a value moves exactly, whatever checks the form would apply to it today.
trait ByKey {
    /// Sets field `key` to `from`'s value; false if there is no such field.
    fn copy_key(&mut self, from: &Self, key: &str) -> bool;
}

macro_rules! by_key {
    ($($t:ty: $($f:ident)*;)*) => {$(
        impl ByKey for $t {
            fn copy_key(&mut self, from: &Self, key: &str) -> bool {
                match key {
                    $(stringify!($f) => self.$f.clone_from(&from.$f),)*
                    _ => return false,
                }
                true
            }
        }
    )*};
}

by_key! {
    EnterpriseBasic: name address phone fax postcode website email nature category industry legal_rep reg_number
        tax_number bank_account registered_capital working_capital opened first_trade;
    EnterpriseTraits: business_area warehouse_area employees storefront vehicles transport coverage scope potential
        philosophy style;
    EnterpriseBusiness: turnover products developed developer management competitors cooperation;
    EnterpriseTrading: payment credit_days terms credit credit_issues activity problems strengths plans reputation;
    IndividualBasic: name nickname gender title company address office_phone home_phone mobile email birth_date
        birthplace native_place ethnicity id_number;
    IndividualTraits: education school major graduated marital spouse anniversary children hobbies clubs sports books
        dining habits topics health taboo;
    IndividualBusiness: prev_jobs title_since associations goals relation;
    IndividualTrading: purchases payment first_trade credit_days notes;
    ContactFields: name gender position roles influence mobile office_phone email address birth_date ethnicity
        marital dates hobbies receives_mail receives_sms notes;
}

/// A copy of `c` for a redacted hand-off: each field that `provided` refuses (card, status and
/// owner fields by key, e.g. "name", "tier", "owner"; a person's as "contact.<key>", e.g.
/// "contact.mobile") is blanked, loses its stamp and is listed as withheld, so a merge takes it
/// from any copy that has it and never erases it. Withholding "owner" also drops the owner
/// history, which names the owners; merges take it back from the full copies.
pub fn redact(c: &Customer, provided: &dyn Fn(&str) -> bool) -> Customer {
    let mut out = c.clone();
    for g in Group::CUSTOMER {
        let keys = g.keys(c.kind());
        let mut e = out.effective(g, &keys);
        let gone: Vec<&str> = keys.iter().copied().filter(|k| !provided(k)).collect();
        for (k, s) in keys.iter().zip(&mut e) {
            if gone.contains(k) {
                *s = None;
            }
        }
        out.copy_values(None, g, &gone);
        out.store(g, &keys, &e);
    }
    if out.withheld.contains("owner") {
        out.owner_history.clear();
    }
    let keys = Group::Contact.keys(Kind::Enterprise);
    for p in &mut out.contacts {
        let mut e = p.effective(&keys);
        let gone: Vec<&str> =
            keys.iter().copied().filter(|k| *k != CONTACT_DELETED && !provided(&format!("contact.{k}"))).collect();
        for (k, s) in keys.iter().zip(&mut e) {
            if gone.contains(k) {
                *s = None;
            }
        }
        p.copy_values(None, &gone);
        p.store(&keys, &e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::card::validate_card;
    use crate::customer::contact::validate_contact;
    use crate::forms::schema::Input;
    use crate::forms::{flat_values, RawForm};
    use chrono::NaiveDate;

    fn st(ms: u64, dev: &str) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, dev)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
    }

    /// A value the form accepts for field `key` of `form` (tried from a list of samples).
    fn valid_value(form: Form, key: &str, ok: impl Fn(&RawForm) -> bool) -> String {
        let def = form.field(key).unwrap();
        let mut tries: Vec<String> = match def.input {
            Input::Choice(c) | Input::Multi(c) => vec![c[0].code.to_string()],
            Input::Bool => vec!["true".into()],
            Input::Rows(_) => vec![r#"[["2020-01-01","50"]]"#.into(), r#"[["甲","8"]]"#.into()],
            _ => vec![],
        };
        tries.extend(
            ["x", "12", "2020-01-01", "13800138000", "010-12345678", "a@b.cn", "www.example.cn", "518000", "91350100M000100Y43", "11010519491231002X"]
                .map(String::from),
        );
        tries
            .into_iter()
            .find(|v| ok(&flat_values([("name", "甲"), (key, v.as_str())])))
            .unwrap_or_else(|| panic!("no valid sample for {key}"))
    }

    #[test]
    fn every_form_key_names_a_field_of_the_card_or_person() {
        for kind in [Kind::Individual, Kind::Enterprise] {
            let read = |raw: &RawForm| validate_card(kind, raw, today()).ok();
            for def in kind.form().fields() {
                let v = valid_value(kind.form(), def.key, |r| read(r).is_some_and(|b| card_to_raw(&b).contains_key(def.key)));
                let body = read(&flat_values([("name", "甲"), (def.key, v.as_str())])).unwrap();
                // Copied into a blank card, the field (and only it, with the name) comes along.
                let mut copy = blank_card(kind);
                copy_card(&mut copy, &body, def.part, &[def.key], false);
                copy_card(&mut copy, &body, Part::Basic, &["name"], false);
                assert_eq!(copy, body, "{kind:?} {}", def.key);
                copy_card(&mut copy, &blank_card(kind), def.part, &[def.key], false);
                assert!(!card_to_raw(&copy).contains_key(def.key), "{} blanked", def.key);
            }
        }
        for def in Form::Contact.fields() {
            let read = |raw: &RawForm| validate_contact(raw, today()).ok();
            let v = valid_value(Form::Contact, def.key, |r| read(r).is_some_and(|c| contact_to_raw(&c).contains_key(def.key)));
            let info = read(&flat_values([("name", "甲"), (def.key, v.as_str())])).unwrap();
            let mut copy = ContactFields::default();
            copy_keys(&mut copy, &info, &[def.key, "name"]);
            assert_eq!(copy, info, "contact {}", def.key);
        }
    }

    #[test]
    fn customer_keys_name_one_field_each() {
        for kind in [Kind::Individual, Kind::Enterprise] {
            let all: Vec<&str> = Group::CUSTOMER.iter().flat_map(|g| g.keys(kind)).collect();
            let unique: BTreeSet<&str> = all.iter().copied().collect();
            assert_eq!(all.len(), unique.len(), "{kind:?}: a key in two groups");
            assert!(all.iter().all(|k| !k.starts_with('@')));
        }
    }

    #[test]
    fn wire_form_interns_devices() {
        let fs = FieldStamps(
            [("payment".to_string(), st(7, "dev-b")), ("@trading".into(), st(5, "dev-a")), ("terms".into(), st(9, "dev-b"))]
                .into(),
        );
        let json = serde_json::to_string(&fs).unwrap();
        assert_eq!(json, r#"{"d":["dev-a","dev-b"],"s":{"@trading":[5,0,0],"payment":[7,0,1],"terms":[9,0,1]}}"#);
        assert_eq!(serde_json::from_str::<FieldStamps>(&json).unwrap(), fs);
        assert!(serde_json::from_str::<FieldStamps>(r#"{"d":[],"s":{"x":[1,0,0]}}"#).is_err());
    }

    #[test]
    fn redacted_fields_are_blank_withheld_and_never_erase() {
        use crate::customer::contact::Contact;
        use crate::customer::merge::merge_customer;
        use crate::customer::owner::{change_owner, set_collaborators};
        let raw = flat_values([("name", "甲"), ("tax_number", "91350100M000100Y43"), ("payment", "月结"), ("terms", "x")]);
        let mut c = Customer::new("c".into(), "r".into(), validate_card(Kind::Enterprise, &raw, today()).unwrap(), st(1, "o"));
        change_owner(&mut c, "rep-a", "m", "", st(2, "o")).unwrap();
        set_collaborators(&mut c, ["rep-b".to_string()].into(), st(3, "o"));
        crate::customer::lifecycle::set_region(&mut c, "华东", st(3, "o"));
        let info = ContactFields { name: "张".into(), mobile: "13800138000".into(), ..Default::default() };
        c.upsert_contact(Contact::new("p".into(), info, st(4, "o")));
        let hidden = ["tax_number", "payment", "owner", "region", "contact.mobile"];
        let r = redact(&c, &|k| !hidden.contains(&k));
        assert_eq!(r.body.tax_number(), "");
        assert!(!card_to_raw(&r.body).contains_key("payment"));
        assert_eq!(card_to_raw(&r.body).get("terms"), card_to_raw(&c.body).get("terms"));
        assert_eq!((r.owner.as_str(), r.region.as_str()), ("", ""));
        assert!(r.owner_history.is_empty(), "the history names the owner");
        assert_eq!(r.collaborators, c.collaborators);
        assert_eq!(r.withheld, ["owner", "payment", "region", "tax_number"].map(String::from).into());
        assert_eq!((r.field_stamp("payment"), r.field_stamp("terms")), (None, c.field_stamp("terms")));
        let p = r.contact("p").unwrap();
        assert_eq!((p.info.name.as_str(), p.info.mobile.as_str()), ("张", ""));
        assert_eq!(p.withheld, BTreeSet::from(["mobile".to_string()]));
        assert!(serde_json::to_string(&r).unwrap().contains(r#""wh":["owner","payment","region","tax_number"]"#));
        // Merged either way, the full copy's values come back, even against newer stamps.
        let full = merge_customer(&c, &r);
        assert_eq!(full, merge_customer(&r, &c));
        assert_eq!(full, c);
        let mut newer = r.clone();
        crate::customer::lifecycle::set_tier(&mut newer, Some(crate::primitives::codes::Tier::Key), st(9, "x"));
        let m = merge_customer(&c, &newer);
        assert_eq!((m.body.tax_number(), m.owner.as_str(), m.region.as_str()), ("91350100M000100Y43", "rep-a", "华东"));
        assert_eq!(m.contact("p").unwrap().info.mobile, "13800138000");
        assert!(m.withheld.is_empty() && m.contact("p").unwrap().withheld.is_empty());
        // Two redacted copies: withheld only where both withhold.
        let r2 = redact(&c, &|k| k != "payment" && k != "terms");
        let both = merge_customer(&r, &r2);
        assert_eq!(both.withheld, BTreeSet::from(["payment".to_string()]));
        assert_eq!(card_to_raw(&both.body).get("terms"), card_to_raw(&c.body).get("terms"));
        // Set again on the redacted copy, a field is provided again.
        let mut again = r.clone();
        crate::customer::lifecycle::set_region(&mut again, "", st(10, "x"));
        assert!(!again.withheld.contains("region"));
        assert_eq!(merge_customer(&c, &again).region, "");
    }

    #[test]
    fn stored_canonically() {
        let keys = ["a", "b", "c"];
        let (mut fs, mut wh) = (FieldStamps::default(), BTreeSet::new());
        // All alike: no entry, the group stamp says it.
        let all = [Some(st(3, "d")), Some(st(3, "d")), Some(st(3, "d"))];
        assert_eq!(store(&mut fs, &mut wh, &keys, "@g", &all), st(3, "d"));
        assert!(fs.is_empty());
        assert_eq!(effective(&fs, &wh, &st(3, "d"), &keys, "@g"), all);
        // One newer: the oldest is the base.
        let one = [Some(st(3, "d")), Some(st(8, "e")), None];
        let top = store(&mut fs, &mut wh, &keys, "@g", &one);
        assert_eq!(top, st(8, "e"));
        assert_eq!(fs.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["@g", "b"]);
        assert_eq!(wh, BTreeSet::from(["c".to_string()]));
        assert_eq!(effective(&fs, &wh, &top, &keys, "@g"), one);
        // A group stamp past every field: a write that knew only the group stamp.
        assert_eq!(effective(&fs, &wh, &st(9, "x"), &keys, "@g"), [Some(st(9, "x")), Some(st(9, "x")), None]);
    }
}
