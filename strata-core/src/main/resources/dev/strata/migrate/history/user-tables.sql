-- Tables of the schema that make it "not empty" for Prisma's baseline check (P3005); tables an
-- extension owns (PostGIS's spatial_ref_sys and the like) do not count.
select c.relname
from pg_catalog.pg_class c
join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = ?
  and c.relkind in ('r', 'p')
  and c.relname <> '_prisma_migrations'
  and not exists (
    select 1 from pg_catalog.pg_depend d
    where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
order by c.relname
limit 5
