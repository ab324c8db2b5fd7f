#!/usr/bin/env bash
# Installs whatever the project needs and is missing; skips what is there at the right version.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }

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

say "npm packages"
npm_install emulator/client-test
