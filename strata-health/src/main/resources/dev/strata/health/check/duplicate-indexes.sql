-- Indexes identical to another on the same table (same columns, operator classes, collations,
-- expressions, predicate and method). The first of each group is kept: primary key, then unique,
-- then constraint-backed, then by name.
WITH idx AS (
  SELECT n.nspname AS schema, t.relname AS table, ic.relname AS index, i.indexrelid, i.indrelid,
         i.indisprimary, i.indisunique,
         i.indexrelid IN (SELECT conindid FROM pg_constraint WHERE conindid <> 0) AS backs_constraint,
         i.indkey::text || '|' || i.indclass::text || '|' || i.indcollation::text || '|'
           || COALESCE(pg_get_expr(i.indexprs, i.indrelid), '') || '|' || COALESCE(pg_get_expr(i.indpred, i.indrelid), '')
           || '|' || ic.relam::text AS signature
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  WHERE i.indisvalid
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
)
SELECT schema, "table", indexes, backs,
       -- Sizes only for the groups found (an aggregate over every index would open them all).
       pg_size_pretty((SELECT sum(pg_relation_size(o)) - max(pg_relation_size(o)) FROM unnest(oids) o)) AS wasted
FROM (
  SELECT schema, "table",
         array_agg(index ORDER BY indisprimary DESC, indisunique DESC, backs_constraint DESC, index) AS indexes,
         array_agg(backs_constraint ORDER BY indisprimary DESC, indisunique DESC, backs_constraint DESC, index) AS backs,
         array_agg(indexrelid) AS oids
  FROM idx
  GROUP BY schema, "table", indrelid, signature
  HAVING count(*) > 1
) groups
ORDER BY schema, "table"
