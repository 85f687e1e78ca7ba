#!/usr/bin/env bash
# Times `fkscope-cli dependents` for one user whose DELETE reaches about 1,000,000 rows, against
# PostgreSQL's own cascading DELETE of that user in a rolled-back transaction, in the same run,
# with hyperfine; peak client memory with /usr/bin/time -v.
#
#   bench/dependents.sh [BUILD_DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-db.sh" "$@"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$here/dependents_data.sql"

echo 'BEGIN; DELETE FROM users WHERE id = 1; ROLLBACK;' > "$state/delete.sql"
# What a person would write by hand for this one schema: one set-based count per table.
cat > "$state/by_hand.sql" <<'SQL'
SELECT count(*) FROM orders WHERE user_id = 1;
SELECT count(*) FROM order_items WHERE order_id IN (SELECT id FROM orders WHERE user_id = 1);
SELECT count(*) FROM shipments WHERE order_id IN (SELECT id FROM orders WHERE user_id = 1);
SQL
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-markdown "$state/result.md" \
    -n "DELETE (cascading, rolled back)" "psql -X -q -d '$db' -f '$state/delete.sql'" \
    -n "hand-written counts" "psql -X -q -d '$db' -f '$state/by_hand.sql' -o /dev/null" \
    -n "fkscope-cli dependents" "'$build/app/fkscope-cli' dependents --db '$db' --table users --key id=1 > /dev/null"
cat "$state/result.md"
"$build/app/fkscope-cli" dependents --db "$db" --table users --key id=1 | head -20
/usr/bin/time -v "$build/app/fkscope-cli" dependents --db "$db" --table users --key id=1 2>&1 >/dev/null |
    grep -E "Maximum resident set size"
