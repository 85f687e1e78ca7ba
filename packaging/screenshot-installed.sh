#!/usr/bin/env bash
# Screenshots of the installed fkscope (apt-get install ./fkscope_*.deb first), started from
# its desktop entry's Exec line on the demo database, under Xvfb. Needs xvfb, xdotool and
# ImageMagick's import. Writes to OUT_DIR (default resources/screenshots):
#   layout-before-restart.png  a window moved, resized and with its splitter dragged
#   layout-after-restart.png   the next start: the same layout, remembered
#   about.png                  Help > About fkscope, with the application icon
#   packaging/screenshot-installed.sh [OUT_DIR]
set -euo pipefail
if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1400x900x24" "$0" "$@"
fi
out=$(realpath "${1:-resources/screenshots}")
desktop=/usr/share/applications/io.github.fkscope.Fkscope.desktop
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
[ -n "$exec_line" ] || { echo "no Exec line in $desktop" >&2; exit 1; }

# A fresh settings folder, so the first start shows the defaults.
export XDG_CONFIG_HOME=$(mktemp -d /tmp/fkscope-shots-XXXXXX)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT

# start: runs the Exec line with --demo and waits until the catalog is loaded (the title
# then names the database: "… — fkscope").
start() {
    $exec_line --demo >/dev/null 2>&1 &
    app=$!
    for _ in $(seq 120); do
        window=$(xdotool search --name ' — fkscope$' 2>/dev/null | head -1 || true)
        [ -n "$window" ] && { sleep 2; return; }
        sleep 1
    done
    echo "fkscope did not load the demo database" >&2
    exit 1
}

# shot NAME: the screen where the window is (dialogs over it included).
shot() {
    eval "$(xdotool getwindowgeometry --shell "$window")"
    import -window root -crop "${WIDTH}x${HEIGHT}+${X}+${Y}" +repage "$out/$1"
}

quit() {
    xdotool windowfocus --sync "$window" key --clearmodifiers ctrl+q
    wait "$app" || true
}

start
xdotool windowmove --sync "$window" 60 40 windowsize --sync "$window" 1200 760
sleep 1
# Drag the handle between the catalog and the views to the left.
eval "$(xdotool getwindowgeometry --shell "$window")"
xdotool mousemove $((X + 6 + 560 + 2)) $((Y + 300)) mousedown 1 mousemove --sync $((X + 380)) $((Y + 300)) mouseup 1
sleep 1
shot layout-before-restart.png
quit

start
shot layout-after-restart.png
xdotool windowfocus --sync "$window" key --clearmodifiers alt+h
sleep 1
xdotool key a
sleep 2
shot about.png
xdotool key Escape
quit
echo "screenshots in $out"
