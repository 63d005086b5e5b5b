package dev.strata.prisma.pull;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostics;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.parse.PrismaParser;
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
import dev.strata.schema.Table;
import dev.strata.schema.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Prisma's introspection rules one by one, on hand-built IR; every rendered schema must validate. */
class PrismaIntrospectionTest {

  // ---------------------------------------------------------------- IR builders

  static Column col(String name, ColumnType type, boolean nullable) {
    return new Column(name, type, nullable, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty());
  }

  static Column serial(String name) {
    return new Column(name, ColumnType.builtin("INTEGER"), false, Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty());
  }

  static Column withDefault(Column c, DefaultValue d) {
    return c.withDefault(Optional.of(d));
  }

  static Table table(String name, List<Column> columns, String... pk) {
    Optional<PrimaryKey> key = pk.length == 0 ? Optional.empty() : Optional.of(new PrimaryKey(name + "_pkey", Arrays.asList(pk)));
    return new Table("public", name, columns, key, List.of(), List.of(), List.of(), Optional.empty());
  }

  static Index index(String name, boolean unique, String... columns) {
    return new Index(name, unique, Arrays.stream(columns).map(IndexColumn::of).toList(), "BTREE", Optional.empty(), false);
  }

  static ForeignKey fk(String name, List<String> columns, String table, List<String> refs, ReferentialAction onDelete, ReferentialAction onUpdate) {
    return new ForeignKey(name, columns, "public", table, refs, onDelete, onUpdate);
  }

  static DatabaseSchema db(List<Table> tables, EnumType... enums) {
    return new DatabaseSchema("public", Set.of(), tables, List.of(enums), List.of(), List.of(), List.of());
  }

  static PrismaSchema schema(String text) {
    return PrismaParser.parse(List.of(new SourceFile("schema.prisma", text)), new Diagnostics());
  }

  static final String CONFIG = "datasource db {\n  provider = \"postgresql\"\n}\n";

  /** Renders from the bare datasource and checks that the result validates without errors. */
  static PullResult pull(DatabaseSchema db) {
    return pull(db, CONFIG);
  }

  static PullResult pull(DatabaseSchema db, String existing) {
    return pull(db, existing, PullOptions.defaults());
  }

  static PullResult pull(DatabaseSchema db, String existing, PullOptions options) {
    PullResult result = PrismaIntrospection.render(db, Optional.of(schema(existing)), options);
    List<SourceFile> files = new ArrayList<>();
    result.files().forEach((p, t) -> files.add(new SourceFile(p, t)));
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(files);
    assertThat(checked.hasErrors()).as("rendered schema validates:\n" + result.text() + "\n" + checked.diagnostics()).isFalse();
    assertThat(PrismaFrontEnd.format(checked.schema())).as("stable under formatting").isEqualTo(result.files());
    return result;
  }

  static String body(PullResult result) {
    String text = result.text();
    return text.substring(text.indexOf("}\n") + 2).strip() + "\n";
  }

  // ---------------------------------------------------------------- models and fields

  @Test
  void keeps_table_names_as_they_are_and_orders_models_by_table_name() {
    PullResult r = pull(db(List.of(table("zebra", List.of(serial("id")), "id"), table("Apple", List.of(serial("id")), "id"))));
    assertThat(body(r)).isEqualTo("""
        model Apple {
          id Int @id @default(autoincrement())
        }

        model zebra {
          id Int @id @default(autoincrement())
        }
        """);
  }

  @Test
  void sanitises_invalid_table_and_column_names_with_map() {
    Table t = table("my-table", List.of(col("1col", ColumnType.builtin("INTEGER"), false), col("col name", ColumnType.builtin("TEXT"), true)), "1col");
    t = t.withPrimaryKey(Optional.of(new PrimaryKey("my-table_pkey", List.of("1col"))));
    assertThat(body(pull(db(List.of(t))))).isEqualTo("""
        model my_table {
          col      Int     @id @map("1col")
          col_name String? @map("col name")

          @@map("my-table")
        }
        """);
  }

  @Test
  void renames_reserved_model_names_with_a_documentation_comment() {
    assertThat(body(pull(db(List.of(table("PrismaClient", List.of(serial("id")), "id")))))).isEqualTo("""
        /// This model has been renamed to 'RenamedPrismaClient' during introspection, because the original name 'PrismaClient' is reserved.
        model RenamedPrismaClient {
          id Int @id @default(autoincrement())

          @@map("PrismaClient")
        }
        """);
  }

  @Test
  void maps_types_to_scalars_with_native_types_only_when_not_the_default() {
    Table t = table("T", List.of(
        serial("id"),
        col("a", ColumnType.builtin("VARCHAR", 255), false),
        col("b", ColumnType.builtin("TIMESTAMP", 3), false),
        col("c", ColumnType.builtin("TIMESTAMP", 6), false),
        col("d", ColumnType.builtin("TIMESTAMP"), true),
        col("e", ColumnType.builtin("DECIMAL", 65, 30), false),
        col("f", ColumnType.builtin("DECIMAL", 10, 2), false),
        col("g", ColumnType.builtin("JSON"), false),
        col("h", ColumnType.builtin("JSONB"), false),
        col("i", ColumnType.builtin("SMALLINT"), false),
        col("j", ColumnType.builtin("UUID"), false),
        col("k", ColumnType.builtin("TEXT").asArray(), true),
        col("l", ColumnType.unsupported("tsvector"), true),
        col("m", ColumnType.builtin("DOUBLE PRECISION"), false),
        col("n", ColumnType.builtin("BYTEA"), false)), "id");
    PullResult r = pull(db(List.of(t)));
    assertThat(body(r)).isEqualTo("""
        model T {
          id Int                      @id @default(autoincrement())
          a  String                   @db.VarChar(255)
          b  DateTime
          c  DateTime                 @db.Timestamp(6)
          d  DateTime?                @db.Timestamp(6)
          e  Decimal
          f  Decimal                  @db.Decimal(10, 2)
          g  Json                     @db.Json
          h  Json
          i  Int                      @db.SmallInt
          j  String                   @db.Uuid
          k  String[]
          l  Unsupported("tsvector")?
          m  Float
          n  Bytes
        }
        """);
    assertThat(r.warnings()).extracting(PullWarning::message).containsExactly(Warnings.UNSUPPORTED_TYPE);
    assertThat(r.warnings().get(0).affected()).containsExactly("Model: \"T\", field: \"l\", original data type: \"tsvector\"");
  }

  @Test
  void renders_defaults_as_prisma_writes_them() {
    EnumType mood = new EnumType("public", "Mood", List.of("HAPPY", "sad"));
    Table t = table("D", List.of(
        new Column("id", ColumnType.builtin("BIGINT"), false, Optional.empty(), false, Optional.of(Column.Identity.ALWAYS), Optional.empty(), Optional.empty()),
        withDefault(col("a", ColumnType.builtin("TEXT"), false), new DefaultValue.Literal(LiteralKind.STRING, "a \" b\\c")),
        withDefault(col("b", ColumnType.builtin("INTEGER"), true), new DefaultValue.Literal(LiteralKind.NUMBER, "42")),
        withDefault(col("c", ColumnType.builtin("BOOLEAN"), true), new DefaultValue.Literal(LiteralKind.BOOLEAN, "true")),
        withDefault(col("d", ColumnType.builtin("TIMESTAMP", 3), true), new DefaultValue.Now()),
        withDefault(col("e", ColumnType.builtin("UUID"), true), new DefaultValue.Expression("gen_random_uuid()")),
        withDefault(col("f", ColumnType.builtin("JSONB"), true), new DefaultValue.Literal(LiteralKind.JSON, "{}")),
        withDefault(col("g", ColumnType.builtin("BYTEA"), true), new DefaultValue.Literal(LiteralKind.BYTES, "\\x68656c6c6f")),
        withDefault(col("h", ColumnType.enumRef("public", "Mood"), true), new DefaultValue.Literal(LiteralKind.ENUM_VALUE, "sad")),
        withDefault(col("i", ColumnType.builtin("TEXT").asArray(), true), new DefaultValue.ListLiteral(List.of(
            new DefaultValue.Literal(LiteralKind.STRING, "a"), new DefaultValue.Literal(LiteralKind.STRING, "b")))),
        withDefault(col("j", ColumnType.builtin("TIMESTAMP"), true), new DefaultValue.Literal(LiteralKind.DATETIME, "2020-01-01 10:00:00"))), "id");
    assertThat(body(pull(db(List.of(t), mood)))).isEqualTo("""
        model D {
          id BigInt    @id @default(autoincrement())
          a  String    @default("a \\" b\\\\c")
          b  Int?      @default(42)
          c  Boolean?  @default(true)
          d  DateTime? @default(now())
          e  String?   @default(dbgenerated("gen_random_uuid()")) @db.Uuid
          f  Json?     @default("{}")
          g  Bytes?    @default("aGVsbG8=")
          h  Mood?     @default(sad)
          i  String[]  @default(["a", "b"])
          j  DateTime? @default(dbgenerated("'2020-01-01 10:00:00'::timestamp without time zone")) @db.Timestamp(6)
        }

        enum Mood {
          HAPPY
          sad
        }
        """);
  }

  @Test
  void shows_generated_columns_as_dbgenerated_defaults_and_keeps_ignore_after_map() {
    Table t = table("g", List.of(
        col("id", ColumnType.builtin("INTEGER"), false),
        new Column("c", ColumnType.builtin("INTEGER"), true, Optional.empty(), false, Optional.empty(), Optional.of("(b * 2)"), Optional.empty()),
        col("n", ColumnType.builtin("TEXT"), true)), "id");
    String existing = CONFIG + "\nmodel g {\n  id Int @id\n  nm String? @ignore @map(\"n\")\n}\n";
    assertThat(body(pull(db(List.of(t)), existing))).isEqualTo("""
        model g {
          id Int     @id
          c  Int?    @default(dbgenerated("(b * 2)"))
          nm String? @map("n") @ignore
        }
        """);
  }

  @Test
  void sanitises_enum_values_and_names_the_empty_value() {
    EnumType e = new EnumType("public", "E", List.of("with space", "", "ok"));
    assertThat(body(pull(db(List.of(), e)))).isEqualTo("""
        enum E {
          with_space       @map("with space")
          EMPTY_ENUM_VALUE @map("")
          ok
        }
        """);
  }

  // ---------------------------------------------------------------- keys and indexes

  static final String PARTIAL_CONFIG = CONFIG + "\ngenerator client {\n  provider        = \"prisma-client\"\n  previewFeatures = [\"partialIndexes\"]\n}\n";

  @Test
  void renders_compound_keys_unique_constraints_and_indexes_with_map_only_for_custom_names() {
    Table t = new Table("public", "T",
        List.of(col("a", ColumnType.builtin("INTEGER"), false), col("b", ColumnType.builtin("TEXT"), false), col("c", ColumnType.builtin("INTEGER"), false)),
        Optional.of(new PrimaryKey("T_pkey", List.of("a", "b"))),
        List.of(
            index("T_c_idx", false, "c"),
            index("custom_uq", true, "c", "a"),
            index("T_b_c_key", true, "b", "c"),
            new Index("other_idx", false, List.of(new IndexColumn("c", false, Optional.of(IndexColumn.SortOrder.DESC), Optional.empty()), IndexColumn.of("b")), "BTREE", Optional.empty(), false),
            new Index("gin_idx", false, List.of(new IndexColumn("b", false, Optional.empty(), Optional.of("gin_trgm_ops"))), "GIN", Optional.empty(), false),
            new Index("partial_idx", false, List.of(IndexColumn.of("a")), "BTREE", Optional.of("a > 3"), false),
            index("T_c_key", true, "c")),
        List.of(), List.of(), Optional.empty());
    String text = pull(db(List.of(t)), PARTIAL_CONFIG).text();
    assertThat(text.substring(text.indexOf("model T"))).isEqualTo("""
        model T {
          a Int
          b String
          c Int    @unique

          @@id([a, b])
          @@unique([b, c])
          @@unique([c, a], map: "custom_uq")
          @@index([c])
          @@index([b(ops: raw("gin_trgm_ops"))], map: "gin_idx", type: Gin)
          @@index([c(sort: Desc), b], map: "other_idx")
          @@index([a], map: "partial_idx", where: raw("(a > 3)"))
        }
        """);
  }

  @Test
  void leaves_partial_indexes_out_without_the_preview_feature_and_warns() {
    Table t = new Table("public", "T", List.of(col("a", ColumnType.builtin("INTEGER"), false)),
        Optional.of(new PrimaryKey("T_pkey", List.of("a"))),
        List.of(new Index("partial_idx", false, List.of(IndexColumn.of("a")), "BTREE", Optional.of("a > 3"), false)),
        List.of(), List.of(), Optional.empty());
    PullResult r = pull(db(List.of(t)));
    assertThat(body(r)).doesNotContain("@@index");
    assertThat(r.warnings()).extracting(PullWarning::message).containsExactly(Warnings.PARTIAL_INDEXES);
  }

  @Test
  void takes_the_first_of_several_unique_indexes_on_one_column() {
    Table t = new Table("public", "m", List.of(col("id", ColumnType.builtin("UUID"), false), col("f", ColumnType.builtin("TEXT"), true)),
        Optional.of(new PrimaryKey("m_pkey", List.of("id"))),
        List.of(index("unq2", true, "f"), index("unq3", true, "f"), index("unq1", true, "f")),
        List.of(), List.of(), Optional.empty());
    assertThat(body(pull(db(List.of(t))))).contains("f  String? @unique(map: \"unq1\")");
  }

  @Test
  void ignores_tables_without_a_usable_identifier_and_warns() {
    Table t = table("nopk", List.of(col("a", ColumnType.builtin("INTEGER"), true)));
    PullResult r = pull(db(List.of(t)));
    assertThat(body(r)).isEqualTo("""
        /// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.
        model nopk {
          a Int?

          @@ignore
        }
        """);
    assertThat(r.warnings()).containsExactly(new PullWarning("PULL02", Warnings.NO_UNIQUE_IDENTIFIER, List.of("\"nopk\"")));
    assertThat(r.warningText()).startsWith("// *** WARNING ***\n// \n// The following models were ignored");
  }

  @Test
  void documents_check_constraints_on_new_models() {
    Table t = new Table("public", "C", List.of(col("id", ColumnType.builtin("INTEGER"), false)),
        Optional.of(new PrimaryKey("C_pkey", List.of("id"))), List.of(), List.of(), List.of(new CheckConstraint("positive", "(id > 0)")), Optional.empty());
    PullResult r = pull(db(List.of(t)));
    assertThat(body(r)).startsWith("/// This table contains check constraints");
    assertThat(r.warnings().get(0).affected()).containsExactly("Model: \"C\", constraint: \"positive\"");
  }

  // ---------------------------------------------------------------- relations

  static Table user() {
    return new Table("public", "User",
        List.of(serial("id"), col("email", ColumnType.builtin("TEXT"), false), col("bestFriendId", ColumnType.builtin("INTEGER"), true)),
        Optional.of(new PrimaryKey("User_pkey", List.of("id"))),
        List.of(index("User_email_key", true, "email")),
        List.of(fk("User_bestFriendId_fkey", List.of("bestFriendId"), "User", List.of("id"), ReferentialAction.SET_NULL, ReferentialAction.CASCADE)),
        List.of(), Optional.empty());
  }

  static Table post() {
    return new Table("public", "Post",
        List.of(serial("id"), col("authorId", ColumnType.builtin("INTEGER"), false), col("editorId", ColumnType.builtin("INTEGER"), true)),
        Optional.of(new PrimaryKey("Post_pkey", List.of("id"))),
        List.of(),
        List.of(
            fk("Post_authorId_fkey", List.of("authorId"), "User", List.of("id"), ReferentialAction.CASCADE, ReferentialAction.NO_ACTION),
            fk("Post_editorId_fkey", List.of("editorId"), "User", List.of("id"), ReferentialAction.SET_NULL, ReferentialAction.CASCADE)),
        List.of(), Optional.empty());
  }

  @Test
  void names_ambiguous_relations_after_their_columns_and_self_relations_with_other() {
    assertThat(body(pull(db(List.of(user(), post()))))).isEqualTo("""
        model Post {
          id                       Int   @id @default(autoincrement())
          authorId                 Int
          editorId                 Int?
          User_Post_authorIdToUser User  @relation("Post_authorIdToUser", fields: [authorId], references: [id], onDelete: Cascade, onUpdate: NoAction)
          User_Post_editorIdToUser User? @relation("Post_editorIdToUser", fields: [editorId], references: [id])
        }

        model User {
          id                       Int    @id @default(autoincrement())
          email                    String @unique
          bestFriendId             Int?
          Post_Post_authorIdToUser Post[] @relation("Post_authorIdToUser")
          Post_Post_editorIdToUser Post[] @relation("Post_editorIdToUser")
          User                     User?  @relation("UserToUser", fields: [bestFriendId], references: [id])
          other_User               User[] @relation("UserToUser")
        }
        """);
  }

  @Test
  void makes_one_to_one_relations_when_the_foreign_key_columns_are_unique_and_maps_custom_fk_names() {
    Table profile = new Table("public", "Profile",
        List.of(serial("id"), col("userId", ColumnType.builtin("INTEGER"), false)),
        Optional.of(new PrimaryKey("Profile_pkey", List.of("id"))),
        List.of(index("Profile_userId_key", true, "userId")),
        List.of(fk("weird_fk", List.of("userId"), "User", List.of("id"), ReferentialAction.RESTRICT, ReferentialAction.RESTRICT)),
        List.of(), Optional.empty());
    Table u = table("User", List.of(serial("id")), "id");
    assertThat(body(pull(db(List.of(profile, u))))).isEqualTo("""
        model Profile {
          id     Int  @id @default(autoincrement())
          userId Int  @unique
          User   User @relation(fields: [userId], references: [id], onUpdate: Restrict, map: "weird_fk")
        }

        model User {
          id      Int      @id @default(autoincrement())
          Profile Profile?
        }
        """);
  }

  static Table joinTable(String name, String a, String b) {
    return new Table("public", name,
        List.of(col("A", ColumnType.builtin("INTEGER"), false), col("B", ColumnType.builtin("INTEGER"), false)),
        Optional.of(new PrimaryKey(name + "_AB_pkey", List.of("A", "B"))),
        List.of(index(name + "_B_index", false, "B")),
        List.of(fk(name + "_A_fkey", List.of("A"), a, List.of("id"), ReferentialAction.CASCADE, ReferentialAction.CASCADE),
            fk(name + "_B_fkey", List.of("B"), b, List.of("id"), ReferentialAction.CASCADE, ReferentialAction.CASCADE)),
        List.of(), Optional.empty());
  }

  @Test
  void marks_relation_fields_to_models_without_identifier_with_ignore() {
    Table u = table("User", List.of(serial("id")), "id");
    Table nopk = new Table("public", "nopk", List.of(col("userId", ColumnType.builtin("INTEGER"), true)), Optional.empty(), List.of(),
        List.of(fk("nopk_userId_fkey", List.of("userId"), "User", List.of("id"), ReferentialAction.NO_ACTION, ReferentialAction.NO_ACTION)),
        List.of(), Optional.empty());
    assertThat(body(pull(db(List.of(u, nopk))))).isEqualTo("""
        model User {
          id   Int    @id @default(autoincrement())
          nopk nopk[] @ignore
        }

        /// The underlying table does not contain a valid unique identifier and can therefore currently not be handled by Prisma Client.
        model nopk {
          userId Int?
          User   User? @relation(fields: [userId], references: [id], onDelete: NoAction, onUpdate: NoAction)

          @@ignore
        }
        """);
  }

  @Test
  void keeps_the_existing_relation_name_of_an_implicit_many_to_many_even_when_generated() {
    DatabaseSchema db = db(List.of(table("Post", List.of(serial("id")), "id"), table("Tag", List.of(serial("id")), "id"), joinTable("_PostToTag", "Post", "Tag")));
    String existing = CONFIG + "\nmodel Tag {\n  id Int @id @default(autoincrement())\n  posts Post[]\n}\n\nmodel Post {\n  id Int @id @default(autoincrement())\n  tags Tag[]\n}\n";
    assertThat(body(pull(db, existing))).isEqualTo("""
        model Tag {
          id    Int    @id @default(autoincrement())
          posts Post[] @relation("PostToTag")
        }

        model Post {
          id   Int   @id @default(autoincrement())
          tags Tag[] @relation("PostToTag")
        }
        """);
  }

  @Test
  void turns_implicit_many_to_many_join_tables_back_into_list_fields() {
    DatabaseSchema db = db(List.of(table("Post", List.of(serial("id")), "id"), table("Tag", List.of(serial("id")), "id"), joinTable("_PostToTag", "Post", "Tag")));
    assertThat(body(pull(db))).isEqualTo("""
        model Post {
          id  Int   @id @default(autoincrement())
          Tag Tag[]
        }

        model Tag {
          id   Int    @id @default(autoincrement())
          Post Post[]
        }
        """);
  }

  @Test
  void names_self_many_to_many_fields_with_a_and_b_suffixes() {
    DatabaseSchema db = db(List.of(table("User", List.of(serial("id")), "id"), joinTable("_Friendship", "User", "User"), joinTable("_Frenemyship", "User", "User")));
    assertThat(body(pull(db))).isEqualTo("""
        model User {
          id                 Int    @id @default(autoincrement())
          User_Frenemyship_A User[] @relation("Frenemyship")
          User_Frenemyship_B User[] @relation("Frenemyship")
          User_Friendship_A  User[] @relation("Friendship")
          User_Friendship_B  User[] @relation("Friendship")
        }
        """);
  }

  @Test
  void keeps_a_table_that_only_looks_like_a_join_table_as_a_model() {
    Table notJoin = joinTable("_PostToTag", "Post", "Tag").withIndexes(List.of());
    DatabaseSchema db = db(List.of(table("Post", List.of(serial("id")), "id"), table("Tag", List.of(serial("id")), "id"), notJoin));
    assertThat(body(pull(db))).contains("model PostToTag {").contains("@@map(\"_PostToTag\")");
  }

  // ---------------------------------------------------------------- multiSchema

  static final String VIEWS_CONFIG = CONFIG + "\ngenerator client {\n  provider        = \"prisma-client-js\"\n  previewFeatures = [\"views\"]\n}\n";

  @Test
  void renders_views_from_their_columns_with_the_views_preview_feature_as_prisma_7() {
    // Prisma 7.10's db pull of the same database (checked with the prisma-oracle) renders exactly these blocks.
    Table users = table("users", List.of(serial("id"), col("email", ColumnType.builtin("TEXT"), false)), "id");
    View active = new View("public", "active_users", "SELECT …", List.of(
        col("id", ColumnType.builtin("INTEGER"), true),
        col("score", ColumnType.builtin("DECIMAL", 10, 2), true),
        col("tags", ColumnType.builtin("TEXT").asArray(), true),
        col("at", ColumnType.builtin("TIMESTAMPTZ", 6), true),
        col("n", ColumnType.builtin("BIGINT"), true),
        col("weird name", ColumnType.builtin("TEXT"), true)));
    View counts = new View("public", "1counts", "SELECT …", List.of(col("n", ColumnType.builtin("BIGINT"), true)));
    DatabaseSchema database = new DatabaseSchema("public", Set.of(), List.of(users), List.of(), List.of(), List.of(),
        List.of(active, counts));
    String text = pull(database, VIEWS_CONFIG).text();
    assertThat(text).contains("""
        view active_users {
          id         Int?
          score      Decimal?  @db.Decimal(10, 2)
          tags       String[]
          at         DateTime? @db.Timestamptz(6)
          n          BigInt?
          weird_name String?   @map("weird name")
        }
        """);
    assertThat(text).contains("view counts {\n  n BigInt?\n\n  @@map(\"1counts\")\n}\n");
    assertThat(pull(database).text()).as("without the preview feature views are left out, as in Prisma").doesNotContain("view ");
  }

  @Test
  void prefixes_duplicate_names_across_schemas_with_their_schema() {
    Table a = new Table("a", "User", List.of(col("id", ColumnType.builtin("INTEGER"), false)), Optional.of(new PrimaryKey("User_pkey", List.of("id"))), List.of(), List.of(), List.of(), Optional.empty());
    Table b = new Table("b", "User", List.of(col("id", ColumnType.builtin("INTEGER"), false)), Optional.of(new PrimaryKey("User_pkey", List.of("id"))), List.of(), List.of(), List.of(), Optional.empty());
    DatabaseSchema db = new DatabaseSchema("public", Set.of("a", "b"), List.of(b, a), List.of(), List.of(), List.of(), List.of());
    String config = "datasource db {\n  provider = \"postgresql\"\n  schemas  = [\"a\", \"b\"]\n}\n";
    PullResult r = pull(db, config);
    assertThat(body(r)).isEqualTo("""
        model a_User {
          id Int @id

          @@map("User")
          @@schema("a")
        }

        model b_User {
          id Int @id

          @@map("User")
          @@schema("b")
        }
        """);
    assertThat(r.warnings().get(0).message()).isEqualTo(Warnings.DUPLICATE_NAMES);
  }

  // ---------------------------------------------------------------- re-introspection

  static final String EXISTING = CONFIG + """

      /// Posts
      model Article {
        id      Int      @id @default(autoincrement())
        /// the author
        writer  Int      @map("authorId")
        updated DateTime @updatedAt @map("updatedAt")
        uid     String   @default(uuid())
        by      Person   @relation("Authorship", fields: [writer], references: [id], onDelete: Cascade)

        @@index([uid], map: "my_uid_idx")
        @@map("Post")
      }

      model Person {
        id       Int       @id @default(autoincrement())
        articles Article[] @relation("Authorship")

        @@map("User")
      }

      model Gone {
        id Int @id
      }
      """;

  static DatabaseSchema reintrospected() {
    Table userTable = table("User", List.of(serial("id"), col("extra", ColumnType.builtin("TEXT"), true)), "id");
    Table postTable = new Table("public", "Post",
        List.of(serial("id"), col("authorId", ColumnType.builtin("INTEGER"), false), col("updatedAt", ColumnType.builtin("TIMESTAMP", 3), false),
            col("uid", ColumnType.builtin("TEXT"), false), col("created", ColumnType.builtin("TIMESTAMP", 3), true)),
        Optional.of(new PrimaryKey("Post_pkey", List.of("id"))),
        List.of(index("Post_created_idx", false, "created"), index("my_uid_idx", false, "uid")),
        List.of(fk("Post_authorId_fkey", List.of("authorId"), "User", List.of("id"), ReferentialAction.CASCADE, ReferentialAction.CASCADE)),
        List.of(), Optional.empty());
    return db(List.of(table("Aaa", List.of(col("id", ColumnType.builtin("INTEGER"), false)), "id"), postTable, userTable));
  }

  @Test
  void keeps_existing_names_maps_documentation_and_order_and_appends_new_tables() {
    PullResult r = pull(reintrospected(), EXISTING);
    assertThat(body(r)).isEqualTo("""
        /// Posts
        model Article {
          id      Int       @id @default(autoincrement())
          /// the author
          writer  Int       @map("authorId")
          updated DateTime  @updatedAt @map("updatedAt")
          uid     String    @default(uuid())
          created DateTime?
          by      Person    @relation("Authorship", fields: [writer], references: [id], onDelete: Cascade)

          @@index([uid], map: "my_uid_idx")
          @@index([created])
          @@map("Post")
        }

        model Person {
          id       Int       @id @default(autoincrement())
          extra    String?
          articles Article[] @relation("Authorship")

          @@map("User")
        }

        model Aaa {
          id Int @id
        }
        """);
    assertThat(r.warnings()).extracting(PullWarning::message).containsExactly(Warnings.REMAPPED_FIELDS, Warnings.REMAPPED_MODELS);
  }

  @Test
  void force_renders_afresh_but_keeps_the_configuration() {
    PullResult r = pull(reintrospected(), EXISTING, PullOptions.defaults().withForce(true));
    assertThat(r.text()).startsWith(CONFIG).contains("model Post {").contains("model User {").doesNotContain("Article");
  }

  @Test
  void writes_a_datasource_when_there_is_no_existing_schema() {
    PullResult r = PrismaIntrospection.render(db(List.of(table("A", List.of(serial("id")), "id"))), Optional.empty(), PullOptions.defaults());
    assertThat(r.files()).containsOnlyKeys("schema.prisma");
    assertThat(r.text()).startsWith(CONFIG + "\nmodel A {");
  }

  @Test
  void renders_comments_as_documentation_when_asked_and_warns_about_them_always() {
    Table t = new Table("public", "Tag", List.of(new Column("id", ColumnType.builtin("INTEGER"), false, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.of("the id"))),
        Optional.of(new PrimaryKey("Tag_pkey", List.of("id"))), List.of(), List.of(), List.of(), Optional.of("Tags"));
    assertThat(body(pull(db(List.of(t))))).doesNotContain("///");
    PullResult docs = pull(db(List.of(t)), CONFIG, PullOptions.defaults().withCommentsAsDocumentation(true));
    assertThat(body(docs)).isEqualTo("""
        /// Tags
        model Tag {
          /// the id
          id Int @id
        }
        """);
    assertThat(docs.warnings().get(0).affected()).containsExactly("Type: \"model\", name: \"Tag\"", "Type: \"field\", name: \"Tag.id\"");
  }
}
