package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code duplicate-indexes}: indexes identical to another one of the same table; the first is kept. */
public final class DuplicateIndexes extends Check {
  @Override
  public String id() {
    return "duplicate-indexes";
  }

  @Override
  public String title() {
    return "Duplicate indexes";
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    if (rows.isEmpty()) {
      return Finding.pass("no index duplicates another");
    }
    List<String> drops = new ArrayList<>();
    for (Map<String, Object> row : rows.maps()) {
      List<?> names = (List<?>) row.get("indexes");
      List<?> backs = (List<?>) row.get("backs");
      for (int i = 1; i < names.size(); i++) {
        String index = qualified(Rows.string(row, "schema"), names.get(i).toString());
        drops.add(Boolean.TRUE.equals(backs.get(i))
            ? "-- " + index + " backs a constraint: drop the constraint instead (ALTER TABLE … DROP CONSTRAINT …)"
            : "DROP INDEX CONCURRENTLY " + index + ";");
      }
    }
    return Finding.found(Severity.WARNING, rows.size() + " group(s) of identical indexes",
        rows.select("schema", "table", "indexes", "wasted"),
        "Keep the first index of each group (primary key or unique first) and drop the others.", String.join("\n", drops));
  }
}
