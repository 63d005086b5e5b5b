#!/usr/bin/env bash
# The studio's grid on a big table, through its HTTP API as a browser uses it (issue 15): p95 time of
# (a) the first page, (b) a page deep in a sort (keyset cursor), (c) filtered pages; and the time
# from launching `strata studio` to its first page served.
# Usage: bench/studio.sh [ROWS] [REQUESTS] [LAUNCHES]   (defaults 10000000, 200, 5). Needs psql,
# python3 and a PostgreSQL reachable as $BENCH_PGURL (default
# postgresql://postgres@127.0.0.1:5432/postgres, trust auth); the database bench_studio_<pid> is
# generated there and dropped at the end.
# Requests go round the cases (a b c1 c2 a b …) so that the machine's load falls on each alike, on
# one kept-alive connection with the session cookie, after 10 warm-up rounds. Two figures per
# request: the HTTP time seen by the client on 127.0.0.1 (request sent to whole page received:
# the query, the HTML rendering and the transfer), and the query time the grid page prints
# (`Page.elapsed()` of `Strata.data()`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-10000000}"
requests="${2:-200}"
launches="${3:-5}"
admin="${BENCH_PGURL:-postgresql://postgres@127.0.0.1:5432/postgres}"
db="bench_studio_$$"
url="${admin%/*}/$db"
work="$(mktemp -d /tmp/bench-studio.XXXXXX)"
strata="$root/strata"
studio_pid=""

"$strata" --version >/dev/null   # builds the jar and the class-data archive if needed

cleanup() {
  if [[ -n "$studio_pid" ]]; then kill "$studio_pid" 2>/dev/null || true; wait "$studio_pid" 2>/dev/null || true; fi
  psql "$admin" -qX -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
load() { cut -d' ' -f1 /proc/loadavg; }

cat >"$work/schema.prisma" <<'PRISMA'
datasource db {
  provider = "postgresql"
}

enum Category {
  books
  electronics
  garden
  toys
  food
}

model Item {
  id        BigInt   @id @default(autoincrement())
  name      String
  category  Category
  price     Decimal  @db.Decimal(10, 2)
  score     Float?
  active    Boolean
  createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(6)

  @@index([createdAt])
  @@map("items")
}
PRISMA

psql "$admin" -qX -c "CREATE DATABASE $db" >/dev/null
echo "generating $rows rows…" >&2
start=$(date +%s%N)
psql "$url" -qX -v ON_ERROR_STOP=1 -v rows="$rows" <<'SQL' >/dev/null
SET synchronous_commit = off;
CREATE TYPE "Category" AS ENUM ('books', 'electronics', 'garden', 'toys', 'food');
CREATE TABLE items (
  id bigserial PRIMARY KEY, name text NOT NULL, category "Category" NOT NULL, price numeric(10, 2) NOT NULL,
  score double precision, active boolean NOT NULL, created_at timestamptz(6) NOT NULL DEFAULT now());
INSERT INTO items (id, name, category, price, score, active, created_at)
  SELECT g, md5(g::text), (ARRAY['books','electronics','garden','toys','food']::"Category"[])[1 + (g * 7) % 5],
         ((g * 7919) % 100000) / 100.0, CASE WHEN g % 10 <> 0 THEN (g % 1000) / 7.0 END, g % 3 <> 0,
         timestamptz '2020-01-01' + ((g * 104729) % :rows) * interval '3 seconds'
  FROM generate_series(1::bigint, :rows) g;
SELECT setval('items_id_seq', :rows);
CREATE INDEX items_created_at_idx ON items (created_at);
VACUUM ANALYZE items;
SQL
echo "generated in $(( ($(date +%s%N) - start) / 1000000 )) ms; table $(psql "$url" -qXAt -c "SELECT count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('items')) FROM items")" >&2

cd "$work"
# Launch to ready: the process started → the address printed → the first grid page served.
python3 - "$strata" "$url" "$launches" <<'PY'
import http.client, re, subprocess, sys, time, os, statistics
strata, url, launches = sys.argv[1], sys.argv[2], int(sys.argv[3])
printed, ready = [], []
for i in range(launches):
    load = open("/proc/loadavg").read().split()[0]
    t0 = time.monotonic()
    p = subprocess.Popen([strata, "studio", "--schema", "schema.prisma", "--url", url, "--port", "0", "--no-open"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = ""
        while "http://" not in line:
            line = p.stdout.readline()
            if not line:
                sys.exit("studio exited: " + str(p.wait()))
        t1 = time.monotonic()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)", re.sub(r"\x1b\[[0-9;]*m", "", line))
        port, token = m.group(1), m.group(2)
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", int(port))
                c.request("GET", "/data/Item?token=" + token)
                r = c.getresponse(); r.read()
                if r.status in (200, 302, 303):
                    break
            except OSError:
                time.sleep(0.005)
        t2 = time.monotonic()
    finally:
        p.terminate(); p.wait()
    printed.append((t1 - t0) * 1000); ready.append((t2 - t0) * 1000)
    print(f"launch {i + 1}: address printed {printed[-1]:.0f} ms, first grid page served {ready[-1]:.0f} ms (load {load})", file=sys.stderr)
s = sorted(ready)
print(f"studio launch to address printed: median {statistics.median(printed):.0f} ms, min {min(printed):.0f}, max {max(printed):.0f}")
print(f"studio launch to first grid page served: median {statistics.median(ready):.0f} ms, min {s[0]:.0f}, max {s[-1]:.0f} ({launches} launches)")
PY

# Pages: one studio, one kept-alive connection, the cases interleaved.
"$strata" studio --schema schema.prisma --url "$url" --port 0 --no-open >"$work/studio.out" 2>&1 &
studio_pid=$!
until grep -q "http://" "$work/studio.out" 2>/dev/null; do
  kill -0 "$studio_pid" 2>/dev/null || { cat "$work/studio.out" >&2; exit 1; }
  sleep 0.05
done
address="$(sed 's/\x1b\[[0-9;]*m//g' "$work/studio.out" | grep -o 'http://127\.0\.0\.1:[0-9]*/?token=[A-Za-z0-9_-]*' | head -1)"
python3 - "$address" "$requests" "$rows" <<'PY'
import http.client, html, re, statistics, sys, time, urllib.parse
address, requests, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
u = urllib.parse.urlsplit(address)
conn = http.client.HTTPConnection(u.hostname, u.port)
conn.request("GET", "/?" + u.query)
r = conn.getresponse(); r.read()
cookie = r.getheader("Set-Cookie").split(";")[0]
assert r.status in (302, 303), r.status

def get(path):
    global conn
    for attempt in (1, 2):
        try:
            t = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie})
            resp = conn.getresponse(); body = resp.read().decode()
            return resp.status, body, (time.perf_counter() - t) * 1000
        except (http.client.HTTPException, OSError):
            conn.close(); conn = http.client.HTTPConnection(u.hostname, u.port)
    raise SystemExit("request failed: " + path)

def page(path):
    status, body, ms = get(path)
    if status != 200:
        raise SystemExit(f"{path}: HTTP {status}: {body[:500]}")
    m = re.search(r'id="row-count"[^>]*>(\d+) rows on this page[^<]*· (\d+) ms', body)
    if not m:
        raise SystemExit(f"{path}: no grid in the page: {body[:800]}")
    nxt = re.search(r'id="next-page" href="([^"]+)"', body)
    return int(m.group(1)), int(m.group(2)), ms, html.unescape(nxt.group(1)) if nxt else None

# A real cursor deep in the createdAt sort: the studio's own Next link from a page filtered to start
# 90 % of the way in, used on the unfiltered sorted page (a cursor holds the sort and key values).
deep_ts = "2020-01-01T00:00:00Z"
import datetime
deep = (datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(seconds=3 * int(rows * 0.9))).strftime("%Y-%m-%dT%H:%M:%SZ")
_, _, _, nxt = page("/data/Item?sort=createdAt&min.createdAt=" + urllib.parse.quote(deep))
cursor = urllib.parse.parse_qs(urllib.parse.urlsplit(nxt).query)["after"][0]
cases = {
    "a-first-page": "/data/Item",
    "b-deep-sorted-page": "/data/Item?sort=createdAt&after=" + urllib.parse.quote(cursor),
    "c1-filtered-enum-range": "/data/Item?eq.category=toys&min.price=100&max.price=200",
    "c2-filtered-contains-sorted-desc": "/data/Item?c.name=abc&sort=createdAt&dir=desc",
}
for name, path in cases.items():
    n, _, _, _ = page(path)
    print(f"{name}: {path[:110]} ({n} rows on the page)")
for _ in range(10):
    for path in cases.values():
        page(path)
http_ms = {k: [] for k in cases}; query_ms = {k: [] for k in cases}; loads = []
for i in range(requests):
    if i % 50 == 0:
        loads.append(open("/proc/loadavg").read().split()[0])
    for name, path in cases.items():
        _, q, ms, _ = page(path)
        http_ms[name].append(ms); query_ms[name].append(q)
def p(v, q):
    s = sorted(v); return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]
print(f"{requests} requests per case, interleaved; load average (1 min) sampled every 50 rounds: {' '.join(loads)}")
print(f"{'case':34} {'http p50':>9} {'p95':>7} {'max':>7} {'query p50':>10} {'p95':>7} {'max':>7}  (ms)")
for name in cases:
    h, q = http_ms[name], query_ms[name]
    print(f"{name:34} {p(h, .5):9.1f} {p(h, .95):7.1f} {max(h):7.1f} {p(q, .5):10.0f} {p(q, .95):7.0f} {max(q):7.0f}")
PY
