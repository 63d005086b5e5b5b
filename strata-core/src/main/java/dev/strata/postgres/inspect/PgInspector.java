package dev.strata.postgres.inspect;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.EnumType;
import dev.strata.schema.Extension;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.ForeignKey.ReferentialAction;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.Sequence;
import dev.strata.schema.Table;
import dev.strata.schema.View;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the schema of a live PostgreSQL database (13–17) into a {@link DatabaseSchema}, with a
 * fixed number of catalog queries however many tables there are.
 */
public final class PgInspector {
  private PgInspector() {}

  private static final Comparator<Table> TABLE_ORDER =
      Comparator.comparing(Table::name).thenComparing(Table::schema);

  /**
   * Introspects the schemas {@code options} name.
   *
   * @throws StrataException ({@link ErrorCode#DATABASE}) when a catalog query fails
   */
  public static DatabaseSchema inspect(Connection connection, InspectOptions options) {
    if (connection == null) {
      throw new StrataException(ErrorCode.DATABASE, "introspection needs a database connection");
    }
    InspectOptions opts = options == null ? InspectOptions.defaults() : options;
    try {
      return new Run(connection, opts).read();
    } catch (SQLException e) {
      throw new StrataException(ErrorCode.DATABASE, "introspection failed: " + e.getMessage(), e);
    }
  }

  /** One introspection: the queries' results gathered per table oid, then assembled. */
  private static final class Run {
    private final Connection connection;
    private final InspectOptions options;
    private final Map<Long, TableParts> tables = new LinkedHashMap<>();

    Run(Connection connection, InspectOptions options) {
      this.connection = connection;
      this.options = options;
    }

    DatabaseSchema read() throws SQLException {
      String defaultSchema = options.defaultSchema().orElseGet(this::currentSchema);
      List<String> schemas = options.schemas().isEmpty() ? List.of(defaultSchema) : options.schemas();
      Array schemaArray = connection.createArrayOf("text", schemas.toArray());

      readTables(schemaArray);
      Array oids = connection.createArrayOf("int8", tables.keySet().toArray());
      readIndexes(oids);
      readConstraints(oids);
      readComments(oids);

      List<EnumType> enums = readEnums(schemaArray);
      List<Sequence> sequences = readSequences(schemaArray);
      List<Extension> extensions = options.extensions() ? readExtensions() : List.of();
      List<View> views = options.views() ? readViews(schemaArray) : List.of();

      List<Table> built = tables.values().stream().map(TableParts::build).sorted(TABLE_ORDER).toList();
      return new DatabaseSchema(
          defaultSchema, existingNamespaces(schemaArray, options.schemas()), built, enums, sequences, extensions, views);
    }

    /**
     * The listed namespaces that exist in the database. As in Prisma's describer, a listed schema the
     * database does not have is not part of what was read, so a migration from it creates it.
     */
    private Set<String> existingNamespaces(Array schemaArray, List<String> listed) throws SQLException {
      if (listed.isEmpty()) {
        return Set.of();
      }
      Set<String> existing = new HashSet<>();
      try (PreparedStatement ps = connection.prepareStatement("SELECT nspname::text FROM pg_namespace WHERE nspname = ANY(?)")) {
        ps.setArray(1, schemaArray);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            existing.add(rs.getString(1));
          }
        }
      }
      return Set.copyOf(existing);
    }

    private String currentSchema() {
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT current_schema()")) {
        String schema = rs.next() ? rs.getString(1) : null;
        return schema == null ? "public" : schema;
      } catch (SQLException e) {
        throw new StrataException(ErrorCode.DATABASE, "cannot read the current schema: " + e.getMessage(), e);
      }
    }

    private PreparedStatement prepare(String query, Array parameter) throws SQLException {
      PreparedStatement ps = connection.prepareStatement(CatalogQuery.sql(query));
      ps.setArray(1, parameter);
      return ps;
    }

    private void readTables(Array schemas) throws SQLException {
      try (PreparedStatement ps = prepare("tables", schemas);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long oid = rs.getLong("table_oid");
          TableParts table = tables.get(oid);
          if (table == null) {
            table = new TableParts(str(rs, "table_schema"), str(rs, "table_name"));
            tables.put(oid, table);
          }
          int attnum = rs.getInt("attnum");
          // putIfAbsent: a default calling nextval() of two sequences the column owns repeats the row.
          if (!rs.wasNull() && !table.columns.containsKey(attnum)) {
            table.columns.put(attnum, column(rs));
          }
        }
      }
    }

    private static Column column(ResultSet rs) throws SQLException {
      String name = str(rs, "column_name");
      ColumnType type = PgTypes.columnType(
          rs.getString("type_text"),
          rs.getBoolean("is_array"),
          rs.getString("elem_name"),
          rs.getString("elem_schema"),
          rs.getString("elem_typtype"));
      String defaultExpr = rs.getString("default_expr");
      String identity = rs.getString("identity");
      String generated = rs.getString("generated");
      boolean serial = rs.getString("serial_sequence") != null;

      Optional<String> generatedExpr = Optional.empty();
      Optional<DefaultValue> defaultValue = Optional.empty();
      if ("s".equals(generated)) {
        // A stored generated column keeps its expression where defaults live (pg_attrdef).
        generatedExpr = Optional.ofNullable(defaultExpr);
      } else if (defaultExpr != null && !serial) {
        defaultValue = Optional.of(PgDefaults.parse(defaultExpr, type));
      }
      Optional<Column.Identity> identityKind = switch (identity == null ? "" : identity) {
        case "a" -> Optional.of(Column.Identity.ALWAYS);
        case "d" -> Optional.of(Column.Identity.BY_DEFAULT);
        default -> Optional.empty();
      };
      return new Column(
          name, type, !rs.getBoolean("not_null"), defaultValue, serial, identityKind, generatedExpr, Optional.empty());
    }

    private void readIndexes(Array oids) throws SQLException {
      try (PreparedStatement ps = prepare("indexes", oids);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TableParts table = tables.get(rs.getLong("table_oid"));
          if (table == null) {
            continue;
          }
          String indexName = str(rs, "index_name");
          IndexParts index = table.indexes.get(indexName);
          if (index == null) {
            index = new IndexParts(
                indexName, rs.getBoolean("is_unique"), str(rs, "method"),
                Optional.ofNullable(rs.getString("predicate")), rs.getBoolean("is_constraint"));
            table.indexes.put(indexName, index);
          }
          String column = rs.getString("column_name");
          String expression = rs.getString("expression");
          boolean isExpression = column == null;
          String key = isExpression ? (expression == null ? "" : expression) : column;
          Optional<IndexColumn.SortOrder> sort =
              rs.getBoolean("descending") ? Optional.of(IndexColumn.SortOrder.DESC) : Optional.empty();
          index.columns.add(new IndexColumn(key, isExpression, sort, Optional.ofNullable(rs.getString("opclass"))));
        }
      }
    }

    private void readConstraints(Array oids) throws SQLException {
      try (PreparedStatement ps = prepare("constraints", oids);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TableParts table = tables.get(rs.getLong("table_oid"));
          if (table == null) {
            continue;
          }
          String name = str(rs, "name");
          List<String> columns = strings(rs.getArray("columns"));
          switch (str(rs, "type")) {
            case "p" -> table.primaryKey = Optional.of(new PrimaryKey(name, columns));
            case "f" -> table.foreignKeys.add(new ForeignKey(
                name,
                columns,
                str(rs, "ref_schema"),
                str(rs, "ref_table"),
                strings(rs.getArray("ref_columns")),
                action(rs.getString("on_delete")),
                action(rs.getString("on_update"))));
            case "c" -> table.checks.add(new CheckConstraint(name, str(rs, "check_expression")));
            default -> { }
          }
        }
      }
    }

    private void readComments(Array oids) throws SQLException {
      try (PreparedStatement ps = prepare("comments", oids);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          TableParts table = tables.get(rs.getLong("table_oid"));
          if (table != null) {
            table.comments.put(rs.getInt("attnum"), str(rs, "comment"));
          }
        }
      }
    }

    private List<EnumType> readEnums(Array schemas) throws SQLException {
      Map<List<String>, List<String>> values = new LinkedHashMap<>();
      try (PreparedStatement ps = prepare("enums", schemas);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.computeIfAbsent(List.of(str(rs, "enum_schema"), str(rs, "enum_name")), k -> new ArrayList<>())
              .add(str(rs, "value"));
        }
      }
      List<EnumType> enums = new ArrayList<>();
      values.forEach((key, labels) -> enums.add(new EnumType(key.get(0), key.get(1), labels)));
      return enums;
    }

    private List<Sequence> readSequences(Array schemas) throws SQLException {
      // Serial sequences are implied by their autoincrement column; only the others are listed.
      Set<List<String>> serialOwners = new HashSet<>();
      for (TableParts table : tables.values()) {
        for (Column column : table.columns.values()) {
          if (column.autoincrement()) {
            serialOwners.add(List.of(table.schema, table.name, column.name()));
          }
        }
      }
      List<Sequence> sequences = new ArrayList<>();
      try (PreparedStatement ps = prepare("sequences", schemas);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String schema = str(rs, "sequence_schema");
          Optional<String> ownerTable = Optional.ofNullable(rs.getString("owner_table"));
          Optional<String> ownerColumn = Optional.ofNullable(rs.getString("owner_column"));
          if (ownerTable.isPresent() && ownerColumn.isPresent()
              && serialOwners.contains(List.of(schema, ownerTable.get(), ownerColumn.get()))) {
            continue;
          }
          sequences.add(new Sequence(schema, str(rs, "sequence_name"), ownerTable, ownerColumn));
        }
      }
      return sequences;
    }

    private List<Extension> readExtensions() throws SQLException {
      List<Extension> extensions = new ArrayList<>();
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery(CatalogQuery.sql("extensions"))) {
        while (rs.next()) {
          extensions.add(new Extension(
              str(rs, "name"),
              Optional.ofNullable(rs.getString("extension_schema")),
              Optional.ofNullable(rs.getString("version"))));
        }
      }
      return extensions;
    }

    private List<View> readViews(Array schemas) throws SQLException {
      Map<List<String>, String> definitions = new LinkedHashMap<>();
      Map<List<String>, List<Column>> columns = new HashMap<>();
      try (PreparedStatement ps = prepare("views", schemas);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<String> key = List.of(str(rs, "view_schema"), str(rs, "view_name"));
          definitions.putIfAbsent(key, str(rs, "definition"));
          List<Column> list = columns.computeIfAbsent(key, k -> new ArrayList<>());
          rs.getInt("attnum");
          if (!rs.wasNull()) {
            ColumnType type = PgTypes.columnType(rs.getString("type_text"), rs.getBoolean("is_array"), rs.getString("elem_name"),
                rs.getString("elem_schema"), rs.getString("elem_typtype"));
            list.add(new Column(str(rs, "column_name"), type, true, Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty()));
          }
        }
      }
      List<View> views = new ArrayList<>();
      definitions.forEach((key, definition) -> views.add(new View(key.get(0), key.get(1), definition, columns.get(key))));
      return views;
    }
  }

  /** A table's rows from the different queries, before they become an immutable {@link Table}. */
  private static final class TableParts {
    final String schema;
    final String name;
    /** Columns by attnum: the query leaves row order to the server, the table wants attnum order. */
    final Map<Integer, Column> columns = new TreeMap<>();
    final Map<String, IndexParts> indexes = new LinkedHashMap<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final List<CheckConstraint> checks = new ArrayList<>();
    final Map<Integer, String> comments = new HashMap<>();
    Optional<PrimaryKey> primaryKey = Optional.empty();

    TableParts(String schema, String name) {
      this.schema = schema;
      this.name = name;
    }

    Table build() {
      List<Column> withComments = new ArrayList<>(columns.size());
      columns.forEach((attnum, c) -> withComments.add(new Column(
          c.name(), c.type(), c.nullable(), c.defaultValue(), c.autoincrement(), c.identity(), c.generated(),
          Optional.ofNullable(comments.get(attnum)))));
      List<Index> builtIndexes = indexes.values().stream()
          .map(IndexParts::build)
          .sorted(Comparator.comparing(Index::name))
          .toList();
      List<ForeignKey> fks = foreignKeys.stream().sorted(Comparator.comparing(ForeignKey::name)).toList();
      List<CheckConstraint> cks = checks.stream().sorted(Comparator.comparing(CheckConstraint::name)).toList();
      return new Table(
          schema, name, withComments, primaryKey, builtIndexes, fks, cks, Optional.ofNullable(comments.get(0)));
    }
  }

  /** An index's key rows, before they become an immutable {@link Index}. */
  private static final class IndexParts {
    final String name;
    final boolean unique;
    final String method;
    final Optional<String> predicate;
    final boolean constraint;
    final List<IndexColumn> columns = new ArrayList<>();

    IndexParts(String name, boolean unique, String method, Optional<String> predicate, boolean constraint) {
      this.name = name;
      this.unique = unique;
      this.method = method;
      this.predicate = predicate;
      this.constraint = constraint;
    }

    Index build() {
      return new Index(name, unique, columns, method, predicate, constraint);
    }
  }

  private static ReferentialAction action(String code) {
    return switch (code == null ? "" : code) {
      case "r" -> ReferentialAction.RESTRICT;
      case "c" -> ReferentialAction.CASCADE;
      case "n" -> ReferentialAction.SET_NULL;
      case "d" -> ReferentialAction.SET_DEFAULT;
      default -> ReferentialAction.NO_ACTION;
    };
  }

  private static String str(ResultSet rs, String column) throws SQLException {
    String value = rs.getString(column);
    return value == null ? "" : value;
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    Object[] values = (Object[]) array.getArray();
    return Arrays.stream(values).filter(Objects::nonNull).map(Object::toString).toList();
  }
}
