package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;

/** {@code database-size}: the database's size against limits the user sets (none by default worth mentioning). */
public final class DatabaseSize extends Check {
  private static final double GB = 1024.0 * 1024 * 1024;

  @Override
  public String id() {
    return "database-size";
  }

  @Override
  public String title() {
    return "Database size";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_gb", 1000.0, "critical_gb", 4000.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    double gb = Rows.number(rows.maps().get(0), "bytes") / GB;
    Severity severity = Finding.above(gb, ctx.threshold("warning_gb"), ctx.threshold("critical_gb"));
    String size = Rows.string(rows.maps().get(0), "size");
    return Finding.found(severity, "the database is " + size + (severity == Severity.OK ? "" : " (limit " + ctx.threshold(
        severity == Severity.CRITICAL ? "critical_gb" : "warning_gb") + " GB)"), rows.select("database", "size", "bytes"),
        "Look at the largest tables and their growth (strata health snapshot), archive or partition old data, or raise the limit in strata.toml.",
        NO_SQL);
  }

  /** A database's size is not cut by a statement Strata could write: which data to archive is the user's call. */
  static final String NO_SQL = "-- no SQL to run: which data to archive or partition is the application's decision "
      + "(see largest-tables and database-growth)";
}
