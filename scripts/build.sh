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
trunk build --release --public-url "$public_url" > target/trunk-build.log 2>&1 || {
    cat target/trunk-build.log
    exit 1
}

node scripts/compress.mjs dist
node scripts/sizes.mjs dist
