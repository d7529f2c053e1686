#!/usr/bin/env bash
# Three replicas (`solemate serve --no-train`) behind a real nginx on loopback, on the project's
# PostgreSQL in a database of the run's own (created and dropped): failover under wrk's load, a
# version published with `solemate train` reaching every replica, an event crossing replicas,
# and the figures of scripts/replicas/run.py. About a minute. SOLEMATE_BIN overrides the binary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v nginx >/dev/null || { echo "nginx is missing: run scripts/install-deps.sh (make does)" >&2; exit 1; }
Benchmarks/install-wrk.sh
maintenance=${SOLEMATE_TEST_DATABASE_URL:-$(scripts/db-url.sh --maintenance)}
# PostgreSQL is restarted under load only when it is the checkout's own server, never one of yours.
restart=()
port=$(scripts/pg.sh status 2>/dev/null | sed -n 's/^running on port \([0-9]*\).*/\1/p')
if [ -n "$port" ] && [[ "$maintenance" == *":$port/"* ]]; then
    restart=(--restart-postgres "scripts/pg.sh restart")
fi
exec python3 scripts/replicas/run.py --bin "${SOLEMATE_BIN:-.build/release/solemate}" --maintenance-url "$maintenance" \
    "${restart[@]}" "$@"
