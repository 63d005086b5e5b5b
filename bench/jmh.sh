#!/usr/bin/env bash
# JMH: one deploy of 200 trivial migrations into a fresh database per measured call, through the
# Java APIs of Strata, Flyway 11 and Liquibase 4.33, in warm JVMs (DeployBenchmark in strata-bench).
#   bench/jmh.sh [JMH options, e.g. -p migrations=1000 -wi 1 -i 5]
# Uses the PostgreSQL at 127.0.0.1:5432 (user postgres, trust); its databases are dropped at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${BENCH_TARGET:-target-bench}"
mvn -q -B -Pbench -Dstrata.target="$target" -f "$root/pom.xml" -pl strata-bench -am -DskipTests package
cp="$root/strata-bench/$target/classes:$(cat "$root/strata-bench/$target/classpath.txt")"
exec java -cp "$cp" org.openjdk.jmh.Main DeployBenchmark "$@"
