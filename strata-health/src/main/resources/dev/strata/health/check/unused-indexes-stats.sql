-- How old the statistics are, and how many standbys read from this server.
SELECT EXTRACT(EPOCH FROM now() - COALESCE(d.stats_reset, pg_postmaster_start_time())) / 86400 AS stats_days,
       d.stats_reset IS NULL AS never_reset,
       (SELECT count(*) FROM pg_stat_replication) AS standbys,
       pg_is_in_recovery() AS is_standby
FROM pg_stat_database d
WHERE d.datname = current_database()
