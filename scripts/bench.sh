#!/usr/bin/env bash
# The table benchmark: the release build against the emulator with 10,000 generated keys.
# Prints its figures; it asserts nothing (these machines are shared and noisy).
set -euo pipefail
cd "$(dirname "$0")/.."

KEY_COUNT=${KEY_COUNT:-10000}
PORT=19080
LISTENERS=(19787 19788)
APP_ID=BENCHAPP
ADMIN_KEY=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

cargo build --release -p keys-emulator
bash scripts/build.sh / > /dev/null

listen_args=()
for port in "${LISTENERS[@]}"; do listen_args+=(--listen "127.0.0.1:$port"); done
hosts=$(printf 'http://127.0.0.1:%s ' "${LISTENERS[@]}")
target/release/keys-emulator "${listen_args[@]}" --app-id "$APP_ID" --admin-key "$ADMIN_KEY" \
    --keys "$KEY_COUNT" 2> /dev/null > /dev/null &
emulator=$!
bash scripts/serve.sh "$PORT" / dist "$hosts" > /dev/null &
server=$!
# Either may have stopped already; a failed kill must not end the trap (set -e) before the wait.
trap 'kill $emulator $server 2> /dev/null || true; wait' EXIT
for port in "${LISTENERS[@]}"; do bash scripts/wait-for.sh "http://127.0.0.1:$port/1/keys"; done
bash scripts/wait-for.sh "http://127.0.0.1:$PORT/"

cd e2e
CONSOLE_URL="http://127.0.0.1:$PORT/" EMULATOR_HOSTS="${hosts% }" APP_ID=$APP_ID ADMIN_KEY=$ADMIN_KEY \
    KEY_COUNT=$KEY_COUNT node bench/table.mjs
