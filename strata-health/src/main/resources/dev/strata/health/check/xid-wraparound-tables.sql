-- Transaction-ID age per table, the older of the table and its TOAST table. Parameter: minimum age.
SELECT n.nspname AS schema,
       c.relname AS table,
       greatest(age(c.relfrozenxid), COALESCE(age(t.relfrozenxid), 0)) AS xid_age,
       current_setting('autovacuum_freeze_max_age')::bigint AS autovacuum_freeze_max_age
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
WHERE c.relkind IN ('r', 'm')
  AND greatest(age(c.relfrozenxid), COALESCE(age(t.relfrozenxid), 0)) >= ?
ORDER BY xid_age DESC, n.nspname IN ('pg_catalog', 'information_schema'), n.nspname, c.relname  -- ties (after a freeze): user tables first
LIMIT 50
