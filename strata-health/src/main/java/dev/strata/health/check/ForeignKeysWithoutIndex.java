package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code fk-without-index}: foreign keys no index leads with (a delete of the parent scans the child). */
public final class ForeignKeysWithoutIndex extends Check {
  @Override
  public String id() {
    return "fk-without-index";
  }

  @Override
  public String title() {
    return "Foreign keys without a supporting index";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("min_rows", 0.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql(), ctx.threshold("min_rows"));
    if (rows.isEmpty()) {
      return Finding.pass("every foreign key has an index leading with its columns");
    }
    String fixSql = rows.maps().stream().map(ForeignKeysWithoutIndex::createIndex).collect(Collectors.joining("\n"));
    return Finding.found(Severity.WARNING, rows.size() + " foreign key(s) without an index", rows,
        "Index the referencing columns, so that deletes and updates of the referenced rows need no scan.", fixSql);
  }

  /** {@code CREATE INDEX CONCURRENTLY "Table_col_idx" ON …}, Prisma's index name. */
  static String createIndex(Map<String, Object> row) {
    List<?> columns = (List<?>) row.get("columns");
    String table = Rows.string(row, "table");
    String name = table + "_" + columns.stream().map(Object::toString).collect(Collectors.joining("_")) + "_idx";
    return "CREATE INDEX CONCURRENTLY " + ident(name) + " ON " + qualified(Rows.string(row, "schema"), table) + " ("
        + columns.stream().map(c -> ident(c.toString())).collect(Collectors.joining(", ")) + ");";
  }
}
