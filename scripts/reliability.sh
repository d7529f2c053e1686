#!/usr/bin/env bash
# The reliability campaign: faults under write load (PostgreSQL stopped with `pg_ctl -m
# immediate`, its postmaster SIGKILLed, the service's connections terminated, the database made
# read-only), a training that fails before publishing, `solemate import` SIGKILLed at random
# points and, in the full mode, a 30-minute soak with hostile clients. Prints a table of figures
# and exits non-zero when anything acknowledged was lost, anything partial stored, or the service
# did not recover by itself.
#
#   scripts/reliability.sh [--short|--full] [--soak-minutes N] [--hold SECONDS]
#
#   --short          one run of each fault, 5 killed imports, no soak (a few minutes; `make test`)
#   --full           three runs of each fault, 20 killed imports, a 30-minute soak (default)
#   --soak-minutes N the soak's length instead (0: none); the p99 plot goes to docs/reliability-soak-p99.png
#
# It starts a PostgreSQL server of its own (build/reliability/pg, its own port) and the release
# service on a free port, both stopped at the end; nothing of the project's own database is touched.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

mode=full
soak=""
hold=3
while [ $# -gt 0 ]; do
    case $1 in
        --short) mode=short ;;
        --full) mode=full ;;
        --soak-minutes) soak=$2; shift ;;
        --hold) hold=$2; shift ;;
        *) echo "usage: scripts/reliability.sh [--short|--full] [--soak-minutes N] [--hold SECONDS]" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$soak" ] || soak=$([ "$mode" = full ] && echo 30 || echo 0)

bin=${SOLEMATE_BIN:-.build/release/solemate}
if [ -z "${SOLEMATE_BIN:-}" ]; then swift build -c release --product solemate >/dev/null; fi
command -v wrk >/dev/null || [ "$soak" = 0 ] || Benchmarks/install-wrk.sh
work="$root/build/reliability"
mkdir -p "$work"
pg_dir="$work/pg"
scripts/pg.sh --dir "$pg_dir" start >/dev/null
trap 'scripts/pg.sh --dir "$pg_dir" stop >/dev/null 2>&1 || true' EXIT
server_url=$(scripts/pg.sh --dir "$pg_dir" url)
maintenance="${server_url%%\?*}"; maintenance="${maintenance%/*}/postgres"
database=reliability
url="${maintenance%/*}/$database"
pg_home=$(scripts/pg.sh --dir "$pg_dir" where)
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}

# A fresh database each time, with a small shop (training takes seconds, not minutes).
psql "$maintenance" -qAt -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database" >/dev/null
users=300 shoes=80
if [ ! -f "$work/data/interactions.csv" ]; then
    "$bin" generate --users $users --shoes $shoes --interactions 20000 --seed 7 --out "$work/data" >/dev/null
fi
DATABASE_URL=$url "$bin" migrate >/dev/null
DATABASE_URL=$url "$bin" import --dir "$work/data" >/dev/null

python3 scripts/reliability/campaign.py --mode "$mode" --bin "$bin" --database-url "$url" \
    --maintenance-url "$maintenance" --database "$database" --pg-dir "$pg_dir" --pg-data "$pg_home/data" \
    --pg-bin "$pg_bin" --data "$work/data" --work "$work" --users $users --shoes $shoes --hold "$hold" \
    --soak-minutes "$soak"
