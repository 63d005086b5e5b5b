-- After a statement, inside its transaction: the relation locks the own backend holds (n1 oid,
-- t1 mode), each relation's storage file now (n2; null when the relation was dropped or has no
-- storage), its pending sequential-scan counters (n3 scans, n4 rows read) and, for relations
-- newer than the ones the observer knows (oid above NEWER_THAN), schema, name and kind (t2-t4).
-- The observer adds ddl_log.sql's rows with UNION ALL, and on PostgreSQL 15+ a row that asks for
-- the backend's statistics to be flushed when it is next idle (after the commit), so that every
-- transaction starts with no pending counts.
SELECT 'L' AS what, l.relation::int8 AS n1, pg_catalog.pg_relation_filenode(l.relation)::int8 AS n2,
       pg_catalog.pg_stat_get_xact_numscans(l.relation) AS n3, pg_catalog.pg_stat_get_xact_tuples_returned(l.relation) AS n4,
       l.mode AS t1, nm.nspname::text AS t2, nm.relname::text AS t3, nm.relkind AS t4
FROM pg_catalog.pg_locks l
LEFT JOIN LATERAL (
  SELECT n.nspname, c.relname, c.relkind::text AS relkind
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid = l.relation AND l.relation::int8 > NEWER_THAN
) nm ON true
WHERE l.pid = pg_catalog.pg_backend_pid()
  AND l.locktype = 'relation'
  AND l.granted
  AND l.relation >= 16384
