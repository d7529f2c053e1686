# Sourced by the service benchmarks (Benchmarks/service/run.sh, Benchmarks/exposures/overhead.sh)
# from the repository root: DATABASE_URL (default: the project-local server), the release binary
# in $bin (SOLEMATE_BIN overrides), wrk installed, the schema migrated and the default data loaded.
if [ -z "${DATABASE_URL:-}" ]; then
    DATABASE_URL=$(scripts/db-url.sh)  # a plain assignment, so that set -e sees a failure
    export DATABASE_URL
fi
bin=${SOLEMATE_BIN:-.build/release/solemate}
[ -x "$bin" ] || { echo "no $bin: swift build -c release --product solemate (or set SOLEMATE_BIN)" >&2; exit 1; }
Benchmarks/install-wrk.sh
"$bin" migrate >/dev/null 2>&1
"$bin" import --dir data --if-empty >/dev/null 2>&1
