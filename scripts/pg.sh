#!/usr/bin/env bash
# A project-local PostgreSQL server: its data folder inside the checkout (git-ignored), listening on
# 127.0.0.1 and a socket folder of its own, on a free port chosen once and remembered.
#
#   scripts/pg.sh [--dir DIR] start|stop|restart|status|url
#
# PostgreSQL refuses to run as root, so as root the server runs as the unprivileged `postgres`
# account (created by Debian's package). --dir lets tests run a throwaway server of their own.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.pg"
if [ "${1:-}" = "--dir" ]; then dir=$2; shift 2; fi
cmd=${1:-status}

pgbin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$pgbin/initdb" ] || { echo "pg.sh: no PostgreSQL server binaries found (apt-get install postgresql)" >&2; exit 1; }
data="$dir/data"
sock="$dir/run"
log="$dir/server.log"

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# True when something accepts connections on 127.0.0.1:$1 (bash's /dev/tcp, no extra tools).
port_taken() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local port
    for port in $(seq 55432 56431); do
        if ! port_taken "$port" && ! grep -qx "$port" "$dir"/../*/port 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "pg.sh: no free port in 55432-56431" >&2
    exit 1
}

port() {
    [ -f "$dir/port" ] || free_port > "$dir/port"
    cat "$dir/port"
}

running() {
    [ -f "$data/postmaster.pid" ] && as_owner "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

init() {
    [ -f "$data/PG_VERSION" ] && return 0
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_owner mkdir -p "$data" "$sock"
    as_owner "$pgbin/initdb" -D "$data" -U solemate --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
}

start() {
    init
    as_owner mkdir -p "$sock"
    if running; then return 0; fi
    # Choosing a port and starting on it happen under one lock, so two servers starting at once
    # (tests run in parallel) never both take the same free port.
    exec 9>>"${TMPDIR:-/tmp}/solemate-pg-start-$(id -u).lock"
    flock 9
    local p; p=$(port)
    # A port taken since it was chosen (another program, another checkout): choose again.
    if port_taken "$p"; then
        rm -f "$dir/port"; p=$(port)
    fi
    as_owner touch "$log"
    as_owner "$pgbin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
        -o "-p $p -k $sock -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null \
        || { tail -n 20 "$log" >&2; exit 1; }
    flock -u 9
    exec 9>&-
    for _ in $(seq 1 50); do
        "$pgbin/pg_isready" -h 127.0.0.1 -p "$p" -q && break
        sleep 0.1
    done
    if ! "$pgbin/psql" -h 127.0.0.1 -p "$p" -U solemate -d postgres -Atqc "select 1 from pg_database where datname='solemate'" | grep -q 1; then
        "$pgbin/createdb" -h 127.0.0.1 -p "$p" -U solemate solemate
    fi
}

stop() {
    running || return 0
    as_owner "$pgbin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
}

case "$cmd" in
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) if running; then echo "running on port $(port)"; else echo "stopped"; exit 3; fi ;;
    url) echo "postgres://solemate@127.0.0.1:$(port)/solemate" ;;
    *) echo "usage: pg.sh [--dir DIR] start|stop|restart|status|url" >&2; exit 2 ;;
esac
