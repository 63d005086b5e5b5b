insert into ${table} (id, checksum, started_at, finished_at, migration_name, applied_steps_count) values ($1, $2, now(), clock_timestamp(), $3, 1)
