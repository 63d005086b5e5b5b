package dev.strata.health.metrics;

/**
 * Prometheus alerting rules for the seeds' thresholds (connections over 80 %, slow queries over
 * 1 s, growth over 10 % a day, replication lag over 10 s, failed backups) and the checks'
 * severities, over the metrics {@link HealthMetrics} writes.
 */
public final class AlertRules {
  private AlertRules() {}

  /** One rule: its name, PromQL expression, how long it must hold, severity and summary. */
  public record Rule(String name, String expr, String forDuration, String severity, String summary) {}

  public static final java.util.List<Rule> RULES = java.util.List.of(
      new Rule("PostgresDown", "pg_up == 0", "1m", "critical", "Strata health cannot reach the database"),
      new Rule("PostgresHighConnections",
          "sum by (instance) (pg_stat_activity_count) / on (instance) (pg_settings_max_connections - pg_settings_superuser_reserved_connections) > 0.80",
          "10m", "warning", "More than 80 % of the connection slots are in use"),
      new Rule("PostgresSlowQueries", "max by (instance, datname) (pg_stat_activity_max_tx_duration{state=\"active\"}) > 1", "5m", "warning",
          "Queries have been running for more than 1 s"),
      new Rule("PostgresSlowStatements", "strata_health_check_severity{check=\"slow-queries\"} >= 2", "15m", "warning",
          "pg_stat_statements shows statements averaging more than 1 s"),
      new Rule("PostgresDatabaseGrowth",
          "(pg_database_size_bytes - pg_database_size_bytes offset 1d) / (pg_database_size_bytes offset 1d) > 0.10", "1h", "warning",
          "The database grew by more than 10 % in a day"),
      new Rule("PostgresReplicationLag", "pg_replication_lag_seconds > 10", "5m", "warning", "The standby replays more than 10 s behind"),
      new Rule("PostgresInactiveReplicationSlot", "pg_replication_slots_active == 0", "30m", "critical",
          "A replication slot is not in use and keeps WAL"),
      new Rule("PostgresWalArchivingFailing", "increase(pg_stat_archiver_failed_count[15m]) > 0", "0m", "warning",
          "archive_command is failing"),
      new Rule("PostgresBackupFailed", "strata_health_check_severity{check=\"backup-freshness\"} >= 2", "0m", "critical",
          "The last backup failed, or is too old"),
      new Rule("PostgresXidWraparound", "pg_database_wraparound_age_datfrozenxid_seconds > 1000000000", "10m", "critical",
          "A database is past 1 billion transactions of age (wraparound at 2^31)"),
      new Rule("StrataHealthCritical", "strata_health_check_severity == 3", "5m", "critical",
          "strata health check {{ $labels.check }} reports a critical finding"),
      new Rule("StrataHealthWarning", "strata_health_check_severity == 2", "30m", "warning",
          "strata health check {{ $labels.check }} reports a warning"));

  /** The rules as a Prometheus rule file (YAML). */
  public static String yaml() {
    StringBuilder out = new StringBuilder();
    out.append("# Prometheus alerting rules for `strata health serve` (written by `strata health alerts`).\n");
    out.append("groups:\n  - name: strata-health\n    rules:\n");
    for (Rule rule : RULES) {
      out.append("      - alert: ").append(rule.name()).append('\n');
      out.append("        expr: ").append(quote(rule.expr())).append('\n');
      out.append("        for: ").append(rule.forDuration()).append('\n');
      out.append("        labels:\n          severity: ").append(rule.severity()).append('\n');
      out.append("        annotations:\n          summary: ").append(quote(rule.summary())).append('\n');
    }
    return out.toString();
  }

  /** A YAML single-quoted scalar. */
  static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
