"""The table of scripts/measure: reads the window runs (raw.jsonl, one JSON
object per run, written by scripts/lib/measure.sh) and criterion's results
(target/criterion/**/new/{estimates,sample}.json), prints one table, writes it
to OUT/table.md, and exits 1 when a target is missed (or a figure is missing).

usage: measure_report.py RAW_JSONL CRITERION_DIR OUT_DIR
"""

import json
import os
import statistics
import sys

TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")
# Frames at the end of a run that belong to closing the window.
CLOSING_FRAMES = 3


def load_runs(path):
    runs = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if line.strip():
                    run = json.loads(line)
                    runs.setdefault(run["label"], []).append(run)
    return runs


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return statistics.median(values), min(values), max(values)


def tail_ui_ms(run):
    """ui() times, in ms, of the frames drawn while the mouse moved over the
    screen measured: the last moves/2 frames before the closing ones. Each move
    makes at least one frame (hover animations make more), so these frames all
    come after the navigation."""
    micros = run["ui_micros"][: len(run["ui_micros"]) - CLOSING_FRAMES]
    take = max(1, run["moves"] // 2)
    return [m / 1000.0 for m in micros[-take:]]


def floor_move_frames(run):
    """Frames the floor drew after its idle period (it logs when each began)."""
    if not run.get("frame_ms"):
        return None
    after = (3.0 + run["idle_s"]) * 1000.0
    return len([t for t in run["frame_ms"] if t > after]) - 1  # less the closing frame


def criterion(crit_dir, *parts):
    """(median, min, max) in ms of one criterion benchmark: the median is
    criterion's estimate; min and max are the fastest and slowest sample's mean
    time per iteration."""
    base = os.path.join(crit_dir, *parts, "new")
    try:
        with open(os.path.join(base, "estimates.json")) as f:
            median = json.load(f)["median"]["point_estimate"] / 1e6
        with open(os.path.join(base, "sample.json")) as f:
            sample = json.load(f)
        per_iter = [t / n / 1e6 for t, n in zip(sample["times"], sample["iters"])]
        return median, min(per_iter), max(per_iter)
    except (OSError, KeyError, ValueError, ZeroDivisionError):
        return None


def fmt_ms(value):
    if value is None:
        return "–"
    if value >= 100:
        return "%.0f ms" % value
    if value >= 10:
        return "%.1f ms" % value
    if value >= 1:
        return "%.2f ms" % value
    if value >= 0.01:
        return "%.3f ms" % value
    return "%.1f µs" % (value * 1000)


def fmt_stat(s, fmt):
    if s is None:
        return "not measured"
    median, low, high = s
    return "%s (%s–%s)" % (fmt(median), fmt(low), fmt(high))


def fmt_mb(value):
    return "%.1f MB" % value


def fmt_ticks(value):
    return "%g ticks" % value


def main():
    raw, crit_dir, out_dir = sys.argv[1:4]
    runs = load_runs(raw)
    rows = []  # (figure, ours, floor, ratio, target, verdict)
    failures = []

    def verdict(ok, figure):
        if ok is None:
            failures.append(figure + " (not measured)")
            return "MISSING"
        if not ok:
            failures.append(figure)
        return "ok" if ok else "MISSED"

    app, glow, wgpu = runs.get("app", []), runs.get("floor-glow", []), runs.get("floor-wgpu", [])
    # Start-up and memory come from the runs made for them alone (rotating order, a quiet second before each).
    app_start, floor_start = runs.get("app-start", []), runs.get("floor-start", [])

    # 1. Start to first frame.
    figure = "start to first frame, default guide, 200 reflections"
    ours = stats([r["first_frame_ms"] for r in app_start])
    floor = stats([r["first_frame_ms"] for r in floor_start])
    ok = ratio = None
    if ours and floor:
        ratio = ours[0] / floor[0]
        ok = ratio <= 1.3
    rows.append((figure, fmt_stat(ours, fmt_ms), fmt_stat(floor, fmt_ms),
                 "%.2f×" % ratio if ratio else "–", "median ≤ 1.3 × floor", verdict(ok, figure)))

    # 2. Resident memory.
    figure = "resident memory 2 s after start, same setup"
    ours = stats([r["rss_kb"] / 1024.0 for r in app_start])
    floor = stats([r["rss_kb"] / 1024.0 for r in floor_start])
    ok = diff = None
    if ours and floor:
        diff = ours[0] - floor[0]
        ok = diff <= 25
    rows.append((figure, fmt_stat(ours, fmt_mb), fmt_stat(floor, fmt_mb),
                 "%+.1f MB" % diff if diff is not None else "–", "≤ floor + 25 MB", verdict(ok, figure)))

    # 3. Idle CPU.
    figure = "idle CPU over 10 s, window open, no input"
    ours = stats([r["idle_ticks"] for r in app])
    floor = stats([r["idle_ticks"] for r in glow])
    ok = None if ours is None else ours[0] == 0
    rows.append((figure, fmt_stat(ours, fmt_ticks), fmt_stat(floor, fmt_ticks), "–", "0 ticks",
                 verdict(ok, figure)))

    # 4-5. ui() per frame.
    floor_ui = stats([m / 1000.0 for r in glow for m in r["ui_micros"][1:]])
    for label, figure, limit in [
        ("app", "CPU per frame, checklist of the default guide (ui())", 1.0),
        ("stress", "CPU per frame, stress guide with 1,000 practices (ui())", 3.0),
    ]:
        ours = stats([ms for r in runs.get(label, []) if r.get("nav_ok", True) for ms in tail_ui_ms(r)])
        ok = None if ours is None else ours[0] <= limit
        rows.append((figure, fmt_stat(ours, fmt_ms), fmt_stat(floor_ui, fmt_ms) if label == "app" else "–",
                     "–", "≤ %g ms" % limit, verdict(ok, figure)))

    # 6-13. From criterion.
    def bench_row(figure, path, limit, note=""):
        s = criterion(crit_dir, *path)
        ok = None if s is None else s[0] <= limit
        rows.append((figure + note, fmt_stat(s, fmt_ms), "–", "–", "median ≤ %g ms" % limit if figure.startswith("autosave") else "≤ %g ms" % limit,
                     verdict(ok, figure)))

    bench_row("autosave of one full reflection, durable (fsync)", ("store", "save_reflection", "31"), 5)
    # What recording a version adds to a save: the same autosave with and
    # without a version to write (history/save_unchanged changes only the time).
    # (history/added_by_a_version: a save with a version and one without, in
    # pairs; history/save_unchanged is the save without, for the record.)
    figure = "recording a version, added to the autosave of one full reflection (in pairs)"
    added = criterion(crit_dir, "history", "added_by_a_version", "31")
    without = criterion(crit_dir, "history", "save_unchanged", "31")
    ok = None if added is None else added[0] <= 2
    text = fmt_stat(added, fmt_ms)
    if added and without:
        text += "; the save without it: %s" % fmt_ms(without[0])
    rows.append((figure, text, "–", "–", "median ≤ 2 ms", verdict(ok, figure)))
    bench_row("opening a history of 500 versions (every version read, and what each changed)", ("history", "open", "500"), 100)
    bench_row("listing 2,000 reflections of 200 teachers on startup (Store::load)", ("store", "load", "2000"), 150)
    bench_row("summary of one reflection", ("summary", "summarize", "31"), 1)
    for ext in ["md", "html", "csv", "json"]:
        bench_row("export of one reflection: %s" % ext, ("export", ext, "31"), 10)
    bench_row("export of one reflection: pdf", ("export", "pdf", "31"), 300)
    bench_row("school-wide picture over 2,000 reflections (coach::aggregate)", ("coach", "aggregate", "2000"), 500)

    header = "| figure | ours: median (min–max) | floor | ratio | target | verdict |\n|---|---|---|---|---|---|\n"
    table = header + "".join("| %s |\n" % " | ".join(row) for row in rows)

    # Figures without a target, for the record.
    info = []
    a2000 = runs.get("app-2000", [])
    info.append(("start to first frame, 2,000 reflections of 200 teachers",
                 fmt_stat(stats([r["first_frame_ms"] for r in a2000]), fmt_ms)))
    info.append(("resident memory 2 s after start, 2,000 reflections",
                 fmt_stat(stats([r["rss_kb"] / 1024.0 for r in a2000]), fmt_mb)))
    for folder, name in [("d200", "200"), ("d2000", "2,000")]:
        data = runs.get("startup-data-" + folder, [])
        if data:
            info.append(("start-up's data work in a fresh process, %s reflections: open (Store::open) + guides + load" % name,
                         "%s = %s + %s + %s" % (
                             fmt_stat(stats([r["total_ms"] for r in data]), fmt_ms),
                             fmt_ms(stats([r["open_ms"] for r in data])[0]),
                             fmt_ms(stats([r["guides_ms"] for r in data])[0]),
                             fmt_ms(stats([r["load_ms"] for r in data])[0]))))
    info.append(("start to the first frame that shows the notebook (read on another thread): 200 / 2,000 reflections",
                 "%s / %s" % (fmt_stat(stats([r["notebook_frame_ms"] for r in app_start if r.get("notebook_frame_ms")]), fmt_ms),
                              fmt_stat(stats([r["notebook_frame_ms"] for r in a2000 if r.get("notebook_frame_ms")]), fmt_ms))))

    def home_ui_ms(run):
        index = run.get("notebook_frame_index")
        return run["ui_micros"][index] / 1000.0 if index is not None and index < len(run["ui_micros"]) else None

    info.append(("first ui() that shows the notebook (home screen): 200 / 2,000 reflections",
                 "%s / %s" % (fmt_stat(stats([m for m in map(home_ui_ms, app_start) if m is not None]), fmt_ms),
                              fmt_stat(stats([m for m in map(home_ui_ms, a2000) if m is not None]), fmt_ms))))
    # For the record: start-up within the longer runs, where each start follows
    # another run's mouse moves (the app's follows the floor's, the floor's the stress run's).
    long_app, long_floor = stats([r["first_frame_ms"] for r in app]), stats([r["first_frame_ms"] for r in glow])
    if long_app and long_floor:
        info.append(("start to first frame in the longer runs, each right after another run's mouse moves: app / floor",
                     "%s / %s (%.2f×)" % (fmt_stat(long_app, fmt_ms), fmt_stat(long_floor, fmt_ms), long_app[0] / long_floor[0])))
    for practices in ["31", "1000"]:
        info.append(("per-frame data work of the reflecting screen, %s practices: progress / orphaned_answers" % practices,
                     "%s / %s" % (fmt_stat(criterion(crit_dir, "frame", "progress", practices), fmt_ms),
                                  fmt_stat(criterion(crit_dir, "frame", "orphaned_answers", practices), fmt_ms))))
    info.append(("Store::list of 2,000 reflections (headers only)",
                 fmt_stat(criterion(crit_dir, "store", "list", "2000"), fmt_ms)))
    info.append(("Store::load_reflection, one file",
                 fmt_stat(criterion(crit_dir, "store", "load_reflection", "2000"), fmt_ms)))
    info.append(("guide parse + validate: default guide / 1,000 practices",
                 "%s / %s" % (fmt_stat(criterion(crit_dir, "guide_parse", "parse_validate", "31"), fmt_ms),
                              fmt_stat(criterion(crit_dir, "guide_parse", "parse_validate", "1000"), fmt_ms))))
    for label, name in [("app", "app, checklist"), ("stress", "app, stress checklist"),
                        ("floor-glow", "floor, glow"), ("floor-wgpu", "floor, wgpu (lavapipe)")]:
        per_move = stats([r["move_ticks"] * TICK_MS / r["moves"] for r in runs.get(label, [])
                          if r.get("move_ticks") is not None and r["moves"] and r.get("nav_ok", True)])
        if per_move is None:
            continue
        text = fmt_stat(per_move, fmt_ms)
        if label.startswith("floor"):
            frames = [floor_move_frames(r) for r in runs[label]]
            frames = [f for f in frames if f]
            if frames:
                per_frame = stats([r["move_ticks"] * TICK_MS / f for r, f in zip(runs[label], frames)])
                text += "; per frame drawn %s (%d frames per run)" % (fmt_stat(per_frame, fmt_ms), statistics.median(frames))
        info.append(("whole-process CPU per mouse move (ui + software rendering): " + name, text))
    if wgpu:
        info.append(("floor, wgpu (lavapipe): first frame / RSS / idle",
                     "%s / %s / %s" % (fmt_stat(stats([r["first_frame_ms"] for r in wgpu]), fmt_ms),
                                       fmt_stat(stats([r["rss_kb"] / 1024.0 for r in wgpu]), fmt_mb),
                                       fmt_stat(stats([r["idle_ticks"] for r in wgpu]), fmt_ticks))))
    for space in runs.get("history-space", [])[:1]:
        info.append(("history after a year of weekly use (52 sittings, %d saves; examples/history_space.rs): kept for ever / at its peak, the day of a sitting" % space["saves"],
                     "%.2f MB in %d versions (%.2f MB on disk) / %.2f MB in %d versions (%.2f MB on disk)" % (
                         space["history_bytes"] / 1e6, space["versions"], space["history_on_disk"] / 1e6,
                         space["peak_history_bytes"] / 1e6, space["peak_versions"], space["peak_history_on_disk"] / 1e6)))
    counts = ", ".join("%s %d" % (k, len(v)) for k, v in sorted(runs.items()))
    info_table = "| figure (no target) | median (min–max) |\n|---|---|\n" + "".join(
        "| %s | %s |\n" % row for row in info)

    # How cost grows (criterion medians).
    growth = ["| operation | 31 practices | 250 | 1,000 |", "|---|---|---|---|"]
    for name, path in [("guide parse + validate", ("guide_parse", "parse_validate")),
                       ("autosave (durable)", ("store", "save_reflection")),
                       ("summary", ("summary", "summarize"))] + [
                          ("export " + ext, ("export", ext)) for ext in ["md", "html", "csv", "json", "pdf"]]:
        cells = []
        for n in ["31", "250", "1000"]:
            s = criterion(crit_dir, *path, n)
            cells.append(fmt_ms(s[0]) if s else "–")
        growth.append("| %s | %s |" % (name, " | ".join(cells)))
    for name, path in [("frame: progress", ("frame", "progress")),
                       ("frame: orphaned_answers", ("frame", "orphaned_answers"))]:
        cells = []
        for n in ["31", "250", "1000"]:
            s = criterion(crit_dir, *path, n)
            cells.append(fmt_ms(s[0]) if s else "–")
        growth.append("| %s | %s |" % (name, " | ".join(cells)))
    growth += ["", "| operation | 10 reflections | 200 | 2,000 |", "|---|---|---|---|"]
    for name, path in [("Store::list", ("store", "list")), ("Store::load (start-up)", ("store", "load")),
                       ("Store::load_reflection", ("store", "load_reflection")),
                       ("coach::aggregate (school-wide picture)", ("coach", "aggregate"))]:
        cells = []
        for n in ["10", "200", "2000"]:
            s = criterion(crit_dir, *path, n)
            cells.append(fmt_ms(s[0]) if s else "–")
        growth.append("| %s | %s |" % (name, " | ".join(cells)))

    text = (table + "\n" + info_table + "\nHow cost grows (criterion medians):\n\n" + "\n".join(growth) +
            "\n\nWindow runs: %s. Window figures: Xvfb 1280x800, Mesa llvmpipe (glow), release builds.\n" % counts)
    if failures:
        text += "\nMISSED: %s\n" % "; ".join(failures)
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "table.md"), "w") as f:
        f.write(text)
    print(text)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
