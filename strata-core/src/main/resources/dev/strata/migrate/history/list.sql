-- Every row, in the order Prisma reads them.
select id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
from ${table}
order by started_at, id
