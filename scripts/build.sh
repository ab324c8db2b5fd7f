#!/usr/bin/env bash
# The release build of the console, compressed beside itself for nginx to serve as it is, then its
# sizes, raw, gzip and brotli, per file and in total.
# Usage: build.sh [PUBLIC_URL]   (default "/"; "/console/" to host it under that path)
set -euo pipefail
cd "$(dirname "$0")/.."
public_url=${1:-/}

# Trunk uses the wasm-opt it finds first on PATH: binaryen 132 from npm, never Debian's older one.
export PATH="$PWD/e2e/node_modules/.bin:$PATH"
# The log goes to target/, which a fresh clone does not have yet.
mkdir -p target

# The wasm is built with its own standard library (rust-src), compiled to abort on a panic at once
# (`-Cpanic=immediate-abort`): std's panic formatting and reporting leave the bundle. Its
# `optimize_for_size` feature picks std's small versions of sorting, integer formatting and float
# parsing (1.6 KB of brotli); each is still O(n log n) or linear, and `make bench` measures the
# 10,000-key table with them. LLVM inlines only calls that cost nothing to inline
# (`-inline-threshold=0`; opt-level "z" allows 25): 1.0 KB of brotli. 10 gave 1.0 KB more than the
# default and -50 28 KB more. All of this is unstable, so the stable compiler (its version checked
# by setup.sh) gets RUSTC_BOOTSTRAP=1 for this one build only: native builds, clippy and the tests
# stay on plain stable.
# `-Zlocation-detail=none` saves nothing (measured at 249.3 KB); `-Zfmt-debug=none`
# would blank `{:?}`, which serde's error messages use for the value they quote, and those reach
# the user when an answer cannot be read.
RUSTC_BOOTSTRAP=1 \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Cllvm-args=-inline-threshold=0" \
    trunk build --release --public-url "$public_url" > target/trunk-build.log 2>&1 || {
    cat target/trunk-build.log
    exit 1
}

node scripts/compress.mjs dist
node scripts/sizes.mjs dist
