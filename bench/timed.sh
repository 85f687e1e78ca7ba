#!/usr/bin/env bash
# `fkscope-cli dependents --timed --with-index` on a root whose DELETE reaches 1,000,000 rows
# through a key no index serves: one run times the DELETE as the database is, builds the
# missing index inside the same rolled-back transaction and times it again. Writes the
# before/after line into bench/README.md (between the timed-bench markers) and prints it.
#
#   bench/timed.sh [BUILD_DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-db.sh" "$@"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$here/timed_data.sql"

"$build/app/fkscope-cli" dependents --db "$db" --table tenants --key id=1 --timed \
    --with-index tasks_project_id_fkey --statement-timeout 0 > "$state/timed.json"

python3 - "$state/timed.json" "$here/README.md" <<'PY'
import datetime, json, os, re, sys
answer = json.load(open(sys.argv[1]))
timing = answer["timing"]
assert timing["ok"], timing["error"]
after = timing["with_index"]["after"]
costliest = timing["keys"][0]
closure = sum(answer["delete"]["deleted"].values())
index = timing["with_index"]["indexes"][0]
def key_ms(run, name):
    return next(k["time_ms"] for k in run["keys"] if k["constraint"] == name)
row = ("| {date} | {cores} cores, shared | {rows:,} | {key} ({idx}) | {before:,.0f} ms | {key_before:,.0f} ms "
       "| {build:,.0f} ms | {after_total:,.0f} ms | {key_after:,.0f} ms | **{ratio:.1f}×** |").format(
    date=datetime.date.today().isoformat(), cores=os.cpu_count(), rows=closure,
    key=costliest["constraint"], idx="unindexed" if not costliest["indexed"] else "indexed",
    before=timing["total_ms"], key_before=costliest["time_ms"], build=index["build_ms"],
    after_total=after["total_ms"], key_after=key_ms(after, costliest["constraint"]),
    ratio=timing["total_ms"] / after["total_ms"])
print(row)
readme = open(sys.argv[2]).read()
marker = "<!-- timed-bench rows -->"
readme = readme.replace(marker, row + "\n" + marker)
open(sys.argv[2], "w").write(readme)
PY
