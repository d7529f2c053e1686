#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing; as root or through sudo.
set -euo pipefail

packages=(libpq-dev postgresql postgresql-client libopenblas-dev liblapacke-dev pkg-config)
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

if ! command -v swift >/dev/null 2>&1; then
    echo "install-deps: no Swift toolchain on PATH. Install Swift 6 (swift.org, Debian 12 build) and add its usr/bin to PATH." >&2
    exit 1
fi
