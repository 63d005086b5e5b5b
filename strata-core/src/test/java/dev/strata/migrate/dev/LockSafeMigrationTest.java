package dev.strata.migrate.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.diag.SourceFile;
import dev.strata.prisma.PrismaFrontEnd;
import dev.strata.prisma.lower.PrismaLowering;
import dev.strata.schema.DatabaseSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which changes {@link GeneratedMigration#lockSafe} sets apart, and what it writes for them (no database). */
class LockSafeMigrationTest {
  static final String BASE =
      """
      datasource db {
        provider = "postgresql"
      }

      model Team {
        id   Int    @id @default(autoincrement())
        name String
        code String?
      }
      """;

  private static DatabaseSchema lower(String text) {
    PrismaFrontEnd.Checked checked = PrismaFrontEnd.check(List.of(new SourceFile("schema.prisma", text)));
    assertThat(checked.hasErrors()).as(checked.diagnostics().toString()).isFalse();
    return PrismaLowering.lower(checked.schema(), "public");
  }

  @Test
  void without_changes_to_existing_tables_it_is_prismas_migration() {
    DatabaseSchema to = lower(BASE + "\nmodel Note {\n  id Int @id\n  text String\n\n  @@index([text])\n}\n");
    GeneratedMigration safe = GeneratedMigration.lockSafe(lower(BASE), to, List.of());
    GeneratedMigration prisma = GeneratedMigration.of(lower(BASE), to, List.of());
    assertThat(safe.online()).isEmpty();
    assertThat(safe.migrationSql()).isEqualTo(prisma.migrationSql());
    assertThat(safe.downSql()).isEqualTo(prisma.downSql());
  }

  @Test
  void a_column_made_required_and_retyped_keeps_prismas_sql() {
    DatabaseSchema to = lower(BASE.replace("  code String?\n", "  code String @db.VarChar(20)\n"));
    GeneratedMigration safe = GeneratedMigration.lockSafe(lower(BASE), to, List.of());
    assertThat(safe.online()).isEmpty();
    assertThat(safe.migrationSql()).contains("SET NOT NULL");
  }

  @Test
  void a_unique_index_that_a_new_foreign_key_references_stays_in_the_first_migration() {
    DatabaseSchema to = lower(BASE.replace("  code String?\n", "  code String? @unique\n  notes Note[]\n")
        + "\nmodel Note {\n  id Int @id\n  teamCode String?\n  team Team? @relation(fields: [teamCode], references: [code])\n}\n");
    GeneratedMigration safe = GeneratedMigration.lockSafe(lower(BASE), to, List.of());
    assertThat(safe.online()).isEmpty();
    assertThat(safe.migrationSql()).contains("CREATE UNIQUE INDEX \"Team_code_key\"").contains("FOREIGN KEY (\"teamCode\")");
  }

  @Test
  void the_lock_safe_part_commits_each_statement_on_its_own() {
    DatabaseSchema to = lower(BASE.replace("  name String\n", "  name String\n\n  @@index([name])\n")
        .replace("  code String?\n", "  code String\n"));
    GeneratedMigration safe = GeneratedMigration.lockSafe(lower(BASE), to, List.of());
    assertThat(safe.hasTransactionalPart()).isFalse();
    String up = safe.online().orElseThrow().migrationSql();
    assertThat(up).contains("\n-- CreateIndex\nCREATE INDEX CONCURRENTLY \"Team_name_idx\" ON \"Team\"(\"name\");\n")
        .contains("BEGIN;\nALTER TABLE \"Team\" ADD CONSTRAINT \"Team_code_not_null\" CHECK (\"code\" IS NOT NULL) NOT VALID;\nCOMMIT;\n")
        .contains("BEGIN;\nALTER TABLE \"Team\" ALTER COLUMN \"code\" SET NOT NULL;\nCOMMIT;\n")
        .contains("Made the column `code` on table `Team` required.");
    assertThat(safe.unexecutable()).singleElement().asString().contains("`code`");
  }

  @Test
  void the_temporary_check_name_fits_postgres_limit() {
    String name = dev.strata.postgres.render.PgOnlineRenderer.checkName("t".repeat(40), "ü".repeat(20));
    assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
    assertThat(name).startsWith("t".repeat(40) + "_ü");
  }
}
