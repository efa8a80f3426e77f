//! Taking returned lent copies (借阅, 归还) off this device: a local removal that is not a
//! deletion. Nothing here is stamped and nothing travels: the customers were another device's,
//! their changes went back in the return bundle, and a deletion would delete them there too.
//! Storage rewrites its pages and saves with these functions (`src/storage/withdraw.rs`).

use std::collections::BTreeSet;

use super::Batch;
use crate::customer::Customer;
use crate::ledger::{Entry, EntryBody};

/// The id prefix of the record that keeps a withdrawn customer's position (positions never
/// move): deleted, so it shows nowhere, and an id no real record has, so no save touches it.
pub const PLACEHOLDER_PREFIX: &str = "withdrawn:";

/// What keeps the position of a withdrawn customer (`n`: anything unique, e.g. its position).
pub fn placeholder(n: u32) -> Customer {
    Customer { id: format!("{PLACEHOLDER_PREFIX}{n}"), deleted: true, ..Customer::default() }
}

/// The file key of a live or deleted document entry, if it has one.
pub fn file_of(e: &Entry) -> Option<&str> {
    match &e.body {
        EntryBody::Document(d) if !d.blob.is_empty() => Some(d.blob.as_str()),
        _ => None,
    }
}

/// A save without anything of the customers `ids` (their cards, entries and change records),
/// and the files their documents named; `None` if the save holds nothing of them.
pub fn batch_without(batch: &Batch, ids: &BTreeSet<String>) -> Option<(Batch, Vec<String>)> {
    let mentions = batch.customers.iter().any(|c| ids.contains(&c.id))
        || batch.entries.iter().any(|e| ids.contains(&e.customer_id))
        || batch.history.iter().any(|h| ids.contains(&h.customer_id));
    if !mentions {
        return None;
    }
    let files = batch.entries.iter().filter(|e| ids.contains(&e.customer_id)).filter_map(file_of).map(str::to_string).collect();
    let out = Batch {
        customers: batch.customers.iter().filter(|c| !ids.contains(&c.id)).cloned().collect(),
        entries: batch.entries.iter().filter(|e| !ids.contains(&e.customer_id)).cloned().collect(),
        history: batch.history.iter().filter(|h| !ids.contains(&h.customer_id)).cloned().collect(),
        ..batch.clone()
    };
    Some((out, files))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::history::ChangeRecord;
    use crate::ledger::Document;
    use crate::primitives::clock::{Hlc, Stamp};

    fn st() -> Stamp {
        Stamp::new(Hlc { ms: 5, n: 0 }, "d")
    }

    #[test]
    fn a_save_loses_the_withdrawn_customers_and_keeps_the_rest() {
        let card = |id: &str| Customer { id: id.into(), ..Customer::default() };
        let doc = Entry::new("e1".into(), "lent".into(), EntryBody::Document(Document { blob: "f1".into(), ..Document::default() }), st());
        let other = Entry::new("e2".into(), "mine".into(), EntryBody::Document(Document { blob: "f2".into(), ..Document::default() }), st());
        let batch = Batch {
            customers: vec![card("lent"), card("mine")],
            entries: vec![doc, other],
            history: vec![ChangeRecord { id: "h1".into(), customer_id: "lent".into(), ..ChangeRecord::default() }],
            next_seq: 9,
            ..Batch::default()
        };
        let ids: BTreeSet<String> = ["lent".to_string()].into();
        let (out, files) = batch_without(&batch, &ids).unwrap();
        assert_eq!(out.customers.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["mine"]);
        assert_eq!(out.entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["e2"]);
        assert!(out.history.is_empty());
        assert_eq!(out.next_seq, 9, "the numbering counter is kept");
        assert_eq!(files, ["f1"]);
        assert_eq!(batch_without(&out, &ids), None, "nothing of them left");
        let p = placeholder(1234);
        assert!(p.deleted && p.id.starts_with(PLACEHOLDER_PREFIX));
    }
}
