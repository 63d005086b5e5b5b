-- From a second connection: the relation locks a backend holds, and whether it waits for a lock.
SELECT l.relation::int8 AS oid, l.mode, l.granted
FROM pg_catalog.pg_locks l
WHERE l.pid = ?
  AND ((l.locktype = 'relation' AND l.relation >= 16384) OR NOT l.granted)
