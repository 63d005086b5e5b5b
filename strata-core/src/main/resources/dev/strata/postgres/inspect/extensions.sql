-- Installed extensions, except plpgsql, which every database has and no schema declares.
SELECT e.extname    AS name,
       n.nspname    AS extension_schema,
       e.extversion AS version
  FROM pg_extension e
  JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE e.extname <> 'plpgsql'
 ORDER BY e.extname
