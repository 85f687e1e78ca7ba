#!/usr/bin/env bash
# Times the first view of a 3,000-table / 4,500-key schema: `fkscope-cli graph --format svg`
# by default draws the map (catalog, grouping, placing, drawing), against Graphviz's own
# command line drawing the same graph's DOT (what `--all-tables` writes) with sfdp, the only
# Graphviz engine that finishes on it in seconds (dot is tried once with a time limit).
# Prints hyperfine's table and the ratio of fkscope's mean to sfdp's.
# Needs: hyperfine, graphviz.
#
#   bench/graph_first_view.sh [BUILD_DIR]     (default: build)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-db.sh" "$@"
cli=$build/app/fkscope-cli
python3 "$here/generate_schema.py" --tables "${TABLES:-3000}" --keys "${KEYS:-4500}" > "$state/schema.sql"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$state/schema.sql"

"$cli" graph --db "$db" --all-tables --format dot --output "$state/all.dot"
echo "all tables: $(grep -c ' -> ' "$state/all.dot") keys in the DOT"
if timeout "${DOT_LIMIT:-60}" dot -Tsvg "$state/all.dot" -o /dev/null; then
    dot_note="dot finished within ${DOT_LIMIT:-60} s; time it by hand"
else
    dot_note="dot did not finish within ${DOT_LIMIT:-60} s: sfdp is the fastest Graphviz engine here"
fi
echo "$dot_note"

hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json "$state/result.json" --export-markdown "$state/result.md" \
    -n "sfdp -Tsvg, all 3,000 tables" "sfdp -Goverlap=scale -Gsplines=line -Gsep=+8 -Tsvg '$state/all.dot' -o /dev/null" \
    -n "fkscope-cli graph --format svg (the map)" "'$cli' graph --db '$db' --format svg --output /dev/null"
cat "$state/result.md"
python3 - "$state/result.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
sfdp, fkscope = results[0]["mean"], results[1]["mean"]
print(f"ratio fkscope / sfdp: {fkscope / sfdp:.2f} (fkscope {fkscope:.2f} s, sfdp {sfdp:.2f} s)")
PY
