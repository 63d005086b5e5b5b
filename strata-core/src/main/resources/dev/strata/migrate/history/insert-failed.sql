-- Prisma's failed row, written after a migration whose started row was rolled back with it:
-- unfinished, not rolled back, with the failure's logs.
insert into ${table} (id, checksum, started_at, migration_name, logs)
values (?, ?, clock_timestamp(), ?, ?)
