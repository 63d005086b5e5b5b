-- The planner's row estimate and the size on disk (with indexes and TOAST) of every table in the namespaces given as ?1 (a text array):
-- reltuples is -1 for a table never vacuumed or analysed (PostgreSQL 14+), 0 before 14.
SELECT n.nspname, c.relname, c.reltuples::bigint, pg_catalog.pg_total_relation_size(c.oid)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname = ANY (?)
