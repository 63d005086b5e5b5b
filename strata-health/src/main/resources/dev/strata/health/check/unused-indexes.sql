-- Indexes never scanned since the statistics were reset, at least the given size; unique and
-- constraint-backed indexes are left out (they enforce something). Parameter: minimum bytes.
SELECT s.schemaname AS schema,
       s.relname AS table,
       s.indexrelname AS index,
       pg_relation_size(s.indexrelid) AS bytes,
       pg_size_pretty(pg_relation_size(s.indexrelid)) AS size,
       s.idx_scan AS scans
FROM pg_stat_user_indexes s
JOIN pg_index i ON i.indexrelid = s.indexrelid
WHERE s.idx_scan = 0
  AND NOT i.indisunique
  AND NOT i.indisprimary
  AND s.indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conindid <> 0)
  AND pg_relation_size(s.indexrelid) >= ?
ORDER BY pg_relation_size(s.indexrelid) DESC, s.indexrelname
