# Sourced by the set-up and test scripts: each step announces itself, and a failing one stops the
# whole run at once with its name and what to do, never a cascade of unrelated failures.
#
#   step "name" "what to do if it fails" command [args...]

step() {
    local name=$1 hint=$2; shift 2
    echo "== $name"
    local status=0
    "$@" || status=$?
    if [ "$status" != 0 ]; then
        echo >&2
        echo "FAILED: the step '$name' (exit $status)." >&2
        [ -n "$hint" ] && echo "  $hint" >&2
        exit "$status"
    fi
}

# Prints the value of a command, or stops the run naming the step: unlike exporting a command
# substitution in one statement,
# whose status `set -e` never sees.
value_of() {
    local name=$1; shift
    local output status=0
    output=$("$@") || status=$?
    if [ "$status" != 0 ] || [ -z "$output" ]; then
        echo "FAILED: the step '$name' (exit $status, output '${output}')." >&2
        exit "$(( status == 0 ? 1 : status ))"
    fi
    printf '%s\n' "$output"
}
