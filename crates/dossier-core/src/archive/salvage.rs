//! Reading stored records that may be damaged (docs/storage.md, "A damaged record").
//!
//! One bad page or journal row must not make the rest of the archive unusable. A page is read as
//! a whole when it can be; otherwise row by row, keeping every row that reads and handing back
//! the others untouched (as raw JSON) together with what they name, so the user can be told which
//! customers are affected and the storage layer can write them back as they were.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// A page (a JSON array of records) as read.
#[derive(Debug)]
pub enum PageRead<T> {
    /// Every row read.
    Whole(Vec<T>),
    /// A JSON array some of whose rows are not records of this kind.
    Partial { rows: Vec<(usize, T)>, bad: Vec<BadRow>, len: usize },
    /// Not a JSON array at all (cut short, overwritten, not UTF-8).
    Unreadable { error: String },
}

/// One row that did not read, kept as it was stored.
#[derive(Clone, Debug, PartialEq)]
pub struct BadRow {
    /// Its index in the page.
    pub index: usize,
    pub raw: Value,
    pub error: String,
    pub named: Named,
}

/// What a damaged record names, as far as it can be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Named {
    /// Customers by (id, 登记编号, name): any part may be empty.
    pub customers: Vec<NamedCustomer>,
    /// Ids of the customers whose entries (or history) the record holds.
    pub files_of: Vec<String>,
    pub entries: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct NamedCustomer {
    pub id: String,
    pub reg_no: String,
    pub name: String,
}

impl Named {
    pub fn is_empty(&self) -> bool {
        self.customers.is_empty() && self.files_of.is_empty() && self.entries == 0
    }

    /// Adds what another record names (each customer and file once).
    pub fn absorb(&mut self, other: Named) {
        for c in other.customers {
            if !self.customers.contains(&c) {
                self.customers.push(c);
            }
        }
        for f in other.files_of {
            if !self.files_of.contains(&f) {
                self.files_of.push(f);
            }
        }
        self.entries += other.entries;
    }
}

/// Reads a page of records, row by row if the whole does not read.
pub fn read_page<T: DeserializeOwned>(json: &[u8]) -> PageRead<T> {
    if let Ok(rows) = serde_json::from_slice::<Vec<T>>(json) {
        return PageRead::Whole(rows);
    }
    let values = match serde_json::from_slice::<Vec<Value>>(json) {
        Ok(v) => v,
        Err(e) => return PageRead::Unreadable { error: e.to_string() },
    };
    let len = values.len();
    let mut rows = Vec::with_capacity(len);
    let mut bad = Vec::new();
    for (index, raw) in values.into_iter().enumerate() {
        // Through text rather than `T::deserialize(&raw)`: the slice deserializer of `T` is in
        // the binary anyway, a second one over `Value` would add tens of KB of wasm for a path
        // only a damaged page takes.
        let row = serde_json::to_vec(&raw).map_err(|e| e.to_string()).and_then(|text| serde_json::from_slice::<T>(&text).map_err(|e| e.to_string()));
        match row {
            Ok(row) => rows.push((index, row)),
            Err(error) => bad.push(BadRow { index, named: name_in(&raw), error, raw }),
        }
    }
    PageRead::Partial { rows, bad, len }
}

/// What a raw record (a customer, an entry, a history record or a whole journal batch) names.
pub fn name_in(raw: &Value) -> Named {
    let mut named = Named::default();
    let Some(object) = raw.as_object() else { return named };
    // A journal batch: its parts.
    if ["customers", "entries", "history", "reps", "next_seq"].iter().any(|k| object.contains_key(*k)) {
        for key in ["customers", "entries", "history"] {
            if let Some(rows) = object.get(key).and_then(Value::as_array) {
                for row in rows {
                    named.absorb(name_in(row));
                }
            }
        }
        return named;
    }
    let text = |k: &str| object.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    if object.contains_key("cid") {
        // A ledger entry.
        named.entries = 1;
        named.files_of.push(text("cid"));
    } else if object.contains_key("customer_id") {
        // A change record.
        named.files_of.push(text("customer_id"));
    } else if object.contains_key("reg_no") || object.contains_key("body") {
        let name = object
            .get("body")
            .and_then(|b| b.get("basic"))
            .and_then(|b| b.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        named.customers.push(NamedCustomer { id: text("id"), reg_no: text("reg_no"), name });
    }
    named
}

/// Reads a journal row: the batch, or why not and what it names.
pub fn read_record<T: DeserializeOwned>(json: &[u8]) -> Result<T, (String, Named)> {
    serde_json::from_slice::<T>(json).map_err(|e| {
        let named = serde_json::from_slice::<Value>(json).map(|v| name_in(&v)).unwrap_or_default();
        (e.to_string(), named)
    })
}

/// A page to write back: `rows` (serialized) with the raw rows that did not read put back at
/// their old index (or at the end, if the page is shorter now), so a damaged row stays as stored.
/// Written as text row by row (the page serializer of `T` is in the binary already).
pub fn splice_raw<T: serde::Serialize>(rows: &[T], bad: &[BadRow]) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(rows.len() * 512 + 2);
    out.push(b'[');
    let mut written = 0usize;
    let push = |out: &mut Vec<u8>, written: &mut usize| {
        if *written > 0 {
            out.push(b',');
        }
        *written += 1;
    };
    let mut good = rows.iter();
    let mut pending: Vec<&BadRow> = bad.iter().collect();
    pending.sort_by_key(|b| b.index);
    let mut pending = pending.into_iter().peekable();
    loop {
        if let Some(b) = pending.next_if(|b| b.index <= written) {
            push(&mut out, &mut written);
            serde_json::to_writer(&mut out, &b.raw)?;
            continue;
        }
        match good.next() {
            Some(row) => {
                push(&mut out, &mut written);
                serde_json::to_writer(&mut out, row)?;
            }
            None => break,
        }
    }
    for b in pending {
        push(&mut out, &mut written);
        serde_json::to_writer(&mut out, &b.raw)?;
    }
    out.push(b']');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customer::Customer;
    use crate::ledger::Entry;

    #[test]
    fn a_whole_page_reads_whole() {
        let read = read_page::<Entry>(br#"[{"id":"e1","cid":"c1"}]"#);
        assert!(matches!(read, PageRead::Whole(ref v) if v.len() == 1 && v[0].customer_id == "c1"));
    }

    #[test]
    fn a_bad_row_is_kept_raw_and_named_and_the_rest_reads() {
        let json = r#"[{"id":"a","reg_no":"KH-2026-000001","body":{"k":"ind","basic":{"name":"张三"}}},
                         {"id":"b","reg_no":"KH-2026-000002","body":{"k":"ind","basic":{"name":"李四"}},"deleted":"not a bool"},
                         {"id":"c","reg_no":"KH-2026-000003"}]"#;
        let PageRead::Partial { rows, bad, len } = read_page::<Customer>(json.as_bytes()) else { panic!("expected a partial read") };
        assert_eq!(len, 3);
        assert_eq!(rows.iter().map(|(i, c)| (*i, c.id.as_str())).collect::<Vec<_>>(), vec![(0, "a"), (2, "c")]);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].index, 1);
        assert_eq!(bad[0].raw["deleted"], "not a bool");
        assert_eq!(bad[0].named.customers, vec![NamedCustomer { id: "b".into(), reg_no: "KH-2026-000002".into(), name: "李四".into() }]);
    }

    #[test]
    fn a_cut_page_is_unreadable_not_a_panic() {
        assert!(matches!(read_page::<Customer>(br#"[{"id":"a","reg_no":"KH"#), PageRead::Unreadable { .. }));
        assert!(matches!(read_page::<Customer>(&[0xff, 0xfe, 0x00]), PageRead::Unreadable { .. }));
        assert!(matches!(read_page::<Customer>(br#"{"not":"an array"}"#), PageRead::Unreadable { .. }));
    }

    #[test]
    fn a_bad_journal_row_names_what_it_touched() {
        let json = r#"{"customers":[{"id":"c9","reg_no":"KH-2026-000009","body":{"basic":{"name":"王五"}},"tier":"no-such"}],
                        "entries":[{"id":"e1","cid":"c7"},{"id":"e2","cid":"c7"}]}"#;
        let (error, named) = read_record::<crate::archive::Batch>(json.as_bytes()).unwrap_err();
        assert!(!error.is_empty());
        assert_eq!(named.customers[0].name, "王五");
        assert_eq!(named.files_of, vec!["c7".to_string()]);
        assert_eq!(named.entries, 2);
        let (_, nothing) = read_record::<crate::archive::Batch>(b"\x00garbage").unwrap_err();
        assert!(nothing.is_empty());
    }

    #[test]
    fn splice_puts_bad_rows_back_where_they_were() {
        let bad = |index, tag: &str| BadRow { index, raw: serde_json::json!({ "raw": tag }), error: String::new(), named: Named::default() };
        let rows = vec![1, 2, 3];
        let out: Value = serde_json::from_slice(&splice_raw(&rows, &[bad(1, "x"), bad(9, "z")]).unwrap()).unwrap();
        assert_eq!(out, serde_json::json!([1, { "raw": "x" }, 2, 3, { "raw": "z" }]));
        let out: Value = serde_json::from_slice(&splice_raw::<i32>(&[], &[bad(0, "only")]).unwrap()).unwrap();
        assert_eq!(out, serde_json::json!([{ "raw": "only" }]));
    }
}
