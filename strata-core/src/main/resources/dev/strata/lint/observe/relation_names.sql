-- The relations of the given oids that observations report (not TOAST, not the observer's own).
SELECT c.oid::int8 AS oid, c.relfilenode::int8 AS relfilenode, n.nspname, c.relname, c.relkind::text AS relkind,
       0::int8 AS scans, 0::int8 AS rows_read
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = ANY (?)
  AND n.nspname NOT IN ('information_schema', 'strata_observe')
  AND n.nspname NOT LIKE 'pg\_toast%'
