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
    locales python3
)
if [ "${1:-}" = --screenshots ]; then
    packages+=(xdotool imagemagick x11-utils openbox)
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing+=("$p")
done

# The tests run the server with German messages (lc_messages) to check that fkscope tells a
# cancel by its SQLSTATE, not by the English words.
locale_missing=false
locale -a 2>/dev/null | grep -qix 'de_DE.utf8' || locale_missing=true

if [ ${#missing[@]} -eq 0 ] && ! $locale_missing; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "fkscope needs these packages and the de_DE.UTF-8 locale; run as root:" >&2
    [ ${#missing[@]} -eq 0 ] ||
        echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    ! $locale_missing || echo "  localedef -i de_DE -f UTF-8 de_DE.UTF-8" >&2
    exit 1
fi

if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if $locale_missing; then
    localedef -i de_DE -f UTF-8 de_DE.UTF-8
fi
