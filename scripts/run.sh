#!/usr/bin/env bash
# `make run`: database up, schema migrated, default data loaded once, models trained, service
# served on 127.0.0.1:8080 until Ctrl-C; then the project-local database is shut down cleanly.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/lib/steps.sh

if [ -z "${DATABASE_URL:-}" ]; then
    trap 'scripts/pg.sh stop' EXIT
    echo "== the project-local PostgreSQL ($(scripts/pg.sh where))"
fi
DATABASE_URL=$(value_of "start the database" scripts/db-url.sh)
export DATABASE_URL

bin=.build/release/solemate
step "migrate the schema" "" "$bin" migrate
step "load the default data" "" "$bin" import --dir data --if-empty
echo "== serving on http://${HOST:-127.0.0.1}:${PORT:-8080}/ (Ctrl-C stops the service and the database)"
"$bin" serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}"
