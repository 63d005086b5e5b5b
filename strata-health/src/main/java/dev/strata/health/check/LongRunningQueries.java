package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code long-running-queries}: statements running longer than a minute (pghero: 60 s). */
public final class LongRunningQueries extends Check {
  @Override
  public String id() {
    return "long-running-queries";
  }

  @Override
  public String title() {
    return "Long-running queries";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_seconds", 60.0, "critical_seconds", 300.0);
  }

  @Override
  public Optional<String> needsRole() {
    return Optional.of("pg_read_all_stats");
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    double warning = ctx.threshold("warning_seconds");
    double critical = ctx.threshold("critical_seconds");
    Rows rows = ctx.query(sql(), Math.min(warning, critical));
    if (rows.isEmpty()) {
      return Finding.pass("no statement has run for " + UnusedIndexes.fmt(warning) + " s");
    }
    Severity severity = Finding.worst(rows, r -> Finding.above(Rows.number(r, "seconds"), warning, critical));
    String fixSql = rows.maps().stream().map(r -> "SELECT pg_cancel_backend(" + Rows.string(r, "pid") + ");")
        .collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " statement(s) running for over " + UnusedIndexes.fmt(warning) + " s", rows,
        "Cancel the statement if it should not run that long, then look at its plan; set statement_timeout for the role.", fixSql);
  }
}
