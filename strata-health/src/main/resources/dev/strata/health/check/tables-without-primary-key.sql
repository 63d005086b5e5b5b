-- Tables without a primary key (logical replication cannot update or delete their rows, tools
-- cannot address one row). Partitions are judged through their parent.
-- A unique index that can become the primary key (plain columns, no predicate, valid) is named,
-- the one of fewest columns; and whether the table has a column "id" already.
SELECT n.nspname AS schema, c.relname AS table, greatest(c.reltuples, 0)::bigint AS estimated_rows,
       (SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = c.oid AND x.indisunique AND x.indisvalid AND x.indpred IS NULL AND x.indexprs IS NULL
          AND i.relam = (SELECT oid FROM pg_am WHERE amname = 'btree')
        ORDER BY x.indnatts, i.relname LIMIT 1) AS unique_index,
       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'id' AND a.attnum > 0 AND NOT a.attisdropped) AS has_id
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
ORDER BY 1, 2
