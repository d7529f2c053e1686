#!/usr/bin/env bash
# Prints the database the project uses: $DATABASE_URL when the user gave one, otherwise the
# project-local server of scripts/pg.sh (started if needed). With `--maintenance`, a URL to the
# same server's `postgres` database, from which tests create and drop databases of their own.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

if [ -n "${DATABASE_URL:-}" ]; then
    url=$DATABASE_URL
else
    "$root/scripts/pg.sh" start >&2
    url=$("$root/scripts/pg.sh" url)
fi

if [ "${1:-}" = "--maintenance" ]; then
    case "$url" in
        postgres://*|postgresql://*) url="${url%%\?*}"; url="${url%/*}/postgres" ;;
        *) url="$url dbname=postgres" ;;
    esac
fi
echo "$url"
