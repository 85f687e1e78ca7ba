#!/usr/bin/env bash
# Times fkscope's graph layouts against Graphviz's own command-line tools on the same DOT,
# in one hyperfine run, on a generated 3,000-table / 4,500-key schema:
#   overview: `fkscope-cli graph --engine sfdp` (catalog, DOT, layout, positioned DOT out)
#             against `sfdp -Tdot` on the DOT fkscope wrote, with the settings fkscope uses;
#   focus:    a ~150-table neighbourhood with dot, the same way.
# Needs: hyperfine, graphviz (apt-get install hyperfine graphviz).
#
#   bench/graph.sh [BUILD_DIR]     (default: build)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-db.sh" "$@"
cli=$build/app/fkscope-cli
python3 "$here/generate_schema.py" --tables "${TABLES:-3000}" --keys "${KEYS:-4500}" > "$state/schema.sql"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$state/schema.sql"

"$cli" graph --db "$db" --format dot --output "$state/all.dot"
# The focus table and depth whose neighbourhood (both directions) is nearest 150 tables.
read -r focus depth size < <(python3 "$here/graph_focus.py" "$state/all.dot" "${FOCUS_SIZE:-150}")
echo "overview: $(grep -c ' -> ' "$state/all.dot") keys; focus: $focus, depth $depth, $size tables"
"$cli" graph --db "$db" --focus "$focus" --depth "$depth" --format dot --output "$state/focus.dot"

hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown "$state/result.md" \
    -n "sfdp -Tdot, 3,000 tables" "sfdp -Goverlap=scale -Gsplines=line -Gsep=+8 -Tdot '$state/all.dot' -o /dev/null" \
    -n "fkscope-cli graph --engine sfdp, 3,000 tables" "'$cli' graph --db '$db' --engine sfdp --format dot --output /dev/null" \
    -n "dot -Tdot, $size tables" "dot -Tdot '$state/focus.dot' -o /dev/null" \
    -n "fkscope-cli graph --engine dot, $size tables" \
       "'$cli' graph --db '$db' --focus '$focus' --depth $depth --engine dot --format dot --output /dev/null" \
    -n "fkscope-cli catalog (the part of graph that is not layout)" "'$cli' catalog --db '$db' > /dev/null"
cat "$state/result.md"
