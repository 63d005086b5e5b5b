package dev.strata.prisma.lower;

import static dev.strata.prisma.lower.LoweringTesting.lower;
import static dev.strata.prisma.lower.LoweringTesting.lowerSchema;
import static dev.strata.prisma.lower.LoweringTesting.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.parse.PrismaParser;
import dev.strata.schema.Column;
import dev.strata.schema.ColumnType;
import dev.strata.schema.DatabaseSchema;
import dev.strata.schema.DefaultValue;
import dev.strata.schema.DefaultValue.LiteralKind;
import dev.strata.schema.EnumType;
import dev.strata.schema.Extension;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.ForeignKey.ReferentialAction;
import dev.strata.schema.Index;
import dev.strata.schema.IndexColumn;
import dev.strata.schema.IndexColumn.SortOrder;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.Table;
import dev.strata.schema.View;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Lowering rules, one focus per test, asserted on the IR records (facts checked against Prisma 7). */
class PrismaLoweringTest {

  private static Column column(Table table, String name) {
    return table.column(name).orElseThrow(() -> new AssertionError("no column " + name));
  }

  @Nested
  class Tables {
    @Test
    void creates_one_table_per_model_in_schema_order_in_the_public_schema() {
      DatabaseSchema s = lower("model B {\n  id Int @id\n}\n\nmodel A {\n  id Int @id\n}\n");
      assertThat(s.tables()).extracting(Table::name).containsExactly("B", "A");
      assertThat(s.tables()).extracting(Table::schema).containsOnly("public");
      assertThat(s.defaultSchema()).isEqualTo("public");
      assertThat(s.explicitSchemas()).isEmpty();
    }

    @Test
    void uses_the_mapped_table_name() {
      DatabaseSchema s = lower("model User {\n  id Int @id\n  @@map(\"users\")\n}\n");
      assertThat(s.tables()).extracting(Table::name).containsExactly("users");
      assertThat(s.tables().get(0).primaryKey()).contains(new PrimaryKey("users_pkey", List.of("id")));
    }

    @Test
    void still_creates_tables_for_ignored_models_and_columns_for_ignored_fields() {
      DatabaseSchema s = lower("model A {\n  id Int @id\n  secret String @ignore\n}\n\nmodel B {\n  id Int @id\n  @@ignore\n}\n");
      assertThat(s.tables()).extracting(Table::name).containsExactly("A", "B");
      assertThat(s.tables().get(0).columns()).extracting(Column::name).containsExactly("id", "secret");
    }

    @Test
    void turns_views_into_views_and_never_into_tables() {
      DatabaseSchema s = lowerSchema(
          "generator c {\n  provider = \"prisma-client\"\n  previewFeatures = [\"views\"]\n}\n\n" + LoweringTesting.DATASOURCE
              + "view Report {\n  id Int @unique\n  total Int\n  @@map(\"report_v\")\n}\n");
      assertThat(s.tables()).isEmpty();
      assertThat(s.views()).containsExactly(new View("public", "report_v", ""));
    }

    @Test
    void puts_everything_in_the_given_default_schema() {
      Diagnostics d = new Diagnostics();
      PrismaSchema parsed = PrismaParser.parse(List.of(new SourceFile("schema.prisma",
          LoweringTesting.DATASOURCE + "enum E {\n  X\n}\n\nmodel A {\n  id Int @id\n  e E\n}\n")), d);
      DatabaseSchema s = PrismaLowering.lower(parsed, "app");
      assertThat(s.defaultSchema()).isEqualTo("app");
      assertThat(s.tables().get(0).schema()).isEqualTo("app");
      assertThat(s.enums()).containsExactly(new EnumType("app", "E", List.of("X")));
      assertThat(column(s.tables().get(0), "e").type()).isEqualTo(ColumnType.enumRef("app", "E"));
    }

    @Test
    void an_empty_default_schema_means_public() {
      Diagnostics d = new Diagnostics();
      PrismaSchema parsed = PrismaParser.parse(List.of(new SourceFile("schema.prisma", "model A {\n  id Int @id\n}\n")), d);
      assertThat(PrismaLowering.lower(parsed, "").tables()).extracting(Table::schema).containsExactly("public");
      assertThat(PrismaLowering.lower(parsed, null).defaultSchema()).isEqualTo("public");
    }

    @Test
    void places_objects_in_their_schema_under_multi_schema() {
      DatabaseSchema s = lowerSchema("datasource db {\n  provider = \"postgresql\"\n  schemas = [\"users\", \"public\"]\n}\n\n"
          + "model A {\n  id Int @id\n  b B @relation(fields: [id], references: [id])\n  @@schema(\"public\")\n}\n\n"
          + "model B {\n  id Int @id\n  kind Kind\n  as A[]\n  @@schema(\"users\")\n}\n\n"
          + "enum Kind {\n  X\n  @@schema(\"users\")\n}\n");
      assertThat(s.explicitSchemas()).isEqualTo(Set.of("users", "public"));
      assertThat(s.tables()).extracting(Table::schema).containsExactly("public", "users");
      assertThat(column(table(s, "B"), "kind").type()).isEqualTo(ColumnType.enumRef("users", "Kind"));
      assertThat(table(s, "A").foreignKeys()).extracting(ForeignKey::referencedSchema).containsExactly("users");
      assertThat(s.enums()).containsExactly(new EnumType("users", "Kind", List.of("X")));
    }
  }

  @Nested
  class Columns {
    @Test
    void maps_scalars_to_prismas_default_column_types() {
      Table t = lower("model T {\n  id Int @id\n  s String\n  b Boolean\n  bi BigInt\n  f Float\n  d Decimal\n"
          + "  dt DateTime\n  j Json\n  by Bytes\n}\n").tables().get(0);
      assertThat(t.columns()).extracting(Column::type).containsExactly(
          ColumnType.builtin("INTEGER"), ColumnType.builtin("TEXT"), ColumnType.builtin("BOOLEAN"),
          ColumnType.builtin("BIGINT"), ColumnType.builtin("DOUBLE PRECISION"), ColumnType.builtin("DECIMAL", 65, 30),
          ColumnType.builtin("TIMESTAMP", 3), ColumnType.builtin("JSONB"), ColumnType.builtin("BYTEA"));
    }

    @Test
    void maps_native_types_with_their_arguments() {
      Table t = lower("model T {\n  id Int @id @db.SmallInt\n  a String @db.VarChar(255)\n  b String @db.VarChar\n"
          + "  c String @db.Char(4)\n  d String @db.Uuid\n  e DateTime @db.Timestamptz(6)\n  f DateTime @db.Timestamp\n"
          + "  g Decimal @db.Decimal(10, 2)\n  h Decimal @db.Decimal\n  i Float @db.Real\n  j Json @db.Json\n"
          + "  k DateTime @db.Date\n  l DateTime @db.Timetz(3)\n  m String @db.Bit(3)\n  n Decimal @db.Money\n  o Int @db.Oid\n}\n")
          .tables().get(0);
      assertThat(t.columns()).extracting(Column::type).containsExactly(
          ColumnType.builtin("SMALLINT"), ColumnType.builtin("VARCHAR", 255), ColumnType.builtin("VARCHAR"),
          ColumnType.builtin("CHAR", 4), ColumnType.builtin("UUID"), ColumnType.builtin("TIMESTAMPTZ", 6),
          ColumnType.builtin("TIMESTAMP"), ColumnType.builtin("DECIMAL", 10, 2), ColumnType.builtin("DECIMAL"),
          ColumnType.builtin("REAL"), ColumnType.builtin("JSON"), ColumnType.builtin("DATE"), ColumnType.builtin("TIMETZ", 3),
          ColumnType.builtin("BIT", 3), ColumnType.builtin("MONEY"), ColumnType.builtin("OID"));
    }

    @Test
    void honours_a_datasource_not_named_db() {
      Table t = lowerSchema("datasource pg {\n  provider = \"postgresql\"\n}\n\nmodel T {\n  id String @id @pg.VarChar(3)\n}\n")
          .tables().get(0);
      assertThat(column(t, "id").type()).isEqualTo(ColumnType.builtin("VARCHAR", 3));
    }

    @Test
    void lowers_lists_to_nullable_arrays_and_optional_fields_to_nullable_columns() {
      Table t = lower("model T {\n  id Int @id\n  tags String[]\n  sizes Int[] @db.SmallInt\n  note String?\n}\n").tables().get(0);
      assertThat(column(t, "tags").type()).isEqualTo(ColumnType.builtin("TEXT").asArray());
      assertThat(column(t, "sizes").type()).isEqualTo(ColumnType.builtin("SMALLINT").asArray());
      assertThat(t.columns()).extracting(Column::nullable).containsExactly(false, true, true, true);
    }

    @Test
    void lowers_enum_fields_to_the_mapped_enum_type() {
      DatabaseSchema s = lower("enum Mood {\n  HAPPY @map(\"happy\")\n  SAD\n  @@map(\"mood\")\n}\n\n"
          + "model T {\n  id Int @id\n  m Mood\n  ms Mood[]\n}\n");
      Table t = s.tables().get(0);
      assertThat(column(t, "m").type()).isEqualTo(ColumnType.enumRef("public", "mood"));
      assertThat(column(t, "ms").type()).isEqualTo(ColumnType.enumRef("public", "mood").asArray());
      assertThat(s.enums()).containsExactly(new EnumType("public", "mood", List.of("happy", "SAD")));
    }

    @Test
    void keeps_unsupported_types_verbatim() {
      Table t = lower("model T {\n  id Int @id\n  v Unsupported(\"geometry(Point, 4326)\")?\n  w Unsupported(\"tsvector\")[]\n}\n")
          .tables().get(0);
      assertThat(column(t, "v").type()).isEqualTo(ColumnType.unsupported("geometry(Point, 4326)"));
      assertThat(column(t, "v").nullable()).isTrue();
      assertThat(column(t, "w").type()).isEqualTo(ColumnType.unsupported("tsvector").asArray());
    }

    @Test
    void uses_mapped_column_names_and_gives_relation_fields_no_column() {
      Table t = table(lower("model A {\n  id Int @id @map(\"a_id\")\n  bs B[]\n}\n\n"
          + "model B {\n  id Int @id\n  a A @relation(fields: [aId], references: [id])\n  aId Int @map(\"a_ref\")\n}\n"), "B");
      assertThat(t.columns()).extracting(Column::name).containsExactly("id", "a_ref");
    }
  }

  @Nested
  class Defaults {
    @Test
    void autoincrement_is_a_flag_and_not_a_default() {
      Table t = lower("model T {\n  id Int @id @default(autoincrement())\n  n BigInt @default(autoincrement())\n}\n").tables().get(0);
      assertThat(t.columns()).allSatisfy(c -> {
        assertThat(c.autoincrement()).isTrue();
        assertThat(c.defaultValue()).isEmpty();
      });
      assertThat(column(t, "n").type()).isEqualTo(ColumnType.builtin("BIGINT"));
    }

    @Test
    void now_and_dbgenerated_become_database_defaults() {
      Table t = lower("model T {\n  id String @id @default(dbgenerated(\"gen_random_uuid()\")) @db.Uuid\n"
          + "  at DateTime @default(now())\n  v Unsupported(\"tsvector\")? @default(dbgenerated())\n}\n").tables().get(0);
      assertThat(column(t, "id").defaultValue()).contains(new DefaultValue.Expression("gen_random_uuid()"));
      assertThat(column(t, "at").defaultValue()).contains(new DefaultValue.Now());
      assertThat(column(t, "v").defaultValue()).isEmpty();
    }

    @Test
    void client_side_generators_and_updated_at_have_no_database_default() {
      Table t = lower("model T {\n  id String @id @default(uuid())\n  a String @default(cuid())\n  b String @default(nanoid(8))\n"
          + "  c String @default(ulid())\n  d String @default(uuid(7))\n  e DateTime @updatedAt\n}\n").tables().get(0);
      assertThat(t.columns()).allSatisfy(c -> assertThat(c.defaultValue()).isEmpty());
    }

    @Test
    void literals_keep_their_kind_and_value_as_prisma_renders_them() {
      Table t = lower("enum E {\n  ON @map(\"on\")\n  OFF\n}\n\nmodel T {\n  id Int @id @default(-5)\n  s String @default(\"it's\")\n"
          + "  b Boolean @default(true)\n  f Float @default(1.50)\n  d Decimal @default(2.0)\n  e E @default(ON)\n"
          + "  j Json @default(\"{\\\"a\\\": 1}\")\n  by Bytes @default(\"aGVsbG8=\")\n"
          + "  dt DateTime @default(\"2020-01-01T10:11:12.345+02:00\")\n}\n").tables().get(0);
      assertThat(t.columns()).extracting(c -> c.defaultValue().orElseThrow()).containsExactly(
          new DefaultValue.Literal(LiteralKind.NUMBER, "-5"),
          new DefaultValue.Literal(LiteralKind.STRING, "it's"),
          new DefaultValue.Literal(LiteralKind.BOOLEAN, "true"),
          new DefaultValue.Literal(LiteralKind.NUMBER, "1.50"),
          new DefaultValue.Literal(LiteralKind.NUMBER, "2.0"),
          new DefaultValue.Literal(LiteralKind.ENUM_VALUE, "on"),
          new DefaultValue.Literal(LiteralKind.JSON, "{\"a\": 1}"),
          new DefaultValue.Literal(LiteralKind.BYTES, "\\x68656c6c6f"),
          new DefaultValue.Literal(LiteralKind.DATETIME, "2020-01-01 10:11:12.345 +02:00"));
    }

    @Test
    void list_defaults_become_list_literals() {
      Table t = lower("enum E {\n  A @map(\"a\")\n  B\n}\n\nmodel T {\n  id Int @id\n  s String[] @default([\"x\", \"y\"])\n"
          + "  e E[] @default([A, B])\n  n Int[] @default([])\n}\n").tables().get(0);
      assertThat(column(t, "s").defaultValue()).contains(new DefaultValue.ListLiteral(List.of(
          new DefaultValue.Literal(LiteralKind.STRING, "x"), new DefaultValue.Literal(LiteralKind.STRING, "y"))));
      assertThat(column(t, "e").defaultValue()).contains(new DefaultValue.ListLiteral(List.of(
          new DefaultValue.Literal(LiteralKind.ENUM_VALUE, "a"), new DefaultValue.Literal(LiteralKind.ENUM_VALUE, "B"))));
      assertThat(column(t, "n").defaultValue()).contains(new DefaultValue.ListLiteral(List.of()));
    }

    @Test
    void formats_date_times_like_prisma() {
      assertThat(DefaultLowering.dateTime("2020-01-01T00:00:00Z")).isEqualTo("2020-01-01 00:00:00 +00:00");
      assertThat(DefaultLowering.dateTime("2020-01-01T10:11:12.123456789Z")).isEqualTo("2020-01-01 10:11:12.123456789 +00:00");
      assertThat(DefaultLowering.dateTime("2020-01-01T10:11:12.12Z")).isEqualTo("2020-01-01 10:11:12.120 +00:00");
      assertThat(DefaultLowering.dateTime("2020-01-01T10:11:12.0001-05:30")).isEqualTo("2020-01-01 10:11:12.000100 -05:30");
      assertThat(DefaultLowering.dateTime("not a date")).isEqualTo("not a date");
    }

    @Test
    void decodes_bytes_to_postgres_hex() {
      assertThat(DefaultLowering.bytes("")).isEqualTo("\\x");
      assertThat(DefaultLowering.bytes("AP8=")).isEqualTo("\\x00ff");
    }
  }

  @Nested
  class KeysAndIndexes {
    @Test
    void names_primary_keys_by_table_or_map() {
      DatabaseSchema s = lower("model A {\n  id Int @id(map: \"a_key\")\n}\n\nmodel B {\n  x Int\n  y String @map(\"why\")\n"
          + "  @@id([x, y])\n}\n\nmodel C {\n  x Int\n  y Int\n  @@id(fields: [y, x], name: \"client\", map: \"c_pk\")\n}\n\n"
          + "model D {\n  x Int @unique\n}\n");
      assertThat(table(s, "A").primaryKey()).contains(new PrimaryKey("a_key", List.of("id")));
      assertThat(table(s, "B").primaryKey()).contains(new PrimaryKey("B_pkey", List.of("x", "why")));
      assertThat(table(s, "C").primaryKey()).contains(new PrimaryKey("c_pk", List.of("y", "x")));
      assertThat(table(s, "D").primaryKey()).isEmpty();
    }

    @Test
    void orders_field_uniques_then_block_indexes_then_block_uniques() {
      Table t = lower("model A {\n  id Int @id\n  a String\n  b String @unique\n  c String\n  d String @unique(map: \"d_uq\")\n"
          + "  @@unique([a, c], name: \"clientOnly\")\n  @@index([c])\n  @@unique([c])\n  @@index([a, b], name: \"legacy_name\")\n}\n")
          .tables().get(0);
      assertThat(t.indexes()).extracting(Index::name)
          .containsExactly("A_b_key", "d_uq", "A_c_idx", "legacy_name", "A_a_c_key", "A_c_key");
      assertThat(t.indexes()).extracting(Index::unique).containsExactly(true, true, false, false, true, true);
      assertThat(t.indexes()).allSatisfy(i -> {
        assertThat(i.method()).isEqualTo("BTREE");
        assertThat(i.constraint()).isFalse();
        assertThat(i.predicate()).isEmpty();
      });
      assertThat(t.indexes().get(4).columnNames()).containsExactly("a", "c");
    }

    @Test
    void index_names_use_column_names() {
      Table t = lower("model A {\n  id Int @id\n  first String @map(\"first_name\")\n  @@index([first])\n}\n").tables().get(0);
      assertThat(t.indexes()).extracting(Index::name).containsExactly("A_first_name_idx");
      assertThat(t.indexes().get(0).columns()).containsExactly(IndexColumn.of("first_name"));
    }

    @Test
    void keeps_sort_order_as_written_and_the_index_method() {
      Table t = lower("model A {\n  id Int @id\n  a String @unique(sort: Desc)\n  b String\n  j Json\n"
          + "  @@index([b(sort: Asc), a(sort: Desc)])\n  @@index([j], type: Gin)\n  @@index([b], type: Hash)\n}\n").tables().get(0);
      assertThat(t.indexes().get(0).columns())
          .containsExactly(new IndexColumn("a", false, Optional.of(SortOrder.DESC), Optional.empty()));
      assertThat(t.indexes().get(1).columns()).containsExactly(
          new IndexColumn("b", false, Optional.of(SortOrder.ASC), Optional.empty()),
          new IndexColumn("a", false, Optional.of(SortOrder.DESC), Optional.empty()));
      assertThat(t.indexes()).extracting(Index::method).containsExactly("BTREE", "BTREE", "GIN", "HASH");
    }

    @Test
    void maps_operator_classes_to_their_sql_names_and_keeps_raw_ones() {
      Table t = lower("model A {\n  id Int @id\n  j Json\n  g String\n  n Int\n  u String @db.Uuid\n"
          + "  @@index([j(ops: JsonbPathOps)], type: Gin)\n  @@index([g(ops: raw(\"gin_trgm_ops\"))], type: Gin)\n"
          + "  @@index([n(ops: Int4MinMaxMultiOps), u(ops: UuidMinMaxMultiOps)], type: Brin)\n}\n").tables().get(0);
      assertThat(t.indexes()).flatExtracting(Index::columns).extracting(c -> c.operatorClass().orElse(""))
          .containsExactly("jsonb_path_ops", "gin_trgm_ops", "int4_minmax_multi_ops", "uuid_minmax_multi_ops");
    }

    @Test
    void spells_every_builtin_operator_class_as_postgres_does() {
      assertThat(OperatorClassNames.sqlName("JsonbOps")).isEqualTo("jsonb_ops");
      assertThat(OperatorClassNames.sqlName("ArrayOps")).isEqualTo("array_ops");
      assertThat(OperatorClassNames.sqlName("InetOps")).isEqualTo("inet_ops");
      assertThat(OperatorClassNames.sqlName("TextOps")).isEqualTo("text_ops");
      assertThat(OperatorClassNames.sqlName("InetInclusionOps")).isEqualTo("inet_inclusion_ops");
      assertThat(OperatorClassNames.sqlName("TimestampTzMinMaxOps")).isEqualTo("timestamptz_minmax_ops");
      assertThat(OperatorClassNames.sqlName("TimeTzBloomOps")).isEqualTo("timetz_bloom_ops");
      assertThat(OperatorClassNames.sqlName("BpcharBloomOps")).isEqualTo("bpchar_bloom_ops");
      assertThat(OperatorClassNames.sqlName("VarBitMinMaxOps")).isEqualTo("varbit_minmax_ops");
      assertThat(OperatorClassNames.sqlName("Float8MinMaxMultiOps")).isEqualTo("float8_minmax_multi_ops");
    }

    @Test
    void lowers_partial_index_predicates() {
      Table t = lowerSchema("generator c {\n  provider = \"prisma-client\"\n  previewFeatures = [\"partialIndexes\"]\n}\n\n"
          + LoweringTesting.DATASOURCE + "model A {\n  id Int @id\n  a String\n  x String @map(\"ex\")\n  d Boolean\n  n Int?\n"
          + "  @@index([a], where: raw(\"a <> 'x'\"))\n"
          + "  @@index([d], where: { x: \"it's\", d: true, n: null, a: { not: null } })\n"
          + "  @@unique([a], where: { n: { not: 3 } })\n}\n").tables().get(0);
      assertThat(t.indexes()).extracting(i -> i.predicate().orElse("")).containsExactly(
          "a <> 'x'",
          "\"ex\" = 'it''s' AND \"d\" = true AND \"n\" IS NULL AND \"a\" IS NOT NULL",
          "\"n\" != 3");
    }

    @Test
    void truncates_derived_names_to_63_bytes_on_character_boundaries() {
      String table = "é".repeat(40);
      Table t = lower("model A {\n  id Int @id\n  x Int @unique\n  @@index([x])\n  @@map(\"" + table + "\")\n}\n").tables().get(0);
      assertThat(t.primaryKey().orElseThrow().name()).isEqualTo("é".repeat(29) + "_pkey");
      assertThat(t.indexes()).extracting(Index::name).containsExactly("é".repeat(29) + "_key", "é".repeat(29) + "_idx");
    }
  }

  @Nested
  class ForeignKeys {
    @Test
    void derives_names_and_prismas_default_actions() {
      DatabaseSchema s = lower("model User {\n  id Int @id\n  posts Post[]\n  edits Post[] @relation(\"editor\")\n}\n\n"
          + "model Post {\n  id Int @id\n  author User @relation(fields: [authorId], references: [id])\n  authorId Int\n"
          + "  editor User? @relation(\"editor\", fields: [editorId], references: [id])\n  editorId Int? @map(\"editor_id\")\n}\n");
      assertThat(table(s, "Post").foreignKeys()).containsExactly(
          new ForeignKey("Post_authorId_fkey", List.of("authorId"), "public", "User", List.of("id"),
              ReferentialAction.RESTRICT, ReferentialAction.CASCADE),
          new ForeignKey("Post_editor_id_fkey", List.of("editor_id"), "public", "User", List.of("id"),
              ReferentialAction.SET_NULL, ReferentialAction.CASCADE));
      assertThat(table(s, "User").foreignKeys()).isEmpty();
    }

    @Test
    void honours_map_and_written_actions_and_mapped_referenced_names() {
      DatabaseSchema s = lower("model User {\n  uid String @id @map(\"user_id\")\n  profile Profile?\n  @@map(\"users\")\n}\n\n"
          + "model Profile {\n  id Int @id\n  userId String @unique\n"
          + "  user User @relation(fields: [userId], references: [uid], onDelete: Cascade, onUpdate: NoAction, map: \"prof_fk\")\n}\n");
      assertThat(table(s, "Profile").foreignKeys()).containsExactly(
          new ForeignKey("prof_fk", List.of("userId"), "public", "users", List.of("user_id"),
              ReferentialAction.CASCADE, ReferentialAction.NO_ACTION));
    }

    @Test
    void restrict_is_the_default_when_any_compound_field_is_required() {
      DatabaseSchema s = lower("model A {\n  x Int\n  y Int\n  bs B[]\n  @@id([x, y])\n}\n\n"
          + "model B {\n  id Int @id\n  ax Int?\n  ay Int\n  a A? @relation(fields: [ax, ay], references: [x, y])\n}\n");
      ForeignKey fk = table(s, "B").foreignKeys().get(0);
      assertThat(fk.name()).isEqualTo("B_ax_ay_fkey");
      assertThat(fk.onDelete()).isEqualTo(ReferentialAction.RESTRICT);
      assertThat(fk.referencedColumns()).containsExactly("x", "y");
    }

    @Test
    void orders_foreign_keys_by_field() {
      DatabaseSchema s = lower("model U {\n  id Int @id\n  a P[] @relation(\"a\")\n  b P[] @relation(\"b\")\n}\n\n"
          + "model P {\n  id Int @id\n  bId Int\n  aId Int\n  b U @relation(\"b\", fields: [bId], references: [id])\n"
          + "  a U @relation(\"a\", fields: [aId], references: [id])\n}\n");
      assertThat(table(s, "P").foreignKeys()).extracting(ForeignKey::name).containsExactly("P_bId_fkey", "P_aId_fkey");
    }

    @Test
    void creates_no_foreign_key_to_a_view() {
      DatabaseSchema s = lowerSchema("generator c {\n  provider = \"prisma-client\"\n  previewFeatures = [\"views\"]\n}\n\n"
          + LoweringTesting.DATASOURCE + "model A {\n  id Int @id\n  vId Int\n  v V @relation(fields: [vId], references: [id])\n}\n\n"
          + "view V {\n  id Int @unique\n  as A[]\n}\n");
      assertThat(table(s, "A").foreignKeys()).isEmpty();
    }

    @Test
    void keeps_foreign_keys_of_ignored_models() {
      DatabaseSchema s = lower("model A {\n  id Int @id\n  bs B[] @ignore\n}\n\n"
          + "model B {\n  id Int @id\n  aId Int\n  a A @relation(fields: [aId], references: [id])\n  @@ignore\n}\n");
      assertThat(table(s, "B").foreignKeys()).extracting(ForeignKey::name).containsExactly("B_aId_fkey");
    }

    @Test
    void creates_no_foreign_keys_with_relation_mode_prisma() {
      DatabaseSchema s = lowerSchema("datasource db {\n  provider = \"postgresql\"\n  relationMode = \"prisma\"\n}\n\n"
          + "model A {\n  id Int @id\n  bs B[]\n  tags T[]\n}\n\nmodel B {\n  id Int @id\n  aId Int\n"
          + "  a A @relation(fields: [aId], references: [id])\n  @@index([aId])\n}\n\nmodel T {\n  id Int @id\n  as A[]\n}\n");
      assertThat(s.tables()).allSatisfy(t -> assertThat(t.foreignKeys()).isEmpty());
      assertThat(s.tables()).extracting(Table::name).containsExactly("A", "B", "T", "_AToT");
    }
  }

  @Nested
  class ManyToMany {
    @Test
    void creates_join_tables_after_the_model_tables() {
      DatabaseSchema s = lower("model Tag {\n  id String @id @db.Uuid\n  users User[]\n}\n\n"
          + "model User {\n  id Int @id @default(autoincrement())\n  tags Tag[]\n}\n");
      assertThat(s.tables()).extracting(Table::name).containsExactly("Tag", "User", "_TagToUser");
      Table join = table(s, "_TagToUser");
      assertThat(join.columns()).containsExactly(
          new Column("A", ColumnType.builtin("UUID"), false, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty()),
          new Column("B", ColumnType.builtin("INTEGER"), false, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty()));
      assertThat(join.primaryKey()).contains(new PrimaryKey("_TagToUser_AB_pkey", List.of("A", "B")));
      assertThat(join.indexes()).containsExactly(
          new Index("_TagToUser_B_index", false, List.of(IndexColumn.of("B")), "BTREE", Optional.empty(), false));
      assertThat(join.foreignKeys()).containsExactly(
          new ForeignKey("_TagToUser_A_fkey", List.of("A"), "public", "Tag", List.of("id"), ReferentialAction.CASCADE, ReferentialAction.CASCADE),
          new ForeignKey("_TagToUser_B_fkey", List.of("B"), "public", "User", List.of("id"), ReferentialAction.CASCADE, ReferentialAction.CASCADE));
    }

    @Test
    void names_by_byte_order_of_model_names_or_the_explicit_name_and_orders_by_the_a_side() {
      DatabaseSchema s = lower("model Comment {\n  id Int @id\n  tags Tag[]\n}\n\n"
          + "model User {\n  uid String @id @map(\"user_id\") @db.VarChar(30)\n  friends User[] @relation(\"friends\")\n"
          + "  friendOf User[] @relation(\"friends\")\n  tags Tag[] @relation(\"fav\")\n  posts Post[]\n}\n\n"
          + "model Post {\n  id Int @id\n  users User[]\n  tags Tag[]\n}\n\n"
          + "model Tag {\n  name String @id\n  comments Comment[]\n  posts Post[]\n  favBy User[] @relation(\"fav\")\n}\n\n"
          + "model apple {\n  id Int @id\n  bs Banana[]\n}\n\nmodel Banana {\n  id Int @id\n  apples apple[]\n}\n");
      assertThat(s.tables()).extracting(Table::name).containsExactly(
          "Comment", "User", "Post", "Tag", "apple", "Banana",
          "_CommentToTag", "_friends", "_PostToUser", "_PostToTag", "_fav", "_BananaToapple");
      Table fav = table(s, "_fav");
      assertThat(fav.columns()).extracting(Column::type).containsExactly(ColumnType.builtin("TEXT"), ColumnType.builtin("VARCHAR", 30));
      assertThat(fav.foreignKeys()).extracting(ForeignKey::referencedTable).containsExactly("Tag", "User");
      assertThat(table(s, "_friends").foreignKeys()).extracting(ForeignKey::referencedColumns)
          .containsExactly(List.of("user_id"), List.of("user_id"));
    }

    @Test
    void lives_in_the_schema_of_model_a() {
      DatabaseSchema s = lowerSchema("datasource db {\n  provider = \"postgresql\"\n  schemas = [\"veggies\", \"roots\"]\n}\n\n"
          + "model zoodles {\n  id Int @id\n  shiratakies shirataki[]\n  @@schema(\"veggies\")\n}\n\n"
          + "model shirataki {\n  id Int @id\n  zoodles zoodles[]\n  @@schema(\"roots\")\n}\n");
      Table join = table(s, "_shiratakiTozoodles");
      assertThat(join.schema()).isEqualTo("roots");
      assertThat(join.foreignKeys()).extracting(ForeignKey::referencedSchema, ForeignKey::referencedTable)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("roots", "shirataki"), org.assertj.core.groups.Tuple.tuple("veggies", "zoodles"));
    }

    @Test
    void truncates_long_join_table_names_as_prisma_does() {
      String name = "abcdefghijklmnopqrstuvwxyz".repeat(3);
      DatabaseSchema s = lower("model A {\n  id Int @id\n  bs B[] @relation(\"" + name + "\")\n}\n\n"
          + "model B {\n  id Int @id\n  as A[] @relation(\"" + name + "\")\n}\n");
      Table join = s.tables().get(2);
      String full = "_" + name;
      assertThat(join.name()).isEqualTo(full.substring(0, 63));
      assertThat(join.primaryKey().orElseThrow().name()).isEqualTo(full.substring(0, 55) + "_AB_pkey");
      assertThat(join.indexes().get(0).name()).isEqualTo(full.substring(0, 55) + "_B_index");
      assertThat(join.foreignKeys()).extracting(ForeignKey::name)
          .containsExactly(full.substring(0, 56) + "_A_fkey", full.substring(0, 56) + "_B_fkey");
    }
  }

  @Nested
  class EnumsAndExtensions {
    @Test
    void lowers_enums_in_schema_order_with_mapped_names() {
      DatabaseSchema s = lower("enum Z {\n  B\n  A\n}\n\nenum Ripeness {\n  NOT_RIPE @map(\"not_ripe\")\n  @@map(\"ripeness\")\n}\n");
      assertThat(s.enums()).containsExactly(
          new EnumType("public", "Z", List.of("B", "A")), new EnumType("public", "ripeness", List.of("not_ripe")));
    }

    @Test
    void lowers_datasource_extensions() {
      DatabaseSchema s = lowerSchema("generator c {\n  provider = \"prisma-client\"\n  previewFeatures = [\"postgresqlExtensions\"]\n}\n\n"
          + "datasource db {\n  provider = \"postgresql\"\n"
          + "  extensions = [pg_trgm, postgis(schema: \"ext\", version: \"3.1\"), uuidOssp(map: \"uuid-ossp\")]\n}\n");
      assertThat(s.extensions()).containsExactly(
          new Extension("pg_trgm", Optional.empty(), Optional.empty()),
          new Extension("postgis", Optional.of("ext"), Optional.of("3.1")),
          new Extension("uuid-ossp", Optional.empty(), Optional.empty()));
    }
  }
}
