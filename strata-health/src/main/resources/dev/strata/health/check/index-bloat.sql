-- B-tree index bloat, estimated from the planner statistics (pghero's idea): the leaf pages the
-- entries would fill at the index's fillfactor (default 90), from the key columns' average widths,
-- against the pages the index has. Expression indexes and columns without statistics are left
-- out. Parameter: minimum index bytes.
WITH idx AS (
  SELECT n.nspname AS schema, t.relname AS table, ic.relname AS index, ic.oid AS indexrelid, i.indrelid,
         ic.reltuples, ic.relpages, current_setting('block_size')::numeric AS bs,
         COALESCE(substring(array_to_string(ic.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::int, 90) AS fillfactor,
         string_to_array(i.indkey::text, ' ')::int2[] AS cols
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_am am ON am.oid = ic.relam
  WHERE am.amname = 'btree' AND i.indexprs IS NULL AND ic.relpages > 1 AND i.indisvalid
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
    AND pg_relation_size(ic.oid) >= ?
), w AS (
  SELECT idx.indexrelid, count(st.avg_width) AS known, count(*) AS ncols, sum(st.avg_width) AS key_width
  FROM idx
  CROSS JOIN LATERAL unnest(idx.cols) AS k(attnum)
  JOIN pg_attribute a ON a.attrelid = idx.indrelid AND a.attnum = k.attnum
  LEFT JOIN pg_stats st ON st.schemaname = idx.schema AND st.tablename = idx.table AND st.attname = a.attname AND NOT st.inherited
  GROUP BY idx.indexrelid
), e AS (
  -- an entry: 8-byte index tuple header and the key, aligned to 8, plus a 4-byte line pointer;
  -- a page: 8 KB less the 24-byte header and the 16-byte b-tree special space; plus the meta page
  SELECT idx.*, 1 + ceil(greatest(idx.reltuples, 0) * (ceil((8 + w.key_width) / 8.0) * 8 + 4)
           / ((idx.bs - 24 - 16) * idx.fillfactor / 100.0))::numeric AS expected_pages
  FROM idx JOIN w ON w.indexrelid = idx.indexrelid
  WHERE w.known = w.ncols
)
SELECT schema, "table", index,
       pg_size_pretty(relpages * bs) AS size,
       greatest(relpages - expected_pages, 0) * bs AS bloat_bytes,
       pg_size_pretty(greatest(relpages - expected_pages, 0) * bs) AS bloat,
       round(100 * greatest(relpages - expected_pages, 0) / relpages, 1) AS bloat_percent
FROM e
ORDER BY bloat_bytes DESC
