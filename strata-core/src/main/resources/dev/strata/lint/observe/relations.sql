-- Every user relation with its storage file and the backend's pending (this transaction's, and
-- not yet flushed) sequential-scan counters.
SELECT c.oid::int8 AS oid, c.relfilenode::int8 AS relfilenode, n.nspname, c.relname, c.relkind::text AS relkind,
       pg_catalog.pg_stat_get_xact_numscans(c.oid) AS scans,
       pg_catalog.pg_stat_get_xact_tuples_returned(c.oid) AS rows_read
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid >= 16384
  AND n.nspname NOT IN ('information_schema', 'strata_observe')
  AND n.nspname NOT LIKE 'pg\_toast%'
