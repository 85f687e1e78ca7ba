#!/usr/bin/env bash
# Installs the Debian packages fkscope needs to build, test and run its demo.
# As root it runs apt-get; as anyone else it prints the apt-get line to run.
#   scripts/install-deps.sh [--screenshots]
# --screenshots adds what packaging/screenshot-installed.sh needs (not on the CI path).
set -euo pipefail

packages=(
    build-essential cmake pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-psql libgl-dev
    libpq-dev libgraphviz-dev graphviz
    postgresql postgresql-client
    xvfb xauth fonts-dejavu-core
    lintian desktop-file-utils appstream
)
if [ "${1:-}" = --screenshots ]; then
    packages+=(xdotool imagemagick x11-utils openbox)
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "fkscope needs these packages; run as root:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
