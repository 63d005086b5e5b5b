-- Prisma's success: one more applied step, then finished. Run in the migration's own transaction.
update ${table}
set applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
where id = ?
