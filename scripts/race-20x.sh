#!/bin/sh
# Runs the race suite (integration/race) N times in a row (default 20), stopping at the first failure,
# and says how many runs passed: the suite synchronises on files and the wrapper's own words, so a
# single failure here is a flake to chase, not noise. Recovery latencies of every run are collected
# and summarised (median, max) at the end.
#
#   scripts/race-20x.sh [runs]        (builds the CLI first; RACE_FILTER=<vitest -t pattern> narrows)
set -u
runs=${1:-20}
cd "$(dirname "$0")/.." || exit 125
npm run --silent build || exit 125
latencies=$(mktemp "${TMPDIR:-/tmp}/race-latency.XXXXXX")
trap 'rm -f "$latencies"' EXIT
export RACE_LATENCY_FILE="$latencies"

summary() {
  node -e '
    const rows = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map(JSON.parse);
    if (!rows.length) process.exit(0);
    const stats = (key) => {
      const v = rows.map((r) => r[key]).filter((x) => typeof x === "number").sort((a, b) => a - b);
      return v.length ? `median ${v[Math.floor(v.length / 2)]} ms, max ${v.at(-1)} ms (${v.length})` : "none";
    };
    console.log(`recovery latency (installer last write -> retry start): ${stats("ms")}`);
    console.log(`  beyond the settle time: ${stats("beyond")}; a probe-like import alone: ${stats("probeMs")}`);
  ' "$latencies"
}

passed=0
while [ "$passed" -lt "$runs" ]; do
  echo "race suite: run $((passed + 1)) of $runs" >&2
  if ! npx vitest run --project integration integration/race ${RACE_FILTER:+-t "$RACE_FILTER"}; then
    echo "race suite: FAILED on run $((passed + 1)); $passed of $runs passed before it" >&2
    summary
    exit 1
  fi
  passed=$((passed + 1))
done
echo "race suite: $passed of $runs runs passed" >&2
summary
