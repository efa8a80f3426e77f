#!/usr/bin/env bash
# Prints the size of the release wasm, raw and gzipped (what a tablet downloads once).
set -euo pipefail
cd "$(dirname "$0")/.."
wasm=$(ls dist/*.wasm 2>/dev/null | head -1)
[ -n "$wasm" ] || { echo "wasm-size: no dist/*.wasm; build first" >&2; exit 1; }
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf 'release wasm: %s  raw %d KB  gzip %d KB\n' "$(basename "$wasm")" $((raw / 1024)) $((gz / 1024))
