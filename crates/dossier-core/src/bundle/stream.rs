//! A bundle's lines. Writing: [`first_line`], [`part_line`] for each part, [`LAST_LINE`]; the
//! file is their concatenation. Reading a file fed in slices of any size:
//! ```text
//! let (mut lines, mut reader) = (LineSplitter::new(), Reader::new());
//! for slice in file {
//!     lines.feed(slice);
//!     while let Some(line) = lines.next_line()? { match reader.line(line)? { … } }
//! }
//! reader.finish(lines.finish()?)?; // `]}` came after exactly `header.parts` parts
//! ```
//! then the payload digest ([`combine_input`], [`check_payload`]). Nothing here holds more than
//! one line and one slice.

use super::crypt::{check_params, key_check_bytes, KdfParams};
use super::format::{Header, FORMAT, VERSION};
use super::{BundleError, Damage, ParamProblem};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::value::RawValue;

/// How line 1 starts, to the version number.
pub const FIRST_LINE_START: &str = r#"{"format":"dossier-bundle","version":"#;
/// How line 1 ends (before its `\n`).
pub const FIRST_LINE_END: &str = r#""parts":["#;
/// The last line, as written.
pub const LAST_LINE: &str = "]}\n";
const END: &[u8] = b"]}";

// ---- writing

/// Line 1 (with its `\n`). `header_json` is the header's text ([`Header::to_json`]);
/// `key_check` is the base64 of the sealed key check of an encrypted bundle (its additional
/// data: [`super::crypt::additional_data`]).
pub fn first_line(header_json: &str, key_check: Option<&str>) -> String {
    debug_assert!(!header_json.contains('\n'), "a header is one line");
    let mut line = String::with_capacity(header_json.len() + 128);
    line.push_str(FIRST_LINE_START);
    line.push_str(&VERSION.to_string());
    line.push_str(r#","header":"#);
    line.push_str(header_json);
    if let Some(k) = key_check {
        line.push_str(r#","key_check":"#);
        line.push_str(&serde_json::to_string(k).expect("a string serializes"));
    }
    line.push(',');
    line.push_str(FIRST_LINE_END);
    line.push('\n');
    line
}

/// A part's line (with its `,` unless `last`, and its `\n`). `part_text` is the part's JSON
/// ([`super::format::Part::to_json`]) or, encrypted, [`sealed_part_text`].
pub fn part_line(part_text: &str, last: bool) -> String {
    debug_assert!(!part_text.contains('\n'), "a part is one line");
    let mut line = String::with_capacity(part_text.len() + 2);
    line.push_str(part_text);
    if !last {
        line.push(',');
    }
    line.push('\n');
    line
}

/// An encrypted part's text: the JSON string of the base64 of ciphertext ‖ tag.
pub fn sealed_part_text(sealed: &[u8]) -> String {
    format!("\"{}\"", base64_encode(sealed))
}

/// The whole line of an encrypted part ([`sealed_part_text`] then [`part_line`]), written into
/// one buffer.
pub fn sealed_part_line(sealed: &[u8], last: bool) -> String {
    let mut out = Vec::with_capacity(sealed.len().div_ceil(3) * 4 + 4);
    out.push(b'"');
    base64_into(sealed, &mut out);
    out.push(b'"');
    if !last {
        out.push(b',');
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

// ---- splitting into lines

/// The longest line [`LineSplitter::new`] accepts: a part is one stored page (1,000 customers
/// with their files, a few MB); far beyond that the file is not a bundle.
pub const DEFAULT_MAX_LINE: usize = 256 << 20;

/// Cuts bytes fed in slices of any size into lines (without their `\n`, nor a `\r` before it).
/// Holds at most the slice being read and the start of a line begun in an earlier slice.
#[derive(Debug)]
pub struct LineSplitter {
    slice: Vec<u8>,
    pos: usize,
    /// The part of a line begun in an earlier slice (or the whole line last returned from it).
    pending: Vec<u8>,
    pending_returned: bool,
    lines: u64,
    max: usize,
}

impl Default for LineSplitter {
    fn default() -> Self {
        LineSplitter::new()
    }
}

impl LineSplitter {
    pub fn new() -> LineSplitter {
        LineSplitter::with_max_line(DEFAULT_MAX_LINE)
    }

    /// A longer line is [`BundleError::LineTooLong`].
    pub fn with_max_line(max: usize) -> LineSplitter {
        LineSplitter { slice: Vec::new(), pos: 0, pending: Vec::new(), pending_returned: false, lines: 0, max }
    }

    /// The next slice of the file. Call [`LineSplitter::next_line`] until it gives `None` before
    /// feeding the next one (bytes left unread are kept, at the price of holding them).
    pub fn feed(&mut self, slice: impl Into<Vec<u8>>) {
        self.release();
        self.pending.extend_from_slice(&self.slice[self.pos..]);
        self.slice = slice.into();
        self.pos = 0;
    }

    /// Lines returned so far.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    fn release(&mut self) {
        if self.pending_returned {
            self.pending.clear();
            self.pending_returned = false;
        }
    }

    fn too_long(&self, len: usize) -> Result<(), BundleError> {
        if len > self.max {
            Err(BundleError::LineTooLong { line: self.lines + 1, max: self.max })
        } else {
            Ok(())
        }
    }

    /// The next complete line, or `None` when the slice is used up (feed the next, or finish).
    pub fn next_line(&mut self) -> Result<Option<&[u8]>, BundleError> {
        self.release();
        let rest = &self.slice[self.pos..];
        let Some(i) = memchr::memchr(b'\n', rest) else {
            self.too_long(self.pending.len() + rest.len())?;
            self.pending.extend_from_slice(rest);
            self.pos = self.slice.len();
            return Ok(None);
        };
        self.too_long(self.pending.len() + i)?;
        let start = self.pos;
        self.pos += i + 1;
        self.lines += 1;
        if self.pending.is_empty() {
            return Ok(Some(trim_cr(&self.slice[start..start + i])));
        }
        self.pending.extend_from_slice(&self.slice[start..start + i]);
        self.pending_returned = true;
        Ok(Some(trim_cr(&self.pending)))
    }

    /// At the end of the file: the last line if it has no `\n` after it.
    pub fn finish(&mut self) -> Result<Option<&[u8]>, BundleError> {
        self.release();
        let rest = &self.slice[self.pos..];
        self.too_long(self.pending.len() + rest.len())?;
        self.pending.extend_from_slice(rest);
        self.pos = self.slice.len();
        if self.pending.is_empty() {
            return Ok(None);
        }
        self.lines += 1;
        self.pending_returned = true;
        Ok(Some(trim_cr(&self.pending)))
    }
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

// ---- reading lines

/// Line 1, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FirstLine {
    pub header: Header,
    /// The exact text of the header object in line 1.
    pub header_text: String,
    /// Base64 of the sealed key check (encrypted bundles only).
    pub key_check: Option<String>,
    /// The checked key derivation parameters (encrypted bundles only).
    pub kdf: Option<KdfParams>,
}

impl FirstLine {
    pub fn encrypted(&self) -> bool {
        self.kdf.is_some()
    }
}

#[derive(Deserialize)]
struct FirstRaw<'a> {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u64,
    #[serde(borrow)]
    header: &'a RawValue,
    #[serde(default)]
    key_check: Option<String>,
    #[allow(dead_code)]
    parts: Vec<IgnoredAny>,
}

/// Reads line 1: refuses another kind of file, a newer version, a header that does not read and
/// encryption parameters a reader does not accept. Keeps the header's exact text.
pub fn read_first_line(line: &[u8]) -> Result<FirstLine, BundleError> {
    let Some(after) = line.strip_prefix(FIRST_LINE_START.as_bytes()) else {
        return Err(match line.iter().find(|b| !b.is_ascii_whitespace()) {
            None => BundleError::Empty,
            Some(b'{') | Some(b'[') => BundleError::NotBundle,
            Some(_) => BundleError::NotJson,
        });
    };
    // The version first: a newer one may lay its lines out otherwise.
    let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
    let version: u64 = std::str::from_utf8(&after[..digits])
        .ok()
        .and_then(|d| d.parse().ok())
        .filter(|v| *v > 0 && after.get(digits) == Some(&b','))
        .ok_or(BundleError::NotBundle)?;
    if version > u64::from(VERSION) {
        return Err(BundleError::NewerVersion { found: version, supported: VERSION });
    }
    if !line.ends_with(FIRST_LINE_END.as_bytes()) {
        return Err(BundleError::Malformed { line: 1 });
    }
    let mut doc = Vec::with_capacity(line.len() + 2);
    doc.extend_from_slice(line);
    doc.extend_from_slice(END);
    let raw: FirstRaw = serde_json::from_slice(&doc).map_err(|e| {
        if e.is_data() {
            BundleError::BadHeader(e.to_string())
        } else {
            BundleError::Malformed { line: 1 }
        }
    })?;
    let header_text = raw.header.get().to_string();
    let header: Header = serde_json::from_str(&header_text).map_err(|e| BundleError::BadHeader(e.to_string()))?;
    if header.payload_sha256.len() != 64 || !header.payload_sha256.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(BundleError::BadHeader("payload_sha256 is not 64 lower-case hex digits".into()));
    }
    debug_assert_eq!(FIRST_LINE_START, format!(r#"{{"format":"{FORMAT}","version":"#));
    let kdf = match (&header.encryption, &raw.key_check) {
        (Some(e), Some(k)) => {
            let kdf = check_params(e)?;
            key_check_bytes(k)?;
            Some(kdf)
        }
        (Some(e), None) => {
            check_params(e)?;
            return Err(BundleError::BadParams(ParamProblem::KeyCheckMissing));
        }
        (None, Some(_)) => return Err(BundleError::BadParams(ParamProblem::KeyCheckUnexpected)),
        (None, None) => None,
    };
    Ok(FirstLine { header, header_text, key_check: raw.key_check, kdf })
}

/// A part's text as its line holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartText<'a> {
    /// The part's exact JSON text (without the `,`): what its digest is taken over, and what
    /// [`super::format::Part::parse`] reads.
    Plain(&'a str),
    /// Ciphertext ‖ tag, decoded from the base64: open it with [`super::crypt::nonce`].
    Sealed(Vec<u8>),
}

/// Reads the line of part `index` (0-based), which ends with `,` unless it is the `last`.
pub fn read_part_line(line: &[u8], index: u64, last: bool) -> Result<PartText<'_>, BundleError> {
    let damaged = |why| Err(BundleError::Damaged { part: index, why });
    let text = match (line.strip_suffix(b","), last) {
        (Some(text), false) => text,
        (None, true) => line,
        _ => return damaged(Damage::Layout),
    };
    match (text.first(), text.last()) {
        (Some(b'{'), Some(b'}')) => match std::str::from_utf8(text) {
            Ok(t) => Ok(PartText::Plain(t)),
            Err(_) => damaged(Damage::NotUtf8),
        },
        (Some(b'"'), Some(b'"')) if text.len() >= 2 => {
            match std::str::from_utf8(&text[1..text.len() - 1]).ok().and_then(base64_decode) {
                Some(sealed) => Ok(PartText::Sealed(sealed)),
                None => damaged(Damage::Base64),
            }
        }
        _ => damaged(Damage::Layout),
    }
}

/// What a line was, as [`Reader::line`] read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    First(Box<FirstLine>),
    /// Part `index` (0-based) of the header's `parts`; `last`: the last of them.
    Part { index: u64, last: bool, text: PartText<'a> },
    /// The `]}` line.
    End,
    /// A blank line after the end (tolerated).
    Blank,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next {
    First,
    Part(u64),
    End,
    Done,
}

/// Reads a bundle's lines in order: line 1, exactly `header.parts` parts, `]}`.
#[derive(Clone, Debug)]
pub struct Reader {
    next: Next,
    parts: u64,
    encrypted: bool,
    line: u64,
    /// The part whose line had no `,` though more parts were to come.
    no_comma: Option<u64>,
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

impl Reader {
    pub fn new() -> Reader {
        Reader { next: Next::First, parts: 0, encrypted: false, line: 0, no_comma: None }
    }

    /// The next line of the file (from [`LineSplitter`]).
    pub fn line<'a>(&mut self, line: &'a [u8]) -> Result<Line<'a>, BundleError> {
        self.line += 1;
        match self.next {
            Next::First => {
                let first = read_first_line(line)?;
                self.parts = first.header.parts;
                self.encrypted = first.encrypted();
                self.next = if self.parts == 0 { Next::End } else { Next::Part(0) };
                Ok(Line::First(Box::new(first)))
            }
            // Fewer parts than the header names: cut short (or a part taken out).
            Next::Part(_) if line == END => Err(BundleError::Truncated),
            // A part line without its `,`, then not `]}`: the two parts were joined.
            Next::Part(_) if self.no_comma.is_some() => {
                Err(BundleError::Damaged { part: self.no_comma.unwrap_or_default(), why: Damage::Layout })
            }
            Next::Part(index) => {
                let last = index + 1 == self.parts;
                let text = match read_part_line(line, index, last) {
                    // Written as the last part: the next line tells a part taken out (`]}`)
                    // from two parts joined.
                    Err(BundleError::Damaged { why: Damage::Layout, .. }) if !last && !line.ends_with(b",") => {
                        self.no_comma = Some(index);
                        read_part_line(line, index, true)?
                    }
                    read => read?,
                };
                match (&text, self.encrypted) {
                    (PartText::Plain(_), true) => return Err(BundleError::Damaged { part: index, why: Damage::Plain }),
                    (PartText::Sealed(_), false) => return Err(BundleError::Damaged { part: index, why: Damage::Sealed }),
                    _ => {}
                }
                self.next = if last { Next::End } else { Next::Part(index + 1) };
                Ok(Line::Part { index, last, text })
            }
            Next::End if line == END => {
                self.next = Next::Done;
                Ok(Line::End)
            }
            Next::Done if line.iter().all(u8::is_ascii_whitespace) => Ok(Line::Blank),
            Next::End | Next::Done => Err(BundleError::Malformed { line: self.line }),
        }
    }

    /// At the end of the file, with what [`LineSplitter::finish`] gave (a last line without
    /// `\n`): refuses a file that ended before its `]}` line, or in the middle of a line.
    pub fn finish(&mut self, rest: Option<&[u8]>) -> Result<(), BundleError> {
        match (self.next, rest) {
            (Next::Done, None) => Ok(()),
            (Next::Done, Some(rest)) if rest.iter().all(u8::is_ascii_whitespace) => Ok(()),
            (Next::Done, Some(_)) => Err(BundleError::Malformed { line: self.line + 1 }),
            (Next::End, Some(END)) => {
                self.line += 1;
                self.next = Next::Done;
                Ok(())
            }
            (Next::First, None) => Err(BundleError::Empty),
            // One line and no `\n`: another kind of file, a bundle cut in line 1 or one whose
            // newlines were taken out.
            (Next::First, Some(line)) if FIRST_LINE_START.as_bytes().starts_with(line) => Err(BundleError::Truncated),
            (Next::First, Some(line)) if line.starts_with(FIRST_LINE_START.as_bytes()) => match read_first_line(line) {
                _ if line[FIRST_LINE_START.len()..].iter().all(u8::is_ascii_digit) => Err(BundleError::Truncated),
                Err(e @ (BundleError::NewerVersion { .. } | BundleError::NotBundle)) => Err(e),
                _ if serde_json::from_slice::<IgnoredAny>(line).is_ok() => Err(BundleError::Malformed { line: 1 }),
                _ => Err(BundleError::Truncated),
            },
            (Next::First, Some(line)) => Err(read_first_line(line).err().unwrap_or(BundleError::Truncated)),
            (Next::Part(_) | Next::End, _) => Err(BundleError::Truncated),
        }
    }
}

// ---- the payload digest

/// The bytes whose SHA-256 is `header.payload_sha256`: each part's SHA-256 (over its plaintext
/// text without the `,`), in order.
pub fn combine_input(part_digests: &[[u8; 32]]) -> Vec<u8> {
    part_digests.concat()
}

/// [`BundleError::HashMismatch`] unless `payload_digest` (SHA-256 of [`combine_input`]) is the
/// header's.
pub fn check_payload(header: &Header, payload_digest: &[u8; 32]) -> Result<(), BundleError> {
    if hex(payload_digest) == header.payload_sha256 {
        Ok(())
    } else {
        Err(BundleError::HashMismatch)
    }
}

// ---- hex and base64

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Hex of either case; `None` for anything else.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes.chunks(2).map(|p| Some(digit(p[0])? << 4 | digit(p[1])?)).collect()
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64, standard alphabet, padded (RFC 4648 §4), as WebCrypto callers get from `btoa`.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    base64_into(bytes, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the base64 of `bytes` (an encrypted part is megabytes: whole groups of three bytes
/// go four characters at a time).
fn base64_into(bytes: &[u8], out: &mut Vec<u8>) {
    let mut groups = bytes.chunks_exact(3);
    for g in &mut groups {
        let n = u32::from(g[0]) << 16 | u32::from(g[1]) << 8 | u32::from(g[2]);
        out.extend_from_slice(&[B64[(n >> 18) as usize & 63], B64[(n >> 12) as usize & 63], B64[(n >> 6) as usize & 63], B64[n as usize & 63]]);
    }
    match *groups.remainder() {
        [a] => out.extend_from_slice(&[B64[usize::from(a >> 2)], B64[usize::from(a & 3) << 4], b'=', b'=']),
        [a, b] => out.extend_from_slice(&[B64[usize::from(a >> 2)], B64[usize::from(a & 3) << 4 | usize::from(b >> 4)], B64[usize::from(b & 15) << 2], b'=']),
        _ => {}
    }
}

/// The inverse of [`base64_encode`]: only its canonical output reads (no whitespace, padding
/// required, unused bits zero), so one byte string has one text.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let quads = bytes.len() / 4;
    for (q, quad) in bytes.chunks(4).enumerate() {
        let pad = if q + 1 == quads { quad.iter().rev().take_while(|&&c| c == b'=').count() } else { 0 };
        if pad > 2 {
            return None;
        }
        let mut n = 0u32;
        for &c in &quad[..4 - pad] {
            n = n << 6 | u32::from(value(c)?);
        }
        n <<= 6 * pad as u32;
        let got = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = 3 - pad;
        if got[keep..].iter().any(|&b| b != 0) {
            return None;
        }
        out.extend_from_slice(&got[..keep]);
    }
    Some(out)
}
