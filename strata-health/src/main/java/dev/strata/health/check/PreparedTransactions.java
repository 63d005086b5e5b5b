package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code prepared-transactions}: two-phase transactions left prepared (check_postgres prepared_txns). */
public final class PreparedTransactions extends Check {
  @Override
  public String id() {
    return "prepared-transactions";
  }

  @Override
  public String title() {
    return "Forgotten prepared transactions";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_seconds", 60.0, "critical_seconds", 1800.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    double warning = ctx.threshold("warning_seconds");
    double critical = ctx.threshold("critical_seconds");
    Rows rows = ctx.query(sql(), Math.min(warning, critical));
    if (rows.isEmpty()) {
      return Finding.pass("no transaction has been prepared for " + UnusedIndexes.fmt(warning) + " s");
    }
    Severity severity = Finding.worst(rows, r -> Finding.above(Rows.number(r, "seconds"), warning, critical));
    String fixSql = rows.maps().stream()
        .map(r -> "ROLLBACK PREPARED '" + Rows.string(r, "gid").replace("'", "''") + "';  -- or COMMIT PREPARED, in database " + Rows.string(r, "database"))
        .collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " prepared transaction(s) left open", rows,
        "Commit or roll back each one (ask the transaction manager that prepared it which): they hold locks and stop vacuum.", fixSql);
  }
}
