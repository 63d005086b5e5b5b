-- Foreign keys whose columns do not lead any valid, non-partial index of the referencing table:
-- deleting or updating a referenced row then scans that table. Parameter: minimum estimated rows.
SELECT n.nspname AS schema,
       t.relname AS table,
       c.conname AS foreign_key,
       array_agg(a.attname ORDER BY k.ord) AS columns,
       c.confrelid::regclass::text AS references,
       greatest(t.reltuples, 0)::bigint AS estimated_rows
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
WHERE c.contype = 'f'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND greatest(t.reltuples, 0) >= ?
  AND NOT EXISTS (
    SELECT 1 FROM pg_index i
    WHERE i.indrelid = c.conrelid AND i.indisvalid AND i.indpred IS NULL
      AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey
      AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] <@ c.conkey)
GROUP BY n.nspname, t.relname, c.conname, c.confrelid, t.reltuples
ORDER BY 1, 2, 3
