-- Indexes of the given tables (oids), one row per key column in key order; primary keys and
-- exclusion constraints are left out (the first is read as a constraint, the second has no IR).
-- Operator classes are named only when they are not the default for their type, as Prisma writes
-- them only then. Predicates are printed in pretty mode (no outer parentheses), as a user writes them.
SELECT i.indrelid::bigint                                        AS table_oid,
       ic.relname                                                AS index_name,
       i.indisunique                                             AS is_unique,
       upper(am.amname)                                          AS method,
       pg_get_expr(i.indpred, i.indrelid, true)                  AS predicate,
       (con.contype = 'u')                                       AS is_constraint,
       k.ord                                                     AS key_ordinal,
       CASE WHEN k.attnum <> 0 THEN a.attname END                AS column_name,
       CASE WHEN k.attnum = 0
            THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) END AS expression,
       ((i.indoption[k.ord - 1] & 1) = 1)                        AS descending,
       CASE WHEN NOT opc.opcdefault THEN opc.opcname END         AS opclass
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_am am ON am.oid = ic.relam
  LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
  CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indclass::oid[]) WITH ORDINALITY AS k(attnum, opclass, ord)
  LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
  LEFT JOIN pg_opclass opc ON opc.oid = k.opclass
 WHERE i.indrelid = ANY (?::bigint[]::oid[])
   AND NOT i.indisprimary
   AND (con.contype IS NULL OR con.contype = 'u')
   AND k.ord <= i.indnkeyatts
 ORDER BY i.indrelid, ic.relname, k.ord
