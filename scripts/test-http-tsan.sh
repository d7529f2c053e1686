#!/usr/bin/env bash
# Runs the HTTPServer tests under ThreadSanitizer; fails on a failing test or any TSan report.
#
#   scripts/test-http-tsan.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
swift test --package-path "$root" --scratch-path "$root/.build-http-tsan" --sanitize=thread \
    --filter HTTPServerTests 2>&1 | tee "$log" | grep -E "✘|Test run|ThreadSanitizer" || status=$?
if grep -q "WARNING: ThreadSanitizer" "$log"; then
    echo "ThreadSanitizer reported races"
    exit 1
fi
if ! grep -q "✔ Test run with" "$log"; then
    # No verdict line: the build or the test process itself failed; show why.
    echo "no test run finished (exit status $status); the last lines of its output:"
    tail -n 40 "$log"
    exit 1
fi
