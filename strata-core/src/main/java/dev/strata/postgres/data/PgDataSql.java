package dev.strata.postgres.data;

import dev.strata.DataBrowser.Kind;
import dev.strata.DataBrowser.Operator;
import dev.strata.postgres.PgIdentifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The statements of the data browser: a page (filters, sort, keyset cursor), an insert, an update
 * and a delete. Identifiers are quoted here from names the caller took from the schema IR; values
 * never enter the SQL text, only the parameter list.
 */
public final class PgDataSql {
  private PgDataSql() {}

  /** How a parameter is bound: as text, untyped (the server infers the column's type), or a text array. */
  public enum Binding {
    TEXT,
    UNTYPED,
    TEXT_ARRAY
  }

  /** A bound value: its text form (empty for NULL) or, for {@link Binding#TEXT_ARRAY}, its elements. */
  public record Param(Optional<String> value, List<String> elements, Binding binding) {
    public Param {
      Objects.requireNonNull(value, "value");
      elements = List.copyOf(elements);
    }

    static Param text(String value) {
      return new Param(Optional.of(value), List.of(), Binding.TEXT);
    }

    static Param untyped(Optional<String> value) {
      return new Param(value, List.of(), Binding.UNTYPED);
    }

    static Param array(List<String> elements) {
      return new Param(Optional.empty(), elements, Binding.TEXT_ARRAY);
    }

    /** The value as a statement's description shows it. */
    public Optional<String> shown() {
      return binding == Binding.TEXT_ARRAY ? Optional.of("{" + String.join(",", elements) + "}") : value;
    }
  }

  /**
   * A statement: the text for JDBC ({@code ?} placeholders), the same with {@code $1…} for people,
   * and the parameters.
   */
  public record Sql(String jdbc, String shown, List<Param> params) {
    public Sql {
      params = List.copyOf(params);
    }
  }

  /** A column of the table: its name and how its values are typed. */
  public record Col(String name, Kind kind, boolean array, boolean nullable) {}

  /** A condition on a column. */
  public record Condition(Col column, Operator operator, String value, List<String> path) {
    public Condition {
      path = List.copyOf(path);
    }
  }

  /** The order of a page: a column, then the key columns in the same direction. */
  public record Order(Col column, boolean descending) {}

  /**
   * The page query: {@code columns} as text, {@code limit + 1} rows (the extra one tells whether
   * there is a next page), ordered by {@code order} (if any) then {@code key}, after the cursor's
   * values (the order column's value first when ordered, then the key's).
   */
  public static Sql page(String schema, String table, List<Col> columns, List<Condition> conditions, Optional<Order> order,
      List<Col> key, Optional<List<Optional<String>>> after, int limit) {
    Builder sql = new Builder();
    // The table is aliased and ORDER BY names "t"."col": a bare "col" would name the output column,
    // which is the column's text, and sort 10 before 9.
    sql.text("SELECT ").text(selectList(columns)).text(" FROM ").text(qualified(schema, table)).text(" AS t");
    List<Runnable> where = new ArrayList<>();
    for (Condition c : conditions) {
      where.add(() -> condition(sql, c));
    }
    if (after.isPresent() && !key.isEmpty()) {
      where.add(() -> keyset(sql, order, key, after.get()));
    }
    for (int i = 0; i < where.size(); i++) {
      sql.text(i == 0 ? " WHERE " : " AND ");
      where.get(i).run();
    }
    List<String> orderBy = new ArrayList<>();
    boolean descending = order.map(Order::descending).orElse(false);
    order.ifPresent(o -> orderBy.add("t." + quote(o.column().name()) + (o.descending() ? " DESC" : " ASC")
        + (o.column().nullable() ? (o.descending() ? " NULLS FIRST" : " NULLS LAST") : "")));
    key.forEach(k -> orderBy.add("t." + quote(k.name()) + (descending ? " DESC" : " ASC")));
    if (!orderBy.isEmpty()) {
      sql.text(" ORDER BY ").text(String.join(", ", orderBy));
    }
    sql.text(" LIMIT " + (limit + 1));
    return sql.build();
  }

  /** One row by its key. */
  public static Sql row(String schema, String table, List<Col> columns, Map<String, String> key) {
    Builder sql = new Builder();
    sql.text("SELECT ").text(selectList(columns)).text(" FROM ").text(qualified(schema, table));
    where(sql, key);
    return sql.build();
  }

  /** An insert of {@code values} (column → text, empty for NULL) returning the row as text. */
  public static Sql insert(String schema, String table, Map<String, Optional<String>> values, List<Col> returning) {
    Builder sql = new Builder();
    sql.text("INSERT INTO ").text(qualified(schema, table));
    if (values.isEmpty()) {
      sql.text(" DEFAULT VALUES");
    } else {
      sql.text(" (").text(String.join(", ", values.keySet().stream().map(PgDataSql::quote).toList())).text(") VALUES (");
      int i = 0;
      for (Optional<String> value : values.values()) {
        sql.text(i++ == 0 ? "" : ", ").param(Param.untyped(value));
      }
      sql.text(")");
    }
    sql.text(" RETURNING ").text(selectList(returning));
    return sql.build();
  }

  /** An update of the row with {@code key}, returning it as text. */
  public static Sql update(String schema, String table, Map<String, Optional<String>> values, Map<String, String> key,
      List<Col> returning) {
    Builder sql = new Builder();
    sql.text("UPDATE ").text(qualified(schema, table)).text(" SET ");
    int i = 0;
    for (Map.Entry<String, Optional<String>> e : values.entrySet()) {
      sql.text(i++ == 0 ? "" : ", ").text(quote(e.getKey())).text(" = ").param(Param.untyped(e.getValue()));
    }
    where(sql, key);
    sql.text(" RETURNING ").text(selectList(returning));
    return sql.build();
  }

  /** A delete of the row with {@code key}. */
  public static Sql delete(String schema, String table, Map<String, String> key) {
    Builder sql = new Builder();
    sql.text("DELETE FROM ").text(qualified(schema, table));
    where(sql, key);
    return sql.build();
  }

  // ------------------------------------------------------------------------------------------

  private static void where(Builder sql, Map<String, String> key) {
    int i = 0;
    for (Map.Entry<String, String> e : key.entrySet()) {
      sql.text(i++ == 0 ? " WHERE " : " AND ").text(quote(e.getKey())).text(" = ").param(Param.untyped(Optional.of(e.getValue())));
    }
  }

  private static void condition(Builder sql, Condition c) {
    String column = quote(c.column().name());
    boolean json = c.column().kind() == Kind.JSON && !c.column().array();
    boolean byText = c.column().kind() == Kind.OTHER;
    switch (c.operator()) {
      case IS_NULL -> sql.text(column + " IS NULL");
      case NOT_NULL -> sql.text(column + " IS NOT NULL");
      case CONTAINS -> sql.text(column + "::text ILIKE ").param(Param.text("%" + likeEscaped(c.value()) + "%"));
      case EQUALS, NOT_EQUALS -> {
        String op = c.operator() == Operator.EQUALS ? " = " : " IS DISTINCT FROM ";
        if (json) {
          sql.text(column + "::jsonb" + op + "CAST(").param(Param.text(c.value())).text(" AS jsonb)");
        } else if (byText) {
          sql.text(column + "::text" + op).param(Param.text(c.value()));
        } else {
          sql.text(column + op).param(Param.untyped(Optional.of(c.value())));
        }
      }
      case AT_LEAST, AT_MOST -> {
        String op = c.operator() == Operator.AT_LEAST ? " >= " : " <= ";
        if (byText || json) {
          sql.text(column + "::text" + op).param(Param.text(c.value()));
        } else {
          sql.text(column + op).param(Param.untyped(Optional.of(c.value())));
        }
      }
      case JSON_PATH_EQUALS -> sql.text("(" + column + "::jsonb #>> ").param(Param.array(c.path())).text(") = ")
          .param(Param.text(c.value()));
    }
  }

  /**
   * Rows after the cursor in the page's order: ascending puts NULLs last, descending first (as a
   * btree index scanned either way), and the key breaks ties.
   */
  private static void keyset(Builder sql, Optional<Order> order, List<Col> key, List<Optional<String>> after) {
    boolean descending = order.map(Order::descending).orElse(false);
    String cmp = descending ? " < " : " > ";
    String keyColumns = "(" + String.join(", ", key.stream().map(k -> quote(k.name())).toList()) + ")";
    int keyStart = order.isPresent() ? 1 : 0;
    if (order.isEmpty()) {
      sql.text(keyColumns + cmp);
      params(sql, after.subList(keyStart, after.size()));
      return;
    }
    Col col = order.get().column();
    String column = quote(col.name());
    Optional<String> value = after.get(0);
    if (value.isEmpty()) {
      // The cursor is among the NULLs: the rest of the NULLs by key, then (descending) every non-NULL.
      sql.text("((" + column + " IS NULL AND " + keyColumns + cmp);
      params(sql, after.subList(keyStart, after.size()));
      sql.text(")" + (descending ? " OR " + column + " IS NOT NULL" : "") + ")");
      return;
    }
    // The plain bound on the column first: an index on the sort column alone serves it (the row
    // comparison needs an index on the column and the key together).
    String row = "(" + column + ", " + keyColumns.substring(1);
    sql.text("(" + (col.nullable() && !descending ? column + " IS NULL OR " : "") + "(" + column + (descending ? " <= " : " >= "))
        .param(Param.untyped(value)).text(" AND " + row + cmp);
    params(sql, after);
    sql.text("))");
  }

  private static void params(Builder sql, List<Optional<String>> values) {
    sql.text("(");
    for (int i = 0; i < values.size(); i++) {
      sql.text(i == 0 ? "" : ", ").param(Param.untyped(values.get(i)));
    }
    sql.text(")");
  }

  private static String selectList(List<Col> columns) {
    return String.join(", ", columns.stream().map(c -> quote(c.name()) + "::text").toList());
  }

  private static String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  private static String quote(String identifier) {
    return PgIdentifiers.quote(identifier);
  }

  /** {@code value} as a LIKE pattern matching itself: {@code \}, {@code %} and {@code _} escaped. */
  static String likeEscaped(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /** Writes the JDBC and the shown text side by side. */
  private static final class Builder {
    private final StringBuilder jdbc = new StringBuilder();
    private final StringBuilder shown = new StringBuilder();
    private final List<Param> params = new ArrayList<>();

    Builder text(String text) {
      jdbc.append(text);
      shown.append(text);
      return this;
    }

    Builder param(Param param) {
      params.add(param);
      jdbc.append('?');
      shown.append('$').append(params.size());
      return this;
    }

    Sql build() {
      return new Sql(jdbc.toString(), shown.toString(), params);
    }
  }
}
