#!/usr/bin/env bash
# Times `fkscope-cli copy` of one user with everything that belongs to it (1,000,001 rows:
# the user, 100,000 orders, 800,000 order items, 100,000 shipments) into an empty copy of the
# schema, against a hand-written per-table pipeline of the same rows
#   psql -c "COPY (SELECT …) TO STDOUT" | psql -c "COPY … FROM STDIN"
# in the same hyperfine run, TARGET emptied before every run; then peak client memory of copy
# and of insert-script on the same closure with /usr/bin/time -v.
#
#   bench/copy.sh [BUILD_DIR]          # RUNS=3 by default; INSERT_SCRIPT=0 skips insert-script
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-db.sh" "$@"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$here/dependents_data.sql"
psql -X -q -d "$server" -c 'CREATE DATABASE target'
target="${server/dbname=postgres/dbname=target}"
pg_dump --schema-only -d "$db" | psql -X -q -v ON_ERROR_STOP=1 -d "$target"

# What a person would write for this one schema: each table's rows by hand, parents first.
cat > "$state/by_hand.sh" <<SH
set -e
psql -X -q -d '$db' -c "COPY (SELECT * FROM users WHERE id = 1) TO STDOUT" | psql -X -q -d '$target' -c "COPY users FROM STDIN"
psql -X -q -d '$db' -c "COPY (SELECT * FROM orders WHERE user_id = 1) TO STDOUT" | psql -X -q -d '$target' -c "COPY orders FROM STDIN"
psql -X -q -d '$db' -c "COPY (SELECT i.* FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.user_id = 1) TO STDOUT" | psql -X -q -d '$target' -c "COPY order_items FROM STDIN"
psql -X -q -d '$db' -c "COPY (SELECT s.* FROM shipments s JOIN orders o ON o.id = s.order_id WHERE o.user_id = 1) TO STDOUT" | psql -X -q -d '$target' -c "COPY shipments FROM STDIN"
SH
empty="psql -X -q -d '$target' -c 'TRUNCATE users, orders, order_items, shipments'"
copy="'$build/app/fkscope-cli' copy --db '$db' --to '$target' --table users --key id=1 --with-dependents"
hyperfine --runs "${RUNS:-3}" --prepare "$empty" --export-markdown "$state/result.md" \
    -n "hand-written COPY pipeline" "bash '$state/by_hand.sh'" \
    -n "fkscope-cli copy" "$copy > /dev/null" \
    -n "fkscope-cli copy --on-conflict skip" "$copy --on-conflict skip > /dev/null"
cat "$state/result.md"

eval "$empty"
/usr/bin/time -v "$build/app/fkscope-cli" copy --db "$db" --to "$target" --table users --key id=1 --with-dependents \
    2> "$state/time.txt" | head -12
echo "copy: $(grep -E 'Maximum resident set size' "$state/time.txt")"
echo "target rows: $(psql -X -At -d "$target" -c 'SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM orders) + (SELECT count(*) FROM order_items) + (SELECT count(*) FROM shipments)')"
if [ "${INSERT_SCRIPT:-1}" != 0 ]; then
    /usr/bin/time -v "$build/app/fkscope-cli" insert-script --db "$db" --table users --key id=1 --with-dependents \
        2> "$state/time.txt" | wc -c
    echo "insert-script: $(grep -E 'Maximum resident set size|Elapsed' "$state/time.txt")"
fi
/usr/bin/time -v "$build/app/fkscope-cli" insert-script --db "$db" --table users --key id=1 --with-dependents \
    --format copy 2> "$state/time.txt" | wc -c
echo "insert-script --format copy: $(grep -E 'Maximum resident set size|Elapsed' "$state/time.txt")"
