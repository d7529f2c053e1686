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
exec python3 scripts/replicas/run.py --bin "${SOLEMATE_BIN:-.build/release/solemate}" --maintenance-url "$maintenance" "$@"
