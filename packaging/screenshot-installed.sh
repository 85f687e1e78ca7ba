#!/usr/bin/env bash
# Screenshots of the installed fkscope (apt-get install ./fkscope_*.deb first), started from
# its desktop entry's Exec line on the demo database, under Xvfb with the openbox window
# manager, whose title bars show the window icon (_NET_WM_ICON). Needs xvfb, xdotool,
# x11-utils (xprop, xwininfo), openbox and ImageMagick's import. Writes to OUT_DIR (default
# resources/screenshots):
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
openbox --sm-disable >/dev/null 2>&1 &
wm=$!
trap 'kill $wm 2>/dev/null || true; rm -rf "$XDG_CONFIG_HOME"' EXIT
# The window manager is up once it names its check window on the root.
for _ in $(seq 50); do
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && break
    sleep 0.2
done

# start: runs the Exec line with --demo and waits until the catalog is loaded (the title
# then names the database: "… — fkscope").
start() {
    $exec_line --demo >/dev/null 2>&1 &
    app=$!
    for _ in $(seq 120); do
        window=$(xdotool search --onlyvisible --name ' — fkscope$' 2>/dev/null | head -1 || true)
        [ -n "$window" ] && { sleep 2; return; }
        sleep 1
    done
    echo "fkscope did not load the demo database" >&2
    exit 1
}

# geometry: sets X, Y, WIDTH and HEIGHT to the window's inside its frame. xwininfo's
# absolute corner is the client's; xdotool's is off under a reparenting window manager.
geometry() {
    local info
    info=$(xwininfo -id "$window")
    X=$(sed -n 's/.*Absolute upper-left X: *//p' <<<"$info")
    Y=$(sed -n 's/.*Absolute upper-left Y: *//p' <<<"$info")
    WIDTH=$(sed -n 's/.*Width: *//p' <<<"$info")
    HEIGHT=$(sed -n 's/.*Height: *//p' <<<"$info")
}

# shot NAME: the screen where the window and its title bar are (dialogs over it included).
shot() {
    geometry
    # "_NET_FRAME_EXTENTS(CARDINAL) = left, right, top, bottom"
    read -r left right top bottom < <(xprop -id "$window" _NET_FRAME_EXTENTS | sed 's/.*= //; s/,//g')
    import -window root -crop "$((WIDTH + left + right))x$((HEIGHT + top + bottom))+$((X - left))+$((Y - top))" \
        +repage "$out/$1"
}

quit() {
    xdotool windowfocus --sync "$window" key --clearmodifiers ctrl+q
    wait "$app" || true
}

start
# Drag the handle between the catalog and the views to the left while the window has its
# first-start size, so the handle is where MainWindow puts it (6 px margin, 560 px catalog).
geometry
xdotool mousemove $((X + 6 + 560 + 2)) $((Y + 300)) mousedown 1 mousemove --sync $((X + 400)) $((Y + 300)) mouseup 1
sleep 1
xdotool windowmove --sync "$window" 60 40 windowsize --sync "$window" 1200 760
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
