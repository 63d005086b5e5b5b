#!/usr/bin/env bash
# Regenerates strata-core/src/test/resources/format-cases/*/expected.prisma with the real Prisma 7 CLI.
#
#   bench/format-cases/regenerate.sh [/path/to/prisma-oracle] [case ...]
#
# For each case folder holding input.prisma, copies it to expected.prisma and runs
# `prisma format --schema expected.prisma` on the copy (Prisma rewrites it in place).
set -euo pipefail
oracle=${1:-/tmp/prisma-oracle}
shift || true
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cases=$here/../../strata-core/src/test/resources/format-cases
cd "$oracle" && . ./env.sh
names=("$@")
if [ ${#names[@]} -eq 0 ]; then names=($(cd "$cases" && ls -d */ | tr -d /)); fi
for name in "${names[@]}"; do
  dir=$cases/$name
  cp "$dir/input.prisma" "$dir/expected.prisma"
  if npx prisma format --schema "$dir/expected.prisma" >/dev/null 2>"$dir/.err"; then
    echo "ok   $name"
  else
    echo "FAIL $name"; cat "$dir/.err"; rm -f "$dir/expected.prisma"
  fi
  rm -f "$dir/.err"
done
