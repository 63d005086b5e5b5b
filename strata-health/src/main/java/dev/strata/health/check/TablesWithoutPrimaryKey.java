package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.stream.Collectors;

/** {@code tables-without-primary-key}: tables no row can be addressed in (pg-index-health). */
public final class TablesWithoutPrimaryKey extends Check {
  @Override
  public String id() {
    return "tables-without-primary-key";
  }

  @Override
  public String title() {
    return "Tables without a primary key";
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    if (rows.isEmpty()) {
      return Finding.pass("every table has a primary key");
    }
    String fixSql = rows.maps().stream().map(TablesWithoutPrimaryKey::fixSql).collect(Collectors.joining("\n"));
    return Finding.found(Severity.WARNING, rows.size() + " table(s) without a primary key", rows.select("schema", "table", "estimated_rows"),
        "Give each table a primary key (Prisma models need an @id or @@id anyway).", fixSql);
  }

  /**
   * A unique index the table has becomes its primary key (its columns are made NOT NULL, which
   * fails if a row holds a NULL); without one, an identity column is added ({@code id}, or {@code
   * row_id} when the table has an {@code id} already).
   */
  private static String fixSql(java.util.Map<String, Object> r) {
    String table = "ALTER TABLE " + qualified(Rows.string(r, "schema"), Rows.string(r, "table"));
    String index = Rows.string(r, "unique_index");
    if (!index.isBlank()) {
      return table + " ADD PRIMARY KEY USING INDEX " + ident(index) + ";";
    }
    String column = Boolean.TRUE.equals(r.get("has_id")) ? "row_id" : "id";
    return table + " ADD COLUMN " + column + " bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;";
  }
}
