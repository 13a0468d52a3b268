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
# Every run tests this one build: a private copy of the package, since anyone's `npm run build` empties
# dist/ and a wrapper that loads a lazy chunk at that moment would fail for reasons not under test.
package=$(mktemp -d "${TMPDIR:-/tmp}/race-package.XXXXXX")
latencies="$package/latencies.jsonl"
trap 'rm -rf "$package"' EXIT
cp -R bin dist shims schema package.json "$package/" || exit 125
# A copy taken while someone else rebuilt would miss chunks: a failed import must reach the decision.
node "$package/bin/plugin-settle.js" run --no-inprocess --retries 0 --report "$package/check.json" -- \
  python3 -c 'import plugin_settle_race_check_absent' 2>/dev/null
node -e 'const r = require(process.argv[1]); if (!["not-a-race", "gave-up"].includes(r.result)) process.exit(1)' \
  "$package/check.json" || { echo "race suite: the copy of the built CLI is incomplete; run again" >&2; exit 125; }
export PLUGIN_SETTLE_CLI="$package/bin/plugin-settle.js"
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
    console.log(`report recoveryMs (last change seen -> retry start) beyond the settle time: ${stats("reportedBeyond")}`);
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
