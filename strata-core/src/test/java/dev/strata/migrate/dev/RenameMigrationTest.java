package dev.strata.migrate.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.compare.Comparison;
import dev.strata.diag.SourceFile;
import dev.strata.diff.RenameDetector;
import dev.strata.diff.RenameDetector.ColumnRename;
import dev.strata.diff.RenameDetector.RenameSpec;
import dev.strata.diff.RenameDetector.TableRename;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Rename candidates, {@code --rename} arguments, and the migrations written with confirmed renames. */
class RenameMigrationTest {
  private static final String HEAD = "datasource db {\n  provider = \"postgresql\"\n}\n";

  static DatabaseSchema lower(String models) {
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma", HEAD + models)));
    assertThat(checked.hasErrors()).as(checked.diagnostics().toString()).isFalse();
    return PrismaLowering.lower(checked.schema());
  }

  private static final DatabaseSchema USER_NAME = lower("""
      model User {
        id    Int    @id @default(autoincrement())
        name  String
        email String @unique
        age   Int?
      }
      """);
  private static final DatabaseSchema USER_FULL_NAME = lower("""
      model User {
        id       Int    @id @default(autoincrement())
        fullName String
        mail     String @unique
        age      Int?
      }
      """);

  @Test
  void offers_dropped_and_added_columns_of_the_same_type_and_nullability() {
    Comparison diff = Comparison.of(USER_NAME, USER_FULL_NAME);
    assertThat(RenameDetector.columnCandidates(diff.changes())).containsExactlyInAnyOrder(
        new ColumnRename("public", "User", "name", "fullName"),
        new ColumnRename("public", "User", "name", "mail"),
        new ColumnRename("public", "User", "email", "fullName"),
        new ColumnRename("public", "User", "email", "mail"));
    assertThat(RenameDetector.tableCandidates(diff.changes())).isEmpty();
  }

  @Test
  void does_not_offer_columns_whose_type_or_nullability_differs() {
    DatabaseSchema to = lower("""
        model User {
          id    Int    @id @default(autoincrement())
          label String?
          email String @unique
          years BigInt?
        }
        """);
    assertThat(RenameDetector.columnCandidates(Comparison.of(USER_NAME, to).changes())).isEmpty();
  }

  @Test
  void without_confirmed_renames_the_migration_is_prismas_drop_and_add() {
    GeneratedMigration plain = GeneratedMigration.of(USER_NAME, USER_FULL_NAME, List.of());
    Comparison diff = Comparison.of(USER_NAME, USER_FULL_NAME);
    assertThat(plain.migrationSql()).isEqualTo(diff.migrationFile());
    assertThat(plain.downSql()).isEqualTo(diff.downFile());
    assertThat(plain.migrationSql()).contains("DROP COLUMN \"name\"");
  }

  @Test
  void a_confirmed_column_rename_becomes_rename_column_and_its_reverse() {
    GeneratedMigration renamed = GeneratedMigration.of(USER_NAME, USER_FULL_NAME, List.of(
        new ColumnRename("public", "User", "name", "fullName"), new ColumnRename("public", "User", "email", "mail")));
    assertThat(renamed.migrationSql()).isEqualTo("""
        -- RenameColumn
        ALTER TABLE "User" RENAME COLUMN "name" TO "fullName";
        ALTER TABLE "User" RENAME COLUMN "email" TO "mail";

        -- RenameIndex
        ALTER INDEX "User_email_key" RENAME TO "User_mail_key";
        """);
    assertThat(renamed.warnings()).isEmpty();
    assertThat(renamed.downSql()).contains("""
        -- Undo RenameColumn
        ALTER TABLE "User" RENAME COLUMN "mail" TO "email";
        ALTER TABLE "User" RENAME COLUMN "fullName" TO "name";
        """);
    assertThat(renamed.downSql().indexOf("ALTER INDEX \"User_mail_key\" RENAME TO \"User_email_key\""))
        .isBetween(0, renamed.downSql().indexOf("-- Undo RenameColumn"));
  }

  @Test
  void a_table_with_the_same_columns_under_another_name_is_a_rename_candidate() {
    DatabaseSchema from = lower("""
        model User {
          id    Int    @id
          posts Post[]
        }
        model Post {
          id     Int  @id
          userId Int
          user   User @relation(fields: [userId], references: [id])
        }
        """);
    DatabaseSchema to = lower("""
        model User {
          id       Int       @id
          articles Article[]
        }
        model Article {
          id     Int  @id
          userId Int
          user   User @relation(fields: [userId], references: [id])
        }
        """);
    Comparison diff = Comparison.of(from, to);
    assertThat(RenameDetector.tableCandidates(diff.changes())).containsExactly(new TableRename("public", "Post", "Article"));
    GeneratedMigration renamed = GeneratedMigration.of(from, to, List.of(new TableRename("public", "Post", "Article")));
    assertThat(renamed.migrationSql()).startsWith("-- RenameTable\nALTER TABLE \"Post\" RENAME TO \"Article\";\n")
        .doesNotContain("DROP TABLE").doesNotContain("CREATE TABLE");
    assertThat(renamed.downSql()).endsWith("-- Undo RenameTable\nALTER TABLE \"Article\" RENAME TO \"Post\";\n");
    assertThat(renamed.irreversible()).isEmpty();
  }

  @Test
  void parses_rename_arguments() {
    assertThat(RenameSpec.parse("User.name=fullName")).contains(new RenameSpec(Optional.of("User"), "name", "fullName"));
    assertThat(RenameSpec.parse("Post=Article")).contains(new RenameSpec(Optional.empty(), "Post", "Article"));
    assertThat(RenameSpec.parse("Post")).isEmpty();
    assertThat(RenameSpec.parse("=x")).isEmpty();
    assertThat(RenameSpec.parse("a=b=c")).isEmpty();
    assertThat(RenameSpec.parse("User.a=B.c")).isEmpty();
    assertThat(RenameSpec.parse(null)).isEmpty();
  }

  @Test
  void resolves_rename_arguments_against_both_schemas_or_says_why_not() {
    assertThat(RenameDetector.resolve(RenameSpec.parse("User.name=fullName").orElseThrow(), USER_NAME, USER_FULL_NAME).rename())
        .contains(new ColumnRename("public", "User", "name", "fullName"));
    assertThat(RenameDetector.resolve(RenameSpec.parse("User.nope=fullName").orElseThrow(), USER_NAME, USER_FULL_NAME).problem())
        .contains("the table `User` has no column `nope` in the migration history");
    assertThat(RenameDetector.resolve(RenameSpec.parse("User.age=fullName").orElseThrow(), USER_NAME, USER_FULL_NAME).problem())
        .contains("the column `User.age` is still in the schema");
    assertThat(RenameDetector.resolve(RenameSpec.parse("Ghost=User").orElseThrow(), USER_NAME, USER_FULL_NAME).problem())
        .contains("there is no table `Ghost` in the migration history");
  }
}
