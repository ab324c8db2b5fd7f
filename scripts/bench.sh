#!/usr/bin/env bash
# The table benchmark: the release build against the emulator with 10,000 generated keys, side by
# side with a plain-DOM reference page (e2e/bench/reference.html) served by the same nginx, measured
# in alternating rounds. Prints both pages' figures and their ratios; it asserts nothing (these
# machines are shared and noisy), but fails when a page errors or never shows its keys.
# Usage: bench.sh   (KEY_COUNT and ROUNDS may be set in the environment)
set -euo pipefail
cd "$(dirname "$0")/.."

KEY_COUNT=${KEY_COUNT:-10000}
ROUNDS=${ROUNDS:-5}
PORT=19080
LISTENERS=(19787 19788)
APP_ID=BENCHAPP
ADMIN_KEY=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

cargo build --release -p keys-emulator
bash scripts/build.sh / > /dev/null

# The served folder: the build, and the reference page under bench/ with the build's stylesheet.
site=$(mktemp -d "${TMPDIR:-/tmp}/keys-console-bench.XXXXXX")
pids=()
# Either process may have stopped already; a failed kill must not end the trap (set -e) before the wait.
trap 'kill "${pids[@]}" 2> /dev/null || true; wait; rm -rf "$site"' EXIT
stylesheet=$(sed -n 's/.*<link rel="stylesheet" href="\([^"]*\)".*/\1/p' dist/index.html)
if [ -z "$stylesheet" ]; then
    echo "bench: dist/index.html links no stylesheet for the reference page to share" >&2
    exit 1
fi
cp -R dist/. "$site/"
mkdir "$site/bench"
sed "s|@CONSOLE_STYLESHEET@|$stylesheet|" e2e/bench/reference.html > "$site/bench/reference.html"
cp e2e/bench/reference.js "$site/bench/"

listen_args=()
for port in "${LISTENERS[@]}"; do listen_args+=(--listen "127.0.0.1:$port"); done
hosts=$(printf 'http://127.0.0.1:%s ' "${LISTENERS[@]}")
target/release/keys-emulator "${listen_args[@]}" --app-id "$APP_ID" --admin-key "$ADMIN_KEY" \
    --keys "$KEY_COUNT" 2> /dev/null > /dev/null &
pids+=($!)
bash scripts/serve.sh "$PORT" / "$site" "$hosts" > /dev/null &
pids+=($!)
for port in "${LISTENERS[@]}"; do bash scripts/wait-for.sh "http://127.0.0.1:$port/1/keys"; done
bash scripts/wait-for.sh "http://127.0.0.1:$PORT/"

cd e2e
CONSOLE_URL="http://127.0.0.1:$PORT/" REFERENCE_URL="http://127.0.0.1:$PORT/bench/reference.html" \
    EMULATOR_HOSTS="${hosts% }" APP_ID=$APP_ID ADMIN_KEY=$ADMIN_KEY KEY_COUNT=$KEY_COUNT ROUNDS=$ROUNDS \
    node bench/table.mjs
