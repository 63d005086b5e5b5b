#!/usr/bin/env bash
# The online proof of migrate dev's lock-safe plans (dev.strata.bench.OnlineProof): a table of
# ROWS rows (default 2,000,000) under 8 JDBC writer threads; add index, add foreign key, set NOT
# NULL and add unique applied with Prisma's SQL and with the lock-safe plan; p99 and max write
# latency during each. Needs a PostgreSQL server (default: 127.0.0.1:5432, user postgres, trust);
# it creates and drops the database safeplans_online_proof.
# OnlineProof needs only strata-core and the JDBC driver, so it is compiled on its own here (the
# strata-bench module's peer tools need not be installed).
# Usage: bench/online-proof.sh [rows] [admin-jdbc-url]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
ROWS=${1:-2000000}
URL=${2:-jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}
T=${STRATA_TARGET:-target}
cd "$root"
mvn -q -B -pl strata-core -am -Dstrata.target="$T" package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile="$T/online-proof-cp.txt" >/dev/null
CP="strata-core/$T/classes:$(cat "strata-core/$T/online-proof-cp.txt")"
OUT="strata-bench/$T/online-proof"
mkdir -p "$OUT"
javac -d "$OUT" -cp "$CP" strata-bench/src/main/java/dev/strata/bench/OnlineProof.java
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | sed -n 1p)"
java -cp "$OUT:$CP" dev.strata.bench.OnlineProof "$URL" "$ROWS"
