//! Attachments (photos and PDFs of documents), one `Blob` per key in the `blobs` store. They are
//! written with their document entry (`archive::append`), so here is only reading.

use rexie::TransactionMode;
use wasm_bindgen::{JsCast, JsValue};

use super::schema::BLOBS;
use super::{Db, StorageError};

/// The stored file, or `None` if this device does not have it.
pub async fn get(db: &Db, key: &str) -> Result<Option<web_sys::Blob>, StorageError> {
    let tx = db.rexie().transaction(&[BLOBS], TransactionMode::ReadOnly)?;
    let value = tx.store(BLOBS)?.get(JsValue::from_str(key)).await?;
    tx.done().await?;
    Ok(value.and_then(|v| v.dyn_into::<web_sys::Blob>().ok()))
}

/// A temporary `blob:` address to show or download a file (revoke it when done).
pub fn object_url(blob: &web_sys::Blob) -> Option<String> {
    web_sys::Url::create_object_url_with_blob(blob).ok()
}

/// The stored file's bytes, or `None` if this device does not have it (a 备份 bundle carries
/// them).
pub async fn bytes(db: &Db, key: &str) -> Result<Option<Vec<u8>>, StorageError> {
    let Some(blob) = get(db, key).await? else { return Ok(None) };
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.map_err(|e| StorageError::Failed(format!("{e:?}")))?;
    Ok(Some(js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// The keys of every stored file.
pub async fn keys(db: &Db) -> Result<std::collections::HashSet<String>, StorageError> {
    let tx = db.rexie().transaction(&[BLOBS], TransactionMode::ReadOnly)?;
    let keys = tx.store(BLOBS)?.get_all_keys(None, None).await?;
    tx.done().await?;
    Ok(keys.into_iter().filter_map(|k| k.as_string()).collect())
}
