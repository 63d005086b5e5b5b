package dev.strata.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Helpers of the health tests: a Health on a URL, one check's result, the statistics flushed. */
final class HealthTestSupport {
  private HealthTestSupport() {}

  static Health health(String url, Path project) {
    return Health.of(Strata.of(Strata.configure().url(url).workingDirectory(project).build()));
  }

  static CheckResult check(Health health, String id) {
    HealthReport report = health.report(List.of(id));
    assertThat(report.checks()).hasSize(1);
    CheckResult result = report.checks().get(0);
    assertThat(result.status()).as(id + ": " + result.summary()).isNotEqualTo(CheckStatus.ERROR);
    return result;
  }

  /** A placeholder for the user to fill in ({@code <role>}, {@code <25% of RAM>}), not SQL's {@code <>} or {@code a < b}. */
  private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("<[^<>=\\s][^<>]*>");

  static void assertFound(CheckResult result, Severity severity) {
    assertThat(result.status()).as(result.id() + ": " + result.summary()).isEqualTo(CheckStatus.FOUND);
    assertThat(result.severity()).as(result.id() + ": " + result.summary()).isEqualTo(severity);
    assertThat(result.rows()).as(result.id() + " evidence").isNotEmpty();
    assertThat(result.fix()).as(result.id() + " fix").isPresent();
    // every finding has fix SQL: the statements to run, or a comment saying why there are none
    assertThat(result.fixSql()).as(result.id() + " fix SQL")
        .hasValueSatisfying(sql -> assertThat(sql).isNotBlank().doesNotContainPattern(PLACEHOLDER));
  }

  static void assertPassed(CheckResult result) {
    assertThat(result.status()).as(result.id() + ": " + result.summary() + " " + result.rows()).isEqualTo(CheckStatus.PASSED);
  }

  /** Makes this session's pending statistics visible to other sessions now (PostgreSQL 15+). */
  static void flushStats(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SELECT pg_stat_force_next_flush()");
    }
  }

  static void exec(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  static long number(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Waits (up to 30 s) until {@code condition} holds. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
