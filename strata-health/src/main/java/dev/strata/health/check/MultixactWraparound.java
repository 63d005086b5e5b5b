package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code multixact-wraparound}: this database's multixact-ID age (postgres_exporter's datminmxid age). */
public final class MultixactWraparound extends Check {
  @Override
  public String id() {
    return "multixact-wraparound";
  }

  @Override
  public String title() {
    return "Multixact wraparound";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_age", 1.0e9, "critical_age", 1.5e9);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    double warning = ctx.threshold("warning_age");
    double critical = ctx.threshold("critical_age");
    Rows rows = ctx.query(sql()).filter(r -> Rows.number(r, "multixact_age") >= warning);
    if (rows.isEmpty()) {
      return Finding.pass("no database has a multixact age of " + UnusedIndexes.fmt(warning));
    }
    Severity severity = Finding.worst(rows, r -> Finding.above(Rows.number(r, "multixact_age"), warning, critical));
    String fixSql = rows.maps().stream()
        .map(r -> "-- in database " + ident(Rows.string(r, "database")) + ":\nVACUUM (FREEZE, VERBOSE);")
        .collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " database(s) with old multixacts", rows,
        "Freeze the database (VACUUM FREEZE); shared row locks (SELECT … FOR SHARE, foreign keys) create multixacts.", fixSql);
  }
}
