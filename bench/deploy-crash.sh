#!/usr/bin/env bash
# Exactly-once deploys under crashes: real `strata migrate deploy` processes, started through the
# ./strata launcher, killed with SIGKILL, SIGTERM and SIGINT at six kind of points (start-up, waiting
# for the advisory lock, mid-statement, between migrations, during CREATE INDEX CONCURRENTLY, during
# the _prisma_migrations write), each followed at once by a second deploy; then sixteen deploys of
# the same history started together, ROUNDS times. Every trial checks that no migration ran twice
# and that the history agrees with the database (DeployCrashHarness). Runs on the PostgreSQL at
# HOST:PORT (default 127.0.0.1:5432, user postgres, trust auth) in a database of its own.
#   bench/deploy-crash.sh [TRIALS] [ROUNDS] [SEED]     (defaults 300, 10, 20261207)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
trials="${1:-300}" rounds="${2:-10}" seed="${3:-20261207}"
host="${PGHOST_BENCH:-127.0.0.1}" port="${PGPORT_BENCH:-5432}"
db=strata_bench_crash
psql=(psql -X -q -h "$host" -p "$port" -U postgres -v ON_ERROR_STOP=1 -d postgres)
cleanup() { "${psql[@]}" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; }
trap cleanup EXIT
cleanup
"${psql[@]}" -c "CREATE DATABASE $db"
"$root/strata" --version >/dev/null   # builds the jar and the class-data archive if needed
start=$(date +%s)
# -am: the reactor's own modules, never snapshot jars another checkout installed into ~/.m2.
(cd "$root" && mvn -B -pl strata-cli -am test -Dtest=DeployCrashIT -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcrash.trials="$trials" -Dcrash.rounds="$rounds" -Dcrash.seed="$seed" \
  -Dcrash.url="postgresql://postgres@$host:$port/$db" -Dcrash.launcher="$root/strata") |
  sed -n '/^\[deploy crash trials/,/^trials:/p; /Tests run:.*DeployCrashIT/p; /FAIL/p'
echo "elapsed: $(( $(date +%s) - start )) s; server: $("${psql[@]}" -Atc 'show server_version')"
