-- resolve --applied: a finished row with empty logs and no applied steps, as Prisma writes it.
insert into ${table} (id, checksum, started_at, finished_at, migration_name, logs, applied_steps_count)
select ?, ?, t, t, ?, '', 0 from (select clock_timestamp() as t) now
