-- How far each sequence has gone towards the largest value it can give, measured against the
-- column it feeds (an integer column fed by a bigint sequence overflows at 2^31 - 1, not at the
-- sequence's maximum). Columns are found through OWNED BY / identity dependencies; a sequence
-- the role cannot read has no last_value and is listed as unreadable.
WITH seqs AS (
  SELECT s.seqrelid,
         sn.nspname AS schema, sc.relname AS sequence,
         s.seqmax, s.seqmin, s.seqincrement,
         has_sequence_privilege(s.seqrelid, 'SELECT,USAGE') AS readable,
         d.refobjid AS table_oid, d.refobjsubid AS attnum
  FROM pg_sequence s
  JOIN pg_class sc ON sc.oid = s.seqrelid
  JOIN pg_namespace sn ON sn.oid = sc.relnamespace
  LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid
    AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
  WHERE sn.nspname NOT IN ('pg_catalog', 'information_schema')
), cols AS (
  SELECT seqs.*, tn.nspname AS table_schema, t.relname AS table, a.attname AS column, a.attidentity,
         format_type(a.atttypid, a.atttypmod) AS column_type,
         CASE a.atttypid WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647 ELSE 9223372036854775807 END AS type_max,
         CASE a.atttypid WHEN 'int2'::regtype THEN -32768 WHEN 'int4'::regtype THEN -2147483648 ELSE -9223372036854775808 END AS type_min
  FROM seqs
  LEFT JOIN pg_class t ON t.oid = seqs.table_oid
  LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
  LEFT JOIN pg_attribute a ON a.attrelid = seqs.table_oid AND a.attnum = seqs.attnum
), v AS (
  SELECT cols.*,
         CASE WHEN readable THEN (SELECT ps.last_value FROM pg_sequences ps WHERE ps.schemaname = cols.schema AND ps.sequencename = cols.sequence) END AS last_value,
         least(seqmax, COALESCE(type_max, seqmax)) AS limit_max,
         greatest(seqmin, COALESCE(type_min, seqmin)) AS limit_min
  FROM cols
)
SELECT schema, sequence, table_schema, "table", "column", column_type, attidentity AS identity, readable, last_value,
       CASE WHEN seqincrement > 0 THEN limit_max ELSE limit_min END AS limit_value,
       CASE WHEN last_value IS NULL THEN 0
            WHEN seqincrement > 0 THEN round(100.0 * (last_value - limit_min) / nullif(limit_max - limit_min, 0), 2)
            ELSE round(100.0 * (limit_max - last_value) / nullif(limit_max - limit_min, 0), 2) END AS used_percent
FROM v
ORDER BY used_percent DESC, schema, sequence
