package dev.strata.postgres.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.EnumType;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.Table;
import dev.strata.embedded.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Prisma's own fixtures against a server a subclass provides, one fresh database per fixture: the
 * migration fixtures' expected SQL must introspect to the tables, columns, keys, indexes, foreign
 * keys and enums that SQL declares; the introspection fixtures must introspect without error to
 * the facts recorded below and to the tables and scalar columns their expected PSL models.
 */
abstract class PgFixtureCases {

  /** Creates a fresh database on the server under test. */
  abstract ScratchDatabase openDatabase();

  // ---------------------------------------------------------------- migration fixtures

  @TestFactory
  Stream<DynamicTest> migration_fixtures_expected_sql_introspects_to_what_it_declares() throws IOException {
    Path dir = SharedData.conformance("prisma-engines/migrations/postgres");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream().map(f -> DynamicTest.dynamicTest(dir.relativize(f).toString(), () -> checkMigration(f)));
  }

  private static final Pattern SCHEMAS = Pattern.compile("schemas\\s*=\\s*\\[([^\\]]*)\\]");
  private static final Pattern CREATE_TYPE =
      Pattern.compile("CREATE TYPE (?:\"([^\"]+)\"\\.)?\"([^\"]+)\" AS ENUM \\((.*)\\)", Pattern.DOTALL);
  private static final Pattern CREATE_TABLE =
      Pattern.compile("CREATE TABLE (?:\"([^\"]+)\"\\.)?\"([^\"]+)\" \\((.*)\\)", Pattern.DOTALL);
  private static final Pattern COLUMN_LINE =
      Pattern.compile("\"([^\"]+)\" (.+?)( NOT NULL)?(?: DEFAULT (.+))?");
  private static final Pattern PK_LINE =
      Pattern.compile("CONSTRAINT \"([^\"]+)\" PRIMARY KEY \\((.*)\\)");
  private static final Pattern CREATE_INDEX =
      Pattern.compile("CREATE (UNIQUE )?INDEX \"([^\"]+)\" ON (?:\"([^\"]+)\"\\.)?\"([^\"]+)\"\\((.*)\\)");
  private static final Pattern ADD_FK = Pattern.compile(
      "ALTER TABLE (?:\"([^\"]+)\"\\.)?\"([^\"]+)\" ADD CONSTRAINT \"([^\"]+)\" FOREIGN KEY \\((.*)\\) "
          + "REFERENCES (?:\"([^\"]+)\"\\.)?\"([^\"]+)\"\\((.*)\\) ON DELETE (.+) ON UPDATE (.+)");

  private void checkMigration(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int marker = text.indexOf("// Expected Migration:");
    assertThat(marker).as("expected migration block").isPositive();
    String sql = text.substring(marker).lines().skip(1)
        .map(l -> l.startsWith("// ") ? l.substring(3) : l.startsWith("//") ? l.substring(2) : l)
        .collect(Collectors.joining("\n"));
    Matcher schemasMatch = SCHEMAS.matcher(text.substring(0, marker));
    List<String> schemas = schemasMatch.find()
        ? Arrays.stream(schemasMatch.group(1).split(",")).map(s -> s.strip().replace("\"", "")).filter(s -> !s.isEmpty()).toList()
        : List.of();
    boolean multi = !schemas.isEmpty();

    DatabaseSchema ir;
    try (ScratchDatabase db = openDatabase(); Connection c = db.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute(sql);
      }
      ir = PgInspector.inspect(c, multi ? InspectOptions.multiSchema(schemas) : InspectOptions.defaults());
    }

    int tables = 0;
    int enums = 0;
    for (String statement : sql.split(";\\s*\\n")) {
      String s = statement.lines().filter(l -> !l.startsWith("--")).collect(Collectors.joining("\n")).strip().replaceAll(";$", "");
      Matcher m;
      if ((m = CREATE_TYPE.matcher(s)).matches()) {
        enums++;
        List<String> values = Arrays.stream(m.group(3).split(",")).map(v -> v.strip().replaceAll("^'|'$", "")).toList();
        assertThat(ir.enums()).as(s).contains(new EnumType(schemaOr(m.group(1)), m.group(2), values));
      } else if ((m = CREATE_TABLE.matcher(s)).matches()) {
        tables++;
        Table table = ir.table(schemaOr(m.group(1)), m.group(2)).orElseThrow(() -> new AssertionError("missing table: " + s));
        checkTableBody(table, m.group(3), multi);
      } else if ((m = CREATE_INDEX.matcher(s)).matches()) {
        Table table = ir.table(schemaOr(m.group(3)), m.group(4)).orElseThrow();
        String name = m.group(2);
        Index index = table.indexes().stream().filter(i -> i.name().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("missing index: " + s));
        assertThat(index.unique()).as(s).isEqualTo(m.group(1) != null);
        assertThat(index.columnNames()).as(s).isEqualTo(names(m.group(5)));
        assertThat(index.method()).isEqualTo("BTREE");
      } else if ((m = ADD_FK.matcher(s)).matches()) {
        Table table = ir.table(schemaOr(m.group(1)), m.group(2)).orElseThrow();
        ForeignKey expected = new ForeignKey(m.group(3), names(m.group(4)), schemaOr(m.group(5)), m.group(6),
            names(m.group(7)), action(m.group(8)), action(m.group(9)));
        assertThat(table.foreignKeys()).as(s).contains(expected);
      }
    }
    assertThat(ir.tables()).as("tables").hasSize(tables);
    assertThat(ir.enums()).as("enums").hasSize(enums);
  }

  @TestFactory
  Stream<DynamicTest> migration_fixtures_introspect_to_the_very_records_lowering_produces() throws IOException {
    Path dir = SharedData.conformance("prisma-engines/migrations/postgres");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream().map(f -> DynamicTest.dynamicTest(dir.relativize(f).toString(), () -> compareWithLowering(f)));
  }

  /**
   * The contract with lowering: the Prisma schema lowered, and the database its expected migration
   * creates introspected, give equal tables, columns, keys, indexes, foreign keys and enums (order
   * aside: the differ matches by name).
   */
  private void compareWithLowering(Path file) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int marker = text.indexOf("// Expected Migration:");
    String sql = text.substring(marker).lines().skip(1)
        .map(l -> l.startsWith("// ") ? l.substring(3) : l.startsWith("//") ? l.substring(2) : l)
        .collect(Collectors.joining("\n"));
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(List.of(new SourceFile(file.getFileName().toString(), text)));
    assertThat(checked.hasErrors()).as("fixture schema validates").isFalse();
    DatabaseSchema lowered = PrismaLowering.lower(checked.schema());

    DatabaseSchema inspected;
    try (ScratchDatabase db = openDatabase(); Connection c = db.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute(sql);
      }
      InspectOptions options = lowered.explicitSchemas().isEmpty()
          ? InspectOptions.defaults()
          : InspectOptions.multiSchema(List.copyOf(lowered.explicitSchemas()));
      inspected = PgInspector.inspect(c, options.withDefaultSchema(lowered.defaultSchema()));
    }
    // A listed schema that no table or enum uses is never created, and what the database does not
    // have is not read (as in Prisma's describer).
    Set<String> created = lowered.explicitSchemas().stream()
        .filter(n -> n.equals(lowered.defaultSchema())
            || lowered.tables().stream().anyMatch(t -> t.schema().equals(n))
            || lowered.enums().stream().anyMatch(e -> e.schema().equals(n)))
        .collect(Collectors.toSet());
    DatabaseSchema expected = new DatabaseSchema(lowered.defaultSchema(), created, lowered.tables(), lowered.enums(),
        lowered.sequences(), lowered.extensions(), lowered.views());
    assertThat(normalized(inspected)).isEqualTo(normalized(expected));
  }

  /** Tables, their indexes and foreign keys, and enums in name order; views and extensions aside. */
  static DatabaseSchema normalized(DatabaseSchema schema) {
    List<Table> tables = schema.tables().stream()
        .map(t -> t.withIndexes(t.indexes().stream().sorted(java.util.Comparator.comparing(Index::name)).toList())
            .withForeignKeys(t.foreignKeys().stream().sorted(java.util.Comparator.comparing(ForeignKey::name)).toList()))
        .sorted(java.util.Comparator.comparing(Table::name).thenComparing(Table::schema))
        .toList();
    List<EnumType> enums = schema.enums().stream()
        .sorted(java.util.Comparator.comparing(EnumType::name).thenComparing(EnumType::schema))
        .toList();
    return new DatabaseSchema(schema.defaultSchema(), schema.explicitSchemas(), tables, enums, schema.sequences(),
        List.of(), List.of());
  }

  private static String schemaOr(String schema) {
    return schema == null ? "public" : schema;
  }

  private static void checkTableBody(Table table, String body, boolean multi) {
    List<String> expectedColumns = new ArrayList<>();
    for (String raw : body.split("\n")) {
      String line = raw.strip();
      if (line.endsWith(",")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        continue;
      }
      Matcher pk = PK_LINE.matcher(line);
      if (pk.matches()) {
        assertThat(table.primaryKey()).as(line).isPresent();
        assertThat(table.primaryKey().get().name()).isEqualTo(pk.group(1));
        assertThat(table.primaryKey().get().columns()).isEqualTo(names(pk.group(2)));
        continue;
      }
      Matcher col = COLUMN_LINE.matcher(line);
      assertThat(col.matches()).as("column line: " + line).isTrue();
      expectedColumns.add(col.group(1));
      Column column = table.column(col.group(1)).orElseThrow(() -> new AssertionError("missing column: " + raw));
      assertThat(render(column.type(), multi)).as(line).isEqualTo(col.group(2));
      assertThat(column.nullable()).as(line).isEqualTo(col.group(3) == null);
      assertThat(column.defaultValue().map(PgFixtureCases::render)).as(line).isEqualTo(Optional.ofNullable(col.group(4)));
    }
    assertThat(table.columns()).extracting(Column::name).as("columns of " + table.name()).isEqualTo(expectedColumns);
  }

  /** A column type as Prisma's migration SQL prints it. */
  static String render(ColumnType type, boolean multi) {
    String base = switch (type.kind()) {
      case BUILTIN -> type.name() + (type.args().isEmpty() ? ""
          : type.args().stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")")));
      case ENUM -> (multi ? "\"" + type.enumSchema().orElse("public") + "\"." : "") + "\"" + type.name() + "\"";
      case UNSUPPORTED -> type.name();
    };
    return type.array() ? base + "[]" : base;
  }

  static String render(DefaultValue value) {
    if (value instanceof DefaultValue.Literal lit) {
      return switch (lit.kind()) {
        case NUMBER, BOOLEAN -> lit.value();
        default -> "'" + lit.value().replace("'", "''") + "'";
      };
    }
    if (value instanceof DefaultValue.Now) {
      return "CURRENT_TIMESTAMP";
    }
    return value.toString();
  }

  private static List<String> names(String list) {
    return Arrays.stream(list.split(",")).map(s -> s.strip().replace("\"", "")).filter(s -> !s.isEmpty()).toList();
  }

  private static ForeignKey.ReferentialAction action(String sql) {
    for (ForeignKey.ReferentialAction a : ForeignKey.ReferentialAction.values()) {
      if (a.sql().equals(sql.strip())) {
        return a;
      }
    }
    throw new AssertionError("unknown action " + sql);
  }

  // ---------------------------------------------------------------- introspection fixtures

  /** Facts read off each fixture's setup SQL: tables, columns, foreign keys, indexes. */
  private static final Map<String, String> INTROSPECTION_FACTS = Map.of(
      "a_table_with_reserved_name.sql", "tables=1 columns=1 fks=0 indexes=0 pks=1 autoincrement=1",
      "index_with_expression_column.sql", "tables=1 columns=8 fks=0 indexes=3 pks=0 autoincrement=0",
      "int_array_extension_does_not_conflict.sql", "tables=1 columns=1 fks=0 indexes=1 pks=1 autoincrement=0",
      "many_to_many_relation_field_names_do_not_conflict_with_themselves.sql",
          "tables=3 columns=5 fks=4 indexes=4 pks=1 autoincrement=1",
      "multiple_single_field_unique_indexes.sql", "tables=1 columns=2 fks=0 indexes=3 pks=1 autoincrement=0",
      "strings_with_quotes_render_as_escaped_literals.sql", "tables=1 columns=2 fks=0 indexes=0 pks=1 autoincrement=1",
      "relations/inline_self_relation.sql", "tables=1 columns=2 fks=1 indexes=0 pks=1 autoincrement=1",
      "relations/many_to_many_relation.sql", "tables=2 columns=3 fks=2 indexes=2 pks=1 autoincrement=1");

  @TestFactory
  Stream<DynamicTest> introspection_fixtures_introspect_to_their_tables_and_columns() throws IOException {
    Path dir = SharedData.conformance("prisma-engines/introspection/postgres");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream().map(f -> {
      String name = dir.relativize(f).toString().replace('\\', '/');
      return DynamicTest.dynamicTest(name, () -> checkIntrospection(f, name));
    });
  }

  private void checkIntrospection(Path file, String name) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    DatabaseSchema ir;
    try (ScratchDatabase db = openDatabase(); Connection c = db.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute(text);
      } catch (SQLException e) {
        // Skipped only when the fixture needs an extension this server lacks; any other error fails.
        List<String> unavailable = unavailableExtensions(c, text);
        assumeTrue(unavailable.isEmpty(), "extension " + unavailable + " not available on this server: " + e.getMessage());
        throw e;
      }
      ir = PgInspector.inspect(c, InspectOptions.defaults());
    }
    String facts = "tables=" + ir.tables().size()
        + " columns=" + ir.tables().stream().mapToInt(t -> t.columns().size()).sum()
        + " fks=" + ir.tables().stream().mapToInt(t -> t.foreignKeys().size()).sum()
        + " indexes=" + ir.tables().stream().mapToInt(t -> t.indexes().size()).sum()
        + " pks=" + ir.tables().stream().filter(t -> t.primaryKey().isPresent()).count()
        + " autoincrement=" + ir.tables().stream().flatMap(t -> t.columns().stream()).filter(Column::autoincrement).count();
    System.out.println("[inspect fixture] " + name + ": " + facts);
    assertThat(facts).as("facts of " + name).isEqualTo(INTROSPECTION_FACTS.getOrDefault(name, "(unrecorded fixture)"));
    checkAgainstExpectedPsl(ir, text);
  }

  private static final Pattern CREATE_EXTENSION =
      Pattern.compile("CREATE EXTENSION\\s+(?:IF NOT EXISTS\\s+)?\"?([\\w-]+)\"?", Pattern.CASE_INSENSITIVE);

  /** The extensions {@code sql} creates that {@code pg_available_extensions} does not list. */
  static List<String> unavailableExtensions(Connection c, String sql) throws SQLException {
    List<String> unavailable = new ArrayList<>();
    Matcher m = CREATE_EXTENSION.matcher(sql);
    while (m.find()) {
      try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM pg_available_extensions WHERE name = ?")) {
        query.setString(1, m.group(1));
        try (ResultSet rows = query.executeQuery()) {
          if (!rows.next()) {
            unavailable.add(m.group(1));
          }
        }
      }
    }
    return unavailable;
  }

  private static final Pattern MODEL = Pattern.compile("(?m)^model (\\w+) \\{\\n(.*?)^\\}", Pattern.DOTALL);
  private static final Pattern FIELD = Pattern.compile("^\\s+(\\w+)\\s+(\\w+)(\\?|\\[\\])?(.*)$");
  private static final Pattern MAP = Pattern.compile("@map\\(\"([^\"]+)\"\\)");
  private static final Pattern STRING_DEFAULT = Pattern.compile("@default\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");

  /** Every model of the expected PSL is a table; its scalar fields are columns with the same nullability. */
  private static void checkAgainstExpectedPsl(DatabaseSchema ir, String fixture) {
    int open = fixture.lastIndexOf("/*");
    String psl = open < 0 ? "" : fixture.substring(open);
    Matcher models = MODEL.matcher(psl);
    Set<String> modelNames = new HashSet<>();
    while (models.find()) {
      modelNames.add(models.group(1));
    }
    models.reset();
    int checked = 0;
    while (models.find()) {
      String body = models.group(2);
      Matcher mapped = Pattern.compile("@@map\\(\"([^\"]+)\"\\)").matcher(body);
      String tableName = mapped.find() ? mapped.group(1) : models.group(1);
      Table table = ir.table(ir.defaultSchema(), tableName)
          .orElseThrow(() -> new AssertionError("model " + tableName + " has no table"));
      for (String line : body.split("\n")) {
        Matcher field = FIELD.matcher(line);
        if (!field.matches() || modelNames.contains(field.group(2))) {
          continue;
        }
        Matcher map = MAP.matcher(field.group(4));
        String columnName = map.find() ? map.group(1) : field.group(1);
        Column column = table.column(columnName)
            .orElseThrow(() -> new AssertionError("field " + line.strip() + " has no column"));
        assertThat(column.nullable()).as(line).isEqualTo("?".equals(field.group(3)));
        assertThat(column.type().array()).as(line).isEqualTo("[]".equals(field.group(3)));
        assertThat(column.autoincrement()).as(line).isEqualTo(field.group(4).contains("@default(autoincrement())"));
        Matcher stringDefault = STRING_DEFAULT.matcher(field.group(4));
        if (stringDefault.find()) {
          String expected = stringDefault.group(1).replaceAll("\\\\(.)", "$1");
          assertThat(column.defaultValue()).as(line)
              .contains(new DefaultValue.Literal(DefaultValue.LiteralKind.STRING, expected));
        }
        checked++;
      }
    }
    assertThat(checked).as("scalar fields checked").isPositive();
  }
}
