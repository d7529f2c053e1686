#!/usr/bin/env bash
# Runs a command against the release service: starts it on a free loopback port with an admin
# token, waits for /ready, runs the command with SERVICE_URL and ADMIN_TOKEN exported, and always
# stops the service, then runs CLEANUP_SQL (if set) with psql to remove what the command added.
# Expects DATABASE_URL to point at a migrated database holding the default data, as
# scripts/test.sh arranges. Used by scripts/openapi-check.sh and scripts/browser-test.sh.
#
#   scripts/with-service.sh NAME COMMAND [ARGS...]   # SOLEMATE_BIN overrides .build/release/solemate
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
name=$1
shift

: "${DATABASE_URL:?DATABASE_URL must be set (scripts/test.sh sets it)}"
bin=${SOLEMATE_BIN:-.build/release/solemate}
[ -x "$bin" ] || { echo "$name: $bin not found; build it with: swift build -c release --product solemate" >&2; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
export ADMIN_TOKEN=${ADMIN_TOKEN:-$name-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}
log=$(mktemp)
OPENAPI_PATH="$root/openapi.yaml" DEMO_DIR="$root/web" "$bin" serve --host 127.0.0.1 --port "$port" >"$log" 2>&1 &
pid=$!
stop() {
    kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -f "$log"
    if [ -n "${CLEANUP_SQL:-}" ] && command -v psql >/dev/null; then
        psql "$DATABASE_URL" -qAt -c "$CLEANUP_SQL" >/dev/null 2>&1 || true
    fi
}
trap stop EXIT

export SERVICE_URL="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
    curl -fsS "$SERVICE_URL/ready" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { echo "$name: the service exited:" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.5
done
curl -fsS "$SERVICE_URL/ready" >/dev/null 2>&1 || {
    echo "$name: the service was not ready within 60 s:" >&2; tail -20 "$log" >&2; exit 1
}
"$@"
