package dev.strata.prisma.validate;

import static dev.strata.prisma.validate.ValidationTesting.checkPostgres;
import static dev.strata.prisma.validate.ValidationTesting.codesAndLines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.DiagnosticRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names, types, attributes and the staging between them. Body line 1 is file line 4. */
class PrismaValidatorTest {

  @Test
  void accepts_a_typical_schema() {
    assertThat(checkPostgres("""
        enum Role {
          USER
          ADMIN @map("admin")
        }
        model User {
          id        Int      @id @default(autoincrement())
          email     String   @unique @db.VarChar(255)
          role      Role     @default(USER)
          tags      String[] @default(["a", "b"])
          createdAt DateTime @default(now()) @db.Timestamptz(6)
          updatedAt DateTime @updatedAt
          price     Decimal  @db.Decimal(10, 2)
          token     String   @default(uuid(7))
          slug      String   @default(nanoid(12))
          data      Json     @default("{}")
          raw       Unsupported("tsvector")?
          posts     Post[]
          @@index([createdAt(sort: Desc)], type: BTree)
          @@map("users")
        }
        model Post {
          id       String @id @default(cuid(2))
          authorId Int
          author   User   @relation(fields: [authorId], references: [id])
          @@index([authorId])
        }
        """)).isEmpty();
  }

  @Test
  void reports_a_trailing_comma_in_attribute_arguments_as_prisma_does() {
    // Prisma 7.10's messages (prisma validate): block attributes are named with one @ too.
    List<Diagnostic> all = checkPostgres("""
        enum Role {
          A @map("a",)
        }
        model M {
          a Int @id @default(1,)
          b Int

          @@unique([a, b], map: "x",)
        }
        """);
    assertThat(codesAndLines(all)).containsExactly("PS250@5", "PS250@8", "PS250@11");
    assertThat(all.get(1).message())
        .isEqualTo("Error parsing attribute \"@default\": Trailing commas are not valid in attribute arguments, please remove the comma.");
    assertThat(all.get(2).message()).startsWith("Error parsing attribute \"@unique\":");
  }

  @Test
  void reports_unknown_type_with_suggestion() {
    List<Diagnostic> all = checkPostgres("model User {\n  id Int @id\n}\nmodel Post {\n  id Int @id\n  owner Usr\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS204@9");
    Diagnostic d = all.get(0);
    assertThat(d.message()).isEqualTo("Type \"Usr\" is neither a built-in type, nor refers to another model, composite type, or enum.");
    assertThat(d.span().text()).isEqualTo("Usr");
    assertThat(d.label()).contains("did you mean \"User\"?");
    assertThat(new DiagnosticRenderer(false).render(d)).contains("owner Usr", "^^^ did you mean \"User\"?");
  }

  @Test
  void checks_attributes_after_a_type_error_like_prisma_7() {
    // Prisma 7 (checked with its CLI) reports both: an unknown type does not stop the attribute
    // stage, which skips only the field whose type it cannot resolve.
    List<Diagnostic> all = checkPostgres("model A {\n  id Int @id\n  b Strin @default(1)\n  c Int @default(\"x\")\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS204@6", "PS227@7");
  }

  @Test
  void reports_duplicate_blocks_fields_and_enum_values() {
    List<Diagnostic> all = checkPostgres("""
        model A {
          id Int @id
          id Int
        }
        enum A {
          X
          X
        }
        enum Empty {
        }
        """);
    assertThat(all).extracting(Diagnostic::message).containsExactly(
        "Field \"id\" is already defined on model \"A\".",
        "The enum \"A\" cannot be defined because a model with that name already exists.",
        "Value \"X\" is already defined on enum \"A\".",
        "Error validating: An enum must have at least one value.");
    assertThat(codesAndLines(all)).containsExactly("PS203@6", "PS200@8", "PS205@10", "PS206@12");
  }

  @Test
  void reports_reserved_and_badly_formed_names() {
    List<Diagnostic> all = checkPostgres("model PrismaClient {\n  id Int @id\n}\nmodel String {\n  id Int @id\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS201@4", "PS201@7");
    assertThat(all.get(1).message()).isEqualTo("\"String\" is a reserved scalar type name and cannot be used.");
  }

  @Test
  void reports_unknown_and_repeated_attributes() {
    List<Diagnostic> all = checkPostgres("model A {\n  id Int @id @id\n  b Int @nope\n  @@map(\"a\")\n  @@map(\"b\")\n  @@wat\n}\n");
    assertThat(all).extracting(Diagnostic::message).containsExactly(
        "Attribute \"@id\" can only be defined once.",
        "Attribute \"@id\" can only be defined once.",
        "Attribute not known: \"@nope\".",
        "Attribute \"@map\" can only be defined once.",
        "Attribute \"@map\" can only be defined once.",
        "Attribute not known: \"@wat\".");
  }

  @Test
  void checks_updated_at_ignore_and_id_arity() {
    List<Diagnostic> all = checkPostgres("model A {\n  id Int? @id\n  b String @updatedAt\n  c Unsupported(\"x\") @ignore\n}\n");
    assertThat(all).extracting(Diagnostic::message).containsExactly(
        "Error parsing attribute \"@id\": Fields that are marked as id must be required.",
        "Error parsing attribute \"@updatedAt\": Fields that are marked with @updatedAt must be of type DateTime.",
        "Error parsing attribute \"@ignore\": Fields of type `Unsupported` cannot take an `@ignore` attribute. They are already treated as ignored by the client due to their type.");
    assertThat(all.get(1).span().text()).isEqualTo("@updatedAt");
  }

  @Test
  void type_checks_default_values() {
    List<Diagnostic> all = checkPostgres("""
        enum E {
          A
        }
        model M {
          id Int @id
          a Int @default("x")
          b Boolean @default(1)
          c String[] @default("a")
          d E @default(B)
          e String @default(autoincrement())
          f Int @default(now())
          g String @default(uuid(5))
          h String @default(nanoid(1))
          i String @default(cuid("x"))
          j DateTime @default(now(1))
        }
        """);
    assertThat(all).extracting(Diagnostic::message).containsExactly(
        "Error parsing attribute \"@default\": Expected a Int value, but found `\"x\"`.",
        "Error parsing attribute \"@default\": Expected a Boolean value, but found `1`.",
        "Error parsing attribute \"@default\": The default value of a list field must be a list.",
        "Error parsing attribute \"@default\": The defined default value `B` is not a valid value of the enum specified for the field.",
        "Error parsing attribute \"@default\": The function `autoincrement()` cannot be used on fields of type `String`.",
        "Error parsing attribute \"@default\": The function `now()` cannot be used on fields of type `Int`.",
        "Error parsing attribute \"@default\": `uuid()` takes either no argument, or a single integer argument which is either 4 or 7.",
        "Error parsing attribute \"@default\": `nanoid()` takes either no argument, or a single integer argument between 2 and 255.",
        "Error parsing attribute \"@default\": `cuid()` takes a single Int argument.",
        "Error parsing attribute \"@default\": The `now` function does not take any argument. Consider changing this default to `now()`.");
    assertThat(codesAndLines(all).get(0)).isEqualTo("PS227@9");
  }

  @Test
  void checks_default_values_against_the_connector_in_the_last_stage() {
    List<Diagnostic> all = checkPostgres("""
        model M {
          id Int @id
          a Int @default(1.5)
          b Bytes @default("zz")
          c DateTime @default("nope")
          d String @default(auto())
          e Int @default(sequence())
          f DateTime @default("2020-01-01T00:00:00Z")
          g Bytes @default("aGVsbG8=")
        }
        """);
    assertThat(codesAndLines(all)).containsExactly("PS245@6", "PS245@7", "PS245@8", "PS230@9", "PS228@10");
    assertThat(all.get(0).message()).isEqualTo("Error parsing attribute \"@default\": Parse error: \"1.5\" is not a valid integer. (invalid digit found in string)");
    assertThat(all.get(4).message()).startsWith("Unknown function in @default(): `sequence` is not known.");
  }

  @Test
  void reports_column_name_collisions_after_map() {
    List<Diagnostic> all = checkPostgres("model A {\n  id Int @id\n  a String @map(\"col\")\n  b String @map(\"col\")\n  c String @map(\"id\")\n  d String @map(\"a\")\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS203@7", "PS203@8");
    assertThat(all.get(0).message()).isEqualTo("Field \"b\" is already defined on model \"A\".");
  }

  @Test
  void reports_index_references_to_unknown_fields_and_string_names() {
    List<Diagnostic> all = checkPostgres("model A {\n  id Int @id\n  a Int\n  @@index([foo, bar])\n  @@unique([\"a\"])\n}\n");
    assertThat(all).extracting(Diagnostic::message).containsExactly(
        "Error validating model \"A\": The index definition refers to the unknown fields: foo, bar.",
        "Expected a constant literal value, but received string value `\"a\"`.");
  }

  @Test
  void rejects_id_together_with_block_id() {
    List<Diagnostic> all = checkPostgres("model A {\n  id Int @id\n  b Int\n  @@id([id, b])\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS235@4");
    assertThat(all.get(0).message()).contains("You can't have `@id` and `@@id` at the same time.");
  }

  @Test
  void requires_a_unique_criterion_on_required_fields() {
    List<Diagnostic> all = checkPostgres("model A {\n  a String? @unique\n}\nmodel B {\n  a String\n  @@unique([a])\n}\nmodel C {\n  a Int\n  @@ignore\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS236@4");
    assertThat(all.get(0).message()).startsWith("Error validating model \"A\": Each model must have at least one unique criteria");
  }

  @Test
  void rejects_index_options_postgres_does_not_have() {
    List<Diagnostic> all = checkPostgres("""
        model A {
          id Int @id
          a String @unique(length: 10)
          b String
          c String
          @@index([b], clustered: true)
          @@fulltext([b])
          @@index([c], where: raw("c > 1"))
          @@unique([])
        }
        """);
    assertThat(codesAndLines(all)).containsExactly("PS237@6", "PS237@9", "PS241@10", "PS240@11", "PS234@12");
    assertThat(all.get(3).message()).isEqualTo(
        "Error parsing attribute \"@@index\": Partial indexes are a preview feature. Add \"partialIndexes\" to previewFeatures in your generator block.");
  }

  @Test
  void checks_operator_classes_against_index_type_and_field() {
    List<Diagnostic> all = checkPostgres("""
        model A {
          id Int    @id
          a  Int[]
          b  String @db.Inet
          c  Int
          d  String
          @@index([a(ops: ArrayOps)], type: Gist)
          @@index([b(ops: InetOps)], type: Gist)
          @@index([c(ops: TextOps)], type: SpGist)
          @@index([d(ops: UuidMinMaxOps)], type: Brin)
          @@index([b, d], type: SpGist)
          @@index([c], type: Hash, map: "c_hash")
        }
        """);
    assertThat(all).extracting(Diagnostic::message).containsExactly(
        "Error parsing attribute \"@@index\": The given operator class `ArrayOps` is not supported with the `Gist` index type.",
        "Error parsing attribute \"@@index\": The given operator class `TextOps` points to the field `c` that is not of String type.",
        "Error parsing attribute \"@@index\": The given operator class `UuidMinMaxOps` expects the field `d` to define a valid native type.",
        "Error parsing attribute \"@@index\": SpGist does not support multi-column indices.");
  }

  @Test
  void reports_colliding_default_index_names_on_both_indexes() {
    List<Diagnostic> all = checkPostgres("model A {\n  id Int @id\n  b Int\n  @@index([b])\n  @@index([b], type: Hash)\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS340@7", "PS340@8");
    assertThat(all.get(0).message()).contains("The given constraint name `A_b_idx` has to be unique");
  }

  @Test
  void rejects_explicit_constraint_names_over_63_bytes() {
    String longName = "x".repeat(64);
    List<Diagnostic> all = checkPostgres("model A {\n  id Int @id(map: \"" + longName + "\")\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS341@5");
    assertThat(all.get(0).message()).contains("for the `@id` constraint is too long for your chosen provider. The maximum allowed length is 63 bytes.");
    assertThat(all.get(0).span().text()).isEqualTo("\"" + longName + "\"");
  }

  @Test
  void checks_native_types_against_field_types_and_arguments() {
    List<Diagnostic> all = checkPostgres("""
        model A {
          id Int @id
          a String @db.VarChar(1, 2)
          b String @db.Foo
          c Int @db.VarChar(2)
          d Decimal @db.Decimal(2000, 1)
          e DateTime @db.Timestamp(7)
          f DateTime @db.Time(-1)
          g String @pg.Text
          h String @db.Uuid
        }
        """);
    assertThat(all).extracting(Diagnostic::message).containsExactly(
        "Native type VarChar takes 1 optional arguments, but received 2.",
        "Native type Foo is not supported for postgresql connector.",
        "Native type VarChar is not compatible with declared field type Int, expected field type String.",
        "Argument M is out of range for native type `Decimal(2000,1)` of Postgres: Precision must be positive with a maximum value of 1000.",
        "Argument M is out of range for native type `Timestamp(7)` of Postgres: M can range from 0 to 6.",
        "Expected a nonnegative integer, but found (-1).",
        "The prefix pg is invalid. It must be equal to the name of an existing datasource e.g. db. Did you mean to use db.Text?");
    assertThat(all.get(1).help()).contains("native types for String: Text, VarChar(n), Char(n), Uuid, Xml, Inet, Citext, Bit(n), VarBit(n)");
    assertThat(all.get(1).span().text()).isEqualTo("db.Foo");
  }

  @Test
  void checks_multi_schema_declarations() {
    List<Diagnostic> all = ValidationTesting.check("""
        datasource db {
          provider = "postgresql"
          schemas  = ["a", "b"]
        }
        model A {
          id Int @id
          @@schema("a")
        }
        model B {
          id Int @id
        }
        enum E {
          X
          @@schema("c")
        }
        """);
    assertThat(all).extracting(Diagnostic::message).containsExactly(
        "Error validating model \"B\": This model is missing an `@@schema` attribute.",
        "This schema is not defined in the datasource. Read more on `@@schema` at https://pris.ly/d/multi-schema");
    assertThat(codesAndLines(all)).containsExactly("PS321@9", "PS320@14");
  }

  @Test
  void allows_the_same_table_name_in_different_schemas() {
    assertThat(ValidationTesting.check("""
        datasource db {
          provider = "postgresql"
          schemas  = ["a", "b"]
        }
        model A {
          id Int @id
          @@map("t")
          @@schema("a")
        }
        model B {
          id Int @id
          @@map("t")
          @@schema("b")
        }
        """)).isEmpty();
  }

  @Test
  void never_throws_on_half_written_schemas() {
    for (String text : List.of("model", "model A {", "model A {\n  id Int @id(\n}", "datasource db {\n provider =\n}",
        "model A {\n  b Int @default(\n  @@index([\n}", "enum {\n}", "model A {\n  a Int @db.\n}")) {
      // Each of them is broken: the answer is at least one error, not an exception and not silence.
      assertThat(ValidationTesting.errors(ValidationTesting.check(text))).as(text).isNotEmpty();
    }
  }

  @Test
  void rejects_composite_types_on_postgres() {
    List<Diagnostic> all = checkPostgres("type Address {\n  street String\n}\nmodel A {\n  id Int @id\n  address Address\n}\n");
    assertThat(codesAndLines(all)).containsExactly("PS208@4");
    assertThat(all.get(0).message()).isEqualTo("Error validating: Composite types are not supported on Postgres.");
  }

  @Test
  void requires_the_views_preview_feature_and_rejects_keys_on_views() {
    List<Diagnostic> noPreview = checkPostgres("view V {\n  id Int @unique\n}\n");
    assertThat(codesAndLines(noPreview)).containsExactly("PS209@4");
    List<Diagnostic> keys = ValidationTesting.check("generator c {\n  provider = \"prisma-client\"\n  previewFeatures = [\"views\"]\n}\n"
        + ValidationTesting.POSTGRES + "view V {\n  id Int @id\n  a Int\n  @@index([a])\n}\n");
    assertThat(keys).extracting(Diagnostic::message)
        .containsExactly("Error validating: Views cannot have primary keys.", "Error validating: Views cannot have indexes.");
  }

  @Test
  void reports_table_and_enum_name_collisions_within_a_schema() {
    List<Diagnostic> all = checkPostgres("""
        model A {
          id Int @id @map("x")
          @@map("t")
        }
        model B {
          id Int @id
          @@map("t")
        }
        enum E {
          X
          @@map("e")
        }
        enum F {
          Y
          @@map("e")
        }
        """);
    assertThat(all).extracting(Diagnostic::message).containsExactly(
        "Error parsing attribute \"@id\": The given constraint name `t_pkey` has to be unique in the following namespace: global for primary key, indexes and unique constraints. Please provide a different name using the `map` argument.",
        "Error parsing attribute \"@id\": The given constraint name `t_pkey` has to be unique in the following namespace: global for primary key, indexes and unique constraints. Please provide a different name using the `map` argument.",
        "The model with database name \"t\" could not be defined because another model or view with this name exists: \"A\"",
        "An enum with the same database name is already defined.");
    assertThat(codesAndLines(all)).containsExactly("PS340@5", "PS340@9", "PS310@10", "PS311@16");
  }
}
