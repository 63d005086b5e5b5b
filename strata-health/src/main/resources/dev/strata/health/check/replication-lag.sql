-- Replication lag: on a primary, each standby's replay lag; on a standby, how long since the last
-- replayed transaction while WAL is still to replay, and whether replay is paused (the primary
-- cannot see that of its standbys: NULL there).
SELECT 'standby' AS side, application_name AS name, client_addr::text AS address, state,
       COALESCE(EXTRACT(EPOCH FROM replay_lag), 0) AS lag_seconds,
       pg_wal_lsn_diff(sent_lsn, replay_lsn) AS behind_bytes,
       NULL::boolean AS replay_paused
FROM pg_stat_replication
UNION ALL
SELECT 'this server (standby)', '', '', 'recovery',
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END,
       COALESCE(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0),
       CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END
WHERE pg_is_in_recovery()
