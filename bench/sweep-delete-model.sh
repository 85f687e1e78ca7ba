#!/usr/bin/env bash
# Runs tst_deleteimpact_random on seeds beyond the 5,200 that CTest runs, against a throwaway
# server: every prediction of the delete model is compared with a real DELETE. A mismatch
# prints the seed to replay (FKSCOPE_SEED=N).
#
#   bench/sweep-delete-model.sh FIRST_SEED COUNT [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
first=${1:?first seed}
count=${2:?how many seeds}
build=$(cd "${3:-$root/build}" && pwd)
state=$(mktemp -d /tmp/fkscope-sweep.XXXXXX)
trap 'bash "$root/scripts/pg-throwaway.sh" stop "$state" >/dev/null 2>&1 || true' EXIT
bash "$root/scripts/pg-throwaway.sh" start "$state" >/dev/null

FKSCOPE_SEED=$first FKSCOPE_ROUNDS=$count FKSCOPE_TEST_CONNINFO_FILE="$state/conninfo" \
FKSCOPE_SOURCE_DIR="$root" QT_QPA_PLATFORM=offscreen QTEST_FUNCTION_TIMEOUT=86400000 \
    "$build/tests/impact/tests_impact" tst_deleteimpact_random -silent
