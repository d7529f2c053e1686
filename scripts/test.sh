#!/usr/bin/env bash
# `make test`: every test against the real PostgreSQL, the evaluation of data/, the OpenAPI check,
# the HTTP tests under ThreadSanitizer, short fuzzing runs of the HTTP parser and of the JSON body
# decoding, three replicas behind nginx (scripts/replicas-test.sh), and the reliability campaign's
# short mode (scripts/reliability.sh). Each step names
# itself and a failing one stops the run at once. Stops the project-local database it started,
# pass or fail.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/lib/steps.sh

started=$(date +%s)
if [ -z "${DATABASE_URL:-}" ]; then
    trap 'scripts/pg.sh stop' EXIT
    echo "== the project-local PostgreSQL ($(scripts/pg.sh where))"
fi
DATABASE_URL=$(value_of "start the database" scripts/db-url.sh)
SOLEMATE_TEST_DATABASE_URL=$(value_of "start the database" scripts/db-url.sh --maintenance)
export DATABASE_URL SOLEMATE_TEST_DATABASE_URL
echo "   tests create and drop databases on ${SOLEMATE_TEST_DATABASE_URL%%\?*}"

step "build the tests" "swift build --build-tests shows the compiler's errors" swift build --build-tests
# Bounded, so that a test that hangs fails the run well before CI's 90-minute limit; 40 minutes
# leaves room for a loaded machine (the suite takes 5 to 13 minutes on 2 cores).
step "unit and integration tests" "rerun one suite with: swift test --skip-build --filter NAME" \
    timeout -k 10 2400 swift test --skip-build

bin=.build/release/solemate
step "build the release service" "" swift build -c release --product solemate
step "migrate the schema" "" "$bin" migrate
step "load the default data" "" "$bin" import --dir data --if-empty
step "offline evaluation of data/ (shared/EVALUATION.md)" "" "$bin" evaluate --data data
step "real responses of every endpoint against openapi.yaml" "" scripts/openapi-check.sh
step "the demo page in headless Chromium" "screenshots are in build/browser-screenshots/" scripts/browser-test.sh
step "the HTTP server's tests under ThreadSanitizer" "" scripts/test-http-tsan.sh
step "fuzzing the HTTP request parser for ${FUZZ_SECONDS:-60} s" "the crashing input is in .build-fuzz/artifacts/" \
    scripts/fuzz-http-parser.sh "${FUZZ_SECONDS:-60}"
step "fuzzing the JSON body decoding for ${FUZZ_SECONDS:-60} s" "the crashing input is in .build-fuzz/artifacts/" \
    scripts/fuzz-json-body.sh "${FUZZ_SECONDS:-60}"
step "three replicas behind nginx: failover under load, a published version everywhere, events across replicas" \
    "the failing promise is printed; the replicas' logs are kept in the folder it names" \
    timeout -k 10 300 env SOLEMATE_BIN="$bin" scripts/replicas-test.sh
step "the reliability campaign, short mode (faults under write load, a failing training, killed imports)" \
    "its table names the broken promise; the service's log is build/reliability/service.log" \
    env SOLEMATE_BIN="$bin" scripts/reliability.sh --short
echo "== make test finished in $(( $(date +%s) - started )) s"
