-- Statements of this database whose mean time is at least the given milliseconds, over at least
-- the given number of calls (pg_stat_statements).
SELECT s.queryid::text AS queryid,
       s.calls,
       round(s.mean_exec_time::numeric, 1) AS mean_ms,
       round(s.total_exec_time::numeric, 0) AS total_ms,
       s.rows,
       left(regexp_replace(s.query, '\s+', ' ', 'g'), 200) AS query
FROM pg_stat_statements s
JOIN pg_database d ON d.oid = s.dbid
WHERE d.datname = current_database()
  AND s.mean_exec_time >= ?
  AND s.calls >= ?
ORDER BY s.mean_exec_time DESC
LIMIT 50
