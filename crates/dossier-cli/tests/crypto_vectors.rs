//! Known answers from the standards (and one bundle vector computed with Python's hashlib and
//! `cryptography`, i.e. OpenSSL): the RustCrypto code gives the bytes any other implementation
//! of the same algorithms gives, WebCrypto included.

use dossier_cli::crypto::{pbkdf2_sha256, sha256, Key, Passphrase};
use dossier_core::bundle::crypt::{self, KdfParams};
use dossier_core::bundle::stream::{base64_decode, base64_encode, hex, unhex};

fn bytes(h: &str) -> Vec<u8> {
    unhex(h).unwrap()
}

#[test]
fn sha256_of_abc_fips_180_2() {
    assert_eq!(hex(&sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(hex(&sha256(b"")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

#[test]
fn pbkdf2_hmac_sha256_rfc_7914_section_11() {
    let mut out = [0u8; 64];
    pbkdf2_sha256(b"passwd", b"salt", 1, &mut out);
    assert_eq!(
        hex(&out),
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc\
         49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
    );
    pbkdf2_sha256(b"Password", b"NaCl", 80_000, &mut out);
    assert_eq!(
        hex(&out),
        "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56\
         a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"
    );
}

#[test]
fn aes_256_gcm_test_cases_13_14_16_of_the_gcm_spec() {
    let zero = Key::from_bytes(&[0; 32]);
    assert_eq!(hex(&zero.seal(&[0; 12], b"", b"")), "530f8afbc74536b9a963b4f1c4cb738b");
    assert_eq!(
        hex(&zero.seal(&[0; 12], b"", &[0; 16])),
        "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919"
    );
    let key: [u8; 32] = bytes("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308").try_into().unwrap();
    let nonce: [u8; 12] = bytes("cafebabefacedbaddecaf888").try_into().unwrap();
    let aad = bytes("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    let plain = bytes(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72\
         1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
    );
    let sealed = Key::from_bytes(&key).seal(&nonce, &aad, &plain);
    assert_eq!(
        hex(&sealed),
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa\
         8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662\
         76fc6ece0f4e1768cddf8853bb2d551b"
    );
    assert_eq!(Key::from_bytes(&key).open(&nonce, &aad, &sealed), Some(plain));
    let mut flipped = sealed.clone();
    flipped[3] ^= 1;
    assert_eq!(Key::from_bytes(&key).open(&nonce, &aad, &flipped), None);
    assert_eq!(Key::from_bytes(&key).open(&nonce, b"other", &sealed), None);
}

/// The vector of docs/bundle.md ("Test vector"): the app's WebCrypto code must give the same.
#[test]
fn the_bundle_vector() {
    let salt: [u8; 16] = std::array::from_fn(|i| i as u8);
    assert_eq!(base64_encode(&salt), "AAECAwQFBgcICQoLDA0ODw==");
    let params = KdfParams { iterations: 600_000, salt };
    let mut key = [0u8; 32];
    pbkdf2_sha256("口令 passphrase".as_bytes(), &salt, 600_000, &mut key);
    assert_eq!(hex(&key), "5b5fab6ddae40d07f156e30d88d1b824b30bc25095ba4dbe6f2e5e39f46c6cba");
    let key = Passphrase::new("口令 passphrase").unwrap().key(&params);
    let aad = br#"{"device":"d"}"#;
    let check = key.seal(&crypt::KEY_CHECK_NONCE, aad, crypt::KEY_CHECK_PLAINTEXT);
    assert_eq!(base64_encode(&check), "iwHD1i0V5fLUZfUWgCoHLLxCtfwABRsdyMI5g4ogS+XYfVKOUSJzOg==");
    let part0 = key.seal(&crypt::nonce(0, false), aad, br#"{"reps":[{"id":"r1"}]}"#);
    assert_eq!(base64_encode(&part0), "V/JVmRdveA2iQllaygrt2leV9bYkmPzqQSN1L8XszrF2+k/LCBA=");
    let part1 = base64_decode("QaVqX1Hcz6R2q0QwYf4Fho5A").unwrap();
    assert_eq!(key.open(&crypt::nonce(1, true), aad, &part1).as_deref(), Some(&b"{}"[..]));
    assert_eq!(key.open(&crypt::nonce(1, false), aad, &part1), None, "the last flag is sealed in");
}
