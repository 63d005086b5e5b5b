#!/usr/bin/env bash
# Replays a Prisma migrations folder into a fresh database with plain psql, the way the corpus-drift
# ground truth was made (every migration.sql in folder order, statement by statement, stop at the
# first error). Used to give Prisma's `migrate diff --from-config-datasource` a migrated database.
# Prints the wall time of the replay (ms) on stderr.
#   bench/replay-psql.sh <migrations-dir> <database-name> [host] [port]
set -euo pipefail
dir=$1 db=$2 host=${3:-127.0.0.1} port=${4:-5432}
psql=(psql -X -q -h "$host" -p "$port" -U postgres -v ON_ERROR_STOP=1)
"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\""
start=$(date +%s%N)
# Folder names sort the same in C order and in Prisma's localeCompare order for the corpus.
# (Folder names may hold spaces: langfuse has "… copy".)
while IFS= read -r f; do
  [ -f "$dir/$f/migration.sql" ] || continue
  "${psql[@]}" -d "$db" -f "$dir/$f/migration.sql" >/dev/null
done < <(cd "$dir" && LC_ALL=C ls -d -- */ | sed 's#/$##')
echo "replayed $(cd "$dir" && ls -d */ | wc -l) folders into $db in $(( ($(date +%s%N) - start) / 1000000 )) ms" >&2
