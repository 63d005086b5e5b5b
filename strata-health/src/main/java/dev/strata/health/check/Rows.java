package dev.strata.health.check;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A query's rows, read whole: column names, and each row as a map from column name to value. */
public record Rows(List<String> columns, List<Map<String, Object>> maps) {
  public Rows {
    columns = List.copyOf(columns);
    maps = List.copyOf(maps);
  }

  static Rows read(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
    }
    List<Map<String, Object>> maps = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= columns.size(); i++) {
        Object value = rs.getObject(i);
        if (value instanceof Array array) {
          value = Arrays.asList((Object[]) array.getArray());
        }
        row.put(columns.get(i - 1), value);
      }
      maps.add(row);
    }
    return new Rows(columns, maps);
  }

  public boolean isEmpty() {
    return maps.isEmpty();
  }

  public int size() {
    return maps.size();
  }

  /** The rows matching {@code keep}. */
  public Rows filter(Predicate<Map<String, Object>> keep) {
    return new Rows(columns, maps.stream().filter(keep).toList());
  }

  /** Only the named columns, in that order. */
  public Rows select(String... names) {
    List<Map<String, Object>> picked = new ArrayList<>();
    for (Map<String, Object> row : maps) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String name : names) {
        m.put(name, row.get(name));
      }
      picked.add(m);
    }
    return new Rows(List.of(names), picked);
  }

  /** Every value as text, as the evidence shows it. */
  public List<List<String>> text() {
    List<List<String>> text = new ArrayList<>();
    for (Map<String, Object> row : maps) {
      List<String> line = new ArrayList<>();
      for (String column : columns) {
        line.add(text(row.get(column)));
      }
      text.add(line);
    }
    return text;
  }

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal big) {
      return big.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Double d) {
      return d == Math.rint(d) && !d.isInfinite() ? Long.toString(d.longValue()) : String.format(java.util.Locale.ROOT, "%.2f", d);
    }
    if (value instanceof List<?> list) {
      return String.join(", ", list.stream().map(Rows::text).toList());
    }
    return value.toString();
  }

  /** A numeric column as a double (0 when null). */
  public static double number(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value instanceof Number n ? n.doubleValue() : value == null ? 0 : Double.parseDouble(value.toString());
  }

  /** A column as text ("" when null). */
  public static String string(Map<String, Object> row, String column) {
    return text(row.get(column));
  }
}
