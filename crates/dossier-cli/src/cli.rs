//! The command line: arguments read by hand, errors printed in Chinese then English.

use crate::commands::{self, MergeSeal};
use crate::crypto::Passphrase;
use crate::error::{CliError, Usage};
use dossier_core::bundle::crypt::{DEFAULT_ITERATIONS, MAX_ITERATIONS, MIN_ITERATIONS};
use dossier_core::{format_count, Lang};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const HELP: &str = "\
dossier-cli: 客户档案的档案包工具 / the managers' tool for Dossier bundles

用法 usage:
  dossier-cli inspect FILE
      显示文件头（来源、方案、范围、记录数、是否加密、借阅）。
      Shows the header: origin, profile, scope, counts, encryption, lent copy.
  dossier-cli verify FILE [--passphrase-file P]
      读完整个文件：排列、每部分的校验、解密、每条记录。
      Reads it all: layout, every part's digest, decryption, every record.
  dossier-cli decrypt FILE -o OUT --passphrase-file P
      写出未加密的档案包。 Writes the plaintext bundle.
  dossier-cli encrypt FILE -o OUT --passphrase-file P [--iterations N]
      加密（随机盐值）。 Encrypts it (a random salt); N: 600000 (default) to 10000000.
  dossier-cli merge A B ... -o OUT [--passphrase-file P] [--encrypt-with P2] [--iterations N]
      合并多个档案包：同一客户、往来记录、业务员按各设备的合并规则合并，修改记录取并集。
      全部记录都读入内存（十万客户在笔记本电脑上没有问题）。
      Merges bundles as devices merge: customers, entries and reps by id, change records as a
      union. Every record of the inputs is held in memory (fine for 100,000 customers on a
      laptop). P opens encrypted inputs; --encrypt-with P2 encrypts the output.

密码文件 passphrase files: the passphrase is the file's text without one final newline;
  \"-\" reads it from standard input.
退出码 exit codes: 0 完好 ok, 1 档案包有问题 bad bundle (or wrong passphrase), 2 用法或读写错误 usage or I/O.
";

struct Args {
    positional: Vec<String>,
    output: Option<PathBuf>,
    passphrase_file: Option<PathBuf>,
    encrypt_with: Option<PathBuf>,
    iterations: Option<u32>,
}

fn parse(args: &[String]) -> Result<Args, Usage> {
    let mut a = Args { positional: Vec::new(), output: None, passphrase_file: None, encrypt_with: None, iterations: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        if !name.starts_with('-') || name == "-" {
            a.positional.push(arg.clone());
            continue;
        }
        let mut value = || inline.clone().or_else(|| it.next().cloned()).ok_or_else(|| Usage::NoValue(name.to_string()));
        match name {
            "-o" | "--output" => a.output = Some(value()?.into()),
            "--passphrase-file" => a.passphrase_file = Some(value()?.into()),
            "--encrypt-with" => a.encrypt_with = Some(value()?.into()),
            "--iterations" => {
                let v = value()?;
                let n: u64 = v.replace([',', '_'], "").parse().map_err(|_| Usage::NotANumber(v.clone()))?;
                if !(u64::from(MIN_ITERATIONS)..=u64::from(MAX_ITERATIONS)).contains(&n) {
                    return Err(Usage::Iterations(n));
                }
                a.iterations = Some(n as u32);
            }
            _ => return Err(Usage::UnknownOption(arg.clone())),
        }
    }
    Ok(a)
}

impl Args {
    fn one_file(&self) -> Result<PathBuf, Usage> {
        match self.positional.as_slice() {
            [] => Err(Usage::Missing("FILE")),
            [f] => Ok(f.into()),
            [_, extra, ..] => Err(Usage::Extra(extra.clone())),
        }
    }

    fn output(&self) -> Result<PathBuf, Usage> {
        self.output.clone().ok_or(Usage::Missing("-o OUT"))
    }

    fn refuse(&self, given: bool, what: &str) -> Result<(), Usage> {
        if given {
            Err(Usage::UnknownOption(what.into()))
        } else {
            Ok(())
        }
    }
}

/// Reads a passphrase file (`-`: standard input) without one final newline.
pub fn read_passphrase(path: &Path) -> Result<Passphrase, CliError> {
    let mut text = String::new();
    let read = if path == Path::new("-") {
        std::io::stdin().read_to_string(&mut text)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text))
    };
    read.map_err(|e| CliError::io(path, e))?;
    let text = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t)).unwrap_or(&text);
    Passphrase::new(text).map_err(|_| Usage::EmptyPassphrase(path.to_path_buf()).into())
}

fn passphrase(file: &Option<PathBuf>) -> Result<Option<Passphrase>, CliError> {
    file.as_deref().map(read_passphrase).transpose()
}

/// Runs one command line (without the program name); returns the exit code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match run_command(args, out) {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "错误：{}\nerror: {}", e.message(Lang::Zh), e.message(Lang::En));
            e.exit_code()
        }
    }
}

fn counts_line(c: &dossier_core::bundle::format::Counts) -> String {
    format!(
        "客户 customers {}, 往来 entries {}, 修改记录 history {}, 业务员 reps {}",
        format_count(c.customers),
        format_count(c.entries),
        format_count(c.history),
        format_count(c.reps)
    )
}

fn run_command(args: &[String], out: &mut dyn Write) -> Result<(), CliError> {
    let Some((command, rest)) = args.split_first() else {
        let _ = out.write_all(HELP.as_bytes());
        return Err(Usage::NoCommand.into());
    };
    let say = |out: &mut dyn Write, text: String| {
        let _ = out.write_all(text.as_bytes());
    };
    if matches!(command.as_str(), "help" | "-h" | "--help") {
        say(out, HELP.into());
        return Ok(());
    }
    let a = parse(rest)?;
    match command.as_str() {
        "inspect" => {
            a.refuse(a.output.is_some(), "-o")?;
            a.refuse(a.passphrase_file.is_some(), "--passphrase-file")?;
            say(out, commands::inspect(&a.one_file()?)?);
        }
        "verify" => {
            a.refuse(a.output.is_some(), "-o")?;
            let file = a.one_file()?;
            let counts = commands::verify(&file, passphrase(&a.passphrase_file)?.as_ref())?;
            say(out, format!("完好 ok: {} ({})\n", file.display(), counts_line(&counts)));
        }
        "decrypt" => {
            let (file, output) = (a.one_file()?, a.output()?);
            let p = passphrase(&a.passphrase_file)?.ok_or(Usage::Missing("--passphrase-file P"))?;
            commands::decrypt(&file, &output, &p)?;
            say(out, format!("已解密 decrypted: {} → {}\n", file.display(), output.display()));
        }
        "encrypt" => {
            let (file, output) = (a.one_file()?, a.output()?);
            let p = passphrase(&a.passphrase_file)?.ok_or(Usage::Missing("--passphrase-file P"))?;
            commands::encrypt(&file, &output, &p, a.iterations.unwrap_or(DEFAULT_ITERATIONS))?;
            say(out, format!("已加密 encrypted: {} → {}\n", file.display(), output.display()));
        }
        "merge" => {
            if a.positional.is_empty() {
                return Err(Usage::Missing("A B ...").into());
            }
            let output = a.output()?;
            let inputs: Vec<&Path> = a.positional.iter().map(Path::new).collect();
            let open = passphrase(&a.passphrase_file)?;
            let seal_with = passphrase(&a.encrypt_with)?;
            let seal = seal_with
                .as_ref()
                .map(|p| MergeSeal { passphrase: p, iterations: a.iterations.unwrap_or(DEFAULT_ITERATIONS) });
            let now = now();
            let counts = commands::merge(&inputs, &output, open.as_ref(), seal, now)?;
            say(out, format!("已合并 merged {} → {} ({})\n", inputs.len(), output.display(), counts_line(&counts)));
        }
        other => return Err(Usage::UnknownCommand(other.to_string()).into()),
    }
    Ok(())
}

/// The system clock (the core never reads one; the CLI may).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default();
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}
