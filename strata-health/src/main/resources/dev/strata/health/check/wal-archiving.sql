-- WAL archiving: whether it is on, and its successes and failures (pg_stat_archiver).
SELECT current_setting('archive_mode') AS archive_mode,
       archived_count,
       failed_count,
       COALESCE(last_archived_wal, '') AS last_archived_wal,
       COALESCE(to_char(last_archived_time, 'YYYY-MM-DD HH24:MI:SS'), 'never') AS last_archived,
       COALESCE(last_failed_wal, '') AS last_failed_wal,
       COALESCE(to_char(last_failed_time, 'YYYY-MM-DD HH24:MI:SS'), 'never') AS last_failed,
       last_failed_time IS NOT NULL AND (last_archived_time IS NULL OR last_failed_time > last_archived_time) AS failing,
       EXTRACT(EPOCH FROM now() - COALESCE(last_archived_time, GREATEST(stats_reset, pg_postmaster_start_time()))) AS seconds_since_archive  -- never archived: since the server (or its statistics) started
FROM pg_stat_archiver
