-- Multixact-ID age of this database (row locks shared by several
-- transactions use multixacts; their wraparound stops writes too).
SELECT datname AS database,
       mxid_age(datminmxid) AS multixact_age,
       current_setting('autovacuum_multixact_freeze_max_age')::bigint AS autovacuum_multixact_freeze_max_age
FROM pg_database
WHERE datname = current_database()
ORDER BY mxid_age(datminmxid) DESC
