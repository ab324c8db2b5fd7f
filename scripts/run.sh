#!/usr/bin/env bash
# Builds everything, then starts the emulator with the demo application (three hosts, about a second
# of propagation delay) and serves the console's release build at http://127.0.0.1:8080/.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8080}
LISTENERS=(8787 8788 8789)
APP_ID=DEMOAPP
# A new admin key every run: it exists only in this process and in the demo file below.
ADMIN_KEY=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')

cargo build -p keys-emulator
bash scripts/build.sh /

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/keys-console-run.XXXXXX")
hosts_json=$(printf '"http://127.0.0.1:%s",' "${LISTENERS[@]}")
hosts_csp=$(printf 'http://127.0.0.1:%s ' "${LISTENERS[@]}")
# Served beside the console (not part of the build): the connect page offers it as one click.
printf '{"appId":"%s","apiKey":"%s","hosts":[%s]}\n' "$APP_ID" "$ADMIN_KEY" "${hosts_json%,}" > "$run_dir/local-demo.json"

listen_args=()
for port in "${LISTENERS[@]}"; do listen_args+=(--listen "127.0.0.1:$port"); done
target/debug/keys-emulator "${listen_args[@]}" --app-id "$APP_ID" --admin-key "$ADMIN_KEY" \
    --demo --propagation-ms 1000 --control 2> "$run_dir/emulator.log" &
emulator=$!
bash scripts/serve.sh "$PORT" / dist "$hosts_csp" "$run_dir/local-demo.json" > /dev/null &
server=$!
# Ctrl-C reaches the emulator too, which stops by itself: kill then fails, and under `set -e` that
# failure would end the trap before the folder holding the demo's admin key is removed.
trap 'kill $emulator $server 2> /dev/null || true; wait; rm -rf "$run_dir"' EXIT INT TERM

for port in "${LISTENERS[@]}"; do bash scripts/wait-for.sh "http://127.0.0.1:$port/__emulator/clock"; done
bash scripts/wait-for.sh "http://127.0.0.1:$PORT/"
cat <<EOT

  Keys console:  http://127.0.0.1:$PORT/
  Click "Open the local demo ($APP_ID)" to see the demo keys.

  Emulator hosts: ${hosts_csp}(log: $run_dir/emulator.log)
  Press Ctrl-C to stop.

EOT
wait
