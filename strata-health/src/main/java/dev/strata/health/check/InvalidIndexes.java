package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.stream.Collectors;

/** {@code invalid-indexes}: indexes a failed concurrent build left invalid (they cost writes and serve no read). */
public final class InvalidIndexes extends Check {
  @Override
  public String id() {
    return "invalid-indexes";
  }

  @Override
  public String title() {
    return "Invalid indexes";
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    if (rows.isEmpty()) {
      return Finding.pass("no invalid index");
    }
    String fixSql = rows.maps().stream()
        .map(r -> "REINDEX INDEX CONCURRENTLY " + qualified(Rows.string(r, "schema"), Rows.string(r, "index")) + ";")
        .collect(Collectors.joining("\n"));
    return Finding.found(Severity.CRITICAL, rows.size() + " invalid index(es): updated on every write, used by no query", rows,
        "Rebuild each invalid index (or drop it with DROP INDEX CONCURRENTLY); for a unique index, remove the duplicates first.", fixSql);
  }
}
