//! What can go wrong, worded in both languages (a bad bundle in the core's words).

use dossier_core::bundle::{BundleError, ParamProblem};
use dossier_core::Lang;
use std::path::{Path, PathBuf};

/// A command's failure. Exit code 1: a bundle is bad; 2: the command cannot run as asked.
#[derive(Debug)]
pub enum CliError {
    /// The file at `path` is not a good bundle, or the passphrase does not open it.
    Bundle { path: PathBuf, error: Box<BundleError> },
    /// A file cannot be read or written.
    Io { path: PathBuf, error: std::io::Error },
    Usage(Usage),
}

/// A command line that does not say what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Usage {
    NoCommand,
    UnknownCommand(String),
    UnknownOption(String),
    /// An option given without its value.
    NoValue(String),
    /// A required argument or option (its name).
    Missing(&'static str),
    Extra(String),
    NotANumber(String),
    /// `encrypt --iterations` outside what readers accept.
    Iterations(u64),
    EmptyPassphrase(PathBuf),
    AlreadyEncrypted(PathBuf),
    NotEncrypted(PathBuf),
}

impl CliError {
    pub fn bundle(path: &Path, error: BundleError) -> CliError {
        CliError::Bundle { path: path.to_path_buf(), error: Box::new(error) }
    }

    pub fn io(path: &Path, error: std::io::Error) -> CliError {
        CliError::Io { path: path.to_path_buf(), error }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Bundle { .. } => 1,
            CliError::Io { .. } | CliError::Usage(_) => 2,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            CliError::Bundle { path, error } => {
                format!("{}{}{}", path.display(), lang.pick("：", ": "), error.message(lang))
            }
            CliError::Io { path, error } => {
                if zh {
                    format!("{}：无法读写这个文件（{error}）。", path.display())
                } else {
                    format!("{}: cannot read or write this file ({error}).", path.display())
                }
            }
            CliError::Usage(u) => u.message(lang) + lang.pick("（dossier-cli help 查看用法）", " (see dossier-cli help)"),
        }
    }
}

impl Usage {
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let f = |z: String, e: String| if zh { z } else { e };
        match self {
            Usage::NoCommand => f("没有给出命令".into(), "no command given".into()),
            Usage::UnknownCommand(c) => f(format!("没有“{c}”这个命令"), format!("no command \"{c}\"")),
            Usage::UnknownOption(o) => f(format!("没有“{o}”这个选项"), format!("no option \"{o}\"")),
            Usage::NoValue(o) => f(format!("选项 {o} 后面缺少值"), format!("the option {o} needs a value")),
            Usage::Missing(what) => f(format!("缺少 {what}"), format!("{what} is missing")),
            Usage::Extra(a) => f(format!("多余的参数“{a}”"), format!("unexpected argument \"{a}\"")),
            Usage::NotANumber(a) => f(format!("“{a}”不是整数"), format!("\"{a}\" is not a whole number")),
            Usage::Iterations(n) => BundleError::BadParams(ParamProblem::Iterations(*n)).message(lang),
            Usage::EmptyPassphrase(p) => f(
                format!("密码文件 {} 是空的", p.display()),
                format!("the passphrase file {} is empty", p.display()),
            ),
            Usage::AlreadyEncrypted(p) => f(
                format!("{} 已经加密了（要换密码，先 decrypt 再 encrypt）", p.display()),
                format!("{} is already encrypted (to change its passphrase, decrypt then encrypt)", p.display()),
            ),
            Usage::NotEncrypted(p) => {
                f(format!("{} 没有加密，不需要解密", p.display()), format!("{} is not encrypted: nothing to decrypt", p.display()))
            }
        }
    }
}

impl From<Usage> for CliError {
    fn from(u: Usage) -> Self {
        CliError::Usage(u)
    }
}
