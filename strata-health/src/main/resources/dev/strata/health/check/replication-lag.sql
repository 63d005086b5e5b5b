-- Replication lag: on a primary, each standby's replay lag; on a standby, how long since the last
-- replayed transaction while WAL is still to replay.
SELECT 'standby' AS side, application_name AS name, client_addr::text AS address, state,
       COALESCE(EXTRACT(EPOCH FROM replay_lag), 0) AS lag_seconds,
       pg_wal_lsn_diff(sent_lsn, replay_lsn) AS behind_bytes
FROM pg_stat_replication
UNION ALL
SELECT 'this server (standby)', '', '', 'recovery',
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END,
       COALESCE(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()), 0)
WHERE pg_is_in_recovery()
