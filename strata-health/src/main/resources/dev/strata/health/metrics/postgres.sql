-- Server metrics under postgres_exporter's names (namespace pg), so that dashboards and the
-- exporter's alerts read them: one row per sample.
SELECT 'pg_database_size_bytes' AS metric, ARRAY['datname'] AS label_names, ARRAY[datname::text] AS label_values,
       pg_database_size(datname)::float8 AS value
FROM pg_database WHERE datallowconn AND has_database_privilege(datname, 'CONNECT')
UNION ALL
SELECT 'pg_settings_max_connections', ARRAY[]::text[], ARRAY[]::text[], current_setting('max_connections')::float8
UNION ALL
SELECT 'pg_settings_superuser_reserved_connections', ARRAY[]::text[], ARRAY[]::text[], current_setting('superuser_reserved_connections')::float8
UNION ALL
SELECT 'pg_stat_activity_count', ARRAY['datname', 'state'], ARRAY[COALESCE(datname, ''), COALESCE(state, 'unknown')], count(*)::float8
FROM pg_stat_activity WHERE backend_type = 'client backend' GROUP BY datname, state
UNION ALL
SELECT 'pg_stat_activity_max_tx_duration', ARRAY['datname', 'state'], ARRAY[COALESCE(datname, ''), COALESCE(state, 'unknown')],
       COALESCE(max(EXTRACT(EPOCH FROM now() - xact_start)), 0)::float8
FROM pg_stat_activity WHERE backend_type = 'client backend' GROUP BY datname, state
UNION ALL
SELECT 'pg_database_wraparound_age_datfrozenxid_seconds', ARRAY['datname'], ARRAY[datname::text], age(datfrozenxid)::float8
FROM pg_database WHERE datallowconn
UNION ALL
SELECT 'pg_database_wraparound_age_datminmxid_seconds', ARRAY['datname'], ARRAY[datname::text], mxid_age(datminmxid)::float8
FROM pg_database WHERE datallowconn
UNION ALL
SELECT 'pg_stat_database_blks_hit', ARRAY['datname'], ARRAY[datname::text], blks_hit::float8 FROM pg_stat_database WHERE datname IS NOT NULL
UNION ALL
SELECT 'pg_stat_database_blks_read', ARRAY['datname'], ARRAY[datname::text], blks_read::float8 FROM pg_stat_database WHERE datname IS NOT NULL
UNION ALL
SELECT 'pg_stat_database_xact_commit', ARRAY['datname'], ARRAY[datname::text], xact_commit::float8 FROM pg_stat_database WHERE datname IS NOT NULL
UNION ALL
SELECT 'pg_stat_database_xact_rollback', ARRAY['datname'], ARRAY[datname::text], xact_rollback::float8 FROM pg_stat_database WHERE datname IS NOT NULL
UNION ALL
SELECT 'pg_stat_database_deadlocks', ARRAY['datname'], ARRAY[datname::text], deadlocks::float8 FROM pg_stat_database WHERE datname IS NOT NULL
UNION ALL
SELECT 'pg_replication_is_replica', ARRAY[]::text[], ARRAY[]::text[], CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END::float8
UNION ALL
SELECT 'pg_replication_lag_seconds', ARRAY[]::text[], ARRAY[]::text[],
       CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8
UNION ALL
SELECT 'pg_replication_slots_active', ARRAY['slot_name'], ARRAY[slot_name::text], CASE WHEN active THEN 1 ELSE 0 END::float8
FROM pg_replication_slots
UNION ALL
SELECT 'pg_stat_archiver_archived_count', ARRAY[]::text[], ARRAY[]::text[], archived_count::float8 FROM pg_stat_archiver
UNION ALL
SELECT 'pg_stat_archiver_failed_count', ARRAY[]::text[], ARRAY[]::text[], failed_count::float8 FROM pg_stat_archiver
