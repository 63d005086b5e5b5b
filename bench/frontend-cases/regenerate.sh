#!/usr/bin/env bash
# Regenerates the expected results of strata-core/src/test/resources/frontend-cases from the real
# Prisma 7 CLI (the offline oracle of ../shared/tools/prisma-oracle, installed in ORACLE_DIR).
#   validation/NAME.prisma: the trailing block of `// ` lines is `prisma validate`'s errors, in its
#                           order (message, then `-->  schema.prisma:LINE`), as in Prisma's fixtures.
#   format/NAME.prisma:     NAME.formatted.prisma holds what `prisma format` wrote (exit 0), or
#                           NAME.errors its errors when it refused (exit 1, file left unchanged).
# Usage: bench/frontend-cases/regenerate.sh ORACLE_DIR [NAME...]
set -euo pipefail
oracle="$(cd "$1" && pwd)"; shift
root="$(cd "$(dirname "$0")/../.." && pwd)/strata-core/src/test/resources/frontend-cases"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$oracle" && . ./env.sh

wanted() { [ $# -le 1 ] && return 0; local n; for n in "${@:2}"; do [ "$n" = "$1" ] && return 0; done; return 1; }

# Prisma's error lines, ANSI stripped: "error: MESSAGE" and "  -->  schema.prisma:LINE".
errors_of() {
  sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -E '^(error|warning)(\[[^]]*\])?: |^\s+-->' \
    | sed -E 's#-->\s+.*/schema\.prisma:#-->  schema.prisma:#'
}

for case in "$root"/validation/*.prisma; do
  name="$(basename "$case" .prisma)"
  wanted "$name" "$@" || continue
  # The schema without its expected block (and the blank lines before it).
  awk '{ l[NR] = $0 } END { n = NR; while (n > 0 && (l[n] ~ /^\/\/ / || l[n] ~ /^[[:space:]]*$/)) n--; for (i = 1; i <= n; i++) print l[i] }' \
    "$case" > "$work/schema.prisma"
  npx prisma validate --schema "$work/schema.prisma" > "$work/out" 2>&1 || true
  { cat "$work/schema.prisma"; echo; errors_of "$work/out" | sed 's#^#// #'; } > "$case"
done

for case in "$root"/format/*.prisma; do
  name="$(basename "$case" .prisma)"
  case "$name" in *.formatted) continue ;; esac
  wanted "$name" "$@" || continue
  cp "$case" "$work/schema.prisma"
  rm -f "$root/format/$name.formatted.prisma" "$root/format/$name.errors"
  if npx prisma format --schema "$work/schema.prisma" > "$work/out" 2>&1; then
    cp "$work/schema.prisma" "$root/format/$name.formatted.prisma"
  else
    cmp -s "$case" "$work/schema.prisma" || { echo "$name: prisma format failed but changed the file" >&2; exit 1; }
    errors_of "$work/out" > "$root/format/$name.errors"
  fi
done
