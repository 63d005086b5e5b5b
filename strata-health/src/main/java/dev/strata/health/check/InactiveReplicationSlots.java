package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code inactive-replication-slots}: slots nobody reads (pghero: any; the mixin: critical), with the WAL they keep. */
public final class InactiveReplicationSlots extends Check {
  private static final double MB = 1024.0 * 1024;

  @Override
  public String id() {
    return "inactive-replication-slots";
  }

  @Override
  public String title() {
    return "Inactive replication slots";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("critical_retained_mb", 10240.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    if (rows.isEmpty()) {
      return Finding.pass("every replication slot is in use");
    }
    double critical = ctx.threshold("critical_retained_mb");
    Severity severity = Finding.worst(rows, r -> Rows.number(r, "retained_bytes") / MB >= critical ? Severity.CRITICAL : Severity.WARNING);
    String fixSql = rows.maps().stream()
        .map(r -> "SELECT pg_drop_replication_slot('" + Rows.string(r, "slot_name").replace("'", "''") + "');")
        .collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " inactive replication slot(s) holding WAL", rows.select("slot_name", "slot_type", "database", "retained_wal"),
        "Reconnect the consumer, or drop the slot if it is gone for good: it keeps WAL until the disk fills.", fixSql);
  }
}
