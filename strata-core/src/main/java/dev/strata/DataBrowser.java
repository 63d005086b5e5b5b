package dev.strata;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reading and editing the rows of a project's models ({@link Strata#data()}): what the studio's
 * data pages show and change.
 *
 * <p>Models and fields are named as in the Prisma schema; the tables and columns behind them come
 * from the schema's IR only, never from the caller, and every value is a bound parameter. Values
 * travel as PostgreSQL's text form ({@code 42}, {@code t}, {@code 2024-01-31 10:00:00},
 * {@code {"a":1}}, {@code \xdeadbeef}); {@link Optional#empty()} is SQL {@code NULL}. Each change
 * runs in its own transaction and returns the statement it ran; a database error (a unique or
 * foreign-key violation) throws {@link StrataException} ({@code DATABASE}) with PostgreSQL's message
 * and changes nothing.
 */
public interface DataBrowser {
  /** Every model of the schema, in schema order, with its estimated row count. */
  List<Model> models();

  /**
   * The model named {@code name}.
   *
   * @throws StrataException ({@code INVALID_INPUT}) when the schema has no such model
   */
  Model model(String name);

  /** One page of rows: filtered, sorted, after the query's cursor (keyset pagination). */
  Page page(Query query);

  /** The row whose key fields have {@code key}'s values, if there is one. */
  Optional<Row> row(String model, Map<String, String> key);

  /** The statement {@link #insert} would run; nothing is run. */
  Statement previewInsert(String model, Map<String, Optional<String>> values);

  /** The statement {@link #update} would run; nothing is run. */
  Statement previewUpdate(String model, Map<String, String> key, Map<String, Optional<String>> values);

  /** The statement {@link #delete} would run; nothing is run. */
  Statement previewDelete(String model, Map<String, String> key);

  /** Inserts a row (fields not given take their defaults) and returns it as stored. */
  Change insert(String model, Map<String, Optional<String>> values);

  /**
   * Sets fields of the row with {@code key}.
   *
   * @throws StrataException ({@code INVALID_INPUT}) when no row has that key any more
   */
  Change update(String model, Map<String, String> key, Map<String, Optional<String>> values);

  /**
   * Deletes the row with {@code key}.
   *
   * @throws StrataException ({@code INVALID_INPUT}) when no row has that key any more
   */
  Change delete(String model, Map<String, String> key);

  /**
   * This browser without writes: every insert, update and delete (and their previews) throws
   * {@link StrataException} ({@code INVALID_INPUT}) before touching the database ({@code strata
   * studio --read-only}).
   */
  DataBrowser readOnly();

  /** Whether this browser refuses every change. */
  boolean isReadOnly();

  /** How a field's values are typed, for filters and editors. */
  enum Kind {
    TEXT, UUID, INTEGER, FLOAT, DECIMAL, BOOLEAN, DATETIME, DATE, TIME, JSON, BYTES, ENUM, OTHER
  }

  /**
   * A model: its Prisma name and the table behind it.
   *
   * @param estimatedRows the planner's estimate ({@code pg_class.reltuples}); counted when the
   *     table was never analysed
   * @param key the fields that identify a row (the primary key, else the first unique index);
   *     empty when there are none, and then the rows cannot be edited
   */
  record Model(String name, String schema, String table, long estimatedRows, List<Field> fields, List<String> key,
      List<Relation> relations, Optional<String> documentation) {
    public Model {
      fields = List.copyOf(fields);
      key = List.copyOf(key);
      relations = List.copyOf(relations);
    }

    /** The field named {@code fieldName}. */
    public Optional<Field> field(String fieldName) {
      return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** Whether rows can be changed: they have a key. */
    public boolean editable() {
      return !key.isEmpty();
    }
  }

  /**
   * A field stored in a column.
   *
   * @param prismaType the type as written in the schema ({@code String?}, {@code Role})
   * @param nativeType the column's type in the database ({@code TEXT}, {@code TIMESTAMP(3)})
   * @param hasDefault whether an insert may leave it out (a default, a sequence, an identity)
   * @param generated computed by the database: never written
   * @param enumValues the values of an enum field, in order
   */
  record Field(String name, String column, Kind kind, String prismaType, String nativeType, boolean array,
      boolean nullable, boolean hasDefault, boolean generated, List<String> enumValues, Optional<String> documentation) {
    public Field {
      enumValues = List.copyOf(enumValues);
    }
  }

  /**
   * A foreign key seen from one model: to the model it references ({@code back} false: {@code fields}
   * of this model hold {@code targetFields} of {@code targetModel}), or from a model that references
   * this one ({@code back} true: {@code targetFields} of {@code targetModel} hold {@code fields} of
   * this model).
   */
  record Relation(String targetModel, List<String> fields, List<String> targetFields, boolean back) {
    public Relation {
      fields = List.copyOf(fields);
      targetFields = List.copyOf(targetFields);
    }
  }

  /** How a filter compares a field with its value. */
  enum Operator {
    /** The text form contains the value, ignoring case. */
    CONTAINS,
    EQUALS,
    NOT_EQUALS,
    /** Greater than or equal: the lower end of a range. */
    AT_LEAST,
    /** Less than or equal: the upper end of a range. */
    AT_MOST,
    IS_NULL,
    NOT_NULL,
    /** The JSON value at {@code path} (as text) equals the value. */
    JSON_PATH_EQUALS
  }

  /** A condition on one field; {@code value} is ignored by {@code IS_NULL}/{@code NOT_NULL}. */
  record Filter(String field, Operator operator, String value, List<String> path) {
    public Filter {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(value, "value");
      path = List.copyOf(path);
    }

    public static Filter of(String field, Operator operator, String value) {
      return new Filter(field, operator, value, List.of());
    }
  }

  /** The order of a page: one field, then the key. */
  record Sort(String field, boolean descending) {}

  /**
   * A page request.
   *
   * @param after the {@link Page#next()} cursor of the page before, for the page after it
   * @param limit rows per page (1 to 1000)
   */
  record Query(String model, List<Filter> filters, Optional<Sort> sort, Optional<String> after, int limit) {
    public Query {
      filters = List.copyOf(filters);
    }

    public static Query first(String model, int limit) {
      return new Query(model, List.of(), Optional.empty(), Optional.empty(), limit);
    }

    public Query withFilters(List<Filter> newFilters) {
      return new Query(model, newFilters, sort, after, limit);
    }

    public Query withSort(Sort newSort) {
      return new Query(model, filters, Optional.of(newSort), after, limit);
    }

    public Query after(String cursor) {
      return new Query(model, filters, sort, Optional.of(cursor), limit);
    }
  }

  /** A row: each field's value in PostgreSQL's text form, empty for {@code NULL}, in field order. */
  record Row(Map<String, Optional<String>> values) {
    public Row {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Optional<String> get(String field) {
      Optional<String> value = values.get(field);
      return value == null ? Optional.empty() : value;
    }

    /** The values of {@code fields} (a model's key); a missing one is the empty string. */
    public Map<String, String> key(List<String> fields) {
      Map<String, String> key = new LinkedHashMap<>();
      fields.forEach(f -> key.put(f, get(f).orElse("")));
      return Collections.unmodifiableMap(key);
    }
  }

  /**
   * A page of rows.
   *
   * @param next the cursor of the page after this one, when there are more rows
   * @param statement the query that read it
   */
  record Page(Model model, List<Row> rows, Optional<String> next, Statement statement, Duration elapsed) {
    public Page {
      rows = List.copyOf(rows);
    }
  }

  /** A statement as it runs: SQL with {@code $1…} placeholders and their values (empty for NULL). */
  record Statement(String sql, List<Optional<String>> parameters) {
    public Statement {
      parameters = List.copyOf(parameters);
    }

    /** The SQL, then one line per parameter ({@code -- $1 = 'x'}), for showing before and after it runs. */
    public String describe() {
      StringBuilder out = new StringBuilder(sql);
      for (int i = 0; i < parameters.size(); i++) {
        out.append("\n-- $").append(i + 1).append(" = ")
            .append(parameters.get(i).map(v -> "'" + v.replace("'", "''") + "'").orElse("NULL"));
      }
      return out.toString();
    }
  }

  /** A committed change: the statement, the rows it touched, and the row as stored (not for a delete). */
  record Change(Statement statement, int rows, Optional<Row> row) {}
}
