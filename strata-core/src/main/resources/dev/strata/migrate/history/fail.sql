-- Prisma's failure: the logs are set; finished_at and rolled_back_at stay NULL (the failed state).
update ${table} set logs = ? where id = ?
