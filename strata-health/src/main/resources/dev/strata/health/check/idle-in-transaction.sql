-- Sessions idle inside an open transaction for longer than the given seconds: they hold their
-- locks and keep VACUUM from removing dead rows.
SELECT pid,
       usename AS role,
       state,
       round(EXTRACT(EPOCH FROM now() - state_change)::numeric, 1) AS idle_seconds,
       round(EXTRACT(EPOCH FROM now() - xact_start)::numeric, 1) AS transaction_seconds,
       left(regexp_replace(query, '\s+', ' ', 'g'), 200) AS last_query
FROM pg_stat_activity
WHERE state LIKE 'idle in transaction%'
  AND pid <> pg_backend_pid()
  AND datname = current_database()
  AND now() - state_change > make_interval(secs => ?)
ORDER BY state_change
