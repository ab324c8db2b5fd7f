#!/usr/bin/env bash
# Installs whatever the project needs and is missing; skips what is there at the right version.
# Safe to run again and again: `make run` and `make test` both start with it.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate that Cargo.lock resolved.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print }' Cargo.lock)

say() { printf '\n== setup: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The wasm release build uses unstable flags of this compiler (scripts/build.sh), which may change
# from one release to the next: another version is a change to make on purpose, not by accident.
RUST_VERSION=1.95
say "rustc $RUST_VERSION"
if rustc --version | grep -q "^rustc $RUST_VERSION\."; then
    rustc --version
else
    echo "This project is built with Rust $RUST_VERSION; found: $(rustc --version)." >&2
    echo "Install it (rustup toolchain install $RUST_VERSION) or update RUST_VERSION after checking the build." >&2
    exit 1
fi

say "wasm32 target"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "installed"
else
    rustup target add wasm32-unknown-unknown
fi

# The wasm release build compiles the standard library from source (-Zbuild-std, scripts/build.sh).
say "rust-src"
if rustup component list --installed | grep -qx 'rust-src'; then
    echo "installed"
else
    rustup component add rust-src
fi

# Building these tools without LTO and with many codegen units roughly halves their install time.
cargo_install() {
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install "$@"
}

say "trunk $TRUNK_VERSION"
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
    echo "installed"
else
    cargo_install trunk --version "$TRUNK_VERSION" --locked
fi

say "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    echo "installed"
else
    # Not --locked: its lock file wants a crate release the registry here does not have.
    cargo_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# nginx serves the build's .br files with brotli_static, a module of its own in Debian.
say "chromium, chromedriver, nginx and its brotli_static module"
if command -v chromium > /dev/null && command -v chromedriver > /dev/null && command -v nginx > /dev/null &&
    [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    echo "installed"
else
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        chromium chromium-driver nginx libnginx-mod-http-brotli-static
fi

# `npm ci` when node_modules is missing or was installed from another lock file.
npm_install() {
    local dir=$1 stamp=$1/node_modules/.installed-from-lock
    if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then
        echo "$dir: up to date"
    else
        (cd "$dir" && npm ci --no-audit --no-fund)
        cp "$dir/package-lock.json" "$stamp"
    fi
}

say "npm packages (Playwright, binaryen 132 for wasm-opt, terser, algoliasearch)"
npm_install e2e
npm_install emulator/client-test

say "crates"
cargo fetch
# The standard library's own dependencies, for the wasm release build, which builds std
# (scripts/build.sh) and runs cargo offline.
RUSTC_BOOTSTRAP=1 cargo fetch -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown
