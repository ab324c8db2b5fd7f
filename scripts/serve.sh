#!/usr/bin/env bash
# Serves a release build with nginx in the foreground, configured from deploy/nginx.conf.template.
# Usage: serve.sh PORT BASE ROOT "CONNECT_HOSTS" [DEMO_FILE]
set -euo pipefail
port=$1 base=$2 root=$(cd "$3" && pwd) connect_hosts=$4 demo_file=${5:-}
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/keys-console-nginx.XXXXXX")
trap 'rm -rf "$run_dir"' EXIT
# nginx's workers run as an unprivileged user when started as root, and may not be allowed into the
# build's folder (a clone under `mktemp -d` is private to its owner): they serve a readable copy.
cp -R "$root" "$run_dir/site"
if [ -n "$demo_file" ]; then
    cp "$demo_file" "$run_dir/local-demo.json"
    demo_file=$run_dir/local-demo.json
fi
chmod -R a+rX "$run_dir"
"$(dirname "$0")/nginx-config.sh" "$port" "$base" "$run_dir/site" "$run_dir" "$connect_hosts" "$demo_file" > "$run_dir/nginx.conf"
nginx -c "$run_dir/nginx.conf" -p "$run_dir" -g 'daemon off;' &
nginx_pid=$!
trap 'kill -TERM $nginx_pid 2> /dev/null; wait $nginx_pid; rm -rf "$run_dir"' EXIT INT TERM
echo "serving $root at http://127.0.0.1:$port$base"
wait $nginx_pid
