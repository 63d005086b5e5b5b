-- Sessions waiting for a lock, who blocks them, and the root of each chain (a blocker that waits
-- for nobody). Parameter: minimum seconds waited.
WITH waiting AS (
  SELECT a.pid, a.usename, a.query, a.query_start, a.state_change, pg_blocking_pids(a.pid) AS blocked_by
  FROM pg_stat_activity a
  WHERE a.datname = current_database() AND a.wait_event_type = 'Lock' AND cardinality(pg_blocking_pids(a.pid)) > 0
)
SELECT w.pid AS waiting_pid,
       round(EXTRACT(EPOCH FROM now() - w.state_change)::numeric, 1) AS waiting_seconds,
       w.blocked_by,
       (SELECT array_agg(DISTINCT b.pid ORDER BY b.pid) FROM pg_stat_activity b
        WHERE b.pid = ANY (w.blocked_by) AND cardinality(pg_blocking_pids(b.pid)) = 0) AS root_blockers,
       (SELECT string_agg(DISTINCT b.state || ': ' || left(regexp_replace(b.query, '\s+', ' ', 'g'), 80), ' | ')
        FROM pg_stat_activity b WHERE b.pid = ANY (w.blocked_by)) AS blocker,
       left(regexp_replace(w.query, '\s+', ' ', 'g'), 120) AS waiting_query
FROM waiting w
WHERE now() - w.state_change >= make_interval(secs => ?)
ORDER BY w.state_change
