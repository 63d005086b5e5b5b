#!/usr/bin/env bash
# `strata migrate lint --all --offline` of langfuse's migrations (434), cold from the CLI, against
# squawk-cli on the same files in the same run. Strata runs twice per round: with an empty parse
# cache (every statement parsed, as on a first run or a fresh CI machine) and with a warm one (the
# cache the previous run left: nothing parsed again). The cache is a temporary folder
# (STRATA_LINT_CACHE_DIR), removed at the end; the user's own cache is never touched.
# Usage: bench/lint.sh [RUNS]   (default 5). Prints each run's wall time in ms, then the medians.
# squawk: SQUAWK=path/to/squawk, or an npm-installed squawk-cli@2.66.0 in $SQUAWK_DIR (node_modules/.bin);
# skipped when neither is there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
shared="${STRATA_SHARED_DIR:-$root/../shared}"
migrations="$shared/corpus/langfuse__langfuse/packages/shared/prisma/migrations"
[ -d "$migrations" ] || { echo "no corpus at $migrations" >&2; exit 1; }
"$root/strata" --version >/dev/null   # builds the jar and the class-data archive if needed
squawk="${SQUAWK:-${SQUAWK_DIR:-}/node_modules/.bin/squawk}"
count=$(ls -d "$migrations"/*/ | wc -l)
echo "langfuse: $count migrations"
cache="$(mktemp -d -t strata-lint-bench.XXXXXX)"
trap 'rm -rf "$cache"' EXIT
export STRATA_LINT_CACHE_DIR="$cache/lint-parse"

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
lint() { "$root/strata" migrate lint --all --offline --format json --migrations "$migrations"; }

empty_times=(); warm_times=(); squawk_times=()
for i in $(seq "$runs"); do
  rm -rf "$STRATA_LINT_CACHE_DIR"
  empty_times+=("$(ms lint)")
  warm_times+=("$(ms lint)")   # the cache the run above left
  if [ -x "$squawk" ]; then
    squawk_times+=("$(ms "$squawk" --reporter json "$migrations"/*/migration.sql)")
  fi
done
packs="$(find "$STRATA_LINT_CACHE_DIR" -name '*.pack' | wc -l) pack(s), $(du -sk "$STRATA_LINT_CACHE_DIR" | cut -f1) kB"
echo "strata, empty parse cache: ${empty_times[*]} ms; median $(printf '%s\n' "${empty_times[@]}" | median) ms"
echo "strata, warm parse cache ($packs): ${warm_times[*]} ms; median $(printf '%s\n' "${warm_times[@]}" | median) ms"
if [ ${#squawk_times[@]} -gt 0 ]; then
  echo "squawk 2.66: ${squawk_times[*]} ms; median $(printf '%s\n' "${squawk_times[@]}" | median) ms"
else
  echo "squawk: not installed (npm install squawk-cli@2.66.0 in a folder, then SQUAWK_DIR=that folder)"
fi
