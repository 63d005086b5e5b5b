INSERT INTO strata.health_snapshots (taken_at, kind, schema_name, name, bytes, row_count) VALUES (?, ?, ?, ?, ?, ?)
