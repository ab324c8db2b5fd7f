#!/usr/bin/env bash
# The whole test suite, in order, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "1. cargo fmt --check"
cargo fmt --all --check

step "2. clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

step "3. native tests"
cargo test --workspace

step "4. Algolia's JavaScript client against the emulator"
(cd emulator/client-test && KEYS_EMULATOR_BIN="$PWD/../../target/debug/keys-emulator" node --test)
