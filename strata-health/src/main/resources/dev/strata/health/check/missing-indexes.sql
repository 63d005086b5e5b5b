-- Large tables read mostly by sequential scans. Parameters: minimum live rows, maximum percent of
-- scans that used an index.
SELECT schemaname AS schema,
       relname AS table,
       seq_scan,
       COALESCE(idx_scan, 0) AS idx_scan,
       round(100.0 * COALESCE(idx_scan, 0) / (seq_scan + COALESCE(idx_scan, 0)), 1) AS index_use_percent,
       seq_tup_read,
       n_live_tup AS live_rows
FROM pg_stat_user_tables
WHERE seq_scan > 0
  AND n_live_tup >= ?
  AND 100.0 * COALESCE(idx_scan, 0) / (seq_scan + COALESCE(idx_scan, 0)) < ?
ORDER BY seq_tup_read DESC
