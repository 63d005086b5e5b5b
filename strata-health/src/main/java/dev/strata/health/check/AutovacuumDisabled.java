package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.stream.Collectors;

/** {@code autovacuum-disabled}: autovacuum off for the server (critical) or for tables (warning). */
public final class AutovacuumDisabled extends Check {
  @Override
  public String id() {
    return "autovacuum-disabled";
  }

  @Override
  public String title() {
    return "Autovacuum disabled";
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    if (rows.isEmpty()) {
      return Finding.pass("autovacuum is on, for every table");
    }
    boolean server = rows.maps().stream().anyMatch(r -> "server".equals(r.get("level")));
    String fixSql = rows.maps().stream()
        .map(r -> "server".equals(r.get("level")) ? "ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();"
            : "ALTER TABLE " + qualified(Rows.string(r, "schema"), Rows.string(r, "table")) + " RESET (autovacuum_enabled, toast.autovacuum_enabled);")
        .collect(Collectors.joining("\n"));
    return Finding.found(server ? Severity.CRITICAL : Severity.WARNING,
        server ? "autovacuum is off for the whole server" : rows.size() + " table(s) with autovacuum turned off", rows,
        "Turn autovacuum back on: without it dead rows pile up and transaction IDs are not frozen (wraparound).", fixSql);
  }
}
