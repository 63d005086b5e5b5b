package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code xid-wraparound}: this database's transaction-ID age (check_postgres txn_wraparound; writes stop at 2^31). */
public final class XidWraparound extends Check {
  @Override
  public String id() {
    return "xid-wraparound";
  }

  @Override
  public String title() {
    return "Transaction-ID wraparound (database)";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_age", 1.0e9, "critical_age", 1.3e9);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    double warning = ctx.threshold("warning_age");
    double critical = ctx.threshold("critical_age");
    Rows all = ctx.query(sql());
    Rows rows = all.filter(r -> Rows.number(r, "xid_age") >= warning);
    if (rows.isEmpty()) {
      return Finding.pass("oldest transaction-ID age " + (all.isEmpty() ? "0" : Rows.string(all.maps().get(0), "xid_age"))
          + " (" + (all.isEmpty() ? "0" : Rows.string(all.maps().get(0), "percent_of_wraparound")) + " % of wraparound)");
    }
    Severity severity = Finding.worst(rows, r -> Finding.above(Rows.number(r, "xid_age"), warning, critical));
    String fixSql = rows.maps().stream()
        .map(r -> "-- in database " + ident(Rows.string(r, "database")) + ":\nVACUUM (FREEZE, VERBOSE);")
        .collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " database(s) past " + UnusedIndexes.fmt(warning) + " transactions of age", rows,
        "Freeze old rows with a database-wide VACUUM (FREEZE); find what holds it back first (long transactions, prepared transactions, stale slots).",
        fixSql);
  }
}
