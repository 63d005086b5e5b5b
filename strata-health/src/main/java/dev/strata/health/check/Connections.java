package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code connections}: client connections against the slots ordinary roles can use ({@code
 * max_connections} less the reserved ones); the postgres_exporter mixin warns at 80 %,
 * check_postgres at 90/95 %.
 */
public final class Connections extends Check {
  @Override
  public String id() {
    return "connections";
  }

  @Override
  public String title() {
    return "Connections against max_connections";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning", 80.0, "critical", 95.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    Map<String, Object> row = rows.maps().get(0);
    double used = Rows.number(row, "used");
    double available = Rows.number(row, "max_connections") - Rows.number(row, "reserved");
    double percent = 100.0 * used / Math.max(available, 1);
    Severity severity = Finding.above(percent, ctx.threshold("warning"), ctx.threshold("critical"));
    String summary = String.format(java.util.Locale.ROOT, "%d of %d connection slots in use (%.1f %%; %d reserved)",
        (long) used, (long) available, percent, (long) Rows.number(row, "reserved"));
    if (!ctx.hasRole("pg_read_all_stats")) {
      summary += "; states of other roles' sessions are hidden without pg_read_all_stats";
    }
    return Finding.found(severity, summary, rows,
        "Put a connection pooler (PgBouncer) in front, lower the application's pool sizes, or close idle sessions.",
        "SELECT pid, usename, application_name, state, now() - state_change AS for FROM pg_stat_activity WHERE backend_type = 'client backend' ORDER BY state_change;");
  }
}
