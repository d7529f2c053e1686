#!/usr/bin/env bash
# Installs what the project needs, only what is missing: Debian packages as root or through sudo,
# and the Python packages of the checks. A failure names what failed and stops `make`.
set -euo pipefail
trap 'echo "FAILED: the step \"install what is missing\" at: $BASH_COMMAND" >&2' ERR

if ! command -v swift >/dev/null 2>&1; then
    echo "install-deps: no Swift toolchain on PATH. Install Swift 6 (swift.org, Debian 12 build) and add its usr/bin to PATH." >&2
    exit 1
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install-deps: not root and no sudo: run as root or install sudo" >&2; exit 1; }
    sudo="sudo"
fi

packages=(libpq-dev postgresql postgresql-client libopenblas-dev liblapacke-dev pkg-config python3 python3-pip curl
    chromium chromium-driver  # the browser tests of the demo page
    nginx wrk)                # the replicas test: three replicas behind nginx, under wrk's load
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    log=$(mktemp)
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        echo "install-deps: apt-get could not install: ${missing[*]}" >&2
        exit 1
    fi
    rm -f "$log"
fi

# Python packages, installed with pip when an import fails: $1 the import line, the rest the packages.
pip_install() {
    local imports=$1; shift
    python3 -c "$imports" 2>/dev/null && return 0
    echo "installing the Python packages: $*"
    python3 -m pip install --quiet "$@" 2>/dev/null || python3 -m pip install --quiet --break-system-packages "$@"
}
# The OpenAPI check of `make test` validates real responses with these.
pip_install 'import yaml, jsonschema, openapi_schema_validator, openapi_spec_validator' \
    PyYAML jsonschema openapi-schema-validator openapi-spec-validator rfc3339-validator
# The browser tests of `make test` drive headless Chromium through WebDriver.
pip_install 'import selenium' selenium
# scripts/reliability.sh plots the soak's p99 per minute.
pip_install 'import matplotlib' matplotlib
