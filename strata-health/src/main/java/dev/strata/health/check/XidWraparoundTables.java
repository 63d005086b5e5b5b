package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code xid-wraparound-tables}: tables whose transaction-ID age passed 1.5 × {@code
 * autovacuum_freeze_max_age} (autovacuum's anti-wraparound vacuums are not keeping up), or {@code
 * warning_age} when set.
 */
public final class XidWraparoundTables extends Check {
  @Override
  public String id() {
    return "xid-wraparound-tables";
  }

  @Override
  public String title() {
    return "Transaction-ID wraparound (tables, with TOAST)";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning_freeze_max_age_factor", 1.5, "critical_age", 1.3e9);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    double freezeMaxAge = Rows.number(ctx.query("SELECT current_setting('autovacuum_freeze_max_age')::bigint AS v").maps().get(0), "v");
    double warning = ctx.settings().threshold(id(), "warning_age").orElse(freezeMaxAge * ctx.threshold("warning_freeze_max_age_factor"));
    double critical = ctx.threshold("critical_age");
    Rows rows = ctx.query(sql(), (long) Math.min(warning, critical));
    if (rows.isEmpty()) {
      return Finding.pass("no table is older than " + UnusedIndexes.fmt(warning) + " transactions");
    }
    Severity severity = Finding.worst(rows, r -> Finding.above(Rows.number(r, "xid_age"), warning, critical));
    String fixSql = rows.maps().stream()
        .map(r -> "VACUUM (FREEZE, VERBOSE) " + qualified(Rows.string(r, "schema"), Rows.string(r, "table")) + ";")
        .collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " table(s) with old transaction IDs", rows,
        "Freeze the tables; if autovacuum cannot, look for long transactions and prepared transactions holding the horizon.", fixSql);
  }
}
