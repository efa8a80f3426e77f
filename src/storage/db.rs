use std::rc::Rc;

use rexie::{ObjectStore, Rexie, TransactionMode};
use wasm_bindgen::JsValue;

use super::schema::{self, META};
use super::StorageError;

/// Waits for a transaction to finish and fails unless it committed: rexie reports an abort (a full
/// disk at commit time, a crash of the backing store) as a normal result, which must never pass
/// for a save.
pub(super) async fn commit(tx: rexie::Transaction) -> Result<(), StorageError> {
    match tx.done().await? {
        rexie::TransactionResult::Committed => Ok(()),
        rexie::TransactionResult::Aborted => Err(match super::browser::last_abort().as_deref() {
            Some("QuotaExceededError") => StorageError::QuotaFull("the transaction was aborted: QuotaExceededError".into()),
            Some(name) => StorageError::Failed(format!("the transaction was aborted: {name}")),
            None => StorageError::Failed("the transaction was aborted".into()),
        }),
    }
}

/// An open archive database. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    inner: Rc<Rexie>,
}

impl Db {
    /// Opens (creating or upgrading as needed) at the current schema version.
    pub async fn open(name: &str) -> Result<Db, StorageError> {
        Self::open_at(name, schema::current_version()).await
    }

    /// Opens at a given schema version; tests use it to create old databases.
    pub async fn open_at(name: &str, version: u32) -> Result<Db, StorageError> {
        super::browser::install_strict_durability();
        let mut builder = Rexie::builder(name).version(version);
        for store in schema::stores_at(version) {
            let mut def = ObjectStore::new(store.name);
            if store.auto_increment {
                def = def.auto_increment(true);
            }
            builder = builder.add_object_store(def);
        }
        let rexie = builder.build().await?;
        Ok(Db { inner: Rc::new(rexie) })
    }

    pub async fn delete(name: &str) -> Result<(), StorageError> {
        Rexie::delete(name).await.map_err(Into::into)
    }

    pub fn version(&self) -> u32 {
        self.inner.version().unwrap_or(0)
    }

    pub fn store_names(&self) -> Vec<String> {
        self.inner.store_names()
    }

    /// Closes the connection if this is the last handle (an upgrade elsewhere waits for it).
    pub fn close(self) {
        if let Ok(rexie) = Rc::try_unwrap(self.inner) {
            rexie.close();
        }
    }

    pub(super) fn rexie(&self) -> &Rexie {
        &self.inner
    }

    /// A small value from the meta store.
    pub async fn meta_get(&self, key: &str) -> Result<Option<String>, StorageError> {
        let tx = self.inner.transaction(&[META], TransactionMode::ReadOnly)?;
        let value = tx.store(META)?.get(JsValue::from_str(key)).await?;
        Ok(value.and_then(|v| v.as_string()))
    }

    /// Writes a small value and waits until it is durable.
    pub async fn meta_put(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let tx = self.inner.transaction(&[META], TransactionMode::ReadWrite)?;
        tx.store(META)?
            .put(&JsValue::from_str(value), Some(&JsValue::from_str(key)))
            .await?;
        commit(tx).await?;
        Ok(())
    }
}
