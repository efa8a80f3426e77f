//! The customer: one archive record with its card, its people, who owns it, where it is in its
//! lifecycle and what changed. Above the forms (a card is read from and written to its form),
//! below the ledger (a customer's file belongs to a customer).
//!
//! - [`Customer`] (this file): the record, with the merge stamps of each part.
//! - [`card`]: the card (客户资料卡) of either kind, [`individual`] or [`enterprise`];
//!   [`contact`]: the people at an enterprise (人员).
//! - [`lifecycle`]: potential → current → former, tags, tier, region, delete and restore.
//! - [`owner`]: reps (业务员), the owner and collaborators of a card, the owner history.
//! - [`history`]: what each save changed; [`numbering`]: registration numbers (登记编号).
//! - [`merge`]: two copies of one customer from different devices become one, field by field;
//!   [`fields`]: the stamp of each field's last change, and fields withheld from a hand-off.

pub mod card;
pub mod contact;
pub mod enterprise;
pub mod fields;
pub mod history;
pub mod individual;
pub mod lifecycle;
pub mod merge;
pub mod numbering;
pub mod owner;

pub use fields::redact;

use crate::forms::schema::{Part, RawForm};
use crate::primitives::clock::Stamp;
use crate::primitives::codes::{Stage, Tag, Tier};
use crate::primitives::grades::CardGrades;
use card::{card_to_raw, CardBody, Kind};
use contact::Contact;
use fields::{FieldStamps, Group, CONTACT_DELETED};
use history::{diff_raw, Change};
use owner::OwnerChange;
use std::collections::BTreeSet;

/// Credit period (信用期间) when the customer has none set.
pub const DEFAULT_CREDIT_DAYS: u32 = 30;

/// A credit period beyond a year is a typing error, not terms.
pub(crate) const MAX_CREDIT_DAYS: u32 = 365;

record! {
    /// Last write of each part of the card (the newest of its fields' stamps, see
    /// [`fields`]). A default (zero) stamp means "as created": creation precedes every edit on
    /// every device, and the JSON stays small.
    pub struct PartStamps {
        pub basic: Stamp,
        pub traits: Stamp,
        pub business: Stamp,
        pub trading: Stamp,
    }
}

impl PartStamps {
    pub fn all(stamp: &Stamp) -> PartStamps {
        PartStamps { basic: stamp.clone(), traits: stamp.clone(), business: stamp.clone(), trading: stamp.clone() }
    }

    pub fn get(&self, part: Part) -> &Stamp {
        match part {
            Part::Basic => &self.basic,
            Part::Traits => &self.traits,
            Part::Business => &self.business,
            Part::Trading => &self.trading,
        }
    }

    pub fn set(&mut self, part: Part, stamp: Stamp) {
        match part {
            Part::Basic => self.basic = stamp,
            Part::Traits => self.traits = stamp,
            Part::Business => self.business = stamp,
            Part::Trading => self.trading = stamp,
        }
    }
}

record! {
    pub struct Customer {
        pub id: String,
        /// 登记编号 `KH-YYYY-NNNNNN`.
        pub reg_no: String,
        pub created: Stamp,
        pub body: CardBody,
        /// Last write of the body as a whole.
        pub body_stamp: Stamp,
        /// Last change of kind (zero: as created). A kind change rewrites the whole card, so a
        /// merge takes the copy with the later one whole, and merges parts only between copies
        /// of the same kind change: that keeps merges associative.
        pub kind_stamp: Stamp,
        pub parts: PartStamps,
        pub stage: Stage,
        /// 停止交易原因, set when the customer became former.
        pub former_reason: String,
        pub tags: BTreeSet<Tag>,
        pub tier: Option<Tier>,
        /// Sales region (华东, 华北…).
        pub region: String,
        /// 准客户等级, MAN, 销售等级, 另作观察, route place, last review (status fields too).
        #[serde(rename = "gr")]
        pub grades: CardGrades,
        /// Last write of stage/reason/tags/tier/region/grades (zero: as created).
        pub status_stamp: Stamp,
        /// 负责人: id of the [`owner::Rep`] in charge, empty for none. Changed through
        /// [`owner::change_owner`], which records it in `owner_history`.
        pub owner: String,
        /// 协作人: ids of reps who also work the customer.
        pub collaborators: BTreeSet<String>,
        /// Last write of owner/collaborators (zero: as created).
        pub owner_stamp: Stamp,
        /// 负责人记录: every owner change, by stamp. Merged as a union, so no device loses one.
        pub owner_history: Vec<OwnerChange>,
        pub contacts: Vec<Contact>,
        /// Tombstone: records are never hard-deleted, so deletes merge like edits. A merge
        /// keeps a deletion only if it is newer than every edit ([`merge::merge_customer`]).
        pub deleted: bool,
        /// Last delete or restore (or 合并), kept when a later edit outlives the deletion.
        pub deleted_stamp: Option<Stamp>,
        /// Set on the tombstone of a card merged into another (合并): the survivor's id.
        pub merged_into: String,
        /// `deleted_stamp` is a deletion that an edit made after it outlives: the record is
        /// alive (`deleted` false), and merges still know the deletion (a merge that loses that
        /// edit to a change of kind elsewhere deletes the record again, in every merge order).
        pub revived: bool,
        /// Stamp of each card, status and owner field changed since created ([`fields`]).
        #[serde(rename = "fs")]
        pub field_stamps: FieldStamps,
        /// Fields not provided in this copy (a redacted hand-off, [`fields::redact`]): blank
        /// here, and taken from any copy that has them when merged.
        #[serde(rename = "wh")]
        pub withheld: BTreeSet<String>,
    }
}

impl Customer {
    pub fn new(id: String, reg_no: String, body: CardBody, stamp: Stamp) -> Customer {
        Customer {
            id,
            reg_no,
            created: stamp.clone(),
            body,
            body_stamp: stamp,
            ..Customer::default()
        }
    }

    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    /// Latest write of anything in the record (for "last modified" displays and sorting).
    pub fn modified(&self) -> &Stamp {
        let owners = self.owner_history.iter().map(|h| &h.at);
        [&self.created, &self.body_stamp, self.edited()]
            .into_iter()
            .chain(owners)
            .chain(self.deleted_stamp.as_ref())
            .max()
            .unwrap_or(&self.created)
    }

    /// Latest edit of a field the record holds: of the card, status, owner or a person (each
    /// group's stamp is its newest field's, [`fields`]; a withheld field has none). Zero when
    /// nothing was edited since created. A deletion newer than this stands in a merge.
    pub fn edited(&self) -> &Stamp {
        let parts = Part::ALL.iter().map(|p| self.parts.get(*p));
        let contacts = self.contacts.iter().map(|c| &c.stamp);
        [&self.status_stamp, &self.owner_stamp].into_iter().chain(parts).chain(contacts).max().unwrap_or(&self.status_stamp)
    }

    /// 账期: days from delivery to due date, as set on the card or the default.
    pub fn credit_days(&self) -> u32 {
        self.body.credit_days().unwrap_or(DEFAULT_CREDIT_DAYS)
    }

    pub fn display_name(&self) -> &str {
        self.body.name()
    }

    /// Card phones plus those of people not deleted.
    pub fn all_phones(&self) -> Vec<&str> {
        let mut v = self.body.phones();
        for c in self.live_contacts() {
            v.extend(c.phones());
        }
        v
    }

    pub fn live_contacts(&self) -> impl Iterator<Item = &Contact> {
        self.contacts.iter().filter(|c| !c.deleted)
    }

    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// Saves an edited card: stamps only the fields that changed and returns the changes for
    /// the history. A change of kind rewrites the whole card: every part is stamped, as one write.
    pub fn set_body(&mut self, body: CardBody, stamp: Stamp) -> Vec<Change> {
        let changes = diff_raw(&card_to_raw(&self.body), &card_to_raw(&body));
        if changes.is_empty() {
            return changes;
        }
        if body.kind() != self.body.kind() {
            self.parts = PartStamps::all(&stamp);
            self.kind_stamp = stamp.clone();
            self.clear_card_fields();
        } else {
            let kind = body.kind();
            for part in Part::ALL {
                let changed: Vec<&str> = changes
                    .iter()
                    .filter(|c| kind.form().field(&c.field).is_some_and(|f| f.part == *part))
                    .map(|c| c.field.as_str())
                    .collect();
                self.stamp_fields(Group::Part(*part), &changed, &stamp);
            }
        }
        self.body = body;
        self.body_stamp = stamp;
        changes
    }

    /// Adds a person, or saves an edited one (its `info` and `deleted`; only the fields that
    /// changed are stamped, at `contact.stamp`); returns what changed.
    pub fn upsert_contact(&mut self, contact: Contact) -> Vec<Change> {
        let prefix = format!("contact.{}.", contact.id);
        let new_raw = contact::contact_to_raw(&contact.info);
        let old_raw = self.contact(&contact.id).map(|c| contact::contact_to_raw(&c.info)).unwrap_or_default();
        let changes: Vec<Change> = diff_raw(&old_raw, &new_raw);
        match self.contacts.iter_mut().find(|c| c.id == contact.id) {
            Some(slot) => {
                let mut changed: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
                if slot.deleted != contact.deleted {
                    changed.push(CONTACT_DELETED);
                }
                if !changed.is_empty() {
                    slot.stamp_fields(&changed, &contact.stamp);
                    slot.info = contact.info;
                    slot.deleted = contact.deleted;
                }
            }
            None => self.contacts.push(contact),
        }
        changes.into_iter().map(|c| Change { field: format!("{prefix}{}", c.field), ..c }).collect()
    }

    /// Tombstones a person; false if there is no such person.
    pub fn delete_contact(&mut self, id: &str, stamp: Stamp) -> bool {
        match self.contacts.iter_mut().find(|c| c.id == id) {
            Some(c) => {
                if !c.deleted {
                    c.deleted = true;
                    c.stamp_fields(&[CONTACT_DELETED], &stamp);
                }
                true
            }
            None => false,
        }
    }

    /// Status fields as raw strings, so status edits diff like card edits.
    pub fn status_raw(&self) -> RawForm {
        let mut w = crate::forms::Writer::default();
        w.choice("stage", Some(self.stage));
        w.text("former_reason", &self.former_reason);
        w.multi("tags", &self.tags);
        w.choice("tier", self.tier);
        w.text("region", &self.region);
        let g = &self.grades;
        w.choice("prospect", g.prospect);
        w.text("man", g.man.map_or("", |m| m.combination()));
        w.choice("sales_grade", g.sales);
        if let Some(watch) = &g.watch {
            w.text("watch", &format!("{}: {} ({})", watch.reason.code(), watch.note, watch.since));
        }
        w.text("area", &g.area);
        w.count("route_seq", g.route_seq);
        w.date("reviewed", g.reviewed);
        w.0
    }
}

#[cfg(test)]
mod tests {
    use super::card::validate_card;
    use super::contact::ContactFields;
    use super::*;
    use crate::primitives::clock::Hlc;
    use crate::primitives::codes::Tier;
    use chrono::NaiveDate;

    fn stamp(ms: u64) -> Stamp {
        Stamp::new(Hlc { ms, n: 0 }, "dev")
    }

    fn body(pairs: &[(&str, &str)]) -> CardBody {
        let raw = crate::forms::flat_values(pairs.iter().copied());
        validate_card(Kind::Enterprise, &raw, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap()
    }

    #[test]
    fn set_body_stamps_changed_parts_only() {
        let mut c = Customer::new("id".into(), "KH-2026-000001".into(), body(&[("name", "甲")]), stamp(1));
        let ch = c.set_body(body(&[("name", "甲"), ("payment", "现金")]), stamp(2));
        assert_eq!(ch.len(), 1);
        assert_eq!(ch[0].field, "payment");
        assert_eq!(c.parts.trading, stamp(2));
        assert_eq!(c.parts.basic, Stamp::default());
        assert_eq!(c.body_stamp, stamp(2));
        assert!(c.set_body(c.body.clone(), stamp(3)).is_empty());
        assert_eq!(c.body_stamp, stamp(2));
    }

    #[test]
    fn credit_period_from_the_card_or_thirty_days() {
        let c = |pairs: &[(&str, &str)]| Customer::new("id".into(), "r".into(), body(pairs), stamp(1));
        assert_eq!(c(&[("name", "甲")]).credit_days(), 30);
        assert_eq!(c(&[("name", "甲"), ("credit_days", "45")]).credit_days(), 45);
        let raw = crate::forms::flat_values([("name", "乙"), ("credit_days", "60")].iter().copied());
        let ind = validate_card(Kind::Individual, &raw, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
        assert_eq!(Customer::new("i".into(), "r".into(), ind, stamp(1)).credit_days(), 60);
        let raw = |v: &str| crate::forms::flat_values([("name", "甲"), ("credit_days", v)].iter().copied());
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for bad in ["-5", "366", "三十", "1.5"] {
            let errs = validate_card(Kind::Enterprise, &raw(bad), today).unwrap_err();
            assert!(errs.iter().any(|e| e.field == "credit_days"), "{bad} is refused");
        }
    }

    #[test]
    fn phones_include_live_contacts_only() {
        let mut c = Customer::new("id".into(), "r".into(), body(&[("name", "甲"), ("phone", "010-12345678")]), stamp(1));
        let info = |m: &str| ContactFields { name: "张".into(), mobile: m.into(), ..Default::default() };
        c.upsert_contact(Contact::new("a".into(), info("13800138000"), stamp(2)));
        let ch = c.upsert_contact(Contact::new("b".into(), info("13900139000"), stamp(2)));
        assert_eq!(ch.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["contact.b.mobile", "contact.b.name"]);
        assert!(c.delete_contact("b", stamp(3)));
        assert!(!c.delete_contact("zz", stamp(3)));
        assert_eq!(c.all_phones(), ["010-12345678", "13800138000"]);
        assert_eq!(c.display_name(), "甲");
    }

    #[test]
    fn set_body_stamps_changed_fields_only_and_json_stays_small() {
        let at = |ms: u64, dev: &str| Stamp::new(Hlc { ms, n: 0 }, dev);
        let mut c = Customer::new("x".into(), "r".into(), body(&[("name", "甲")]), at(1, "a"));
        c.set_body(body(&[("name", "甲"), ("payment", "现金"), ("terms", "月结")]), at(5, "a"));
        c.set_body(body(&[("name", "甲"), ("payment", "支票"), ("terms", "月结")]), at(7, "b"));
        assert_eq!((c.field_stamp("payment"), c.field_stamp("terms")), (Some(at(7, "b")), Some(at(5, "a"))));
        assert_eq!(c.field_stamp("name"), Some(Stamp::default()));
        assert_eq!(c.parts.trading, at(7, "b"));
        let json = serde_json::to_string(&c).unwrap();
        assert!(
            json.contains(r#""fs":{"d":["a","b"],"s":{"payment":[7,0,1],"terms":[5,0,0]}}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Customer>(&json).unwrap(), c);
        // Every field of a part changed at once: one stamp for the part says it all.
        let mut d = Customer::new("x".into(), "r".into(), body(&[("name", "甲")]), at(1, "a"));
        d.set_body(body(&[("name", "乙")]), at(3, "a"));
        lifecycle::set_tier(&mut d, Some(Tier::Key), at(4, "a"));
        lifecycle::set_tier(&mut d, Some(Tier::Key), at(5, "a"));
        assert_eq!(d.status_stamp, at(4, "a"), "an unchanged value is not stamped");
        assert!(d.field_stamps.get("tier").is_some() && d.field_stamps.get("name").is_some());
        // A change of kind rewrites the card: its field stamps go, the kind stamp says it.
        let raw = crate::forms::flat_values([("name", "王")]);
        d.set_body(validate_card(Kind::Individual, &raw, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap(), at(6, "a"));
        assert_eq!(d.field_stamps.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["tier"]);
        assert_eq!((d.kind_stamp.clone(), d.field_stamp("name")), (at(6, "a"), Some(at(6, "a"))));
    }

    #[test]
    fn old_json_without_new_fields_loads() {
        let c: Customer = serde_json::from_str(r#"{"id":"x","body":{"k":"ind","basic":{"name":"王"}}}"#).unwrap();
        assert_eq!(c.display_name(), "王");
        assert_eq!(c.stage, Stage::Potential);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, r#"{"id":"x","body":{"k":"ind","basic":{"name":"王"}}}"#);
    }
}
