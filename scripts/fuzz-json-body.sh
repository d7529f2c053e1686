#!/usr/bin/env bash
# Fuzzes the decoding of JSON request bodies (the duplicate-key scan, then JSONDecoder) with
# libFuzzer + AddressSanitizer and LeakSanitizer.
#
#   scripts/fuzz-json-body.sh [SECONDS]     (default 60)
#
# Builds Sources/JSON/JSONDuplicateKeyScan.swift plus Fuzz/JSONBodyFuzz.swift into .build-fuzz/
# (outside SwiftPM), runs from the seeds in Fuzz/JSONCorpus, and exits non-zero on any crash,
# broken promise or leak; the input is left in .build-fuzz/artifacts/ and must become a
# regression test in Tests/HTTPServerTests/JSONBodyRulesTests.swift.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/fuzz.sh"
fuzz_target json-body "$seconds" "$root/Fuzz/json.dict" "$root/Fuzz/JSONCorpus" 4096 \
    "$root/Sources/JSON/JSONDuplicateKeyScan.swift" \
    "$root/Fuzz/JSONBodyFuzz.swift"
