-- The snapshot table, in Strata's own schema.
CREATE SCHEMA IF NOT EXISTS strata;
CREATE TABLE IF NOT EXISTS strata.health_snapshots (
  id bigserial PRIMARY KEY,
  taken_at timestamptz NOT NULL,
  kind text NOT NULL CHECK (kind IN ('database', 'table')),
  schema_name text NOT NULL,
  name text NOT NULL,
  bytes bigint NOT NULL,
  row_count bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS health_snapshots_taken_at_idx ON strata.health_snapshots (taken_at);
