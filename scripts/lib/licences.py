#!/usr/bin/env python3
"""Writes the licence texts of everything built into the pl-reflect binary.

    licences.py [--debian] METADATA.json OUT
    licences.py [--debian] --target TARGET OUT

METADATA.json is `cargo metadata --format-version 1 --locked
--filter-platform TARGET`; with --target the script runs that itself (for
the Windows and macOS installers, which are made without a shell script;
TARGET "host" is the machine's own). OUT gets PL Reflect's own licence, the embedded
fonts' licences and, for every Rust crate the binary is built from (normal
dependencies of pl-reflect, followed transitively; no dev- or build-only
dependencies), its name, version, declared licence and the licence files
found in its source folder. Identical texts are written once.

With --debian, the texts of the Apache License 2.0 and the GNU GPL and LGPL
are named by their place in /usr/share/common-licenses, as Debian policy
wants of a package's copyright file, instead of being repeated.

Fails (exit 1, naming the crates) when a crate has no licence file, unless its
text is kept in packaging/licences/texts/<crate>.txt (copied from its source
repository), or it is listed in packaging/licences/crates-without-licence-file.txt
and offers Apache-2.0, whose standard text then applies; or when an embedded
font's licence file is missing.
"""

import hashlib
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXCEPTIONS = os.path.join(ROOT, "packaging", "licences", "crates-without-licence-file.txt")
# Licence texts of MIT-only crates whose published package has none, copied
# from their source repository: packaging/licences/texts/<crate>.txt.
TEXTS = os.path.join(ROOT, "packaging", "licences", "texts")
LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|unlicense|copyright|notice)", re.IGNORECASE)

# Fonts built into the binary through eframe's default_fonts (the window) and
# the PDF export (Ubuntu Light): their licence files in that crate.
FONT_CRATE = "epaint_default_fonts"
FONT_LICENCES = [
    ("Ubuntu Light (Ubuntu Font Licence 1.0)", "fonts/UFL.txt"),
    ("Noto Emoji (SIL Open Font License 1.1)", "fonts/OFL.txt"),
    ("Hack (MIT, with Bitstream Vera and DejaVu parts)", "fonts/Hack-Regular.txt"),
    ("emoji-icon-font (MIT)", "fonts/emoji-icon-font-mit-license.txt"),
    ("egui icons", "fonts/egui-icons.txt"),
]


def debian_reference(text):
    """For --debian: a text that Debian keeps in /usr/share/common-licenses
    becomes a reference to it (with any copyright lines above the licence
    kept); any other text stays as it is."""
    head = text[: text.find("TERMS AND CONDITIONS")] if "TERMS AND CONDITIONS" in text else text[:2000]
    if "Apache License" in head and "Version 2.0, January 2004" in head:
        name, path, title = "the Apache License 2.0", "Apache-2.0", "Apache License"
    elif re.search(r"GNU (LESSER|LIBRARY) GENERAL PUBLIC LICENSE", head):
        version = "3" if "Version 3" in head else "2.1" if "Version 2.1" in head else "2"
        name, path, title = f"the GNU LGPL {version}", f"LGPL-{version}", "GNU"
    elif "GNU GENERAL PUBLIC LICENSE" in head:
        version = "3" if "Version 3" in head else "2"
        name, path, title = f"the GNU GPL {version}", f"GPL-{version}", "GNU"
    else:
        return text
    preface = text[: text.find(title)].strip()
    reference = f"{name[0].upper()}{name[1:]}: on Debian systems its full text is in /usr/share/common-licenses/{path}."
    return f"{preface}\n\n{reference}" if preface else reference


def fail(message):
    print(f"licences: {message}", file=sys.stderr)
    sys.exit(1)


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def exceptions():
    names = set()
    for line in read(EXCEPTIONS).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line.split()[0])
    return names


def shipped_crates(metadata):
    """The root package and its crates reachable through normal dependencies."""
    packages = {p["id"]: p for p in metadata["packages"]}
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
    root = metadata["resolve"]["root"]
    if root is None:
        fail("cargo metadata names no root package")
    seen, stack = set(), [root]
    while stack:
        node_id = stack.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        for dep in nodes[node_id]["deps"]:
            if any(kind["kind"] is None for kind in dep["dep_kinds"]):
                stack.append(dep["pkg"])
    crates = [packages[i] for i in seen if i != root]
    crates.sort(key=lambda p: (p["name"], p["version"]))
    return packages[root], crates


def licence_files(package):
    folder = os.path.dirname(package["manifest_path"])
    names = sorted(n for n in os.listdir(folder) if LICENCE_FILE.match(n))
    paths = [os.path.join(folder, n) for n in names if os.path.isfile(os.path.join(folder, n))]
    declared = package.get("license_file")
    if declared:
        path = os.path.normpath(os.path.join(folder, declared))
        if not os.path.isfile(path):
            fail(f"{package['name']} {package['version']} names {declared}, which is missing")
        if path not in paths:
            paths.append(path)
    return paths


def main():
    debian = "--debian" in sys.argv
    if debian:
        sys.argv.remove("--debian")
    if sys.argv[1] == "--target" and len(sys.argv) == 4:
        target = sys.argv[2]
        if target == "host":
            rustc = subprocess.run(["rustc", "-vV"], check=True, stdout=subprocess.PIPE, text=True)
            target = next(line.split(":", 1)[1].strip() for line in rustc.stdout.splitlines()
                          if line.startswith("host:"))
        metadata = json.loads(subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked",
             "--filter-platform", target],
            cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout)
        out_path = sys.argv[3]
    elif len(sys.argv) != 3:
        fail("usage: licences.py METADATA.json OUT, or licences.py --target TARGET OUT")
    else:
        metadata = json.loads(read(sys.argv[1]))
        out_path = sys.argv[2]
    root, crates = shipped_crates(metadata)
    apache_path = os.path.join(ROOT, "LICENSE-APACHE")
    mit_path = os.path.join(ROOT, "LICENSE-MIT")
    for path in (apache_path, mit_path):
        if not os.path.isfile(path):
            fail(f"{path} is missing")
    apache = read(apache_path)
    allowed = exceptions()

    texts = {}  # digest -> [text, [(crate label, file name)]]
    missing, stale = [], []

    def add(text, who, name):
        if debian:
            text = debian_reference(text)
        digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
        texts.setdefault(digest, [text, []])[1].append((who, name))

    fonts_crate = None
    for crate in crates:
        label = f"{crate['name']} {crate['version']}"
        files = licence_files(crate)
        for path in files:
            add(read(path), label, os.path.basename(path))
        kept = os.path.join(TEXTS, f"{crate['name']}.txt")
        if not files and os.path.isfile(kept):
            add(read(kept), label, f"LICENSE (from its source repository, {os.path.relpath(kept, ROOT)})")
        elif not files:
            if crate["name"] not in allowed:
                missing.append(f"{label} ({crate.get('license')})")
            elif "Apache-2.0" not in (crate.get("license") or ""):
                stale.append(f"{label} ({crate.get('license')})")
            else:
                add(apache, label, "Apache-2.0, standard text (no licence file in the crate)")
        if crate["name"] == FONT_CRATE:
            fonts_crate = crate
    if missing:
        fail("no licence file in these crates (add their text, or list them in "
             f"{os.path.relpath(EXCEPTIONS, ROOT)} if they offer Apache-2.0): "
             + ", ".join(missing))
    if stale:
        fail(f"listed in {os.path.relpath(EXCEPTIONS, ROOT)} but no longer offering "
             "Apache-2.0: " + ", ".join(stale))
    if fonts_crate is None:
        fail(f"{FONT_CRATE} is not among the dependencies: which fonts are embedded now?")
    font_folder = os.path.dirname(fonts_crate["manifest_path"])
    fonts = []
    for title, relative in FONT_LICENCES:
        path = os.path.join(font_folder, relative)
        if not os.path.isfile(path):
            fail(f"the licence of the embedded font {title} is missing: {path}")
        fonts.append((title, read(path)))

    rule = "=" * 78
    out = []
    out.append(f"PL Reflect {root['version']}: licences of the program and of everything built into it")
    out.append(rule)
    out.append("")
    out.append(f"PL Reflect is licensed under {root['license']}, at your option.")
    out.append("")
    out.append("---- LICENSE-MIT ----")
    out.append(read(mit_path).rstrip())
    out.append("")
    out.append("---- LICENSE-APACHE ----")
    out.append((debian_reference(apache) if debian else apache).rstrip())
    out.append("")
    out.append(rule)
    out.append("Fonts built into the program")
    out.append(rule)
    for title, text in fonts:
        out.append("")
        out.append(f"---- {title} ----")
        out.append(text.rstrip())
    out.append("")
    out.append(rule)
    out.append(f"Rust crates built into the program ({len(crates)}), from Cargo.lock")
    out.append(rule)
    out.append("")
    for crate in crates:
        out.append(f"{crate['name']} {crate['version']}: {crate.get('license') or 'see its licence file'}")
    out.append("")
    out.append(rule)
    out.append(f"The crates' licence texts ({len(texts)} different texts)")
    out.append(rule)
    for text, users in texts.values():
        out.append("")
        out.append("---- " + "; ".join(f"{who} ({name})" for who, name in users) + " ----")
        out.append(text.rstrip())
    out.append("")
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(f"licences: {len(crates)} crates, {len(texts)} different texts, {len(fonts)} font licences")


if __name__ == "__main__":
    main()
