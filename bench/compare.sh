#!/usr/bin/env bash
# Strata against the tools users would pick instead, in one command: Flyway 11 and Liquibase 4.33
# (Java APIs and cold CLIs), Prisma 7 (offline schema-engine shim), dbmate, node-pg-migrate, and
# psql as the floor, on the same PostgreSQL server, runs alternating between tools, a fresh
# database per run. Prints a Markdown table per workload (median, min, max, ratio to Strata, peak
# memory) and the goals. See BENCHMARKS.md ("Strata vs peers") for what each workload runs.
#
#   bench/compare.sh [--quick] [--runs N] [--only NAME[,NAME…]] [--out FILE]
#
# --quick: 5 runs per case (the default is 9); under 15 minutes on the 2-core project machine.
# Environment: STRATA_SHARED_DIR (default ../shared beside the repository: the corpus and the
# Prisma shim), PGHOST/PGPORT (default 127.0.0.1:5432, user postgres, trust auth),
# PRISMA_ORACLE (an already installed copy of shared/tools/prisma-oracle, to skip its npm install),
# BENCH_TARGET (Maven output folder of the bench module, default target-bench).
# Everything downloaded (npm packages, the Prisma install, peers' jars in ~/.m2) stays outside the
# repository; generated migrations live in a temporary directory removed at exit, and every
# database this run made (prefix strata_bench_<pid>_) is dropped, also on failure or Ctrl-C.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="${STRATA_SHARED_DIR:-$root/../shared}"
host="${PGHOST:-127.0.0.1}" port="${PGPORT:-5432}"
target="${BENCH_TARGET:-target-bench}"
prefix="strata_bench_$$"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) args+=(--quick); shift ;;
    --runs|--only|--out) args+=("$1" "$2"); shift 2 ;;
    *) echo "usage: bench/compare.sh [--quick] [--runs N] [--only NAME,…] [--out FILE]" >&2; exit 2 ;;
  esac
done

for tool in java mvn node npm psql /usr/bin/time; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is needed" >&2; exit 1; }
done
psql=(psql -X -q -h "$host" -p "$port" -U postgres -d postgres)
"${psql[@]}" -c 'SELECT 1' >/dev/null || { echo "error: no PostgreSQL at $host:$port (user postgres)" >&2; exit 1; }

tmp="$(mktemp -d -t strata-bench.XXXXXX)"
harness_pid=""
cleanup() {
  if [ -n "$harness_pid" ] && kill -0 "$harness_pid" 2>/dev/null; then
    kill "$harness_pid" 2>/dev/null || true   # its shutdown hook drops its databases
    wait "$harness_pid" 2>/dev/null || true
  fi
  "${psql[@]}" -At -c "SELECT datname FROM pg_database WHERE starts_with(datname, '${prefix}_')" 2>/dev/null |
    while read -r db; do "${psql[@]}" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
step() { printf '== %s (%ss)\n' "$1" "$SECONDS" >&2; }

step "Strata: build the launcher's jar and class-data archive"
"$root/strata" --version >/dev/null
"$root/strata" --version >/dev/null

step "bench module and the peers' classpaths (Maven: Flyway 11, Liquibase 4.33, JMH)"
mvn -q -B -Pbench -Dstrata.target="$target" -f "$root/pom.xml" -pl strata-bench -am -DskipTests package >"$tmp/mvn.log" 2>&1 ||
  { tail -30 "$tmp/mvn.log" >&2; exit 1; }
for peer in flyway-cli liquibase-cli; do
  mvn -q -B -Pbench -Dstrata.target="$target" -f "$root/strata-bench/peers/$peer/pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$tmp/$peer.classpath" >"$tmp/mvn-$peer.log" 2>&1 || { tail -30 "$tmp/mvn-$peer.log" >&2; exit 1; }
done

step "npm peers: dbmate 2.36.0, node-pg-migrate 9.0.0 (pg 8.23.1)"
npm install --prefix "$tmp/npm" --no-audit --no-fund --loglevel=error dbmate@2.36.0 node-pg-migrate@9.0.0 pg@8.23.1 \
  >"$tmp/npm.log" 2>&1 || { tail -30 "$tmp/npm.log" >&2; exit 1; }

prisma="${PRISMA_ORACLE:-}"
if [ -z "$prisma" ]; then
  if [ -f "$shared/tools/prisma-oracle/package.json" ]; then
    step "Prisma 7 with the offline schema-engine shim (npm install of a copy of shared/tools/prisma-oracle)"
    prisma="$tmp/prisma"
    cp -r "$shared/tools/prisma-oracle/." "$prisma"
    (cd "$prisma" && npm install --no-audit --no-fund --loglevel=error >"$tmp/npm-prisma.log" 2>&1) ||
      { tail -30 "$tmp/npm-prisma.log" >&2; exit 1; }
  else
    echo "(no $shared/tools/prisma-oracle: the Prisma rows are skipped)" >&2
  fi
fi

step "running the workloads"
classes="$root/strata-bench/$target/classes:$(cat "$root/strata-bench/$target/classpath.txt")"
java -XX:+UseSerialGC -Xmx2g -cp "$classes" dev.strata.bench.Compare \
  --work "$tmp/work" --strata "$root/strata" --corpus "$shared/corpus" --host "$host" --port "$port" --prefix "$prefix" \
  --prisma "$prisma" --npm "$tmp/npm" --flyway-cp "$tmp/flyway-cli.classpath" --liquibase-cp "$tmp/liquibase-cli.classpath" \
  "${args[@]}" &
harness_pid=$!
wait "$harness_pid"
harness_pid=""
step "done"
