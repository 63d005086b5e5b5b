-- A started row whose migration stopped before any of it committed (a lock timeout, a cancel): it
-- leaves no trace, so that the next deploy applies the migration as if it had never started.
delete from ${table} where id = ? and finished_at is null
