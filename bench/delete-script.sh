#!/usr/bin/env bash
# Times `fkscope-cli delete-script --mode predicate` for the user of dependents.sh whose DELETE
# reaches about 1,000,000 rows (dependents_data.sql), and running the script it writes, against
# PostgreSQL's own cascading DELETE of that user, all rolled back, in the same run (hyperfine).
#
#   bench/delete-script.sh [BUILD_DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-db.sh" "$@"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$here/dependents_data.sql"

echo 'BEGIN; DELETE FROM users WHERE id = 1; ROLLBACK;' > "$state/delete.sql"
# The script deletes for real; the benchmark rolls it back so that every run starts equal.
"$build/app/fkscope-cli" delete-script --db "$db" --table users --key id=1 --mode predicate |
    sed 's/^COMMIT;$/ROLLBACK;/' > "$state/script.sql"
grep -q '^ROLLBACK;$' "$state/script.sql"
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-markdown "$state/result.md" \
    -n "DELETE (cascading, rolled back)" "psql -X -q -d '$db' -f '$state/delete.sql'" \
    -n "fkscope-cli delete-script (writing it)" \
    "'$build/app/fkscope-cli' delete-script --db '$db' --table users --key id=1 --mode predicate > /dev/null" \
    -n "the script (rolled back)" "psql -X -q -v ON_ERROR_STOP=1 -d '$db' -f '$state/script.sql' -o /dev/null"
cat "$state/result.md"
/usr/bin/time -v "$build/app/fkscope-cli" delete-script --db "$db" --table users --key id=1 --mode predicate 2>&1 \
    >/dev/null | grep -E "Maximum resident set size"
