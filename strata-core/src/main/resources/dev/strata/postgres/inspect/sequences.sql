-- Sequences of the requested schemas with the column that owns them (OWNED BY), if any. Identity
-- sequences (deptype 'i') are part of their column and extension sequences belong to the
-- extension; both are left out. Serial sequences are dropped later, knowing the columns.
SELECT n.nspname        AS sequence_schema,
       s.relname        AS sequence_name,
       owner.relname    AS owner_table,
       a.attname        AS owner_column
  FROM pg_class s
  JOIN pg_namespace n ON n.oid = s.relnamespace
  LEFT JOIN pg_depend dep ON dep.classid = 'pg_class'::regclass
                         AND dep.objid = s.oid
                         AND dep.refclassid = 'pg_class'::regclass
                         AND dep.refobjsubid > 0
                         AND dep.deptype IN ('a', 'i')
  LEFT JOIN pg_class owner ON owner.oid = dep.refobjid
  LEFT JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
 WHERE n.nspname = ANY (?::text[])
   AND s.relkind = 'S'
   AND (dep.deptype IS NULL OR dep.deptype = 'a')
   AND NOT EXISTS (SELECT 1
                     FROM pg_depend ext
                    WHERE ext.classid = 'pg_class'::regclass
                      AND ext.objid = s.oid
                      AND ext.deptype = 'e')
 ORDER BY s.relname, n.nspname
