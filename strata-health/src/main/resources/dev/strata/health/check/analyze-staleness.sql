-- Tables changed past autovacuum's analyze trigger point (threshold + scale factor × live rows)
-- with no ANALYZE for a while: the planner works from old statistics. Parameters: minimum rows
-- changed, hours since the last analyze.
SELECT schemaname AS schema, relname AS table, n_mod_since_analyze AS changed_rows, n_live_tup AS live_rows,
       COALESCE(to_char(greatest(last_analyze, last_autoanalyze), 'YYYY-MM-DD HH24:MI'), 'never') AS last_analyze
FROM pg_stat_user_tables
WHERE n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::numeric
        + current_setting('autovacuum_analyze_scale_factor')::numeric * n_live_tup
  AND n_mod_since_analyze >= ?
  AND (greatest(last_analyze, last_autoanalyze) IS NULL
       OR greatest(last_analyze, last_autoanalyze) < now() - make_interval(secs => ? * 3600))
ORDER BY n_mod_since_analyze DESC
