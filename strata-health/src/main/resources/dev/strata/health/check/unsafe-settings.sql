-- Settings that put data at risk, as this session sees them (database and role settings included).
WITH unsafe(name, bad, severity, why) AS (
  VALUES ('fsync', 'off', 'critical', 'a crash can corrupt the whole cluster'),
         ('full_page_writes', 'off', 'critical', 'a crash during a write can leave torn pages'),
         ('zero_damaged_pages', 'on', 'critical', 'damaged pages are silently zeroed: rows are lost'),
         ('ignore_checksum_failure', 'on', 'critical', 'checksum failures are ignored: corruption goes unnoticed'),
         ('data_sync_retry', 'on', 'warning', 'a failed fsync is retried: data may be lost silently'),
         ('ignore_system_indexes', 'on', 'warning', 'system indexes are ignored: slow, for debugging only'),
         ('allow_system_table_mods', 'on', 'warning', 'the system catalogs can be changed by hand'),
         ('synchronous_commit', 'off', 'warning', 'the last commits before a crash are lost (no corruption)')
)
SELECT u.name, s.setting, s.source, u.severity, u.why
FROM unsafe u
JOIN pg_settings s ON s.name = u.name
WHERE s.setting = u.bad
ORDER BY CASE u.severity WHEN 'critical' THEN 0 ELSE 1 END, u.name
