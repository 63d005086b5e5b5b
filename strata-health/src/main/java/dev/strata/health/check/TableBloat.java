package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code table-bloat}: estimated free space inside tables (from pg_stats; check_postgres 1 GB/5 GB, ioguix's estimate). */
public final class TableBloat extends Check {
  private static final double MB = 1024.0 * 1024;

  @Override
  public String id() {
    return "table-bloat";
  }

  @Override
  public String title() {
    return "Table bloat (estimate)";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_percent", 30.0, "warning_mb", 100.0, "critical_percent", 60.0, "critical_mb", 1024.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    double warningMb = ctx.threshold("warning_mb");
    double warningPct = ctx.threshold("warning_percent");
    double criticalMb = ctx.threshold("critical_mb");
    double criticalPct = ctx.threshold("critical_percent");
    Rows rows = ctx.query(sql(), (long) (Math.min(warningMb, criticalMb) * MB)).filter(r -> grade(r, warningMb, warningPct, criticalMb, criticalPct) != Severity.OK);
    if (rows.isEmpty()) {
      return Finding.pass("no table has " + UnusedIndexes.fmt(warningPct) + " % and " + UnusedIndexes.fmt(warningMb) + " MB of estimated bloat");
    }
    Severity severity = Finding.worst(rows, r -> grade(r, warningMb, warningPct, criticalMb, criticalPct));
    String fixSql = rows.maps().stream()
        .map(r -> "VACUUM (FULL, ANALYZE) " + qualified(Rows.string(r, "schema"), Rows.string(r, "table")) + ";  -- or pg_repack, without the exclusive lock")
        .collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " bloated table(s)", rows.select("schema", "table", "size", "bloat", "bloat_percent", "estimated_rows"),
        "Rewrite the table to give the space back (VACUUM FULL locks it; pg_repack does not), then let autovacuum keep up.", fixSql);
  }

  private static Severity grade(Map<String, Object> row, double warningMb, double warningPct, double criticalMb, double criticalPct) {
    double mb = Rows.number(row, "bloat_bytes") / MB;
    double pct = Rows.number(row, "bloat_percent");
    return mb >= criticalMb && pct >= criticalPct ? Severity.CRITICAL : mb >= warningMb && pct >= warningPct ? Severity.WARNING : Severity.OK;
  }
}
