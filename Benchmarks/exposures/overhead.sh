#!/usr/bin/env bash
# What the exposure log costs serving: GET /users/{id}/recommendations at 64 connections against
# two release services on the same database, one with EXPOSURE_LOG=on and one with it off, in
# alternating rounds of the same run (the machine is shared and noisy: read the ratios), and the
# rate at which the log writes lists (rows counted in PostgreSQL, and the service's counters).
#
#   Benchmarks/exposures/overhead.sh [SECONDS=15] [ROUNDS=3]   # SOLEMATE_BIN overrides .build/release/solemate
#
# Goal (issue 10): p99 and throughput with logging on within 10 % of off. The benchmark's
# exposures are deleted afterwards unless KEEP_EXPOSURES=1.
set -euo pipefail
seconds=${1:-15}
rounds=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
# shellcheck source=../prepare-service.sh
source Benchmarks/prepare-service.sh

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
pids=()
logs=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
    rm -f "${logs[@]}"
}
trap cleanup EXIT
start() {  # start EXPOSURE_LOG: sets $base and $pid (not in a subshell, so that cleanup knows the pid)
    local port log
    port=$(free_port)
    log=$(mktemp)
    EXPOSURE_LOG=$1 "$bin" serve --host 127.0.0.1 --port "$port" >"$log" 2>&1 &
    pid=$!
    pids+=("$pid")
    logs+=("$log")
    base="http://127.0.0.1:$port"
}
start on
on=$base
on_pid=$pid
start off
off=$base
off_pid=$pid
# utime + stime of a service, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for base in "$on" "$off"; do
    for _ in $(seq 1 240); do curl -fsS "$base/ready" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fsS "$base/ready" >/dev/null || { echo "a service was not ready within 120 s"; tail -20 "${logs[@]}"; exit 1; }
done
started=$(psql "$DATABASE_URL" -qAt -c "SELECT now()")
rows() { psql "$DATABASE_URL" -qAt -c "SELECT count(*) FROM exposures WHERE served_at >= '$started'"; }
counter() { curl -fsS "$1/metrics" | awk -v name="$2" '$1 == name {print $2 + 0; found = 1} END {if (!found) print 0}'; }

echo "== $(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t2 -c64 -d${seconds}s, $rounds rounds each, alternating"
run_wrk() {
    # rps p99 errors
    wrk -t2 -c64 -d"${seconds}s" --latency -s Benchmarks/service/recommendations.lua "$1" | python3 Benchmarks/wrk_summary.py | awk '{print $1, $3, $4}'
}
for base in "$on" "$off"; do wrk -t2 -c64 -d3s -s Benchmarks/service/recommendations.lua "$base" >/dev/null; done

results=()
write_seconds=0
sleep 1
written_before=$(rows)
for round in $(seq 1 "$rounds"); do
    for mode in on off; do
        base=$([ "$mode" = on ] && echo "$on" || echo "$off")
        pid=$([ "$mode" = on ] && echo "$on_pid" || echo "$off_pid")
        before=$(cpu_ticks "$pid")
        read -r rps p99 errors <<<"$(run_wrk "$base")"
        # CPU per request: far steadier than latency on a shared machine.
        cpu_us=$(python3 -c "import os; print(f'{($(cpu_ticks "$pid") - $before) / os.sysconf(\"SC_CLK_TCK\") * 1e6 / ($rps * $seconds):.0f}')")
        printf '   round %d  logging %-3s  %8.0f req/s  p99 %6.2f ms  %4d µs CPU/request  errors %s\n' "$round" "$mode" "$rps" "$p99" "$cpu_us" "$errors"
        results+=("$mode $rps $p99 $cpu_us")
    done
done
# Let the writer drain its queue, then count what it wrote during the "on" rounds.
sleep 2
written=$(( $(rows) - written_before ))
dropped=$(counter "$on" solemate_exposures_dropped_total)
counted=$(counter "$on" solemate_exposures_written_total)
printf '%s\n' "${results[@]}" | python3 -c '
import statistics, sys
rows = [line.split() for line in sys.stdin if line.strip()]
def median(mode, column): return statistics.median(float(r[column]) for r in rows if r[0] == mode)
on_rps, off_rps, on_p99, off_p99 = median("on", 1), median("off", 1), median("on", 2), median("off", 2)
on_cpu, off_cpu = median("on", 3), median("off", 3)
print(f"   median  on: {on_rps:.0f} req/s, p99 {on_p99:.2f} ms, {on_cpu:.0f} µs CPU/request   "
      f"off: {off_rps:.0f} req/s, p99 {off_p99:.2f} ms, {off_cpu:.0f} µs CPU/request")
print(f"   CPU per request on / off: {on_cpu / off_cpu:.3f}x (the writer thread included)")
verdict = "met" if on_rps / off_rps >= 0.9 and on_p99 / off_p99 <= 1.1 else "NOT met"
print(f"   on / off: throughput {on_rps / off_rps:.3f}x, p99 {on_p99 / off_p99:.3f}x (goal: within 10 %: {verdict})")
'
python3 -c "
written, rounds, seconds = $written, $rounds, $seconds
print(f'   exposure log: {written} lists written in {rounds * seconds} s of logged load = {written / (rounds * seconds):.0f} lists/s '
      f'(service counters: written $counted, dropped $dropped)')"
if [ "${KEEP_EXPOSURES:-0}" != 1 ]; then
    printf '   removing the benchmark exposures: '
    psql "$DATABASE_URL" -qAt -c "WITH gone AS (DELETE FROM exposures WHERE served_at >= '$started' RETURNING 1) SELECT count(*) || ' deleted' FROM gone"
fi
