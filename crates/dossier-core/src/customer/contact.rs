//! People at an enterprise (人员): each is its own record with id, stamps and tombstone, so two
//! devices editing different people, or different fields of one person, both keep their edits.

use super::fields::FieldStamps;
use crate::forms::form::{FieldError, Reader, Writer};
use crate::forms::schema::{Form, RawForm};
use crate::primitives::clock::Stamp;
use crate::primitives::codes::{ContactRole, Gender, Influence, Marital};
use crate::validation::{check, Problem};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

record! {
    pub struct Contact {
        pub id: String,
        /// Last edit (or delete) of this person: the newest of its fields' stamps.
        pub stamp: Stamp,
        pub deleted: bool,
        pub info: ContactFields,
        /// Stamp of each field (by the contact form's key, and `deleted`) changed since the
        /// person was added ([`super::fields`]).
        #[serde(rename = "fs")]
        pub field_stamps: FieldStamps,
        /// Form keys of fields not provided in this copy ([`super::fields::redact`]).
        #[serde(rename = "wh")]
        pub withheld: BTreeSet<String>,
    }
}

record! {
    /// The person's data: what the contact form edits.
    pub struct ContactFields {
        pub name: String,
        pub gender: Option<Gender>,
        pub position: String,
        pub roles: BTreeSet<ContactRole>,
        pub influence: Option<Influence>,
        pub mobile: String,
        pub office_phone: String,
        pub email: String,
        pub address: String,
        pub birth_date: Option<NaiveDate>,
        pub ethnicity: String,
        pub marital: Option<Marital>,
        pub dates: Vec<ImportantDate>,
        pub hobbies: String,
        pub receives_mail: bool,
        pub receives_sms: bool,
        pub notes: String,
    }
}

/// 重要日期: e.g. a birthday or the founding day of their shop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportantDate {
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub what: String,
}

impl Contact {
    pub fn new(id: String, info: ContactFields, stamp: Stamp) -> Contact {
        Contact { id, stamp, info, ..Contact::default() }
    }

    pub fn phones(&self) -> Vec<&str> {
        [self.info.mobile.as_str(), self.info.office_phone.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect()
    }
}

pub fn validate_contact(raw: &RawForm, today: NaiveDate) -> Result<ContactFields, Vec<FieldError>> {
    let mut r = Reader::new(Form::Contact, raw, today);
    let mut dates = Vec::new();
    for (i, row) in r.rows("dates", 2).into_iter().enumerate() {
        match check::date(&row[0]) {
            Ok(date) => dates.push(ImportantDate { date, what: row[1].clone() }),
            Err(_) if row[0].is_empty() => r.cell_fail("dates", i, 0, Problem::Required),
            Err(p) => r.cell_fail("dates", i, 0, p),
        }
    }
    let c = ContactFields {
        name: r.required("name"),
        gender: r.choice("gender"),
        position: r.text("position"),
        roles: r.multi("roles"),
        influence: r.choice("influence"),
        mobile: r.mobile("mobile"),
        office_phone: r.phone("office_phone"),
        email: r.email("email"),
        address: r.text("address"),
        birth_date: r.past_date("birth_date"),
        ethnicity: r.text("ethnicity"),
        marital: r.choice("marital"),
        dates,
        hobbies: r.text("hobbies"),
        receives_mail: r.flag("receives_mail"),
        receives_sms: r.flag("receives_sms"),
        notes: r.text("notes"),
    };
    r.finish(c)
}

pub fn contact_to_raw(c: &ContactFields) -> RawForm {
    let mut w = Writer::default();
    w.text("name", &c.name);
    w.choice("gender", c.gender);
    w.text("position", &c.position);
    w.multi("roles", &c.roles);
    w.choice("influence", c.influence);
    w.text("mobile", &c.mobile);
    w.text("office_phone", &c.office_phone);
    w.text("email", &c.email);
    w.text("address", &c.address);
    w.date("birth_date", c.birth_date);
    w.text("ethnicity", &c.ethnicity);
    w.choice("marital", c.marital);
    let rows = c.dates.iter().map(|d| vec![check::format_date(d.date), d.what.clone()]);
    w.rows("dates", rows.collect());
    w.text("hobbies", &c.hobbies);
    w.flag("receives_mail", c.receives_mail);
    w.flag("receives_sms", c.receives_sms);
    w.text("notes", &c.notes);
    w.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawForm {
        crate::forms::flat_values(pairs.iter().copied())
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).unwrap()
    }

    #[test]
    fn valid_contact_round_trips() {
        let r = raw(&[
            ("name", " 李强 "),
            ("roles", "buyer,in_charge"),
            ("influence", "high"),
            ("mobile", "139-1234-5678"),
            ("dates", r#"[["2025-06-01","店庆"],["",""]]"#),
            ("receives_sms", "true"),
        ]);
        let c = validate_contact(&r, today()).unwrap();
        assert_eq!(c.name, "李强");
        assert_eq!(c.mobile, "13912345678");
        assert_eq!(c.roles.len(), 2);
        assert_eq!(c.dates.len(), 1);
        assert!(c.receives_sms && !c.receives_mail);
        assert_eq!(validate_contact(&contact_to_raw(&c), today()), Ok(c));
    }

    #[test]
    fn invalid_contact_reports_each_field() {
        let mut r = raw(&[
            ("roles", "boss"),
            ("mobile", "123"),
            ("birth_date", "2030-01-01"),
            ("dates", r#"[["someday","x"]]"#),
            ("unknown_key", "ignored"),
        ]);
        // Text where a flag belongs (no form of the app does this; a bug would).
        r.insert("receives_mail".into(), "maybe".into());
        let errs = validate_contact(&r, today()).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "roles", "mobile", "birth_date", "dates", "receives_mail"]);
        assert_eq!(errs[1].problem, Problem::UnknownChoice("boss".into()));
        assert_eq!(errs[3].problem, Problem::FutureDate);
        assert_eq!(errs[5].problem, Problem::WrongKind);
    }
}
