//! `dossier-cli`: see `dossier_cli::cli::HELP` and crates/dossier-cli/README.md.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = dossier_cli::cli::run(&args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    std::process::exit(code);
}
