package dev.strata.operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.DataBrowser;
import dev.strata.ErrorCode;
import dev.strata.StrataConfig;
import dev.strata.StrataException;
import dev.strata.config.SchemaSources;
import dev.strata.diag.Diagnostic;
import dev.strata.diag.Plural;
import dev.strata.postgres.data.PgData;
import dev.strata.postgres.data.PgDataSql;
import dev.strata.postgres.data.PgDataSql.Col;
import dev.strata.postgres.data.PgDataSql.Sql;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.EnumType;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.Table;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The data browser behind {@link dev.strata.Strata#data()}: models from the Prisma schema (names)
 * and its IR (tables, columns, keys, foreign keys), statements from {@link PgDataSql}, one
 * connection per call.
 */
public final class DataOperation implements DataBrowser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
  private static final Pattern HEX = Pattern.compile("\\\\x([0-9a-fA-F]{2})*");
  /** The most rows a page may ask for. */
  public static final int MAX_LIMIT = 1000;

  /** A model and the table behind it. */
  private record Entry(Model model, Table table) {}

  private final Supplier<Connection> connections;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final boolean readOnly;

  private DataOperation(Supplier<Connection> connections, List<Entry> models, boolean readOnly) {
    this.connections = connections;
    this.readOnly = readOnly;
    models.forEach(e -> entries.put(e.model().name(), e));
  }

  @Override
  public DataBrowser readOnly() {
    return new DataOperation(connections, List.copyOf(entries.values()), true);
  }

  @Override
  public boolean isReadOnly() {
    return readOnly;
  }

  private void writable() {
    if (readOnly) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "This data browser is read-only: nothing can be changed.");
    }
  }

  /**
   * The data browser of {@code config}'s schema; {@code connections} opens a connection to its
   * database per call.
   *
   * @throws StrataException when the schema cannot be read or is invalid
   */
  public static DataBrowser open(StrataConfig config, Supplier<Connection> connections) {
    SchemaSources sources = SchemaFiles.read(config);
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(sources.sources());
    if (checked.hasErrors()) {
      List<String> first = checked.diagnostics().stream().filter(Diagnostic::isError).limit(5).map(Diagnostic::message).toList();
      long errors = checked.diagnostics().stream().filter(Diagnostic::isError).count();
      throw new StrataException(ErrorCode.INVALID_INPUT, "The schema at " + sources.location().path() + " is invalid ("
          + Plural.of(errors, "error") + "):\n  " + String.join("\n  ", first));
    }
    DatabaseSchema ir = PrismaLowering.lower(checked.schema(), config.defaultSchema());
    return new DataOperation(connections, models(checked, ir), false);
  }

  // ---- models ---------------------------------------------------------------------------------

  private static List<Entry> models(PrismaFrontEnd.Checked checked, DatabaseSchema ir) {
    Map<String, ModelDecl> decls = new HashMap<>();
    checked.schema().models().forEach(m -> decls.putIfAbsent(m.name().name(), m));
    List<PrismaLowering.ModelNames> names = PrismaLowering.names(checked.schema());
    Map<String, String> modelOfTable = new HashMap<>();
    Map<String, Table> tableOfModel = new LinkedHashMap<>();
    for (PrismaLowering.ModelNames n : names) {
      ir.tables().stream().filter(t -> t.name().equals(n.table())).findFirst().ifPresent(t -> {
        tableOfModel.put(n.model(), t);
        modelOfTable.putIfAbsent(t.schema() + "." + t.name(), n.model());
      });
    }
    List<Entry> out = new ArrayList<>();
    for (PrismaLowering.ModelNames n : names) {
      Table table = tableOfModel.get(n.model());
      if (table == null) {
        continue;
      }
      Map<String, String> fieldOfColumn = new HashMap<>();
      n.columns().forEach((field, column) -> fieldOfColumn.put(column, field));
      ModelDecl decl = decls.get(n.model());
      List<Field> fields = new ArrayList<>();
      for (Column c : table.columns()) {
        String fieldName = fieldOfColumn.getOrDefault(c.name(), c.name());
        Optional<FieldDecl> fieldDecl = decl == null ? Optional.empty() : decl.field(fieldName);
        fields.add(field(fieldName, c, fieldDecl, ir));
      }
      List<String> keyColumns = table.primaryKey().map(pk -> pk.columns())
          .or(() -> table.indexes().stream().filter(Index::unique).filter(i -> i.predicate().isEmpty())
              .filter(i -> i.columns().stream().noneMatch(ic -> ic.expression())).findFirst().map(Index::columnNames))
          .orElse(List.of());
      List<String> key = keyColumns.stream().map(k -> fieldOfColumn.getOrDefault(k, k)).toList();
      out.add(new Entry(new Model(n.model(), table.schema(), table.name(), -1, fields, key,
          List.of(), decl == null ? Optional.empty() : decl.documentation()), table));
    }
    // Relations need every model's field names: a second pass.
    Map<String, Entry> byModel = new LinkedHashMap<>();
    out.forEach(e -> byModel.put(e.model().name(), e));
    List<Entry> withRelations = new ArrayList<>();
    for (Entry e : out) {
      List<Relation> relations = new ArrayList<>();
      for (ForeignKey fk : e.table().foreignKeys()) {
        String target = modelOfTable.get(fk.referencedSchema() + "." + fk.referencedTable());
        if (target != null && byModel.containsKey(target)) {
          relations.add(new Relation(target, fieldNames(e, fk.columns()), fieldNames(byModel.get(target), fk.referencedColumns()), false));
        }
      }
      for (Entry other : out) {
        for (ForeignKey fk : other.table().foreignKeys()) {
          if (fk.referencedSchema().equals(e.table().schema()) && fk.referencedTable().equals(e.table().name())) {
            relations.add(new Relation(other.model().name(), fieldNames(e, fk.referencedColumns()), fieldNames(other, fk.columns()), true));
          }
        }
      }
      Model m = e.model();
      withRelations.add(new Entry(new Model(m.name(), m.schema(), m.table(), -1, m.fields(), m.key(), relations, m.documentation()),
          e.table()));
    }
    return withRelations;
  }

  private static List<String> fieldNames(Entry entry, List<String> columns) {
    return columns.stream().map(c -> entry.model().fields().stream().filter(f -> f.column().equals(c)).findFirst()
        .map(Field::name).orElse(c)).toList();
  }

  private static Field field(String name, Column c, Optional<FieldDecl> decl, DatabaseSchema ir) {
    ColumnType type = c.type();
    List<String> enumValues = type.kind() == ColumnType.Kind.ENUM
        ? ir.enumType(type.enumSchema().orElse(ir.defaultSchema()), type.name()).map(EnumType::values).orElse(List.of())
        : List.of();
    String prismaType = decl.flatMap(FieldDecl::type).map(t -> t.render()).orElse(type.name());
    boolean hasDefault = c.defaultValue().isPresent() || c.autoincrement() || c.identity().isPresent() || c.generated().isPresent();
    return new Field(name, c.name(), kind(type), prismaType, nativeType(type), type.array(), c.nullable(), hasDefault,
        c.generated().isPresent() || c.identity().filter(i -> i == Column.Identity.ALWAYS).isPresent(), enumValues,
        decl.flatMap(FieldDecl::documentation));
  }

  static Kind kind(ColumnType type) {
    if (type.kind() == ColumnType.Kind.ENUM) {
      return Kind.ENUM;
    }
    if (type.kind() == ColumnType.Kind.UNSUPPORTED) {
      return Kind.OTHER;
    }
    return switch (type.name()) {
      case "TEXT", "VARCHAR", "CHAR", "CITEXT", "XML", "INET", "BIT", "VARBIT" -> Kind.TEXT;
      case "UUID" -> Kind.UUID;
      case "INTEGER", "SMALLINT", "BIGINT", "OID" -> Kind.INTEGER;
      case "DOUBLE PRECISION", "REAL" -> Kind.FLOAT;
      case "DECIMAL", "MONEY" -> Kind.DECIMAL;
      case "BOOLEAN" -> Kind.BOOLEAN;
      case "TIMESTAMP", "TIMESTAMPTZ" -> Kind.DATETIME;
      case "DATE" -> Kind.DATE;
      case "TIME", "TIMETZ" -> Kind.TIME;
      case "JSON", "JSONB" -> Kind.JSON;
      case "BYTEA" -> Kind.BYTES;
      default -> Kind.OTHER;
    };
  }

  private static String nativeType(ColumnType type) {
    String args = type.args().isEmpty() ? "" : "(" + String.join(", ", type.args().stream().map(String::valueOf).toList()) + ")";
    return type.name() + args + (type.array() ? "[]" : "");
  }

  // ---- reading --------------------------------------------------------------------------------

  @Override
  public List<Model> models() {
    try (Connection connection = connections.get()) {
      List<String> schemas = entries.values().stream().map(e -> e.table().schema()).distinct().toList();
      Map<String, Long> estimates = PgData.estimatedRows(connection, schemas);
      List<Model> out = new ArrayList<>();
      for (Entry e : entries.values()) {
        out.add(withRows(e, estimates, connection));
      }
      return out;
    } catch (SQLException e) {
      throw connectionFailed(e);
    }
  }

  @Override
  public Model model(String name) {
    Entry entry = entry(name);
    try (Connection connection = connections.get()) {
      return withRows(entry, PgData.estimatedRows(connection, List.of(entry.table().schema())), connection);
    } catch (SQLException e) {
      throw connectionFailed(e);
    }
  }

  /** The model with its estimate; a table that is missing counts 0, one never analysed is counted (up to 100 000). */
  private static Model withRows(Entry e, Map<String, Long> estimates, Connection connection) {
    Long estimate = estimates.get(e.table().schema() + "." + e.table().name());
    long rows = estimate == null ? 0 : estimate >= 0 ? estimate
        : PgData.countUpTo(connection, e.table().schema(), e.table().name(), 100_000);
    Model m = e.model();
    return new Model(m.name(), m.schema(), m.table(), rows, m.fields(), m.key(), m.relations(), m.documentation());
  }

  @Override
  public Page page(Query query) {
    long started = System.nanoTime();
    Entry entry = entry(query.model());
    Model model = entry.model();
    if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "A page holds 1 to " + MAX_LIMIT + " rows, not " + query.limit() + ".");
    }
    List<PgDataSql.Condition> conditions = new ArrayList<>();
    for (Filter f : query.filters()) {
      Field field = field(model, f.field());
      conditions.add(new PgDataSql.Condition(col(field), f.operator(), filterValue(model, field, f), f.path()));
    }
    Optional<PgDataSql.Order> order = query.sort().map(s -> new PgDataSql.Order(col(field(model, s.field())), s.descending()));
    List<Col> key = model.key().stream().map(k -> col(field(model, k))).toList();
    Optional<List<Optional<String>>> after = query.after().map(c -> Cursor.decode(c, (order.isPresent() ? 1 : 0) + key.size()));
    Sql sql = PgDataSql.page(model.schema(), model.table(), columns(model), conditions, order, key, after, query.limit());
    List<List<Optional<String>>> raw;
    try (Connection connection = connections.get()) {
      raw = PgData.query(connection, sql);
    } catch (SQLException e) {
      throw connectionFailed(e);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(raw.size(), query.limit()); i++) {
      rows.add(row(model, raw.get(i)));
    }
    Optional<String> next = Optional.empty();
    if (raw.size() > query.limit() && !key.isEmpty()) {
      Row last = rows.get(rows.size() - 1);
      List<Optional<String>> values = new ArrayList<>();
      query.sort().ifPresent(s -> values.add(last.get(s.field())));
      model.key().forEach(k -> values.add(last.get(k)));
      next = Optional.of(Cursor.encode(values));
    }
    return new Page(model, rows, next, statement(sql), Duration.ofNanos(System.nanoTime() - started));
  }

  @Override
  public Optional<Row> row(String modelName, Map<String, String> key) {
    Model model = entry(modelName).model();
    Sql sql = PgDataSql.row(model.schema(), model.table(), columns(model), keyColumns(model, key));
    try (Connection connection = connections.get()) {
      List<List<Optional<String>>> raw = PgData.query(connection, sql);
      return raw.isEmpty() ? Optional.empty() : Optional.of(row(model, raw.get(0)));
    } catch (SQLException e) {
      throw connectionFailed(e);
    }
  }

  // ---- changes --------------------------------------------------------------------------------

  @Override
  public Statement previewInsert(String model, Map<String, Optional<String>> values) {
    writable();
    return statement(insertSql(entry(model).model(), values));
  }

  @Override
  public Statement previewUpdate(String model, Map<String, String> key, Map<String, Optional<String>> values) {
    writable();
    return statement(updateSql(entry(model).model(), key, values));
  }

  @Override
  public Statement previewDelete(String model, Map<String, String> key) {
    writable();
    return statement(deleteSql(entry(model).model(), key));
  }

  @Override
  public Change insert(String modelName, Map<String, Optional<String>> values) {
    writable();
    Model model = entry(modelName).model();
    return run(model, insertSql(model, values), false);
  }

  @Override
  public Change update(String modelName, Map<String, String> key, Map<String, Optional<String>> values) {
    writable();
    Model model = entry(modelName).model();
    return run(model, updateSql(model, key, values), true);
  }

  @Override
  public Change delete(String modelName, Map<String, String> key) {
    writable();
    Model model = entry(modelName).model();
    return run(model, deleteSql(model, key), true);
  }

  private Change run(Model model, Sql sql, boolean exactlyOne) {
    try (Connection connection = connections.get()) {
      PgData.Changed changed = PgData.change(connection, sql, exactlyOne);
      Optional<Row> row = changed.returned().isEmpty() ? Optional.empty() : Optional.of(row(model, changed.returned().get(0)));
      return new Change(statement(sql), changed.count(), row);
    } catch (SQLException e) {
      throw connectionFailed(e);
    }
  }

  private static Sql insertSql(Model model, Map<String, Optional<String>> values) {
    return PgDataSql.insert(model.schema(), model.table(), columnValues(model, values), columns(model));
  }

  private static Sql updateSql(Model model, Map<String, String> key, Map<String, Optional<String>> values) {
    editable(model);
    if (values.isEmpty()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "Nothing to change: no field was given.");
    }
    return PgDataSql.update(model.schema(), model.table(), columnValues(model, values), keyColumns(model, key), columns(model));
  }

  private static Sql deleteSql(Model model, Map<String, String> key) {
    editable(model);
    return PgDataSql.delete(model.schema(), model.table(), keyColumns(model, key));
  }

  private static void editable(Model model) {
    if (!model.editable()) {
      throw new StrataException(ErrorCode.INVALID_INPUT,
          "`" + model.name() + "` has no primary key or unique index: its rows cannot be told apart, so they cannot be changed here.");
    }
  }

  // ---- values ---------------------------------------------------------------------------------

  private static Map<String, Optional<String>> columnValues(Model model, Map<String, Optional<String>> values) {
    values.keySet().forEach(name -> field(model, name));
    // In the model's field order, whatever the map's: the same change is always the same SQL.
    Map<String, Optional<String>> ordered = new LinkedHashMap<>();
    model.fields().stream().filter(f -> values.containsKey(f.name())).forEach(f -> ordered.put(f.name(), values.get(f.name())));
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Optional<String>> e : ordered.entrySet()) {
      Field field = field(model, e.getKey());
      if (field.generated()) {
        throw new StrataException(ErrorCode.INVALID_INPUT, "`" + model.name() + "." + field.name() + "` is computed by the database and cannot be written.");
      }
      Optional<String> value = e.getValue() == null ? Optional.empty() : e.getValue();
      if (value.isEmpty() && !field.nullable()) {
        throw new StrataException(ErrorCode.INVALID_INPUT, "`" + model.name() + "." + field.name() + "` (" + field.prismaType() + ") cannot be empty (NULL).");
      }
      out.put(field.column(), value.map(v -> checked(model, field, v)));
    }
    return out;
  }

  private static Map<String, String> keyColumns(Model model, Map<String, String> key) {
    if (model.key().isEmpty()) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "`" + model.name() + "` has no primary key or unique index to find a row by.");
    }
    if (!key.keySet().equals(Set.copyOf(model.key()))) {
      throw new StrataException(ErrorCode.INVALID_INPUT,
          "A row of `" + model.name() + "` is found by " + String.join(", ", model.key()) + "; given: " + String.join(", ", key.keySet()) + ".");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : model.key()) {
      Field field = field(model, k);
      out.put(field.column(), checked(model, field, key.get(k)));
    }
    return out;
  }

  private static String filterValue(Model model, Field field, Filter f) {
    return switch (f.operator()) {
      case IS_NULL, NOT_NULL, CONTAINS, JSON_PATH_EQUALS -> f.value();
      default -> field.array() || field.kind() == Kind.OTHER ? f.value() : checked(model, field, f.value());
    };
  }

  /**
   * {@code value} checked against the field's type, in the form PostgreSQL reads: a bad value is
   * refused here with the field's name rather than by the database.
   */
  static String checked(Model model, Field field, String value) {
    if (field.array()) {
      return value;
    }
    String v = value.strip();
    String what = "`" + (model == null ? "" : model.name() + ".") + field.name() + "` (" + field.prismaType() + ")";
    switch (field.kind()) {
      case INTEGER -> {
        if (!INTEGER.matcher(v).matches()) {
          throw invalid(what, value, "a whole number");
        }
        return v;
      }
      case FLOAT, DECIMAL -> {
        if (v.equalsIgnoreCase("NaN") || v.equalsIgnoreCase("Infinity") || v.equalsIgnoreCase("-Infinity")) {
          return v;
        }
        try {
          new BigDecimal(v);
          return v;
        } catch (NumberFormatException e) {
          throw invalid(what, value, "a number");
        }
      }
      case BOOLEAN -> {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
          case "true", "t", "yes", "1" -> "true";
          case "false", "f", "no", "0" -> "false";
          default -> throw invalid(what, value, "true or false");
        };
      }
      case UUID -> {
        if (!UUID.matcher(v).matches()) {
          throw invalid(what, value, "a UUID");
        }
        return v;
      }
      case ENUM -> {
        if (!field.enumValues().isEmpty() && !field.enumValues().contains(value)) {
          throw invalid(what, value, "one of " + String.join(", ", field.enumValues()));
        }
        return value;
      }
      case JSON -> {
        try {
          JSON.readTree(value);
          return value;
        } catch (JsonProcessingException e) {
          throw new StrataException(ErrorCode.INVALID_INPUT, what + ": not valid JSON (" + e.getOriginalMessage() + ").");
        }
      }
      case DATETIME, DATE, TIME -> {
        if (!temporal(field.kind(), v)) {
          throw invalid(what, value, switch (field.kind()) {
            case DATE -> "a date like 2024-05-01";
            case TIME -> "a time like 13:45:00";
            default -> "a date-time like 2024-05-01 13:45:00 (a time zone like +02:00 or Z may follow)";
          });
        }
        return v;
      }
      case BYTES -> {
        if (HEX.matcher(v).matches()) {
          return v;
        }
        try {
          return "\\x" + HexFormat.of().formatHex(Base64.getDecoder().decode(v.startsWith("base64:") ? v.substring(7) : v));
        } catch (IllegalArgumentException e) {
          throw invalid(what, value, "bytes as hex (\\x00ff) or base64");
        }
      }
      default -> {
        return value;
      }
    }
  }

  private static final java.util.regex.Pattern TIME_OF_DAY =
      java.util.regex.Pattern.compile("(?:([01]\\d|2[0-3]):[0-5]\\d(?::(?:[0-5]\\d|60)(?:\\.\\d{1,6})?)?|24:00(?::00(?:\\.0{1,6})?)?)");
  private static final java.util.regex.Pattern ZONE = java.util.regex.Pattern.compile("(?:\\s*(?:Z|UTC|[+-](?:[01]\\d|2[0-3])(?::?[0-5]\\d)?))?");
  private static final java.util.regex.Pattern DATE_TIME = java.util.regex.Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2})(?:(?:[ T]" + TIME_OF_DAY.pattern() + ")" + ZONE.pattern() + ")?", java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile(TIME_OF_DAY.pattern() + ZONE.pattern(),
      java.util.regex.Pattern.CASE_INSENSITIVE);
  private static final Set<String> SPECIAL_DATES = Set.of("now", "today", "tomorrow", "yesterday", "infinity", "-infinity", "epoch");

  /**
   * Whether {@code v} is a date, time or date-time PostgreSQL reads the same way on every server:
   * ISO 8601 with a real calendar date (no 30 February), or one of PostgreSQL's special values.
   * Other forms PostgreSQL would read ({@code Jan 5 2024}) depend on {@code DateStyle}: refused.
   */
  private static boolean temporal(Kind kind, String v) {
    if (kind != Kind.TIME && SPECIAL_DATES.contains(v.toLowerCase(java.util.Locale.ROOT))) {
      return true;
    }
    if (kind == Kind.TIME) {
      return v.equalsIgnoreCase("now") || v.equalsIgnoreCase("allballs") || TIME.matcher(v).matches();
    }
    java.util.regex.Matcher m = DATE_TIME.matcher(v);
    if (!m.matches() || (kind == Kind.DATE && m.group(1).length() != v.length())) {
      return false;
    }
    try {
      java.time.LocalDate.parse(m.group(1)); // a real calendar date
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  private static StrataException invalid(String what, String value, String expected) {
    String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
    return new StrataException(ErrorCode.INVALID_INPUT, what + ": \"" + shown + "\" is not " + expected + ".");
  }

  // ---- helpers --------------------------------------------------------------------------------

  private Entry entry(String name) {
    Entry entry = entries.get(name);
    if (entry == null) {
      throw new StrataException(ErrorCode.INVALID_INPUT, "The schema has no model `" + name + "`.");
    }
    return entry;
  }

  private static Field field(Model model, String name) {
    return model.field(name).orElseThrow(() -> new StrataException(ErrorCode.INVALID_INPUT,
        "`" + model.name() + "` has no field `" + name + "` stored in a column."));
  }

  private static Col col(Field f) {
    return new Col(f.column(), f.kind(), f.array(), f.nullable());
  }

  private static List<Col> columns(Model model) {
    return model.fields().stream().map(DataOperation::col).toList();
  }

  private static Row row(Model model, List<Optional<String>> values) {
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < model.fields().size(); i++) {
      out.put(model.fields().get(i).name(), values.get(i));
    }
    return new Row(out);
  }

  private static Statement statement(Sql sql) {
    return new Statement(sql.shown(), sql.params().stream().map(PgDataSql.Param::shown).toList());
  }

  /** A failure of the connection itself (getting it, a read on it, closing it): the statement's own errors are reported where it runs. */
  private static StrataException connectionFailed(SQLException e) {
    return new StrataException(ErrorCode.DATABASE, "The database connection failed: " + e.getMessage(), e);
  }

  /** Page cursors: the last row's order and key values, as URL-safe base64 of a JSON array. */
  static final class Cursor {
    private Cursor() {}

    static String encode(List<Optional<String>> values) {
      List<String> plain = values.stream().map(v -> v.orElse(null)).toList();
      try {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(plain));
      } catch (JsonProcessingException e) {
        throw new StrataException(ErrorCode.INTERNAL, "cannot write a page cursor: " + e.getMessage(), e);
      }
    }

    static List<Optional<String>> decode(String cursor, int expected) {
      try {
        String[] values = JSON.readValue(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8), String[].class);
        if (values.length != expected) {
          throw new IllegalArgumentException("length");
        }
        List<Optional<String>> out = new ArrayList<>();
        for (String v : values) {
          out.add(Optional.ofNullable(v));
        }
        return out;
      } catch (IllegalArgumentException | java.io.IOException e) {
        throw new StrataException(ErrorCode.INVALID_INPUT, "The page cursor is not one made for this page (its sort or model changed); start from the first page.");
      }
    }
  }
}
