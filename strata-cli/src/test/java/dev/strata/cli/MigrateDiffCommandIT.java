package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@StrataDatabase
class MigrateDiffCommandIT {
  private static final String SCHEMA =
      """
      datasource db {
        provider = "postgresql"
      }

      model User {
        id    Int    @id @default(autoincrement())
        email String @unique
      }
      """;

  private static final String CREATE_PUBLIC = "-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS \"public\";\n\n";

  private static final String CREATE_USER =
      """
      -- CreateTable
      CREATE TABLE "User" (
          "id" SERIAL NOT NULL,
          "email" TEXT NOT NULL,

          CONSTRAINT "User_pkey" PRIMARY KEY ("id")
      );

      -- CreateIndex
      CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
      """;

  @TempDir Path dir;

  /** The test kit gives one database per class: start every test from an empty one. */
  @BeforeEach
  void emptyDatabase(TestDatabase db) {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  }

  private void write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void needs_exactly_one_source_on_each_side() {
    CliRun none = CliRun.in(dir, "migrate", "diff", "--to-empty");
    assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("Missing --from-");

    CliRun two = CliRun.in(dir, "migrate", "diff", "--from-empty", "--from-schema", "x.prisma", "--to-empty");
    assertThat(two.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(two.err()).contains("Give only one --from-");
  }

  @Test
  void from_empty_to_a_schema_prints_prismas_script() throws IOException {
    write("schema.prisma", SCHEMA);
    CliRun run = CliRun.in(dir, "migrate", "diff", "--from-empty", "--to-schema", "schema.prisma", "--script");
    assertThat(run.exitCode()).as(run.all()).isZero();
    // From nothing at all, Prisma creates the default schema too (migrate dev never writes that line).
    assertThat(run.out()).isEqualTo(CREATE_PUBLIC + CREATE_USER + "\n\n");
  }

  @Test
  void summary_and_exit_code_say_whether_anything_differs() throws IOException {
    write("a.prisma", SCHEMA);
    write("b.prisma", SCHEMA.replace("email String @unique", "email String @unique\n  name  String?"));
    CliRun changed = CliRun.in(dir, "migrate", "diff", "--from-schema", "a.prisma", "--to-schema", "b.prisma", "--exit-code");
    assertThat(changed.exitCode()).as(changed.all()).isEqualTo(2);
    assertThat(changed.out()).contains("[*] Changed the `User` table").contains("[+] Added column `name`");

    CliRun same = CliRun.in(dir, "migrate", "diff", "--from-schema", "a.prisma", "--to-schema", "a.prisma", "--exit-code", "--script");
    assertThat(same.exitCode()).isZero();
    assertThat(same.out()).isEqualTo("-- This is an empty migration.\n\n\n");
  }

  @Test
  void string_decimal_defaults_and_a_gist_index_on_an_unsupported_field_get_prismas_sql() throws IOException {
    // Issue 10: both come from real projects, and Strata used to refuse the whole schema.
    write("schema.prisma", """
        datasource db {
          provider = "postgresql"
        }

        model Shop {
          id       Int                                   @id
          price    Decimal                               @default("2.00") @db.Decimal(4, 2)
          limit    Decimal                               @default("1e3")
          location Unsupported("geometry(Point, 4326)")

          @@index([location], type: Gist)
        }
        """);
    CliRun run = CliRun.in(dir, "migrate", "diff", "--from-empty", "--to-schema", "schema.prisma", "--script");
    assertThat(run.exitCode()).as(run.all()).isZero();
    // Prisma 7.10's script for this schema (migrate diff --from-empty --script).
    assertThat(run.out()).isEqualTo("""
        -- CreateSchema
        CREATE SCHEMA IF NOT EXISTS "public";

        -- CreateTable
        CREATE TABLE "Shop" (
            "id" INTEGER NOT NULL,
            "price" DECIMAL(4,2) NOT NULL DEFAULT 2.00,
            "limit" DECIMAL(65,30) NOT NULL DEFAULT 1000,
            "location" geometry(Point, 4326) NOT NULL,

            CONSTRAINT "Shop_pkey" PRIMARY KEY ("id")
        );

        -- CreateIndex
        CREATE INDEX "Shop_location_idx" ON "Shop" USING GIST ("location");


        """);
  }

  @Test
  void output_goes_to_a_file_with_o() throws IOException {
    write("schema.prisma", SCHEMA);
    CliRun run = CliRun.in(dir, "migrate", "diff", "--from-empty", "--to-schema", "schema.prisma", "--script", "-o", "out/m.sql");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(dir.resolve("out/m.sql"))).isEqualTo(CREATE_PUBLIC + CREATE_USER + "\n");
  }

  @Test
  void an_invalid_schema_side_shows_its_diagnostics() throws IOException {
    write("schema.prisma", SCHEMA.replace("email String", "email Strng"));
    CliRun run = CliRun.in(dir, "migrate", "diff", "--from-empty", "--to-schema", "schema.prisma");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("PS204").contains("schema.prisma:7:9").doesNotContain("\tat ");
  }

  @Test
  void a_migrations_history_is_replayed_into_the_embedded_shadow_database() throws IOException {
    write("prisma/schema.prisma", SCHEMA);
    write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
    write("prisma/migrations/20240101000000_init/migration.sql", CREATE_USER);
    CliRun run = CliRun.in(dir, "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("No difference detected.");

    write("prisma/schema.prisma", SCHEMA.replace("email String @unique", "email String @unique\n  age   Int?"));
    CliRun drift = CliRun.in(dir, "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--script", "--exit-code");
    assertThat(drift.exitCode()).isEqualTo(2);
    assertThat(drift.out()).isEqualTo("-- AlterTable\nALTER TABLE \"User\" ADD COLUMN     \"age\" INTEGER;\n\n\n");
  }

  @Test
  void a_history_that_fails_names_the_migration_and_the_statement() throws IOException {
    write("prisma/migrations/20240101000000_init/migration.sql", CREATE_USER + "\nALTER TABLE \"Nope\" ADD COLUMN x INT;\n");
    CliRun run = CliRun.in(dir, "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-empty");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("20240101000000_init").contains("Nope").doesNotContain("\tat ");
  }

  @Test
  void a_live_database_is_compared_and_its_password_never_shown(TestDatabase db) throws IOException {
    db.execute(CREATE_USER);
    write("schema.prisma", SCHEMA);
    CliRun run = CliRun.in(dir, "migrate", "diff", "--from-url", db.url(), "--to-schema", "schema.prisma", "--exit-code");
    assertThat(run.exitCode()).as(run.all()).isZero();

    CliRun unreachable = CliRun.in(dir, "migrate", "diff", "--from-url", "postgresql://app:s3cret@127.0.0.1:1/db", "--to-empty");
    assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(unreachable.err()).contains("postgresql://app:****@127.0.0.1:1/db").doesNotContain("s3cret");
  }

  @Test
  void a_shadow_database_that_is_not_empty_is_refused_untouched(TestDatabase db) throws IOException {
    db.execute(CREATE_USER);
    write("prisma/migrations/20240101000000_init/migration.sql", CREATE_USER);
    CliRun run = CliRun.in(dir, "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-empty", "--shadow-database-url", db.url());
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("is not empty").contains("public.User");
    assertThat(db.queryValue("select count(*) from \"User\"")).contains("0");
  }

  @Test
  void an_empty_shadow_database_is_used_and_emptied_again(TestDatabase db) throws IOException {
    write("prisma/migrations/20240101000000_init/migration.sql", CREATE_USER);
    CliRun run = CliRun.in(dir, "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-empty", "--script", "--shadow-database-url", db.url());
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("DROP TABLE \"User\"");
    assertThat(db.queryValue("select count(*) from pg_tables where schemaname = 'public'")).contains("0");
  }
}
