#!/usr/bin/env bash
# Renders deploy/nginx.conf.template.
# Usage: nginx-config.sh PORT BASE ROOT RUN_DIR "CONNECT_HOSTS" [DEMO_FILE]
set -euo pipefail
port=$1 base=$2 root=$3 run_dir=$4 connect_hosts=$5 demo_file=${6:-}
extra=""
if [ -n "$demo_file" ]; then
    extra="location = ${base}local-demo.json { alias ${demo_file}; expires -1; }"
fi
template="$(dirname "$0")/../deploy/nginx.conf.template"
# Where this nginx was built to look for dynamic modules, brotli_static among them.
modules=$(nginx -V 2>&1 | sed -n 's/.*--modules-path=\([^ ]*\).*/\1/p')
if [ -z "$modules" ]; then
    echo "nginx-config: \`nginx -V\` names no --modules-path to load brotli_static from" >&2
    exit 1
fi
sed -e "s|@PORT@|$port|g" -e "s|@BASE@|$base|g" -e "s|@ROOT@|$root|g" -e "s|@RUN_DIR@|$run_dir|g" \
    -e "s|@CONNECT_HOSTS@|$connect_hosts|g" -e "s|@EXTRA@|$extra|g" \
    -e "s|@MODULES@|$modules|g" \
    -e "s|/@SPA_FALLBACK@|${base}index.html|g" "$template" | grep -v '^#'
