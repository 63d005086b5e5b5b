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
    String fixSql = rows.maps().stream()
        .map(r -> "ALTER TABLE " + qualified(Rows.string(r, "schema"), Rows.string(r, "table"))
            + " ADD PRIMARY KEY (<unique columns>);  -- or ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")
        .collect(Collectors.joining("\n"));
    return Finding.found(Severity.WARNING, rows.size() + " table(s) without a primary key", rows,
        "Give each table a primary key (Prisma models need an @id or @@id anyway).", fixSql);
  }
}
