#!/usr/bin/env bash
# The two commands of the README.
#   scripts/dev.sh demo   install dependencies, build, open the GUI on a throwaway demo database
#   scripts/dev.sh test   install dependencies, build, run the whole test suite (CTest)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${FKSCOPE_BUILD_DIR:-$root/build}

build() {
    "$root/scripts/install-deps.sh"
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
    cmake --build "$build" -j "$(nproc)"
}

case "${1:-}" in
    demo)
        build
        exec "$build/app/fkscope" --demo
        ;;
    test)
        build
        cd "$build"
        ctest --output-on-failure --timeout 1500 -j "$(nproc)"
        ;;
    *)
        echo "usage: $0 demo|test" >&2
        exit 2
        ;;
esac
