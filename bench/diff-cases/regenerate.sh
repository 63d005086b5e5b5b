#!/usr/bin/env bash
# Regenerates strata-core/src/test/resources/diff-cases/*/expected.sql with the real Prisma 7 CLI.
#
#   bench/diff-cases/regenerate.sh [/path/to/prisma-oracle] [case ...]
#
# For each case folder holding from.prisma and to.prisma, runs
#   prisma migrate diff --from-schema from.prisma --to-schema to.prisma --script -o expected.sql
# `migrate diff` appends one extra newline after the script; it is removed so expected.sql has the
# bytes `migrate dev` writes to migration.sql (ending in ";\n", or no newline for the empty marker).
# A case without from.prisma is run with --from-empty instead (no namespace at all: Prisma then
# creates the default schema too, with CREATE SCHEMA IF NOT EXISTS "public").
# from.prisma may hold only a datasource (an empty database with its default schema: unlike
# --from-empty, that emits no CREATE SCHEMA for "public", which matches migrate dev).
set -euo pipefail
oracle=${1:-/tmp/prisma-oracle}
shift || true
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cases=$here/../../strata-core/src/test/resources/diff-cases
cd "$oracle" && . ./env.sh
names=("$@")
if [ ${#names[@]} -eq 0 ]; then names=($(cd "$cases" && ls -d */ | tr -d /)); fi
for name in "${names[@]}"; do
  dir=$cases/$name
  tmp=$(mktemp)
  from=(--from-schema "$dir/from.prisma")
  if [ ! -f "$dir/from.prisma" ]; then from=(--from-empty); fi
  if npx prisma migrate diff "${from[@]}" --to-schema "$dir/to.prisma" --script -o "$tmp" >/dev/null 2>"$tmp.err"; then
    python3 - "$tmp" "$dir/expected.sql" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
if text.endswith("\n"):
    text = text[:-1]
if text.strip() == "-- This is an empty migration.":
    text = "-- This is an empty migration."
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
    echo "ok   $name"
  else
    echo "FAIL $name"; cat "$tmp.err"
  fi
  rm -f "$tmp" "$tmp.err"
done
