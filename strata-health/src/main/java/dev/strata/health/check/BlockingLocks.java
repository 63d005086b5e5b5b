package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code blocking-locks}: sessions waiting for locks, their blockers and the root of each chain (check_postgres lockwait). */
public final class BlockingLocks extends Check {
  @Override
  public String id() {
    return "blocking-locks";
  }

  @Override
  public String title() {
    return "Lock waits and blocking chains";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_seconds", 30.0, "critical_seconds", 120.0);
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
      return Finding.pass("no session has waited " + UnusedIndexes.fmt(warning) + " s for a lock");
    }
    Severity severity = Finding.worst(rows, r -> Finding.above(Rows.number(r, "waiting_seconds"), warning, critical));
    Set<String> roots = new LinkedHashSet<>();
    for (Map<String, Object> row : rows.maps()) {
      Object value = row.get("root_blockers");
      if (value instanceof List<?> list) {
        list.forEach(pid -> roots.add(pid.toString()));
      }
    }
    String fixSql = roots.stream().map(pid -> "SELECT pg_terminate_backend(" + pid + ");  -- root of a blocking chain")
        .collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " session(s) waiting for locks; root blocker(s): " + String.join(", ", roots), rows,
        "End the root blocker (or let it finish), then make the application hold locks for less time; set lock_timeout for migrations.",
        fixSql);
  }
}
