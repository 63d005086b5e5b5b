-- Whether pg_stat_statements is installed in this database (it lists the queries that scan a table).
SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS installed
