#!/usr/bin/env bash
# The service under load, on loopback only, against the database of DATABASE_URL (default: the
# project-local one of scripts/db-url.sh) holding the default data.
#
#   Benchmarks/service/run.sh [SECONDS=20]     # SOLEMATE_BIN overrides .build/release/solemate
#
# Starts the release service on a free 127.0.0.1 port, then:
#   (a) wrk, 64 connections, 2 threads, SECONDS each: GET /health (the yardstick: routing and
#       HTTP only), then GET /users/{id}/recommendations over random user ids 1..2000; prints
#       requests/s, p50 and p99 of both and their ratio. Goal: recommendations p99 < 10 ms.
#       Then recommendations on 1 connection for 5 s: the service time without queueing.
#   (b) POST /interactions: batches of 100 and of 1,000 valid events (one connection, then 4),
#       events/s; the events (views dated in the year 2000) are deleted afterwards with psql
#       unless KEEP_EVENTS=1.
# Stops the service on exit, whatever happens. Takes about 2 x SECONDS + 30 s.
set -euo pipefail
seconds=${1:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/Benchmarks/service"
cd "$root"

# shellcheck source=../prepare-service.sh
source Benchmarks/prepare-service.sh

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log=$(mktemp)
OPENAPI_PATH="$root/openapi.yaml" "$bin" serve --host 127.0.0.1 --port "$port" >"$log" 2>&1 &
pid=$!
cleanup() {
    kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -f "$log"
}
trap cleanup EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
    curl -fsS "$base/ready" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { echo "the service exited:"; tail -20 "$log"; exit 1; }
    sleep 0.5
done
curl -fsS "$base/ready" >/dev/null || { echo "the service was not ready within 60 s"; tail -20 "$log"; exit 1; }

echo "== $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr), model $(curl -fsS "$base/ready" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("model_version"))')"
echo "   service $bin on $base, pid $pid; wrk -t2 -c64 -d${seconds}s --latency"

# wrk output -> "rps p50_ms p99_ms errors"; WRK_SHAPE overrides the threads/connections/duration.
run_wrk() {
    wrk ${WRK_SHAPE:--t2 -c64 -d${seconds}s} --latency "$@" | python3 "$root/Benchmarks/wrk_summary.py"
}

# utime + stime of the service, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

# Warm-up: every user once is not needed, a few seconds of traffic is.
wrk -t2 -c64 -d3s -s "$here/recommendations.lua" "$base" >/dev/null

echo "== (a) reads"
read -r h_rps h_p50 h_p99 h_err <<<"$(run_wrk "$base/health")"
printf '   GET /health                      %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %s\n' "$h_rps" "$h_p50" "$h_p99" "$h_err"
cpu_before=$(cpu_ticks)
read -r r_rps r_p50 r_p99 r_err <<<"$(run_wrk -s "$here/recommendations.lua" "$base")"
cpu_after=$(cpu_ticks)
printf '   GET /users/{id}/recommendations  %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %s\n' "$r_rps" "$r_p50" "$r_p99" "$r_err"
python3 -c "import os; t = ($cpu_after - $cpu_before) / os.sysconf('SC_CLK_TCK'); print(f'   service CPU during it: {t:.1f} s of {2 * $seconds} s on 2 cores, {t * 1e6 / ($r_rps * $seconds):.0f} µs per request')"
python3 - "$h_rps" "$h_p99" "$r_rps" "$r_p99" <<'PY'
import sys
h_rps, h_p99, r_rps, r_p99 = map(float, sys.argv[1:])
print(f"   recommendations / health: throughput {r_rps / h_rps:.2f}x, p99 {r_p99 / h_p99:.1f}x; "
      f"goal p99 < 10 ms: {'met' if r_p99 < 10 else 'NOT met'} ({r_p99:.2f} ms)")
PY

read -r s_rps s_p50 s_p99 s_err <<<"$(WRK_SHAPE="-t1 -c1 -d5s" run_wrk -s "$here/recommendations.lua" "$base")"
printf '   the same, 1 connection, 5 s      %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %s  (service time without queueing)\n' "$s_rps" "$s_p50" "$s_p99" "$s_err"
printf '   load average after the reads: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"

echo "== (b) ingestion, POST /interactions"
status=0
python3 "$here/ingest.py" "$base" 100 200 1 || status=1
python3 "$here/ingest.py" "$base" 1000 30 1 || status=1
python3 "$here/ingest.py" "$base" 100 400 4 || status=1
python3 "$here/ingest.py" "$base" 1000 60 4 || status=1

if [ "${KEEP_EVENTS:-0}" != 1 ]; then
    if command -v psql >/dev/null; then
        printf '   removing the benchmark events: '
        psql "$DATABASE_URL" -qAt -c "WITH gone AS (DELETE FROM interactions WHERE kind = 'view' AND occurred_at >= '2000-01-01Z' AND occurred_at < '2001-01-01Z' RETURNING 1) SELECT count(*) || ' deleted' FROM gone"
    else
        echo "   psql not found: the benchmark events (views in the year 2000) stay in the database"
    fi
fi
[ "$r_err" = 0 ] && [ "$h_err" = 0 ] || status=1
exit $status
