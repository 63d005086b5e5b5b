package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code idle-in-transaction}: sessions idle inside an open transaction (they hold locks and the vacuum horizon). */
public final class IdleInTransaction extends Check {
  @Override
  public String id() {
    return "idle-in-transaction";
  }

  @Override
  public String title() {
    return "Idle in transaction";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_seconds", 300.0, "critical_seconds", 1800.0);
  }

  @Override
  public Optional<String> needsRole() {
    return Optional.of("pg_read_all_stats");
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    double warning = ctx.threshold("warning_seconds");
    double critical = ctx.threshold("critical_seconds");
    Rows rows = ctx.query(sql(), Math.min(warning, critical));
    if (rows.isEmpty()) {
      return Finding.pass("no session has been idle in a transaction for " + UnusedIndexes.fmt(warning) + " s");
    }
    Severity severity = Finding.worst(rows, r -> Finding.above(Rows.number(r, "idle_seconds"), warning, critical));
    String fixSql = rows.maps().stream().map(r -> "SELECT pg_terminate_backend(" + Rows.string(r, "pid") + ");")
        .collect(Collectors.joining("\n")) + "\nALTER ROLE <role> SET idle_in_transaction_session_timeout = '5min';";
    return Finding.found(severity, rows.size() + " session(s) idle in a transaction for over " + UnusedIndexes.fmt(warning) + " s", rows,
        "End the sessions and fix the application path that leaves transactions open; set idle_in_transaction_session_timeout.", fixSql);
  }
}
