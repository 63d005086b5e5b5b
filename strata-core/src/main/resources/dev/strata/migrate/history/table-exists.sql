-- Whether the history table exists in the given schema (Prisma's table name is unquoted, so lower case).
select 1
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = ? and c.relname = '_prisma_migrations' and c.relkind in ('r', 'p')
