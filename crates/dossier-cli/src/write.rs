//! Writing a bundle line by line into a file beside the output, renamed over it only once
//! complete: a failed run leaves no half-written bundle.

use crate::crypto::{sha256, Key};
use crate::error::CliError;
use dossier_core::bundle::crypt::{additional_data, nonce, KdfParams, KEY_CHECK_NONCE, KEY_CHECK_PLAINTEXT};
use dossier_core::bundle::format::{Counts, Header, Part};
use dossier_core::bundle::stream::{base64_encode, combine_input, first_line, hex, part_line, sealed_part_text, LAST_LINE};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// How an encrypted bundle is sealed: the key and the parameters it was derived with.
pub struct Sealing {
    pub key: Key,
    pub params: KdfParams,
}

pub struct BundleWriter {
    out: Option<BufWriter<File>>,
    tmp: PathBuf,
    path: PathBuf,
    header_text: String,
    /// The additional data of every seal.
    aad: Vec<u8>,
    parts: u64,
    written: u64,
    key: Option<Key>,
}

impl BundleWriter {
    /// Starts the bundle at `path`. `header` must hold the final `parts`, `counts` and
    /// `payload_sha256`; its `encryption` is set from `sealing` (or taken out).
    pub fn create(path: &Path, mut header: Header, sealing: Option<Sealing>) -> Result<BundleWriter, CliError> {
        header.encryption = sealing.as_ref().map(|s| s.params.encryption());
        let header_text = header.to_json();
        let key_check = sealing
            .as_ref()
            .map(|s| base64_encode(&s.key.seal(&KEY_CHECK_NONCE, &additional_data(&header), KEY_CHECK_PLAINTEXT)));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.part"));
        let file = File::create(&tmp).map_err(|e| CliError::io(&tmp, e))?;
        let mut w = BundleWriter {
            out: Some(BufWriter::with_capacity(1 << 20, file)),
            tmp,
            path: path.to_path_buf(),
            parts: header.parts,
            aad: additional_data(&header),
            header_text,
            written: 0,
            key: sealing.map(|s| s.key),
        };
        let line = first_line(&w.header_text, key_check.as_deref());
        w.write(&line)?;
        Ok(w)
    }

    fn write(&mut self, text: &str) -> Result<(), CliError> {
        let out = self.out.as_mut().expect("written before finish");
        out.write_all(text.as_bytes()).map_err(|e| CliError::io(&self.tmp, e))
    }

    /// The next part's plaintext (sealed here if the bundle is encrypted).
    pub fn part(&mut self, text: &str) -> Result<(), CliError> {
        assert!(self.written < self.parts, "more parts than the header names");
        let (index, last) = (self.written, self.written + 1 == self.parts);
        let line = match &self.key {
            Some(key) => {
                part_line(&sealed_part_text(&key.seal(&nonce(index, last), &self.aad, text.as_bytes())), last)
            }
            None => part_line(text, last),
        };
        self.write(&line)?;
        self.written += 1;
        Ok(())
    }

    /// Writes the end, flushes and puts the file in place.
    pub fn finish(mut self) -> Result<(), CliError> {
        assert_eq!(self.written, self.parts, "as many parts as the header names");
        self.write(LAST_LINE)?;
        let out = self.out.take().expect("finished once");
        let done = out
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|file| file.sync_all())
            .map_err(|e| CliError::io(&self.tmp, e))
            .and_then(|()| std::fs::rename(&self.tmp, &self.path).map_err(|e| CliError::io(&self.path, e)));
        if done.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        done
    }
}

impl Drop for BundleWriter {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `parts` as a whole bundle: `header`'s `parts`, `counts` and `payload_sha256` are
/// computed here (the rest is the caller's).
pub fn write_bundle(path: &Path, mut header: Header, parts: &[Part], sealing: Option<Sealing>) -> Result<(), CliError> {
    let texts: Vec<String> = parts.iter().map(Part::to_json).collect();
    let digests: Vec<[u8; 32]> = texts.iter().map(|t| sha256(t.as_bytes())).collect();
    header.parts = parts.len() as u64;
    header.counts = Counts::default();
    parts.iter().for_each(|p| header.counts.add(p));
    header.payload_sha256 = hex(&sha256(&combine_input(&digests)));
    let mut writer = BundleWriter::create(path, header, sealing)?;
    for t in &texts {
        writer.part(t)?;
    }
    writer.finish()
}
