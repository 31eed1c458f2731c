# The npm packages scripts/axe-check needs (axe-core, puppeteer-core), from
# the npm registry at the versions locked in scripts/lib/axe/package-lock.json,
# into target/axe-tools. Sourced by scripts/setup-deps and scripts/axe-check.
# No browser is downloaded: puppeteer-core drives Debian's chromium.

AXE_TOOLS_DIR=${AXE_TOOLS_DIR:-$PWD/target/axe-tools}

# Installs unless the same locked versions are already there; prints what it did.
axe_tools_install() {
    local lock=scripts/lib/axe/package-lock.json
    if [ -f "$AXE_TOOLS_DIR/package-lock.json" ] &&
        cmp -s "$lock" "$AXE_TOOLS_DIR/package-lock.json" &&
        [ -f "$AXE_TOOLS_DIR/node_modules/axe-core/axe.min.js" ] &&
        [ -d "$AXE_TOOLS_DIR/node_modules/puppeteer-core" ]; then
        echo "axe-core and puppeteer-core present"
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        echo "axe-tools: npm is missing (scripts/setup-deps --test installs it)" >&2
        return 1
    fi
    mkdir -p "$AXE_TOOLS_DIR"
    cp scripts/lib/axe/package.json "$lock" "$AXE_TOOLS_DIR/"
    local log
    log=$(mktemp)
    if ! (cd "$AXE_TOOLS_DIR" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund \
        --ignore-scripts --loglevel=error) >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "axe-tools: npm ci failed" >&2
        return 1
    fi
    rm -f "$log"
    echo "installed axe-core and puppeteer-core (npm)"
}
