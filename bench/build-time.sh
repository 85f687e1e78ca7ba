#!/usr/bin/env bash
# The cost of a clean build, as scripts/dev.sh test starts it, for two commits side by side:
#   bench/build-time.sh BEFORE_COMMIT [AFTER_COMMIT]      (AFTER defaults to HEAD)
# Each commit is cloned into a temporary folder and built from nothing with -j2 and ccache
# off; GNU time reports wall-clock and CPU seconds. CPU seconds move least with the load of a
# shared machine; compare them, and the two commits' figures only with each other.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
before=${1:?usage: $0 BEFORE_COMMIT [AFTER_COMMIT]}
after=${2:-HEAD}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CCACHE_DISABLE=1

measure() {
    local commit=$1 dir=$work/$1
    git -C "$root" worktree add --detach -q "$dir" "$commit"
    cmake -S "$dir" -B "$dir/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    /usr/bin/time -f "%e %U %S" -o "$work/time" cmake --build "$dir/build" -j2 >/dev/null
    read -r wall user sys <"$work/time"
    printf '%-12s wall %6.0f s   cpu %6.0f s\n' "$(git -C "$root" rev-parse --short "$commit")" "$wall" \
        "$(echo "$user + $sys" | bc)"
    git -C "$root" worktree remove --force "$dir"
}

measure "$before"
measure "$after"
