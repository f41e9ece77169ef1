#!/usr/bin/env bash
# Reproducible performance figures on a generated library.
#
#   scripts/bench.sh [ARTICLES] [DIR]
#
# Builds the release binary and examples, writes a deterministic library of
# ARTICLES generated articles (default 100000) into DIR (default: a fresh
# temporary directory, removed afterwards), then reports: the library's size,
# `check` and `export` wall time and peak memory (warm page cache: each is
# run once first to warm it), and, through a pseudo-terminal at 200x50, the
# time from process start to a populated list, keypress-to-frame latencies
# (j/k, G/g, open/back, A/back, search keystrokes) and the TUI's peak RSS.
# Needs only the Rust toolchain and GNU time (/usr/bin/time).
set -euo pipefail

articles="${1:-100000}"
dir="${2:-}"
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/time ]]; then
    echo "bench.sh: needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2
    exit 1
fi

cargo build --release --quiet --bin broadsheet --example gen-library --example key-latency

if [[ -z "$dir" ]]; then
    dir="$(mktemp -d)"
    trap 'rm -rf "$dir"' EXIT
fi
if [[ -z "$(ls -A "$dir" 2>/dev/null)" ]]; then
    echo "== generating $articles articles"
    target/release/examples/gen-library --articles "$articles" "$dir" >/dev/null
fi

bin=target/release/broadsheet
echo "== library: $(find "$dir" -type f | wc -l) files, $(du -sh "$dir" | cut -f1) on disk"
echo "   cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"

measure() {
    local label="$1"
    shift
    "$@" >/dev/null 2>&1 || true # warm the page cache
    # check exits 1 when a file fails to load; that is a figure, not an error.
    { /usr/bin/time -f "$label: %e s wall, %M KB peak RSS" "$@" 2>&1 >/dev/null || true; } | tail -n 1
}
measure "check " "$bin" check "$dir"
measure "export" "$bin" export "$dir"

echo "== the TUI in a 200x50 pseudo-terminal"
target/release/examples/key-latency --keys 100 --cols 200 --rows 50 "$dir"
