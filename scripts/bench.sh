#!/usr/bin/env bash
# Reproducible performance figures on a generated library.
#
#   scripts/bench.sh [ARTICLES] [SIZE] [DIR]
#
# Builds the release binary and examples, writes a deterministic library of
# ARTICLES generated articles (default 100000, up to 1000000 and more) of
# about SIZE bytes of text each (default 3200, the length of real news)
# into DIR (default: a fresh temporary directory, removed afterwards; a DIR
# that already holds files is used as it is), then reports, with a warm
# page cache:
#   - the library's size; `check` and `export` wall time and peak memory;
#   - building the index (`broadsheet index`): time, articles per second,
#     peak memory, its size against the text's; refreshing it unchanged;
#   - through a pseudo-terminal at 200x50 with no index yet: the first
#     frame, the first frame with articles listed, the index complete;
#   - again with the index present: the same start-up figures, keypress-to-
#     frame latencies (j/k, G/g, open/back, A/back, search keystrokes) and
#     the TUI's peak memory after all of them;
#   - saved web pages (1,000 generated, of about 150 and 300 KB): how many
#     `check` reads a second.
# Needs only the Rust toolchain and GNU time (/usr/bin/time). The caches
# (indexes) and state go to a temporary directory, never the user's.
set -euo pipefail

articles="${1:-100000}"
size="${2:-3200}"
dir="${3:-}"
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/time ]]; then
    echo "bench.sh: needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2
    exit 1
fi

cargo build --release --quiet --bin broadsheet --example gen-library --example key-latency

work="$(mktemp -d)"
made_dir=""
if [[ -z "$dir" ]]; then
    dir="$(mktemp -d)"
    made_dir="$dir"
fi
cleanup() {
    rm -rf "$work"
    if [[ -n "$made_dir" ]]; then rm -rf "$made_dir"; fi
}
trap cleanup EXIT
if [[ -z "$(ls -A "$dir" 2>/dev/null)" ]]; then
    echo "== generating $articles articles of about $size bytes"
    target/release/examples/gen-library --articles "$articles" --size "$size" "$dir" >/dev/null
fi
export XDG_STATE_HOME="$work/state"

bin=target/release/broadsheet
echo "== library: $(find "$dir" -type f | wc -l) files, $(du -sh "$dir" | cut -f1) on disk"
echo "   cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# One pass over every file, so each figure below has a warm page cache.
find "$dir" -type f -print0 | xargs -0 cat >/dev/null

measure() {
    local label="$1"
    shift
    # check exits 1 when a file fails to load; that is a figure, not an error.
    { /usr/bin/time -f "$label: %e s wall, %M KB peak RSS" "$@" 2>&1 >/dev/null || true; } | tail -n 1
}
measure "check " "$bin" check "$dir"
measure "export" "$bin" export "$dir"

text_bytes=$(du -sb "$dir" | cut -f1)

echo "== the index (broadsheet index)"
XDG_CACHE_HOME="$work/cli" /usr/bin/time -f "build: %e s wall, %M KB peak RSS" "$bin" index "$dir" 2>&1 |
    sed 's/^/   /' | tee "$work/build.txt"
awk '/articles in/ { for (i = 1; i <= NF; i++) if ($i == "articles") n = $(i - 1); }
     /^   build:/ { s = $2 } END { if (s > 0) printf "   %.0f articles a second\n", n / s }' "$work/build.txt"
index_bytes=$(du -cb "$work/cli/broadsheet/" | tail -n 1 | cut -f1)
awk -v i="$index_bytes" -v t="$text_bytes" 'BEGIN { printf "   index size: %.0f MB for %.0f MB of text (%.2fx)\n", i / 1e6, t / 1e6, i / t }'
XDG_CACHE_HOME="$work/cli" /usr/bin/time -f "refresh, nothing changed: %e s wall" "$bin" index "$dir" 2>&1 | sed 's/^/   /'

echo "== the TUI in a 200x50 pseudo-terminal, no index yet"
target/release/examples/key-latency --keys 0 --cols 200 --rows 50 --cache "$work/tui" "$dir"
echo "== the TUI in a 200x50 pseudo-terminal, index present"
target/release/examples/key-latency --keys 100 --cols 200 --rows 50 --cache "$work/tui" "$dir"

# Saved web pages: reader-mode extraction on every core, at two weights.
for kb in 150 300; do
    pages="$work/pages-$kb"
    target/release/examples/gen-library --articles 1000 --pages --page-kb "$kb" "$pages" 2>/dev/null
    find "$pages" -type f -print0 | xargs -0 cat >/dev/null
    echo "== 1000 saved pages of about $kb KB ($(du -sh "$pages" | cut -f1)): broadsheet check"
    start=$(date +%s.%N)
    "$bin" check "$pages" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "   %.2f s wall, %.0f pages a second\n", e - s, 1000 / (e - s) }'
    rm -rf "$pages"
done
