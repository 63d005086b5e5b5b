-- Constraints added NOT VALID and never validated: rows written before them are not checked.
SELECT n.nspname AS schema,
       t.relname AS table,
       c.conname AS constraint,
       CASE c.contype WHEN 'f' THEN 'foreign key' WHEN 'c' THEN 'check' ELSE c.contype::text END AS kind,
       pg_get_constraintdef(c.oid) AS definition
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE NOT c.convalidated
ORDER BY 1, 2, 3
