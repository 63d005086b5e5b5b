-- What the event triggers logged after a given seq (n1 seq, t1 kind, t2 command tag, t3 object type, t4 identity).
SELECT 'D' AS what, d.seq AS n1, NULL::int8 AS n2, NULL::int8 AS n3, NULL::int8 AS n4,
       d.kind AS t1, d.command_tag AS t2, d.object_type AS t3, d.identity AS t4
FROM strata_observe.ddl_log d
WHERE d.seq > ?
