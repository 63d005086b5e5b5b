-- Views of the requested schemas with their definitions and columns, one row per column (a view
-- without columns gives one row whose attnum is NULL), not counting views of extensions. The type
-- columns are those of tables.sql; a view's column has no default, identity or NOT NULL.
SELECT n.nspname                              AS view_schema,
       c.relname                              AS view_name,
       pg_get_viewdef(c.oid, true)            AS definition,
       a.attnum                               AS attnum,
       a.attname                              AS column_name,
       format_type(a.atttypid, a.atttypmod)   AS type_text,
       (t.typcategory = 'A' AND t.typtype <> 'd') AS is_array,
       et.typname                             AS elem_name,
       en.nspname                             AS elem_schema,
       et.typtype::text                       AS elem_typtype
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typtype <> 'd' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
  LEFT JOIN pg_namespace en ON en.oid = et.typnamespace
 WHERE n.nspname = ANY (?::text[])
   AND c.relkind = 'v'
   AND NOT EXISTS (SELECT 1
                     FROM pg_depend ext
                    WHERE ext.classid = 'pg_class'::regclass
                      AND ext.objid = c.oid
                      AND ext.deptype = 'e')
 ORDER BY c.relname, n.nspname, a.attnum
