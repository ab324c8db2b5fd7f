#!/usr/bin/env bash
# Waits until an HTTP server answers at URL (any status will do); gives up after about SECONDS (default 30).
# Usage: wait-for.sh http://HOST:PORT/PATH [SECONDS]
# It speaks HTTP through bash's /dev/tcp, because curl is not on every fresh machine.
set -euo pipefail
url=$1 seconds=${2:-30}
if [[ ! $url =~ ^http://([^/:]+)(:([0-9]+))?(/.*)?$ ]]; then
    echo "wait-for.sh: not an http:// URL: $url" >&2
    exit 2
fi
host=${BASH_REMATCH[1]} port=${BASH_REMATCH[3]:-80} path=${BASH_REMATCH[4]:-/}

answers() {
    exec 3<> "/dev/tcp/$host/$port" || return 1
    printf 'GET %s HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n' "$path" "$host" "$port" >&3
    local status_line
    IFS= read -r -t 2 status_line <&3 && [[ $status_line == HTTP/1.* ]]
}

deadline=$((SECONDS + seconds))
until (answers) 2> /dev/null; do
    if ((SECONDS > deadline)); then
        echo "wait-for.sh: nothing answered at $url within ${seconds}s" >&2
        exit 1
    fi
    sleep 0.1
done
