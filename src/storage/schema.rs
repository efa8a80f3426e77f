//! The declared, versioned IndexedDB schema. A version only ever adds stores; an upgrade creates
//! what is missing and keeps every record (rexie deletes undeclared stores, so the current
//! declaration is always the union of all versions). See docs/storage.md.

pub struct StoreDef {
    pub name: &'static str,
    /// Auto-increment keys (the journal); otherwise keys are given on put.
    pub auto_increment: bool,
}

pub struct Version {
    pub version: u32,
    pub adds: &'static [StoreDef],
}

/// Small keyed values: device id, clock, numbering counter.
pub const META: &str = "meta";
/// The archive in pages of many records, one JSON page (UTF-8 bytes) per key.
pub const PAGES: &str = "pages";
/// Recent single-record changes, folded into pages by compaction.
pub const JOURNAL: &str = "journal";
/// Attachments (photos, PDFs) as blobs, one per key.
pub const BLOBS: &str = "blobs";
/// Copies of stored records that did not read, made before a write replaced them; never deleted
/// by the app (docs/storage.md).
pub const RESCUE: &str = "rescue";

pub const VERSIONS: &[Version] = &[
    Version {
        version: 1,
        adds: &[StoreDef { name: META, auto_increment: false }],
    },
    Version {
        version: 2,
        adds: &[
            StoreDef { name: PAGES, auto_increment: false },
            StoreDef { name: JOURNAL, auto_increment: true },
            StoreDef { name: BLOBS, auto_increment: false },
        ],
    },
    Version {
        version: 3,
        adds: &[StoreDef { name: RESCUE, auto_increment: false }],
    },
];

pub fn current_version() -> u32 {
    VERSIONS.last().map(|v| v.version).unwrap_or(1)
}

/// Every store that exists at `version`.
pub fn stores_at(version: u32) -> impl Iterator<Item = &'static StoreDef> {
    VERSIONS
        .iter()
        .filter(move |v| v.version <= version)
        .flat_map(|v| v.adds.iter())
}
