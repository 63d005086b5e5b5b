-- Other sessions holding a granted lock on one of the relations (names as written in the
-- migrations, resolved on the session's search_path) that are idle in a transaction or whose
-- transaction (else query) is older than the threshold in seconds: a DDL statement would queue
-- behind them. Parameters: text[] of relation names, threshold in seconds.
WITH wanted AS (
  SELECT r.name, to_regclass(r.name) AS oid
    FROM unnest(?::text[]) AS r(name)
)
SELECT a.pid,
       coalesce(a.application_name, '') AS application_name,
       coalesce(a.state, '') AS state,
       coalesce(a.query, '') AS query,
       extract(epoch FROM now() - coalesce(a.xact_start, a.query_start, a.backend_start))::float8 AS age_seconds,
       array_agg(DISTINCT w.name ORDER BY w.name) AS relations
  FROM pg_locks l
  JOIN wanted w ON w.oid IS NOT NULL AND l.relation = w.oid
  JOIN pg_stat_activity a ON a.pid = l.pid
 WHERE l.granted
   AND l.locktype = 'relation'
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND a.pid <> pg_backend_pid()
   AND (a.state LIKE 'idle in transaction%'
        OR now() - coalesce(a.xact_start, a.query_start) >= make_interval(secs => ?::float8))
 GROUP BY a.pid, a.application_name, a.state, a.query, a.xact_start, a.query_start, a.backend_start
 ORDER BY a.pid
