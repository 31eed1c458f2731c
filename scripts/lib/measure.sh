# shellcheck shell=bash
# Helpers for scripts/measure: building the floor (a bare eframe window),
# reading a process's memory and CPU from /proc, and one measured window run.
# Source after scripts/lib/headless.sh.

# The eframe features PL Reflect uses, less the renderer (keep in step with
# Cargo.toml; build_floor checks this).
FLOOR_EFRAME_FEATURES='"accesskit", "clipboard", "default_fonts", "system_fonts", "wayland", "x11"'

# Builds the floor with renderer $1 (glow or wgpu) into $MEASURE_OUT/bin/floor-$1.
# The little cargo project lives in $MEASURE_OUT/floor and is made from
# scripts/lib/measure-floor.rs; its target folder is kept, so a second run
# builds nothing. The lock file is the app's, so eframe and everything under
# it are the very versions the app uses. Offline first, then online.
build_floor() {
    local renderer=$1 project="$MEASURE_OUT/floor" bin="$MEASURE_OUT/bin/floor-$1"
    local want
    want=$(tr -d ' ' <<<"$FLOOR_EFRAME_FEATURES")
    # The app's eframe features, minus glow, sorted: must equal the floor's.
    local app_features
    app_features=$(grep -E '^eframe *=' Cargo.toml | grep -oE 'features *= *\[[^]]*\]' |
        grep -oE '"[a-z0-9_-]+"' | grep -v '"glow"' | sort | tr -d '\n')
    if [ "$app_features" != "$(grep -oE '"[a-z0-9_-]+"' <<<"$want" | sort | tr -d '\n')" ]; then
        echo "measure: Cargo.toml's eframe features changed ($app_features); update FLOOR_EFRAME_FEATURES in scripts/lib/measure.sh" >&2
        return 1
    fi
    mkdir -p "$project/src" "$MEASURE_OUT/bin"
    cp scripts/lib/measure-floor.rs "$project/src/main.rs"
    cat >"$project/Cargo.toml.new" <<EOF
# Made by scripts/measure: the floor, a bare eframe window. Not part of PL Reflect.
[package]
name = "pl-reflect-floor"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
eframe = { version = "$(eframe_version)", default-features = false, features = [$FLOOR_EFRAME_FEATURES] }

[features]
glow = ["eframe/glow"]
wgpu = ["eframe/wgpu"]

[workspace]
EOF
    # Rewrite only when changed, so cargo sees nothing new on a second run.
    cmp -s "$project/Cargo.toml.new" "$project/Cargo.toml" 2>/dev/null ||
        cp "$project/Cargo.toml.new" "$project/Cargo.toml"
    rm -f "$project/Cargo.toml.new"
    [ -f "$project/Cargo.lock" ] || cp Cargo.lock "$project/Cargo.lock"
    local target
    target=$(realpath -m "$MEASURE_OUT/floor-target")
    log "building the floor ($renderer) in $project"
    if ! (cd "$project" && CARGO_TARGET_DIR="$target" cargo build --release --offline --features "$renderer" -q 2>"$MEASURE_OUT/floor-$renderer-build.log"); then
        log "offline build failed (see $MEASURE_OUT/floor-$renderer-build.log); trying online"
        (cd "$project" && CARGO_TARGET_DIR="$target" cargo build --release --features "$renderer" -q) || return 1
    fi
    cp "$target/release/pl-reflect-floor" "$bin"
}

# The exact eframe version in the app's Cargo.lock.
eframe_version() {
    awk '/^name = "eframe"$/ { getline; gsub(/[^0-9.]/, ""); print "=" $0; exit }' Cargo.lock
}

# Resident memory of process $1 in kB.
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# User + system CPU of process $1 in clock ticks (1/100 s on Linux).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Seconds (with fractions) since the epoch.
now() { date +%s.%N; }

# Sleeps until $1 + $2 seconds (times from `now`).
sleep_until() {
    local left
    left=$(awk -v t0="$1" -v d="$2" -v t="$(now)" 'BEGIN { l = t0 + d - t; print (l > 0 ? l : 0) }')
    sleep "$left"
}

# Moves the mouse in $2 small steps, $3 s apart, over window $1 inside the box
# x 480..880, y 300..560 (the middle of the reading column): every step is an
# input event that makes egui draw a frame, and crosses buttons and cards.
mouse_moves() {
    local wid=$1 steps=$2 gap=$3 i args=()
    for ((i = 0; i < steps; i++)); do
        args+=(mousemove --window "$wid" $((480 + (i % 50) * 8)) $((300 + (i / 50 % 6) * 44 + i % 3)) sleep "$gap")
    done
    xdotool "${args[@]}"
}

# One measured window run. Starts "$@" (a program and its arguments) with the
# JSON output named by env var $RUN_ENV set to $RUN_JSON, then:
#   waits for a window named /$RUN_WINDOW/, reads VmRSS 2 s after the start,
#   counts CPU ticks over $RUN_IDLE s with no input (skipped when 0),
#   does $RUN_NAV (a function name, or empty; it fails if it did not get there),
#   moves the mouse $RUN_MOVES times (skipped when 0) counting CPU ticks,
#   closes the window with WM_DELETE_WINDOW and waits for the exit.
# Appends one JSON line to $MEASURE_RAW with what it saw.
measured_run() {
    local label=$1 run=$2
    shift 2
    local t0 wid rss idle_a idle_b move_a move_b window_s nav_ok
    rm -f "$RUN_JSON"
    t0=$(now)
    env "$RUN_ENV=$RUN_JSON" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/share" \
        LIBGL_ALWAYS_SOFTWARE=1 ${RUN_EXTRA_ENV:-} "$@" </dev/null >>"$MEASURE_OUT/$label.log" 2>&1 &
    APP_PID=$!
    wid=$(wait_for_window "$RUN_WINDOW" 60) || { echo "measure: $label run $run: no window" >&2; return 1; }
    window_s=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')
    sleep_until "$t0" 2
    rss=$(rss_kb "$APP_PID")
    idle_a=-1 idle_b=-1
    if [ "${RUN_IDLE:-0}" != 0 ]; then
        sleep_until "$t0" 3 # let start-up work (font loading, the first frames) finish
        idle_a=$(cpu_ticks "$APP_PID")
        sleep "$RUN_IDLE"
        idle_b=$(cpu_ticks "$APP_PID")
    fi
    nav_ok=true
    if [ -n "${RUN_NAV:-}" ] && ! "$RUN_NAV" "$wid"; then
        echo "measure: $label run $run: did not reach the screen to measure; its frames are left out" >&2
        nav_ok=false
    fi
    move_a=-1 move_b=-1
    if [ "${RUN_MOVES:-0}" != 0 ]; then
        sleep 1 # nothing pending before the moves
        move_a=$(cpu_ticks "$APP_PID")
        mouse_moves "$wid" "$RUN_MOVES" "${RUN_MOVE_GAP:-0.05}"
        sleep 0.3
        move_b=$(cpu_ticks "$APP_PID")
    fi
    send_wm_delete "$wid" || { echo "measure: $label run $run: could not close the window" >&2; return 1; }
    wait_for_exit 20
    [ "$APP_RC" = 0 ] || { echo "measure: $label run $run: exited with $APP_RC" >&2; return 1; }
    [ -s "$RUN_JSON" ] || { echo "measure: $label run $run: wrote no $RUN_JSON" >&2; return 1; }
    "$SYS_PYTHON" - "$RUN_JSON" "$label" "$run" "$rss" "$idle_a" "$idle_b" "$move_a" "$move_b" \
        "${RUN_IDLE:-0}" "${RUN_MOVES:-0}" "$window_s" "$nav_ok" >>"$MEASURE_RAW" <<'PY'
import json, sys
path, label, run, rss, ia, ib, ma, mb, idle_s, moves, window_s, nav_ok = sys.argv[1:]
data = json.load(open(path))
ia, ib, ma, mb = int(ia), int(ib), int(ma), int(mb)
print(json.dumps({
    "label": label, "run": int(run),
    "first_frame_ms": data.get("first_frame_ms"),
    "opened_ms": data.get("opened_ms"),
    "notebook_frame_ms": data.get("notebook_frame_ms"),
    "notebook_frame_index": data.get("notebook_frame_index"),
    "window_s": float(window_s),
    "rss_kb": int(rss),
    "idle_s": float(idle_s), "idle_ticks": (ib - ia) if ia >= 0 else None,
    "moves": int(moves), "move_ticks": (mb - ma) if ma >= 0 else None,
    "frames": data.get("frames"), "ui_micros": data.get("ui_micros", []),
    "frame_ms": data.get("frame_ms"),
    "nav_ok": nav_ok == "true",
}))
PY
    log "$label run $run: first frame $(
        "$SYS_PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.1f ms, %d frames" % (d["first_frame_ms"] or -1, d["frames"]))' "$RUN_JSON"
    ), RSS $((rss / 1024)) MB, idle $([ "$idle_a" -ge 0 ] && echo "$((idle_b - idle_a)) ticks" || echo -)"
}

# Home -> the first reflection -> section 3, the checklist. The home screen
# changes as the app grows, so the first reflection is found, not assumed:
# click the known places of its "Continue" (a teacher's home: 316,222) or
# "Open" button (a coach's home: 433,302), then walk down the columns where
# those buttons sit (x 316, then x 433), until the window's title says a
# reflection is open ("PL Reflect — TITLE"). Then the third section, with
# Ctrl+PageDown twice. A screenshot checks that the checklist's entry (the
# third of the section list, x 60, y 268 while the reflection's title is one
# line and the guide's title wraps to two) is selected.
nav_checklist() {
    local wid=$1 point y name shot=${RUN_SHOT:-$WORK/nav.png} points=()
    focus_window "$wid"
    sleep 0.5
    # shellcheck disable=SC2206 # a list of points, split on purpose
    points=(${RUN_ROUTES:-316,222 433,302})
    for y in $(seq 180 24 760); do points+=("316,$y"); done
    for y in $(seq 180 24 760); do points+=("433,$y"); done
    for point in "${points[@]}"; do
        xdotool key --clearmodifiers Escape ctrl+h
        sleep 0.4
        xdotool mousemove --window "$wid" "${point%,*}" "${point#*,}" click 1
        sleep 0.5
        name=$(xdotool getwindowname "$wid" 2>/dev/null || true)
        if [[ "$name" == "PL Reflect"* && "$name" != "PL Reflect" ]]; then
            # The third section, by keyboard: its place in the list moves as
            # the list's entries change.
            xdotool key --clearmodifiers ctrl+Next ctrl+Next
            sleep 0.7
            shot_window "$wid" "$shot" || true
            if on_checklist "$shot"; then
                log "on the checklist of \"$(xdotool getwindowname "$wid")\" (opened at $point)"
                return 0
            fi
            log "a reflection opened at $point, but its third section is not where expected ($shot)"
            return 1
        fi
    done
    shot_window "$wid" "$shot" || true
    log "found no reflection to open on the home screen ($shot)"
    return 1
}

# Is the third section selected in screenshot $1? The selected entry is drawn
# with the accent (blue) background.
on_checklist() {
    local rgb r b
    rgb=$(/usr/bin/convert "$1" -format '%[fx:int(255*p{60,268}.r)] %[fx:int(255*p{60,268}.g)] %[fx:int(255*p{60,268}.b)]' info: 2>/dev/null) || return 1
    read -r r _ b <<<"$rgb"
    [ "$b" -gt $((r + 40)) ]
}
