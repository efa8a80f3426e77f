//! The bundle's header and parts as typed values (the contract is `docs/bundle.md`; the JSON
//! Schema `docs/bundle.schema.json`).

use super::{BundleError, Damage, RecordKind};
use crate::customer::history::ChangeRecord;
use crate::customer::owner::Rep;
use crate::customer::Customer;
use crate::ledger::Entry;
use crate::primitives::clock::Hlc;
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The value of the top-level `format` key.
pub const FORMAT: &str = "dossier-bundle";
/// The version this code writes and the highest it reads.
pub const VERSION: u32 = 1;

/// `header`: what the bundle is, where it came from and how to read its parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// When the bundle was made; written RFC 3339 UTC (`2026-12-02T08:30:00Z`).
    pub created_at: DateTime<Utc>,
    /// The exporting device's clock at export.
    pub hlc: Hlc,
    /// The exporting device's id.
    pub device: String,
    pub rep: RepRef,
    pub profile: Profile,
    /// Field keys left out of every record (empty for a backup).
    pub withheld: Vec<String>,
    pub scope: Scope,
    pub counts: Counts,
    /// Number of parts.
    pub parts: u64,
    /// Lower-case hex SHA-256 over the concatenated SHA-256 of each part's plaintext
    /// ([`super::stream::combine_input`]).
    pub payload_sha256: String,
    /// Set for a lent copy (借阅).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lent: Option<Lent>,
    /// Set for an encrypted bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption: Option<Encryption>,
    /// What the exporting device had seen of other devices: for each, the clock in the header
    /// of the last bundle from it imported there. The receiver reads its own entry to tell a
    /// conflict (both sides changed a field since) from an edit the other side already had.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub seen: std::collections::BTreeMap<String, Hlc>,
}

impl Header {
    /// The header as written in line 1 (one line, keys in declaration order).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a header always serializes")
    }
}

/// The exporting device's rep (`id` may be empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepRef {
    pub id: String,
    pub name: String,
}

/// Which profile chose the fields, and the field keys it provides (empty for backup: all).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub code: ProfileCode,
    pub name: String,
    pub fields: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProfileCode {
    Rep,
    Service,
    Backup,
    Custom,
}

/// Which customers the bundle holds and why, in words for the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub kind: ScopeKind,
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScopeKind {
    All,
    Filter,
    Owner,
    Region,
    Grade,
    Ticked,
    Handover,
    Return,
}

/// How many records the parts hold. `tombstones` counts the deleted records among the
/// customers, entries and reps (each also counted in its own kind).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub customers: u64,
    pub entries: u64,
    pub history: u64,
    pub reps: u64,
    pub tombstones: u64,
    /// Attached files (original documents), each in a part of its own; absent when none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub files: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Counts {
    /// Adds a part's records (writers count as they write, readers as they read).
    pub fn add(&mut self, part: &Part) {
        let n = |len: usize| len as u64;
        self.customers += n(part.customers.len());
        self.entries += n(part.entries.len());
        self.history += n(part.history.len());
        self.reps += n(part.reps.len());
        self.files += n(part.files.len());
        self.tombstones += n(part.customers.iter().filter(|c| c.deleted).count()
            + part.entries.iter().filter(|e| e.deleted).count()
            + part.reps.iter().filter(|r| r.deleted).count());
    }

    /// Adds counts made elsewhere (a part counted as it was written).
    pub fn plus(&mut self, other: &Counts) {
        self.customers += other.customers;
        self.entries += other.entries;
        self.history += other.history;
        self.reps += other.reps;
        self.tombstones += other.tombstones;
        self.files += other.files;
    }

    /// [`BundleError::CountsDiffer`] unless `found` (counted while reading) is what the header said.
    pub fn check(&self, found: &Counts) -> Result<(), BundleError> {
        if self == found {
            Ok(())
        } else {
            Err(BundleError::CountsDiffer { said: *self, found: *found })
        }
    }
}

/// A lent copy (借阅): until when, to whom, approved and handed out by whom, what for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lent {
    pub return_by: NaiveDate,
    pub borrower: String,
    pub approver: String,
    pub clerk: String,
    pub purpose: String,
}

/// `header.encryption`; checked by [`super::crypt::check_params`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Encryption {
    pub cipher: String,
    pub kdf: Kdf,
    pub chunk: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdf {
    pub name: String,
    pub iterations: u64,
    /// Base64 (standard, padded) of 16 random bytes.
    pub salt: String,
}

/// One part: records as `dossier-core` stores them. Empty lists are left out of the JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Part {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub customers: Vec<Customer>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<Entry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<ChangeRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reps: Vec<Rep>,
    /// Attached files (备份 only), one per part, after every part of records.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileRecord>,
}

/// An attached file (a photo or PDF of an original document): the key a document entry names
/// it by, its type, and its bytes in base64 (standard alphabet, padded).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileRecord {
    pub key: String,
    pub mime: String,
    pub data: String,
}

impl FileRecord {
    pub fn new(key: &str, mime: &str, bytes: &[u8]) -> FileRecord {
        FileRecord { key: key.to_string(), mime: mime.to_string(), data: super::stream::base64_encode(bytes) }
    }

    /// The bytes, checked as an attachment is when attached here: base64 that decodes, a
    /// known type, not too big. `part` and `index` name it in the error.
    pub fn bytes(&self, part: u64, index: u64) -> Result<Vec<u8>, BundleError> {
        let bad = |field: &str, problem: String| BundleError::BadRecord {
            part,
            kind: RecordKind::File,
            index,
            id: self.key.clone(),
            customer: String::new(),
            field: field.to_string(),
            problem,
        };
        let bytes = super::stream::base64_decode(&self.data).ok_or_else(|| bad("data", "not base64".into()))?;
        crate::ledger::check_document(&self.mime, bytes.len() as u64)
            .map_err(|p| bad("mime", format!("{} / {}", p.message(crate::primitives::lang::Lang::Zh), p.message(crate::primitives::lang::Lang::En))))?;
        Ok(bytes)
    }
}

impl Part {
    pub fn is_empty(&self) -> bool {
        self.customers.is_empty() && self.entries.is_empty() && self.history.is_empty() && self.reps.is_empty() && self.files.is_empty()
    }

    /// The part's text as written (one line: JSON never puts a raw newline in a string).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("records always serialize")
    }

    /// Reads a part's plaintext (`part`: its 0-based index, for the error). A record that does
    /// not read, or has no id, is a [`BundleError::BadRecord`] naming the record and its field;
    /// text that is not an object of record lists is [`BundleError::Damaged`].
    pub fn parse(text: &str, part: u64) -> Result<Part, BundleError> {
        let parsed = match serde_json::from_str::<Part>(text) {
            Ok(p) => p,
            // The slow path only finds out which record and field is wrong.
            Err(e) => {
                return Err(locate(text, part)
                    .unwrap_or(BundleError::Damaged { part, why: Damage::NotJson(e.to_string()) }))
            }
        };
        let ids = [
            (RecordKind::Customer, parsed.customers.iter().map(|c| (c.id.as_str(), c.id.as_str())).collect::<Vec<_>>()),
            (RecordKind::Entry, parsed.entries.iter().map(|e| (e.id.as_str(), e.customer_id.as_str())).collect()),
            (RecordKind::History, parsed.history.iter().map(|h| (h.id.as_str(), h.customer_id.as_str())).collect()),
            (RecordKind::Rep, parsed.reps.iter().map(|r| (r.id.as_str(), "")).collect()),
            (RecordKind::File, parsed.files.iter().map(|f| (f.key.as_str(), "")).collect()),
        ];
        for (kind, list) in ids {
            if let Some(index) = list.iter().position(|(id, _)| id.is_empty()) {
                return Err(BundleError::BadRecord {
                    part,
                    kind,
                    index: index as u64,
                    id: String::new(),
                    customer: list[index].1.to_string(),
                    field: "id".into(),
                    problem: "missing or empty".into(),
                });
            }
        }
        Ok(parsed)
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawPart<'a> {
    #[serde(borrow)]
    customers: Vec<&'a RawValue>,
    #[serde(borrow)]
    entries: Vec<&'a RawValue>,
    #[serde(borrow)]
    history: Vec<&'a RawValue>,
    #[serde(borrow)]
    reps: Vec<&'a RawValue>,
    #[serde(borrow)]
    files: Vec<&'a RawValue>,
}

/// Which record of a part that did not read is wrong, and in which field. `None`: the part is
/// not an object of record lists at all.
fn locate(text: &str, part: u64) -> Option<BundleError> {
    let raw: RawPart = serde_json::from_str(text).ok()?;
    first_bad::<Customer>(&raw.customers, part, RecordKind::Customer, "id")
        .or_else(|| first_bad::<Entry>(&raw.entries, part, RecordKind::Entry, "cid"))
        .or_else(|| first_bad::<ChangeRecord>(&raw.history, part, RecordKind::History, "customer_id"))
        .or_else(|| first_bad::<Rep>(&raw.reps, part, RecordKind::Rep, ""))
        .or_else(|| first_bad::<FileRecord>(&raw.files, part, RecordKind::File, ""))
}

fn first_bad<T: DeserializeOwned>(
    records: &[&RawValue],
    part: u64,
    kind: RecordKind,
    customer_key: &str,
) -> Option<BundleError> {
    records.iter().enumerate().find_map(|(index, raw)| {
        let err = serde_json::from_str::<T>(raw.get()).err()?;
        let object = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(raw.get()).ok();
        let text_of = |key: &str| {
            object.as_ref().and_then(|o| o.get(key)).and_then(|v| v.as_str()).unwrap_or_default().to_string()
        };
        // Every stored record reads with any of its keys missing (`record!`), so the field at
        // fault is the first one that does not read alone.
        let (field, problem) = object
            .as_ref()
            .and_then(|o| {
                o.iter().find_map(|(k, v)| {
                    let alone = serde_json::Value::Object([(k.clone(), v.clone())].into_iter().collect());
                    serde_json::from_value::<T>(alone).err().map(|e| (k.clone(), e.to_string()))
                })
            })
            .unwrap_or_else(|| (String::new(), err.to_string()));
        Some(BundleError::BadRecord {
            part,
            kind,
            index: index as u64,
            id: text_of("id"),
            customer: if customer_key.is_empty() { String::new() } else { text_of(customer_key) },
            field,
            problem,
        })
    })
}
