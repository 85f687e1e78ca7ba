#!/usr/bin/env bash
# Times `fkscope-cli infer-keys` on a generated schema of 3,000 tables in 10 schemas and three
# naming styles, with data (20-300 rows a table) and no declared keys: every key has to be
# inferred (target: within 60 s on 2 cores). Peak memory with /usr/bin/time -v.
# Needs: hyperfine, time (apt-get install hyperfine time).
#
#   bench/infer_keys.sh [BUILD_DIR]     (default: build; TABLES=3000 RUNS=3 SEED=1)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-db.sh" "$@"
python3 "$here/generate_infer_schema.py" --style mixed --tables "${TABLES:-3000}" --seed "${SEED:-1}" --no-keys \
    > "$state/schema.sql"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$state/schema.sql" > /dev/null
echo "tables: $(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace::regnamespace::text LIKE 's%'")," \
     "rows: $(psql -X -At -d "$db" -c "SELECT sum(n_live_tup) FROM pg_stat_user_tables")," \
     "declared keys: $(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")"

hyperfine --runs "${RUNS:-3}" --export-markdown "$state/result.md" \
    -n "fkscope-cli infer-keys" "'$build/app/fkscope-cli' infer-keys --db '$db' > '$state/keys.json'"
cat "$state/result.md"
python3 - "$state/keys.json" <<'PY'
import json, sys
candidates = json.load(open(sys.argv[1]))["candidates"]
sets = {(c["child"], tuple(c["child_columns"])) for c in candidates}
print(f"candidates: {len(candidates)}, proposals: {sum(c['confidence'] >= 0.5 for c in candidates)}, "
      f"child column sets checked (one statement each): {len(sets)}")
PY
/usr/bin/time -v "$build/app/fkscope-cli" infer-keys --db "$db" 2>&1 >/dev/null |
    grep -E "Maximum resident set size|Elapsed"
