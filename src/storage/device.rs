use rexie::TransactionMode;
use wasm_bindgen::JsValue;

use super::schema::META;
use super::{Db, StorageError};

const DEVICE_KEY: &str = "device_id";

/// This device's id, created on first use and kept forever: every record it writes carries it so
/// that merges can tell devices apart. Read and create happen in one readwrite transaction, so two
/// tabs opening at once still agree on one id.
pub async fn device_id(db: &Db, random: Option<[u8; 16]>) -> Result<String, StorageError> {
    let tx = db.rexie().transaction(&[META], TransactionMode::ReadWrite)?;
    let store = tx.store(META)?;
    let key = JsValue::from_str(DEVICE_KEY);
    if let Some(existing) = store.get(key.clone()).await?.and_then(|v| v.as_string()) {
        tx.done().await?;
        return Ok(existing);
    }
    // Without random bytes every device would get the same id: refuse rather than make one up.
    let Some(random) = random else {
        tx.abort().await?;
        return Err(StorageError::NoRandom);
    };
    let id = dossier_core::new_id(random);
    store.put(&JsValue::from_str(&id), Some(&key)).await?;
    super::db::commit(tx).await?;
    Ok(id)
}
