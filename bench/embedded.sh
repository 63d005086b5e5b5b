#!/usr/bin/env bash
# Measures (does not assert) embedded PostgreSQL start-up and database creation; the figures go
# into the "Embedded PostgreSQL" section of BENCHMARKS.md. Usage: bench/embedded.sh [runs]   (default 5 runs per case)
# Every case runs in a fresh JVM. Cold cases use a scratch zonky working directory, so the shared
# one (/tmp/embedded-pg, used by everybody's tests) is never emptied.
set -euo pipefail
cd "$(dirname "$0")/../strata-embedded"
RUNS=${1:-5}
T=${STRATA_TARGET:-target}
mvn -q -Dstrata.target="$T" test-compile dependency:build-classpath -Dmdep.outputFile="$T/bench-cp.txt" >/dev/null
CP="$T/classes:$T/test-classes:$(cat "$T/bench-cp.txt")"
SCRATCH=$(mktemp -d /tmp/strata-embedded-bench.XXXXXX)
trap 'rm -rf "$SCRATCH"' EXIT

bench() { # label, extra JVM options..., then -- mode args
  local label=$1; shift
  local opts=()
  while [[ $1 != -- ]]; do opts+=("$1"); shift; done; shift
  /usr/bin/time -f "process_wall_s=%e" java "${opts[@]}" -cp "$CP" dev.strata.embedded.EmbeddedBenchmark "$@" 2>&1 \
    | sed -e "s/^/$label /"
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | sed -n 1p)"
for i in $(seq "$RUNS"); do
  # cold: nothing unpacked, no initdb cache (unpack ~60 MB + initdb + start)
  bench cold -Dot.epg.working-dir="$SCRATCH/cold-$i" -- start
  rm -rf "$SCRATCH/cold-$i"
done
bench prime -Dot.epg.working-dir="$SCRATCH/warm" -- start >/dev/null
for i in $(seq "$RUNS"); do
  # warm, initdb every time (binaries unpacked, initdb cache removed)
  rm -rf "$SCRATCH"/warm/strata-initdb-*
  bench warm-initdb -Dot.epg.working-dir="$SCRATCH/warm" -- start
done
bench prime -Dot.epg.working-dir="$SCRATCH/warm" -- start >/dev/null
for i in $(seq "$RUNS"); do
  # warm with the initdb cache (the normal case for every test JVM after the first)
  bench warm-cached -Dot.epg.working-dir="$SCRATCH/warm" -- start
done
bench prime -Dot.epg.working-dir="$SCRATCH/warm" -- persistent "$SCRATCH/dev-db" >/dev/null
for i in $(seq "$RUNS"); do
  # persistent data directory that already exists (strata dev's second start)
  bench persistent -Dot.epg.working-dir="$SCRATCH/warm" -- persistent "$SCRATCH/dev-db"
done
# database creation and drop, 20 of each per variant
bench databases -Dot.epg.working-dir="$SCRATCH/warm" -- databases
