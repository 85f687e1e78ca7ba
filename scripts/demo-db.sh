#!/usr/bin/env bash
# Starts a throwaway PostgreSQL with the bundled demo database loaded.
#   demo-db.sh start STATE_DIR   prints the conninfo of the demo database
#   demo-db.sh stop STATE_DIR
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sql=${FKSCOPE_DEMO_SQL:-$here/../resources/demo/shop.sql}

case "${1:-}" in
    start)
        [ $# -eq 2 ] || { echo "usage: $0 start STATE_DIR" >&2; exit 2; }
        server=$("$here/pg-throwaway.sh" start "$2")
        psql -X -q -d "$server" -c 'CREATE DATABASE shop' >/dev/null
        demo="${server/dbname=postgres/dbname=shop}"
        psql -X -q -v ON_ERROR_STOP=1 -d "$demo" -f "$sql" >/dev/null
        echo "$demo"
        ;;
    stop)
        [ $# -eq 2 ] || { echo "usage: $0 stop STATE_DIR" >&2; exit 2; }
        "$here/pg-throwaway.sh" stop "$2"
        ;;
    *) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
