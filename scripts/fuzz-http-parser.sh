#!/usr/bin/env bash
# Fuzzes the HTTP/1.1 request parser with libFuzzer + AddressSanitizer (and LeakSanitizer).
#
#   scripts/fuzz-http-parser.sh [SECONDS]     (default 60)
#
# Builds the parser's sources plus Fuzz/HTTPParserFuzz.swift into .build-fuzz/ (outside SwiftPM),
# runs from the seed corpus in Fuzz/Corpus, keeps what it learns in .build-fuzz/corpus, and exits
# non-zero on any crash or leak; the input is left in .build-fuzz/artifacts/ and must become a
# regression test in Tests/HTTPServerTests/HTTPParserTests.swift.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/fuzz.sh"
source_dir="$root/Sources/HTTPServer"

# The parser is deliberately self-contained: these files and nothing else.
fuzz_target http-parser "$seconds" "$root/Fuzz/http.dict" "$root/Fuzz/Corpus" 4096 \
    "$source_dir/HTTPParser.swift" \
    "$source_dir/HTTPParser+Head.swift" \
    "$source_dir/HTTPParseError.swift" \
    "$source_dir/HTTPRequestHead.swift" \
    "$source_dir/HTTPHeaders.swift" \
    "$source_dir/HTTPMethod.swift" \
    "$source_dir/HTTPVersion.swift" \
    "$root/Fuzz/HTTPParserFuzz.swift"
