//! The commands, as functions the binary and the tests call.

use crate::crypto::{random_salt, Passphrase};
use crate::error::{CliError, Usage};
use crate::merge::Merged;
use crate::read::{read_bundle, read_first, Visit};
use crate::write::{BundleWriter, Sealing};
use dossier_core::bundle::crypt::KdfParams;
use dossier_core::bundle::format::{Counts, Header, Part, ProfileCode, ScopeKind};
use dossier_core::bundle::stream::FirstLine;
use dossier_core::format_count;
use std::path::Path;

/// The header of the bundle at `path`, for a person (labels in both languages).
pub fn inspect(path: &Path) -> Result<String, CliError> {
    Ok(describe(&read_first(path)?))
}

pub fn describe(first: &FirstLine) -> String {
    let h = &first.header;
    let list = |v: &[String]| if v.is_empty() { "—".to_string() } else { v.join(", ") };
    let profile = match h.profile.code {
        ProfileCode::Rep => "rep 业务员",
        ProfileCode::Service => "service 客服",
        ProfileCode::Backup => "backup 备份",
        ProfileCode::Custom => "custom 自定义",
    };
    let scope = match h.scope.kind {
        ScopeKind::All => "all 全部",
        ScopeKind::Filter => "filter 筛选",
        ScopeKind::Owner => "owner 按负责人",
        ScopeKind::Region => "region 按片区",
        ScopeKind::Grade => "grade 按等级",
        ScopeKind::Ticked => "ticked 勾选",
        ScopeKind::Handover => "handover 离职交接",
        ScopeKind::Return => "return 归还",
    };
    let c = &h.counts;
    let mut rows = vec![
        ("格式 format", format!("dossier-bundle {}", dossier_core::bundle::format::VERSION)),
        ("创建 created", h.created_at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
        ("设备 device", h.device.clone()),
        ("业务员 rep", format!("{} ({})", h.rep.name, if h.rep.id.is_empty() { "—" } else { &h.rep.id })),
        ("方案 profile", format!("{profile} “{}”", h.profile.name)),
        ("提供字段 fields", if h.profile.code == ProfileCode::Backup { "全部 all".into() } else { list(&h.profile.fields) }),
        ("未带出 withheld", list(&h.withheld)),
        ("范围 scope", format!("{scope}: {}", h.scope.label)),
        (
            "记录 records",
            format!(
                "客户 customers {}, 往来 entries {}, 修改记录 history {}, 业务员 reps {}, 删除记录 tombstones {}",
                format_count(c.customers),
                format_count(c.entries),
                format_count(c.history),
                format_count(c.reps),
                format_count(c.tombstones)
            ),
        ),
        ("部分 parts", h.parts.to_string()),
        ("校验值 payload sha256", h.payload_sha256.clone()),
    ];
    rows.push((
        "加密 encrypted",
        match &first.kdf {
            Some(k) => format!("是 yes: AES-256-GCM, PBKDF2-SHA256 × {}", format_count(k.iterations.into())),
            None => "否 no".into(),
        },
    ));
    if let Some(l) = &h.lent {
        rows.push((
            "借阅 lent",
            format!(
                "归还 return by {}; 借阅人 borrower {}; 批准 approver {}; 经办 clerk {}; 用途 purpose {}",
                l.return_by, l.borrower, l.approver, l.clerk, l.purpose
            ),
        ));
    }
    rows.into_iter().map(|(k, v)| format!("{k}: {v}\n")).collect()
}

/// Reads the whole bundle: layout, parameters, passphrase, every part's seal and records, the
/// payload digest and the header's counts. Returns the counts read.
pub fn verify(path: &Path, passphrase: Option<&Passphrase>) -> Result<Counts, CliError> {
    struct Count<'a>(&'a Path, Counts);
    impl Visit for Count<'_> {
        fn part(&mut self, index: u64, text: &str) -> Result<(), CliError> {
            let part = Part::parse(text, index).map_err(|e| CliError::bundle(self.0, e))?;
            for (k, f) in part.files.iter().enumerate() {
                f.bytes(index, k as u64).map_err(|e| CliError::bundle(self.0, e))?;
            }
            self.1.add(&part);
            Ok(())
        }
    }
    let mut count = Count(path, Counts::default());
    let first = read_bundle(path, passphrase, &mut count)?;
    first.header.counts.check(&count.1).map_err(|e| CliError::bundle(path, e))?;
    Ok(count.1)
}

/// Copies parts into a new bundle as they are read; the new header is made from line 1.
struct Copy<'a, F: Fn(&FirstLine) -> Result<(Header, Option<Sealing>), CliError>> {
    out: &'a Path,
    header: F,
    writer: Option<BundleWriter>,
}

impl<F: Fn(&FirstLine) -> Result<(Header, Option<Sealing>), CliError>> Visit for Copy<'_, F> {
    fn first(&mut self, first: &FirstLine) -> Result<(), CliError> {
        let (header, sealing) = (self.header)(first)?;
        self.writer = Some(BundleWriter::create(self.out, header, sealing)?);
        Ok(())
    }

    fn part(&mut self, _index: u64, text: &str) -> Result<(), CliError> {
        self.writer.as_mut().expect("line 1 came first").part(text)
    }
}

fn copy(
    input: &Path,
    out: &Path,
    passphrase: Option<&Passphrase>,
    header: impl Fn(&FirstLine) -> Result<(Header, Option<Sealing>), CliError>,
) -> Result<(), CliError> {
    let mut copy = Copy { out, header, writer: None };
    read_bundle(input, passphrase, &mut copy)?;
    copy.writer.take().expect("a bundle read has line 1").finish()
}

/// Writes the plaintext of the encrypted bundle `input` to `out`: the same header without
/// `encryption` (and no `key_check`), the same parts' text.
pub fn decrypt(input: &Path, out: &Path, passphrase: &Passphrase) -> Result<(), CliError> {
    if !read_first(input)?.encrypted() {
        return Err(Usage::NotEncrypted(input.to_path_buf()).into());
    }
    copy(input, out, Some(passphrase), |first| {
        let mut header = first.header.clone();
        header.encryption = None;
        Ok((header, None))
    })
}

/// Writes the plaintext bundle `input` to `out` encrypted with `passphrase` (a fresh random salt).
pub fn encrypt(input: &Path, out: &Path, passphrase: &Passphrase, iterations: u32) -> Result<(), CliError> {
    let params = KdfParams::new(iterations.into(), random_salt().map_err(|e| CliError::io(out, e))?)
        .map_err(|_| Usage::Iterations(iterations.into()))?;
    encrypt_with_params(input, out, passphrase, params)
}

/// [`encrypt`] with given parameters (tests use it to write what a reader must refuse).
pub fn encrypt_with_params(input: &Path, out: &Path, passphrase: &Passphrase, params: KdfParams) -> Result<(), CliError> {
    if read_first(input)?.encrypted() {
        return Err(Usage::AlreadyEncrypted(input.to_path_buf()).into());
    }
    copy(input, out, None, |first| Ok((first.header.clone(), Some(Sealing { key: passphrase.key(&params), params }))))
}

/// What `merge` writes the output with, if encrypted.
pub struct MergeSeal<'a> {
    pub passphrase: &'a Passphrase,
    pub iterations: u32,
}

/// Consolidates the bundles `inputs` into one at `out` (see [`crate::merge`]). `now`: the
/// output's `created_at`. Returns the output's counts.
pub fn merge(
    inputs: &[&Path],
    out: &Path,
    passphrase: Option<&Passphrase>,
    seal: Option<MergeSeal>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Counts, CliError> {
    struct Collect<'a> {
        path: &'a Path,
        merged: &'a mut Merged,
        counts: Counts,
    }
    impl Visit for Collect<'_> {
        fn first(&mut self, first: &FirstLine) -> Result<(), CliError> {
            self.merged.header(&first.header);
            Ok(())
        }
        fn part(&mut self, index: u64, text: &str) -> Result<(), CliError> {
            let part = Part::parse(text, index).map_err(|e| CliError::bundle(self.path, e))?;
            self.counts.add(&part);
            self.merged.add(part);
            Ok(())
        }
    }
    let mut merged = Merged::default();
    for &path in inputs {
        let mut collect = Collect { path, merged: &mut merged, counts: Counts::default() };
        let first = read_bundle(path, passphrase, &mut collect)?;
        first.header.counts.check(&collect.counts).map_err(|e| CliError::bundle(path, e))?;
    }
    let sealing = match seal {
        Some(s) => {
            let params = KdfParams::new(s.iterations.into(), random_salt().map_err(|e| CliError::io(out, e))?)
                .map_err(|_| Usage::Iterations(s.iterations.into()))?;
            Some(Sealing { key: s.passphrase.key(&params), params })
        }
        None => None,
    };
    merged.write(out, now, sealing)
}
