package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code largest-tables}: the largest tables with their heap, index and TOAST sizes; a table past
 * the limit is a warning. The tables are ranked by the statistics' page counts first and only the
 * first {@link #candidates} are measured exactly (see {@code largest-tables.sql}).
 */
public final class LargestTables extends Check {
  private static final double GB = 1024.0 * 1024 * 1024;

  @Override
  public String id() {
    return "largest-tables";
  }

  @Override
  public String title() {
    return "Largest tables (table, index and TOAST sizes)";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("limit", 10.0, "warning_gb", 100.0, "critical_gb", 500.0);
  }

  /** How many tables, ranked by the statistics' estimate, are measured exactly for {@code limit} shown. */
  static int candidates(int limit) {
    return Math.max(limit * 3, limit + 20);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    int limit = (int) ctx.threshold("limit");
    Rows rows = ctx.query(sql(), candidates(limit), limit);
    double warning = ctx.threshold("warning_gb");
    double critical = ctx.threshold("critical_gb");
    Severity severity = Finding.worst(rows, row -> Finding.above(Rows.number(row, "total_bytes") / GB, warning, critical));
    Rows shown = rows.select("schema", "table", "total", "heap", "indexes", "toast", "estimated_rows");
    if (rows.isEmpty()) {
      return Finding.pass("no tables");
    }
    String largest = Rows.string(rows.maps().get(0), "table") + " (" + Rows.string(rows.maps().get(0), "total") + ")";
    return Finding.found(severity, severity == Severity.OK ? "largest: " + largest
        : "tables past " + (severity == Severity.CRITICAL ? critical : warning) + " GB; largest: " + largest, shown,
        "Partition or archive the largest tables, or raise warning_gb in strata.toml.",
        "-- no SQL to run: a table's size is its data; partitioning or archiving it is the application's decision");
  }
}
