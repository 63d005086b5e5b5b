insert into ${table} (id, checksum, started_at, migration_name) values ($1, $2, clock_timestamp(), $3)
