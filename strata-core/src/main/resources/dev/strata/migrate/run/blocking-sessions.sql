-- The sessions the given backend waits for (pg_blocking_pids), as the guarded deploy names them
-- when a migration's statement gives up on lock_timeout. Parameter: the waiting backend's pid.
SELECT a.pid,
       coalesce(a.application_name, '') AS application_name,
       coalesce(a.state, '') AS state,
       coalesce(a.query, '') AS query,
       extract(epoch FROM now() - coalesce(a.xact_start, a.query_start, a.backend_start))::float8 AS age_seconds
  FROM pg_stat_activity a
 WHERE a.pid = ANY (pg_blocking_pids(?))
 ORDER BY a.pid
