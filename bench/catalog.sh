#!/usr/bin/env bash
# Times `fkscope-cli catalog` against its baseline, psql running one pg_catalog query for all
# foreign keys, on a generated 3,000-table / 4,500-key schema, in the same run, with hyperfine.
# Peak memory with /usr/bin/time -v. Needs: hyperfine, time (apt-get install hyperfine time).
#
#   bench/catalog.sh [BUILD_DIR]     (default: build)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-db.sh" "$@"
python3 "$here/generate_schema.py" --tables "${TABLES:-3000}" --keys "${KEYS:-4500}" > "$state/schema.sql"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$state/schema.sql"
echo "keys: $(psql -X -At -d "$db" -c "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")"

hyperfine --warmup 3 --runs "${RUNS:-20}" --export-markdown "$state/result.md" \
    -n "psql, one pg_catalog query" "psql -X -q -d '$db' -f '$here/all_foreign_keys.sql' -o /dev/null" \
    -n "fkscope-cli catalog" "'$build/app/fkscope-cli' catalog --db '$db' --format json > /dev/null"
cat "$state/result.md"
/usr/bin/time -v "$build/app/fkscope-cli" catalog --db "$db" --format json 2>&1 >/dev/null |
    grep -E "Maximum resident set size"
