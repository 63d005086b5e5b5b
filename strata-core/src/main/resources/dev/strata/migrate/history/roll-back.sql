-- resolve --rolled-back (and resolve --applied for unfinished rows): the row stops counting.
update ${table} set rolled_back_at = clock_timestamp() where id = ?
