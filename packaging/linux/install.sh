#!/bin/sh
# Installs PL Reflect from this folder into ~/.local (or --prefix DIR), for the
# current user only; `install.sh --uninstall` (or PREFIX/lib/pl-reflect/
# uninstall.sh) removes exactly the files it installed. Neither ever touches
# the notebook in ~/.local/share/plreflect.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="$HOME/.local"
action=install
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --uninstall) action=uninstall; shift ;;
        -h | --help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
lib="$prefix/lib/pl-reflect"
manifest="$lib/installed-files"

refresh() {
    # The menu, the file types and the icon cache; each is optional.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
    fi
    if command -v update-mime-database >/dev/null 2>&1 && [ -d "$prefix/share/mime/packages" ]; then
        update-mime-database "$prefix/share/mime" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$prefix/share/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
    fi
    touch "$prefix/share/icons/hicolor" 2>/dev/null || true
}

uninstall() {
    if [ ! -f "$manifest" ]; then
        echo "install.sh: PL Reflect is not installed in $prefix (no $manifest)" >&2
        exit 1
    fi
    while IFS= read -r file; do
        case "$file" in
            "$prefix"/*) rm -f "$file" ;;
        esac
    done <"$manifest"
    rm -f "$manifest" "$lib/uninstall.sh"
    rmdir "$lib" 2>/dev/null || true
    refresh
    echo "PL Reflect is uninstalled from $prefix."
    echo "Your notebook is still in ${XDG_DATA_HOME:-$HOME/.local/share}/plreflect (delete it yourself if you no longer want it)."
}

install_all() {
    [ -x "$here/bin/pl-reflect" ] || { echo "install.sh: no bin/pl-reflect next to me" >&2; exit 1; }
    if [ -f "$manifest" ]; then
        # An older copy: its files go first (the notebook is not among them).
        "$0" --prefix "$prefix" --uninstall >/dev/null
    fi
    mkdir -p "$lib"
    : >"$manifest.new"
    (cd "$here" && find bin share -type f) | while IFS= read -r file; do
        mkdir -p "$(dirname "$prefix/$file")"
        case "$file" in
            share/applications/*.desktop)
                # The menu may not search ~/.local/bin: name the program by its path.
                sed -e "s|^Exec=pl-reflect |Exec=\"$prefix/bin/pl-reflect\" |" \
                    -e "s|^TryExec=pl-reflect$|TryExec=$prefix/bin/pl-reflect|" \
                    "$here/$file" >"$prefix/$file"
                chmod 0644 "$prefix/$file"
                ;;
            bin/*) cp "$here/$file" "$prefix/$file"; chmod 0755 "$prefix/$file" ;;
            *) cp "$here/$file" "$prefix/$file"; chmod 0644 "$prefix/$file" ;;
        esac
        echo "$prefix/$file" >>"$manifest.new"
    done
    sed -e "s|^prefix=\"\$HOME/.local\"$|prefix='$prefix'|" "$here/install.sh" >"$lib/uninstall.sh.new"
    # The uninstaller is this script, defaulting to --uninstall for this prefix.
    sed -i -e 's|^action=install$|action=uninstall|' "$lib/uninstall.sh.new"
    chmod 0755 "$lib/uninstall.sh.new"
    mv "$lib/uninstall.sh.new" "$lib/uninstall.sh"
    mv "$manifest.new" "$manifest"
    refresh
    echo "PL Reflect $("$prefix/bin/pl-reflect" --version | cut -d' ' -f2-) is installed in $prefix."
    echo "Open it from the applications menu, or run $prefix/bin/pl-reflect."
    case ":$PATH:" in
        *":$prefix/bin:"*) ;;
        *) echo "($prefix/bin is not on your PATH; the menu entry works regardless.)" ;;
    esac
    echo "To uninstall: $lib/uninstall.sh"
    echo "Your notebook lives in ${XDG_DATA_HOME:-$HOME/.local/share}/plreflect; installing and uninstalling never touch it."
}

case "$action" in
    install) install_all ;;
    uninstall) uninstall ;;
esac
