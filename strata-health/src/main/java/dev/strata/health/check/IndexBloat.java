package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code index-bloat}: estimated wasted space in b-tree indexes (pghero: 100 MB). */
public final class IndexBloat extends Check {
  private static final double MB = 1024.0 * 1024;

  @Override
  public String id() {
    return "index-bloat";
  }

  @Override
  public String title() {
    return "Index bloat (b-tree estimate)";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_mb", 100.0, "critical_mb", 1024.0, "min_percent", 50.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    double warning = ctx.threshold("warning_mb");
    double critical = ctx.threshold("critical_mb");
    double minPercent = ctx.threshold("min_percent");
    Rows rows = ctx.query(sql(), (long) (warning * MB))
        .filter(r -> Rows.number(r, "bloat_percent") >= minPercent && Rows.number(r, "bloat_bytes") / MB >= warning);
    if (rows.isEmpty()) {
      return Finding.pass("no index has " + UnusedIndexes.fmt(warning) + " MB of estimated bloat");
    }
    Severity severity = Finding.worst(rows, r -> Finding.above(Rows.number(r, "bloat_bytes") / MB, warning, critical));
    String fixSql = rows.maps().stream()
        .map(r -> "REINDEX INDEX CONCURRENTLY " + qualified(Rows.string(r, "schema"), Rows.string(r, "index")) + ";")
        .collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " bloated index(es)", rows.select("schema", "table", "index", "size", "bloat", "bloat_percent"),
        "Rebuild the index without blocking writes.", fixSql);
  }
}
