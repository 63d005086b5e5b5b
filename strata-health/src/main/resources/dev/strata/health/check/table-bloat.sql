-- Table bloat, estimated from the planner statistics (no table is read): the pages the rows would
-- need at the table's fillfactor, from each column's average width and null fraction in pg_stats,
-- against the pages the table has. Tables without statistics for every column are left out (run
-- ANALYZE). Parameter: minimum table bytes.
WITH t AS (
  SELECT c.oid, n.nspname AS schema, c.relname AS table, c.reltuples, c.relpages,
         current_setting('block_size')::numeric AS bs,
         COALESCE(substring(array_to_string(c.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::int, 100) AS fillfactor,
         (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS ncols
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'm') AND c.relpages > 0
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
    AND pg_relation_size(c.oid) >= ?
), s AS (
  SELECT t.oid, count(st.attname) AS known, sum((1 - st.null_frac) * st.avg_width) AS data_width, max(st.null_frac) AS max_null_frac
  FROM t
  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_stats st ON st.schemaname = t.schema AND st.tablename = t.table AND st.attname = a.attname AND NOT st.inherited
  GROUP BY t.oid
), e AS (
  SELECT t.*, s.data_width,
         -- tuple header 23 bytes (+ null bitmap), aligned to 8, the data aligned to 8, and a 4-byte line pointer
         (ceil((23 + CASE WHEN s.max_null_frac > 0 THEN ceil(t.ncols / 8.0) ELSE 0 END) / 8.0) * 8
           + ceil(s.data_width / 8.0) * 8 + 4) AS tuple_bytes
  FROM t JOIN s ON s.oid = t.oid
  WHERE s.known = t.ncols AND t.reltuples >= 0
), b AS (
  SELECT e.*, ceil(e.reltuples * e.tuple_bytes / ((e.bs - 24) * e.fillfactor / 100.0)) ::numeric AS expected_pages FROM e
)
SELECT schema, "table",
       pg_size_pretty(relpages * bs) AS size,
       greatest(relpages - expected_pages, 0) * bs AS bloat_bytes,
       pg_size_pretty(greatest(relpages - expected_pages, 0) * bs) AS bloat,
       round(100 * greatest(relpages - expected_pages, 0) / relpages, 1) AS bloat_percent,
       reltuples::bigint AS estimated_rows
FROM b
ORDER BY bloat_bytes DESC
