package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code slow-queries}: statements slow on average from {@code pg_stat_statements} (pghero: 20 ms
 * over 100 calls is worth a look; the seeds alert at 1 s). Says how to enable the extension when it
 * is missing.
 */
public final class SlowQueries extends Check {
  static final String ENABLE = "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements';  -- add to the existing list; restart\n"
      + "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;";

  @Override
  public String id() {
    return "slow-queries";
  }

  @Override
  public String title() {
    return "Slow queries (pg_stat_statements)";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("info_ms", 20.0, "warning_ms", 1000.0, "critical_ms", 10000.0, "min_calls", 100.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Map<String, Object> state = ctx.query(sql("slow-queries-installed")).maps().get(0);
    if (!Boolean.TRUE.equals(state.get("installed")) || !Boolean.TRUE.equals(state.get("preloaded"))) {
      String missing = !Boolean.TRUE.equals(state.get("preloaded")) ? "the server does not load pg_stat_statements (shared_preload_libraries)"
          : "the extension pg_stat_statements is not created in this database";
      return Finding.notConfigured(missing, "Load pg_stat_statements at server start and create the extension.", ENABLE);
    }
    double info = ctx.threshold("info_ms");
    double warning = ctx.threshold("warning_ms");
    double critical = ctx.threshold("critical_ms");
    Rows rows = ctx.query(sql(), info, (long) ctx.threshold("min_calls"));
    if (rows.isEmpty()) {
      return Finding.pass("no statement averages " + UnusedIndexes.fmt(info) + " ms over " + UnusedIndexes.fmt(ctx.threshold("min_calls")) + " calls");
    }
    Severity severity = Finding.worst(rows, r -> {
      double ms = Rows.number(r, "mean_ms");
      return ms >= critical ? Severity.CRITICAL : ms >= warning ? Severity.WARNING : Severity.INFO;
    });
    String hint = ctx.hasRole("pg_read_all_stats") ? "" : " (other roles' query texts are hidden without pg_read_all_stats)";
    return Finding.found(severity, rows.size() + " slow statement(s)" + hint, rows,
        "EXPLAIN (ANALYZE, BUFFERS) the statement and index what it filters on (strata check queries keeps it fast).",
        explainSql(rows));
  }

  /**
   * The evidence shows each statement cut to 200 characters and normalised ({@code $1} for its
   * constants), so it cannot be EXPLAINed as it stands: the SQL that shows the whole text of the
   * five slowest, to EXPLAIN with real values.
   */
  static String explainSql(Rows rows) {
    String ids = rows.maps().stream().limit(5).map(r -> Rows.string(r, "queryid")).collect(java.util.stream.Collectors.joining(", "));
    return "SELECT queryid, query FROM pg_stat_statements WHERE queryid IN (" + ids + ");\n"
        + "-- then EXPLAIN (ANALYZE, BUFFERS) each with real values for its $n parameters (PostgreSQL 16+: EXPLAIN (GENERIC_PLAN) without them)";
  }
}
