#!/usr/bin/env bash
# The comparison benchmark: two emulators with many generated keys each (different ones: the
# generator is seeded by the count), the release build in headless Chromium. Prints the time to
# show a comparison and the keystrokes in its search beside the keys table's (e2e/bench/compare.mjs).
# Usage: bench-compare.sh   (KEY_COUNT and ROUNDS may be set in the environment)
set -euo pipefail
cd "$(dirname "$0")/.."

KEY_COUNT=${KEY_COUNT:-10000}
ROUNDS=${ROUNDS:-3}
PORT=19080
A_PORT=19787
B_PORT=19788
key() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }
A_KEY=$(key)
B_KEY=$(key)

cargo build --release -p keys-emulator
bash scripts/build.sh / > /dev/null

pids=()
trap 'kill "${pids[@]}" 2> /dev/null || true; wait' EXIT
target/release/keys-emulator --listen "127.0.0.1:$A_PORT" --app-id BENCHA --admin-key "$A_KEY" \
    --keys "$KEY_COUNT" > /dev/null 2>&1 &
pids+=($!)
target/release/keys-emulator --listen "127.0.0.1:$B_PORT" --app-id BENCHB --admin-key "$B_KEY" \
    --keys "$((KEY_COUNT - 1))" > /dev/null 2>&1 &
pids+=($!)
bash scripts/serve.sh "$PORT" / dist "http://127.0.0.1:$A_PORT http://127.0.0.1:$B_PORT" > /dev/null &
pids+=($!)
for port in "$A_PORT" "$B_PORT"; do bash scripts/wait-for.sh "http://127.0.0.1:$port/1/keys"; done
bash scripts/wait-for.sh "http://127.0.0.1:$PORT/"

apps=$(printf '[{"label":"a","appId":"BENCHA","apiKey":"%s","hosts":["http://127.0.0.1:%s"],"keys":%s},{"label":"b","appId":"BENCHB","apiKey":"%s","hosts":["http://127.0.0.1:%s"],"keys":%s}]' \
    "$A_KEY" "$A_PORT" "$KEY_COUNT" "$B_KEY" "$B_PORT" "$((KEY_COUNT - 1))")
cd e2e
CONSOLE_URL="http://127.0.0.1:$PORT/" APPS="$apps" ROUNDS=$ROUNDS node bench/compare.mjs
