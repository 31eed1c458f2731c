"""Journeys through the real PL Reflect window, as a person makes them.

Run by scripts/journeys inside a private D-Bus session with the AT-SPI bus
(the platform's accessibility interface, which screen readers use): each
control is found by its accessible name, clicked with the mouse through
xdotool, and typed into one key at a time at a human pace. After each step
the files in the data folder are checked, and a screenshot is saved.

Usage: journeys.py BIN WORK_DIR OUT_DIR FIXTURES_DIR
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

BIN, WORK, OUT, FIXTURES = (Path(p) for p in sys.argv[1:5])
HOME = WORK / "home"
DATA = WORK / "data"
EXPORTS = HOME / "Documents" / "PL Reflect exports"
KEY_DELAY_MS = 90  # a quick typist; a keyboard sends one key at a time

passed = 0
failed = 0
app = None  # the running process
step_no = 0


def log(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


class JourneyFailed(Exception):
    pass


def check(condition, what):
    if not condition:
        raise JourneyFailed(what)


def wait_until(test, what, timeout=10.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            value = test()
            if value:
                return value
        except (OSError, ValueError, KeyError, IndexError):
            pass
        time.sleep(0.2)
    raise JourneyFailed(f"timed out after {timeout:.0f}s waiting for {what}")


# --- the app ----------------------------------------------------------------

def start_app(*extra):
    global app
    env = dict(os.environ)
    env.update(
        HOME=str(HOME),
        XDG_CONFIG_HOME=str(WORK / "config"),
        XDG_DATA_HOME=str(WORK / "share"),
        XDG_STATE_HOME=str(WORK / "state"),
        XDG_CACHE_HOME=str(WORK / "cache"),
        LIBGL_ALWAYS_SOFTWARE="1",
        RUST_BACKTRACE="1",
    )
    log_file = open(OUT / "app.log", "a")
    app = subprocess.Popen(
        [str(BIN), "--data-dir", str(DATA), *extra],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log_file,
        stderr=log_file,
    )
    wait_until(lambda: find_app(), "the window on the accessibility bus", 30)
    # No window manager runs under Xvfb to give the new window the keyboard.
    wid = wait_until(lambda: window_id(), "the window", 10)
    subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=False, timeout=5)
    time.sleep(0.5)


def window_id():
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
        capture_output=True,
        text=True,
    ).stdout.split()
    return found[0] if found else None


def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        child = desktop.get_child_at_index(i)
        if child is not None and "reflect" in (child.get_name() or "").lower():
            try:
                if child.get_process_id() == app.pid:
                    return child
            except gi.repository.GLib.Error:
                continue
    return None


def nodes():
    """Every accessible node of the app's window, with its role and name."""
    root = find_app()
    found = []

    def walk(node):
        try:
            found.append(node)
            for i in range(node.get_child_count()):
                child = node.get_child_at_index(i)
                if child is not None:
                    walk(child)
        except gi.repository.GLib.Error:
            pass

    if root is not None:
        walk(root)
    return found


def name_of(node):
    try:
        return node.get_name() or ""
    except gi.repository.GLib.Error:
        return ""


def role_of(node):
    try:
        return node.get_role_name()
    except gi.repository.GLib.Error:
        return ""


def find(name, role=None, exact=True, timeout=10.0):
    def look():
        for node in nodes():
            text = name_of(node)
            if (text == name if exact else name in text) and (role is None or role_of(node) == role):
                return node
        return None

    return wait_until(look, f"{role or 'a control'} named {name!r}", timeout)


def shown(name, exact=False):
    return any((name_of(n) == name if exact else name in name_of(n)) for n in nodes())


def box(node):
    ext = node.get_extents(Atspi.CoordType.SCREEN)
    return ext.x, ext.y, ext.width, ext.height


def into_view(node):
    """Scrolls a control into the window first, as a person does: through the
    accessibility interface's own scroll request."""
    x, y, w, h = box(node)
    screen_w, screen_h = (int(v) for v in os.environ.get("JOURNEYS_SIZE", "1280x800").split("x"))
    if 0 <= y and y + h <= screen_h - 30 and 0 <= x and x + w <= screen_w:
        return
    try:
        node.scroll_to(Atspi.ScrollType.ANYWHERE)
    except gi.repository.GLib.Error:
        pass
    time.sleep(0.5)


def click(name, role=None, exact=True):
    node = find(name, role, exact)
    into_view(node)
    x, y, w, h = box(node)
    check(w > 0 and h > 0, f"{name!r} has no size on screen")
    subprocess.run(["xdotool", "mousemove", str(x + w // 2), str(y + h // 2), "click", "1"], check=True)
    time.sleep(0.4)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", str(KEY_DELAY_MS), text], check=True)
    time.sleep(0.2)


def key(*keys):
    subprocess.run(["xdotool", "key", "--delay", "120", *keys], check=True)
    time.sleep(0.4)


def shot(name):
    global step_no
    step_no += 1
    path = OUT / f"{step_no:02d}-{name}.png"
    subprocess.run(["/usr/bin/import", "-window", "root", f"png:{path}"], check=True)
    log(f"screenshot {path}")


def stop_app(kill=False):
    global app
    if app is None:
        return None
    if kill:
        app.send_signal(signal.SIGKILL)
    else:
        key("ctrl+q")
    try:
        code = app.wait(timeout=15)
    except subprocess.TimeoutExpired:
        app.kill()
        code = app.wait()
        raise JourneyFailed("the app did not quit within 15 s")
    finally:
        app = None
    return code


# --- the notebook on disk -----------------------------------------------------

def reflections():
    return [json.loads(p.read_text()) for p in sorted((DATA / "reflections").glob("*.json"))]


def sessions():
    return [json.loads(p.read_text()) for p in sorted((DATA / "sessions").glob("*.json"))]


def teachers():
    return json.loads((DATA / "teachers.json").read_text())["teachers"]


# --- the journeys -------------------------------------------------------------

def first_reflection():
    """First start, a big question typed, a practice rated, the summary, a PDF export."""
    start_app()
    shot("welcome")
    click("Your name (optional)", "entry")
    type_text("Ms. Rivera")
    key("Return")
    find("What I know to be true")
    wait_until(lambda: [t["name"] for t in teachers()] == ["Ms. Rivera"], "the teacher saved")
    shot("first-section")

    click("Section 2: Big questions", exact=False)
    question = find("whole day", "entry", exact=False)
    into_view(question)
    x, y, w, h = box(question)
    subprocess.run(["xdotool", "mousemove", str(x + 20), str(y + h // 2), "click", "1"], check=True)
    words = "On project days, yes: they choose and they talk."
    started = time.time()
    type_text(words)
    # Saved while typing went on: the whole answer is on disk within 2 s of the last key.
    wait_until(
        lambda: any(words in json.dumps(r) for r in reflections()),
        "the typed answer on disk",
        timeout=2.5,
    )
    log(f"typed {len(words)} keys in {time.time() - started:.1f}s; saved")
    shot("big-question-typed")

    # Ctrl+F, as a teacher finds a practice far down the list.
    key("ctrl+f")
    type_text("station rotation")
    key("Return")
    click("Station rotation: Trying it")
    wait_until(
        lambda: reflections()[0]["answers"]["station-rotation"]["level"] == "trying",
        "the level saved",
    )
    click("See my summary")
    find("You already use", exact=False)
    shot("summary")
    click("Export readiness summary…")
    shot("export-dialog")
    click("Save…")
    pdf = wait_until(lambda: list(EXPORTS.glob("*.pdf")), f"a PDF in {EXPORTS}", 20)[0]
    check(pdf.read_bytes().startswith(b"%PDF-"), f"{pdf} is a PDF")
    find("saved to", exact=False)
    shot("exported")
    # A second export of the same day never replaces the first.
    click("Export readiness summary…")
    click("Include my name (off: anonymous)")
    click("Save…")
    wait_until(lambda: len(list(EXPORTS.glob("*.pdf"))) == 2, "a second PDF beside the first", 20)
    code = stop_app()
    check(code == 0, f"Ctrl+Q exits with 0, not {code}")


def coach_import_session_and_due():
    """A coach adds a teacher, imports a shared file with no system file
    dialog, types a session date and a revisit date, and sees it in Due."""
    start_app()
    key("ctrl+k")
    type_text("add a teacher")
    key("Return")
    find("Teacher's name", "entry")
    type_text("Mr. Chen")
    key("Return")
    wait_until(lambda: len(teachers()) == 2, "the second teacher saved")
    shot("coach-home")

    key("ctrl+o")
    find("Choose a reflection to import")
    shot("own-file-chooser")
    click("File or folder", "entry")
    key("ctrl+a")
    type_text(str(FIXTURES))
    key("Return")
    click("Import ana-fall.json")
    wait_until(lambda: len(reflections()) == 2, "the imported reflection saved")
    find("Imported", exact=False)
    shot("imported")

    click("Show teacher Mr. Chen")
    click("New session with Mr. Chen")
    click("New agreed step", "entry")
    type_text("Visit a station rotation")
    key("Return")
    click("Revisit date for agreed step 1", "entry")
    type_text("2026-01-05")
    key("Tab")
    click("Session date", "entry")
    key("ctrl+a", "BackSpace")
    type_text("2025-12-15")
    key("Return")
    wait_until(
        lambda: sessions()[0]["next_steps"][0]["revisit_on"] == "2026-01-05"
        and sessions()[0]["date"] == "2025-12-15",
        "the typed dates saved",
    )
    shot("session-with-dates")
    click("Teachers")
    click("Due for a revisit")
    find("Visit a station rotation")
    shot("due")
    code = stop_app()
    check(code == 0, f"Ctrl+Q exits with 0, not {code}")


def crash_while_typing():
    """The window is killed while the teacher types; the next start says so
    and every word up to two seconds before the crash is there."""
    start_app()
    # The coach's home (two teachers by now): Ms. Rivera's reflection.
    click("Show teacher Ms. Rivera")
    click("Open Reflection of", exact=False)
    click("Section 2: Big questions", exact=False)
    question = find("own child", "entry", exact=False)
    into_view(question)
    x, y, w, h = box(question)
    subprocess.run(["xdotool", "mousemove", str(x + 20), str(y + h // 2), "click", "1"], check=True)
    words = "Yes, if the routines hold"
    type_text(words)
    time.sleep(2.0)
    stop_app(kill=True)
    check(any(words in json.dumps(r) for r in reflections()), "the words typed before the crash are on disk")
    start_app()
    find("did not close normally", exact=False)
    shot("after-crash")
    code = stop_app()
    check(code == 0, f"Ctrl+Q exits with 0, not {code}")


def closing_the_window():
    """The window manager's close and a destroyed window both end cleanly."""
    start_app()
    subprocess.run(["bash", "-c", f"source scripts/lib/headless.sh && send_wm_delete $(xdotool search --onlyvisible --pid {app.pid} | head -n 1)"], check=True)
    code = app.wait(timeout=15)
    check(code == 0, f"closing the window exits with 0, not {code}")
    globals()["app"] = None
    start_app()
    wid = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)], capture_output=True, text=True).stdout.split()[0]
    subprocess.run(["xdotool", "windowclose", wid], check=False)
    code = app.wait(timeout=15)
    globals()["app"] = None
    log_text = (OUT / "app.log").read_text()
    check("panicked" not in log_text, "no panic when the window is destroyed")
    check(subprocess.run([str(BIN), "--data-dir", str(DATA), "check"], capture_output=True).returncode == 0, "the notebook checks out")
    log(f"a destroyed window exits with {code}")


def full_disk_at_quit():
    """The disk fills up while the teacher types; Ctrl+Q keeps the window open
    and says why; once there is room again, Try again saves and quits."""
    global DATA
    mount = WORK / "small-disk"
    mount.mkdir(parents=True, exist_ok=True)
    # A small disk of its own needs root (CI) or sudo; without either, a
    # folder the teacher may not write to refuses the save the same way.
    as_root = [] if os.geteuid() == 0 else ["sudo", "-n"]
    mounted = subprocess.run(
        [*as_root, "mount", "-t", "tmpfs", "-o", f"size=512k,mode=0700,uid={os.getuid()}", "tmpfs", str(mount)],
        capture_output=True,
    ).returncode == 0
    if not mounted:
        log("no tmpfs could be mounted (not root, no sudo): the reflections folder is made read-only instead")
    usual, DATA = DATA, mount / "data"
    try:
        start_app()
        click("Your name (optional)", "entry")
        type_text("Ms. Okafor")
        key("Return")
        find("What I know to be true")
        click("Section 2: Big questions", exact=False)
        question = find("whole day", "entry", exact=False)
        x, y, w, h = box(question)
        subprocess.run(["xdotool", "mousemove", str(x + 20), str(y + h // 2), "click", "1"], check=True)
        type_text("Before the disk filled. ")
        wait_until(lambda: any("Before the disk" in json.dumps(r) for r in reflections()), "the first words saved")
        filler = mount / "filler"
        if mounted:
            subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=4k"], capture_output=True)
        else:
            (DATA / "reflections").chmod(0o500)
        words = "Words typed on a full disk."
        type_text(words)
        key("ctrl+q")
        find("Your latest words are not saved yet", timeout=10)
        check(app.poll() is None, "the window stays open while words are unsaved")
        check(not any(words in json.dumps(r) for r in reflections()), "the full disk really refused the words")
        shot("full-disk-at-quit")
        if mounted:
            filler.unlink()
        else:
            (DATA / "reflections").chmod(0o700)
        click("Try again")
        code = app.wait(timeout=15)
        globals()["app"] = None
        check(code == 0, f"after Try again PL Reflect quits with 0, not {code}")
        check(any(words in json.dumps(r) for r in reflections()), "the words are saved once there is room")
    finally:
        DATA = usual
        if app is not None:
            app.kill()
            app.wait()
            globals()["app"] = None
        if mounted:
            subprocess.run([*as_root, "umount", str(mount)], check=False)


JOURNEYS = [
    first_reflection,
    coach_import_session_and_due,
    crash_while_typing,
    closing_the_window,
    full_disk_at_quit,
]


def main():
    global passed, failed
    OUT.mkdir(parents=True, exist_ok=True)
    (HOME / "Documents").mkdir(parents=True, exist_ok=True)
    # A desktop's usual folders, as xdg-user-dirs writes them.
    (WORK / "config").mkdir(parents=True, exist_ok=True)
    (WORK / "config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/Documents"\n')
    (OUT / "app.log").write_text("")
    for journey in JOURNEYS:
        log(f"journey: {journey.__name__} — {journey.__doc__.splitlines()[0]}")
        try:
            journey()
            passed += 1
            log(f"ok: {journey.__name__}")
        except (JourneyFailed, subprocess.SubprocessError, OSError) as error:
            failed += 1
            log(f"FAILED: {journey.__name__}: {error}")
            try:
                shot(f"failed-{journey.__name__}")
            except (subprocess.SubprocessError, OSError):
                pass
            if app is not None:
                app.kill()
                app.wait()
                globals()["app"] = None
    print(f"journeys: {passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
