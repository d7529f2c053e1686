# Sourced by the fuzzing scripts: builds a libFuzzer target from a list of sources (outside
# SwiftPM, with AddressSanitizer, whose LeakSanitizer reports leaks at exit) and runs it.
#
#   fuzz_target NAME SECONDS DICT SEED_CORPUS MAX_LEN SOURCE...
#
# Keeps what it learns in .build-fuzz/NAME-corpus, exits non-zero on any crash or leak; the
# input is left in .build-fuzz/artifacts/ and must become a regression test.
fuzz_target() {
    local name=$1 seconds=$2 dict=$3 seeds=$4 max_len=$5; shift 5
    local out="$root/.build-fuzz"
    local corpus="$out/$name-corpus"
    # The HTTP parser's corpus predates the naming by target; keep what it learnt.
    [ "$name" = http-parser ] && corpus="$out/corpus"
    mkdir -p "$corpus" "$out/artifacts"
    local binary="$out/$name-fuzz"
    local newest_source; newest_source="$(ls -t "$@" | head -1)"
    if [[ ! -x "$binary" || "$newest_source" -nt "$binary" ]]; then
        echo "building $binary"
        swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
            -module-name "$(echo "$name" | tr -d -)Fuzz" "$@" -o "$binary"
    fi
    # Swift's own crash backtracer fights AddressSanitizer over the crash; let libFuzzer report.
    export SWIFT_BACKTRACE=enable=no
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
    echo "fuzzing $name for ${seconds}s (leaks reported: $ASAN_OPTIONS)"
    "$binary" "$corpus" "$seeds" \
        -dict="$dict" \
        -max_total_time="$seconds" \
        -max_len="$max_len" \
        -timeout=10 \
        -rss_limit_mb=2048 \
        -detect_leaks=1 \
        -artifact_prefix="$out/artifacts/$name-" \
        -print_final_stats=1
}
