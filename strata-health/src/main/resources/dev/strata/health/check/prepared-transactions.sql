-- Prepared (two-phase) transactions left open longer than the given seconds: they hold locks and
-- the xmin horizon until someone commits or rolls them back.
SELECT gid,
       database,
       owner,
       to_char(prepared, 'YYYY-MM-DD HH24:MI:SS') AS prepared_at,
       round(EXTRACT(EPOCH FROM now() - prepared)::numeric, 1) AS seconds
FROM pg_prepared_xacts
WHERE now() - prepared > make_interval(secs => ?)
ORDER BY prepared
