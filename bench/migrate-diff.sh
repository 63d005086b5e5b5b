#!/usr/bin/env bash
# End-to-end `migrate diff --from-migrations` on langfuse's 434 migrations (the largest corpus
# history): wall time and peak RSS of each whole process, cold (a new CLI process per run).
#   strata-embedded    strata, history replayed into the embedded PostgreSQL 17 (the default)
#   strata-shadow-url  strata, --shadow-database-url on the local PostgreSQL 15 (127.0.0.1:5432)
#   prisma-migrations  Prisma 7.10 `--from-migrations`, shadowDatabaseUrl on the same local server
#   prisma-datasource  Prisma 7.10 `--from-config-datasource` on a database replayed beforehand
#                      with psql (bench/replay-psql.sh; that replay is timed separately, once)
# Usage: bench/migrate-diff.sh [RUNS]   (default 5; cases alternate each round). Needs the jar
# (mvn -pl strata-cli -am -DskipTests package; STRATA_JAR to point elsewhere) and, for the
# Prisma rows, PRISMA_ORACLE=/path/to/installed/prisma-oracle. Prints one line per run and a
# median/min/max table (wall ms, peak RSS MiB as GNU time's %M reports it: the largest process).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
shared="${STRATA_SHARED_DIR:-$root/../shared}"
project="$shared/corpus/langfuse__langfuse/packages/shared/prisma"
jar="$(readlink -f "${STRATA_JAR:-$root/strata-cli/target/strata.jar}")"
export PGOPTIONS="-c client_min_messages=warning"
pg="postgresql://postgres@127.0.0.1:5432"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
psql=(psql -X -q -h 127.0.0.1 -U postgres -d postgres)

# Prisma 7 rejects `url` lines and the retired "metrics" preview: every tool reads the same copy.
grep -v '^\s*\(url\|directUrl\|shadowDatabaseUrl\)\s*=' "$project/schema.prisma" | sed 's/, "metrics"\]/]/' >"$work/schema.prisma"
cp -r "$project/migrations" "$work/migs"
"${psql[@]}" -c "DROP DATABASE IF EXISTS strata_bench_shadow WITH (FORCE)" -c "CREATE DATABASE strata_bench_shadow"

# The launcher's JVM flags (see ./strata), without its class-data archive.
java_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m)
declare -A cmds=(
  [strata-embedded]="java ${java_opts[*]} -jar $jar migrate diff --from-migrations $work/migs --to-schema $work/schema.prisma --script"
  [strata-shadow-url]="java ${java_opts[*]} -jar $jar migrate diff --from-migrations $work/migs --to-schema $work/schema.prisma --script --shadow-database-url $pg/strata_bench_shadow"
)
order=(strata-embedded strata-shadow-url)

oracle="${PRISMA_ORACLE:-}"
if [ -n "$oracle" ] && [ -f "$oracle/node_modules/prisma/build/index.js" ]; then
  "$root/bench/replay-psql.sh" "$work/migs" strata_bench_replayed
  "${psql[@]}" -c "DROP DATABASE IF EXISTS strata_bench_pshadow WITH (FORCE)" -c "CREATE DATABASE strata_bench_pshadow"
  ln -s "$oracle/node_modules" "$work/node_modules"
  cat >"$work/prisma.config.ts" <<'TS'
import { defineConfig, env } from "prisma/config";
export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migs" },
  datasource: { url: env("DATABASE_URL"), shadowDatabaseUrl: env("SHADOW_DATABASE_URL") },
});
TS
  # shellcheck disable=SC1091
  . "$oracle/env.sh"
  export DATABASE_URL="$pg/strata_bench_replayed" SHADOW_DATABASE_URL="$pg/strata_bench_pshadow"
  prisma="node $oracle/node_modules/prisma/build/index.js"
  cmds[prisma-migrations]="$prisma migrate diff --from-migrations migs --to-schema schema.prisma --script"
  cmds[prisma-datasource]="$prisma migrate diff --from-config-datasource --to-schema schema.prisma --script"
  order+=(prisma-migrations prisma-datasource)
fi

declare -A wall rss
for ((r = 1; r <= runs; r++)); do
  for c in "${order[@]}"; do
    out="$(cd "$work" && /usr/bin/time -f '%e %M' -o "$work/time" ${cmds[$c]} 2>"$work/err")" || { cat "$work/err" >&2; exit 1; }
    [ "$(printf '%s' "$out" | grep -c 'empty migration')" = 1 ] || { echo "$c: unexpected output:" >&2; echo "$out" | head >&2; exit 1; }
    read -r secs kb <"$work/time"
    ms=$(awk -v s="$secs" 'BEGIN{printf "%d", s*1000}'); mib=$((kb / 1024))
    wall[$c]+="$ms "; rss[$c]+="$mib "
    echo "run $r $c: ${ms} ms, ${mib} MiB"
  done
done

stats() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END{printf "%d | %d | %d", a[int((NR+1)/2)], a[1], a[NR]}'; }
echo
echo "| case | wall median | min | max | RSS median (MiB) | min | max |"
echo "|---|--:|--:|--:|--:|--:|--:|"
for c in "${order[@]}"; do
  echo "| $c | $(echo "${wall[$c]}" | stats) | $(echo "${rss[$c]}" | stats) |"
done
