#!/usr/bin/env bash
# `make run`: database up, schema migrated, default data loaded once, models trained, service
# served on 127.0.0.1:8080 until Ctrl-C; then the project-local database is shut down cleanly.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

own_db=0
[ -z "${DATABASE_URL:-}" ] && own_db=1
export DATABASE_URL=$(scripts/db-url.sh)
[ "$own_db" = 1 ] && trap 'scripts/pg.sh stop' EXIT

bin=.build/release/solemate
"$bin" migrate
"$bin" import --dir data --if-empty
"$bin" serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
