package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.stream.Collectors;

/** {@code redundant-indexes}: indexes whose columns lead a longer index (pghero's left-prefix rule). */
public final class RedundantIndexes extends Check {
  @Override
  public String id() {
    return "redundant-indexes";
  }

  @Override
  public String title() {
    return "Prefix-redundant indexes";
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    if (rows.isEmpty()) {
      return Finding.pass("no index is a left prefix of another");
    }
    String fixSql = rows.maps().stream()
        .map(r -> "DROP INDEX CONCURRENTLY " + qualified(Rows.string(r, "schema"), Rows.string(r, "index")) + ";")
        .collect(Collectors.joining("\n"));
    return Finding.found(Severity.WARNING, rows.size() + " index(es) covered by a longer index", rows,
        "Drop the shorter index: the longer one serves the same lookups (unless a query depends on its smaller size).", fixSql);
  }
}
