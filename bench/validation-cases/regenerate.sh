#!/usr/bin/env bash
# Regenerates the expected block of strata-core/src/test/resources/validation-cases/**/*.prisma
# with the real Prisma 7 CLI.
#
#   bench/validation-cases/regenerate.sh [/path/to/prisma-oracle] [case.prisma ...]
#
# For each case, the trailing block of "// " lines is removed, `prisma validate` runs on the rest,
# and Prisma's diagnostics (colours removed, the file named schema.prisma) are appended again as
# "// " lines; a valid schema gets a "// valid" line. ValidationCasesGoldenTest reads that block.
set -euo pipefail
oracle=${1:-/tmp/prisma-oracle}
shift || true
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cases=$(cd "$here/../../strata-core/src/test/resources/validation-cases" && pwd)
files=()
for arg in "$@"; do files+=("$(readlink -f "$arg")"); done
if [ ${#files[@]} -eq 0 ]; then mapfile -t files < <(find "$cases" -name '*.prisma' | sort); fi
cd "$oracle" && . ./env.sh
for file in "${files[@]}"; do
  tmp=$(mktemp -d)
  python3 - "$file" "$tmp/schema.prisma" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
while lines and lines[-1].strip() == "":
    lines.pop()
while lines and lines[-1].startswith("//"):
    lines.pop()
while lines and lines[-1].strip() == "":
    lines.pop()
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
  npx prisma validate --schema "$tmp/schema.prisma" >"$tmp/out" 2>&1 || true
  python3 - "$tmp/schema.prisma" "$tmp/out" "$file" "$tmp" <<'PY'
import re, sys
schema, out, target, tmp = sys.argv[1:5]
text = re.sub(r"\x1b\[[0-9;]*m", "", open(out, encoding="utf-8").read())
block = []
capture = False
for line in text.split("\n"):
    if re.match(r"^(error|warning)(\[[^\]]*\])?: ", line):
        capture = True
    elif line.startswith("Validation Error Count") or line.startswith("[Context"):
        capture = False
    if capture:
        block.append(line.replace(tmp + "/", "").rstrip())
while block and block[-1].strip() == "":
    block.pop()
if not block:
    if "is valid" not in text:
        sys.exit("unexpected output from prisma validate:\n" + text)
    block = ["valid"]
body = open(schema, encoding="utf-8").read()
open(target, "w", encoding="utf-8").write(body + "\n" + "\n".join("// " + l for l in block if l.strip()) + "\n")
PY
  echo "ok   ${file#$cases/}"
  rm -rf "$tmp"
done
