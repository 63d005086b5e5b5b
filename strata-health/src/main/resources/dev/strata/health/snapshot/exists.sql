SELECT to_regclass('strata.health_snapshots') IS NOT NULL AS present
