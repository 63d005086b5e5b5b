package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code dead-tuples}: tables past autovacuum's trigger point that have not been vacuumed for
 * {@code stale_hours} (the postgres_exporter mixin's TablesNotVaccumed, check_postgres last_vacuum).
 */
public final class DeadTuples extends Check {
  @Override
  public String id() {
    return "dead-tuples";
  }

  @Override
  public String title() {
    return "Dead tuples and vacuum staleness";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("min_dead_rows", 1000.0, "stale_hours", 24.0, "critical_percent", 50.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql(), ctx.threshold("min_dead_rows"), ctx.threshold("stale_hours"));
    if (rows.isEmpty()) {
      return Finding.pass("autovacuum keeps up: no table waits for a vacuum");
    }
    double critical = ctx.threshold("critical_percent");
    Severity severity = Finding.worst(rows, r -> Rows.number(r, "dead_percent") >= critical ? Severity.CRITICAL : Severity.WARNING);
    String fixSql = rows.maps().stream()
        .map(r -> "VACUUM (ANALYZE) " + qualified(Rows.string(r, "schema"), Rows.string(r, "table")) + ";")
        .collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " table(s) with dead rows waiting for a vacuum", rows,
        "Vacuum the tables now, then find why autovacuum did not (disabled, a long transaction holding the horizon, too slow).", fixSql);
  }
}
