#!/usr/bin/env bash
# The release build of the console, then its sizes, raw and gzipped, per file and in total.
# Usage: build.sh [PUBLIC_URL]   (default "/"; "/console/" to host it under that path)
set -euo pipefail
cd "$(dirname "$0")/.."
public_url=${1:-/}

# Trunk uses the wasm-opt it finds first on PATH: binaryen 132 from npm, never Debian's older one.
export PATH="$PWD/e2e/node_modules/.bin:$PATH"
trunk build --release --public-url "$public_url" > target/trunk-build.log 2>&1 || {
    cat target/trunk-build.log
    exit 1
}

node scripts/sizes.mjs dist
