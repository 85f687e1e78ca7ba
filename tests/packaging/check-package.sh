#!/usr/bin/env bash
# Builds the Debian package with CPack and checks it as a user would meet it:
#   check-package.sh BUILD_DIR SOURCE_DIR VERSION
# Always: the file list, the control fields, lintian (no errors), desktop-file-validate and
# appstreamcli on the packaged files, and bash completion. As root (CI): installs the package
# with apt-get, runs the installed programs against the test server, and removes it again.
set -euo pipefail
build=$1 source=$2 version=$3
work=$(mktemp -d /tmp/fkscope-package-XXXXXX)
db=""
installed_by_us=0

fail() { echo "check-package: FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

server=""
if [ -n "${FKSCOPE_TEST_CONNINFO_FILE:-}" ] && [ -f "$FKSCOPE_TEST_CONNINFO_FILE" ]; then
    server=$(cat "$FKSCOPE_TEST_CONNINFO_FILE")
fi

cleanup() {
    if [ "$installed_by_us" = 1 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq fkscope >/dev/null 2>&1 || true
    fi
    if [ -n "$db" ]; then
        psql -X -q -d "$server" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

step "cpack into $work (not the build folder, so a user's own 'package' run is not disturbed)"
(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb="$work/fkscope_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $deb; cpack wrote: $(ls "$work")"

step "control fields"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = fkscope ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version)"
[ "$(field Architecture)" = amd64 ] || fail "Architecture: $(field Architecture)"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
depends=$(field Depends)
for needed in libqt6sql6-psql libgvc6 libpq5 libqt6widgets6 libcgraph6; do
    grep -q "\b$needed\b" <<<"$depends" || fail "Depends lacks $needed: $depends"
done

step "file list"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/files"
for f in /usr/bin/fkscope /usr/bin/fkscope-cli \
         /usr/share/applications/io.github.fkscope.Fkscope.desktop \
         /usr/share/metainfo/io.github.fkscope.Fkscope.metainfo.xml \
         /usr/share/icons/hicolor/scalable/apps/io.github.fkscope.Fkscope.svg \
         /usr/share/icons/hicolor/48x48/apps/io.github.fkscope.Fkscope.png \
         /usr/share/icons/hicolor/256x256/apps/io.github.fkscope.Fkscope.png \
         /usr/share/man/man1/fkscope.1.gz /usr/share/man/man1/fkscope-cli.1.gz \
         /usr/share/bash-completion/completions/fkscope /usr/share/bash-completion/completions/fkscope-cli \
         /usr/share/doc/fkscope/copyright /usr/share/doc/fkscope/changelog.gz \
         /usr/share/fkscope/scripts/demo-db.sh /usr/share/fkscope/resources/demo/shop.sql; do
    grep -qx "$f" "$work/files" || fail "$f is not in the package"
done
if grep -v '^/usr/' "$work/files" | grep -qv '^/$'; then
    fail "files outside /usr: $(grep -v '^/usr/' "$work/files" | tr '\n' ' ')"
fi

step "unpacked files: validators, man pages, no rpath"
dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/io.github.fkscope.Fkscope.desktop"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.github.fkscope.Fkscope.metainfo.xml"
for program in fkscope fkscope-cli; do
    if readelf -d "$work/root/usr/bin/$program" | grep -Eq 'RPATH|RUNPATH'; then
        fail "$program has an rpath"
    fi
done
# Every command and option that --help lists is in the man page (roff writes '-' as '\-').
man_text() { zcat "$work/root/usr/share/man/man1/$1.1.gz" | sed 's/\\-/-/g'; }
# the_section PAGE COMMAND: the text of ".SS COMMAND" up to the next section
the_section() { man_text "$1" | awk -v start=".SS $2" '$0 == start { p = 1; next } /^\.S[SH]/ { p = 0 } p'; }
cli="$work/root/usr/bin/fkscope-cli"
commands=$("$cli" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]\+\) .*/\1/p')
[ -n "$commands" ] || fail "fkscope-cli --help lists no commands"
for command in $commands; do
    section=$(the_section fkscope-cli "$command")
    [ -n "$section" ] || fail "fkscope-cli(1) has no section for $command"
    for option in $("$cli" "$command" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        grep -qF -- "$option" <<<"$section" || fail "fkscope-cli(1) lacks $command $option"
    done
done
for option in $("$work/root/usr/bin/fkscope" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    man_text fkscope | grep -qF -- "$option" || fail "fkscope(1) lacks $option"
done

step "lintian (errors fail; warnings are listed in the README)"
lintian --no-tag-display-limit "$deb" 2>/dev/null | tee "$work/lintian" || true
if grep -q '^E:' "$work/lintian"; then fail "lintian reports errors"; fi

if [ "$(id -u)" -ne 0 ]; then
    echo "check-package: not root; skipping install, run and remove"
    exit 0
fi
if dpkg-query -W -f='${db:Status-Status}' fkscope 2>/dev/null | grep -qx installed; then
    echo "check-package: an fkscope package is already installed here; not replacing it"
    exit 0
fi
[ -n "$server" ] || fail "no test server (FKSCOPE_TEST_CONNINFO_FILE)"

step "apt-get install ./$(basename "$deb")"
installed_by_us=1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log"; fail "apt-get install failed"; }

step "installed fkscope-cli against the test server"
db="fkscope_pkg_$$"
psql -X -q -d "$server" -c "CREATE DATABASE $db" >/dev/null
target="${server/dbname=postgres/dbname=$db}"
psql -X -q -v ON_ERROR_STOP=1 -d "$target" -f "$source/resources/demo/shop.sql" >/dev/null
/usr/bin/fkscope-cli --version | grep -qx "fkscope-cli $version" || fail "fkscope-cli --version"
/usr/bin/fkscope-cli catalog --db "$target" >"$work/catalog.json"
grep -q '"orders_user_id_fkey"' "$work/catalog.json" || fail "catalog lacks orders_user_id_fkey"
# GVBINDIR points Graphviz's plugin configuration at an empty folder: layouts must not need it.
mkdir "$work/no-graphviz-config"
GVBINDIR="$work/no-graphviz-config" /usr/bin/fkscope-cli graph --db "$target" --focus orders --format svg \
    --output "$work/orders.svg"
grep -q '<svg' "$work/orders.svg" || fail "graph --format svg wrote no SVG"
grep -q 'order_items' "$work/orders.svg" || fail "the SVG lacks order_items"

step "installed fkscope --version, offscreen"
QT_QPA_PLATFORM=offscreen /usr/bin/fkscope --version | grep -qx "fkscope $version" || fail "fkscope --version"

step "installed bash completion"
completion=$(bash -c 'source /usr/share/bash-completion/completions/fkscope-cli
    COMP_WORDS=(fkscope-cli dep); COMP_CWORD=1; _fkscope_cli; echo "${COMPREPLY[*]}"
    COMP_WORDS=(fkscope-cli lint --exit); COMP_CWORD=2; _fkscope_cli; echo "${COMPREPLY[*]}"')
[ "$completion" = $'dependents\n--exit-code' ] || fail "completion offered: $completion"

step "apt-get remove fkscope"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq fkscope >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log"; fail "apt-get remove failed"; }
installed_by_us=0
while read -r f; do
    [ -f "$f" ] && fail "$f is left after remove"
done <"$work/files"
dpkg-query -W -f='${db:Status-Status}' fkscope 2>/dev/null | grep -qx installed && fail "fkscope still installed"
echo "check-package: OK"
