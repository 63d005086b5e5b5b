-- Replication slots nobody is reading from: they keep WAL (and, logical ones, old row versions)
-- until they are used or dropped.
SELECT slot_name,
       slot_type,
       COALESCE(database, '') AS database,
       COALESCE(pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END,
                                restart_lsn), 0) AS retained_bytes,
       pg_size_pretty(COALESCE(pg_wal_lsn_diff(CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END,
                                restart_lsn), 0)) AS retained_wal
FROM pg_replication_slots
WHERE NOT active
ORDER BY slot_name
