//! The manager passphrase that releases an order held by credit (信用冻结): kept only as a salted
//! slow hash — PBKDF2-HMAC-SHA256 with at least 600,000 iterations (OWASP's figure for it), 16
//! random bytes of salt, 32 bytes out — never in clear. The hashing itself is the caller's (the
//! app uses WebCrypto, measured several times faster than wasm); this keeps the record, checks
//! its shape and compares in constant time.

use serde::{Deserialize, Serialize};

/// The fewest PBKDF2 iterations a stored hash may have.
pub const MIN_ITERATIONS: u32 = 600_000;
/// The shortest passphrase a manager may set.
pub const MIN_CHARS: usize = 8;

/// A stored passphrase hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassHash {
    /// Hex of the salt.
    pub salt: String,
    pub iterations: u32,
    /// Hex of the 32-byte PBKDF2 output.
    pub hash: String,
}

/// Why a passphrase cannot be set.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(crate::primitives::lang::Lang::En))]
pub enum PassError {
    TooShort,
    /// The two entries differ.
    Mismatch,
}

impl PassError {
    pub fn message(&self, lang: crate::primitives::lang::Lang) -> String {
        match self {
            PassError::TooShort => match lang {
                crate::primitives::lang::Lang::Zh => format!("经理口令至少 {MIN_CHARS} 个字符"),
                crate::primitives::lang::Lang::En => format!("the manager passphrase needs at least {MIN_CHARS} characters"),
            },
            PassError::Mismatch => lang.pick("两次输入的口令不一致", "the two passphrases differ").to_string(),
        }
    }
}

/// Checks a new passphrase and its repetition before anything is hashed.
pub fn check_new(pass: &str, again: &str) -> Result<(), PassError> {
    if pass.chars().count() < MIN_CHARS {
        return Err(PassError::TooShort);
    }
    if pass != again {
        return Err(PassError::Mismatch);
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

impl PassHash {
    /// The record of `derived` = PBKDF2(passphrase, `salt`, `iterations`); `None` when the salt
    /// is shorter than 16 bytes, the output is not 32 bytes or the iterations are too few.
    pub fn new(salt: &[u8], iterations: u32, derived: &[u8]) -> Option<PassHash> {
        (salt.len() >= 16 && derived.len() == 32 && iterations >= MIN_ITERATIONS).then(|| PassHash { salt: hex(salt), iterations, hash: hex(derived) })
    }

    /// The salt to derive with; `None` for a damaged record.
    pub fn salt_bytes(&self) -> Option<Vec<u8>> {
        unhex(&self.salt).filter(|s| s.len() >= 16)
    }

    /// Whether `derived` (PBKDF2 of the typed passphrase with this salt and these iterations)
    /// is the stored hash, compared in constant time. A damaged record matches nothing.
    pub fn matches(&self, derived: &[u8]) -> bool {
        let Some(stored) = unhex(&self.hash) else { return false };
        if stored.len() != 32 || derived.len() != 32 || self.iterations < MIN_ITERATIONS {
            return false;
        }
        stored.iter().zip(derived).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_matches_only_its_own_bytes() {
        let salt = [7u8; 16];
        let derived = [42u8; 32];
        let h = PassHash::new(&salt, MIN_ITERATIONS, &derived).unwrap();
        assert!(h.matches(&derived));
        let mut other = derived;
        other[31] ^= 1;
        assert!(!h.matches(&other));
        assert!(!h.matches(&derived[..31]));
        assert_eq!(h.salt_bytes().unwrap(), salt);
        // Never the passphrase: only hex of salt and hash.
        let json = serde_json::to_string(&h).unwrap();
        assert!(json.contains(&"2a".repeat(32)));
        // Too few iterations, short salt, wrong length: no record; a damaged one matches nothing.
        assert!(PassHash::new(&salt, MIN_ITERATIONS - 1, &derived).is_none());
        assert!(PassHash::new(&[1; 15], MIN_ITERATIONS, &derived).is_none());
        assert!(PassHash::new(&salt, MIN_ITERATIONS, &[0; 31]).is_none());
        let damaged = PassHash { hash: "zz".repeat(32), ..h.clone() };
        assert!(!damaged.matches(&derived));
        let weak = PassHash { iterations: 1, ..h };
        assert!(!weak.matches(&derived));
    }

    #[test]
    fn a_new_passphrase_is_long_enough_and_typed_twice_alike() {
        assert_eq!(check_new("短口令", "短口令"), Err(PassError::TooShort));
        assert_eq!(check_new("manager 2026", "manager 2025"), Err(PassError::Mismatch));
        assert_eq!(check_new("经理口令二〇二六", "经理口令二〇二六"), Ok(()));
        assert!(PassError::TooShort.message(crate::primitives::lang::Lang::Zh).contains("8"));
    }
}
