package dev.strata.postgres.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.strata.ErrorCode;
import dev.strata.StrataException;
import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.DefaultValue.LiteralKind;
import dev.strata.schema.EnumType;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.ForeignKey.ReferentialAction;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.Sequence;
import dev.strata.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The introspection suite, run against each server a subclass provides: every test builds its
 * objects in a fresh schema of the class's database and inspects that schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PgInspectorCases {
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private ScratchDatabase database;
  private Connection connection;

  /** Creates this class's database on the server under test. */
  abstract ScratchDatabase openDatabase();

  @BeforeAll
  void createDatabase() throws SQLException {
    database = openDatabase();
    connection = database.connect();
  }

  @AfterAll
  void dropDatabase() throws SQLException {
    if (connection != null) {
      connection.close();
    }
    if (database != null) {
      database.close();
    }
  }

  /** Runs {@code sql} in a fresh schema (first on the search path) and inspects that schema. */
  DatabaseSchema inspect(String sql) throws SQLException {
    String schema = "s" + SCHEMAS.incrementAndGet();
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE SCHEMA " + schema + "; SET search_path TO " + schema + ", public");
      st.execute(sql);
    }
    DatabaseSchema result = PgInspector.inspect(connection, InspectOptions.defaults());
    assertThat(result.defaultSchema()).isEqualTo(schema);
    return result;
  }

  void execute(String sql) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    }
  }

  boolean extensionAvailable(String name) throws SQLException {
    try (Statement st = connection.createStatement();
        var rs = st.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = '" + name + "'")) {
      return rs.next();
    }
  }

  static Table table(DatabaseSchema schema, String name) {
    return schema.tables().stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no table " + name + " in " + schema.tables()));
  }

  static Column column(Table table, String name) {
    return table.column(name).orElseThrow(() -> new AssertionError("no column " + name + " in " + table.name()));
  }

  static Index index(Table table, String name) {
    return table.indexes().stream().filter(i -> i.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no index " + name + " in " + table.indexes()));
  }

  static DefaultValue defaultOf(Table table, String columnName) {
    return column(table, columnName).defaultValue()
        .orElseThrow(() -> new AssertionError("no default on " + columnName));
  }

  static DefaultValue.Literal lit(LiteralKind kind, String value) {
    return new DefaultValue.Literal(kind, value);
  }

  // ---- columns and types ----

  @Test
  void reads_columns_in_attnum_order_with_canonical_types_and_modifiers() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE t (
          z text, a character varying(255), b varchar, c char(3), d uuid, e xml, f inet,
          g bit(4), h varbit(8), i integer, j smallint, k bigint, l oid, m double precision, n real,
          o numeric(65,30), p numeric, q money, r boolean, s timestamp(3), t timestamp,
          u timestamptz(6), v date, w time(2), x timetz, y json, aa jsonb, bb bytea);
        ALTER TABLE t DROP COLUMN b;
        """);
    Table t = table(schema, "t");
    assertThat(t.columns()).extracting(Column::name).containsExactly(
        "z", "a", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
        "u", "v", "w", "x", "y", "aa", "bb");
    assertThat(t.columns()).extracting(Column::type).containsExactly(
        ColumnType.builtin("TEXT"), ColumnType.builtin("VARCHAR", 255), ColumnType.builtin("CHAR", 3),
        ColumnType.builtin("UUID"), ColumnType.builtin("XML"), ColumnType.builtin("INET"),
        ColumnType.builtin("BIT", 4), ColumnType.builtin("VARBIT", 8), ColumnType.builtin("INTEGER"),
        ColumnType.builtin("SMALLINT"), ColumnType.builtin("BIGINT"), ColumnType.builtin("OID"),
        ColumnType.builtin("DOUBLE PRECISION"), ColumnType.builtin("REAL"), ColumnType.builtin("DECIMAL", 65, 30),
        ColumnType.builtin("DECIMAL"), ColumnType.builtin("MONEY"), ColumnType.builtin("BOOLEAN"),
        ColumnType.builtin("TIMESTAMP", 3), ColumnType.builtin("TIMESTAMP"), ColumnType.builtin("TIMESTAMPTZ", 6),
        ColumnType.builtin("DATE"), ColumnType.builtin("TIME", 2), ColumnType.builtin("TIMETZ"),
        ColumnType.builtin("JSON"), ColumnType.builtin("JSONB"), ColumnType.builtin("BYTEA"));
  }

  @Test
  void reads_arrays_and_enum_columns_with_the_enum_schema() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TYPE "Mood" AS ENUM ('HAPPY', 'SAD');
        CREATE TABLE t (tags text[], sizes varchar(10)[], mood "Mood", moods "Mood"[]);
        """);
    Table t = table(schema, "t");
    String ns = schema.defaultSchema();
    assertThat(column(t, "tags").type()).isEqualTo(ColumnType.builtin("TEXT").asArray());
    assertThat(column(t, "sizes").type()).isEqualTo(ColumnType.builtin("VARCHAR", 10).asArray());
    assertThat(column(t, "mood").type()).isEqualTo(ColumnType.enumRef(ns, "Mood"));
    assertThat(column(t, "moods").type()).isEqualTo(ColumnType.enumRef(ns, "Mood").asArray());
  }

  @Test
  void reports_domains_ranges_and_extension_types_as_unsupported_with_their_postgres_text() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
        CREATE DOMAIN text_list AS text[];
        CREATE TABLE t (a positive_int, b tsvector, c int4range, d interval, e tsvector[], f "char", g text_list);
        """);
    Table t = table(schema, "t");
    assertThat(t.columns()).extracting(Column::type).containsExactly(
        ColumnType.unsupported("positive_int"), ColumnType.unsupported("tsvector"),
        ColumnType.unsupported("int4range"), ColumnType.unsupported("interval"),
        ColumnType.unsupported("tsvector[]"), ColumnType.unsupported("\"char\""), ColumnType.unsupported("text_list"));
  }

  @Test
  void reads_citext_as_its_canonical_builtin_name() throws SQLException {
    assumeThat(extensionAvailable("citext")).as("citext extension available").isTrue();
    DatabaseSchema schema = inspect("""
        CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
        CREATE TABLE t (email citext NOT NULL);
        """);
    assertThat(column(table(schema, "t"), "email").type()).isEqualTo(ColumnType.builtin("CITEXT"));
  }

  @Test
  void reads_nullability_identity_and_generated_columns() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE t (
          a integer GENERATED ALWAYS AS IDENTITY,
          b bigint GENERATED BY DEFAULT AS IDENTITY,
          c integer NOT NULL,
          d integer,
          e integer GENERATED ALWAYS AS (c * 2) STORED);
        """);
    Table t = table(schema, "t");
    assertThat(column(t, "a").identity()).contains(Column.Identity.ALWAYS);
    assertThat(column(t, "b").identity()).contains(Column.Identity.BY_DEFAULT);
    assertThat(column(t, "a").defaultValue()).isEmpty();
    assertThat(column(t, "a").autoincrement()).isFalse();
    assertThat(column(t, "c").nullable()).isFalse();
    assertThat(column(t, "d").nullable()).isTrue();
    assertThat(column(t, "c").identity()).isEmpty();
    assertThat(column(t, "e").generated()).contains("(c * 2)");
    assertThat(column(t, "e").defaultValue()).isEmpty();
    assertThat(schema.sequences()).as("identity sequences belong to their column").isEmpty();
  }

  @Test
  void reads_serial_columns_as_autoincrement_without_default_and_hides_their_sequences() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE t (id SERIAL PRIMARY KEY, big BIGSERIAL, small SMALLSERIAL);
        """);
    Table t = table(schema, "t");
    for (String name : List.of("id", "big", "small")) {
      assertThat(column(t, name).autoincrement()).as(name).isTrue();
      assertThat(column(t, name).defaultValue()).as(name).isEmpty();
    }
    assertThat(t.columns()).extracting(Column::type).containsExactly(
        ColumnType.builtin("INTEGER"), ColumnType.builtin("BIGINT"), ColumnType.builtin("SMALLINT"));
    assertThat(schema.sequences()).isEmpty();
  }

  @Test
  void reads_nextval_of_a_sequence_the_column_does_not_own_as_nextval_and_lists_the_sequence() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE SEQUENCE shared_seq;
        CREATE SEQUENCE "Odd Seq";
        CREATE TABLE t (a integer DEFAULT nextval('shared_seq'), b integer DEFAULT nextval('"Odd Seq"'));
        CREATE TABLE u (id integer);
        CREATE SEQUENCE owned_elsewhere OWNED BY u.id;
        """);
    Table t = table(schema, "t");
    assertThat(column(t, "a").autoincrement()).isFalse();
    assertThat(column(t, "a").defaultValue()).contains(new DefaultValue.NextVal("shared_seq"));
    assertThat(column(t, "b").defaultValue()).contains(new DefaultValue.NextVal("Odd Seq"));
    String ns = schema.defaultSchema();
    assertThat(schema.sequences()).containsExactly(
        new Sequence(ns, "Odd Seq", Optional.empty(), Optional.empty()),
        new Sequence(ns, "owned_elsewhere", Optional.of("u"), Optional.of("id")),
        new Sequence(ns, "shared_seq", Optional.empty(), Optional.empty()));
  }

  // ---- defaults ----

  @Test
  void normalizes_string_number_and_boolean_defaults() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE t (
          s1 text DEFAULT 'it''s',
          s2 varchar(255) DEFAULT 'a " b"c d',
          s3 char(2) DEFAULT 'ab',
          s4 text DEFAULT '',
          s5 text DEFAULT E'back\\\\slash',
          n1 integer DEFAULT 42,
          n2 integer DEFAULT -7,
          n3 bigint DEFAULT 9007199254740993,
          n4 numeric(10,2) DEFAULT 1.50,
          n5 double precision DEFAULT 2.5,
          n6 real DEFAULT -0.25,
          b1 boolean DEFAULT true,
          b2 boolean DEFAULT false,
          u uuid DEFAULT '00000000-0000-0000-0000-000000000000');
        """);
    Table t = table(schema, "t");
    assertThat(defaultOf(t, "s1")).isEqualTo(lit(LiteralKind.STRING, "it's"));
    assertThat(defaultOf(t, "s2")).isEqualTo(lit(LiteralKind.STRING, "a \" b\"c d"));
    assertThat(defaultOf(t, "s3")).isEqualTo(lit(LiteralKind.STRING, "ab"));
    assertThat(defaultOf(t, "s4")).isEqualTo(lit(LiteralKind.STRING, ""));
    assertThat(defaultOf(t, "s5")).isEqualTo(lit(LiteralKind.STRING, "back\\slash"));
    assertThat(defaultOf(t, "n1")).isEqualTo(lit(LiteralKind.NUMBER, "42"));
    assertThat(defaultOf(t, "n2")).isEqualTo(lit(LiteralKind.NUMBER, "-7"));
    assertThat(defaultOf(t, "n3")).isEqualTo(lit(LiteralKind.NUMBER, "9007199254740993"));
    assertThat(defaultOf(t, "n4")).isEqualTo(lit(LiteralKind.NUMBER, "1.50"));
    assertThat(defaultOf(t, "n5")).isEqualTo(lit(LiteralKind.NUMBER, "2.5"));
    assertThat(defaultOf(t, "n6")).isEqualTo(lit(LiteralKind.NUMBER, "-0.25"));
    assertThat(defaultOf(t, "b1")).isEqualTo(lit(LiteralKind.BOOLEAN, "true"));
    assertThat(defaultOf(t, "b2")).isEqualTo(lit(LiteralKind.BOOLEAN, "false"));
    assertThat(defaultOf(t, "u")).isEqualTo(lit(LiteralKind.STRING, "00000000-0000-0000-0000-000000000000"));
  }

  @Test
  void normalizes_enum_json_bytes_and_datetime_defaults() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TYPE "Status" AS ENUM ('ACTIVE', 'it''s');
        CREATE TABLE t (
          e1 "Status" DEFAULT 'ACTIVE',
          e2 "Status" DEFAULT 'it''s',
          j1 jsonb DEFAULT '{}',
          j2 json DEFAULT '{"a": [1, "x"]}'::json,
          by bytea DEFAULT '\\x0102ff',
          ts timestamp(3) DEFAULT '2020-01-02 03:04:05.678',
          d date DEFAULT '2024-02-29');
        """);
    Table t = table(schema, "t");
    assertThat(defaultOf(t, "e1")).isEqualTo(lit(LiteralKind.ENUM_VALUE, "ACTIVE"));
    assertThat(defaultOf(t, "e2")).isEqualTo(lit(LiteralKind.ENUM_VALUE, "it's"));
    assertThat(defaultOf(t, "j1")).isEqualTo(lit(LiteralKind.JSON, "{}"));
    assertThat(defaultOf(t, "j2")).isEqualTo(lit(LiteralKind.JSON, "{\"a\": [1, \"x\"]}"));
    assertThat(defaultOf(t, "by")).isEqualTo(lit(LiteralKind.BYTES, "\\x0102ff"));
    assertThat(defaultOf(t, "ts")).isEqualTo(lit(LiteralKind.DATETIME, "2020-01-02 03:04:05.678"));
    assertThat(defaultOf(t, "d")).isEqualTo(lit(LiteralKind.DATETIME, "2024-02-29"));
  }

  @Test
  void normalizes_list_defaults_in_both_array_spellings() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TYPE "Mood" AS ENUM ('SLEEPY', 'AWAKE');
        CREATE TABLE t (
          a text[] DEFAULT ARRAY['x', 'y z']::text[],
          b text[] DEFAULT '{a,"b,c","q\\"uote"}',
          c integer[] DEFAULT ARRAY[1, -2, 3],
          d "Mood"[] DEFAULT ARRAY['SLEEPY']::"Mood"[],
          e boolean[] DEFAULT '{t,f}',
          f text[] DEFAULT '{}',
          g text[] DEFAULT ARRAY[]::text[],
          h text[] DEFAULT ARRAY[upper('x')]);
        """);
    Table t = table(schema, "t");
    assertThat(defaultOf(t, "a")).isEqualTo(new DefaultValue.ListLiteral(
        List.of(lit(LiteralKind.STRING, "x"), lit(LiteralKind.STRING, "y z"))));
    assertThat(defaultOf(t, "b")).isEqualTo(new DefaultValue.ListLiteral(List.of(
        lit(LiteralKind.STRING, "a"), lit(LiteralKind.STRING, "b,c"), lit(LiteralKind.STRING, "q\"uote"))));
    assertThat(defaultOf(t, "c")).isEqualTo(new DefaultValue.ListLiteral(List.of(
        lit(LiteralKind.NUMBER, "1"), lit(LiteralKind.NUMBER, "-2"), lit(LiteralKind.NUMBER, "3"))));
    assertThat(defaultOf(t, "d")).isEqualTo(new DefaultValue.ListLiteral(
        List.of(lit(LiteralKind.ENUM_VALUE, "SLEEPY"))));
    assertThat(defaultOf(t, "e")).isEqualTo(new DefaultValue.ListLiteral(
        List.of(lit(LiteralKind.BOOLEAN, "true"), lit(LiteralKind.BOOLEAN, "false"))));
    assertThat(defaultOf(t, "f")).isEqualTo(new DefaultValue.ListLiteral(List.of()));
    assertThat(defaultOf(t, "g")).isEqualTo(new DefaultValue.ListLiteral(List.of()));
    assertThat(defaultOf(t, "h")).isInstanceOf(DefaultValue.Expression.class);
  }

  @Test
  void reads_now_and_current_timestamp_as_now_and_other_expressions_as_postgres_prints_them() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE t (
          a timestamp(3) DEFAULT CURRENT_TIMESTAMP,
          b timestamptz DEFAULT now(),
          c uuid DEFAULT gen_random_uuid(),
          d text DEFAULT 'a' || 'b',
          e timestamp DEFAULT (now() + '1 day'::interval),
          f tsvector DEFAULT ''::tsvector);
        """);
    Table t = table(schema, "t");
    assertThat(defaultOf(t, "a")).isEqualTo(new DefaultValue.Now());
    assertThat(defaultOf(t, "b")).isEqualTo(new DefaultValue.Now());
    assertThat(defaultOf(t, "c")).isEqualTo(new DefaultValue.Expression("gen_random_uuid()"));
    assertThat(defaultOf(t, "d")).isEqualTo(new DefaultValue.Expression("('a'::text || 'b'::text)"));
    assertThat(defaultOf(t, "e")).isEqualTo(new DefaultValue.Expression("(now() + '1 day'::interval)"));
    assertThat(defaultOf(t, "f")).isEqualTo(new DefaultValue.Expression("''::tsvector"));
  }

  @Test
  void reads_table_and_column_comments() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE t (a integer, b text);
        COMMENT ON TABLE t IS 'the table';
        COMMENT ON COLUMN t.b IS 'the b column';
        """);
    Table t = table(schema, "t");
    assertThat(t.comment()).contains("the table");
    assertThat(column(t, "a").comment()).isEmpty();
    assertThat(column(t, "b").comment()).contains("the b column");
  }

  // ---- keys, indexes, constraints ----

  @Test
  void reads_primary_key_name_and_columns_in_key_order() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE t (a integer, b integer, c integer, CONSTRAINT "custom_pk" PRIMARY KEY (c, a));
        CREATE TABLE u (id text PRIMARY KEY);
        CREATE TABLE v (x integer);
        """);
    assertThat(table(schema, "t").primaryKey()).contains(new PrimaryKey("custom_pk", List.of("c", "a")));
    assertThat(table(schema, "u").primaryKey()).contains(new PrimaryKey("u_pkey", List.of("id")));
    assertThat(table(schema, "v").primaryKey()).isEmpty();
    assertThat(table(schema, "t").indexes()).as("the primary key's index is not listed").isEmpty();
  }

  @Test
  void tells_unique_constraints_from_unique_indexes() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE t (a integer, b integer, c integer, CONSTRAINT t_a_b_key UNIQUE (b, a));
        CREATE UNIQUE INDEX t_c_key ON t (c);
        """);
    Table t = table(schema, "t");
    Index constraint = index(t, "t_a_b_key");
    assertThat(constraint.unique()).isTrue();
    assertThat(constraint.constraint()).isTrue();
    assertThat(constraint.columnNames()).containsExactly("b", "a");
    Index bare = index(t, "t_c_key");
    assertThat(bare.unique()).isTrue();
    assertThat(bare.constraint()).isFalse();
    assertThat(bare.method()).isEqualTo("BTREE");
  }

  @Test
  void reads_index_methods_expressions_sort_order_operator_classes_and_predicates() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE t (a text, b integer, data jsonb, path varchar(255), tags text[]);
        CREATE INDEX t_plain ON t (a, b);
        CREATE INDEX t_desc ON t (b DESC, a);
        CREATE INDEX t_gin ON t USING gin (data jsonb_path_ops);
        CREATE INDEX t_gin_default ON t USING gin (data);
        CREATE INDEX t_hash ON t USING hash (a);
        CREATE INDEX t_pattern ON t (a text_pattern_ops);
        CREATE INDEX t_expr ON t (lower(path::text), b);
        CREATE INDEX t_partial ON t (b) WHERE b > 10;
        CREATE INDEX t_brin ON t USING brin (b);
        CREATE INDEX t_include ON t (a) INCLUDE (b);
        """);
    Table t = table(schema, "t");
    assertThat(t.indexes()).extracting(Index::name).containsExactly(
        "t_brin", "t_desc", "t_expr", "t_gin", "t_gin_default", "t_hash", "t_include", "t_partial", "t_pattern", "t_plain");
    assertThat(index(t, "t_plain").columns()).containsExactly(IndexColumn.of("a"), IndexColumn.of("b"));
    assertThat(index(t, "t_plain").unique()).isFalse();
    assertThat(index(t, "t_desc").columns()).containsExactly(
        new IndexColumn("b", false, Optional.of(IndexColumn.SortOrder.DESC), Optional.empty()), IndexColumn.of("a"));
    assertThat(index(t, "t_gin").method()).isEqualTo("GIN");
    assertThat(index(t, "t_gin").columns()).containsExactly(
        new IndexColumn("data", false, Optional.empty(), Optional.of("jsonb_path_ops")));
    assertThat(index(t, "t_gin_default").columns()).containsExactly(IndexColumn.of("data"));
    assertThat(index(t, "t_hash").method()).isEqualTo("HASH");
    assertThat(index(t, "t_brin").method()).isEqualTo("BRIN");
    assertThat(index(t, "t_pattern").columns()).containsExactly(
        new IndexColumn("a", false, Optional.empty(), Optional.of("text_pattern_ops")));
    assertThat(index(t, "t_expr").columns()).containsExactly(
        new IndexColumn("lower(path::text)", true, Optional.empty(), Optional.empty()), IndexColumn.of("b"));
    assertThat(index(t, "t_partial").predicate()).contains("b > 10");
    assertThat(index(t, "t_plain").predicate()).isEmpty();
    assertThat(index(t, "t_include").columns()).as("INCLUDE columns are not keys").containsExactly(IndexColumn.of("a"));
  }

  @Test
  void reads_foreign_keys_with_column_order_target_and_actions() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE SCHEMA IF NOT EXISTS other_fk_target;
        CREATE TABLE other_fk_target.parent (x integer, y integer, PRIMARY KEY (x, y));
        CREATE TABLE parent (id integer PRIMARY KEY);
        CREATE TABLE child (
          id integer PRIMARY KEY,
          parent_id integer REFERENCES parent (id) ON DELETE CASCADE ON UPDATE SET NULL,
          a integer, b integer,
          CONSTRAINT child_pair_fkey FOREIGN KEY (b, a) REFERENCES other_fk_target.parent (y, x)
            ON DELETE SET DEFAULT ON UPDATE RESTRICT,
          CONSTRAINT child_plain_fkey FOREIGN KEY (a) REFERENCES parent (id));
        """);
    Table child = table(schema, "child");
    String ns = schema.defaultSchema();
    assertThat(child.foreignKeys()).containsExactly(
        new ForeignKey("child_pair_fkey", List.of("b", "a"), "other_fk_target", "parent", List.of("y", "x"),
            ReferentialAction.SET_DEFAULT, ReferentialAction.RESTRICT),
        new ForeignKey("child_parent_id_fkey", List.of("parent_id"), ns, "parent", List.of("id"),
            ReferentialAction.CASCADE, ReferentialAction.SET_NULL),
        new ForeignKey("child_plain_fkey", List.of("a"), ns, "parent", List.of("id"),
            ReferentialAction.NO_ACTION, ReferentialAction.NO_ACTION));
    assertThat(schema.tables()).extracting(Table::schema).containsOnly(ns);
  }

  @Test
  void reads_check_constraints() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE t (price numeric CONSTRAINT price_positive CHECK (price > 0), a int, b int,
          CHECK (a < b));
        """);
    assertThat(table(schema, "t").checks()).containsExactly(
        new CheckConstraint("price_positive", "(price > (0)::numeric)"),
        new CheckConstraint("t_check", "(a < b)"));
  }

  // ---- enums, sequences, extensions, views ----

  @Test
  void reads_enum_values_in_sort_order() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TYPE "Size" AS ENUM ('S', 'L');
        ALTER TYPE "Size" ADD VALUE 'M' BEFORE 'L';
        ALTER TYPE "Size" ADD VALUE 'XL';
        CREATE TYPE another AS ENUM ();
        """);
    String ns = schema.defaultSchema();
    assertThat(schema.enums()).containsExactly(
        new EnumType(ns, "Size", List.of("S", "M", "L", "XL")));
  }

  @Test
  void lists_installed_extensions_except_plpgsql() throws SQLException {
    assumeThat(extensionAvailable("pg_trgm")).as("pg_trgm extension available").isTrue();
    DatabaseSchema schema = inspect("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;");
    assertThat(schema.extensions()).anySatisfy(e -> {
      assertThat(e.name()).isEqualTo("pg_trgm");
      assertThat(e.schema()).contains("public");
      assertThat(e.version()).isPresent();
    });
    assertThat(schema.extensions()).noneMatch(e -> e.name().equals("plpgsql"));
    DatabaseSchema without = PgInspector.inspect(connection, InspectOptions.defaults().withExtensions(false));
    assertThat(without.extensions()).isEmpty();
  }

  @Test
  void reads_views_with_their_definitions_and_columns() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TYPE mood AS ENUM ('ok', 'sad');
        CREATE TABLE t (a integer NOT NULL, b text, c numeric(10, 2), d text[], m mood);
        CREATE VIEW v AS SELECT a, c AS "the price", d, m, now() AS at FROM t WHERE a > 1;
        """);
    assertThat(schema.views()).singleElement().satisfies(v -> {
      assertThat(v.name()).isEqualTo("v");
      assertThat(v.definition()).contains("SELECT").contains("a > 1");
      assertThat(v.columns()).extracting(Column::name).containsExactly("a", "the price", "d", "m", "at");
      assertThat(v.columns()).allMatch(Column::nullable).noneMatch(c -> c.defaultValue().isPresent());
      assertThat(v.columns()).extracting(c -> c.type().name())
          .containsExactly("INTEGER", "DECIMAL", "TEXT", "mood", "TIMESTAMPTZ");
      assertThat(v.columns().get(1).type().args()).containsExactly(10, 2);
      assertThat(v.columns().get(2).type().array()).isTrue();
      assertThat(v.columns().get(3).type().kind()).isEqualTo(ColumnType.Kind.ENUM);
    });
    assertThat(schema.tables()).extracting(Table::name).containsExactly("t");
  }

  // ---- what is left out, and order ----

  @Test
  void ignores_prisma_and_strata_bookkeeping_tables_and_extension_members() throws SQLException {
    assumeThat(extensionAvailable("pg_trgm")).as("pg_trgm extension available").isTrue();
    DatabaseSchema schema = inspect("""
        CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
        CREATE TABLE "_prisma_migrations" (id text);
        CREATE TABLE "_strata_history" (id text);
        CREATE TABLE "_strata_backup_x" (id text);
        CREATE TABLE "_strataX" (id text);
        CREATE TABLE spatial_ref_sys (srid integer);
        CREATE TYPE ext_kind AS ENUM ('a');
        CREATE VIEW ext_view AS SELECT 1 AS one;
        CREATE SEQUENCE ext_seq;
        CREATE TABLE kept (id integer);
        """);
    String ns = schema.defaultSchema();
    // Simulate PostGIS: its spatial_ref_sys table (and other objects) are members of the extension.
    List<String> members = List.of("TABLE " + ns + ".spatial_ref_sys", "TYPE " + ns + ".ext_kind",
        "VIEW " + ns + ".ext_view", "SEQUENCE " + ns + ".ext_seq");
    for (String member : members) {
      execute("ALTER EXTENSION pg_trgm ADD " + member);
    }
    try {
      DatabaseSchema again = PgInspector.inspect(connection, InspectOptions.defaults());
      assertThat(again.tables()).extracting(Table::name).containsExactly("_strataX", "kept");
      assertThat(again.enums()).isEmpty();
      assertThat(again.views()).isEmpty();
      assertThat(again.sequences()).isEmpty();
    } finally {
      for (String member : members) {
        execute("ALTER EXTENSION pg_trgm DROP " + member);
      }
    }
    assertThat(schema.tables()).extracting(Table::name).contains("spatial_ref_sys");
    assertThat(schema.enums()).extracting(EnumType::name).containsExactly("ext_kind");
    assertThat(schema.views()).hasSize(1);
    assertThat(schema.sequences()).hasSize(1);
  }

  @Test
  void reads_a_partitioned_table_once_and_leaves_its_partitions_out() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE events (id integer, at date NOT NULL) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        """);
    assertThat(schema.tables()).extracting(Table::name).containsExactly("events");
    assertThat(table(schema, "events").columns()).extracting(Column::name).containsExactly("id", "at");
  }

  @Test
  void orders_tables_by_name_whatever_the_creation_order() throws SQLException {
    DatabaseSchema schema = inspect("""
        CREATE TABLE zebra (id integer);
        CREATE TABLE "Apple" (id integer);
        CREATE TABLE mango ();
        CREATE TABLE banana (id integer);
        """);
    assertThat(schema.tables()).extracting(Table::name).containsExactly("Apple", "banana", "mango", "zebra");
    assertThat(table(schema, "mango").columns()).isEmpty();
  }

  @Test
  void reads_several_schemas_with_multi_schema_options() throws SQLException {
    int n = SCHEMAS.incrementAndGet();
    String a = "ms_a" + n;
    String b = "ms_b" + n;
    execute("CREATE SCHEMA " + a + "; CREATE SCHEMA " + b + ";"
        + "CREATE TYPE " + a + ".\"UserType\" AS ENUM ('Bacteria', 'Archea');"
        + "CREATE TABLE " + b + ".\"Test3\" (id integer PRIMARY KEY, type " + a + ".\"UserType\" NOT NULL);"
        + "CREATE TABLE " + a + ".\"Test4\" (id integer PRIMARY KEY REFERENCES " + b + ".\"Test3\"(id));"
        + "CREATE TABLE " + a + ".\"Test3\" (id integer);");
    DatabaseSchema schema = PgInspector.inspect(
        connection, InspectOptions.multiSchema(List.of(a, b)).withDefaultSchema("public"));
    assertThat(schema.defaultSchema()).isEqualTo("public");
    assertThat(schema.explicitSchemas()).containsExactlyInAnyOrder(a, b);
    assertThat(schema.tables()).extracting(t -> t.schema() + "." + t.name())
        .containsExactly(a + ".Test3", b + ".Test3", a + ".Test4");
    assertThat(schema.table(b, "Test3").orElseThrow().column("type").orElseThrow().type())
        .isEqualTo(ColumnType.enumRef(a, "UserType"));
    assertThat(schema.table(a, "Test4").orElseThrow().foreignKeys()).singleElement()
        .satisfies(fk -> {
          assertThat(fk.referencedSchema()).isEqualTo(b);
          assertThat(fk.referencedTable()).isEqualTo("Test3");
        });
    assertThat(schema.enums()).containsExactly(new EnumType(a, "UserType", List.of("Bacteria", "Archea")));
  }

  @Test
  void a_listed_schema_the_database_does_not_have_is_not_read_as_existing() throws SQLException {
    // So that a first multiSchema migration from it creates the schema, as Prisma's does.
    int n = SCHEMAS.incrementAndGet();
    String present = "ms_present" + n;
    String missing = "ms_missing" + n;
    execute("CREATE SCHEMA " + present + ";");
    DatabaseSchema schema = PgInspector.inspect(
        connection, InspectOptions.multiSchema(List.of(present, missing)).withDefaultSchema("public"));
    assertThat(schema.explicitSchemas()).containsExactly(present);
  }

  @Test
  void reports_a_closed_connection_as_a_database_failure() throws SQLException {
    Connection closed = database.connect();
    closed.close();
    assertThatThrownBy(() -> PgInspector.inspect(closed, InspectOptions.defaults()))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE));
    assertThatThrownBy(() -> PgInspector.inspect(null, null))
        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE));
  }

  @Test
  void reads_an_empty_or_missing_schema_as_empty() throws SQLException {
    DatabaseSchema schema = PgInspector.inspect(
        connection, InspectOptions.defaults().withDefaultSchema("no_such_schema_here"));
    assertThat(schema.defaultSchema()).isEqualTo("no_such_schema_here");
    assertThat(schema.explicitSchemas()).isEmpty();
    assertThat(schema.tables()).isEmpty();
    assertThat(schema.enums()).isEmpty();
    assertThat(schema.sequences()).isEmpty();
    assertThat(schema.views()).isEmpty();
  }
}
