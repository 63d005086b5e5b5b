-- Comments on the given tables (oids) and their columns: attnum 0 is the table's own comment.
SELECT d.objoid::bigint   AS table_oid,
       d.objsubid         AS attnum,
       d.description      AS comment
  FROM pg_description d
 WHERE d.classoid = 'pg_class'::regclass
   AND d.objoid = ANY (?::bigint[]::oid[])
