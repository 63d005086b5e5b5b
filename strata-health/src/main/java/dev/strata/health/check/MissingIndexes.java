package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
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
    return Finding.found(Severity.WARNING, rows.size() + " large table(s) read mostly by sequential scans", rows,
        "Find the queries that scan them (strata health --check slow-queries, EXPLAIN) and index the columns they filter on.",
        "-- e.g. CREATE INDEX CONCURRENTLY ON <table> (<filtered column>);");
  }
}
