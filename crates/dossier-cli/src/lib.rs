//! `dossier-cli`: the managers' tool for Dossier's hand-off bundles (docs/bundle.md): inspect,
//! verify, decrypt, encrypt and merge them on a laptop. The format and its checks are
//! `dossier_core::bundle`; this crate adds the file system, the clock, random salts and the
//! crypto (RustCrypto's SHA-256, PBKDF2 and AES-GCM: the algorithms WebCrypto gives the app).
//!
//! - [`cli`]: the command line; [`commands`]: each command as a function;
//! - [`read`]: a bundle read from disk in slices, every check on the way; [`write`]: written
//!   into a file beside the output and put in place when complete;
//! - [`merge`]: many bundles as one; [`crypto`]; [`error`]: failures in both languages.

pub mod cli;
pub mod commands;
pub mod crypto;
pub mod error;
pub mod merge;
pub mod read;
pub mod write;
