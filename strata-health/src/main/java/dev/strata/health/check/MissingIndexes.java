package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code missing-indexes}: large tables read mostly by sequential scans (pghero: under 95 % index use on 10,000+ rows). */
public final class MissingIndexes extends Check {
  @Override
  public String id() {
    return "missing-indexes";
  }

  @Override
  public String title() {
    return "Missing indexes (sequential scans on large tables)";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("min_rows", 10000.0, "max_index_use_percent", 95.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql(), ctx.threshold("min_rows"), ctx.threshold("max_index_use_percent"));
    if (rows.isEmpty()) {
      return Finding.pass("no table of " + UnusedIndexes.fmt(ctx.threshold("min_rows")) + "+ rows is read mostly by sequential scans");
    }
    boolean statements = Boolean.TRUE.equals(ctx.query(sql("missing-indexes-statements")).maps().get(0).get("installed"));
    return Finding.found(Severity.WARNING, rows.size() + " large table(s) read mostly by sequential scans", rows,
        "Find the queries that scan them (the SQL below), EXPLAIN (ANALYZE, BUFFERS) them and index the column of their Seq Scan's Filter.",
        fixSql(rows, statements));
  }

  /**
   * The statistics count a table's scans but not the columns they filter on, so no CREATE INDEX
   * can be written from them: per table, a comment saying so and which queries to EXPLAIN, and
   * with pg_stat_statements installed the SQL that lists those queries.
   */
  static String fixSql(Rows rows, boolean statements) {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> r : rows.maps()) {
      String table = Rows.string(r, "table");
      String name = qualified(Rows.string(r, "schema"), table);
      lines.add("-- " + name + ": the statistics do not say which column its scans filter on; EXPLAIN (ANALYZE, BUFFERS) the queries that read it"
          + (statements ? " (listed below)" : " (CREATE EXTENSION pg_stat_statements would list them)")
          + ", then CREATE INDEX CONCURRENTLY on the column of their Seq Scan's Filter");
      if (statements) {
        String pattern = "\\m" + table.replaceAll("(\\W)", "\\\\$1") + "\\M";
        lines.add("SELECT query, calls, round(mean_exec_time::numeric, 1) AS mean_ms FROM pg_stat_statements WHERE query ~* '"
            + pattern.replace("'", "''") + "' ORDER BY total_exec_time DESC LIMIT 5;");
      }
    }
    return String.join("\n", lines);
  }
}
