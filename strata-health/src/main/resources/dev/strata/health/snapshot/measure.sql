-- Sizes now: the database, and every table (total size with indexes and TOAST, estimated rows).
SELECT 'database' AS kind, '' AS schema, current_database() AS name, pg_database_size(current_database()) AS bytes,
       (SELECT COALESCE(sum(greatest(c.reltuples, 0)), 0)::bigint FROM pg_class c WHERE c.relkind IN ('r', 'm')) AS row_count
UNION ALL
SELECT 'table', n.nspname, c.relname, pg_total_relation_size(c.oid), greatest(c.reltuples, 0)::bigint
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'm', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
