//! SHA-256, PBKDF2-HMAC-SHA256 and AES-256-GCM from RustCrypto: the algorithms the app takes
//! from WebCrypto, so the bytes are the same (known-answer tests in tests/crypto_vectors.rs).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use dossier_core::bundle::crypt::{check_passphrase, KdfParams, KEY_LEN, NONCE_LEN, SALT_LEN};
use dossier_core::bundle::BundleError;
use std::cell::RefCell;
use sha2::{Digest, Sha256};

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// PBKDF2-HMAC-SHA256 of the passphrase's UTF-8 bytes.
pub fn pbkdf2_sha256(passphrase: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
    pbkdf2::pbkdf2_hmac::<Sha256>(passphrase, salt, iterations, out);
}

/// The AES-256 key of one bundle.
#[derive(Clone)]
pub struct Key(Aes256Gcm);

impl Key {
    /// Derives the key (600,000 iterations take about half a second).
    pub fn derive(passphrase: &str, params: &KdfParams) -> Key {
        let mut bytes = [0u8; KEY_LEN];
        pbkdf2_sha256(passphrase.as_bytes(), &params.salt, params.iterations, &mut bytes);
        Key::from_bytes(&bytes)
    }

    pub fn from_bytes(bytes: &[u8; KEY_LEN]) -> Key {
        Key(Aes256Gcm::new(bytes.into()))
    }

    /// Ciphertext ‖ tag.
    pub fn seal(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
        self.0
            .encrypt(Nonce::from_slice(nonce), Payload { msg: plaintext, aad })
            .expect("AES-GCM seals any part a bundle holds")
    }

    /// The plaintext, or `None` if the tag does not verify.
    pub fn open(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
        self.0.decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad }).ok()
    }
}

/// A passphrase and the keys derived from it so far: reading a bundle that the same run wrote or
/// read (same salt and iterations) derives no second time.
pub struct Passphrase {
    text: String,
    keys: RefCell<Vec<(KdfParams, Key)>>,
}

impl Passphrase {
    /// Refuses an empty passphrase.
    pub fn new(text: impl Into<String>) -> Result<Passphrase, BundleError> {
        let text = text.into();
        check_passphrase(&text)?;
        Ok(Passphrase { text, keys: RefCell::new(Vec::new()) })
    }

    pub fn key(&self, params: &KdfParams) -> Key {
        if let Some((_, key)) = self.keys.borrow().iter().find(|(p, _)| p == params) {
            return key.clone();
        }
        let key = Key::derive(&self.text, params);
        self.keys.borrow_mut().push((*params, key.clone()));
        key
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// A fresh salt from the operating system.
pub fn random_salt() -> std::io::Result<[u8; SALT_LEN]> {
    let mut salt = [0u8; SALT_LEN];
    getrandom::fill(&mut salt).map_err(std::io::Error::other)?;
    Ok(salt)
}
