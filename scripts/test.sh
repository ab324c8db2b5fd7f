#!/usr/bin/env bash
# The whole suite, in order, stopping at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== test %s\n' "$*"; }

step "1/6: cargo fmt --check"
cargo fmt --all --check

step "2/6: clippy -D warnings, native and wasm32"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p keys-console --target wasm32-unknown-unknown --all-targets -- -D warnings

step "3/6: native tests"
cargo test --workspace
# Algolia's official JavaScript client against the emulator built just above.
(cd emulator/client-test && KEYS_EMULATOR_BIN="$PWD/../../target/debug/keys-emulator" node --test)

step "4/6: component tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=$(command -v chromedriver) cargo test -p keys-console --target wasm32-unknown-unknown

step "5/6: release build, served under /console/ by the end-to-end suite"
bash scripts/build.sh /console/

step "6/6: end-to-end tests (Playwright, release build, nginx, emulator)"
# Built here rather than taken from the steps above, so that this step also runs on its own. After
# them it is cheap: the console's build reruns only wasm-bindgen and wasm-opt (about 20 s); the
# emulator's plain build (without `cargo test`'s dev-dependency features) compiles once per tree.
cargo build -p keys-emulator
bash scripts/build.sh /console/ > /dev/null
(cd e2e && npx playwright test)
