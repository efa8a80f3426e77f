use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Whether the browser promised not to evict the archive under storage pressure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    Checking,
    /// Not granted yet: asked after the first real save (asking on a first visit, before anything
    /// is worth keeping, makes browsers more likely to refuse).
    NotYet,
    Granted,
    Denied,
    Unsupported,
}

/// Whether persistence is granted already (`navigator.storage.persisted()`), without asking.
pub async fn persistence() -> Persistence {
    let Some(window) = web_sys::window() else {
        return Persistence::Unsupported;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false) {
        return Persistence::Unsupported;
    }
    match navigator.storage().persisted() {
        Ok(promise) => match JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()) {
            Some(true) => Persistence::Granted,
            Some(false) => Persistence::NotYet,
            None => Persistence::Unsupported,
        },
        Err(_) => Persistence::Unsupported,
    }
}

/// Asks for persistent storage (`navigator.storage.persist()`), unless it is already granted.
pub async fn request_persistence() -> Persistence {
    let Some(window) = web_sys::window() else {
        return Persistence::Unsupported;
    };
    let navigator = window.navigator();
    // Older browsers lack navigator.storage; calling into it would throw.
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false) {
        return Persistence::Unsupported;
    }
    let manager = navigator.storage();
    if let Ok(promise) = manager.persisted() {
        if JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()) == Some(true) {
            return Persistence::Granted;
        }
    }
    match manager.persist() {
        Ok(promise) => match JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()) {
            Some(true) => Persistence::Granted,
            Some(false) => Persistence::Denied,
            None => Persistence::Unsupported,
        },
        Err(_) => Persistence::Unsupported,
    }
}
