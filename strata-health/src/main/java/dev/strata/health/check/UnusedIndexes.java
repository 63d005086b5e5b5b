package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code unused-indexes}: non-unique indexes never scanned, at least {@code min_size_mb}. Only
 * judged once the statistics are {@code min_stats_days} old; the standbys are named, since an
 * index unused here may serve queries there.
 */
public final class UnusedIndexes extends Check {
  @Override
  public String id() {
    return "unused-indexes";
  }

  @Override
  public String title() {
    return "Unused indexes";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("min_size_mb", 10.0, "min_stats_days", 7.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Map<String, Object> stats = ctx.query(sql("unused-indexes-stats")).maps().get(0);
    double days = Rows.number(stats, "stats_days");
    boolean neverReset = Boolean.TRUE.equals(stats.get("never_reset"));
    long standbys = (long) Rows.number(stats, "standbys");
    if (Boolean.TRUE.equals(stats.get("is_standby"))) {
      return Finding.pass("this server is a standby: judge index use on the primary, with every standby's statistics");
    }
    if (!neverReset && days < ctx.threshold("min_stats_days")) {
      return Finding.pass(String.format(java.util.Locale.ROOT,
          "statistics were reset %.1f days ago: index use is judged after %.0f days", days, ctx.threshold("min_stats_days")));
    }
    Rows rows = ctx.query(sql(), (long) (ctx.threshold("min_size_mb") * 1024 * 1024));
    if (rows.isEmpty()) {
      return Finding.pass("every index of at least " + fmt(ctx.threshold("min_size_mb")) + " MB has been used");
    }
    String note = standbys > 0 ? "; " + standbys + " standby(s) read from this server: check their pg_stat_user_indexes before dropping" : "";
    String fixSql = rows.maps().stream()
        .map(r -> "DROP INDEX CONCURRENTLY " + qualified(Rows.string(r, "schema"), Rows.string(r, "index")) + ";")
        .collect(Collectors.joining("\n"));
    return Finding.found(Severity.INFO, rows.size() + " index(es) never used since the statistics began" + note,
        rows.select("schema", "table", "index", "size", "scans"),
        "Drop each unused index (after checking the standbys and rare jobs such as month-end reports).", fixSql);
  }

  static String fmt(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
