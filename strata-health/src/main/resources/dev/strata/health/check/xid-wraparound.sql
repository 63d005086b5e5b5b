-- Transaction-ID age of this database (wraparound stops writes at 2^31; each database is checked
-- by running strata health on it, the metrics cover all of them).
SELECT datname AS database,
       age(datfrozenxid) AS xid_age,
       round(100.0 * age(datfrozenxid) / 2147483647, 2) AS percent_of_wraparound,
       current_setting('autovacuum_freeze_max_age')::bigint AS autovacuum_freeze_max_age
FROM pg_database
WHERE datname = current_database()
ORDER BY age(datfrozenxid) DESC
