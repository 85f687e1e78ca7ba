#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and the demo: Unix socket only, in a private
# folder under /tmp, fsync off. PostgreSQL refuses to run as root, so under root the
# cluster belongs to a dedicated unprivileged user.
#
#   pg-throwaway.sh start STATE_DIR   start a cluster; writes STATE_DIR/conninfo and prints it
#   pg-throwaway.sh stop STATE_DIR    stop the cluster started with STATE_DIR and remove it
#   pg-throwaway.sh halt STATE_DIR    stop it at once, as a crash would, keeping its data
#   pg-throwaway.sh resume STATE_DIR  start a halted cluster again
set -euo pipefail

PG_USER_WHEN_ROOT=fkscope-pg

die() { echo "pg-throwaway: $*" >&2; exit 1; }

find_bindir() {
    local d
    if command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir)
        [ -x "$d/initdb" ] && { echo "$d"; return; }
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
    die "no PostgreSQL server binaries found (install the 'postgresql' package)"
}

# run_as_owner CMD...: run CMD as the cluster's owner
run_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$PG_USER_WHEN_ROOT" -- "$@"
    else
        "$@"
    fi
}

start() {
    local state=$1 bindir pgdir port
    mkdir -p "$state"
    state=$(cd "$state" && pwd)
    [ -f "$state/pgdir" ] && stop "$state"
    bindir=$(find_bindir)
    pgdir=$(mktemp -d /tmp/fkscope-pg.XXXXXX)
    if [ "$(id -u)" -eq 0 ]; then
        id "$PG_USER_WHEN_ROOT" >/dev/null 2>&1 ||
            useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER_WHEN_ROOT"
        chown "$PG_USER_WHEN_ROOT" "$pgdir"
    fi
    chmod 700 "$pgdir"
    echo "$pgdir" > "$state/pgdir"
    # The socket lives in a private folder, so the port only names the socket file.
    port=$(( 50000 + RANDOM % 10000 ))
    run_as_owner "$bindir/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 \
        --locale=C.UTF-8 >"$pgdir/initdb.log" 2>&1 ||
        { cat "$pgdir/initdb.log" >&2; die "initdb failed"; }
    # One role must give a password, so that tests can check ~/.pgpass and wrong passwords.
    run_as_owner sh -c "{ echo 'local all fkscope_password scram-sha-256'; cat '$pgdir/data/pg_hba.conf'; } \
        > '$pgdir/data/pg_hba.new' && mv '$pgdir/data/pg_hba.new' '$pgdir/data/pg_hba.conf'"
    # The socket folder is opened to everyone so that the tests may connect as any user.
    chmod 755 "$pgdir"
    echo "-k $pgdir -c listen_addresses='' -p $port -c fsync=off -c synchronous_commit=off \
-c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB" > "$state/options"
    echo "$bindir" > "$state/bindir"
    resume "$state"
    echo "host=$pgdir port=$port user=postgres dbname=postgres" > "$state/conninfo"
    cat "$state/conninfo"
}

resume() {
    local state=$1 pgdir bindir
    pgdir=$(cat "$state/pgdir")
    bindir=$(cat "$state/bindir")
    run_as_owner "$bindir/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
        -o "$(cat "$state/options")" start >/dev/null ||
        { cat "$pgdir/server.log" >&2; die "the server did not start"; }
}

halt() {
    local state=$1
    run_as_owner "$(cat "$state/bindir")/pg_ctl" -D "$(cat "$state/pgdir")/data" -m immediate -w stop >/dev/null
}

stop() {
    local state=$1 pgdir bindir
    [ -f "$state/pgdir" ] || return 0
    pgdir=$(cat "$state/pgdir")
    bindir=$(cat "$state/bindir" 2>/dev/null || find_bindir)
    if [ -d "$pgdir/data" ]; then
        run_as_owner "$bindir/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "$pgdir" in /tmp/fkscope-pg.*) rm -rf "$pgdir" ;; esac
    rm -f "$state/pgdir" "$state/conninfo" "$state/bindir" "$state/options"
}

case "${1:-}" in
    start) [ $# -eq 2 ] || die "usage: $0 start STATE_DIR"; start "$2" ;;
    stop)  [ $# -eq 2 ] || die "usage: $0 stop STATE_DIR"; stop "$2" ;;
    halt)  [ $# -eq 2 ] || die "usage: $0 halt STATE_DIR"; halt "$2" ;;
    resume) [ $# -eq 2 ] || die "usage: $0 resume STATE_DIR"; resume "$2" ;;
    *) die "usage: $0 start|stop|halt|resume STATE_DIR" ;;
esac
