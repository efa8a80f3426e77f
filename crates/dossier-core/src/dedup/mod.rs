//! Duplicate check (查重): "one customer, one file" breaks when the same customer is entered twice.
//!
//! A phone or tax number that already belongs to another live card blocks a save; a very similar
//! name only warns (two shops may really share a name). [`DupIndex`] keeps positions of cards,
//! like [`crate::search::SearchIndex`], and is updated per edit; it reads the cards through a
//! [`DupSource`] (the name, phones and tax number of the card at a position), one at a time.
//!
//! Keys are 32-bit hashes of the normalised strings, not the strings: 8 bytes per entry, so the
//! index of 100,000 customers stays a few MB. Every hit is verified against the customer at that
//! position, so a hash collision can cost time but never produce a false hit.
//!
//! - `normalise.rs`: the forms values are compared in (phones, names, tax numbers) and the
//!   similarity rule for names.
//! - `keys.rs`: the 32-bit keys the index stores, and what it reads of a card ([`DupFacts`]).
//! - `index.rs`: [`DupIndex`] and the check of one card ([`DupCheck`]).
//! - `scan.rs`: the whole-archive scan of the 查重 tool ([`DupIndex::groups`], [`clusters`]).
//! - [`card_merge`]: 合并, two cards found to be one customer become one.

pub mod card_merge;
mod index;
mod keys;
mod normalise;
mod scan;

pub use index::{DupCheck, DupIndex, PhoneHit};
pub use keys::{DupFacts, DupSource};
pub use normalise::{edit_distance, names_similar, normalize_name, normalize_phone, normalize_tax, similar_normalized, NAME_SUFFIXES};
pub use scan::{clusters, DupCluster, DupGroup, DupReason};

/// Cards for the tests of the index and the scan.
#[cfg(test)]
mod fixtures {
    use crate::customer::card::CardBody;
    use crate::customer::contact::{Contact, ContactFields};
    use crate::customer::Customer;
    use crate::customer::enterprise::Enterprise;
    use crate::customer::individual::Individual;
    use crate::primitives::clock::Stamp;

    pub(super) fn ent(name: &str, phone: &str, tax: &str) -> Customer {
        let mut e = Enterprise::default();
        e.basic.name = name.into();
        e.basic.phone = phone.into();
        e.basic.tax_number = tax.into();
        Customer::new(format!("id-{name}"), String::new(), CardBody::Enterprise(e), Stamp::default())
    }

    pub(super) fn ind(name: &str, mobile: &str) -> Customer {
        let mut i = Individual::default();
        i.basic.name = name.into();
        i.basic.mobile = mobile.into();
        Customer::new(format!("id-{name}"), String::new(), CardBody::Individual(i), Stamp::default())
    }

    pub(super) fn with_contact(mut c: Customer, id: &str, mobile: &str) -> Customer {
        let info = ContactFields { name: "联系人".into(), mobile: mobile.into(), ..Default::default() };
        c.upsert_contact(Contact::new(id.into(), info, Stamp::default()));
        c
    }

    pub(super) fn archive() -> Vec<Customer> {
        let mut gone = ent("深圳恒达电器有限公司", "13700137000", "91440300MA5F000X1K");
        gone.deleted = true;
        vec![
            with_contact(ent("杭州鑫源食品有限公司", "0571-88886666", "91350100M000100Y43"), "p1", "139 1234 5678"),
            ind("王芳", "13800138000"),
            ent("宁波华泰五金商行", "0574-2345678", ""),
            gone,
        ]
    }
}
