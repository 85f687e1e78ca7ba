#!/usr/bin/env bash
# The UI thread's longest stall while GraphView lays out, draws and zooms what a user sees, with
# the time until each view is on screen, against sfdp on the command line in the same run: on
# bench/generate_realistic_schema.py's 500 tables in 9 schemas, then on bench/generate_schema.py's
# 3,000 tables / 4,500 keys. Runs in a real X window under Xvfb when there is one.
# Needs: graphviz (sfdp, dot), xvfb (optional).
#
#   bench/graph_heartbeat.sh [BUILD_DIR]     TABLES=3000 KEYS=4500 RUNS=5 FOCUS_SIZE=150
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-db.sh" "$@"
cmake --build "$build" --target graph_heartbeat -j2 >/dev/null
psql -X -q -d "$server" -c 'CREATE DATABASE realistic'
realistic="${server/dbname=postgres/dbname=realistic}"
python3 "$here/generate_realistic_schema.py" --seed 1 > "$state/realistic.sql"
psql -X -q -v ON_ERROR_STOP=1 -d "$realistic" -f "$state/realistic.sql"
python3 "$here/generate_schema.py" --tables "${TABLES:-3000}" --keys "${KEYS:-4500}" > "$state/schema.sql"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$state/schema.sql"

echo "$(date -u '+%F %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for conninfo in "$realistic" "$db"; do
    run=("$build/bench/graph_heartbeat" "$conninfo" "${RUNS:-5}" "${FOCUS_SIZE:-150}")
    if command -v xvfb-run >/dev/null; then
        xvfb-run -a -s '-screen 0 1600x1000x24' "${run[@]}"
    else
        QT_QPA_PLATFORM=offscreen "${run[@]}"
    fi
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
