package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.stream.Collectors;

/** {@code unsafe-settings}: settings that risk data: fsync, full_page_writes, zero_damaged_pages off/on… */
public final class UnsafeSettings extends Check {
  @Override
  public String id() {
    return "unsafe-settings";
  }

  @Override
  public String title() {
    return "Unsafe settings";
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows rows = ctx.query(sql());
    if (rows.isEmpty()) {
      return Finding.pass("no setting puts data at risk");
    }
    Severity severity = Finding.worst(rows, r -> "critical".equals(r.get("severity")) ? Severity.CRITICAL : Severity.WARNING);
    String database = ident(Rows.string(ctx.query("SELECT current_database() AS d").maps().get(0), "d"));
    String fixSql = rows.maps().stream().map(r -> {
      String name = Rows.string(r, "name");
      String source = Rows.string(r, "source");
      String safe = switch (name) {
        case "fsync", "full_page_writes", "synchronous_commit" -> "on";
        default -> "off";
      };
      // the settings are as this session sees them: a role's setting is this role's (CURRENT_USER)
      return switch (source) {
        case "database" -> "ALTER DATABASE " + database + " RESET " + name + ";";
        case "user" -> "ALTER ROLE CURRENT_USER RESET " + name + ";";
        case "database user" -> "ALTER ROLE CURRENT_USER IN DATABASE " + database + " RESET " + name + ";";
        default -> "ALTER SYSTEM SET " + name + " = " + safe + "; SELECT pg_reload_conf();";
      };
    }).distinct().collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " unsafe setting(s): " + rows.maps().stream().map(r -> Rows.string(r, "name") + "=" + Rows.string(r, "setting"))
        .collect(Collectors.joining(", ")), rows,
        "Put the settings back to their safe values (they are only for throw-away data).", fixSql);
  }
}
