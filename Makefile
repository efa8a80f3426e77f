# The two commands of README.md. Both install what is missing first (scripts/setup.sh), and skip
# what is already there, so a second run starts fast.
SHELL := /bin/bash
PORT ?= 8080
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test build setup-build setup-test bench

run: build
	node scripts/serve.mjs --root dist --port $(PORT)

test: setup-build
	scripts/setup.sh test
	scripts/test.sh

build: setup-build
	trunk build --release
	@scripts/wasm-size.sh

setup-build:
	scripts/setup.sh build

# Not part of `make test`: speed is measured, not asserted (see docs/storage.md).
bench: build
	scripts/setup.sh test
	node bench/archive.mjs --count $${COUNT:-100000}
