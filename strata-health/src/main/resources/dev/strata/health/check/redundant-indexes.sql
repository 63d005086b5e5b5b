-- Indexes whose columns are a strict left prefix of another valid index of the same method on the
-- same table: every query the short one serves, the long one serves too. Unique, constraint-backed,
-- partial and expression indexes are never reported. (Column lists are compared as 1-based arrays:
-- a slice of a cast int2vector keeps the vector's 0 lower bound and never compares equal.) The
-- longer indexes are looked up per table through pg_index's own index on indrelid, so the cost
-- grows with the number of indexes, not its square.
SELECT n.nspname AS schema, t.relname AS table, ac.relname AS index,
       pg_size_pretty(pg_relation_size(a.indexrelid)) AS size,
       covering.names AS covered_by
FROM pg_index a
JOIN pg_class ac ON ac.oid = a.indexrelid
JOIN pg_class t ON t.oid = a.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL (
  SELECT string_agg(bc.relname, ', ' ORDER BY bc.relname) AS names
  FROM pg_index b
  JOIN pg_class bc ON bc.oid = b.indexrelid
  WHERE b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid AND bc.relam = ac.relam
    AND b.indisvalid AND b.indexprs IS NULL AND b.indpred IS NULL
    AND b.indnatts > a.indnatts
    AND (string_to_array(b.indkey::text, ' ')::int2[])[1:a.indnatts] = string_to_array(a.indkey::text, ' ')::int2[]
    AND (string_to_array(b.indclass::text, ' ')::oid[])[1:a.indnatts] = string_to_array(a.indclass::text, ' ')::oid[]
) AS covering
WHERE a.indisvalid AND NOT a.indisunique AND a.indpred IS NULL AND a.indexprs IS NULL
  AND covering.names IS NOT NULL
  AND a.indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conindid <> 0)
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY 1, 2, 3
