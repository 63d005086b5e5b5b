-- Whether pg_stat_statements is installed in this database, and whether the server loads it.
SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS installed,
       current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%' AS preloaded
