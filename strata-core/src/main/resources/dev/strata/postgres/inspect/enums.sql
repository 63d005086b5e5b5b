-- Enum types of the requested schemas with their values in declaration order (enumsortorder), not
-- counting enums that belong to an extension.
SELECT n.nspname  AS enum_schema,
       t.typname  AS enum_name,
       e.enumlabel AS value
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_enum e ON e.enumtypid = t.oid
 WHERE n.nspname = ANY (?::text[])
   AND t.typtype = 'e'
   AND NOT EXISTS (SELECT 1
                     FROM pg_depend ext
                    WHERE ext.classid = 'pg_type'::regclass
                      AND ext.objid = t.oid
                      AND ext.deptype = 'e')
 ORDER BY t.typname, n.nspname, e.enumsortorder
