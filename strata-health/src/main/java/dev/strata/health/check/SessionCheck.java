package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * A check of other sessions that have been in some state too long ({@code long-running-queries},
 * {@code idle-in-transaction}, {@code blocking-locks}): its SQL takes the smaller threshold in
 * seconds and returns the sessions past it, each with its time in a column of seconds; each session
 * is graded by {@code warning_seconds} and {@code critical_seconds}. Seeing other sessions needs
 * {@code pg_read_all_stats}.
 */
abstract class SessionCheck extends Check {
  private final String id;
  private final String title;
  private final Map<String, Double> defaults;
  private final String secondsColumn;
  private final String passed;
  private final String found;
  private final String fix;

  /**
   * @param secondsColumn the SQL's column holding each session's time in the state
   * @param passed the summary when none is past the warning, {@code %s} standing for its seconds
   * @param found the summary otherwise, {@code %d} standing for the number of sessions and {@code %s} for the warning's seconds
   * @param fix what to do, in a line
   */
  SessionCheck(String id, String title, double warningSeconds, double criticalSeconds, String secondsColumn, String passed, String found,
      String fix) {
    this.id = id;
    this.title = title;
    this.defaults = Map.of("warning_seconds", warningSeconds, "critical_seconds", criticalSeconds);
    this.secondsColumn = secondsColumn;
    this.passed = passed;
    this.found = found;
    this.fix = fix;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String title() {
    return title;
  }

  @Override
  public final Map<String, Double> defaults() {
    return defaults;
  }

  @Override
  public final Optional<String> needsRole() {
    return Optional.of("pg_read_all_stats");
  }

  /** The summary for {@code rows}, the sessions past the smaller threshold. */
  String foundSummary(Rows rows, String warning) {
    return String.format(java.util.Locale.ROOT, found, rows.size(), warning);
  }

  /** The SQL that ends (or cancels) {@code rows}' sessions. */
  abstract String fixSql(Rows rows);

  @Override
  public final Finding run(CheckContext ctx) throws SQLException {
    double warning = ctx.threshold("warning_seconds");
    double critical = ctx.threshold("critical_seconds");
    Rows rows = ctx.query(sql(), Math.min(warning, critical));
    if (rows.isEmpty()) {
      return Finding.pass(String.format(java.util.Locale.ROOT, passed, UnusedIndexes.fmt(warning)));
    }
    Severity severity = Finding.worst(rows, r -> Finding.above(Rows.number(r, secondsColumn), warning, critical));
    return Finding.found(severity, foundSummary(rows, UnusedIndexes.fmt(warning)), rows, fix, fixSql(rows));
  }

  /** {@code SELECT <function>(<pid>);} for every session of {@code rows}, one a line. */
  static String perSession(Rows rows, String function) {
    return rows.maps().stream().map(r -> "SELECT " + function + "(" + Rows.string(r, "pid") + ");")
        .collect(java.util.stream.Collectors.joining("\n"));
  }
}
