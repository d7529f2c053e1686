#!/usr/bin/env bash
# A project-local PostgreSQL server, listening on 127.0.0.1 only, on a free port chosen once and
# remembered. Its folder is `.pg/` inside the checkout (git ignores it) whenever the account that
# runs the server can reach it.
#
#   scripts/pg.sh [--dir DIR] start|stop|restart|status|url|where|destroy
#
# PostgreSQL refuses to run as root, so as root the server runs as the unprivileged `postgres`
# account (created by Debian's package). That account cannot enter a checkout under a 0700 folder
# (root's home, a `mktemp -d` folder): the server's folder then lives at
# /var/lib/solemate/pg-NAME-HASH, HASH naming the checkout's absolute path, so every checkout keeps
# a server of its own and running the same checkout again finds it. `where` prints the folder;
# `destroy` (what `make clean-db` runs) stops the server and deletes it.
# --dir lets tests run a throwaway server of their own (the same relocation applies).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
requested="$root/.pg"
if [ "${1:-}" = "--dir" ]; then requested=$2; shift 2; fi
cmd=${1:-status}

fail() { echo "pg.sh: $*" >&2; exit 1; }

pgbin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
need_server() {
    [ -x "${pgbin:-}/initdb" ] || fail "no PostgreSQL server binaries found; run scripts/install-deps.sh (or: apt-get install postgresql)"
}

as_root=0
[ "$(id -u)" = 0 ] && as_root=1

as_owner() {
    # From /, since postgres may not be allowed into the current folder.
    if [ "$as_root" = 1 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# The folder the server lives in: the requested one when its owner can reach it, otherwise one
# under /var/lib/solemate named after the requested path (so it stays this checkout's own).
resolve_dir() {
    local parent; parent=$(dirname "$requested")
    if [ "$as_root" = 0 ]; then echo "$requested"; return; fi
    id postgres >/dev/null 2>&1 || fail "no 'postgres' account; run scripts/install-deps.sh (Debian's postgresql package creates it)"
    mkdir -p "$parent"
    if runuser -u postgres -- test -x "$parent" 2>/dev/null; then echo "$requested"; return; fi
    local absolute name hash
    absolute=$(cd "$parent" && pwd -P)/$(basename "$requested")
    name=$(basename "$(dirname "$absolute")" | tr -c 'A-Za-z0-9._\n-' '_' | cut -c1-40)
    hash=$(printf '%s' "$absolute" | sha256sum | cut -c1-12)
    echo "/var/lib/solemate/pg-$name-$hash"
}
dir=$(resolve_dir)
data="$dir/data"
log="$dir/server.log"

# True when something accepts connections on 127.0.0.1:$1 (bash's /dev/tcp, no extra tools).
port_taken() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Ports below the kernel's ephemeral range (32768-60999 on Debian), so that no outgoing connection
# of a busy machine can hold the chosen port as its local end when the server binds it.
first_port=25432
last_port=26431

free_port() {
    local port
    for port in $(seq "${1:-$first_port}" "$last_port"); do
        if ! port_taken "$port" && ! grep -qx "$port" "$dir"/../*/port 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    fail "no free port in $first_port-$last_port"
}

port() {
    [ -f "$dir/port" ] || free_port > "$dir/port"
    cat "$dir/port"
}

running() {
    need_server
    [ -f "$data/postmaster.pid" ] && as_owner "$pgbin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

init() {
    if [ ! -d "$dir" ]; then
        mkdir -p "$dir" || fail "cannot create the server's folder $dir"
        [ "$dir" != "$requested" ] && echo "pg.sh: the postgres account cannot enter $(dirname "$requested"); the server's folder is $dir" >&2
    fi
    # The folder may have been made by root (a test's scratch folder): the server's account owns it.
    if [ "$as_root" = 1 ] && [ "$(stat -c %U "$dir")" != postgres ]; then chown postgres:postgres "$dir"; fi
    [ -f "$data/PG_VERSION" ] && return 0
    as_owner mkdir -p "$data"
    as_owner "$pgbin/initdb" -D "$data" -U solemate --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; fail "initdb failed in $data"; }
    # TCP on loopback only, no Unix socket: a socket path inside a folder with spaces or a long
    # path would not work, and every client here connects to 127.0.0.1.
    as_owner tee -a "$data/postgresql.conf" >/dev/null <<'CONF'
# scripts/pg.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
fsync = on
CONF
}

start() {
    init
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
    # A port can still be lost between the check and the bind (a program that is not a server of
    # ours): then choose another, a few times, before giving up.
    local attempt
    for attempt in 1 2 3 4 5; do
        as_owner "$pgbin/pg_ctl" -D "$data" -l "$log" -w -t 60 -o "-p $p" start >/dev/null && break
        if [ "$attempt" = 5 ] || ! tail -n 5 "$log" | grep -q "Address already in use"; then
            tail -n 20 "$log" >&2; fail "the server did not start (its log: $log)"
        fi
        echo "pg.sh: port $p was taken when the server bound it; choosing another" >&2
        p=$(free_port $(( p + 1 )))
        echo "$p" > "$dir/port"
    done
    flock -u 9
    exec 9>&-
    for _ in $(seq 1 100); do
        "$pgbin/pg_isready" -h 127.0.0.1 -p "$p" -q && break
        sleep 0.1
    done
    if ! "$pgbin/psql" -h 127.0.0.1 -p "$p" -U solemate -d postgres -Atqc "select 1 from pg_database where datname='solemate'" | grep -q 1; then
        "$pgbin/createdb" -h 127.0.0.1 -p "$p" -U solemate solemate || fail "cannot create the database 'solemate'"
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
    status) if running; then echo "running on port $(port) in $dir"; else echo "stopped ($dir)"; exit 3; fi ;;
    url) [ -d "$dir" ] || fail "no server yet in $dir; run: scripts/pg.sh start"; echo "postgres://solemate@127.0.0.1:$(port)/solemate" ;;
    where) echo "$dir" ;;
    destroy) stop; rm -rf "$dir"; [ "$dir" != "$requested" ] && rm -rf "$requested"; true ;;
    *) echo "usage: pg.sh [--dir DIR] start|stop|restart|status|url|where|destroy" >&2; exit 2 ;;
esac
