//! Browser storage machinery rexie does not reach: durable write transactions, the Web Locks API
//! and the storage estimate.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Makes every read-write transaction that does not choose its own options durable
/// (`durability: "strict"`): Chromium's default is "relaxed", which reports a write complete
/// before it reaches the disk, so a power cut right after "saved" could lose it. rexie 0.6 (and
/// idb 0.6 under it) cannot pass transaction options, hence the wrapper on the prototype that
/// their `db.transaction(stores, mode)` call goes through. Installed once; browsers without the
/// option (Safari < 15 ignores unknown members) are unaffected. The wrapper also notes why the
/// last read-write transaction aborted ([`last_abort`]): rexie reports an abort without its
/// reason, and a full disk aborts at commit with `QuotaExceededError`.
pub fn install_strict_durability() {
    thread_local!(static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    // A JS function is needed because the wrapper must receive `this` (the database).
    let wrap = Function::new_with_args(
        "proto",
        "const original = proto.transaction;\
         if (original.__dossierStrict) return;\
         const strict = function (stores, mode, options) {\
           const tx = (mode === 'readwrite' && options === undefined)\
             ? original.call(this, stores, mode, { durability: 'strict' })\
             : original.apply(this, arguments);\
           if (mode === 'readwrite') tx.addEventListener('abort', () => { proto.__dossierLastAbort = tx.error ? tx.error.name : 'AbortError'; });\
           return tx;\
         };\
         strict.__dossierStrict = true;\
         proto.transaction = strict;",
    );
    let Ok(idb) = Reflect::get(&js_sys::global(), &JsValue::from_str("IDBDatabase")) else { return };
    if idb.is_undefined() {
        return;
    }
    if let Ok(proto) = Reflect::get(&idb, &JsValue::from_str("prototype")) {
        let _ = wrap.call1(&JsValue::NULL, &proto);
    }
}

/// The name of the error that aborted the last read-write transaction (`QuotaExceededError`…),
/// taken (cleared) by this call.
pub fn last_abort() -> Option<String> {
    let proto = Reflect::get(&js_sys::global(), &JsValue::from_str("IDBDatabase")).and_then(|c| Reflect::get(&c, &JsValue::from_str("prototype"))).ok()?;
    let key = JsValue::from_str("__dossierLastAbort");
    let name = Reflect::get(&proto, &key).ok()?.as_string();
    let _ = Reflect::set(&proto, &key, &JsValue::UNDEFINED);
    name
}

/// Runs `work` while holding the Web Lock `name` (exclusive, across this origin's tabs). Where the
/// browser has no `navigator.locks` it runs at once: the checks inside each transaction are the
/// real guard; the lock only keeps two tabs from preparing the same rewrite twice.
pub async fn with_lock<T: 'static>(name: &str, work: impl Future<Output = T> + 'static) -> T {
    let Some(locks) = lock_manager() else { return work.await };
    let Ok(request) = Reflect::get(&locks, &JsValue::from_str("request")).and_then(|f| f.dyn_into::<Function>()) else {
        return work.await;
    };
    // The lock is held until the promise the callback returns settles: resolve it when done.
    let acquired: Rc<RefCell<Option<Function>>> = Rc::default();
    let release: Rc<RefCell<Option<Function>>> = Rc::default();
    let release_promise = {
        let release = release.clone();
        Promise::new(&mut move |resolve, _| *release.borrow_mut() = Some(resolve))
    };
    let acquired_promise = {
        let acquired = acquired.clone();
        Promise::new(&mut move |resolve, _| *acquired.borrow_mut() = Some(resolve))
    };
    let callback = {
        let acquired = acquired.clone();
        Closure::once_into_js(move |_lock: JsValue| -> JsValue {
            if let Some(f) = acquired.borrow_mut().take() {
                let _ = f.call0(&JsValue::NULL);
            }
            release_promise.into()
        })
    };
    if request.call2(&locks, &JsValue::from_str(name), &callback).is_err() {
        return work.await;
    }
    let _ = JsFuture::from(acquired_promise).await;
    let out = work.await;
    if let Some(f) = release.borrow_mut().take() {
        let _ = f.call0(&JsValue::NULL);
    }
    out
}

fn lock_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}

/// Space this origin uses and may use, in bytes (`navigator.storage.estimate()`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Estimate {
    pub usage: f64,
    pub quota: f64,
}

pub async fn estimate() -> Option<Estimate> {
    let navigator = web_sys::window()?.navigator();
    if !Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false) {
        return None;
    }
    let value = JsFuture::from(navigator.storage().estimate().ok()?).await.ok()?;
    let object: &Object = value.dyn_ref()?;
    let get = |k: &str| Reflect::get(object, &JsValue::from_str(k)).ok().and_then(|v| v.as_f64());
    Some(Estimate { usage: get("usage")?, quota: get("quota")? })
}

/// Offers `bytes` as a file download named `name` (the rescue file, the 借阅表 CSV).
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> bool {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else { return false };
    super::files::download(&blob, name)
}

/// Base64 of `bytes` by the browser's own `btoa` (bytes as a Latin-1 string).
pub fn base64(bytes: &[u8]) -> String {
    let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
    web_sys::window().and_then(|w| w.btoa(&latin1).ok()).unwrap_or_default()
}
