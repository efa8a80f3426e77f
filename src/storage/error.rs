use thiserror::Error;

/// Every storage failure, reduced to what the user can act on. The string keeps the browser's own
/// words for diagnostics; the message shown comes from the translation table.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    #[error("IndexedDB is unavailable: {0}")]
    Unavailable(String),
    #[error("storage quota exceeded: {0}")]
    QuotaFull(String),
    #[error("the database was written by a newer version: {0}")]
    NewerVersion(String),
    #[error("another tab is blocking the database: {0}")]
    Blocked(String),
    #[error("stored data cannot be read: {0}")]
    Corrupt(String),
    #[error("storage operation failed: {0}")]
    Failed(String),
    #[error("the browser gave no random bytes, so no new id can be made")]
    NoRandom,
}

impl From<rexie::Error> for StorageError {
    fn from(e: rexie::Error) -> Self {
        let detail = e.to_string();
        match e {
            rexie::Error::IdbError(inner) => from_idb(inner, detail),
            _ => StorageError::Failed(detail),
        }
    }
}

fn from_idb(e: idb::Error, detail: String) -> StorageError {
    match e {
        idb::Error::IndexedDbNotFound(_) | idb::Error::IndexedDbOpenFailed(_) => {
            StorageError::Unavailable(detail)
        }
        idb::Error::DomException(ex) => match ex.name().as_str() {
            "QuotaExceededError" => StorageError::QuotaFull(detail),
            "VersionError" => StorageError::NewerVersion(detail),
            // Private windows and blocked site data fail the open with these.
            "SecurityError" | "InvalidStateError" | "UnknownError" | "NotAllowedError" => {
                StorageError::Unavailable(detail)
            }
            "DataCloneError" | "DataError" => StorageError::Corrupt(detail),
            _ => StorageError::Failed(detail),
        },
        _ => StorageError::Failed(detail),
    }
}
