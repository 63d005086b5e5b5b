-- Columns of the views of the requested schemas (not those of extensions), one row per column,
-- with the type columns of tables.sql. A view column has no default, identity or NOT NULL.
SELECT n.nspname                              AS view_schema,
       c.relname                              AS view_name,
       a.attnum                               AS attnum,
       a.attname                              AS column_name,
       format_type(a.atttypid, a.atttypmod)   AS type_text,
       (t.typcategory = 'A' AND t.typtype <> 'd') AS is_array,
       et.typname                             AS elem_name,
       en.nspname                             AS elem_schema,
       et.typtype::text                       AS elem_typtype
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  JOIN pg_type t ON t.oid = a.atttypid
  JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typtype <> 'd' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
  JOIN pg_namespace en ON en.oid = et.typnamespace
 WHERE n.nspname = ANY (?::text[])
   AND c.relkind = 'v'
   AND NOT EXISTS (SELECT 1
                     FROM pg_depend ext
                    WHERE ext.classid = 'pg_class'::regclass
                      AND ext.objid = c.oid
                      AND ext.deptype = 'e')
 ORDER BY n.nspname, c.relname, a.attnum
