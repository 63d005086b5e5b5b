package dev.strata.health.check;

import dev.strata.health.CheckResult;
import dev.strata.health.HealthReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs checks on one connection, one after the other, read-only, with a statement and a lock
 * timeout so that a locked table cannot hang the report. A check the role lacks the privileges
 * for is skipped, naming the privilege; any other SQL failure becomes that check's error: a
 * report always comes back whole.
 */
public final class CheckRunner {
  /** A catalogue query waiting for a lock longer than this gives up (the check reports an error). */
  static final String LOCK_TIMEOUT = "2s";
  static final String STATEMENT_TIMEOUT = "30s";

  private CheckRunner() {}

  public static HealthReport run(Connection connection, CheckContext ctx, List<Check> checks) throws SQLException {
    long started = System.nanoTime();
    Instant at = Instant.now();
    prepare(connection);
    Rows who = ctx.query("SELECT current_database() AS db, current_setting('server_version') AS version, current_user AS role");
    String database = Rows.string(who.maps().get(0), "db");
    String version = Rows.string(who.maps().get(0), "version");
    String role = Rows.string(who.maps().get(0), "role");
    List<CheckResult> results = new ArrayList<>();
    for (Check check : checks) {
      results.add(runOne(ctx, check, role));
    }
    return new HealthReport(database, version, role, at, results, Duration.ofNanos(System.nanoTime() - started));
  }

  /** The session settings every check runs under. */
  public static void prepare(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement s = connection.createStatement()) {
      s.execute("SET application_name = 'strata health'");
      s.execute("SET statement_timeout = '" + STATEMENT_TIMEOUT + "'");
      s.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
    }
  }

  /** The predefined roles the checks ask about, and whether the role has them. */
  public static Map<String, Boolean> roles(Connection connection) throws SQLException {
    Map<String, Boolean> roles = new HashMap<>();
    try (Statement s = connection.createStatement();
        var rs = s.executeQuery("SELECT rolsuper, pg_has_role('pg_read_all_stats', 'USAGE'), pg_has_role('pg_monitor', 'USAGE'), "
            + "pg_has_role('pg_read_all_settings', 'USAGE'), pg_has_role('pg_read_server_files', 'USAGE') FROM pg_roles WHERE rolname = current_user")) {
      if (rs.next()) {
        roles.put("superuser", rs.getBoolean(1));
        roles.put("pg_read_all_stats", rs.getBoolean(2));
        roles.put("pg_monitor", rs.getBoolean(3));
        roles.put("pg_read_all_settings", rs.getBoolean(4));
        roles.put("pg_read_server_files", rs.getBoolean(5));
      }
    }
    return roles;
  }

  static CheckResult runOne(CheckContext ctx, Check check, String user) {
    long started = System.nanoTime();
    Finding finding;
    if (check.needsRole().isPresent() && !ctx.hasRole(check.needsRole().get())) {
      String role = check.needsRole().get();
      String grantee = user.matches("[a-z_][a-z0-9_$]*") ? user : "\"" + user.replace("\"", "\"\"") + "\"";
      finding = Finding.skipped("needs " + role + " (or pg_monitor) to see other sessions and statistics: GRANT pg_monitor TO "
          + grantee + ";", role);
    } else {
      try {
        finding = check.run(ctx.on(check));
      } catch (SQLException e) {
        finding = failure(check, e);
      } catch (RuntimeException e) {
        finding = Finding.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
    }
    return new CheckResult(check.id(), check.title(), finding.status(), finding.severity(), finding.summary(), finding.columns(),
        finding.rows(), finding.fix(), finding.fixSql(), finding.privilege(), Duration.ofNanos(System.nanoTime() - started));
  }

  private static Finding failure(Check check, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = e.getMessage() == null ? state : e.getMessage().lines().findFirst().orElse(state);
    if (state.equals("42501")) {
      return Finding.skipped("not allowed: " + message, check.needsRole().orElse("SELECT on the objects concerned (or pg_monitor)"));
    }
    if (state.equals("55P03")) {
      return Finding.error("gave up waiting for a lock after " + LOCK_TIMEOUT + " (another session holds an exclusive lock): " + message);
    }
    if (state.equals("57014")) {
      return Finding.error("took longer than " + STATEMENT_TIMEOUT + " and was cancelled: " + message);
    }
    return Finding.error(message + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"));
  }
}
