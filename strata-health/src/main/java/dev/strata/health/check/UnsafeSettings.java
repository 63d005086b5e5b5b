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
    String fixSql = rows.maps().stream().map(r -> {
      String name = Rows.string(r, "name");
      String source = Rows.string(r, "source");
      String safe = switch (name) {
        case "fsync", "full_page_writes", "synchronous_commit" -> "on";
        default -> "off";
      };
      return source.equals("database") ? "ALTER DATABASE " + ident(currentDatabase(ctx)) + " RESET " + name + ";"
          : source.equals("user") ? "ALTER ROLE <role> RESET " + name + ";"
          : "ALTER SYSTEM SET " + name + " = " + safe + "; SELECT pg_reload_conf();";
    }).distinct().collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " unsafe setting(s): " + rows.maps().stream().map(r -> Rows.string(r, "name") + "=" + Rows.string(r, "setting"))
        .collect(Collectors.joining(", ")), rows,
        "Put the settings back to their safe values (they are only for throw-away data).", fixSql);
  }

  private static String currentDatabase(CheckContext ctx) {
    try {
      return Rows.string(ctx.query("SELECT current_database() AS d").maps().get(0), "d");
    } catch (SQLException e) {
      return "<database>";
    }
  }
}
