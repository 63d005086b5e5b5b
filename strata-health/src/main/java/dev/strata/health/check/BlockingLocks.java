package dev.strata.health.check;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code blocking-locks}: sessions waiting for locks, their blockers and the root of each chain (check_postgres lockwait). */
public final class BlockingLocks extends SessionCheck {
  public BlockingLocks() {
    super("blocking-locks", "Lock waits and blocking chains", 30, 120, "waiting_seconds", "no session has waited %s s for a lock", null,
        "End the root blocker (or let it finish), then make the application hold locks for less time; set lock_timeout for migrations.");
  }

  @Override
  String foundSummary(Rows rows, String warning) {
    return rows.size() + " session(s) waiting for locks; root blocker(s): " + String.join(", ", roots(rows));
  }

  @Override
  String fixSql(Rows rows) {
    return roots(rows).stream().map(pid -> "SELECT pg_terminate_backend(" + pid + ");  -- root of a blocking chain")
        .collect(Collectors.joining("\n"));
  }

  /** The pids at the root of the blocking chains, in order of first appearance. */
  private static Set<String> roots(Rows rows) {
    Set<String> roots = new LinkedHashSet<>();
    for (Map<String, Object> row : rows.maps()) {
      Object value = row.get("root_blockers");
      if (value instanceof List<?> list) {
        list.forEach(pid -> roots.add(pid.toString()));
      }
    }
    return roots;
  }
}
