-- Share of table and index block reads served from shared buffers since the statistics were reset.
SELECT 'tables' AS kind,
       sum(heap_blks_hit) AS hits,
       sum(heap_blks_read) AS reads,
       round(100.0 * sum(heap_blks_hit) / nullif(sum(heap_blks_hit) + sum(heap_blks_read), 0), 3) AS hit_percent
FROM pg_statio_user_tables
UNION ALL
SELECT 'indexes',
       sum(idx_blks_hit),
       sum(idx_blks_read),
       round(100.0 * sum(idx_blks_hit) / nullif(sum(idx_blks_hit) + sum(idx_blks_read), 0), 3)
FROM pg_statio_user_indexes
