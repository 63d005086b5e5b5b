-- Statements running for longer than the given seconds in this database (other than this session).
SELECT pid,
       usename AS role,
       round(EXTRACT(EPOCH FROM now() - query_start)::numeric, 1) AS seconds,
       wait_event_type,
       left(regexp_replace(query, '\s+', ' ', 'g'), 200) AS query
FROM pg_stat_activity
WHERE state = 'active'
  AND pid <> pg_backend_pid()
  AND backend_type = 'client backend'
  AND datname = current_database()
  AND now() - query_start > make_interval(secs => ?)
ORDER BY query_start
