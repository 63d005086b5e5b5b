#!/usr/bin/env bash
# Whole-command benchmarks of the strata CLI: cold start and `validate` on the largest corpus schema.
# Usage: bench/cli.sh [RUNS]   (default 15). Prints median/min/max wall time per case, in ms.
# Runs alternate between cases (A B C A B C …) so that machine noise spreads evenly.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-15}"
shared="${STRATA_SHARED_DIR:-$root/../shared}"
schema="$shared/corpus/langfuse__langfuse/packages/shared/prisma/schema.prisma"
jar="$root/strata-cli/target/strata.jar"

"$root/strata" --version >/dev/null   # builds the jar and the class-data archive if needed
"$root/strata" --version >/dev/null

declare -A cmds=(
  [jvm-floor]="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version"
  [version-launcher]="$root/strata --version"
  [version-plain-jar]="java -jar $jar --version"
)
order=(jvm-floor version-launcher version-plain-jar)
if [ -f "$schema" ]; then
  cmds[validate-langfuse]="$root/strata validate --schema $schema"
  cmds[format-check-langfuse]="$root/strata format --check --schema $schema"
  order+=(validate-langfuse format-check-langfuse)
  # Prisma's own CLI on the same schema, when an installed prisma-oracle is given (see
  # ../shared/tools/prisma-oracle/README.md). Prisma 7 rejects `url` in the datasource and the
  # retired "metrics" preview feature, so both tools read a copy without them.
  oracle="${PRISMA_ORACLE:-}"
  if [ -n "$oracle" ] && [ -f "$oracle/node_modules/prisma/build/index.js" ]; then
    tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
    grep -v -E '^\s*(url|directUrl|shadowDatabaseUrl)\s*=' "$schema" | sed 's/, "metrics"//' >"$tmp/schema.prisma"
    cmds[strata-validate-p7copy]="$root/strata validate --schema $tmp/schema.prisma"
    cmds[prisma-validate-p7copy]="env PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 PRISMA_SCHEMA_ENGINE_BINARY=$oracle/schema-engine-shim.mjs node $oracle/node_modules/prisma/build/index.js validate --schema $tmp/schema.prisma"
    order+=(strata-validate-p7copy prisma-validate-p7copy)
  fi
else
  echo "(corpus absent: skipping the validate/format cases)" >&2
fi

declare -A times
for ((i = 0; i < runs; i++)); do
  for name in "${order[@]}"; do
    start=$(date +%s%N)
    rc=0; ${cmds[$name]} >/dev/null 2>&1 || rc=$?
    # format --check exits 3 on langfuse: its file is not in Prisma's layout (a hand edit)
    if [ "$rc" -ne 0 ] && ! { [ "$rc" -eq 3 ] && [ "$name" = format-check-langfuse ]; }; then
      echo "case $name failed (exit $rc)" >&2; exit 1
    fi
    end=$(date +%s%N)
    times[$name]+="$(( (end - start) / 1000000 )) "
  done
done

printf '%-24s %8s %8s %8s  (%s runs, %s, %s cores)\n' case median min max "$runs" "$(java -version 2>&1 | sed -n 1p)" "$(nproc)"
for name in "${order[@]}"; do
  read -r -a arr <<<"${times[$name]}"
  sorted=($(printf '%s\n' "${arr[@]}" | sort -n))
  n=${#sorted[@]}
  printf '%-24s %8s %8s %8s\n' "$name" "${sorted[$((n / 2))]}" "${sorted[0]}" "${sorted[$((n - 1))]}"
done
