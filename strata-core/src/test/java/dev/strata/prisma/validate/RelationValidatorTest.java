package dev.strata.prisma.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.Severity;
import dev.strata.diag.SourceFile;
import dev.strata.prisma.ast.PrismaSchema;
import dev.strata.prisma.parse.PrismaParser;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Unit cases per relation rule: code, line and Prisma's message. Line 1-3 hold the datasource. */
class RelationValidatorTest {
  private static final String POSTGRES = "datasource db {\n  provider = \"postgresql\"\n}\n";
  private static final String PRISMA_MODE = "datasource db {\n  provider = \"postgresql\"\n  relationMode = \"prisma\"\n}\n";

  private static List<Diagnostic> check(String text) {
    Diagnostics parse = new Diagnostics();
    PrismaSchema schema = PrismaParser.parse(List.of(new SourceFile("schema.prisma", text)), parse);
    assertThat(parse.all()).as("parse errors").isEmpty();
    Diagnostics diagnostics = new Diagnostics();
    RelationValidator.validate(schema, diagnostics);
    return diagnostics.sorted();
  }

  private static List<Diagnostic> postgres(String models) {
    return check(POSTGRES + models);
  }

  private static Diagnostic only(List<Diagnostic> diagnostics) {
    assertThat(diagnostics).hasSize(1);
    return diagnostics.get(0);
  }

  private static void assertDiagnostic(Diagnostic d, String code, int line, String message) {
    assertThat(d.code()).isEqualTo(code);
    assertThat(d.span().startLine()).isEqualTo(line);
    assertThat(d.message()).isEqualTo(message);
  }

  private static final String USER_POSTS = """
      model User {
        id    Int    @id
        posts Post[]
      }
      """;

  @Test
  void accepts_a_plain_one_to_many_relation() {
    assertThat(postgres(USER_POSTS + """
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id], onDelete: Cascade)
        }
        """)).isEmpty();
  }

  @Test
  void reports_a_relation_field_without_opposite_field() {
    Diagnostic d = only(postgres("""
        model User {
          id Int @id
        }
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id])
        }
        """));
    assertDiagnostic(d, RelationCodes.MISSING_OPPOSITE_FIELD, 10,
        "Error validating field `author` in model `Post`: The relation field `author` on model `Post` is missing an opposite"
            + " relation field on the model `User`. Either run `prisma format` or add it manually.");
  }

  @Test
  void reports_the_first_ambiguous_relation_only() {
    Diagnostic d = only(postgres("""
        model User {
          id Int @id
          a  Post[]
          b  Post[]
        }
        model Post {
          id  Int  @id
          aId Int
          bId Int
          ua  User @relation(fields: [aId], references: [id])
          ub  User @relation(fields: [bId], references: [id])
        }
        """));
    assertDiagnostic(d, RelationCodes.AMBIGUOUS_RELATION, 6,
        "Error validating model \"User\": Ambiguous relation detected. The fields `a` and `b` in model `User` both refer to"
            + " `Post`. Please provide different relation names for them by adding `@relation(<name>).");
  }

  @Test
  void reports_unnamed_self_relations_as_ambiguous() {
    Diagnostic d = only(postgres("""
        model User {
          id        Int    @id
          managerId Int?
          manager   User?  @relation(fields: [managerId], references: [id])
          reports   User[]
        }
        """));
    assertDiagnostic(d, RelationCodes.AMBIGUOUS_RELATION, 7,
        "Error validating model \"User\": Ambiguous self relation detected. The fields `manager` and `reports` in model `User`"
            + " both refer to `User`. If they are part of the same relation add the same relation name for them with"
            + " `@relation(<name>)`.");
  }

  @Test
  void reports_three_self_relation_fields_sharing_a_name() {
    Diagnostic d = only(postgres("""
        model User {
          id  Int   @id
          a   User? @relation("r", fields: [aId], references: [id])
          aId Int?  @unique
          b   User? @relation("r")
          c   User? @relation("r")
        }
        """));
    assertDiagnostic(d, RelationCodes.WRONGLY_NAMED_RELATION, 6,
        "Error validating model \"User\": Wrongly named self relation detected. The fields `a`, `b` and `c` in model `User` have"
            + " the same relation name. At most two relation fields can belong to the same relation and therefore have the same"
            + " name. Please assign a different relation name to one of them.");
  }

  @Test
  void accepts_named_self_relations_of_every_kind() {
    assertThat(postgres("""
        model User {
          id        Int    @id
          succId    Int?   @unique
          succ      User?  @relation("S", fields: [succId], references: [id])
          pred      User?  @relation("S")
          managerId Int?
          manager   User?  @relation(name: "M", fields: [managerId], references: [id])
          reports   User[] @relation("M")
          friends   User[] @relation("F")
          friendOf  User[] @relation("F")
        }
        """)).isEmpty();
  }

  @Test
  void does_not_pair_an_explicit_name_with_a_generated_one() {
    List<Diagnostic> ds = postgres("""
        model User {
          id    Int    @id
          posts Post[] @relation("PostToUser")
        }
        model Post {
          id  Int  @id
          aId Int
          a   User @relation(fields: [aId], references: [id])
        }
        """);
    assertThat(ds).extracting(Diagnostic::code).containsExactly(RelationCodes.MISSING_OPPOSITE_FIELD, RelationCodes.MISSING_OPPOSITE_FIELD);
    assertThat(ds).extracting(d -> d.span().startLine()).containsExactly(6, 11);
  }

  @Test
  void reports_fields_and_references_that_do_not_exist() {
    List<Diagnostic> ds = postgres(USER_POSTS + """
        model Post {
          id     Int  @id
          author User @relation(fields: [authorId], references: [idx])
        }
        """);
    assertThat(ds).extracting(Diagnostic::message).containsExactlyInAnyOrder(
        "Error validating: The argument fields must refer only to existing fields. The following fields do not exist in this"
            + " model: authorId",
        "Error validating: The argument `references` must refer only to existing fields in the related model `User`. The"
            + " following fields do not exist in the related model: idx");
    assertThat(ds).allSatisfy(d -> assertThat(d.span().startLine()).isEqualTo(10));
  }

  @Test
  void reports_relation_fields_named_in_fields() {
    Diagnostic d = only(postgres(USER_POSTS + """
        model Post {
          id     Int  @id
          author User @relation(fields: [author], references: [id])
        }
        """));
    assertDiagnostic(d, RelationCodes.NON_SCALAR_FIELDS, 10,
        "Error validating: The argument fields must refer only to scalar fields. But it is referencing the following relation"
            + " fields: author");
  }

  @Test
  void reports_fields_and_references_of_different_lengths() {
    Diagnostic d = only(postgres(USER_POSTS + """
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId, id], references: [id])
        }
        """));
    assertDiagnostic(d, RelationCodes.ARITY_MISMATCH, 11,
        "Error validating: You must specify the same number of fields in `fields` and `references`.");
  }

  @Test
  void reports_references_that_are_not_a_unique_criterion() {
    Diagnostic d = only(postgres("""
        model User {
          id    Int    @id
          email String
          posts Post[]
        }
        model Post {
          id          Int    @id
          authorEmail String
          author      User   @relation(fields: [authorEmail], references: [email])
        }
        """));
    assertDiagnostic(d, RelationCodes.REFERENCES_NOT_UNIQUE, 12,
        "Error parsing attribute \"@relation\": The argument `references` must refer to a unique criterion in the related"
            + " model. Consider adding an `@unique` attribute to the field `email` in the model `User`.");
  }

  @Test
  void accepts_references_matching_a_compound_unique_in_another_order() {
    assertThat(postgres("""
        model User {
          a     Int
          b     Int
          posts Post[]
          @@unique([b, a])
        }
        model Post {
          id Int  @id
          x  Int
          y  Int
          u  User @relation(fields: [x, y], references: [a, b])
        }
        """)).isEmpty();
  }

  @Test
  void reports_fields_whose_type_differs_from_the_referenced_field() {
    Diagnostic d = only(postgres(USER_POSTS + """
        model Post {
          id       Int    @id
          authorId String
          author   User   @relation(fields: [authorId], references: [id])
        }
        """));
    assertDiagnostic(d, RelationCodes.TYPE_MISMATCH, 11,
        "Error parsing attribute \"@relation\": The type of the field `authorId` in the model `Post` is not matching the type of"
            + " the referenced field `id` in model `User`.");
  }

  @Test
  void reports_fields_on_the_list_side_of_a_one_to_many_relation() {
    Diagnostic d = only(postgres("""
        model User {
          id     Int    @id
          postId Int
          posts  Post[] @relation(fields: [postId], references: [id])
        }
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id])
        }
        """));
    assertDiagnostic(d, RelationCodes.FIELDS_ON_LIST_SIDE, 7,
        "Error parsing attribute \"@relation\": The relation field `posts` on Model `User` must not specify the `fields` or"
            + " `references` argument in the @relation attribute. You must only specify it on the opposite field `author` on"
            + " model `Post`.");
  }

  @Test
  void reports_missing_fields_and_references_on_the_single_side() {
    List<Diagnostic> ds = postgres(USER_POSTS + """
        model Post {
          id     Int  @id
          author User @relation(fields: [], references: [])
        }
        """);
    assertThat(ds).extracting(Diagnostic::message).containsExactly(
        "Error parsing attribute \"@relation\": The relation field `author` on Model `Post` must specify the `fields` argument in"
            + " the @relation attribute. You can run `prisma format` to fix this automatically.",
        "Error parsing attribute \"@relation\": The relation field `author` on Model `Post` must specify the `references`"
            + " argument in the @relation attribute.");
  }

  private static final String USER_PROFILE = """
      model User {
        id      Int      @id
        profile Profile?
      }
      """;

  @Test
  void reports_one_to_one_fields_that_are_not_unique() {
    Diagnostic d = only(postgres(USER_PROFILE + """
        model Profile {
          id     Int  @id
          userId Int
          user   User @relation(fields: [userId], references: [id])
        }
        """));
    assertDiagnostic(d, RelationCodes.ONE_TO_ONE_FIELDS_NOT_UNIQUE, 11,
        "Error parsing attribute \"@relation\": A one-to-one relation must use unique fields on the defining side. Either add an"
            + " `@unique` attribute to the field `userId`, or change the relation to one-to-many.");
  }

  @Test
  void requires_one_to_one_compound_fields_in_the_order_of_the_unique_criterion() {
    Diagnostic d = only(postgres("""
        model User {
          a       Int
          b       Int
          profile Profile?
          @@id([a, b])
        }
        model Profile {
          id   Int  @id
          x    Int
          y    Int
          user User @relation(fields: [y, x], references: [b, a])
          @@unique([x, y])
        }
        """));
    assertThat(d.message()).endsWith(
        "Either add an `@@unique([y, x])` attribute to the model, or change the relation to one-to-many.");
  }

  @Test
  void reports_one_to_one_without_fields_on_both_sides() {
    List<Diagnostic> ds = postgres(USER_PROFILE + """
        model Profile {
          id   Int   @id
          user User?
        }
        """);
    assertThat(ds).hasSize(4).allSatisfy(d -> assertThat(d.code()).isEqualTo(RelationCodes.ONE_TO_ONE_NO_FIELDS));
    assertThat(ds.get(0).message()).isEqualTo(
        "Error parsing attribute \"@relation\": The relation fields `profile` on Model `User` and `user` on Model `Profile` do"
            + " not provide the `fields` argument in the @relation attribute. You have to provide it on one of the two fields.");
    assertThat(ds).extracting(d -> d.span().startLine()).containsExactly(6, 6, 10, 10);
  }

  @Test
  void reports_one_to_one_with_fields_on_both_sides() {
    List<Diagnostic> ds = postgres("""
        model User {
          id        Int      @id
          profileId Int      @unique
          profile   Profile? @relation(fields: [profileId], references: [id])
        }
        model Profile {
          id     Int  @id
          userId Int  @unique
          user   User @relation(fields: [userId], references: [id])
        }
        """);
    assertThat(ds).hasSize(4).allSatisfy(d -> assertThat(d.code()).isEqualTo(RelationCodes.ONE_TO_ONE_BOTH_FIELDS));
    assertThat(ds).extracting(Diagnostic::message).contains(
        "Error parsing attribute \"@relation\": The relation fields `user` on Model `Profile` and `profile` on Model `User` both"
            + " provide the `fields` argument in the @relation attribute. You have to provide it only on one of the two fields.");
  }

  @Test
  void reports_one_to_one_required_on_both_sides() {
    Diagnostic d = only(postgres("""
        model User {
          id      Int     @id
          profile Profile
        }
        model Profile {
          id     Int  @id
          userId Int  @unique
          user   User @relation(fields: [userId], references: [id])
        }
        """));
    assertDiagnostic(d, RelationCodes.ONE_TO_ONE_BOTH_REQUIRED, 6,
        "Error parsing attribute \"@relation\": The relation field `profile` on Model `User` is required. This is not valid"
            + " because it's not possible to enforce this constraint on the database level. Please change the field type from"
            + " `Profile` to `Profile?` to fix this.");
  }

  @Test
  void reports_a_required_back_side_of_a_one_to_one_relation() {
    Diagnostic d = only(postgres("""
        model User {
          id      Int     @id
          profile Profile
        }
        model Profile {
          id     Int   @id
          userId Int?  @unique
          user   User? @relation(fields: [userId], references: [id])
        }
        """));
    assertDiagnostic(d, RelationCodes.ONE_TO_ONE_BACK_SIDE_REQUIRED, 11,
        "Error parsing attribute \"@relation\": The relation field `Profile.user` defines the `fields` and/or `references`"
            + " argument. You must set them on the required side of the relation (`User.profile`) in order for the constraints"
            + " to be enforced. Alternatively, you can change this field to be required and the opposite optional, or make both"
            + " sides of the relation optional.");
  }

  @Test
  void reports_an_unknown_referential_action() {
    Diagnostic d = only(postgres(USER_POSTS + """
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id], onDelete: Foo)
        }
        """));
    assertDiagnostic(d, RelationCodes.INVALID_REFERENTIAL_ACTION, 11,
        "Error parsing attribute \"@relation\": Invalid referential action: `Foo`");
  }

  @Test
  void accepts_every_action_with_foreign_keys_and_rejects_emulation_gaps_in_prisma_mode() {
    String models = USER_POSTS + """
        model Post {
          id       Int   @id
          authorId Int?
          author   User? @relation(fields: [authorId], references: [id], onDelete: NoAction, onUpdate: SetDefault)
          @@index([authorId])
        }
        """;
    assertThat(check(POSTGRES + models)).isEmpty();
    List<Diagnostic> ds = check(PRISMA_MODE + models);
    assertThat(ds).extracting(Diagnostic::code).containsOnly(RelationCodes.INVALID_REFERENTIAL_ACTION);
    assertThat(ds).extracting(Diagnostic::message).containsExactlyInAnyOrder(
        "Error validating: Invalid referential action: `NoAction`. Allowed values: (`Cascade`, `Restrict`, `SetNull`)."
            + " `NoAction` is not implemented for Postgres when using `relationMode = \"prisma\"`, you could try using `Restrict`"
            + " instead. Learn more at https://pris.ly/d/relation-mode",
        "Error validating: Invalid referential action: `SetDefault`. Allowed values: (`Cascade`, `Restrict`, `SetNull`)");
  }

  @Test
  void warns_about_set_null_on_a_required_field_with_foreign_keys_and_rejects_it_in_prisma_mode() {
    String models = USER_POSTS + """
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id], onDelete: SetNull)
          @@index([authorId])
        }
        """;
    Diagnostic warning = only(check(POSTGRES + models));
    assertThat(warning.severity()).isEqualTo(Severity.WARNING);
    assertDiagnostic(warning, RelationCodes.SET_NULL_ON_REQUIRED_WARNING, 11,
        "The `onDelete` referential action of a relation should not be set to `SetNull` when a referenced field is required. We"
            + " recommend either to choose another referential action, or to make the referenced fields optional. Read more at"
            + " https://pris.ly/d/postgres-set-null");
    Diagnostic error = only(check(PRISMA_MODE + models));
    assertThat(error.severity()).isEqualTo(Severity.ERROR);
    assertDiagnostic(error, RelationCodes.SET_NULL_ON_REQUIRED, 12,
        "Error parsing attribute \"@relation\": The `onDelete` referential action of a relation must not be set to `SetNull`"
            + " when a referenced field is required.\nEither choose another referential action, or make the referenced fields"
            + " optional.");
  }

  @Test
  void reports_referential_actions_on_the_side_without_fields() {
    Diagnostic d = only(postgres("""
        model User {
          id    Int    @id
          posts Post[] @relation(onDelete: Cascade)
        }
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id])
        }
        """));
    assertDiagnostic(d, RelationCodes.ACTION_ON_BACK_SIDE, 6,
        "Error parsing attribute \"@relation\": The relation field `posts` on Model `User` must not specify the `onDelete` or"
            + " `onUpdate` argument in the @relation attribute. You must only specify it on the opposite field `author` on model"
            + " `Post`, or in case of a many to many relation, in an explicit join table.");
  }

  @Test
  void warns_in_prisma_mode_when_no_index_starts_with_the_relation_fields() {
    String post = """
        model User {
          a     Int
          b     Int
          posts Post[]
          @@id([a, b])
        }
        model Post {
          id Int  @id
          x  Int
          y  Int
          u  User @relation(fields: [x, y], references: [a, b])
          %s
        }
        """;
    Diagnostic d = only(check(PRISMA_MODE + post.formatted("@@index([y, x])")));
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
    assertThat(d.code()).isEqualTo(RelationCodes.MISSING_RELATION_INDEX);
    assertThat(d.span().startLine()).isEqualTo(15);
    assertThat(d.span().text()).startsWith("@relation(");
    assertThat(check(PRISMA_MODE + post.formatted("@@index([x, y, id])"))).isEmpty();
    assertThat(check(POSTGRES + post.formatted(""))).isEmpty();
  }

  @Test
  void reports_implicit_many_to_many_without_single_field_id() {
    Diagnostic d = only(postgres("""
        model User {
          a    Int
          b    Int
          tags Tag[]
          @@id([a, b])
        }
        model Tag {
          id    Int    @id
          users User[]
        }
        """));
    assertDiagnostic(d, RelationCodes.MANY_TO_MANY_NEEDS_SINGLE_ID, 12,
        "Error validating field `users` in model `Tag`: The relation field `users` on model `Tag` references `User` which does"
            + " not have an `@id` field. Models without `@id` cannot be part of a many to many relation. Use an explicit"
            + " intermediate Model to represent this relationship.");
  }

  @Test
  void reports_implicit_many_to_many_involving_a_view_on_both_fields() {
    List<Diagnostic> ds = postgres("""
        model User {
          id   Int   @id
          tags Tag[]
        }
        view Tag {
          id    Int    @unique
          users User[]
        }
        """);
    assertThat(ds).filteredOn(d -> d.code().equals(RelationCodes.MANY_TO_MANY_ON_VIEW))
        .extracting(d -> d.span().startLine()).containsExactly(6, 10);
    assertThat(ds).filteredOn(d -> d.code().equals(RelationCodes.MANY_TO_MANY_NEEDS_SINGLE_ID))
        .extracting(d -> d.span().startLine()).containsExactly(6);
  }

  @Test
  void reports_fields_and_actions_on_implicit_many_to_many() {
    List<Diagnostic> ds = postgres("""
        model User {
          id    Int   @id
          tagId Int
          tags  Tag[] @relation(fields: [tagId], references: [id])
        }
        model Tag {
          id    Int    @id
          users User[] @relation(onDelete: Cascade)
        }
        """);
    assertThat(ds).extracting(Diagnostic::code).containsExactlyInAnyOrder(
        RelationCodes.MANY_TO_MANY_WITH_FIELDS, RelationCodes.MANY_TO_MANY_WITH_FIELDS, RelationCodes.MANY_TO_MANY_WITH_ACTIONS);
    assertThat(ds).extracting(Diagnostic::message).contains(
        "Error validating: Embedded many-to-many relations are not supported on Postgres. Please use the syntax defined in"
            + " https://pris.ly/d/relational-database-many-to-many",
        "Error validating: Referential actions on implicit many-to-many relations are not supported");
  }

  @Test
  void reports_attributes_that_relation_fields_cannot_carry() {
    List<Diagnostic> ds = postgres("""
        model User {
          id    Int    @id
          posts Post[] @map("x")
        }
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id]) @unique @default(1)
        }
        """);
    assertThat(ds).extracting(Diagnostic::message).containsExactly(
        "Error parsing attribute \"@map\": The attribute `@map` cannot be used on relation fields.",
        "Error parsing attribute \"@unique\": The field `author` is a relation field and cannot be marked with `unique`. Only"
            + " scalar fields can be made unique. Did you mean to put it on `authorId`?",
        "Error parsing attribute \"@default\": Cannot set a default value on a relation field.");
    assertThat(ds.get(1).span().text()).isEqualTo("@unique");
  }

  @Test
  void reports_an_id_on_a_relation_field() {
    Diagnostic d = only(postgres(USER_POSTS + """
        model Post {
          authorId Int
          author   User @relation(fields: [authorId], references: [id]) @id
        }
        """));
    assertDiagnostic(d, RelationCodes.ID_ON_RELATION_FIELD, 10,
        "Error parsing attribute \"@id\": The field `author` is a relation field and cannot be marked with `@id`. Only scalar"
            + " fields can be declared as id.");
  }

  @Test
  void requires_ignore_on_relations_to_ignored_models() {
    String models = """
        model User {
          id    Int    @id
          posts Post[] %s
        }
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(fields: [authorId], references: [id])
          @@ignore
        }
        """;
    Diagnostic d = only(postgres(models.formatted("")));
    assertDiagnostic(d, RelationCodes.RELATION_TO_IGNORED_MODEL, 6,
        "Error parsing attribute \"@ignore\": The relation field `posts` on Model `User` must specify the `@ignore` attribute,"
            + " because the model Post it is pointing to is marked ignored.");
    assertThat(postgres(models.formatted("@ignore"))).isEmpty();
  }

  @Test
  void reports_relation_attributes_on_scalar_fields_and_their_arguments() {
    List<Diagnostic> ds = postgres("""
        model User {
          id Int @id
          x  Int @relation("q")
        }
        """);
    assertThat(ds).extracting(Diagnostic::message).containsExactly(
        "Error parsing attribute \"@relation\": Invalid field type, not a relation.", "No such argument.");
  }

  @Test
  void reports_malformed_relation_arguments() {
    List<Diagnostic> ds = postgres(USER_POSTS + """
        model Post {
          id       Int  @id
          authorId Int
          author   User @relation(1, fields: [authorId], references: [id], onDelete: "Cascade", foo: 1)
        }
        """);
    assertThat(ds).extracting(Diagnostic::message).containsExactly(
        "Expected a string value, but received numeric value `1`.",
        "Expected a constant value, but received string value `\"Cascade\"`.",
        "No such argument.");
  }

  @Test
  void skips_the_relation_stage_when_earlier_errors_exist() {
    Diagnostics parse = new Diagnostics();
    PrismaSchema schema = PrismaParser.parse(List.of(new SourceFile("schema.prisma", POSTGRES + """
        model User {
          id    Int    @id
          posts Post[] @map("x")
        }
        model Post {
          id Int @id
        }
        """)), parse);
    Diagnostics diagnostics = new Diagnostics();
    RelationValidator.validate(schema, diagnostics);
    assertThat(diagnostics.all()).extracting(Diagnostic::code).containsExactly(RelationCodes.MAP_ON_RELATION_FIELD);
  }

  @Test
  void relation_codes_are_distinct_in_range_and_described() throws IllegalAccessException {
    List<String> codes = new java.util.ArrayList<>();
    for (java.lang.reflect.Field f : RelationCodes.class.getFields()) {
      if (f.getType() == String.class) {
        codes.add((String) f.get(null));
      }
    }
    assertThat(codes).isNotEmpty().doesNotHaveDuplicates().allMatch(c -> c.matches("PS4\\d\\d"));
    assertThat(RelationCodes.DESCRIPTIONS.keySet()).containsExactlyInAnyOrderElementsOf(codes);
  }

  @Test
  void never_throws_on_damaged_schemas() {
    String valid = POSTGRES + USER_POSTS + """
        model Post {
          id       Int   @id
          authorId Int?
          author   User? @relation("x", fields: [authorId, id], references: [id(sort: Desc)], onDelete: SetNull, map: 1)
          tags     Tag[] @relation(fields: authorId)
        }
        model Tag {
          id    Int    @id
          posts Post[] @relation(references: [], onUpdate: [Cascade])
          self  Tag?   @relation(name: "t")
        }
        """;
    Random random = new Random(42);
    for (int i = 0; i < 300; i++) {
      int cut = random.nextInt(valid.length());
      int end = Math.min(valid.length(), cut + random.nextInt(12));
      String damaged = valid.substring(0, cut) + valid.substring(end);
      PrismaSchema schema = PrismaParser.parse(List.of(new SourceFile("schema.prisma", damaged)), new Diagnostics());
      assertThatCode(() -> {
        RelationGraph.of(schema);
        RelationValidator.validateAttributes(schema, RelationGraph.of(schema), new Diagnostics());
        RelationValidator.validateRelations(schema, RelationGraph.of(schema), new Diagnostics());
      }).as(damaged).doesNotThrowAnyException();
    }
  }
}
