-- The guarded deploy's server facts: database size, client connections, max_connections and the
-- slots an ordinary role cannot use (reserved_connections exists from PostgreSQL 16).
SELECT pg_database_size(current_database()) AS database_bytes,
       (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int AS connections,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int
         + coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0) AS reserved_connections
