#!/usr/bin/env bash
# The UI thread's longest stall while GraphView lays out and draws a 3,000-table / 4,500-key
# overview and a ~150-table focus view, with the time until each is on screen, against sfdp
# on the command line in the same run. Runs in a real X window under Xvfb when there is one.
# Needs: graphviz (sfdp), xvfb (optional).
#
#   bench/graph_heartbeat.sh [BUILD_DIR]     TABLES=3000 KEYS=4500 RUNS=5 FOCUS_SIZE=150
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-db.sh" "$@"
cmake --build "$build" --target graph_heartbeat -j2 >/dev/null
python3 "$here/generate_schema.py" --tables "${TABLES:-3000}" --keys "${KEYS:-4500}" > "$state/schema.sql"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$state/schema.sql"

run=("$build/bench/graph_heartbeat" "$db" "${RUNS:-5}" "${FOCUS_SIZE:-150}")
if command -v xvfb-run >/dev/null; then
    xvfb-run -a -s '-screen 0 1600x1000x24' "${run[@]}"
else
    QT_QPA_PLATFORM=offscreen "${run[@]}"
fi
