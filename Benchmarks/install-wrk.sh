#!/usr/bin/env bash
# Installs wrk, the load generator of Benchmarks/http and Benchmarks/service, when it is missing:
# Debian's package, through apt-get, as root or through sudo (as scripts/install-deps.sh does for
# the rest). A benchmark is never part of `make`, so its tool is installed here, on first use.
set -euo pipefail
command -v wrk >/dev/null 2>&1 && exit 0
echo "installing: wrk"
sudo=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install-wrk: wrk is missing and there is no sudo; install Debian's wrk as root" >&2; exit 1; }
    sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
command -v wrk >/dev/null 2>&1 || { echo "install-wrk: apt-get did not install wrk" >&2; exit 1; }
