package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
    if (severity == Severity.OK) {
      return Finding.pass(rows.size() + " standby link(s), none lagging", rows);
    }
    List<Map<String, Object>> lagging = rows.maps().stream().filter(r -> Rows.number(r, "lag_seconds") >= warning).toList();
    boolean paused = lagging.stream().anyMatch(r -> Boolean.TRUE.equals(r.get("replay_paused")));
    return Finding.found(severity, "replication lags by over " + UnusedIndexes.fmt(warning) + " s" + (paused ? "; replay is paused" : ""), rows,
        paused ? "Resume replay on this standby (it was paused with pg_wal_replay_pause())."
            : "Look at the standby's disk and network, and at long queries on it (hot_standby_feedback, max_standby_streaming_delay).",
        fixSql(lagging));
  }

  /**
   * On a standby whose replay is paused, the statement that resumes it; else the SQL that shows
   * where each lagging standby stands (run on the primary for its standbys, on the standby for
   * itself), since lag from the disk or the network has no statement that cures it.
   */
  static String fixSql(List<Map<String, Object>> lagging) {
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> r : lagging) {
      if (Boolean.TRUE.equals(r.get("replay_paused"))) {
        lines.add("SELECT pg_wal_replay_resume();");
      } else if ("standby".equals(Rows.string(r, "side"))) {
        lines.add("SELECT application_name, state, write_lag, flush_lag, replay_lag, pg_wal_lsn_diff(sent_lsn, replay_lsn) AS behind_bytes "
            + "FROM pg_stat_replication WHERE application_name = '" + Rows.string(r, "name").replace("'", "''") + "';");
        lines.add("-- then, on that standby: SELECT pg_is_wal_replay_paused(); (if true: SELECT pg_wal_replay_resume();)");
      } else {
        lines.add("SELECT pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn(), pg_last_xact_replay_timestamp(), "
            + "pg_get_wal_replay_pause_state();");
        lines.add("SELECT pid, now() - xact_start AS running, query FROM pg_stat_activity WHERE state = 'active' AND xact_start IS NOT NULL "
            + "ORDER BY xact_start LIMIT 5;");
      }
    }
    return String.join("\n", lines.stream().distinct().toList());
  }
}
