//! Hand-off bundles (交接) through the repository: export page by page into a `Blob` of parts,
//! read a picked file in slices, preview an import against this archive, and write it in one
//! save. The bundle's format and the merge are the core's (`dossier_core::bundle`); the pages,
//! WebCrypto and files are storage's. Views call these methods and show what they return.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::rc::Rc;

use chrono::{DateTime, Utc};
use dossier_core::archive::handoffs::{seen_of, Direction, Handoff};
use dossier_core::archive::{Batch, PAGE_ROWS};
use dossier_core::bundle::crypt::{self, KdfParams, KEY_CHECK_NONCE, KEY_CHECK_PLAINTEXT};
use dossier_core::bundle::export::{self, part_of, reps_for};
use dossier_core::bundle::format::{Counts, FileRecord, Header, Lent, Part, Profile, RepRef, Scope};
use dossier_core::bundle::import::{self, Choices, Context, Preview, Report};
use dossier_core::bundle::profile;
use dossier_core::bundle::restore::Restore;
use dossier_core::bundle::stream::{self, Line, LineSplitter, PartText, Reader};
use dossier_core::bundle::BundleError;
use dossier_core::{Hlc, Lang};
use leptos::prelude::*;

use crate::archive_state::{ArchiveState, SaveError};
use crate::perf;
use crate::platform;
use crate::storage::crypto::{self, CryptoError};
use crate::storage::files::{self, Parts};
use crate::storage::parts::JsBytes;
use crate::storage::restore::PageBytes;
/// What views are told about files, without reaching into `storage`.
pub use crate::storage::files::{Offered, Picked};
use crate::storage::StorageError;

/// Why a hand-off did not happen. Nothing was written in any case.
#[derive(Clone, Debug, PartialEq)]
pub enum HandoffError {
    /// The file is not a bundle this app can read, or the passphrase is wrong: the core's words.
    Bundle(BundleError),
    /// Not a secure context: the browser offers no WebCrypto (http:// other than localhost).
    Insecure,
    /// The browser's crypto refused, with its words.
    Crypto(String),
    /// The file could not be read (moved, permission).
    File(String),
    Storage(StorageError),
    Save(SaveError),
    /// Not enough free storage for what the bundle brings (bytes needed, bytes free).
    NoSpace { need: f64, free: f64 },
    /// No customer in the chosen scope.
    NothingToExport,
    /// A choice in the preview cannot be carried out (a merge into a card that changed).
    Import(import::ImportError),
    /// More records than an import holds in memory (it is not streamed yet): what the bundle
    /// says it holds.
    TooLarge { customers: u64, entries: u64 },
    /// A customer was added on this device (another tab) between the preview of a part-by-part
    /// import, which needs an archive without customers, and its confirmation.
    NoLongerEmpty,
}

/// The most an import takes at once: it holds the bundle's records while it previews and
/// plans (10,000 customers with 100,000 entries measured at ~380 MB of wasm memory), and a
/// tablet has 3–4 GB. Larger bundles are refused before anything is read, with the way out.
pub const MAX_IMPORT_CUSTOMERS: u64 = 20_000;
pub const MAX_IMPORT_ENTRIES: u64 = 250_000;

/// Above these, a bundle going into an archive with no customer (a new device, a restore) is
/// imported part by part (`dossier_core::bundle::restore`): never held whole, any size.
pub const STREAM_ABOVE_CUSTOMERS: u64 = 5_000;
pub const STREAM_ABOVE_ENTRIES: u64 = 60_000;

impl From<BundleError> for HandoffError {
    fn from(e: BundleError) -> Self {
        HandoffError::Bundle(e)
    }
}

impl From<CryptoError> for HandoffError {
    fn from(e: CryptoError) -> Self {
        match e {
            CryptoError::Insecure => HandoffError::Insecure,
            CryptoError::Open => HandoffError::Crypto("open".into()),
            CryptoError::Failed(s) => HandoffError::Crypto(s),
        }
    }
}

impl From<StorageError> for HandoffError {
    fn from(e: StorageError) -> Self {
        HandoffError::Storage(e)
    }
}

impl From<SaveError> for HandoffError {
    fn from(e: SaveError) -> Self {
        HandoffError::Save(e)
    }
}

/// The 借阅表's columns the user fills in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogDetails {
    pub borrower: String,
    pub approver: String,
    pub clerk: String,
    pub purpose: String,
}

/// What to export.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    pub profile: Profile,
    pub scope: Scope,
    /// The customers, by id; `None`: every customer (tombstones included, so deletions travel).
    pub ids: Option<HashSet<String>>,
    /// A passphrase locks the bundle (AES-256-GCM, key by PBKDF2).
    pub passphrase: Option<String>,
    /// A lent copy: the date it is due back.
    pub return_by: Option<chrono::NaiveDate>,
    pub details: LogDetails,
    /// Offer the system share sheet (tablets) before a download.
    pub share: bool,
}

/// What an export made.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    pub file_name: String,
    pub digest: String,
    pub counts: Counts,
    pub offered: Offered,
    pub bytes: f64,
    /// A return (归还): how many lent copies were then taken off this device.
    pub withdrawn: usize,
}

impl Exported {
    /// Whether the file went out (shared or downloaded), not just made.
    pub fn sent(&self) -> bool {
        matches!(self.offered, Offered::Shared | Offered::Downloaded)
    }
}

/// A bundle read whole and checked (hash, passphrase, every record), not yet imported.
#[derive(Clone, Debug)]
pub struct Received {
    pub header: Header,
    pub file_name: String,
    pub encrypted: bool,
    pub incoming: Rc<Part>,
    /// The attached files it carries (a 备份), checked, as `Blob`s (held by the browser).
    pub files: Rc<Vec<(String, web_sys::Blob)>>,
    pub bytes: f64,
    /// Read part by part (a bundle too large to hold, into an archive with no customer): the
    /// records were checked and previewed, not kept; the import reads the file again.
    pub streamed: Option<Rc<Streamed>>,
}

/// What the first reading of a bundle imported part by part keeps for the import.
pub struct Streamed {
    file: Picked,
    key: Option<crypto::Key>,
    observed: dossier_core::Numbering,
    pub preview: Preview,
    /// The pages the first reading already made (as bytes outside wasm), when no 登记编号
    /// had to be renumbered: the import then writes them without reading the file again.
    /// Taken by the first try; a try that fails reads the file again.
    ready: RefCell<Option<Ready>>,
}

/// Pages made by the first reading, with what the one transaction writes beside them.
struct Ready {
    pages: PageBytes,
    numbering: dossier_core::Numbering,
    reps: Vec<dossier_core::Rep>,
    wanted: BTreeSet<String>,
    report: Report,
}

impl std::fmt::Debug for Streamed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Streamed").field("rows", &self.preview.rows.len()).finish()
    }
}

/// Slices a picked file is read in: large enough to keep the number of awaits small, small
/// enough that one slice plus one line is all that is held.
const SLICE: f64 = 4.0 * 1024.0 * 1024.0;
/// Stored pages an export reads ahead of the one it works on (~6 MB each at most).
const READ_AHEAD: usize = 4;

fn rep_name(state: ArchiveState) -> RepRef {
    let me = crate::settings::load_me().unwrap_or_default();
    let name = state.archive.with_untracked(|a| a.rep(&me).map(|r| r.name.clone())).unwrap_or_default();
    RepRef { id: me, name }
}

/// `客户档案-<rep>-<date>.dossier.json`, without characters a file system refuses.
pub fn file_name(rep: &str, date: chrono::NaiveDate) -> String {
    let rep: String = rep.chars().filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')).collect();
    let rep = if rep.trim().is_empty() { "本机".to_string() } else { rep.trim().to_string() };
    format!("客户档案-{rep}-{}.dossier.json", date.format("%Y-%m-%d"))
}

fn log_line(state: ArchiveState, direction: Direction, id: String) -> Handoff {
    let at = state.stamp();
    Handoff { id, at, direction: Some(direction), rep: rep_name(state).name, ..Handoff::default() }
}

/// A part's text: made in wasm, or put together by the browser from stored lists.
enum ExportText {
    Made(String),
    Held(JsBytes),
}

impl ExportText {
    fn len(&self) -> usize {
        match self {
            ExportText::Made(t) => t.len(),
            ExportText::Held(b) => b.len(),
        }
    }

    /// Its SHA-256, started (WebCrypto copies the bytes at once).
    fn digest(&self) -> Result<crypto::Digest, CryptoError> {
        match self {
            ExportText::Made(t) => crypto::Digest::start(t.as_bytes()),
            ExportText::Held(b) => crypto::Digest::start_held(b),
        }
    }

    /// Sealed by the browser from where the text is.
    async fn seal(&self, key: &crypto::Key, nonce: &[u8; 12], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
        match self {
            ExportText::Made(t) => crypto::seal(key, nonce, aad, t.as_bytes()).await,
            ExportText::Held(b) => Ok(crypto::seal_held(key, nonce, aad, b).await?.to_vec()),
        }
    }

    /// Appended to the file as it is.
    fn push_into(&self, out: &mut Parts) -> bool {
        match self {
            ExportText::Made(t) => out.push(t.as_bytes()),
            ExportText::Held(b) => out.push_held(b),
        }
    }
}

impl ArchiveState {
    /// Whether this browser can hand a file to the system share sheet (tablets).
    pub fn can_share_files(self) -> bool {
        files::can_share_files()
    }

    /// Whether this page may use WebCrypto (hashes and passphrases need it).
    pub fn crypto_available(self) -> bool {
        crypto::available()
    }

    /// Exports the customers of `req` as a bundle, one stored page at a time (`progress`: pages
    /// done and in all), offers the file, and logs it.
    pub async fn export_bundle(self, req: ExportRequest, progress: RwSignal<Option<(u32, u32)>>) -> Result<Exported, HandoffError> {
        if !crypto::available() {
            return Err(HandoffError::Insecure);
        }
        let t0 = perf::now();
        let repo = self.repo;
        let total = repo.indexes.count();
        let pages: Vec<u32> = match &req.ids {
            None => (0..total.div_ceil(PAGE_ROWS) as u32).collect(),
            Some(ids) => {
                let set: BTreeSet<u32> = ids.iter().filter_map(|id| repo.indexes.position(id)).map(|p| p / PAGE_ROWS as u32).collect();
                set.into_iter().collect()
            }
        };
        if pages.is_empty() {
            return Err(HandoffError::NothingToExport);
        }
        let (key, kdf) = match req.passphrase.as_deref() {
            Some(pass) => {
                crypt::check_passphrase(pass)?;
                let salt: [u8; crypt::SALT_LEN] = crypto::random(crypt::SALT_LEN)?.try_into().map_err(|_| HandoffError::Crypto("salt".into()))?;
                let kdf = KdfParams::new(crypt::DEFAULT_ITERATIONS.into(), salt)?;
                (Some(crypto::derive_key(pass, &salt, kdf.iterations).await?), Some(kdf))
            }
            None => (None, None),
        };
        let reps = self.archive.with_untracked(|a| a.reps().to_vec());
        // A 备份 carries the attached files, one part each after the records: which ones (and
        // so how many parts) must be known before the first part is sealed.
        let file_keys = if profile::provides(&req.profile, profile::FILES) { self.files_in(&pages, req.ids.as_ref(), progress).await? } else { Vec::new() };
        let n = (pages.len() + file_keys.len()) as u32;
        let now = platform::now_ms();
        let rep = rep_name(self);
        let lent = req.return_by.map(|return_by| Lent {
            return_by,
            borrower: req.details.borrower.clone(),
            approver: req.details.approver.clone(),
            clerk: req.details.clerk.clone(),
            purpose: req.details.purpose.clone(),
        });
        // What this device has seen of others, so a receiver tells its own edits that came back
        // from a real conflict.
        let seen: BTreeMap<String, Hlc> = self.archive.with_untracked(|a| {
            let mut m = BTreeMap::new();
            for h in a.handoffs().iter().filter(|h| h.direction == Some(Direction::Import)) {
                let e: &mut Hlc = m.entry(h.peer_device.clone()).or_default();
                *e = (*e).max(h.peer_hlc);
            }
            m
        });
        // Everything but the counts and the digest is known before the first part: it is the
        // additional data of every seal, so each part is sealed as its page is read.
        let mut header = Header {
            created_at: DateTime::<Utc>::from_timestamp_millis(now as i64).unwrap_or_default(),
            hlc: self.stamp().at,
            device: self.device(),
            rep: rep.clone(),
            profile: req.profile.clone(),
            withheld: profile::withheld(&req.profile),
            scope: req.scope.clone(),
            counts: Counts::default(),
            parts: n as u64,
            payload_sha256: String::new(),
            lent,
            encryption: kdf.map(|k| k.encryption()),
            seen,
        };
        let aad = crypt::additional_data(&header);
        let mut out = Parts::default();
        let mut digests = Vec::with_capacity(pages.len());
        let mut counts = Counts::default();
        let mut bytes = 0.0;
        // The customers of a lent copy, for its return.
        let mut lent_ids: Vec<String> = Vec::new();
        // A 备份 of every customer hands each page on as stored (no record parsed and written
        // again) where no save is pending on it.
        let whole = req.ids.is_none() && req.return_by.is_none() && profile::withheld(&req.profile).is_empty();
        let jobs: Vec<Result<u32, &(String, String)>> = pages.iter().map(|&p| Ok(p)).chain(file_keys.iter().map(Err)).collect();
        // Pages handed on as stored are read up to READ_AHEAD ahead, each in a task of its own
        // (driven while this one works: an IndexedDB transaction whose future waited unpolled
        // would end before its next request). With several reads in flight IndexedDB is never
        // idle: 100,000 customers measured ~0.7 s faster than reading one page ahead.
        let read_whole = |i: usize| {
            let page = pages.get(i).copied().filter(|_| whole)?;
            let (sent, got) = futures::channel::oneshot::channel();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = sent.send(repo.read_stored_page_if_folded(page).await);
            });
            Some(got)
        };
        let mut ahead: VecDeque<_> = (0..READ_AHEAD).filter_map(read_whole).collect();
        let mut started = Vec::with_capacity(jobs.len());
        // Pages put together by the browser from their tallies (for the benchmark and tests).
        let mut held_pages = 0;
        for (i, job) in jobs.into_iter().enumerate() {
            // No pause between pages: every page waits on IndexedDB, which lets the page
            // handle input (a zero timeout each was 4 ms a page once nested).
            progress.set(Some((i as u32, n)));
            // A read that never answered (its task gone) is read the slow way.
            let stored = match ahead.pop_front() {
                Some(got) => got.await.unwrap_or(Ok(None))?,
                None => None,
            };
            ahead.extend(read_whole(i + READ_AHEAD));
            let work = async {
                let first: &[_] = if i == 0 { &reps } else { &[] };
                // A page whose tallies hold is put together by the browser from the stored lists
                // as they are, without entering wasm; else its rows are found in wasm.
                let tallied = stored.as_ref().and_then(|s| {
                    let [cards, entries, history] = s.tallies()?;
                    let (pieces, counts) = export::tallied_part(cards, entries, history, first)?;
                    Some((ExportText::Held(s.put_together(&pieces)), counts))
                });
                held_pages += usize::from(tallied.is_some());
                let as_stored = || {
                    let (c, e, h) = stored.as_ref()?.bytes();
                    export::whole_page_part(&c, e.as_deref(), h.as_deref(), first).map(|(t, counts)| (ExportText::Made(t), counts))
                };
                let (text, part_counts) = match tallied.or_else(as_stored) {
                    Some(done) => done,
                    None => {
                        let mut part = match job {
                            Ok(page) => {
                                let held = repo.read_page_now(page).await?;
                                let entries: Vec<_> = held.files().flat_map(|(_, file)| file.iter().cloned()).collect();
                                part_of(held.customers(), &entries, held.history(), &req.profile, |c| req.ids.as_ref().is_none_or(|ids| ids.contains(&c.id)))
                            }
                            Err((key, mime)) => {
                                // Checked to exist by `files_in`; a file deleted since is refused, not skipped.
                                let bytes = repo.file_bytes(key).await?.ok_or_else(|| HandoffError::File(key.clone()))?;
                                Part { files: vec![FileRecord::new(key, mime, &bytes)], ..Part::default() }
                            }
                        };
                        if i == 0 {
                            part.reps = reps_for(&reps, &req.profile);
                        }
                        if req.return_by.is_some() {
                            lent_ids.extend(part.customers.iter().map(|c| c.id.clone()));
                        }
                        let mut c = Counts::default();
                        c.add(&part);
                        (ExportText::Made(part.to_json()), c)
                    }
                };
                counts.plus(&part_counts);
                started.push(text.digest()?);
                let last = i as u32 + 1 == n;
                let written = match &key {
                    Some(k) => {
                        // The base64 is made in wasm (the browser's toBase64 and TextEncoder
                        // took 2.5× as long here).
                        let line = stream::sealed_part_line(&text.seal(k, &crypt::nonce(i as u64, last), &aad).await?, last);
                        out.push(line.as_bytes()).then_some(line.len())
                    }
                    // The text as it is, then its line's end (no copy of the page to add two bytes).
                    None => {
                        let end = stream::part_line("", last);
                        (text.push_into(&mut out) && out.push(end.as_bytes())).then_some(text.len() + end.len())
                    }
                };
                bytes += written.ok_or_else(|| HandoffError::File("blob".into()))? as f64;
                Ok::<(), HandoffError>(())
            };
            work.await?;
        }
        for d in started {
            digests.push(d.finish().await?);
        }
        out.push(stream::LAST_LINE.as_bytes());
        progress.set(Some((n, n)));
        if counts.customers == 0 {
            return Err(HandoffError::NothingToExport);
        }
        let payload = crypto::sha256(&stream::combine_input(&digests)).await?;
        header.counts = counts;
        header.payload_sha256 = stream::hex(&payload);
        let key_check = match &key {
            Some(k) => Some(stream::base64_encode(&crypto::seal(k, &KEY_CHECK_NONCE, &aad, KEY_CHECK_PLAINTEXT).await?)),
            None => None,
        };
        let first = stream::first_line(&header.to_json(), key_check.as_deref());
        bytes += first.len() as f64 + stream::LAST_LINE.len() as f64;
        let blob = out.finish(first.as_bytes(), "application/json").ok_or_else(|| HandoffError::File("blob".into()))?;
        let name = file_name(&rep.name, platform::today());
        perf::measure_since("dossier:export", t0);
        perf::mark_with_count("dossier:export-held", held_pages);
        let offered = files::offer(&blob, &name, req.share).await;
        progress.set(None);
        let line = Handoff {
            file_name: name.clone(),
            digest: header.payload_sha256.clone(),
            profile: serde_json::to_value(req.profile.code).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            profile_name: req.profile.name.clone(),
            withheld: header.withheld.len() as u32,
            scope: req.scope.label.clone(),
            customers: counts.customers as u32,
            entries: counts.entries as u32,
            encrypted: key.is_some(),
            borrower: req.details.borrower.clone(),
            approver: req.details.approver.clone(),
            clerk: req.details.clerk.clone(),
            purpose: req.details.purpose.clone(),
            return_by: req.return_by,
            lent_ids,
            ..log_line(self, Direction::Export, self.repo.new_id()?)
        };
        self.repo.run(move |_, _| Ok::<_, SaveError>((Batch { handoffs: vec![line.clone()], ..Batch::default() }, Vec::new())), Vec::new()).await?;
        Ok(Exported { file_name: name, digest: header.payload_sha256, counts, offered, bytes, withdrawn: 0 })
    }

    /// The attached files of the customers exported from `pages` (all their customers, or
    /// those of `ids`) that this device has: (key, type) of each live document's file. Reads
    /// each page once more; `progress` shows it.
    async fn files_in(self, pages: &[u32], ids: Option<&HashSet<String>>, progress: RwSignal<Option<(u32, u32)>>) -> Result<Vec<(String, String)>, HandoffError> {
        let here = self.repo.file_keys().await?;
        if here.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for (i, &page) in pages.iter().enumerate() {
            progress.set(Some((i as u32, pages.len() as u32 * 2)));
            perf::pause().await;
            // Every customer's page as stored where nothing is pending on it: its entries read
            // for their documents alone.
            if ids.is_none() {
                if let Some(stored) = self.repo.read_stored_page_if_folded(page).await? {
                    // The tally says there is none: the entries need not be read.
                    if stored.documents() == Some(0) {
                        continue;
                    }
                    if let Some(docs) = stored.entry_bytes().and_then(|e| export::documents_in(&e)) {
                        out.extend(docs.into_iter().filter(|(k, _)| here.contains(k) && seen.insert(k.clone())));
                        continue;
                    }
                }
            }
            let held = self.repo.read_page_now(page).await?;
            // Deleted customers' files too: a backup restores the 回收站 as well.
            for (c, file) in held.files() {
                if ids.is_some_and(|ids| !ids.contains(&c.id)) {
                    continue;
                }
                for e in file.iter().filter(|e| !e.deleted) {
                    if let dossier_core::ledger::EntryBody::Document(d) = &e.body {
                        if here.contains(&d.blob) && seen.insert(d.blob.clone()) {
                            out.push((d.blob.clone(), d.mime.clone()));
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// Reads line 1 of a picked file: what it is, from whom, under which profile, whether it is
    /// locked. Reads no more than line 1.
    pub async fn read_bundle_header(self, file: &Picked) -> Result<Header, HandoffError> {
        let mut lines = LineSplitter::new();
        let mut at = 0.0;
        loop {
            let slice = file.slice(at, at + 256.0 * 1024.0).await.map_err(HandoffError::File)?;
            let done = slice.is_empty();
            at += slice.len() as f64;
            lines.feed(slice);
            if let Some(line) = lines.next_line()? {
                let header = stream::read_first_line(line)?.header;
                self.fits(&header)?;
                return Ok(header);
            }
            if done {
                // One line and no newline: another kind of file, or a bundle cut in line 1.
                let rest = lines.finish()?;
                Reader::new().finish(rest)?;
                return Err(BundleError::Truncated.into());
            }
        }
    }

    /// Reads a bundle's parts in order, checking the layout, the passphrase (or using `key`,
    /// derived by an earlier reading), each part's digest and records, and at the end the
    /// payload's digest and the counts against the header: `each` gets every part, parsed and
    /// checked, as it comes, so the caller keeps what it needs and nothing more. Returns the
    /// header, whether it was sealed, and the key. `progress`: bytes read (thousandths).
    async fn each_part(
        self,
        file: &Picked,
        passphrase: Option<String>,
        mut key: Option<crypto::Key>,
        checked: bool,
        progress: RwSignal<Option<(u32, u32)>>,
        mut each: impl FnMut(u64, Part) -> Result<(), HandoffError>,
    ) -> Result<(Header, bool, Option<crypto::Key>), HandoffError> {
        if !crypto::available() {
            return Err(HandoffError::Insecure);
        }
        let mut lines = LineSplitter::new();
        let mut reader = Reader::new();
        // Each part's SHA-256 runs in WebCrypto while the next part is parsed; all are awaited
        // at the end, where the payload digest is checked.
        let mut digests: Vec<crypto::Digest> = Vec::new();
        let mut first = None;
        let mut aad = Vec::new();
        let mut counted = Counts::default();
        let mut at = 0.0;
        // The next slice is read while this one is parsed.
        let mut next = file.start_slice(0.0, SLICE);
        loop {
            progress.set(Some(((at / file.size.max(1.0) * 1000.0) as u32, 1000)));
            let slice = next.read().await.map_err(HandoffError::File)?;
            let done = slice.is_empty();
            at += slice.len() as f64;
            next = file.start_slice(at, at + SLICE);
            lines.feed(slice);
            while let Some(line) = lines.next_line()? {
                match reader.line(line)? {
                    Line::First(f) => {
                        self.fits(&f.header)?;
                        if let (Some(kdf), Some(check)) = (f.kdf, f.key_check.as_deref()) {
                            aad = crypt::additional_data(&f.header);
                            let k = match key.take() {
                                Some(k) => k,
                                None => {
                                    let pass = passphrase.clone().ok_or(BundleError::PassphraseNeeded)?;
                                    crypt::check_passphrase(&pass)?;
                                    crypto::derive_key(&pass, &kdf.salt, kdf.iterations).await?
                                }
                            };
                            let opened = crypto::open(&k, &KEY_CHECK_NONCE, &aad, &crypt::key_check_bytes(check)?).await.ok();
                            crypt::check_key(opened.as_deref())?;
                            key = Some(k);
                        }
                        first = Some(f);
                    }
                    Line::Part { index, last, text } => {
                        let plain: std::borrow::Cow<str> = match (text, &key) {
                            (PartText::Plain(t), _) => std::borrow::Cow::Borrowed(t),
                            (PartText::Sealed(sealed), Some(k)) => {
                                let opened = crypto::open(k, &crypt::nonce(index, last), &aad, &sealed).await;
                                let bytes = match opened {
                                    Ok(b) => b,
                                    // Cut after a complete part: its last part opens only without the flag.
                                    Err(CryptoError::Open) => return Err(BundleError::Damaged { part: index, why: dossier_core::bundle::Damage::DoesNotOpen }.into()),
                                    Err(e) => return Err(e.into()),
                                };
                                String::from_utf8(bytes).map_err(|_| BundleError::Damaged { part: index, why: dossier_core::bundle::Damage::NotUtf8 })?.into()
                            }
                            (PartText::Sealed(_), None) => return Err(BundleError::PassphraseNeeded.into()),
                        };
                        digests.push(crypto::Digest::start(plain.as_bytes())?);
                        let part = Part::parse(&plain, index)?;
                        drop(plain);
                        // A second reading of a file whose every record the first checked (the
                        // same header, so the same payload digest) need not check them again.
                        if !checked {
                            dossier_core::bundle::import::validate(&part, index, platform::today())?;
                        }
                        counted.add(&part);
                        each(index, part)?;
                    }
                    Line::End | Line::Blank => {}
                }
            }
            if done {
                // What follows the last newline (nothing, or `]}` without one, or a cut line).
                reader.finish(lines.finish()?)?;
                break;
            }
        }
        progress.set(None);
        let first = first.ok_or(BundleError::Empty)?;
        let mut done = Vec::with_capacity(digests.len());
        for d in digests {
            done.push(d.finish().await?);
        }
        let payload = crypto::sha256(&stream::combine_input(&done)).await?;
        stream::check_payload(&first.header, &payload)?;
        first.header.counts.check(&counted)?;
        Ok((first.header.clone(), first.encrypted(), key))
    }

    /// The files of a part, checked, as `Blob`s (held by the browser, not wasm).
    fn blobs_of(part: &Part, index: u64, into: &mut Vec<(String, web_sys::Blob)>) -> Result<(), HandoffError> {
        for (k, f) in part.files.iter().enumerate() {
            let bytes = f.bytes(index, k as u64)?;
            let blob = files::blob_of(&bytes, &f.mime).ok_or_else(|| HandoffError::File(f.key.clone()))?;
            into.push((f.key.clone(), blob));
        }
        Ok(())
    }

    /// Reads and checks the whole bundle: layout, passphrase, every part's digest against the
    /// header's, every record. A bundle too large to hold, going into an archive with no
    /// customer, is read part by part instead ([`Received::streamed`]): checked and previewed
    /// the same way, its records not kept. `progress`: bytes read and in all (as thousandths).
    pub async fn read_bundle(self, file: &Picked, passphrase: Option<String>, progress: RwSignal<Option<(u32, u32)>>) -> Result<Received, HandoffError> {
        let t0 = perf::now();
        let header = self.read_bundle_header(file).await?;
        if self.streams(&header) {
            return self.read_streamed(file, passphrase, header, progress).await;
        }
        let mut incoming = Part::default();
        let mut received_files = Vec::new();
        let (header, encrypted, _) = self
            .each_part(file, passphrase, None, false, progress, |index, part| {
                Self::blobs_of(&part, index, &mut received_files)?;
                incoming.customers.extend(part.customers);
                incoming.entries.extend(part.entries);
                incoming.history.extend(part.history);
                incoming.reps.extend(part.reps);
                Ok(())
            })
            .await?;
        perf::measure_since("dossier:import-read", t0);
        Ok(Received { encrypted, header, file_name: file.name.clone(), incoming: Rc::new(incoming), files: Rc::new(received_files), bytes: file.size, streamed: None })
    }

    /// Whether a bundle is imported part by part: more than the whole-bundle import holds (or
    /// than [`STREAM_ABOVE_CUSTOMERS`]), into an archive that has no customer yet.
    fn streams(self, header: &Header) -> bool {
        let c = header.counts;
        let large = c.customers > STREAM_ABOVE_CUSTOMERS || c.entries > STREAM_ABOVE_ENTRIES;
        large && self.holds_no_customer()
    }

    /// Whether this archive has no customer at all (a new device): what a part-by-part import needs.
    pub fn holds_no_customer(self) -> bool {
        self.with_summaries(|s| s.is_empty()) && self.archive.with_untracked(|a| a.orphans().is_empty() && a.history().is_empty())
    }

    /// A bundle too large to hold refused as soon as its header is read, unless it can be
    /// imported part by part.
    fn fits(self, header: &Header) -> Result<(), HandoffError> {
        let c = header.counts;
        if (c.customers > MAX_IMPORT_CUSTOMERS || c.entries > MAX_IMPORT_ENTRIES) && !self.holds_no_customer() {
            return Err(HandoffError::TooLarge { customers: c.customers, entries: c.entries });
        }
        Ok(())
    }

    /// The first reading of a bundle imported part by part: every check of [`read_bundle`]
    /// and the preview. It also plans each part into pages as it comes and keeps them as bytes
    /// outside wasm ([`Streamed::ready`]), so confirming only writes them: the file is read
    /// once. Not when a 登记编号 had to be renumbered: the new number must come after every
    /// number of the bundle, known only at its end, so that import reads the file again.
    async fn read_streamed(self, file: &Picked, passphrase: Option<String>, header: Header, progress: RwSignal<Option<(u32, u32)>>) -> Result<Received, HandoffError> {
        let t0 = perf::now();
        let stamp = self.repo.stamp();
        let mut restore = self.archive.with_untracked(|a| Restore::new(a, &header, stamp, PAGE_ROWS));
        let mut received_files = Vec::new();
        let mut pages = PageBytes::default();
        let mut wanted: BTreeSet<String> = BTreeSet::new();
        let (header, encrypted, key) = self
            .each_part(file, passphrase, None, false, progress, |index, mut part| {
                Self::blobs_of(&part, index, &mut received_files)?;
                part.files.clear();
                wanted.extend(import::files_wanted(&part));
                let ids: Vec<String> = (0..part.customers.len()).map(|_| self.repo.new_id()).collect::<Result<_, _>>()?;
                let made = self.archive.with_untracked(|a| restore.part(a, part, &Context::without_customers(platform::now_ms(), platform::today()), &ids)).map_err(HandoffError::Import)?;
                for page in made {
                    pages.add(page)?;
                }
                Ok(())
            })
            .await?;
        let done = restore.finish();
        let ready = if done.report.renumbered.is_empty() {
            if let Some(last) = done.last {
                pages.add(last)?;
            }
            pages.add_rest(&done.orphans, &done.unplaced)?;
            Some(Ready { pages, numbering: done.numbering, reps: done.reps, wanted, report: done.report })
        } else {
            None
        };
        perf::measure_since("dossier:import-read", t0);
        let streamed = Streamed { file: file.clone(), key, observed: done.observed, preview: done.preview, ready: RefCell::new(ready) };
        Ok(Received { encrypted, header, file_name: file.name.clone(), incoming: Rc::new(Part::default()), files: Rc::new(received_files), bytes: file.size, streamed: Some(Rc::new(streamed)) })
    }

    /// Opens (and pins) the customers here that the bundle names, so the preview and the import
    /// see their cards and files.
    async fn open_for_import(self, incoming: &Part) -> Result<Vec<String>, HandoffError> {
        let mut ids: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        let named = incoming.customers.iter().map(|c| &c.id).chain(incoming.entries.iter().map(|e| &e.customer_id)).chain(incoming.history.iter().map(|h| &h.customer_id));
        for id in named {
            if self.repo.indexes.position(id).is_some() && seen.insert(id.clone()) {
                ids.push(id.clone());
            }
        }
        self.repo.pin(&ids, true);
        for chunk in ids.chunks(500) {
            self.repo.open(chunk).await?;
        }
        Ok(ids)
    }

    /// Lets go of what [`ArchiveState::preview_import`] opened (after an import or a cancel).
    pub fn end_import(self, received: &Received) {
        let ids: Vec<String> = received.incoming.customers.iter().map(|c| c.id.clone()).chain(received.incoming.entries.iter().map(|e| e.customer_id.clone())).collect();
        self.repo.pin(&ids, false);
    }

    fn import_context<T>(self, header: &Header, f: impl FnOnce(&Context) -> T) -> T {
        let device = self.device();
        let (seen_of_peer, handoffs_empty) = self.archive.with_untracked(|a| (seen_of(a.handoffs(), &header.device), a.handoffs().is_empty()));
        let _ = handoffs_empty;
        let peer_seen_of_me = header.seen.get(&device).copied().unwrap_or_default();
        let reg_nos: HashMap<String, String> = self.with_summaries(|s| s.iter().filter(|s| !s.reg_no.is_empty()).map(|s| (s.reg_no.clone(), s.id.clone())).collect());
        let indexes = self.repo.indexes;
        let holder = move |no: &str| reg_nos.get(no).cloned();
        let dups = move |c: &dossier_core::Customer| {
            let phones = c.all_phones();
            let check = indexes.dup_check(c.display_name(), &phones, c.body.tax_number(), None);
            let mut positions: Vec<u32> = check.phone.iter().map(|h| h.pos).chain(check.tax.iter().copied()).collect();
            positions.sort_unstable();
            positions.dedup();
            indexes.summaries_at(&positions).into_iter().map(|(_, s)| s.id).collect()
        };
        let me = crate::settings::load_me().unwrap_or_default();
        let ctx = Context { now_ms: platform::now_ms(), today: platform::today(), seen_of_peer, peer_seen_of_me, reg_no_holder: &holder, duplicates_of: &dups, me: &me };
        f(&ctx)
    }

    /// The preview of importing a bundle read by [`ArchiveState::read_bundle`]: nothing written.
    pub async fn preview_import(self, received: &Received) -> Result<Preview, HandoffError> {
        if let Some(streamed) = &received.streamed {
            return Ok(streamed.preview.clone());
        }
        let t0 = perf::now();
        self.open_for_import(&received.incoming).await?;
        let preview = self.archive.with_untracked(|a| self.import_context(&received.header, |ctx| import::preview(a, &received.incoming, ctx)));
        perf::measure_since("dossier:import-preview", t0);
        Ok(preview)
    }

    /// The hand-off log line of an import of `received`, whose customers are `ids`.
    fn import_line(self, received: &Received, ids: Vec<String>) -> Result<Handoff, SaveError> {
        let header = &received.header;
        let lent_ids: Vec<String> = if header.lent.is_some() { ids } else { Vec::new() };
        // The lent customers new here: taken off this device again when the copy is returned.
        let copies: Vec<String> = lent_ids.iter().filter(|id| self.repo.indexes.position(id).is_none()).cloned().collect();
        Ok(Handoff {
            file_name: received.file_name.clone(),
            digest: header.payload_sha256.clone(),
            profile: serde_json::to_value(header.profile.code).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            profile_name: header.profile.name.clone(),
            withheld: header.withheld.len() as u32,
            scope: header.scope.label.clone(),
            customers: header.counts.customers as u32,
            entries: header.counts.entries as u32,
            encrypted: received.encrypted,
            peer_device: header.device.clone(),
            peer_rep: header.rep.name.clone(),
            peer_hlc: header.hlc,
            borrower: header.lent.as_ref().map(|l| l.borrower.clone()).unwrap_or_default(),
            approver: header.lent.as_ref().map(|l| l.approver.clone()).unwrap_or_default(),
            clerk: header.lent.as_ref().map(|l| l.clerk.clone()).unwrap_or_default(),
            purpose: header.lent.as_ref().map(|l| l.purpose.clone()).unwrap_or_default(),
            return_by: header.lent.as_ref().map(|l| l.return_by),
            lent_ids,
            copies,
            ..log_line(self, Direction::Import, self.repo.new_id()?)
        })
    }

    /// Writes the import in one save (one IndexedDB transaction): everything or nothing. The
    /// preview's customers must still be open ([`ArchiveState::preview_import`]).
    pub async fn import_bundle(self, received: &Received, choices: Choices, progress: RwSignal<Option<(u32, u32)>>) -> Result<Report, HandoffError> {
        if let Some(streamed) = &received.streamed {
            return self.import_streamed(received, streamed, progress).await;
        }
        let t0 = perf::now();
        self.room_for(received).await?;
        self.open_for_import(&received.incoming).await?;
        // The cards here that new cards are merged into (pinned with the others).
        let targets: Vec<String> = choices.merge_into.values().filter(|id| self.repo.indexes.position(id).is_some()).cloned().collect();
        self.repo.pin(&targets, true);
        if let Err(e) = self.repo.open(&targets).await {
            self.repo.pin(&targets, false);
            self.end_import(received);
            return Err(e.into());
        }
        let ids: Vec<String> = (0..choices.ids_needed(&received.incoming)).map(|_| self.repo.new_id()).collect::<Result<_, _>>()?;
        let header = received.header.clone();
        let line = self.import_line(received, received.incoming.customers.iter().map(|c| c.id.clone()).collect())?;
        let incoming = received.incoming.clone();
        // The files its live documents name go in the same transaction as the records.
        let wanted = import::files_wanted(&incoming);
        let files: Vec<(String, web_sys::Blob)> = received.files.iter().filter(|(k, _)| wanted.contains(k)).cloned().collect();
        let report: Rc<RefCell<Report>> = Rc::default();
        let out = report.clone();
        let result = self
            .repo
            .run(
                move |a, stamp| {
                    self.import_context(&header, |ctx| import::plan(a, &incoming, &header, ctx, &choices, stamp, &ids, line.clone())).map_err(HandoffError::Import).map(|(b, e, r)| {
                        *out.borrow_mut() = r;
                        (b, e)
                    })
                },
                files,
            )
            .await;
        self.repo.pin(&targets, false);
        self.end_import(received);
        result?;
        perf::measure_since("dossier:import-save", t0);
        // A returned lent copy closes the lender's line for it.
        if received.header.scope.kind == dossier_core::bundle::format::ScopeKind::Return {
            let back: HashSet<&str> = received.incoming.customers.iter().map(|c| c.id.as_str()).collect();
            let open: Vec<Handoff> = self.archive.with_untracked(|a| a.handoffs().iter().filter(|h| h.is_out() && h.lent_ids.iter().any(|id| back.contains(id.as_str()))).cloned().collect());
            for line in open {
                self.mark_returned(line).await?;
            }
        }
        let report = report.borrow().clone();
        Ok(report)
    }

    /// Refuses an import the disk has no room for, before anything is written.
    async fn room_for(self, received: &Received) -> Result<(), HandoffError> {
        if let Some((used, quota)) = self.space().await {
            // Stored JSON is about the size of the file (more when pages are rewritten later).
            let need = received.bytes * 2.0;
            if quota - used < need {
                return Err(HandoffError::NoSpace { need, free: (quota - used).max(0.0) });
            }
        }
        Ok(())
    }

    /// The second reading of a bundle imported part by part: each part planned into pages as
    /// it comes ([`Restore`]), each page kept as bytes outside wasm, then one transaction
    /// replacing this (customer-less) archive with them, the files and the log line. Everything
    /// or nothing, as [`ArchiveState::import_bundle`].
    async fn import_streamed(self, received: &Received, streamed: &Streamed, progress: RwSignal<Option<(u32, u32)>>) -> Result<Report, HandoffError> {
        let t0 = perf::now();
        self.room_for(received).await?;
        if !self.holds_no_customer() {
            return Err(HandoffError::NoLongerEmpty);
        }
        let ready = streamed.ready.borrow_mut().take();
        if let Some(ready) = ready {
            let ids: Vec<String> = streamed.preview.rows.iter().map(|r| r.id.clone()).collect();
            let files: Vec<(String, web_sys::Blob)> = received.files.iter().filter(|(k, _)| ready.wanted.contains(k)).cloned().collect();
            return self.write_restored(received, t0, ready.pages, ids, ready.numbering, ready.reps, files, ready.report).await;
        }
        let stamp = self.repo.stamp();
        let mut restore = self.archive.with_untracked(|a| Restore::new(a, &received.header, stamp, PAGE_ROWS)).numbered_after(&streamed.observed);
        let mut pages = PageBytes::default();
        let mut wanted: BTreeSet<String> = BTreeSet::new();
        let (header, _, _) = self
            .each_part(&streamed.file, None, streamed.key.clone(), true, progress, |_, part| {
                wanted.extend(import::files_wanted(&part));
                let ids: Vec<String> = (0..part.customers.len()).map(|_| self.repo.new_id()).collect::<Result<_, _>>()?;
                let made = self.archive.with_untracked(|a| restore.part(a, part, &Context::without_customers(platform::now_ms(), platform::today()), &ids)).map_err(HandoffError::Import)?;
                for page in made {
                    pages.add(page)?;
                }
                Ok(())
            })
            .await?;
        // The same file as the preview's (its header names the payload's digest).
        if header != received.header {
            return Err(BundleError::Damaged { part: 0, why: dossier_core::bundle::Damage::DoesNotOpen }.into());
        }
        let done = restore.finish();
        if let Some(last) = done.last {
            pages.add(last)?;
        }
        pages.add_rest(&done.orphans, &done.unplaced)?;
        let ids: Vec<String> = done.preview.rows.iter().map(|r| r.id.clone()).collect();
        let files: Vec<(String, web_sys::Blob)> = received.files.iter().filter(|(k, _)| wanted.contains(k)).cloned().collect();
        perf::measure_since("dossier:import-pages", t0);
        self.write_restored(received, t0, pages, ids, done.numbering, done.reps, files, done.report).await
    }

    /// The one transaction of an import part by part: the pages, the numbering, the reps, the
    /// files and the log line, if this archive still has no customer.
    #[allow(clippy::too_many_arguments)]
    async fn write_restored(self, received: &Received, t0: f64, pages: PageBytes, ids: Vec<String>, numbering: dossier_core::Numbering, reps: Vec<dossier_core::Rep>, files: Vec<(String, web_sys::Blob)>, report: Report) -> Result<Report, HandoffError> {
        let line = self.import_line(received, ids)?;
        let mut handoffs = self.archive.with_untracked(|a| a.handoffs().to_vec());
        handoffs.push(line);
        let t1 = perf::now();
        let written = self.repo.restore(pages, numbering, reps, handoffs, files).await?;
        if !written {
            return Err(HandoffError::NoLongerEmpty);
        }
        perf::measure_since("dossier:import-write", t1);
        perf::measure_since("dossier:import-save", t0);
        Ok(report)
    }

    /// Records that a lent copy came back today.
    pub async fn mark_returned(self, line: Handoff) -> Result<(), SaveError> {
        let today = platform::today();
        self.repo
            .run(
                move |_, stamp| {
                    let mut l = line.clone();
                    l.returned_on = Some(today);
                    l.stamp = stamp.clone();
                    Ok::<_, SaveError>((Batch { handoffs: vec![l], ..Batch::default() }, Vec::new()))
                },
                Vec::new(),
            )
            .await
    }

    /// 归还: exports the customers of a lent copy received here back to the lender (客服
    /// profile: everything but originals, so the receiver's changes go back), then records the
    /// return in the log.
    pub async fn return_lent(self, line: Handoff, lang: Lang, progress: RwSignal<Option<(u32, u32)>>) -> Result<Exported, HandoffError> {
        let req = ExportRequest {
            profile: profile::fixed(dossier_core::bundle::format::ProfileCode::Service, lang),
            scope: Scope { kind: dossier_core::bundle::format::ScopeKind::Return, label: format!("{}{}", lang.pick("归还：", "Return: "), line.file_name) },
            ids: Some(line.lent_ids.iter().cloned().collect()),
            passphrase: None,
            return_by: None,
            details: LogDetails { borrower: line.borrower.clone(), approver: line.approver.clone(), clerk: line.clerk.clone(), purpose: line.purpose.clone() },
            share: crate::storage::files::can_share_files(),
        };
        let mut out = self.export_bundle(req, progress).await?;
        // Not sent (the share sheet closed, no download): not returned, nothing taken off.
        if !out.sent() {
            return Ok(out);
        }
        let copies = line.copies.clone();
        self.mark_returned(line).await?;
        // The copies go only once the return is written and logged: their changes are in it.
        out.withdrawn = self.repo.withdraw(&copies).await?;
        Ok(out)
    }

    /// The return date of the lent copy this customer came in, if it is one not returned yet.
    /// Untracked: a card page must not re-render (and lose its forms' state) on every save.
    pub fn lent_until(self, id: &str) -> Option<chrono::NaiveDate> {
        self.archive.with_untracked(|a| {
            a.handoffs()
                .iter()
                .filter(|h| h.direction == Some(Direction::Import) && h.returned_on.is_none())
                .filter(|h| h.lent_ids.iter().any(|l| l == id))
                .filter_map(|h| h.return_by)
                .min()
        })
    }

    /// The last backup made on this device (an export under the 备份 profile), if any.
    pub fn last_backup(self) -> Option<Handoff> {
        self.archive.with(|a| a.handoffs().iter().filter(|h| h.direction == Some(Direction::Export) && h.profile == "backup").max_by(|x, y| x.at.cmp(&y.at)).cloned())
    }

    /// 离职继承: every live customer of `from` goes to `to` (the reason in each 负责人记录),
    /// in one save; then those customers are exported in one bundle under `profile`.
    pub async fn hand_over(self, from: &str, to: &str, reason: &str, profile: Profile, passphrase: Option<String>, progress: RwSignal<Option<(u32, u32)>>) -> Result<Exported, HandoffError> {
        let f = dossier_core::Filter { owner: dossier_core::OwnerFilter::Rep(from.to_string()), ..dossier_core::Filter::default() };
        let ids: Vec<String> = self.rows(&self.select("", &f)).into_iter().map(|(_, s)| s.id).collect();
        if ids.is_empty() {
            return Err(HandoffError::NothingToExport);
        }
        self.repo.pin(&ids, true);
        let result = async {
            for chunk in ids.chunks(500) {
                self.repo.open(chunk).await?;
            }
            let records: Vec<String> = ids.iter().map(|_| self.repo.new_id()).collect::<Result<_, _>>()?;
            let by = crate::settings::load_me().unwrap_or_default();
            let (from_, to_, reason_, ids_) = (from.to_string(), to.to_string(), reason.to_string(), ids.clone());
            self.repo
                .run(
                    move |a, stamp| {
                        dossier_core::commands::owner::hand_over(a, &ids_, &from_, &to_, &by, &reason_, &records, stamp).map_err(|_| SaveError::Conflict)
                    },
                    Vec::new(),
                )
                .await?;
            let from_name = self.archive.with_untracked(|a| a.rep(from).map(|r| r.name.clone())).unwrap_or_default();
            let to_name = self.archive.with_untracked(|a| a.rep(to).map(|r| r.name.clone())).unwrap_or_default();
            let req = ExportRequest {
                profile,
                scope: Scope { kind: dossier_core::bundle::format::ScopeKind::Handover, label: format!("{reason}：{from_name} → {to_name}") },
                ids: Some(ids.iter().cloned().collect()),
                passphrase,
                return_by: None,
                details: LogDetails::default(),
                share: false,
            };
            self.export_bundle(req, progress).await
        }
        .await;
        self.repo.pin(&ids, false);
        result
    }

    /// The hand-off log, as the archive holds it.
    pub fn handoff_log(self) -> Vec<Handoff> {
        self.archive.with(|a| a.handoffs().to_vec())
    }

    /// Offers the log (filtered lines) as a CSV file.
    pub fn export_log(self, lines: &[&Handoff], lang: Lang) -> bool {
        let csv = dossier_core::archive::handoffs::to_csv(lines, lang, platform::local_time);
        self.offer_download(&format!("借阅表-{}.csv", platform::today().format("%Y-%m-%d")), "text/csv;charset=utf-8", csv.as_bytes())
    }
}
