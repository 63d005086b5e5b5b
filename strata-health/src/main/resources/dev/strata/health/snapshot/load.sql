-- Every snapshot since the given time, oldest first.
SELECT taken_at, kind, schema_name, name, bytes, row_count
FROM strata.health_snapshots
WHERE taken_at >= ?
ORDER BY taken_at, kind, schema_name, name
