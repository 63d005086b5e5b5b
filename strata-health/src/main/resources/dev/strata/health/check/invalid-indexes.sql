-- Indexes left invalid (a failed CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY); indexes
-- being built right now are not reported.
SELECT n.nspname AS schema,
       t.relname AS table,
       ic.relname AS index,
       pg_size_pretty(pg_relation_size(ic.oid)) AS size,
       pg_get_indexdef(ic.oid) AS definition
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE NOT i.indisvalid
  AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid)
ORDER BY 1, 2, 3
