-- Prisma's start of a migration: a new row, unfinished, no logs, no steps applied yet.
insert into ${table} (id, checksum, started_at, migration_name)
values (?, ?, clock_timestamp(), ?)
returning started_at
