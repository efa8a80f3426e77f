#!/usr/bin/env bash
# Every test: the core on the host, storage in headless Chromium (wasm-bindgen-test), then the
# built app end to end (Playwright driving Debian's Chromium). Exits non-zero if any part fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

# chromedriver leaves profile folders in TMPDIR: keep them in one folder we clean.
export TMPDIR="$PWD/target/browser-tmp"
rm -rf "$TMPDIR"; mkdir -p "$TMPDIR"
trap 'rm -rf "$TMPDIR"' EXIT

step() { printf '\n=== %s\n' "$*"; }

step "core: cargo test -p dossier-core (host)"
cargo test -p dossier-core --quiet

step "managers' tool: cargo test -p dossier-cli (host; RustCrypto, the bundle format)"
cargo test -p dossier-cli --quiet

step "browser: wasm-bindgen-test in headless Chromium (IndexedDB, app logic)"
# The timeout is per test file (one page runs all its tests), there to stop a hung run, not to
# time it: on_demand takes ~55 s on this machine and went past 120 s on a loaded 2-core CI box.
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_BINDGEN_TEST_TIMEOUT=400 \
  cargo test -p dossier --target wasm32-unknown-unknown

step "build: release app"
trunk build --release
scripts/wasm-size.sh

step "end to end: Playwright against the built app on 127.0.0.1"
node --test --test-concurrency=1 --test-timeout=180000 tests/e2e/
