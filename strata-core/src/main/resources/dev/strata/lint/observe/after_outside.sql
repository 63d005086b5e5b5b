-- After a statement that ran outside a transaction (PostgreSQL 15+, where the backend's
-- statistics were flushed just before it, so that its pending counters are the statement's):
--  'L' rows: the relations sampled as locked ($3): storage file now (n2; null when dropped or
--      without storage) and pending sequential-scan counters (n3 scans, n4 rows read);
--  'N' rows: relations newer than the ones the observer knows (oid above $1), with their storage
--      file and schema, name and kind (t2-t4).
-- The observer adds flush_next.sql's and ddl_log.sql's rows with UNION ALL.
SELECT 'L' AS what, s.oid AS n1, pg_catalog.pg_relation_filenode(s.oid::oid)::int8 AS n2,
       pg_catalog.pg_stat_get_xact_numscans(s.oid::oid) AS n3, pg_catalog.pg_stat_get_xact_tuples_returned(s.oid::oid) AS n4,
       NULL::text AS t1, NULL::text AS t2, NULL::text AS t3, NULL::text AS t4
FROM pg_catalog.unnest($3::int8[]) AS s(oid)
UNION ALL
SELECT 'N', c.oid::int8, c.relfilenode::int8, NULL, NULL, NULL, n.nspname::text, c.relname::text, c.relkind::text
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid > $1::oid
