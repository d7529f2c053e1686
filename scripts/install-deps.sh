#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing; as root or through sudo.
set -euo pipefail

packages=(libpq-dev postgresql postgresql-client libopenblas-dev liblapacke-dev pkg-config python3 python3-pip
    chromium chromium-driver)  # the last two: the browser tests of the demo page
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The OpenAPI check of `make test` validates real responses with these Python packages.
if ! python3 -c 'import yaml, jsonschema, openapi_schema_validator, openapi_spec_validator' 2>/dev/null; then
    echo "installing the Python packages of the OpenAPI check"
    python3 -m pip install --quiet PyYAML jsonschema openapi-schema-validator openapi-spec-validator rfc3339-validator \
        || python3 -m pip install --quiet --break-system-packages PyYAML jsonschema openapi-schema-validator \
            openapi-spec-validator rfc3339-validator
fi

# The browser tests of `make test` drive headless Chromium through WebDriver with selenium.
if ! python3 -c 'import selenium' 2>/dev/null; then
    echo "installing selenium for the browser tests"
    python3 -m pip install --quiet selenium || python3 -m pip install --quiet --break-system-packages selenium
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "install-deps: no Swift toolchain on PATH. Install Swift 6 (swift.org, Debian 12 build) and add its usr/bin to PATH." >&2
    exit 1
fi
