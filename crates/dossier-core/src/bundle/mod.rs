//! Hand-off bundles (档案包): an archive, or part of one, as one JSON document laid out in lines
//! so that it is written and read one part at a time. The contract is `docs/bundle.md`.
//!
//! - [`format`]: the header and the parts as typed values; reading a part's records.
//! - [`stream`]: the lines (writing them, splitting a file read in slices into them, reading
//!   them in order and telling a cut-short file), the payload digest's input, base64 and hex.
//! - [`crypt`]: the encryption's framing (nonces, key check, accepted parameters). The core
//!   computes no hash and no cipher: the app uses WebCrypto, `dossier-cli` RustCrypto.
//! - [`profile`]: which fields an export profile provides; [`export`]: the parts of an
//!   export; [`import`]: a bundle's records checked, previewed against the archive and planned
//!   as one batch.
//! - [`BundleError`] (this file): every way a file can be refused, worded in both languages.
//!
//! Above the customer and ledger records it carries and the summaries; below the commands.

pub mod crypt;
pub mod export;
pub mod format;
pub mod import;
pub mod profile;
pub mod restore;
pub mod rows;
pub mod stream;

use crate::primitives::lang::Lang;
use crate::primitives::money::format_count;
use format::Counts;

/// Which list of a part a record is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Customer,
    Entry,
    History,
    Rep,
    File,
}

impl RecordKind {
    /// The key of the list in a part.
    pub fn key(self) -> &'static str {
        match self {
            RecordKind::Customer => "customers",
            RecordKind::Entry => "entries",
            RecordKind::History => "history",
            RecordKind::Rep => "reps",
            RecordKind::File => "files",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RecordKind::Customer => lang.pick("客户", "customer"),
            RecordKind::Entry => lang.pick("往来记录", "entry"),
            RecordKind::History => lang.pick("修改记录", "change record"),
            RecordKind::Rep => lang.pick("业务员", "rep"),
            RecordKind::File => lang.pick("附件", "attached file"),
        }
    }
}

/// Why a part cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// The line does not end as a part's does (`,` after every part but the last).
    Layout,
    NotUtf8,
    /// Plaintext that is not an object of record lists (serde_json's words).
    NotJson(String),
    /// An encrypted part that is not a JSON string of base64.
    Base64,
    /// A plaintext part in an encrypted bundle.
    Plain,
    /// An encrypted part in a plaintext bundle.
    Sealed,
    /// It does not decrypt under the key that opened the key check.
    DoesNotOpen,
}

impl Damage {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Damage::Layout => lang.pick("行尾的逗号不对", "its line does not end as a part's should").into(),
            Damage::NotUtf8 => lang.pick("不是 UTF-8 文本", "it is not UTF-8 text").into(),
            Damage::NotJson(d) => {
                if zh { format!("不是有效的 JSON：{d}") } else { format!("it is not valid JSON: {d}") }
            }
            Damage::Base64 => lang.pick("加密内容不是有效的 base64", "the encrypted text is not valid base64").into(),
            Damage::Plain => lang.pick("加密的档案包里有一部分未加密", "a plaintext part in an encrypted bundle").into(),
            Damage::Sealed => lang.pick("未加密的档案包里有一部分是加密的", "an encrypted part in a plaintext bundle").into(),
            Damage::DoesNotOpen => lang.pick("解密失败，内容被改动或损坏", "it does not decrypt: altered or damaged").into(),
        }
    }
}

/// Which encryption parameter a reader refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamProblem {
    Cipher(String),
    Kdf(String),
    Chunk(String),
    /// Outside [`crypt::MIN_ITERATIONS`]..=[`crypt::MAX_ITERATIONS`].
    Iterations(u64),
    /// Not base64 of [`crypt::SALT_LEN`] bytes.
    Salt,
    /// Encrypted, but line 1 has no `key_check`.
    KeyCheckMissing,
    /// Plaintext, but line 1 has a `key_check`.
    KeyCheckUnexpected,
    /// Not base64 of [`crypt::KEY_CHECK_LEN`] bytes.
    KeyCheck,
}

impl ParamProblem {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let unsupported = |what_zh: &str, what_en: &str, found: &str, expected: &str| {
            if zh {
                format!("{what_zh}“{found}”不受支持（应为 {expected}）")
            } else {
                format!("{what_en} \"{found}\" is not supported (expected {expected})")
            }
        };
        match self {
            ParamProblem::Cipher(s) => unsupported("加密算法", "cipher", s, crypt::CIPHER),
            ParamProblem::Kdf(s) => unsupported("密钥派生算法", "key derivation", s, crypt::KDF),
            ParamProblem::Chunk(s) => unsupported("分块方式", "chunking", s, crypt::CHUNK),
            ParamProblem::Iterations(n) => {
                let (n, lo, hi) = (format_count(*n), format_count(crypt::MIN_ITERATIONS.into()), format_count(crypt::MAX_ITERATIONS.into()));
                if zh {
                    format!("密钥迭代次数 {n} 不在 {lo} 到 {hi} 之间")
                } else {
                    format!("{n} key iterations is outside {lo} to {hi}")
                }
            }
            ParamProblem::Salt => lang.pick("盐值应为 16 字节的 base64", "the salt is not 16 bytes of base64").into(),
            ParamProblem::KeyCheckMissing => lang.pick("缺少密码校验值（key_check）", "the key check (key_check) is missing").into(),
            ParamProblem::KeyCheckUnexpected => lang
                .pick("未加密的档案包不应有密码校验值（key_check）", "an unencrypted bundle has a key check (key_check)")
                .into(),
            ParamProblem::KeyCheck => lang
                .pick("密码校验值（key_check）应为 40 字节的 base64", "the key check (key_check) is not 40 bytes of base64")
                .into(),
        }
    }
}

/// Why a bundle is refused: one variant per kind of bad file (and bad passphrase). Part and
/// record indexes are 0-based; messages count from 1.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum BundleError {
    /// No byte at all.
    Empty,
    /// Line 1 is not JSON (a spreadsheet, a picture, a zip…).
    NotJson,
    /// JSON, but line 1 is not a bundle's (another JSON file, or a re-formatted bundle).
    NotBundle,
    NewerVersion { found: u64, supported: u32 },
    /// Line 1 is a bundle's, but its header does not read (serde_json's words).
    BadHeader(String),
    /// A line (1-based) that is not where the layout has one: content after the end, more
    /// parts than the header names, line 1 not ending in `"parts":[`.
    Malformed { line: u64 },
    /// A line longer than any bundle writes ([`stream::LineSplitter`]'s limit).
    LineTooLong { line: u64, max: usize },
    /// The file ends before the `]}` line that follows the header's number of parts.
    Truncated,
    /// The parts' digests do not give `header.payload_sha256`.
    HashMismatch,
    /// The records read are not the header's counts.
    CountsDiffer { said: Counts, found: Counts },
    /// Encrypted, and no passphrase was given.
    PassphraseNeeded,
    EmptyPassphrase,
    /// The key check does not open: a wrong passphrase (or an altered header).
    WrongPassphrase,
    BadParams(ParamProblem),
    /// A part that does not read (the key check opened, so not a wrong passphrase).
    Damaged { part: u64, why: Damage },
    /// A record that does not read, or has no id: which part, list and record, its id and its
    /// customer's where it has them, the field at fault (its key in the file) and serde_json's
    /// words for the problem.
    BadRecord { part: u64, kind: RecordKind, index: u64, id: String, customer: String, field: String, problem: String },
}

impl BundleError {
    /// A sentence for the person holding the file: what is wrong and, where there is one, what
    /// to do.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let s = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            BundleError::Empty => s("文件是空的，不是档案包。", "The file is empty: it is not a bundle."),
            BundleError::NotJson => s(
                "这不是档案包：文件内容不是 JSON（可能选错了文件，例如表格、图片或压缩包）。",
                "Not a bundle: the file is not JSON (perhaps the wrong file, e.g. a spreadsheet, a picture or a zip).",
            ),
            BundleError::NotBundle => s(
                "这不是客户档案的档案包：它是别的 JSON 文件，或是被其他程序重新排版过的档案包。",
                "Not a Dossier bundle: another JSON file, or a bundle re-formatted by another program.",
            ),
            BundleError::NewerVersion { found, supported } => {
                if zh {
                    format!("这个档案包是第 {found} 版格式，本程序只能读到第 {supported} 版：请先更新客户档案再导入。")
                } else {
                    format!("This bundle is format version {found}; this program reads up to version {supported}. Update Dossier, then try again.")
                }
            }
            BundleError::BadHeader(d) => {
                if zh {
                    format!("档案包的文件头读不出（{d}）：文件已损坏或被改动过。")
                } else {
                    format!("The bundle's header does not read ({d}): the file is damaged or was altered.")
                }
            }
            BundleError::Malformed { line } => {
                if zh {
                    format!("档案包第 {line} 行的排列不对：文件被手工改动过，或与别的文件拼接过。")
                } else {
                    format!("Line {line} of the bundle is not laid out as a bundle's lines are: edited by hand, or joined with another file.")
                }
            }
            BundleError::LineTooLong { line, max } => {
                let mb = max >> 20;
                if zh {
                    format!("第 {line} 行超过 {mb} MB，档案包不会写出这么长的行：这不是档案包，或文件已损坏。")
                } else {
                    format!("Line {line} is longer than {mb} MB, more than a bundle ever writes: not a bundle, or damaged.")
                }
            }
            BundleError::Truncated => s(
                "档案包不完整：文件在结尾之前就断了（可能没有复制或下载完），请重新获取。",
                "The bundle is incomplete: the file ends before its last part (not fully copied or downloaded?). Get it again.",
            ),
            BundleError::HashMismatch => s(
                "档案包的内容与它的校验值不符：文件在导出后被改动或损坏了，请重新获取。",
                "The bundle's content does not match its checksum: the file was altered or damaged after export. Get it again.",
            ),
            BundleError::CountsDiffer { said, found } => {
                let list = |c: &Counts| {
                    if zh {
                        format!("客户 {}、往来记录 {}、修改记录 {}、业务员 {}、删除记录 {}", c.customers, c.entries, c.history, c.reps, c.tombstones)
                    } else {
                        format!("{} customers, {} entries, {} change records, {} reps, {} tombstones", c.customers, c.entries, c.history, c.reps, c.tombstones)
                    }
                };
                if zh {
                    format!("档案包的记录数与文件头不符：文件头写的是{}，实际读到{}。", list(said), list(found))
                } else {
                    format!("The bundle's records are not those its header counts: it says {}, the parts hold {}.", list(said), list(found))
                }
            }
            BundleError::PassphraseNeeded => s("这个档案包已加密，请输入密码。", "This bundle is encrypted: give its passphrase."),
            BundleError::EmptyPassphrase => s("密码不能为空。", "The passphrase cannot be empty."),
            BundleError::WrongPassphrase => s(
                "密码不对，打不开这个档案包（也可能是文件头被改动过）。",
                "Wrong passphrase: the bundle does not open with it (or its header was altered).",
            ),
            BundleError::BadParams(p) => {
                if zh {
                    format!("档案包的加密参数不被接受：{}。", p.message(lang))
                } else {
                    format!("The bundle's encryption parameters are not accepted: {}.", p.message(lang))
                }
            }
            BundleError::Damaged { part, why } => {
                let (n, why) = (part + 1, why.message(lang));
                if zh {
                    format!("档案包的第 {n} 部分已损坏（{why}），无法读取：请重新获取文件。")
                } else {
                    format!("Part {n} of the bundle is damaged ({why}) and cannot be read: get the file again.")
                }
            }
            BundleError::BadRecord { part, kind, index, id, customer, field, problem } => {
                let (p, i, k) = (part + 1, index + 1, kind.label(lang));
                let mut who = Vec::new();
                if !id.is_empty() {
                    who.push(if zh { format!("编号 {id}") } else { format!("id {id}") });
                }
                if !customer.is_empty() && customer != id {
                    who.push(if zh { format!("客户 {customer}") } else { format!("customer {customer}") });
                }
                let who = if who.is_empty() {
                    String::new()
                } else if zh {
                    format!("（{}）", who.join("，"))
                } else {
                    format!(" ({})", who.join(", "))
                };
                match (zh, field.is_empty()) {
                    (true, false) => format!("档案包第 {p} 部分的第 {i} 条{k}记录{who}的“{field}”读不出：{problem}。"),
                    (true, true) => format!("档案包第 {p} 部分的第 {i} 条{k}记录{who}读不出：{problem}。"),
                    (false, false) => format!("Part {p}, {k} record {i}{who}: the field \"{field}\" does not read: {problem}."),
                    (false, true) => format!("Part {p}, {k} record {i}{who} does not read: {problem}."),
                }
            }
        }
    }
}
