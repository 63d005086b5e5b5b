-- The largest tables: heap, indexes and TOAST separately. Parameters: how many candidates, how many.
-- Exact sizes open every relation (a table, its TOAST and each index): on thousands of tables that
-- is the cost of the check. So the tables are first ranked by an estimate that opens nothing (the
-- statistics' page counts of the table, its TOAST and its indexes; the heap's actual size for a
-- table never vacuumed or analyzed, whose page count is unknown), and only the first candidates
-- (a few times the limit) are measured exactly and ranked again.
WITH candidates AS (
  SELECT c.oid, n.nspname, c.relname, c.reltoastrelid, c.reltuples
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
  WHERE c.relkind IN ('r', 'm', 'p')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  ORDER BY CASE WHEN c.reltuples < 0 AND c.relkind <> 'p' THEN pg_relation_size(c.oid)
                ELSE c.relpages::bigint * current_setting('block_size')::bigint END
           + (COALESCE(t.relpages, 0)::bigint
              + COALESCE((SELECT sum(i.relpages) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid), 0)::bigint)
             * current_setting('block_size')::bigint DESC
  LIMIT ?
), measured AS (
  SELECT c.*, pg_total_relation_size(c.oid) AS total_bytes FROM candidates c
)
SELECT m.nspname AS schema,
       m.relname AS table,
       m.total_bytes,
       pg_size_pretty(m.total_bytes) AS total,
       pg_size_pretty(pg_relation_size(m.oid)) AS heap,
       pg_size_pretty(pg_indexes_size(m.oid)) AS indexes,
       pg_size_pretty(COALESCE(pg_total_relation_size(NULLIF(m.reltoastrelid, 0)), 0)) AS toast,
       greatest(m.reltuples, 0)::bigint AS estimated_rows
FROM measured m
ORDER BY m.total_bytes DESC, m.nspname, m.relname
LIMIT ?
