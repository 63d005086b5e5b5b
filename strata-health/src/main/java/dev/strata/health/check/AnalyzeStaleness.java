package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code analyze-staleness}: tables changed a lot since their last ANALYZE (check_postgres last_analyze: 1 day). */
public final class AnalyzeStaleness extends Check {
  @Override
  public String id() {
    return "analyze-staleness";
  }

  @Override
  public String title() {
    return "Stale planner statistics (analyze)";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("min_changed_rows", 1000.0, "stale_hours", 24.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql(), ctx.threshold("min_changed_rows"), ctx.threshold("stale_hours"));
    if (rows.isEmpty()) {
      return Finding.pass("planner statistics are fresh");
    }
    String fixSql = rows.maps().stream()
        .map(r -> "ANALYZE " + qualified(Rows.string(r, "schema"), Rows.string(r, "table")) + ";")
        .collect(Collectors.joining("\n"));
    return Finding.found(Severity.WARNING, rows.size() + " table(s) with stale statistics", rows,
        "Analyze the tables so that the planner sees the current data.", fixSql);
  }
}
