#!/usr/bin/env bash
# Fuzzes the HTTP/1.1 request parser with libFuzzer + AddressSanitizer.
#
#   scripts/fuzz-http-parser.sh [SECONDS]     (default 60)
#
# Builds the parser's sources plus Fuzz/HTTPParserFuzz.swift into .build-fuzz/ (outside SwiftPM),
# runs from the seed corpus in Fuzz/Corpus, keeps what it learns in .build-fuzz/corpus, and exits
# non-zero on any crash; the crashing input is left in .build-fuzz/artifacts/ and must become a
# regression test in Tests/HTTPServerTests/HTTPParserTests.swift.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.build-fuzz"
source_dir="$root/Sources/HTTPServer"
mkdir -p "$out/corpus" "$out/artifacts"

# The parser is deliberately self-contained: these files and nothing else.
sources=(
    "$source_dir/HTTPParser.swift"
    "$source_dir/HTTPParser+Head.swift"
    "$source_dir/HTTPParseError.swift"
    "$source_dir/HTTPRequestHead.swift"
    "$source_dir/HTTPHeaders.swift"
    "$source_dir/HTTPMethod.swift"
    "$source_dir/HTTPVersion.swift"
    "$root/Fuzz/HTTPParserFuzz.swift"
)

binary="$out/http-parser-fuzz"
newest_source="$(ls -t "${sources[@]}" | head -1)"
if [[ ! -x "$binary" || "$newest_source" -nt "$binary" ]]; then
    echo "building $binary"
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
        -module-name HTTPParserFuzz "${sources[@]}" -o "$binary"
fi

# Swift's own crash backtracer fights AddressSanitizer over the crash; let libFuzzer report.
export SWIFT_BACKTRACE=enable=no
echo "fuzzing the HTTP parser for ${seconds}s"
"$binary" "$out/corpus" "$root/Fuzz/Corpus" \
    -dict="$root/Fuzz/http.dict" \
    -max_total_time="$seconds" \
    -max_len=4096 \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -artifact_prefix="$out/artifacts/" \
    -print_final_stats=1
