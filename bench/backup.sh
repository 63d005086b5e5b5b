#!/usr/bin/env bash
# `strata backup create` against raw `pg_dump -Fd -j2` on a database of at least 1 GB, the cost of
# the content hashes, restore time and `verify --level restore` time (issue 13).
# Usage: bench/backup.sh [ROUNDS]   (default 3). Needs psql, pg_dump and pg_restore of the server's
# major version and a PostgreSQL reachable as $BENCH_PGURL (default
# postgresql://postgres@127.0.0.1:5432/postgres, trust auth). The database bench_backup_<pid> is
# generated there (SQL only: several tables, mixed types, indexes) and dropped at the end, with
# every database restored from it; dumps go to a temporary folder that is removed.
# Each round runs the three dump cases once, in an order that rotates from round to round, so that
# the machine's load falls on every case alike; the overhead is computed per round (paired).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
scale="${BENCH_SCALE:-100}"   # percent of the rows (a quick check of the script: BENCH_SCALE=1)
admin="${BENCH_PGURL:-postgresql://postgres@127.0.0.1:5432/postgres}"
db="bench_backup_$$"
url="${admin%/*}/$db"
work="$(mktemp -d /tmp/bench-backup.XXXXXX)"
strata="$root/strata"

"$strata" --version >/dev/null   # builds the jar and the class-data archive if needed

cleanup() {
  for d in $(psql "$admin" -qXAt -c "SELECT datname FROM pg_database WHERE datname LIKE '${db}%'"); do
    psql "$admin" -qX -c "DROP DATABASE IF EXISTS \"$d\" WITH (FORCE)" >/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
load() { cut -d' ' -f1 /proc/loadavg; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

psql "$admin" -qX -c "CREATE DATABASE $db" >/dev/null
echo "generating the database (SQL)…" >&2
gen_start=$(date +%s%N)
psql "$url" -qX -v ON_ERROR_STOP=1 -v customers=$((1000000 * scale / 100)) -v orders=$((3000000 * scale / 100)) <<'SQL' >/dev/null
SET synchronous_commit = off;
CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'delivered', 'cancelled');
CREATE TABLE customers (
  id bigint PRIMARY KEY, email text NOT NULL UNIQUE, name text NOT NULL, country char(2),
  active boolean NOT NULL, score double precision, created_at timestamptz NOT NULL);
CREATE TABLE products (
  id int PRIMARY KEY, sku text NOT NULL UNIQUE, title text NOT NULL, price numeric(10, 2) NOT NULL,
  attributes jsonb NOT NULL);
CREATE TABLE orders (
  id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, status order_status NOT NULL,
  total numeric(12, 2) NOT NULL, placed_at timestamptz NOT NULL, shipped_on date, items jsonb NOT NULL,
  note text);
CREATE TABLE events (
  id uuid PRIMARY KEY, customer_id bigint, occurred_at timestamptz NOT NULL, kind text NOT NULL,
  tags text[] NOT NULL, payload bytea NOT NULL, amount_cents integer);
INSERT INTO customers
  SELECT g, 'user' || g || '@example.com', initcap(md5(g::text)), (ARRAY['FR','DE','US','JP','BR','IN'])[1 + g % 6],
         g % 7 <> 0, random() * 1000, timestamptz '2020-01-01' + g * interval '37 seconds'
  FROM generate_series(1::bigint, :customers) g;
INSERT INTO products
  SELECT g, 'SKU-' || lpad(g::text, 6, '0'), 'Product ' || md5(g::text), (g % 997) + 0.99,
         jsonb_build_object('color', (ARRAY['red','green','blue'])[1 + g % 3], 'weight', g % 50, 'tags', jsonb_build_array('a', g % 10))
  FROM generate_series(1::bigint, 50000) g;
INSERT INTO orders
  SELECT g, 1 + (g * 7919) % :customers, (ARRAY['pending','paid','shipped','delivered','cancelled']::order_status[])[1 + g % 5],
         ((g * 31) % 100000) / 100.0, timestamptz '2021-01-01' + g * interval '11 seconds',
         CASE WHEN g % 5 >= 2 THEN date '2021-01-02' + (g / 8000)::int END,
         jsonb_build_array(jsonb_build_object('product', 1 + g % 50000, 'qty', 1 + g % 4, 'price', (g % 997) + 0.99),
                           jsonb_build_object('product', 1 + (g * 3) % 50000, 'qty', 1, 'price', (g % 13) + 0.5)),
         CASE WHEN g % 3 = 0 THEN 'Deliver to ' || md5(g::text) || ' ' || md5((g + 1)::text) END
  FROM generate_series(1::bigint, :orders) g;
INSERT INTO events
  SELECT gen_random_uuid(), 1 + g % :customers, timestamptz '2022-01-01' + g * interval '5 seconds',
         (ARRAY['login','view','click','purchase','logout'])[1 + g % 5],
         ARRAY['t' || g % 10, 't' || g % 7], decode(md5(g::text) || md5((g * 2)::text) || md5((g * 3)::text), 'hex'),
         CASE WHEN g % 4 = 0 THEN g % 100000 END
  FROM generate_series(1::bigint, :orders) g;
CREATE INDEX ON orders (customer_id);
CREATE INDEX ON orders (placed_at);
CREATE INDEX ON orders (status, placed_at);
CREATE INDEX ON events (occurred_at);
CREATE INDEX ON events (customer_id, kind);
ANALYZE;
SQL
echo "generated in $(ms "$gen_start") ms" >&2
psql "$url" -qXAt -F ' ' -c "SELECT 'database ' || pg_size_pretty(pg_database_size(current_database())) || ' (' || pg_database_size(current_database()) || ' bytes); tables without indexes ' || pg_size_pretty(sum(pg_table_size(c.oid))) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
psql "$url" -qXAt -F ' ' -c "SELECT c.relname, c.reltuples::bigint, pg_size_pretty(pg_table_size(c.oid)), pg_size_pretty(pg_indexes_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1"

cd "$work"   # no project here: every strata command gets --url and --dir
declare -A times loads
cases=(pg_dump strata-no-hash strata-hash)
ratios_nohash=""; ratios_hash=""
for ((r = 0; r < rounds; r++)); do
  declare -A this=()
  for ((k = 0; k < ${#cases[@]}; k++)); do
    c="${cases[$(( (k + r) % ${#cases[@]} ))]}"
    if [[ "$c" == pg_dump ]]; then rm -rf "$work/raw"; else rm -rf "$work/b-$c"; fi; sync
    l=$(load); start=$(date +%s%N)
    case "$c" in
      pg_dump) pg_dump -Fd -j2 -f "$work/raw" "$url" ;;
      strata-no-hash) "$strata" backup create --url "$url" --dir "$work/b-$c" --no-hash >/dev/null 2>>"$work/strata.log" ;;
      strata-hash) "$strata" backup create --url "$url" --dir "$work/b-$c" >/dev/null 2>>"$work/strata.log" ;;
    esac
    t=$(ms "$start")
    this[$c]=$t; times[$c]+="$t "; loads[$c]+="$l "
    echo "round $((r + 1)) $c ${t} ms (load $l)" >&2
  done
  ratios_nohash+="$(python3 -c "print(round(${this[strata-no-hash]} / ${this[pg_dump]}, 3))") "
  ratios_hash+="$(python3 -c "print(round(${this[strata-hash]} / ${this[strata-no-hash]}, 3))") "
done
du -sh "$work/raw" | sed 's/^/raw dump size /'
stat() { python3 -c "import statistics,sys; v=sorted(float(x) for x in sys.argv[1:]); print(f'{statistics.median(v):g} {v[0]:g} {v[-1]:g}')" "$@"; }
printf '%-16s %9s %9s %9s  %s\n' case median min max "load at each start"
for c in "${cases[@]}"; do
  read -r med mn mx <<<"$(stat ${times[$c]})"
  printf '%-16s %9s %9s %9s  %s\n' "$c" "$med" "$mn" "$mx" "${loads[$c]}"
done
echo "strata-no-hash / pg_dump per round: $ratios_nohash(median $(stat $ratios_nohash | cut -d' ' -f1))"
echo "strata-hash / strata-no-hash per round: $ratios_hash(median $(stat $ratios_hash | cut -d' ' -f1))"

# Restore, verify: the last hashed backup. Restore into a new database (Strata's default), then
# raw pg_restore -j2 of the raw dump into an empty database as the floor, then verify.
id="$(ls "$work/b-strata-hash")"
l=$(load); start=$(date +%s%N)
"$strata" backup restore "$id" --url "$url" --dir "$work/b-strata-hash" >/dev/null 2>>"$work/strata.log"
echo "strata backup restore (new database, then compared with the manifest): $(ms "$start") ms (load $l)"
for d in $(psql "$admin" -qXAt -c "SELECT datname FROM pg_database WHERE datname LIKE '${db}_%'"); do
  psql "$admin" -qX -c "DROP DATABASE \"$d\" WITH (FORCE)" >/dev/null
done
l=$(load); start=$(date +%s%N)
psql "$admin" -qX -c "CREATE DATABASE ${db}_raw" >/dev/null
pg_restore -j2 --exit-on-error -d "${admin%/*}/${db}_raw" "$work/raw"
echo "raw createdb + pg_restore -j2: $(ms "$start") ms (load $l)"
psql "$admin" -qX -c "DROP DATABASE ${db}_raw WITH (FORCE)" >/dev/null
l=$(load); start=$(date +%s%N)
"$strata" backup verify "$id" --level restore --url "$url" --dir "$work/b-strata-hash" >/dev/null 2>>"$work/strata.log"
echo "strata backup verify --level restore: $(ms "$start") ms (load $l)"
l=$(load); start=$(date +%s%N)
"$strata" backup verify "$id" --level checksums --url "$url" --dir "$work/b-strata-hash" >/dev/null 2>>"$work/strata.log"
echo "strata backup verify --level checksums: $(ms "$start") ms (load $l)"
python3 - "$work/b-strata-hash/$id/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
keys = [k for k in m if k not in ("tables", "files")]
print("manifest:", {k: m[k] for k in keys if not isinstance(m[k], (dict, list))})
PY
