-- An invalid index named $1 on the table $2 (as written in SQL, resolved through search_path):
-- what a failed CREATE INDEX CONCURRENTLY leaves. Its schema-qualified, quoted name.
select format('%I.%I', n.nspname, c.relname)
from pg_index i
join pg_class c on c.oid = i.indexrelid
join pg_namespace n on n.oid = c.relnamespace
where c.relname = ? and i.indrelid = to_regclass(?) and not i.indisvalid
