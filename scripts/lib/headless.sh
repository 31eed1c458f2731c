# shellcheck shell=bash
# Helpers shared by scripts/smoke-test and scripts/screenshots: a private Xvfb
# display, finding the app's window, closing it as a user would, screenshots,
# and seeding a data folder through the app's own CLI. Source it; needs
# `scripts/setup-deps --test` to have run.

# ImageMagick from Debian, by full path: /usr/local/bin may hold a stub `convert`.
IM_IMPORT=/usr/bin/import
IM_IDENTIFY=/usr/bin/identify
# Debian's python3, which has python3-xlib (a pyenv python3 may come first on PATH).
SYS_PYTHON=/usr/bin/python3

XVFB_PID=""
APP_PID=""

log() { echo "[$(date +%H:%M:%S)] $*"; }

# Starts Xvfb at WIDTHxHEIGHT on the first free display in :99..:120 and
# exports DISPLAY. Its log goes to $1.
start_xvfb() {
    local xlog=$1 size=${2:-1280x800} n
    command -v Xvfb >/dev/null || { echo "Xvfb missing: run scripts/setup-deps --test" >&2; return 1; }
    for n in $(seq 99 120); do
        if [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; then
            continue
        fi
        Xvfb ":$n" -screen 0 "${size}x24" -nolisten tcp -noreset >"$xlog" 2>&1 &
        XVFB_PID=$!
        # Ready when a client can talk to it (up to 10 s) and the display's
        # lock file names our server (else another one won the race for :n).
        for _ in $(seq 1 100); do
            kill -0 "$XVFB_PID" 2>/dev/null || break
            if DISPLAY=":$n" xdpyinfo >/dev/null 2>&1 &&
                [ "$(tr -d ' \n' <"/tmp/.X$n-lock" 2>/dev/null)" = "$XVFB_PID" ]; then
                export DISPLAY=":$n"
                # Don't let winit pick a Wayland compositor of the developer's.
                unset WAYLAND_DISPLAY
                log "Xvfb up on $DISPLAY (${size}, pid $XVFB_PID)"
                return 0
            fi
            sleep 0.1
        done
        kill "$XVFB_PID" 2>/dev/null || true
        wait "$XVFB_PID" 2>/dev/null || true
        XVFB_PID=""
    done
    echo "could not start Xvfb on any display :99..:120; last log:" >&2
    cat "$xlog" >&2 || true
    return 1
}

# Ends the app (if still running) and Xvfb. Safe to call twice.
stop_all() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        sleep 0.5
        kill -9 "$APP_PID" 2>/dev/null || true
    fi
    if [ -n "$XVFB_PID" ] && kill -0 "$XVFB_PID" 2>/dev/null; then
        kill "$XVFB_PID" 2>/dev/null || true
        wait "$XVFB_PID" 2>/dev/null || true
    fi
    APP_PID=""
    XVFB_PID=""
}

# Prints the id of the first visible window whose name matches the regex $1,
# waiting up to $2 seconds; fails early if the app process has exited.
wait_for_window() {
    local pattern=$1 timeout=${2:-30} deadline wid
    deadline=$((SECONDS + timeout))
    while [ "$SECONDS" -lt "$deadline" ]; do
        wid=$(xdotool search --onlyvisible --name "$pattern" 2>/dev/null | head -n 1 || true)
        if [ -n "$wid" ]; then
            echo "$wid"
            return 0
        fi
        if [ -n "$APP_PID" ] && ! kill -0 "$APP_PID" 2>/dev/null; then
            echo "the app exited before showing a window named /$pattern/" >&2
            return 1
        fi
        sleep 0.25
    done
    echo "no window named /$pattern/ within ${timeout}s" >&2
    return 1
}

# Number of distinct colours in an image.
colour_count() { "$IM_IDENTIFY" -format '%k' "$1"; }

# Screenshots window $1 into PNG $2 (the whole screen if $1 is "root").
shot_window() { "$IM_IMPORT" -window "$1" "png:$2"; }

# Screenshots window $1 into $2 once the app has drawn something: retries until
# the picture has more than $3 colours (a flat, undrawn window has 1), up to $4 s.
shot_when_drawn() {
    local wid=$1 out=$2 min=${3:-50} timeout=${4:-20} deadline colours=0
    deadline=$((SECONDS + timeout))
    while :; do
        if shot_window "$wid" "$out" 2>/dev/null; then
            colours=$(colour_count "$out" 2>/dev/null || echo 0)
            [ "$colours" -gt "$min" ] && { log "screenshot $out: $colours colours"; return 0; }
        fi
        [ "$SECONDS" -ge "$deadline" ] && break
        sleep 0.5
    done
    echo "window $wid still looks blank after ${timeout}s ($colours colours, want > $min)" >&2
    return 1
}

# Asks window $1 to close the way a window manager's close button does: a
# WM_PROTOCOLS ClientMessage carrying WM_DELETE_WINDOW (not a kill/destroy).
send_wm_delete() {
    "$SYS_PYTHON" - "$1" <<'PY'
import sys
from Xlib import X, display, protocol

d = display.Display()
win = d.create_resource_object("window", int(sys.argv[1], 0))
wm_protocols = d.intern_atom("WM_PROTOCOLS")
wm_delete = d.intern_atom("WM_DELETE_WINDOW")
if wm_delete not in (win.get_wm_protocols() or []):
    sys.exit("window %s does not take WM_DELETE_WINDOW" % sys.argv[1])
event = protocol.event.ClientMessage(
    window=win, client_type=wm_protocols, data=(32, [wm_delete, X.CurrentTime, 0, 0, 0])
)
win.send_event(event, event_mask=X.NoEventMask)
d.sync()
PY
}

# Gives window $1 keyboard focus (there is no window manager under Xvfb, so
# windowactivate would fail) and clicks into it.
focus_window() {
    local wid=$1
    timeout 5 xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid" || true
    # A click on the right margin, where the app draws nothing to click on.
    xdotool mousemove --window "$wid" "${FOCUS_CLICK_X:-1240}" "${FOCUS_CLICK_Y:-400}" click 1 || true
}

# Waits up to $1 s for $APP_PID to exit by itself. Sets APP_RC to its exit
# code, or to "killed" after killing it when it did not exit in time.
wait_for_exit() {
    local timeout=${1:-15} deadline rc=0
    deadline=$((SECONDS + timeout))
    while kill -0 "$APP_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
        sleep 0.2
    done
    if kill -0 "$APP_PID" 2>/dev/null; then
        kill -9 "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
        APP_RC=killed
    else
        wait "$APP_PID" || rc=$?
        APP_RC=$rc
    fi
    APP_PID=""
}

# --- seeding a data folder through the app's CLI ---------------------------
# Needs: pl-reflect [--data-dir DIR] teachers add NAME
#        pl-reflect [--data-dir DIR] new --guide GUIDE --title TITLE   (prints the new id last)
#        pl-reflect [--data-dir DIR] answer ID ITEM --text T | --level L | --note N
#                                    | --affirm | --next-step ACTION
#        pl-reflect [--data-dir DIR] guides show GUIDE
#        pl-reflect [--data-dir DIR] show ID
#        pl-reflect [--data-dir DIR] check

# The app's CLI on data folder $DATA_DIR, with binary $BIN.
cli() { "$BIN" --data-dir "$DATA_DIR" "$@" </dev/null; }

# True if the binary has the CLI subcommands the seeding uses.
cli_available() {
    local help
    help=$("$BIN" --help 2>&1 </dev/null) || return 1
    grep -qw teachers <<<"$help" && grep -qw answer <<<"$help"
}

# Prints the ids of guide $1's questions (first N=$2), from the guide file in
# reflection_guides/ or, failing that, from `guides show GUIDE` output.
question_ids() {
    local guide=$1 n=${2:-1} ids=""
    ids=$(guide_item_ids "$guide" questions 1000 2>/dev/null || true)
    if [ -z "$ids" ]; then
        ids=$(cli guides show "$guide" 2>/dev/null | grep -oE '\bq-[a-z0-9-]+' | awk '!seen[$0]++' || true)
    fi
    [ -n "$ids" ] || return 1
    head -n "$n" <<<"$ids"
}

# Prints the ids of guide $1's items of one section kind $2 (questions,
# statements or practices; the first N=$3), read from reflection_guides/.
guide_item_ids() {
    local guide=$1 kind=$2 n=${3:-1}
    [ -f "reflection_guides/$guide.json" ] || return 1
    "$SYS_PYTHON" - "reflection_guides/$guide.json" "$kind" "$n" <<'PY'
import json, sys
guide, kind, n = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
ids = []
for section in guide.get("sections", []):
    if kind == "practices" and section.get("kind") == "checklist":
        for component in section.get("components", []):
            ids += [p["id"] for p in component.get("practices", [])]
    elif section.get("kind") == kind:
        ids += [item["id"] for item in section.get(kind, [])]
print("\n".join(ids[:n]))
PY
}

# Creates a reflection on guide $1 titled $2 and prints its id: the last word
# of the last non-empty line that `new` prints.
new_reflection() {
    local out id
    out=$(cli new --guide "$1" --title "$2")
    id=$(awk 'NF { last = $NF } END { print last }' <<<"$out")
    [ -n "$id" ] || { echo "\`new\` printed no reflection id: $out" >&2; return 1; }
    echo "$id"
}
