#!/usr/bin/env bash
# The fetch figures of the README: FEEDS feeds on HOSTS loopback servers,
# each answer delayed DELAY ms, fetched twice (the second time nothing is
# new), with the fetch's peak memory from GNU time.
#
#   scripts/fetch-bench.sh [FEEDS] [HOSTS] [DELAY_MS]
set -euo pipefail
feeds="${1:-500}"
hosts="${2:-50}"
delay="${3:-100}"
cd "$(dirname "$0")/.."
if [[ ! -x /usr/bin/time ]]; then
    echo "fetch-bench.sh: needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2
    exit 1
fi
cargo build --release --quiet --bin broadsheet --example fetch-bench
target/release/examples/fetch-bench --feeds "$feeds" --hosts "$hosts" --delay "$delay" \
    --binary "/usr/bin/time -f 'peak RSS %M KB' target/release/broadsheet"
