package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;

/** {@code wal-archiving}: archive_command failing, or no WAL archived for a long time (postgres_exporter pg_stat_archiver). */
public final class WalArchiving extends Check {
  @Override
  public String id() {
    return "wal-archiving";
  }

  @Override
  public String title() {
    return "WAL archiving";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("critical_minutes", 60.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    Map<String, Object> row = rows.maps().get(0);
    String mode = Rows.string(row, "archive_mode");
    if (mode.equals("off")) {
      return Finding.pass("archive_mode is off: WAL is not archived (point-in-time recovery is not set up)");
    }
    Rows shown = rows.select("archive_mode", "archived_count", "failed_count", "last_archived_wal", "last_archived", "last_failed_wal", "last_failed");
    if (!Boolean.TRUE.equals(row.get("failing"))) {
      return Finding.pass(Rows.string(row, "archived_count") + " WAL file(s) archived, the last one did not fail", shown);
    }
    double minutes = Rows.number(row, "seconds_since_archive") / 60;
    Severity severity = minutes >= ctx.threshold("critical_minutes") ? Severity.CRITICAL : Severity.WARNING;
    return Finding.found(severity, "archive_command is failing (" + Rows.string(row, "failed_count") + " failure(s), last on "
        + Rows.string(row, "last_failed_wal") + ")", shown,
        "Read the server log for archive_command's error and fix it: unarchived WAL piles up in pg_wal until the disk fills.",
        "SHOW archive_command;");
  }
}
