-- Views of the requested schemas with their definitions, not counting views of extensions.
SELECT n.nspname                      AS view_schema,
       c.relname                      AS view_name,
       pg_get_viewdef(c.oid, true)    AS definition
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ANY (?::text[])
   AND c.relkind = 'v'
   AND NOT EXISTS (SELECT 1
                     FROM pg_depend ext
                    WHERE ext.classid = 'pg_class'::regclass
                      AND ext.objid = c.oid
                      AND ext.deptype = 'e')
 ORDER BY c.relname, n.nspname
