#!/usr/bin/env bash
# `make test`: every test against the real PostgreSQL, the evaluation of data/, and a short
# fuzzing run of the HTTP parser. Stops the project-local database it started, pass or fail.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

own_db=0
[ -z "${DATABASE_URL:-}" ] && own_db=1
export DATABASE_URL=$(scripts/db-url.sh)
export SOLEMATE_TEST_DATABASE_URL=$(scripts/db-url.sh --maintenance)
[ "$own_db" = 1 ] && trap 'scripts/pg.sh stop' EXIT

started=$(date +%s)
echo "== unit and integration tests (PostgreSQL at ${SOLEMATE_TEST_DATABASE_URL%%\?*})"
swift build --build-tests
# Bounded, so that a test that hangs fails the run in minutes rather than at CI's limit.
timeout -k 10 1200 swift test --skip-build

echo "== the service binary, the schema and the default data"
swift build -c release --product solemate
bin=.build/release/solemate
"$bin" migrate
"$bin" import --dir data --if-empty

echo "== offline evaluation of data/ (shared/EVALUATION.md)"
"$bin" evaluate --data data

echo "== real responses of every endpoint against openapi.yaml"
scripts/openapi-check.sh

echo "== the HTTP server's tests under ThreadSanitizer"
scripts/test-http-tsan.sh

echo "== fuzzing the HTTP request parser for ${FUZZ_SECONDS:-60} s"
scripts/fuzz-http-parser.sh "${FUZZ_SECONDS:-60}"
echo "== make test finished in $(( $(date +%s) - started )) s"
