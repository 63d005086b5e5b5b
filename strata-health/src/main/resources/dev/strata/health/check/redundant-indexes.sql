-- Indexes whose columns are a strict left prefix of another valid index of the same method on the
-- same table: every query the short one serves, the long one serves too. Unique, constraint-backed,
-- partial and expression indexes are never reported. (Column lists are compared as 1-based arrays:
-- a slice of a cast int2vector keeps the vector's 0 lower bound and never compares equal.)
WITH idx AS (
  SELECT i.indexrelid, i.indrelid, ic.relam, ic.relname AS index, i.indisunique, i.indpred, i.indexprs,
         string_to_array(i.indkey::text, ' ')::int2[] AS cols,
         string_to_array(i.indclass::text, ' ')::oid[] AS classes
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  WHERE i.indisvalid
)
SELECT n.nspname AS schema, t.relname AS table, a.index AS index,
       pg_size_pretty(pg_relation_size(a.indexrelid)) AS size,
       string_agg(b.index, ', ' ORDER BY b.index) AS covered_by
FROM idx a
JOIN idx b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid AND b.relam = a.relam
  AND cardinality(b.cols) > cardinality(a.cols)
  AND b.cols[1:cardinality(a.cols)] = a.cols
  AND b.classes[1:cardinality(a.classes)] = a.classes
  AND b.indexprs IS NULL AND b.indpred IS NULL
JOIN pg_class t ON t.oid = a.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE NOT a.indisunique AND a.indpred IS NULL AND a.indexprs IS NULL
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = a.indexrelid)
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
GROUP BY n.nspname, t.relname, a.index, a.indexrelid
ORDER BY 1, 2, 3
