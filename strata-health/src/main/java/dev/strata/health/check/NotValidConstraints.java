package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.stream.Collectors;

/** {@code not-valid-constraints}: constraints added NOT VALID and never validated. */
public final class NotValidConstraints extends Check {
  @Override
  public String id() {
    return "not-valid-constraints";
  }

  @Override
  public String title() {
    return "NOT VALID constraints";
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    if (rows.isEmpty()) {
      return Finding.pass("every constraint is validated");
    }
    String fixSql = rows.maps().stream()
        .map(r -> "ALTER TABLE " + qualified(Rows.string(r, "schema"), Rows.string(r, "table")) + " VALIDATE CONSTRAINT "
            + ident(Rows.string(r, "constraint")) + ";")
        .collect(Collectors.joining("\n"));
    return Finding.found(Severity.WARNING, rows.size() + " constraint(s) not validated: older rows were never checked", rows,
        "Validate each constraint (it takes only a SHARE UPDATE EXCLUSIVE lock); fix the rows it reports first.", fixSql);
  }
}
