-- After a statement, inside its transaction: the relation locks the own backend holds, each with
-- the relation's storage file and pending sequential-scan counters (a relation dropped by the
-- statement has no pg_class row any more: its columns are null).
SELECT l.relation::int8 AS oid, l.mode, c.relfilenode::int8 AS relfilenode, n.nspname, c.relname, c.relkind::text AS relkind,
       pg_catalog.pg_stat_get_xact_numscans(l.relation) AS scans,
       pg_catalog.pg_stat_get_xact_tuples_returned(l.relation) AS rows_read
FROM pg_catalog.pg_locks l
LEFT JOIN pg_catalog.pg_class c ON c.oid = l.relation
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE l.pid = pg_catalog.pg_backend_pid()
  AND l.locktype = 'relation'
  AND l.granted
  AND l.relation >= 16384
  AND (n.nspname IS NULL OR (n.nspname NOT IN ('information_schema', 'strata_observe') AND n.nspname NOT LIKE 'pg\_toast%'))
