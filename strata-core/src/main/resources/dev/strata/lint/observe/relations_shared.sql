-- Every user relation with its storage file and its sequential-scan counters in the server's
-- shared statistics (read after pg_stat_force_next_flush()).
SELECT c.oid::int8 AS oid, c.relfilenode::int8 AS relfilenode, n.nspname, c.relname, c.relkind::text AS relkind,
       pg_catalog.pg_stat_get_numscans(c.oid) AS scans,
       pg_catalog.pg_stat_get_tuples_returned(c.oid) AS rows_read
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid >= 16384
  AND n.nspname NOT IN ('information_schema', 'strata_observe')
  AND n.nspname NOT LIKE 'pg\_toast%'
