package dev.strata.health.metrics;

import dev.strata.health.CheckResult;
import dev.strata.health.CheckStatus;
import dev.strata.health.HealthReport;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks and the server's state as Prometheus metrics, written by the Prometheus Java
 * library: {@code strata_health_*} for the checks, and postgres_exporter's names ({@code pg_*})
 * where they overlap, so that its dashboards and alerts read them.
 */
public final class HealthMetrics {
  /** Help texts of the postgres_exporter-style metrics (their SQL is {@code postgres.sql}). */
  static final Map<String, String> PG_HELP = new LinkedHashMap<>();

  static {
    PG_HELP.put("pg_up", "Whether the last scrape could reach the database (1) or not (0).");
    PG_HELP.put("pg_database_size_bytes", "Disk space used by the database.");
    PG_HELP.put("pg_settings_max_connections", "Server setting max_connections.");
    PG_HELP.put("pg_settings_superuser_reserved_connections", "Server setting superuser_reserved_connections.");
    PG_HELP.put("pg_stat_activity_count", "Client connections by database and state.");
    PG_HELP.put("pg_stat_activity_max_tx_duration", "Longest open transaction, in seconds, by database and state.");
    PG_HELP.put("pg_database_wraparound_age_datfrozenxid_seconds", "Transaction-ID age of the database (age(datfrozenxid)).");
    PG_HELP.put("pg_database_wraparound_age_datminmxid_seconds", "Multixact-ID age of the database (mxid_age(datminmxid)).");
    PG_HELP.put("pg_stat_database_blks_hit", "Blocks found in shared buffers (cumulative).");
    PG_HELP.put("pg_stat_database_blks_read", "Blocks read from disk (cumulative).");
    PG_HELP.put("pg_stat_database_xact_commit", "Transactions committed (cumulative).");
    PG_HELP.put("pg_stat_database_xact_rollback", "Transactions rolled back (cumulative).");
    PG_HELP.put("pg_stat_database_deadlocks", "Deadlocks detected (cumulative).");
    PG_HELP.put("pg_replication_is_replica", "Whether the server is a standby (1) or not (0).");
    PG_HELP.put("pg_replication_lag_seconds", "Replay lag of this standby in seconds (0 on a primary).");
    PG_HELP.put("pg_replication_slots_active", "Whether the replication slot is in use (1) or not (0).");
    PG_HELP.put("pg_stat_archiver_archived_count", "WAL files archived (cumulative).");
    PG_HELP.put("pg_stat_archiver_failed_count", "Failed attempts to archive WAL files (cumulative).");
  }

  /** The severity as a number: 0 ok, 1 info, 2 warning, 3 critical. */
  public static final String SEVERITY = "strata_health_check_severity";
  /** Whether the check ran (1) or was skipped, not configured or failed (0). */
  public static final String RAN = "strata_health_check_ran";
  /** How many objects the check reported. */
  public static final String FINDINGS = "strata_health_check_findings";
  /** How long the check took. */
  public static final String DURATION = "strata_health_check_duration_seconds";

  private HealthMetrics() {}

  /** The metric names this module writes ({@code AlertRules} uses only these). */
  public static List<String> names() {
    List<String> names = new java.util.ArrayList<>(PG_HELP.keySet());
    names.addAll(List.of(SEVERITY, RAN, FINDINGS, DURATION));
    return names;
  }

  /** Reads the server's samples ({@code postgres.sql}); the caller passes them to {@link #registry}. */
  public static List<Sample> samples(Connection connection) throws SQLException {
    List<Sample> samples = new java.util.ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(sql()); ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        samples.add(new Sample(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray()),
            Arrays.asList((String[]) rs.getArray(3).getArray()), rs.getDouble(4)));
      }
    }
    return samples;
  }

  /** One sample of a {@code pg_*} metric. */
  public record Sample(String metric, List<String> labelNames, List<String> labelValues, double value) {}

  /** A registry holding the report's checks and the samples ({@code pg_up} is 1 when a report is given). */
  public static PrometheusRegistry registry(java.util.Optional<HealthReport> report, List<Sample> samples) {
    PrometheusRegistry registry = new PrometheusRegistry();
    Gauge up = Gauge.builder().name("pg_up").help(PG_HELP.get("pg_up")).register(registry);
    up.set(report.isPresent() ? 1 : 0);
    Map<String, Gauge> gauges = new LinkedHashMap<>();
    for (Sample sample : samples) {
      Gauge gauge = gauges.computeIfAbsent(sample.metric(), name -> Gauge.builder().name(name)
          .help(PG_HELP.getOrDefault(name, name)).labelNames(sample.labelNames().toArray(String[]::new)).register(registry));
      if (sample.labelValues().isEmpty()) {
        gauge.set(sample.value());
      } else {
        gauge.labelValues(sample.labelValues().toArray(String[]::new)).set(sample.value());
      }
    }
    if (report.isPresent()) {
      Gauge severity = Gauge.builder().name(SEVERITY).help("Severity of the check's finding: 0 ok, 1 info, 2 warning, 3 critical.")
          .labelNames("check").register(registry);
      Gauge ran = Gauge.builder().name(RAN).help("Whether the check ran (1), or was skipped, not configured or failed (0).")
          .labelNames("check", "status").register(registry);
      Gauge findings = Gauge.builder().name(FINDINGS).help("Objects the check reported (rows of evidence).")
          .labelNames("check").register(registry);
      Gauge duration = Gauge.builder().name(DURATION).help("How long the check took, in seconds.")
          .labelNames("check").register(registry);
      for (CheckResult check : report.get().checks()) {
        boolean didRun = check.status() == CheckStatus.PASSED || check.status() == CheckStatus.FOUND;
        severity.labelValues(check.id()).set(check.status() == CheckStatus.FOUND ? check.severity().ordinal() : 0);
        ran.labelValues(check.id(), check.status().name().toLowerCase(java.util.Locale.ROOT)).set(didRun ? 1 : 0);
        findings.labelValues(check.id()).set(check.status() == CheckStatus.FOUND ? check.rows().size() : 0);
        duration.labelValues(check.id()).set(check.elapsed().toNanos() / 1e9);
      }
    }
    return registry;
  }

  /** The registry in the Prometheus text format (version 0.0.4), as {@code --format prometheus} prints it. */
  public static String text(PrometheusRegistry registry) {
    return new String(write(registry, ExpositionFormats.init().getPrometheusTextFormatWriter()), StandardCharsets.UTF_8);
  }

  /** The registry in the format an HTTP {@code Accept} header asks for (text, OpenMetrics or protobuf). */
  public static Written write(PrometheusRegistry registry, String acceptHeader) {
    ExpositionFormatWriter writer = ExpositionFormats.init().findWriter(acceptHeader);
    return new Written(writer.getContentType(), write(registry, writer));
  }

  /** A scrape's body and its content type. */
  public record Written(String contentType, byte[] body) {}

  private static byte[] write(PrometheusRegistry registry, ExpositionFormatWriter writer) {
    MetricSnapshots snapshots = registry.scrape();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(out, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sql() {
    try (InputStream in = HealthMetrics.class.getResourceAsStream("postgres.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
