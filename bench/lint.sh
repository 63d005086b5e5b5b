#!/usr/bin/env bash
# `strata migrate lint --all --offline` of langfuse's migrations (434), cold from the CLI, against
# squawk-cli on the same files in the same run.
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

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

strata_times=(); squawk_times=()
for i in $(seq "$runs"); do
  strata_times+=("$(ms "$root/strata" migrate lint --all --offline --format json --migrations "$migrations")")
  if [ -x "$squawk" ]; then
    squawk_times+=("$(ms "$squawk" --reporter json "$migrations"/*/migration.sql)")
  fi
done
echo "strata migrate lint --all --offline: ${strata_times[*]} ms; median $(printf '%s\n' "${strata_times[@]}" | median) ms"
if [ ${#squawk_times[@]} -gt 0 ]; then
  echo "squawk 2.66: ${squawk_times[*]} ms; median $(printf '%s\n' "${squawk_times[@]}" | median) ms"
else
  echo "squawk: not installed (npm install squawk-cli@2.66.0 in a folder, then SQUAWK_DIR=that folder)"
fi
