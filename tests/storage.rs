//! IndexedDB foundation, against the real thing in headless Chromium.
#![cfg(target_arch = "wasm32")]

use dossier::storage::{device_id, schema, Db, StorageError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) {
    Db::delete(name).await.expect("delete test database");
}

fn has_store(db: &Db, name: &str) -> bool {
    db.store_names().iter().any(|s| s == name)
}

#[wasm_bindgen_test]
async fn opens_writes_reads_and_keeps_across_reopen() {
    let name = "test-open";
    fresh(name).await;
    let db = Db::open(name).await.expect("open");
    assert_eq!(db.version(), schema::current_version());
    for store in schema::stores_at(schema::current_version()) {
        assert!(has_store(&db, store.name), "missing store {}", store.name);
    }
    db.meta_put("greeting", "你好 hello").await.expect("put");
    assert_eq!(db.meta_get("greeting").await.unwrap().as_deref(), Some("你好 hello"));
    assert_eq!(db.meta_get("absent").await.unwrap(), None);
    db.close();

    let db = Db::open(name).await.expect("reopen");
    assert_eq!(db.meta_get("greeting").await.unwrap().as_deref(), Some("你好 hello"));
    db.close();
}

#[wasm_bindgen_test]
async fn upgrades_a_v1_database_and_keeps_its_records() {
    let name = "test-upgrade";
    fresh(name).await;
    let v1 = Db::open_at(name, 1).await.expect("open v1");
    assert_eq!(v1.version(), 1);
    assert_eq!(v1.store_names(), vec![schema::META.to_string()]);
    let device = device_id(&v1, Some([7; 16])).await.expect("device id in v1");
    v1.meta_put("note", "written by v1").await.unwrap();
    v1.close();

    let db = Db::open(name).await.expect("upgrade to current");
    assert_eq!(db.version(), schema::current_version());
    assert!(schema::current_version() > 1);
    for store in [schema::META, schema::PAGES, schema::JOURNAL, schema::BLOBS] {
        assert!(has_store(&db, store), "upgrade did not create {store}");
    }
    assert_eq!(db.meta_get("note").await.unwrap().as_deref(), Some("written by v1"));
    assert_eq!(device_id(&db, Some([9; 16])).await.unwrap(), device, "device id changed on upgrade");
    db.close();
}

#[wasm_bindgen_test]
async fn device_id_is_created_once_and_kept() {
    let name = "test-device";
    fresh(name).await;
    let db = Db::open(name).await.unwrap();
    let first = device_id(&db, Some([1; 16])).await.unwrap();
    let again = device_id(&db, Some([2; 16])).await.unwrap();
    assert_eq!(first, again);
    // UUID v4 text: version nibble 4, variant 8..b.
    assert_eq!(first.len(), 36);
    assert_eq!(&first[14..15], "4");
    db.close();
    let db = Db::open(name).await.unwrap();
    assert_eq!(device_id(&db, Some([3; 16])).await.unwrap(), first);
    // Once it exists, no random bytes are needed to read it.
    assert_eq!(device_id(&db, None).await.unwrap(), first);
    db.close();
}

#[wasm_bindgen_test]
async fn no_device_id_is_made_up_without_random_bytes() {
    let name = "test-device-no-random";
    fresh(name).await;
    let db = Db::open(name).await.unwrap();
    assert_eq!(device_id(&db, None).await, Err(StorageError::NoRandom));
    assert_eq!(db.meta_get("device_id").await.unwrap(), None, "nothing was written");
    db.close();
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_version_is_reported_as_such() {
    let name = "test-newer";
    fresh(name).await;
    Db::open(name).await.unwrap().close();
    let err = Db::open_at(name, 1).await.expect_err("opening at an older version must fail");
    assert!(matches!(err, StorageError::NewerVersion(_)), "got {err:?}");
}
