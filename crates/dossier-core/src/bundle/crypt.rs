//! The encryption's framing: which parameters a reader accepts, the nonce of each part and the
//! key check. The key derivation (PBKDF2-HMAC-SHA256) and the cipher (AES-256-GCM) are the
//! caller's: WebCrypto in the app, RustCrypto in `dossier-cli`, standard algorithms both, so a
//! bundle sealed by one opens in the other. The additional data of every seal is the header
//! without what is only known once every part is written ([`additional_data`]): the counts and
//! the payload digest are checked against the opened parts instead, so an app can encrypt part
//! by part as it reads its pages, never holding the bundle whole or writing it twice.

use super::format::{Counts, Encryption, Header, Kdf};
use super::stream::{base64_decode, base64_encode};
use super::{BundleError, ParamProblem};

pub const CIPHER: &str = "AES-256-GCM";
pub const KDF: &str = "PBKDF2-SHA256";
/// Each part is one chunk.
pub const CHUNK: &str = "part";
pub const MIN_ITERATIONS: u32 = 600_000;
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const DEFAULT_ITERATIONS: u32 = 600_000;
pub const SALT_LEN: usize = 16;
pub const KEY_LEN: usize = 32;
pub const NONCE_LEN: usize = 12;
/// AES-GCM's tag, appended to the ciphertext.
pub const TAG_LEN: usize = 16;

/// What the key check seals (24 ASCII bytes).
pub const KEY_CHECK_PLAINTEXT: &[u8; 24] = b"dossier-bundle key check";
/// `ff`×11 ‖ `02`: no part's nonce (whose last byte is `00` or `01`).
pub const KEY_CHECK_NONCE: [u8; NONCE_LEN] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02];
/// The sealed key check: plaintext and tag.
pub const KEY_CHECK_LEN: usize = KEY_CHECK_PLAINTEXT.len() + TAG_LEN;

/// The additional data of every seal (parts and key check): the header as [`Header::to_json`]
/// writes it, with `counts` all zero and `payload_sha256` empty. A reader computes it from the
/// header it parsed, so the KDF's name and parameters, the profile, the device and everything
/// else in the header are authenticated; the counts and the digest are compared with the parts.
pub fn additional_data(header: &Header) -> Vec<u8> {
    let mut h = header.clone();
    h.counts = Counts::default();
    h.payload_sha256 = String::new();
    h.to_json().into_bytes()
}

/// The nonce of part `index` (0-based): 11-byte big-endian index ‖ `01` for the last part, `00`
/// for the others. A reader that opens every part with the flag it expects tells a file cut
/// after a complete part (its last part opens only without the flag).
pub fn nonce(index: u64, last: bool) -> [u8; NONCE_LEN] {
    let mut n = [0u8; NONCE_LEN];
    n[3..11].copy_from_slice(&index.to_be_bytes());
    n[11] = u8::from(last);
    n
}

/// The key derivation's parameters, checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
}

impl KdfParams {
    /// For a writer: refuses iterations a reader would refuse (the salt is the caller's random).
    pub fn new(iterations: u64, salt: [u8; SALT_LEN]) -> Result<KdfParams, BundleError> {
        let iterations = checked_iterations(iterations)?;
        Ok(KdfParams { iterations, salt })
    }

    /// `header.encryption` for these parameters.
    pub fn encryption(&self) -> Encryption {
        Encryption {
            cipher: CIPHER.into(),
            kdf: Kdf { name: KDF.into(), iterations: self.iterations.into(), salt: base64_encode(&self.salt) },
            chunk: CHUNK.into(),
        }
    }
}

fn checked_iterations(n: u64) -> Result<u32, BundleError> {
    if (u64::from(MIN_ITERATIONS)..=u64::from(MAX_ITERATIONS)).contains(&n) {
        Ok(n as u32)
    } else {
        Err(BundleError::BadParams(ParamProblem::Iterations(n)))
    }
}

/// The parameters of `header.encryption`, if a reader accepts them: the exact names, iterations
/// in [`MIN_ITERATIONS`]..=[`MAX_ITERATIONS`], a 16-byte salt.
pub fn check_params(e: &Encryption) -> Result<KdfParams, BundleError> {
    let bad = |p| Err(BundleError::BadParams(p));
    if e.cipher != CIPHER {
        return bad(ParamProblem::Cipher(e.cipher.clone()));
    }
    if e.kdf.name != KDF {
        return bad(ParamProblem::Kdf(e.kdf.name.clone()));
    }
    if e.chunk != CHUNK {
        return bad(ParamProblem::Chunk(e.chunk.clone()));
    }
    let iterations = checked_iterations(e.kdf.iterations)?;
    match base64_decode(&e.kdf.salt).and_then(|s| <[u8; SALT_LEN]>::try_from(s).ok()) {
        Some(salt) => Ok(KdfParams { iterations, salt }),
        None => bad(ParamProblem::Salt),
    }
}

/// A passphrase is any non-empty text, used as its UTF-8 bytes (not trimmed, not normalised).
pub fn check_passphrase(passphrase: &str) -> Result<(), BundleError> {
    if passphrase.is_empty() {
        Err(BundleError::EmptyPassphrase)
    } else {
        Ok(())
    }
}

/// The sealed key check of line 1 (`key_check`, base64 of 40 bytes), decoded.
pub fn key_check_bytes(key_check: &str) -> Result<[u8; KEY_CHECK_LEN], BundleError> {
    base64_decode(key_check)
        .and_then(|b| <[u8; KEY_CHECK_LEN]>::try_from(b).ok())
        .ok_or(BundleError::BadParams(ParamProblem::KeyCheck))
}

/// The key check opened (`opened`: what it decrypted to, `None` if the tag did not verify):
/// anything but [`KEY_CHECK_PLAINTEXT`] is a wrong passphrase.
pub fn check_key(opened: Option<&[u8]>) -> Result<(), BundleError> {
    match opened {
        Some(p) if p == KEY_CHECK_PLAINTEXT => Ok(()),
        _ => Err(BundleError::WrongPassphrase),
    }
}
