#!/usr/bin/env bash
# Starts the release service on a free loopback port with an admin token, waits for /ready, and
# checks its real responses against openapi.yaml (scripts/check-openapi.py). Always stops the
# service. Expects DATABASE_URL to point at a migrated database holding the default data, as
# scripts/test.sh arranges (`solemate migrate` and `solemate import --dir data --if-empty`).
# The check writes what a client would (see scripts/check-openapi.py); the probe shoe it adds is
# deleted afterwards with psql.
#
#   scripts/openapi-check.sh            # SOLEMATE_BIN overrides .build/release/solemate
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

: "${DATABASE_URL:?DATABASE_URL must be set (scripts/test.sh sets it)}"
bin=${SOLEMATE_BIN:-.build/release/solemate}
[ -x "$bin" ] || { echo "openapi-check: $bin not found; build it with: swift build -c release --product solemate" >&2; exit 1; }
python3 -c 'import yaml, jsonschema, openapi_schema_validator' 2>/dev/null || {
    echo "openapi-check: missing Python packages; install with:" >&2
    echo "    python3 -m pip install PyYAML jsonschema openapi-schema-validator openapi-spec-validator rfc3339-validator" >&2
    exit 1
}

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
export ADMIN_TOKEN=${ADMIN_TOKEN:-openapi-check-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}
log=$(mktemp)
# A storefront origin, so the checker sees CORS answered as documented.
export CORS_ORIGINS=${CORS_ORIGINS:-http://storefront.example}
OPENAPI_PATH="$root/openapi.yaml" "$bin" serve --host 127.0.0.1 --port "$port" >"$log" 2>&1 &
pid=$!
stop() {
    kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -f "$log"
    # The checker's POST /shoes probes (brand "OpenAPI Check", never interacted with) go again.
    command -v psql >/dev/null && psql "$DATABASE_URL" -qAt -c \
        "DELETE FROM shoes s WHERE brand = 'OpenAPI Check' AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.shoe_id = s.id)" \
        >/dev/null 2>&1 || true
}
trap stop EXIT

base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
    curl -fsS "$base/ready" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { echo "openapi-check: the service exited:" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.5
done
curl -fsS "$base/ready" >/dev/null 2>&1 || {
    echo "openapi-check: the service was not ready within 60 s:" >&2; tail -20 "$log" >&2; exit 1
}
python3 scripts/check-openapi.py "$base"
