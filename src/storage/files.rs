//! Files the user takes away or brings: a bundle is built as a `Blob` of parts (the browser
//! holds them, spilling large ones to disk, so a 500 MB export never sits in wasm or in one
//! JavaScript string), offered through the share sheet where the browser has one with files
//! (tablets) or as a download, and read back from a `File` in slices.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A file being written: its parts, in order. Pieces are gathered and made into one `Blob` per
/// [`BLOB_GROUP`] bytes: a `Blob` per part (two per page, with the line's end) cost the export of
/// 100,000 customers ~0.7 s more than one `Blob` in all (each is registered with the browser's
/// process), while one `Blob` in all would hold the whole file in the page's memory.
pub struct Parts {
    blobs: Vec<web_sys::Blob>,
    pending: Vec<Uint8Array>,
    pending_bytes: usize,
    group: usize,
}

impl Default for Parts {
    fn default() -> Parts {
        Parts::grouped_by(BLOB_GROUP)
    }
}

/// Bytes gathered before they become one `Blob`.
const BLOB_GROUP: usize = 64 << 20;

impl Parts {
    /// A file whose pieces become one `Blob` per `group` bytes (tests use a small group).
    pub fn grouped_by(group: usize) -> Parts {
        Parts { blobs: Vec::new(), pending: Vec::new(), pending_bytes: 0, group }
    }

    /// Appends bytes; they are copied out of wasm at once.
    pub fn push(&mut self, bytes: &[u8]) -> bool {
        self.gather(Uint8Array::from(bytes))
    }

    /// Appends bytes the browser already holds (no copy through wasm).
    pub fn push_held(&mut self, bytes: &super::parts::JsBytes) -> bool {
        self.gather(bytes.0.clone())
    }

    fn gather(&mut self, bytes: Uint8Array) -> bool {
        self.pending_bytes += bytes.length() as usize;
        self.pending.push(bytes);
        self.pending_bytes < self.group || self.flush()
    }

    /// The gathered pieces as one `Blob`.
    fn flush(&mut self) -> bool {
        if self.pending.is_empty() {
            return true;
        }
        let pieces: Array = self.pending.drain(..).collect();
        self.pending_bytes = 0;
        match web_sys::Blob::new_with_u8_array_sequence(&pieces) {
            Ok(b) => {
                self.blobs.push(b);
                true
            }
            Err(_) => false,
        }
    }

    /// The whole file, `head` first (written last: it holds the counts and the digest).
    pub fn finish(mut self, head: &[u8], mime: &str) -> Option<web_sys::Blob> {
        if !self.flush() {
            return None;
        }
        let all = Array::new();
        all.push(&Uint8Array::from(head));
        for b in self.blobs {
            all.push(&b);
        }
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        web_sys::Blob::new_with_blob_sequence_and_options(&all, &options).ok()
    }
}

/// Bytes as a `Blob` of the given type (an attached file arriving in a bundle): copied out of
/// wasm at once.
pub fn blob_of(bytes: &[u8], mime: &str) -> Option<web_sys::Blob> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&Array::of1(&Uint8Array::from(bytes)), &options).ok()
}

/// A picked or dropped file, read in slices.
#[derive(Clone)]
pub struct Picked {
    blob: web_sys::Blob,
    pub name: String,
    pub size: f64,
}

impl Picked {
    pub fn from_file(file: web_sys::File) -> Picked {
        let name = file.name();
        let size = file.size();
        Picked { blob: file.into(), name, size }
    }

    pub fn from_blob(blob: web_sys::Blob, name: &str) -> Picked {
        let size = blob.size();
        Picked { blob, name: name.to_string(), size }
    }

    /// Bytes `start..end` (clamped to the file).
    pub async fn slice(&self, start: f64, end: f64) -> Result<Vec<u8>, String> {
        self.start_slice(start, end).read().await
    }

    /// Starts reading bytes `start..end` (clamped to the file) at once: the browser reads them
    /// while wasm works on the slice before.
    pub fn start_slice(&self, start: f64, end: f64) -> SliceRead {
        SliceRead(self.blob.slice_with_f64_and_f64(start, end.min(self.size)).map(|part| JsFuture::from(part.array_buffer())).map_err(|e| format!("{e:?}")))
    }
}

/// A slice of a file being read.
pub struct SliceRead(Result<JsFuture, String>);

impl SliceRead {
    pub async fn read(self) -> Result<Vec<u8>, String> {
        let buffer = self.0?.await.map_err(|e| format!("{e:?}"))?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }
}

/// Offers a file: the share sheet where the browser can share files (tablets), else a download.
/// Returns how it went out.
pub async fn offer(blob: &web_sys::Blob, name: &str, prefer_share: bool) -> Offered {
    if prefer_share {
        if let Some(shared) = share(blob, name).await {
            return shared;
        }
    }
    if download(blob, name) {
        Offered::Downloaded
    } else {
        Offered::Failed
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offered {
    Shared,
    /// The user closed the share sheet.
    ShareCancelled,
    Downloaded,
    Failed,
}

/// Whether this browser can share files through the system sheet.
pub fn can_share_files() -> bool {
    let Some(w) = web_sys::window() else { return false };
    let nav = w.navigator();
    Reflect::has(&nav, &"canShare".into()).unwrap_or(false)
}

async fn share(blob: &web_sys::Blob, name: &str) -> Option<Offered> {
    let nav = web_sys::window()?.navigator();
    let can = Reflect::get(&nav, &"canShare".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let share = Reflect::get(&nav, &"share".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let options = web_sys::FilePropertyBag::new();
    options.set_type(&blob.type_());
    let file = web_sys::File::new_with_blob_sequence_and_options(&Array::of1(blob), name, &options).ok()?;
    let data = js_sys::Object::new();
    Reflect::set(&data, &"files".into(), &Array::of1(&file)).ok()?;
    Reflect::set(&data, &"title".into(), &JsValue::from_str(name)).ok()?;
    if !can.call1(&nav, &data).ok()?.as_bool().unwrap_or(false) {
        return None;
    }
    let promise: js_sys::Promise = share.call1(&nav, &data).ok()?.dyn_into().ok()?;
    match JsFuture::from(promise).await {
        Ok(_) => Some(Offered::Shared),
        Err(e) if Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).as_deref() == Some("AbortError") => Some(Offered::ShareCancelled),
        // Not allowed here (no user gesture left, policy): fall back to a download.
        Err(_) => None,
    }
}

/// Offers a `Blob` as a download (a temporary object URL and a link click).
pub(super) fn download(blob: &web_sys::Blob, name: &str) -> bool {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return false };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Ok(a) = document.create_element("a") else { return false };
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", name);
    if let Some(body) = document.body() {
        let _ = body.append_child(&a);
        if let Some(el) = a.dyn_ref::<web_sys::HtmlElement>() {
            el.click();
        }
        let _ = body.remove_child(&a);
    }
    // A large file is read by the download after the click: revoke late.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    true
}
