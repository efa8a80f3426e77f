//! WebCrypto for hand-off bundles: SHA-256, PBKDF2-SHA256 and AES-256-GCM, the browser's own
//! (measured 2.6–10× faster than the same in wasm, and no code in the module). The bundle's
//! framing (nonces, additional data, key check) is the core's (`dossier_core::bundle::crypt`);
//! this only runs the primitives. WebCrypto exists only in secure contexts (https or localhost):
//! [`CryptoError::Insecure`] says so instead of failing obscurely.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// The page is not a secure context: the browser offers no `crypto.subtle`.
    Insecure,
    /// Decryption failed: wrong key, or the bytes were altered.
    Open,
    /// Anything else the browser refused, with its words.
    Failed(String),
}

fn failed(e: JsValue) -> CryptoError {
    CryptoError::Failed(e.as_string().or_else(|| Reflect::get(&e, &"message".into()).ok()?.as_string()).unwrap_or_else(|| format!("{e:?}")))
}

fn subtle() -> Result<web_sys::SubtleCrypto, CryptoError> {
    let window = web_sys::window().ok_or(CryptoError::Insecure)?;
    if !window.is_secure_context() {
        return Err(CryptoError::Insecure);
    }
    let crypto = window.crypto().map_err(|_| CryptoError::Insecure)?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).map_err(|_| CryptoError::Insecure)?;
    if subtle.is_undefined() || subtle.is_null() {
        return Err(CryptoError::Insecure);
    }
    Ok(subtle.unchecked_into())
}

/// Whether this page may use WebCrypto at all (for the 交接 page to say so up front).
pub fn available() -> bool {
    subtle().is_ok()
}

fn bytes_of(value: JsValue) -> Vec<u8> {
    Uint8Array::new(&value).to_vec()
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

/// A SHA-256 started and not yet awaited: WebCrypto copies the data when asked and hashes it
/// off the main thread, so the export goes on with the next page meanwhile.
pub struct Digest(JsFuture);

impl Digest {
    pub fn start(data: &[u8]) -> Result<Digest, CryptoError> {
        let promise = subtle()?.digest_with_str_and_u8_array("SHA-256", data).map_err(failed)?;
        Ok(Digest(JsFuture::from(promise)))
    }

    /// As [`start`](Self::start), for bytes the browser holds.
    pub fn start_held(data: &super::parts::JsBytes) -> Result<Digest, CryptoError> {
        let promise = subtle()?.digest_with_str_and_buffer_source("SHA-256", &data.0).map_err(failed)?;
        Ok(Digest(JsFuture::from(promise)))
    }

    pub async fn finish(self) -> Result<[u8; 32], CryptoError> {
        bytes_of(self.0.await.map_err(failed)?).try_into().map_err(|_| CryptoError::Failed("digest length".into()))
    }
}

/// SHA-256 of `data`.
pub async fn sha256(data: &[u8]) -> Result<[u8; 32], CryptoError> {
    let subtle = subtle()?;
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", data).map_err(failed)?;
    let out = bytes_of(JsFuture::from(promise).await.map_err(failed)?);
    out.try_into().map_err(|_| CryptoError::Failed("digest length".into()))
}

/// An AES-256-GCM key derived from a passphrase; opaque outside storage.
#[derive(Clone)]
pub struct Key(web_sys::CryptoKey);

/// PBKDF2-HMAC-SHA256(passphrase, salt, iterations) → an AES-256-GCM key (not extractable).
pub async fn derive_key(passphrase: &str, salt: &[u8], iterations: u32) -> Result<Key, CryptoError> {
    let subtle = subtle()?;
    let base = pbkdf2_base(&subtle, passphrase, "deriveKey").await?;
    let params = pbkdf2_params(salt, iterations);
    let target = object(&[("name", "AES-GCM".into()), ("length", JsValue::from_f64(256.0))]);
    let usages = js_sys::Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = subtle.derive_key_with_object_and_object(&params, &base, &target, false, &usages).map_err(failed)?;
    Ok(Key(JsFuture::from(key).await.map_err(failed)?.unchecked_into()))
}

/// The passphrase as a PBKDF2 base key, usable for `usage` ("deriveKey" or "deriveBits").
async fn pbkdf2_base(subtle: &web_sys::SubtleCrypto, passphrase: &str, usage: &str) -> Result<web_sys::CryptoKey, CryptoError> {
    let usages = js_sys::Array::of1(&usage.into());
    let base = subtle
        .import_key_with_str("raw", &Uint8Array::from(passphrase.as_bytes()), "PBKDF2", false, &usages)
        .map_err(failed)?;
    Ok(JsFuture::from(base).await.map_err(failed)?.unchecked_into())
}

fn pbkdf2_params(salt: &[u8], iterations: u32) -> Object {
    object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", JsValue::from_f64(iterations as f64)),
    ])
}

/// PBKDF2-HMAC-SHA256(passphrase, salt, iterations), 32 bytes (the manager passphrase's hash).
pub async fn pbkdf2(passphrase: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, CryptoError> {
    let subtle = subtle()?;
    let base = pbkdf2_base(&subtle, passphrase, "deriveBits").await?;
    let params = pbkdf2_params(salt, iterations);
    let bits = subtle.derive_bits_with_object(&params, &base, 256).map_err(failed)?;
    let bits = JsFuture::from(bits).await.map_err(failed)?;
    Ok(Uint8Array::new(&bits).to_vec())
}

fn gcm(nonce: &[u8; 12], aad: &[u8]) -> Object {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(&nonce[..]).into()),
        ("additionalData", Uint8Array::from(aad).into()),
        ("tagLength", JsValue::from_f64(128.0)),
    ])
}

/// AES-256-GCM: ciphertext followed by the 16-byte tag.
pub async fn seal(key: &Key, nonce: &[u8; 12], aad: &[u8], plain: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let subtle = subtle()?;
    let promise = subtle.encrypt_with_object_and_u8_array(&gcm(nonce, aad), &key.0, plain).map_err(failed)?;
    Ok(bytes_of(JsFuture::from(promise).await.map_err(failed)?))
}

/// As [`seal`], for bytes the browser holds; the sealed bytes stay there too.
pub async fn seal_held(key: &Key, nonce: &[u8; 12], aad: &[u8], plain: &super::parts::JsBytes) -> Result<super::parts::JsBytes, CryptoError> {
    let subtle = subtle()?;
    let promise = subtle.encrypt_with_object_and_buffer_source(&gcm(nonce, aad), &key.0, &plain.0).map_err(failed)?;
    Ok(super::parts::JsBytes(Uint8Array::new(&JsFuture::from(promise).await.map_err(failed)?)))
}

/// Opens what [`seal`] made; [`CryptoError::Open`] when the key or the bytes are wrong.
pub async fn open(key: &Key, nonce: &[u8; 12], aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let subtle = subtle()?;
    let promise = subtle.decrypt_with_object_and_u8_array(&gcm(nonce, aad), &key.0, sealed).map_err(failed)?;
    JsFuture::from(promise).await.map(bytes_of).map_err(|_| CryptoError::Open)
}

/// `n` random bytes from the browser's CSPRNG (salts).
pub fn random(n: usize) -> Result<Vec<u8>, CryptoError> {
    let mut out = vec![0u8; n];
    let crypto = web_sys::window().ok_or(CryptoError::Insecure)?.crypto().map_err(|_| CryptoError::Insecure)?;
    crypto.get_random_values_with_u8_array(&mut out).map_err(failed)?;
    Ok(out)
}
