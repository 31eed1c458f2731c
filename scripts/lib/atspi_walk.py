"""The real PL Reflect window walked through AT-SPI, as a screen reader meets it.

Run by scripts/atspi-walk inside a private D-Bus session with the AT-SPI bus on
and screen-reader support switched on. Reuses the helpers of journeys.py
(starting the app, finding nodes, clicking by accessible name, keys).

On the welcome, reflecting, summary and home screens it checks:
- every interactive element (focusable, or of an interactive role) has a
  meaningful role and a name;
- each level choice of a practice is a radio button whose name or description
  holds the practice's name, one for every level of every practice;
- every question's text field is named by its question;
- Tab moves focus in reading order: region by region (menu bar, side panel,
  main area), top to bottom and left to right within a region, compared with
  where each element is laid out on screen.
Prints the tree of the reflecting screen and writes every screen's tree to
OUT_DIR/<screen>.txt.

Usage: atspi_walk.py BIN WORK_DIR OUT_DIR FIXTURES_DIR
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import journeys as j  # noqa: E402
from journeys import Atspi, JourneyFailed, check, find, click, key, type_text, log  # noqa: E402

GUIDE = Path(__file__).resolve().parents[2] / "reflection_guides" / "where-to-begin.json"
INTERACTIVE_ROLES = {
    "push button", "toggle button", "check box", "radio button", "entry", "text",
    "password text", "combo box", "link", "menu item", "check menu item",
    "radio menu item", "slider", "spin button", "page tab", "list item", "tree item",
}
MEANINGLESS_ROLES = {"", "unknown", "invalid", "filler", "redundant object"}
MAX_TAB_STOPS = int(os.environ.get("ATSPI_TAB_STOPS", "80"))

passed = 0
failed = 0
problems = []


def guide():
    return json.loads(GUIDE.read_text(encoding="utf-8"))


def safe(call, default):
    try:
        return call()
    except Exception:  # noqa: BLE001 - a node may go away while it is read
        return default


def describe(node):
    """Role, name, description, position and states of one node."""
    role = safe(node.get_role_name, "")
    name = safe(node.get_name, "") or ""
    desc = safe(node.get_description, "") or ""
    ext = safe(lambda: j.box(node), None)
    states = safe(node.get_state_set, None)
    flags = []
    if states is not None:
        for flag in ("focusable", "focused", "checked", "editable"):
            if states.contains(getattr(Atspi.StateType, flag.upper())):
                flags.append(flag)
    labelled = []
    for relation in safe(node.get_relation_set, []) or []:
        if relation.get_relation_type() == Atspi.RelationType.LABELLED_BY:
            for i in range(relation.get_n_targets()):
                labelled.append(safe(relation.get_target(i).get_name, "") or "")
    return {
        "role": role, "name": name, "desc": desc, "box": ext, "flags": flags,
        "labelled_by": labelled, "node": node,
    }


def tree(root=None):
    """The app's tree as (depth, description) in document order."""
    root = root or j.find_app()
    out = []

    def walk(node, depth):
        out.append((depth, describe(node)))
        for i in range(safe(node.get_child_count, 0)):
            child = safe(lambda: node.get_child_at_index(i), None)
            if child is not None:
                walk(child, depth + 1)

    if root is not None:
        walk(root, 0)
    return out


def render(walked):
    lines = []
    for depth, d in walked:
        text = f"{'  ' * depth}{d['role']}"
        if d["name"]:
            text += f" {d['name']!r}"
        if d["desc"]:
            text += f" (description: {d['desc']!r})"
        if d["labelled_by"]:
            text += f" (labelled by: {d['labelled_by']!r})"
        if d["flags"]:
            text += f" [{', '.join(d['flags'])}]"
        if d["box"] and d["box"][2] > 0:
            x, y, w, h = d["box"]
            text += f" @{x},{y} {w}x{h}"
        lines.append(text)
    return "\n".join(lines) + "\n"


def interactive(d):
    # The window itself takes focus when nothing inside has it; it is not a control.
    if d["role"] == "frame":
        return False
    return "focusable" in d["flags"] or d["role"] in INTERACTIVE_ROLES


def save(screen, walked):
    path = j.OUT / f"{screen}.txt"
    path.write_text(render(walked), encoding="utf-8")
    log(f"tree of the {screen} screen: {path}")
    return path


def result(what, errors):
    global passed, failed
    if errors:
        failed += 1
        log(f"FAILED: {what}")
        for error in errors[:20]:
            log(f"    {error}")
        if len(errors) > 20:
            log(f"    ... and {len(errors) - 20} more")
        problems.append(what)
    else:
        passed += 1
        log(f"ok: {what}")


def check_roles_and_names(screen, walked):
    errors = []
    count = 0
    for _, d in walked:
        if not interactive(d):
            continue
        count += 1
        if d["role"] in MEANINGLESS_ROLES:
            errors.append(f"{d['name']!r} has no meaningful role ({d['role']!r})")
        if not d["name"].strip() and not d["labelled_by"]:
            errors.append(f"a {d['role']} at {d['box']} has no name")
    check(count > 0, f"no interactive element on the {screen} screen")
    result(f"{screen}: all {count} interactive elements have a role and a name", errors)


def region_rank(walked, d):
    """The reading-order rank of the region (top-level panel) holding `d`:
    the menu bar first, then panels left to right, the status bar last."""
    regions = regions_of(walked)
    for rank, (_, members) in enumerate(regions):
        if any(m is d for m in members):
            return rank
    return None


def regions_of(walked):
    """Regions of the window: (top left, members), in reading order. A region
    is a top-level panel of the window; one made only of panels side by side
    (a side panel beside the main area) counts as those panels."""
    frame_depth = next((depth for depth, d in walked if d["role"] == "frame"), 1)

    def children(index):
        depth = walked[index][0]
        out = []
        for i in range(index + 1, len(walked)):
            if walked[i][0] <= depth:
                break
            if walked[i][0] == depth + 1:
                out.append(i)
        return out

    def members(index):
        depth = walked[index][0]
        out = []
        for i in range(index + 1, len(walked)):
            if walked[i][0] <= depth:
                break
            out.append(walked[i][1])
        return out

    def split(index):
        kids = children(index)
        if len(kids) > 1 and all(walked[k][1]["role"] == "panel" for k in kids):
            return [r for k in kids for r in split(k)]
        return [members(index)]

    frame = next((i for i, (depth, _) in enumerate(walked) if depth == frame_depth), 0)
    regions = [r for k in children(frame) for r in split(k)]
    bounded = []
    for members in regions:
        boxes = [m["box"] for m in members if m["box"] and m["box"][2] > 0]
        if not boxes:
            continue
        x = min(b[0] for b in boxes)
        y = min(b[1] for b in boxes)
        bounded.append(((x, y), members))

    def rank(item):
        (x, y), _ = item
        if y < 40:
            return (0, x)  # the menu bar
        if y > 740:
            return (3, x)  # the status bar
        return (1, x)

    return sorted(bounded, key=rank)


def focused():
    for _, d in tree():
        if "focused" in d["flags"] and interactive(d):
            return d
    return None


def check_focus_order(screen, walked):
    """Tabs from the first element and compares the order focus takes with
    the order the elements are laid out in (`walked`, before any scrolling)."""
    laid_out = {}
    for _, d in walked:
        if interactive(d) and d["box"]:
            laid_out.setdefault((d["role"], d["name"]), d)
    stops = []
    seen = set()
    for _ in range(MAX_TAB_STOPS):
        subprocess.run(["xdotool", "key", "Tab"], check=True)
        time.sleep(0.15)
        now = focused()
        if now is None:
            continue
        ident = (now["role"], now["name"])
        if ident in seen:
            break  # round to the start again
        seen.add(ident)
        stops.append(ident)
    errors = []
    check(len(stops) >= 2, f"Tab moves focus on the {screen} screen (got {stops})")
    previous = None
    wrapped = False
    for ident in stops:
        d = laid_out.get(ident)
        if d is None:
            continue  # appeared after the first look (a pop-up); not comparable
        rank = region_rank(walked, d)
        if previous is not None:
            p, p_rank = previous
            px, py, pw, ph = p["box"]
            x, y, w, h = d["box"]
            if rank is not None and p_rank is not None and rank < p_rank:
                if wrapped:
                    errors.append(f"focus went back from {p['name']!r} to the earlier region of {d['name']!r}")
                wrapped = True
            elif rank == p_rank:
                same_line = abs(y - py) < max(min(h, ph) / 2, 4)
                below = y >= py + min(h, ph) / 2
                if not (below or (same_line and x > px)):
                    errors.append(
                        f"{d['role']} {d['name']!r} at {x},{y} comes after "
                        f"{p['role']} {p['name']!r} at {px},{py}, above or left of it"
                    )
        previous = (d, rank)
    names = ", ".join(repr(name) for _, name in stops[:12])
    log(f"{screen}: Tab order ({len(stops)} stops): {names}{' ...' if len(stops) > 12 else ''}")
    result(f"{screen}: focus follows reading order over {len(stops)} Tab stops", errors)


def level_choices(walked, scale, item_name):
    """For each level of `scale`: the controls offering it for `item_name`."""
    return {
        level["label"]: [
            d for d in walked
            if interactive(d)
            and (d["name"].endswith(": " + level["label"]) or d["name"] == level["label"])
            and (item_name in d["name"] or item_name in d["desc"])
        ]
        for level in scale["levels"]
    }


def check_level_choices(what, walked, items):
    """`items`: (item name, scale) of every item whose levels must be offered."""
    errors = []
    expected = 0
    radios = 0
    for item_name, scale in items:
        for label, controls in level_choices(walked, scale, item_name).items():
            expected += 1
            if not controls:
                errors.append(f"no control for {item_name!r}: {label!r}")
            for d in controls:
                if d["role"] == "radio button":
                    radios += 1
                else:
                    errors.append(f"{d['name']!r} is a {d['role']}, not a radio button")
    result(f"{what}: {radios} of {expected} level choices are radio buttons naming their item", errors)


def practices_and_scales():
    g = guide()
    scales = {s["id"]: s for s in g["scales"]}
    items = []
    for section in g["sections"]:
        if section["kind"] == "checklist":
            for component in section["components"]:
                items += [(p["name"], scales[section["scale"]]) for p in component["practices"]]
    return items


def questions_and_scales():
    g = guide()
    scales = {s["id"]: s for s in g["scales"]}
    return [
        (q["prompt"], scales[q["scale"]])
        for section in g["sections"] if section["kind"] == "questions"
        for q in section["questions"] if q.get("scale")
    ]


def scrolled_through(last_name, steps=60):
    """Every node the main area shows while it is scrolled from top to bottom
    with the mouse wheel (the area lays out only what is on screen), until a
    node named `last_name` has been seen and the view stops moving."""
    seen = {}
    x, y = 700, 450
    subprocess.run(["xdotool", "mousemove", str(x), str(y)], check=True)
    for _ in range(steps):
        walked = tree()
        for _, d in walked:
            seen.setdefault((d["role"], d["name"]), d)
        if any(d["name"] == last_name for _, d in walked):
            break
        subprocess.run(["xdotool", "click", "--repeat", "10", "--delay", "20", "5"], check=True)
        time.sleep(0.3)
    return list(seen.values())


def check_question_fields(walked):
    g = guide()
    errors = []
    entries = [d for _, d in walked if d["role"] in ("entry", "text")]
    count = 0
    for section in g["sections"]:
        if section["kind"] != "questions":
            continue
        for question in section["questions"]:
            count += 1
            prompt = question["prompt"]
            named = [d for d in entries if prompt in d["name"] or any(prompt in lb for lb in d["labelled_by"])]
            if not named:
                errors.append(f"no text field named by the question {prompt!r}")
    result(f"reflecting: the {count} questions' text fields are labelled by their question", errors)


def screen(name, walked, tab=True):
    save(name, walked)
    frame = next((d for _, d in walked if d["role"] == "frame"), None)
    if frame is not None and not frame["name"]:
        # Known gap, not a failure: the window's title is on the X window
        # (which Orca also reads), not on the accessible frame.
        log(f"note: {name}: the window's frame has no accessible name")
    check_roles_and_names(name, walked)
    if tab:
        check_focus_order(name, walked)


def settle():
    time.sleep(1.0)


def main():
    j.OUT.mkdir(parents=True, exist_ok=True)
    (j.HOME / "Documents").mkdir(parents=True, exist_ok=True)
    (j.WORK / "config").mkdir(parents=True, exist_ok=True)
    (j.WORK / "config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/Documents"\n')
    (j.OUT / "app.log").write_text("")
    try:
        j.start_app()
        settle()
        screen("welcome", tree())
        click("Your name (optional)", "entry")
        type_text("Ms. Rivera")
        key("Return")
        find("What I know to be true")
        settle()
        screen("reflecting-truths", tree())

        click("Section 2: Big questions", exact=False)
        find("Big questions")
        settle()
        questions = tree()
        screen("reflecting-questions", questions)
        check_question_fields(questions)
        check_level_choices("reflecting (questions)", [d for _, d in questions], questions_and_scales())
        print("--- the reflecting screen (Big questions) as AT-SPI shows it ---")
        print(render(questions), end="")
        print("--- end of tree ---")

        click("Section 3: Practices I already use", exact=False)
        settle()
        practices = tree()
        find("Station rotation", exact=False)
        # Tabbing through 31 practices of 4 levels each takes long; the order is
        # checked on the shorter screens, the roles and names here.
        screen("reflecting-practices", practices, tab=False)
        # Scrolled until the last practice's last level is seen: the buttons
        # under the list are laid out (and so exposed) from the start.
        last_practice, last_scale = practices_and_scales()[-1]
        every = scrolled_through(f"{last_practice}: {last_scale['levels'][-1]['label']}")
        check_roles_and_names("reflecting-practices (scrolled through)", [(0, d) for d in every])
        check_level_choices("reflecting (practices)", every, practices_and_scales())

        click("See my summary")
        find("You already use", exact=False)
        settle()
        screen("summary", tree())

        click("My reflections")
        settle()
        screen("home", tree())
        j.stop_app()
    except (JourneyFailed, OSError) as error:
        global failed
        failed += 1
        log(f"FAILED: {error}")
        if j.app is not None:
            j.app.kill()
            j.app.wait()
    print(f"atspi-walk: {passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
