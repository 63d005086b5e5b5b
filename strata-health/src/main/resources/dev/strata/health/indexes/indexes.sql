-- Every index of the user tables: its columns by name (expressions as written), kind, scans, size,
-- and a signature equal for identical indexes.
SELECT n.nspname AS schema, t.relname AS table, ic.relname AS index,
       ARRAY(SELECT COALESCE(a.attname, pg_get_indexdef(i.indexrelid, k.ord::int, true))
             FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
             WHERE k.ord <= i.indnkeyatts
             ORDER BY k.ord) AS columns,
       i.indisunique AS unique, i.indisprimary AS primary, i.indisvalid AS valid,
       COALESCE(s.idx_scan, 0) AS scans,
       pg_size_pretty(pg_relation_size(i.indexrelid)) AS size,
       i.indkey::text || '|' || i.indclass::text || '|' || COALESCE(pg_get_expr(i.indexprs, i.indrelid), '') || '|'
         || COALESCE(pg_get_expr(i.indpred, i.indrelid), '') || '|' || ic.relam::text AS signature,
       i.indexrelid IN (SELECT conindid FROM pg_constraint WHERE conindid <> 0) AS backs_constraint
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'strata') AND n.nspname NOT LIKE 'pg\_toast%'
ORDER BY 1, 2, i.indisprimary DESC, i.indisunique DESC, 3
