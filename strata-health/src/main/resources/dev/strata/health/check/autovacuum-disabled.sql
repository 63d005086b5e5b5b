-- Tables with autovacuum turned off (for the table or its TOAST table), and the server-wide switch.
SELECT 'server' AS level, '' AS schema, '' AS table, 'autovacuum = off' AS setting
WHERE NOT current_setting('autovacuum')::boolean
UNION ALL
SELECT 'table', n.nspname, c.relname, array_to_string(c.reloptions, ', ')
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'm', 'p')
  AND (c.reloptions @> ARRAY['autovacuum_enabled=false'] OR c.reloptions @> ARRAY['toast.autovacuum_enabled=false']
       OR EXISTS (SELECT 1 FROM pg_class tc WHERE tc.oid = c.reltoastrelid AND tc.reloptions @> ARRAY['autovacuum_enabled=false']))
ORDER BY 1, 2, 3
