-- Tables of the requested schemas with their columns, one row per column (a table without
-- columns gives one row whose attnum is NULL). Leaves out partitions, Prisma's and Strata's
-- bookkeeping tables and tables that belong to an extension (PostGIS's spatial_ref_sys).
-- No ORDER BY: sorting 10,000 wide rows spills to disk at the default work_mem, and the reader
-- orders columns by attnum itself.
-- serial_sequence names the sequence a column owns AND whose nextval() its default calls: that
-- pair is what SERIAL creates, so it is reported as autoincrement rather than as a default.
SELECT c.oid::bigint                           AS table_oid,
       n.nspname                               AS table_schema,
       c.relname                               AS table_name,
       a.attnum                                AS attnum,
       a.attname                               AS column_name,
       a.attnotnull                            AS not_null,
       a.attidentity::text                     AS identity,
       a.attgenerated::text                    AS generated,
       format_type(a.atttypid, a.atttypmod)    AS type_text,
       (t.typcategory = 'A' AND t.typtype <> 'd') AS is_array,
       et.typname                              AS elem_name,
       en.nspname                              AS elem_schema,
       et.typtype::text                        AS elem_typtype,
       -- Defaults never refer to columns, so they deparse without the table (relid 0), which is
       -- several times faster; generated columns do refer to columns and need it.
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, 0)
            ELSE pg_get_expr(d.adbin, d.adrelid) END AS default_expr,
       owned.sequence_name                     AS serial_sequence
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_type t ON t.oid = a.atttypid
  -- A domain over an array is a domain (unsupported), not an array of the base element type.
  LEFT JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typtype <> 'd' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
  LEFT JOIN pg_namespace en ON en.oid = et.typnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
  LEFT JOIN (SELECT dep.refobjid, dep.refobjsubid, s.oid AS sequence_oid, s.relname AS sequence_name
               FROM pg_depend dep
               JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
              WHERE dep.classid = 'pg_class'::regclass
                AND dep.refclassid = 'pg_class'::regclass
                AND dep.deptype = 'a') owned
         ON owned.refobjid = c.oid
        AND owned.refobjsubid = a.attnum
        AND EXISTS (SELECT 1
                      FROM pg_depend used
                     WHERE used.classid = 'pg_attrdef'::regclass
                       AND used.objid = d.oid
                       AND used.refclassid = 'pg_class'::regclass
                       AND used.refobjid = owned.sequence_oid)
 WHERE n.nspname = ANY (?::text[])
   AND c.relkind IN ('r', 'p')
   AND NOT c.relispartition
   AND c.relname <> '_prisma_migrations'
   AND c.relname NOT LIKE '\_strata\_%'
   AND c.oid NOT IN (SELECT ext.objid
                       FROM pg_depend ext
                      WHERE ext.classid = 'pg_class'::regclass
                        AND ext.deptype = 'e')
