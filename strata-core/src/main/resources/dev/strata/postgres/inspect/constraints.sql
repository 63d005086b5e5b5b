-- Primary keys, foreign keys and check constraints of the given tables (oids), columns in key
-- order. Foreign keys cloned onto partitions of a referenced partitioned table (conparentid set)
-- are implementation detail and left out.
SELECT con.conrelid::bigint                 AS table_oid,
       con.conname                          AS name,
       con.contype::text                    AS type,
       (SELECT array_agg(a.attname::text ORDER BY k.ord)
          FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS columns,
       rn.nspname                           AS ref_schema,
       rc.relname                           AS ref_table,
       (SELECT array_agg(a.attname::text ORDER BY k.ord)
          FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS ref_columns,
       con.confdeltype::text                AS on_delete,
       con.confupdtype::text                AS on_update,
       CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END AS check_expression
  FROM pg_constraint con
  LEFT JOIN pg_class rc ON rc.oid = con.confrelid
  LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
 WHERE con.conrelid = ANY (?::bigint[]::oid[])
   AND con.contype IN ('p', 'f', 'c')
   AND con.conparentid = 0
 ORDER BY con.conrelid, con.conname
