package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** {@code replication-lag}: each standby's replay lag on a primary, or this standby's (pghero 5 s; mixin 1 h). */
public final class ReplicationLag extends Check {
  @Override
  public String id() {
    return "replication-lag";
  }

  @Override
  public String title() {
    return "Replication lag";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_seconds", 10.0, "critical_seconds", 3600.0);
  }

  @Override
  public Optional<String> needsRole() {
    return Optional.of("pg_read_all_stats");
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    if (rows.isEmpty()) {
      return Finding.pass("no standby replicates from this server, and it is not a standby");
    }
    double warning = ctx.threshold("warning_seconds");
    double critical = ctx.threshold("critical_seconds");
    Severity severity = Finding.worst(rows, r -> Finding.above(Rows.number(r, "lag_seconds"), warning, critical));
    return Finding.found(severity, severity == Severity.OK ? rows.size() + " standby link(s), none lagging" : "replication lags by over "
        + UnusedIndexes.fmt(warning) + " s", rows,
        "Look at the standby's disk and network, and at long queries on it (hot_standby_feedback, max_standby_streaming_delay).", null);
  }
}
