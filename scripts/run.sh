#!/usr/bin/env bash
# Builds everything, then starts two demo applications, production and staging, each its own
# emulator (three hosts, about a second of propagation delay), and serves the console's release
# build at http://127.0.0.1:8080/. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8080}
# Each application: label, colour, app ID, `--demo` value, listener ports (the first is the primary
# host).
APPS=(
    "prod red DEMOAPP production 8787 8788 8789"
    "staging green STAGEAPP staging 8790 8791 8792"
)

cargo build -p keys-emulator
bash scripts/build.sh /

run_dir=$(mktemp -d "${TMPDIR:-/tmp}/keys-console-run.XXXXXX")
pids=()
# Ctrl-C reaches the emulators too, which stop by themselves: kill then fails, and under `set -e`
# that failure would end the trap before the folder holding the demo's admin keys is removed.
trap 'kill "${pids[@]}" 2> /dev/null || true; wait; rm -rf "$run_dir"' EXIT INT TERM

apps_json="" hosts_csp="" summary="" all_ports=()
for app in "${APPS[@]}"; do
    read -r label colour app_id demo listeners <<< "$app"
    read -r -a ports <<< "$listeners"
    # A new admin key every run: it exists only in this process and in the demo file below.
    admin_key=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    hosts=$(printf 'http://127.0.0.1:%s ' "${ports[@]}")
    hosts_json=$(printf '"http://127.0.0.1:%s",' "${ports[@]}")
    apps_json+=$(printf '{"appId":"%s","label":"%s","colour":"%s","hosts":[%s],"apiKey":"%s"},' \
        "$app_id" "$label" "$colour" "${hosts_json%,}" "$admin_key")
    hosts_csp+=$hosts
    summary+=$(printf '    %-8s %-9s %s(log: %s)' "$label" "$app_id" "$hosts" "$run_dir/emulator-$label.log")$'\n'
    all_ports+=("${ports[@]}")

    listen_args=()
    for port in "${ports[@]}"; do listen_args+=(--listen "127.0.0.1:$port"); done
    target/debug/keys-emulator "${listen_args[@]}" --app-id "$app_id" --admin-key "$admin_key" \
        --demo "$demo" --propagation-ms 1000 --control 2> "$run_dir/emulator-$label.log" &
    pids+=($!)
done
# Served beside the console (not part of the build): the connect page offers it as one click.
# The applications as the console keeps them in sessionStorage (`StoredApp` in src/session.rs).
printf '[%s]\n' "${apps_json%,}" > "$run_dir/local-demo.json"

bash scripts/serve.sh "$PORT" / dist "$hosts_csp" "$run_dir/local-demo.json" > /dev/null &
pids+=($!)

for port in "${all_ports[@]}"; do bash scripts/wait-for.sh "http://127.0.0.1:$port/__emulator/clock"; done
bash scripts/wait-for.sh "http://127.0.0.1:$PORT/"
cat <<EOT

  Keys console:  http://127.0.0.1:$PORT/
  Click "Open the local demo" to connect both demo applications:
$summary
  Press Ctrl-C to stop.

EOT
wait
