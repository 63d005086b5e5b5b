-- PostgreSQL 15+: flush this backend's pending statistics when it is next idle outside a transaction.
SELECT 'F' AS what, NULL::int8 AS n1, NULL::int8 AS n2, NULL::int8 AS n3, NULL::int8 AS n4,
       NULL::text AS t1, NULL::text AS t2, NULL::text AS t3, NULL::text AS t4
FROM pg_catalog.pg_stat_force_next_flush()
