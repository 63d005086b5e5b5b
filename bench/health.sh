#!/usr/bin/env bash
# `strata health` on a database with 1,000 tables and 5,000 indexes, cold from the CLI, against
# the same checks' SQL run through psql in one session (no JVM, no rendering, no privilege checks).
# Usage: bench/health.sh [RUNS]   (default 5). Needs psql and a PostgreSQL reachable as
# $BENCH_PGURL (default postgresql://postgres@127.0.0.1:5432/postgres, trust auth); the benchmark
# database health_bench_<pid> is created there and dropped at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
admin="${BENCH_PGURL:-postgresql://postgres@127.0.0.1:5432/postgres}"
db="health_bench_$$"
url="${admin%/*}/$db"
sqldir="$root/strata-health/src/main/resources/dev/strata/health/check"

"$root/strata" --version >/dev/null   # builds the jar and the class-data archive if needed

psql "$admin" -qX -c "CREATE DATABASE $db" >/dev/null
trap 'psql "$admin" -qX -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null' EXIT

echo "creating 1,000 tables with 5 indexes each (primary key, 3 indexes, an indexed foreign key)…" >&2
psql "$url" -qX -v ON_ERROR_STOP=1 <<'SQL' >/dev/null
DO $$
BEGIN
  FOR i IN 1..1000 LOOP
    EXECUTE format('CREATE TABLE t%s (id bigserial PRIMARY KEY, a int, b int, c text, d timestamptz DEFAULT now(), ref bigint %s)',
                   i, CASE WHEN i > 1 THEN format('REFERENCES t%s', i - 1) ELSE '' END);
    EXECUTE format('CREATE INDEX t%s_a_idx ON t%s (a)', i, i);
    EXECUTE format('CREATE INDEX t%s_b_c_idx ON t%s (b, c)', i, i);
    EXECUTE format('CREATE INDEX t%s_d_idx ON t%s (d)', i, i);
    EXECUTE format('CREATE INDEX t%s_ref_idx ON t%s (ref)', i, i);
    EXECUTE format('INSERT INTO t%s (a, b, c) SELECT g, g %% 7, md5(g::text) FROM generate_series(1, 20) g', i);
  END LOOP;
END $$;
ANALYZE;
SQL
echo "indexes: $(psql "$url" -qXAt -c "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")" >&2

# The checks' SQL with their default thresholds in place of the parameters, in report order.
declare -A params=(
  [largest-tables]="30 10" [unused-indexes]="10485760" [fk-without-index]="0" [missing-indexes]="10000 95"
  [table-bloat]="104857600" [index-bloat]="104857600" [dead-tuples]="1000 24" [analyze-staleness]="1000 24"
  [xid-wraparound-tables]="300000000" [long-running-queries]="60" [idle-in-transaction]="300" [blocking-locks]="30"
  [prepared-transactions]="60")
all="$(mktemp)"; trap 'rm -f "$all"; psql "$admin" -qX -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null' EXIT
for f in database-size largest-tables unused-indexes-stats unused-indexes duplicate-indexes redundant-indexes fk-without-index \
    invalid-indexes not-valid-constraints missing-indexes tables-without-primary-key table-bloat index-bloat dead-tuples \
    analyze-staleness autovacuum-disabled xid-wraparound xid-wraparound-tables multixact-wraparound sequence-exhaustion \
    connections long-running-queries idle-in-transaction blocking-locks cache-hit-ratio replication-lag \
    inactive-replication-slots wal-archiving prepared-transactions slow-queries-installed unsafe-settings; do
  PARAMS="${params[$f]:-}" perl -pe 'BEGIN { @v = split / /, $ENV{PARAMS} } s/\?/shift @v/ge' "$sqldir/$f.sql" >>"$all"
  echo ";" >>"$all"
done

declare -A times
order=(strata-health-cold psql-same-sql)
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N); "$root/strata" health --url "$url" --format json >/dev/null; end=$(date +%s%N)
  times[strata-health-cold]+="$(( (end - start) / 1000000 )) "
  start=$(date +%s%N); psql "$url" -qX -v ON_ERROR_STOP=1 -f "$all" >/dev/null; end=$(date +%s%N)
  times[psql-same-sql]+="$(( (end - start) / 1000000 )) "
done

printf '%-20s %8s %8s %8s  (%s runs, ms, %s cores)\n' case median min max "$runs" "$(nproc)"
for name in "${order[@]}"; do
  read -r -a arr <<<"${times[$name]}"
  sorted=($(printf '%s\n' "${arr[@]}" | sort -n))
  n=${#sorted[@]}
  printf '%-20s %8s %8s %8s\n' "$name" "${sorted[$((n / 2))]}" "${sorted[0]}" "${sorted[$((n - 1))]}"
done
"$root/strata" health --url "$url" --format json | python3 -c '
import json, sys
r = json.load(sys.stdin)
slow = sorted(r["checks"], key=lambda c: -c["elapsedMs"])[:5]
print("report elapsed %d ms; slowest checks: %s" % (r["elapsedMs"], ", ".join("%s %d ms" % (c["id"], c["elapsedMs"]) for c in slow)))
' 2>/dev/null || true
