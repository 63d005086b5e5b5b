-- The current database's size.
SELECT current_database() AS database,
       pg_database_size(current_database()) AS bytes,
       pg_size_pretty(pg_database_size(current_database())) AS size
