-- After a statement, inside its transaction: the relation locks the own backend holds (n1 oid,
-- t1 mode), each relation's storage file now (n2; null when the relation was dropped or has no
-- storage) and its pending sequential-scan counters (n3 scans, n4 rows read). The observer adds
-- ddl_log.sql's rows with UNION ALL, and on PostgreSQL 15+ a row that asks for the backend's
-- statistics to be flushed when it is next idle (after the commit), so that every transaction
-- starts with no pending counts.
SELECT 'L' AS what, l.relation::int8 AS n1, pg_catalog.pg_relation_filenode(l.relation)::int8 AS n2,
       pg_catalog.pg_stat_get_xact_numscans(l.relation) AS n3, pg_catalog.pg_stat_get_xact_tuples_returned(l.relation) AS n4,
       l.mode AS t1, NULL::text AS t2, NULL::text AS t3, NULL::text AS t4
FROM pg_catalog.pg_locks l
WHERE l.pid = pg_catalog.pg_backend_pid()
  AND l.locktype = 'relation'
  AND l.granted
  AND l.relation >= 16384
