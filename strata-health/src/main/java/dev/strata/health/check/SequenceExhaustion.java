package dev.strata.health.check;

import dev.strata.health.Severity;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code sequence-exhaustion}: sequences and identity columns near the largest value their
 * column's type holds (pghero's rule: an int4 column fed by a bigint sequence overflows at 2^31 − 1).
 */
public final class SequenceExhaustion extends Check {
  @Override
  public String id() {
    return "sequence-exhaustion";
  }

  @Override
  public String title() {
    return "Sequence and identity exhaustion";
  }

  @Override
  public Map<String, Double> defaults() {
    return Map.of("warning", 75.0, "critical", 90.0);
  }

  @Override
  public Finding run(CheckContext ctx) throws SQLException {
    Rows all = ctx.query(sql());
    long unreadable = all.maps().stream().filter(r -> Boolean.FALSE.equals(r.get("readable"))).count();
    if (!all.isEmpty() && unreadable == all.size()) {
      return Finding.skipped("none of the " + all.size() + " sequence(s) is readable by this role",
          "SELECT or USAGE on the sequences (GRANT SELECT ON ALL SEQUENCES IN SCHEMA … TO <role>), or pg_read_all_data");
    }
    double warning = ctx.threshold("warning");
    double critical = ctx.threshold("critical");
    Rows rows = all.filter(r -> Rows.number(r, "used_percent") >= warning);
    String note = unreadable > 0 ? " (" + unreadable + " sequence(s) unreadable by this role were not checked)" : "";
    if (rows.isEmpty()) {
      String top = all.isEmpty() ? "no sequences" : "most used: " + Rows.string(all.maps().get(0), "sequence") + " at "
          + Rows.string(all.maps().get(0), "used_percent") + " %";
      return Finding.pass(top + note);
    }
    Severity severity = Finding.worst(rows, r -> Finding.above(Rows.number(r, "used_percent"), warning, critical));
    String fixSql = rows.maps().stream().map(SequenceExhaustion::fix).collect(Collectors.joining("\n"));
    return Finding.found(severity, rows.size() + " sequence(s) past " + UnusedIndexes.fmt(warning) + " % of their column's range" + note,
        rows.select("schema", "sequence", "table", "column", "column_type", "last_value", "limit_value", "used_percent"),
        "Widen the column and the sequence to bigint before they run out (the ALTER TABLE rewrites the table: plan a window).", fixSql);
  }

  private static String fix(Map<String, Object> row) {
    String sequence = "ALTER SEQUENCE " + qualified(Rows.string(row, "schema"), Rows.string(row, "sequence")) + " AS bigint;";
    if (Rows.string(row, "table").isEmpty()) {
      return sequence;
    }
    String table = qualified(Rows.string(row, "table_schema"), Rows.string(row, "table"));
    String column = ident(Rows.string(row, "column"));
    return Rows.string(row, "identity").isBlank()
        ? sequence + " ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE bigint;"
        : "ALTER TABLE " + table + " ALTER COLUMN " + column + " TYPE bigint; " + sequence;
  }
}
