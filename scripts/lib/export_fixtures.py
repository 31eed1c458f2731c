"""Makes the HTML (or other) exports that the accessibility checks read, with
the real binary's command line, from fixtures: the readiness summary and the
school-wide picture, each on ordinary, hostile and very long content.

    python3 scripts/lib/export_fixtures.py BIN OUT_DIR [FORMAT]

Writes OUT_DIR/{summary,school}-{ordinary,hostile,long}.FORMAT (html by
default) and prints their paths, one a line.
"""

import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GUIDE = os.path.join(ROOT, "reflection_guides", "where-to-begin.json")
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "coach")

# What people paste: markup, quotes, scripts, formulas, right-to-left and
# combining text, emoji, CJK. Kept free of control characters and
# bidirectional overrides, which guides refuse (answers keep them, shown
# visibly).
HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> & \"quotes\" 'single' "
    "=HYPERLINK(\"http://evil\") </p></main><h1>fake heading</h1> "
    "שלום עולם مرحبا e\u0301\u0301 \U0001F9D1\u200D\U0001F3EB 学习 Ж"
)
HOSTILE_ANSWER = HOSTILE + " \u202eolleh\u202c \u0007bell \u200b\ufeff"
SENTENCE = (
    "Stations give me time with the students who need me, and the others learn "
    "to lean on each other. "
)
LONG = SENTENCE * 200


def guide_items(guide):
    questions, truths, practices = [], [], []
    for section in guide["sections"]:
        if section["kind"] == "questions":
            questions += [q["id"] for q in section["questions"]]
        elif section["kind"] == "statements":
            truths += [s["id"] for s in section["statements"]]
        elif section["kind"] == "checklist":
            practices += [p["id"] for c in section["components"] for p in c["practices"]]
    return questions, truths, practices


class Cli:
    def __init__(self, binary, data, guides=None):
        self.binary, self.data, self.guides = binary, data, guides

    def __call__(self, *args):
        cmd = [self.binary, *args, "--data-dir", self.data]
        if self.guides:
            cmd += ["--guides", self.guides]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"export_fixtures: {' '.join(cmd[:3])}... failed: {done.stderr.strip()}")
        return done.stdout.strip()


LEVELS = ["not-yet", "trying", "regular", "could-coach"]


def exported(guide, n, title, text, teacher):
    """A reflection as the app exports it for a coach (the format of
    tests/fixtures/coach/*.json): every question and two truths answered with
    `text`, every practice rated, one next step with a date."""
    questions, truths, practices = guide_items(guide)
    answers = {q: {"text": text, "level": "most-days"} for q in questions}
    for t in truths[:2]:
        answers[t] = {"affirmed": True, "note": text}
    for i, p in enumerate(practices):
        answers[p] = {"level": LEVELS[(i + n) % 4]}
    answers[practices[0]]["next_step"] = {"action": text[:300], "revisit_on": "2026-12-04"}
    answers[practices[1]]["note"] = text
    return {
        "format": 1,
        "kind": "pl-reflect-reflection",
        "exported": "2026-11-22T14:21:35Z",
        "guide": {"id": guide["id"], "version": guide["version"], "title": guide["title"]},
        "teacher": {"name": teacher},
        "reflection": {
            "format": 1,
            "id": f"r-fixture-{n}",
            "teacher_id": f"t-fixture-{n}",
            "guide_id": guide["id"],
            "guide_version": guide["version"],
            "title": title,
            "created": "2026-02-02T15:30:00Z",
            "updated": "2026-11-22T14:21:35Z",
            "answers": answers,
        },
    }


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False)
    return path


def main():
    binary, out = sys.argv[1], sys.argv[2]
    fmt = sys.argv[3] if len(sys.argv) > 3 else "html"
    os.makedirs(out, exist_ok=True)
    with open(GUIDE, encoding="utf-8") as f:
        base = json.load(f)
    made = []
    work = tempfile.mkdtemp(prefix="export-fixtures-")

    def summary(name, source):
        cli = Cli(binary, os.path.join(work, name))
        rid = cli("import", source)
        path = os.path.join(out, f"summary-{name}.{fmt}")
        cli("export", rid, "--format", fmt, "--out", path, "--include-private")
        made.append(path)

    # A reflection the app exported, as a coach receives it.
    summary("ordinary", os.path.join(FIXTURES, "ana-spring.json"))
    hostile = exported(base, 0, HOSTILE, HOSTILE_ANSWER, HOSTILE[:80])
    summary("hostile", write_json(os.path.join(work, "hostile.json"), hostile))
    long = exported(base, 0, ("A very long title that keeps going " * 5).strip(), LONG, "Ana López")
    summary("long", write_json(os.path.join(work, "long.json"), long))

    def picture(name, guide, teachers):
        guides = os.path.join(work, name + "-guides")
        os.makedirs(guides, exist_ok=True)
        write_json(os.path.join(guides, guide["id"] + ".json"), guide)
        files = [
            write_json(
                os.path.join(work, f"{name}-{i}.json"),
                exported(guide, i, f"Check-in {i + 1}", "Most days.", f"Teacher {i + 1}"),
            )
            for i in range(teachers)
        ]
        cli = Cli(binary, os.path.join(work, name + "-school"), guides)
        path = os.path.join(out, f"school-{name}.{fmt}")
        cli("aggregate", "--guide", guide["id"], "--min-group", "2", "--format", fmt, "--out", path, *files)
        made.append(path)

    ordinary = json.loads(json.dumps(base))
    ordinary["id"] = "school-ordinary"
    picture("ordinary", ordinary, 6)

    hostile = json.loads(json.dumps(base))
    hostile["id"] = "school-hostile"
    hostile["title"] = ("Guide " + HOSTILE)[:200]
    for section in hostile["sections"]:
        if section["kind"] == "checklist":
            for c in section["components"]:
                c["title"] = ("Part " + HOSTILE)[:200]
                for p in c["practices"]:
                    p["name"] = (p["name"] + " " + HOSTILE)[:200]
    picture("hostile", hostile, 6)

    # As long as a guide allows: every title and name at 200 characters, and
    # six times the practices.
    long = json.loads(json.dumps(base))
    long["id"] = "school-long"
    long["title"] = ("A guide with a very long title " * 10)[:200].strip()
    for section in long["sections"]:
        if section["kind"] == "checklist":
            for c in section["components"]:
                c["title"] = ((c["title"] + " ") * 20)[:200].strip()
                more = []
                for copy in range(6):
                    for p in c["practices"]:
                        q = dict(p)
                        q["id"] = f"{p['id']}-{copy}"
                        q["name"] = ((p["name"] + f" {copy} ") * 20)[:200].strip()
                        more.append(q)
                c["practices"] = more
    picture("long", long, 40)

    for path in made:
        print(path)


if __name__ == "__main__":
    main()
