//! The only module that touches IndexedDB (through rexie) or `JsValue`. Everything above it deals
//! in core types and `StorageError`.

pub mod archive;
pub mod blobs;
pub mod browser;
pub mod channel;
pub mod crypto;
pub mod files;
pub mod parts;
pub mod restore;
mod db;
mod device;
mod error;
mod persist;
pub mod schema;
pub mod withdraw;

pub use db::Db;
pub use device::device_id;
pub use error::StorageError;
pub use persist::{persistence, request_persistence, Persistence};

/// The archive's database name. Tests use their own names.
pub const DB_NAME: &str = "dossier";
