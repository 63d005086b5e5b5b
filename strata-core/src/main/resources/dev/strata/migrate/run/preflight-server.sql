-- The guarded deploy's server facts: database size, client connections, max_connections, the
-- slots an ordinary role cannot use (reserved_connections exists from PostgreSQL 16), and whether
-- the database has a user table at all (none on a first deploy: nothing to lock or to be locked).
SELECT pg_database_size(current_database()) AS database_bytes,
       (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int AS connections,
       current_setting('max_connections')::int AS max_connections,
       current_setting('superuser_reserved_connections')::int
         + coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0) AS reserved_connections,
       EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'm', 'f')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'
                  AND c.relname <> '_prisma_migrations'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d       -- an extension's own tables (PostGIS…) are not the user's
                                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')) AS has_user_tables
