-- Tables with more dead rows than autovacuum's trigger point (threshold + scale factor × live rows,
-- the table's own settings first), and no vacuum for a while. Parameters: minimum dead rows,
-- hours since the last vacuum.
WITH t AS (
  SELECT s.relid, s.schemaname, s.relname, s.n_live_tup, s.n_dead_tup,
         greatest(s.last_vacuum, s.last_autovacuum) AS last_vacuum,
         COALESCE((SELECT split_part(o, '=', 2)::numeric FROM unnest(c.reloptions) o WHERE o LIKE 'autovacuum_vacuum_threshold=%'),
                  current_setting('autovacuum_vacuum_threshold')::numeric) AS threshold,
         COALESCE((SELECT split_part(o, '=', 2)::numeric FROM unnest(c.reloptions) o WHERE o LIKE 'autovacuum_vacuum_scale_factor=%'),
                  current_setting('autovacuum_vacuum_scale_factor')::numeric) AS scale_factor
  FROM pg_stat_user_tables s
  JOIN pg_class c ON c.oid = s.relid
)
SELECT schemaname AS schema, relname AS table, n_dead_tup AS dead_rows, n_live_tup AS live_rows,
       round(100.0 * n_dead_tup / greatest(n_live_tup + n_dead_tup, 1), 1) AS dead_percent,
       COALESCE(to_char(last_vacuum, 'YYYY-MM-DD HH24:MI'), 'never') AS last_vacuum
FROM t
WHERE n_dead_tup > threshold + scale_factor * n_live_tup
  AND n_dead_tup >= ?
  AND (last_vacuum IS NULL OR last_vacuum < now() - make_interval(secs => ? * 3600))
ORDER BY n_dead_tup DESC
