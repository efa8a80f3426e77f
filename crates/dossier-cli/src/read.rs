//! Reading a bundle from disk in slices, one part at a time, checking everything the format
//! lets a reader check: layout, parameters, passphrase, each part's seal, the payload digest.

use crate::crypto::{sha256, Key, Passphrase};
use crate::error::CliError;
use dossier_core::bundle::crypt::{additional_data, check_key, key_check_bytes, nonce, KEY_CHECK_NONCE};
use dossier_core::bundle::stream::{check_payload, combine_input, FirstLine, Line, LineSplitter, PartText, Reader};
use dossier_core::bundle::{BundleError, Damage};
use std::borrow::Cow;
use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

/// How much of the file is read at a time (as the app reads a `File`).
pub const SLICE: usize = 4 << 20;

/// What a command does with a bundle as it is read.
pub trait Visit {
    /// Line 1, once the passphrase (if any) opened the key check.
    fn first(&mut self, _first: &FirstLine) -> Result<(), CliError> {
        Ok(())
    }

    /// Each part's plaintext, in order. A [`CliError::Bundle`] returned here is reported after
    /// the payload digest is checked (a file altered after export says so first) and no later
    /// part is visited; any other error stops the reading at once.
    fn part(&mut self, index: u64, text: &str) -> Result<(), CliError>;
}

/// Reads only line 1 (no passphrase needed).
pub fn read_first(path: &Path) -> Result<FirstLine, CliError> {
    let bad = |e| CliError::bundle(path, e);
    let mut found = None;
    slices(path, |lines, reader| {
        while let Some(line) = lines.next_line().map_err(bad)? {
            if let Line::First(first) = reader.line(line).map_err(bad)? {
                found = Some(*first);
                return Ok(false);
            }
        }
        Ok(true)
    }, |lines, reader| reader.finish(lines.finish().map_err(bad)?).map_err(bad))?;
    found.ok_or_else(|| bad(BundleError::Truncated))
}

/// Reads the whole bundle at `path`, opening it with `passphrase` if it is encrypted, and hands
/// each part's plaintext to `visit`. Returns line 1.
pub fn read_bundle(path: &Path, passphrase: Option<&Passphrase>, visit: &mut dyn Visit) -> Result<FirstLine, CliError> {
    let bad = |e| CliError::bundle(path, e);
    let mut state = State { first: None, key: None, digests: Vec::new(), deferred: None };
    slices(path, |lines, reader| {
        while let Some(line) = lines.next_line().map_err(bad)? {
            let line = reader.line(line).map_err(bad)?;
            state.take(line, path, passphrase, visit)?;
        }
        Ok(true)
    }, |lines, reader| reader.finish(lines.finish().map_err(bad)?).map_err(bad))?;
    let first = state.first.ok_or_else(|| bad(BundleError::Truncated))?;
    check_payload(&first.header, &sha256(&combine_input(&state.digests))).map_err(bad)?;
    match state.deferred {
        Some(e) => Err(e),
        None => Ok(first),
    }
}

/// Feeds the file to a splitter and a reader slice by slice: `each` reads the lines of a slice
/// (returning `false` to stop early), `end` runs at the end of the file.
fn slices(
    path: &Path,
    mut each: impl FnMut(&mut LineSplitter, &mut Reader) -> Result<bool, CliError>,
    end: impl FnOnce(&mut LineSplitter, &mut Reader) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let mut file = File::open(path).map_err(|e| CliError::io(path, e))?;
    let (mut lines, mut reader) = (LineSplitter::new(), Reader::new());
    let mut buf = vec![0u8; SLICE];
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => return end(&mut lines, &mut reader),
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(CliError::io(path, e)),
        };
        lines.feed(&buf[..n]);
        if !each(&mut lines, &mut reader)? {
            return Ok(());
        }
    }
}

struct State {
    first: Option<FirstLine>,
    key: Option<Key>,
    digests: Vec<[u8; 32]>,
    deferred: Option<CliError>,
}

impl State {
    fn take(&mut self, line: Line, path: &Path, passphrase: Option<&Passphrase>, visit: &mut dyn Visit) -> Result<(), CliError> {
        let bad = |e| CliError::bundle(path, e);
        match line {
            Line::First(first) => {
                if let (Some(params), Some(check)) = (&first.kdf, &first.key_check) {
                    let key = passphrase.ok_or_else(|| bad(BundleError::PassphraseNeeded))?.key(params);
                    let sealed = key_check_bytes(check).map_err(bad)?;
                    let opened = key.open(&KEY_CHECK_NONCE, &additional_data(&first.header), &sealed);
                    check_key(opened.as_deref()).map_err(bad)?;
                    self.key = Some(key);
                }
                visit.first(&first)?;
                self.first = Some(*first);
            }
            Line::Part { index, last, text } => {
                let text: Cow<str> = match text {
                    PartText::Plain(t) => Cow::Borrowed(t),
                    PartText::Sealed(sealed) => {
                        let (Some(key), Some(first)) = (&self.key, &self.first) else {
                            unreachable!("the reader gives sealed parts only after an encrypted line 1")
                        };
                        let damaged = |why| bad(BundleError::Damaged { part: index, why });
                        let opened = key
                            .open(&nonce(index, last), &additional_data(&first.header), &sealed)
                            .ok_or_else(|| damaged(Damage::DoesNotOpen))?;
                        Cow::Owned(String::from_utf8(opened).map_err(|_| damaged(Damage::NotUtf8))?)
                    }
                };
                self.digests.push(sha256(text.as_bytes()));
                if self.deferred.is_none() {
                    match visit.part(index, &text) {
                        Err(e @ CliError::Bundle { .. }) => self.deferred = Some(e),
                        other => other?,
                    }
                }
            }
            Line::End | Line::Blank => {}
        }
        Ok(())
    }
}
