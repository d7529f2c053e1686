#!/usr/bin/env bash
# What a newcomer does, measured: a fresh clone of this repository's HEAD in root's home (or the
# caller's, 0700) and one in a 0700 `mktemp -d` folder whose path has a space, each with a copy of
# shared/ beside it as CI has, and `make test` run RUNS times in a row in each. Prints one line a
# run (folder, run, exit status, seconds) and exits non-zero if any run failed. Logs stay in
# each clone's parent folder.
#
#   scripts/newcomer-check.sh [RUNS] [both|home|tmp]     (default 3 both)
#
# `home` or `tmp` does one of the two folders only, so that the two can run side by side.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
where=${2:-both}
case "$where" in both|home|tmp) ;; *) echo "newcomer-check: where is both, home or tmp, not $where" >&2; exit 2 ;; esac
shared="$root/../shared"
[ -d "$shared" ] || { echo "newcomer-check: no shared/ beside the repository ($shared)" >&2; exit 2; }

stamp=$(date +%Y%m%dT%H%M%S)
home_parent="$HOME/solemate-newcomer-$stamp"
tmp_parent="$(mktemp -d)/newcomer $stamp"
failed=0
parents=()
[ "$where" = tmp ] || parents+=("$home_parent")
[ "$where" = home ] || parents+=("$tmp_parent")
for parent in "${parents[@]}"; do
    mkdir -p "$parent"
    chmod 0700 "$parent"
    git clone -q "$root" "$parent/main" || { echo "newcomer-check: cannot clone into $parent" >&2; exit 2; }
    cp -r "$shared" "$parent/shared" && chmod -R a-w "$parent/shared"
    for run in $(seq 1 "$runs"); do
        started=$(date +%s)
        (cd "$parent/main" && CI=true make test) >"$parent/make-test-$run.log" 2>&1 </dev/null
        status=$?
        seconds=$(( $(date +%s) - started ))
        summary=$(grep -E "Test run with [0-9]+ tests|[0-9]+ passed, [0-9]+ failed" "$parent/make-test-$run.log" | sed -E "s/.*(Test run with [0-9]+ tests)[^0-9]*([0-9]+ suites) (passed|failed).*/\1: \3/" | paste -sd ";" -)
        echo "$parent/main  run $run: exit $status, ${seconds} s  ${summary}"
        [ "$status" = 0 ] || failed=1
    done
    (cd "$parent/main" && scripts/pg.sh destroy) >/dev/null 2>&1 || true
done
exit "$failed"
