#!/usr/bin/env bash
# Cold-CLI `strata migrate deploy` against plain `psql -f` of the same files (the floor), on the
# PostgreSQL at HOST:PORT (default the machine's 127.0.0.1:5432, user postgres, trust auth).
# Cases: 200 trivial migrations; langfuse's 434 real migrations (from ../shared/corpus); the
# no-op rerun of each; and `migrate status` of the 200 trivial migrations, all applied (issue 11).
# Every timed run starts from a database of its own, created untimed just before; all are dropped
# at the end, not between runs: dropping a database of hundreds of tables makes the server
# checkpoint and unlink their files, which spilled into the next timed run.
# Wall time of the whole process in ms; the order of the cases rotates each round, so that machine
# noise and what the server still does after one case (writing out its pages) fall on every case alike.
#   bench/migrate-deploy.sh [RUNS]        (default 5)
# STRATA_DEPLOY_ARGS adds options to every strata deploy (e.g. --no-verify: no drift check after it).
# Strata runs through the ./strata launcher, as users run it (jar and class-data archive built first).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
host="${PGHOST_BENCH:-127.0.0.1}" port="${PGPORT_BENCH:-5432}"
shared="${STRATA_SHARED_DIR:-$root/../shared}"
langfuse="$shared/corpus/langfuse__langfuse/packages/shared/prisma/migrations"
work="$(mktemp -d)"
psql=(psql -X -q -h "$host" -p "$port" -U postgres -v ON_ERROR_STOP=1)
prefix=strata_bench_deploy
cleanup() {
  echo "SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database WHERE datname LIKE '${prefix}\_%' \gexec" |
    "${psql[@]}" -d postgres >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$root/strata" --version >/dev/null   # builds the jar and the class-data archive if needed
strata=("$root/strata")
read -r -a extra <<<"${STRATA_DEPLOY_ARGS:-}"

# 200 trivial migrations.
trivial="$work/trivial"
for i in $(seq 1 200); do
  d="$trivial/$(printf '20240101%06d_m%d' "$i" "$i")"; mkdir -p "$d"
  printf -- '-- CreateTable\nCREATE TABLE "t%d" ("id" INTEGER NOT NULL, CONSTRAINT "t%d_pkey" PRIMARY KEY ("id"));\n' "$i" "$i" >"$d/migration.sql"
done

files_of() { # the migration.sql files of a directory, in folder order (C order = Prisma's for these)
  local dir=$1; local -n out=$2; out=()
  while IFS= read -r f; do [ -f "$dir/$f/migration.sql" ] && out+=(-f "$dir/$f/migration.sql"); done \
    < <(cd "$dir" && LC_ALL=C ls -d -- */ | sed 's#/$##')
}
files_of "$trivial" trivial_files
# Cases run in groups (a deploy, its no-op rerun and the status after them share a database); the groups rotate each round.
groups=(strata-version "strata-trivial strata-trivial-noop strata-trivial-status" psql-trivial)
if [ -d "$langfuse" ]; then
  files_of "$langfuse" langfuse_files
  groups+=("strata-langfuse strata-langfuse-noop" psql-langfuse)
else
  echo "(corpus absent: skipping langfuse)" >&2
fi

# The database of a case in round $r: a deploy and its no-op rerun share one (both named by GROUP).
db_of() { echo "${prefix}_${r}_$1"; }
url_of() { echo "postgresql://postgres@$host:$port/$(db_of "$1")"; }
fresh() { "${psql[@]}" -d postgres -c "CREATE DATABASE $(db_of "$1")" >/dev/null 2>&1; }
run_case() {
  case $1 in
    strata-version) t0=$(date +%s%N); "${strata[@]}" --version >/dev/null ;;
    strata-trivial) fresh st; t0=$(date +%s%N); "${strata[@]}" migrate deploy --url "$(url_of st)" --migrations "$trivial" ${extra[@]+"${extra[@]}"} >/dev/null ;;
    strata-trivial-noop) t0=$(date +%s%N); "${strata[@]}" migrate deploy --url "$(url_of st)" --migrations "$trivial" ${extra[@]+"${extra[@]}"} >/dev/null ;;
    strata-trivial-status) t0=$(date +%s%N); "${strata[@]}" migrate status --url "$(url_of st)" --migrations "$trivial" >/dev/null ;;
    psql-trivial) fresh pt; t0=$(date +%s%N); "${psql[@]}" -d "$(db_of pt)" "${trivial_files[@]}" >/dev/null ;;
    strata-langfuse) fresh sl; t0=$(date +%s%N); "${strata[@]}" migrate deploy --url "$(url_of sl)" --migrations "$langfuse" ${extra[@]+"${extra[@]}"} >/dev/null ;;
    strata-langfuse-noop) t0=$(date +%s%N); "${strata[@]}" migrate deploy --url "$(url_of sl)" --migrations "$langfuse" ${extra[@]+"${extra[@]}"} >/dev/null ;;
    psql-langfuse) fresh pl; t0=$(date +%s%N); "${psql[@]}" -d "$(db_of pl)" "${langfuse_files[@]}" >/dev/null 2>&1 ;;
  esac
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}

order=(${groups[*]})
declare -A times
for ((r = 0; r < runs; r++)); do
  for ((g = 0; g < ${#groups[@]}; g++)); do
    for name in ${groups[$(((g + r) % ${#groups[@]}))]}; do
      t=$(run_case "$name") || { echo "case $name failed" >&2; exit 1; }
      times[$name]+="$t "
    done
  done
done

printf '%-22s %8s %8s %8s  (%s runs, %s, %s cores, load %s)\n' case median min max "$runs" "$(java -version 2>&1 | sed -n 1p)" \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for name in "${order[@]}"; do
  read -r -a arr <<<"${times[$name]}"
  sorted=($(printf '%s\n' "${arr[@]}" | sort -n))
  n=${#sorted[@]}
  printf '%-22s %8s %8s %8s\n' "$name" "${sorted[$((n / 2))]}" "${sorted[0]}" "${sorted[$((n - 1))]}"
done
