#!/usr/bin/env bash
# Measures (does not assert) the observation engine (dev.strata.lint.observe) against the plain
# replay of the same history, each into a fresh database of the embedded PostgreSQL, alternating;
# goal: observed <= 1.5x plain. Usage: bench/lint-observe.sh [runs] [migrations-dir]
#   (default 3 runs; langfuse's 434 migrations from ../shared/corpus)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
RUNS=${1:-3}
DIR=${2:-$root/../shared/corpus/langfuse__langfuse/packages/shared/prisma/migrations}
T=${STRATA_TARGET:-target}
cd "$root"
mvn -q -B -pl strata-core -am -Dstrata.target="$T" test-compile dependency:build-classpath \
  -Dmdep.outputFile="$T/bench-cp.txt" >/dev/null
CP="strata-core/$T/classes:strata-core/$T/test-classes:strata-embedded/$T/classes:$(cat "strata-core/$T/bench-cp.txt")"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | sed -n 1p)"
java -cp "$CP" dev.strata.lint.observe.ObservationBench "$DIR" "$RUNS"
