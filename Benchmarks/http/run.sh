#!/usr/bin/env bash
# Benchmarks our HTTPServer against a Hummingbird 2 server doing the same work, on loopback.
#
#   Benchmarks/http/run.sh [ROUNDS=3] [SECONDS_PER_RUN=10] [LONG_RUN_SECONDS=60]
#
# Builds both in release mode (ours: product http-bench-server, scratch .build-http-bench;
# Hummingbird: its own package in Benchmarks/http/hummingbird/HBBench, scratch
# Benchmarks/http/hummingbird/.build-hb), starts both, then alternates wrk runs between them
# (64 connections) for GET /health and GET /users/:id/recommendations (2,000 items x 64 factors
# scored, top ten as JSON), since run-to-run noise is 30-40 %. Prints the median requests/s,
# p50 and p99 of each and the ratio ours/Hummingbird; then resident memory with 1,000 idle
# keep-alive connections, and a long run against ours that must end with zero errors.
set -euo pipefail

rounds="${1:-3}"
seconds="${2:-10}"
long_seconds="${3:-60}"
connections=64
threads=2
ours_port=18080
hb_port=18081
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/Benchmarks/http"
results="$(mktemp -d)"

"$root/Benchmarks/install-wrk.sh"

echo "== building (release)"
swift build -c release --package-path "$root" --scratch-path "$root/.build-http-bench" --product http-bench-server 2>&1 | tail -1
swift build -c release --package-path "$here/hummingbird/HBBench" --scratch-path "$here/hummingbird/.build-hb" 2>&1 | tail -1
ours_bin="$root/.build-http-bench/release/http-bench-server"
hb_bin="$here/hummingbird/.build-hb/release/hb-bench-server"

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$results"
}
trap cleanup EXIT

"$ours_bin" "$ours_port" >"$results/ours.log" 2>&1 & ours_pid=$!; pids+=("$ours_pid")
"$hb_bin" "$hb_port" >"$results/hb.log" 2>&1 & hb_pid=$!; pids+=("$hb_pid")
for port in "$ours_port" "$hb_port"; do
    for _ in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
        sleep 0.1
    done
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { echo "server on $port did not start"; exit 1; }
done
echo "same answers?"
diff <(curl -fsS "http://127.0.0.1:$ours_port/users/42/recommendations" | python3 -c 'import json,sys; d=json.load(sys.stdin); print([i["item"] for i in d["items"]])') \
     <(curl -fsS "http://127.0.0.1:$hb_port/users/42/recommendations" | python3 -c 'import json,sys; d=json.load(sys.stdin); print([i["item"] for i in d["items"]])') \
    && echo "  yes: identical top-ten items for user 42"

# wrk output -> "rps p50_ms p99_ms errors"
run_wrk() {
    local url="$1" duration="$2"
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$url" | python3 "$root/Benchmarks/wrk_summary.py"
}

echo "== $rounds interleaved rounds, ${seconds}s each, $connections connections, wrk -t$threads"
for round in $(seq 1 "$rounds"); do
    for route in health recommendations; do
        path="/health"; [[ "$route" == recommendations ]] && path="/users/42/recommendations"
        order=(ours hb); (( round % 2 == 0 )) && order=(hb ours)
        for server in "${order[@]}"; do
            port="$ours_port"; [[ "$server" == hb ]] && port="$hb_port"
            line="$(run_wrk "http://127.0.0.1:$port$path" "$seconds")"
            echo "$line" >>"$results/$server-$route"
            printf '  round %d %-15s %-5s %s\n' "$round" "$route" "$server" "$line"
        done
    done
done

python3 - "$results" <<'PY'
import statistics, sys, os
results = sys.argv[1]
print("== medians (requests/s, p50 ms, p99 ms, errors summed)")
for route in ("health", "recommendations"):
    rows = {}
    for server in ("ours", "hb"):
        lines = [list(map(float, l.split())) for l in open(os.path.join(results, f"{server}-{route}"))]
        rows[server] = [statistics.median(c) for c in zip(*lines[:])][:3] + [sum(l[3] for l in lines)]
    o, h = rows["ours"], rows["hb"]
    print(f"  {route:15s} ours {o[0]:8.0f} req/s  p50 {o[1]:6.2f} ms  p99 {o[2]:6.2f} ms  errors {o[3]:.0f}")
    print(f"  {'':15s} hb   {h[0]:8.0f} req/s  p50 {h[1]:6.2f} ms  p99 {h[2]:6.2f} ms  errors {h[3]:.0f}")
    print(f"  {'':15s} ratio ours/hb: throughput {o[0] / h[0]:.2f}x, p99 {o[2] / h[2]:.2f}x")
PY

echo "== resident memory with 1,000 idle keep-alive connections"
printf '  ours: '; python3 "$here/idle_connections.py" "$ours_port" "$ours_pid" 1000 3
printf '  hb:   '; python3 "$here/idle_connections.py" "$hb_port" "$hb_pid" 1000 3

echo "== ${long_seconds}s run against ours (recommendations), errors must be 0"
line="$(run_wrk "http://127.0.0.1:$ours_port/users/42/recommendations" "$long_seconds")"
echo "  rps p50_ms p99_ms errors: $line"
echo "  ours RSS after: $(awk '/VmRSS/ {printf "%.1f MiB", $2/1024}' /proc/$ours_pid/status)"
[[ "$(echo "$line" | awk '{print $4}')" == 0 ]] || { echo "errors during the long run"; exit 1; }

echo "== graceful stop of ours (SIGTERM)"
start=$(date +%s.%N)
kill -TERM "$ours_pid"; wait "$ours_pid" || true
echo "  exited after $(python3 -c "print(f'{$(date +%s.%N) - $start:.2f}')") s"
