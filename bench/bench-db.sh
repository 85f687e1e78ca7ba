# Sourced by the benchmark scripts: a throwaway PostgreSQL with an empty database "bench",
# removed when the script exits. Sets here, root, build, state and db.
#   source "$(dirname "${BASH_SOURCE[0]}")/bench-db.sh" "$@"
here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
root=$here/..
build=${1:-$root/build}
state=$(mktemp -d)
trap '"$root/scripts/pg-throwaway.sh" stop "$state"; rm -rf "$state"' EXIT

server=$("$root/scripts/pg-throwaway.sh" start "$state")
psql -X -q -d "$server" -c 'CREATE DATABASE bench'
db="${server/dbname=postgres/dbname=bench}"
