package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata migrate reset} end to end on the embedded PostgreSQL. */
@StrataDatabase
class MigrateResetCommandIT {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "migrate-dev", "evolving");

  @TempDir Path dir;
  private TestDatabase db;
  private Map<String, String> env;

  @BeforeEach
  void twoMigrationsAndData(TestDatabase database) throws IOException {
    db = database;
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    env = Map.of("DATABASE_URL", db.url());
    for (int n = 1; n <= 2; n++) {
      Path file = dir.resolve("prisma/schema.prisma");
      Files.createDirectories(file.getParent());
      Files.writeString(file, Files.readString(GOLDEN.resolve("step" + n + "/schema.prisma")));
      CliRun run = CliRun.in(dir, env, "migrate", "dev", "--name", "step" + n);
      assertThat(run.exitCode()).as(run.all()).isZero();
    }
    db.execute("INSERT INTO \"User\" (email) VALUES ('a@example.com'), ('b@example.com'); CREATE TABLE stray (x int)");
  }

  @Test
  void a_non_interactive_shell_without_force_lists_what_would_go_and_drops_nothing() {
    CliRun run = CliRun.in(dir, env, "migrate", "reset");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.out()).contains("User (2 rows)").contains("Post (0 rows)").contains("stray (0 rows)").contains("_prisma_migrations (2 rows)");
    assertThat(run.err()).contains("--force");
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("2");
    assertThat(db.queryColumn("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")).contains("stray");
  }

  @Test
  void a_migration_that_is_not_utf8_is_refused_before_anything_is_dropped() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("prisma/migrations/20991231000000_latin1"));
    Files.write(folder.resolve("migration.sql"), "CREATE TABLE caf\u00e9 (id int);\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    CliRun run = CliRun.in(dir, env, "migrate", "reset", "--force");
    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("Nothing was reset").contains("20991231000000_latin1/migration.sql cannot be used:"
        + " it is not valid UTF-8 at byte offset 16");
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("2");
  }

  @Test
  void a_reset_runs_the_seed_sql_and_says_so_unless_skip_seed() throws IOException {
    Files.writeString(dir.resolve("prisma/seed.sql"), "INSERT INTO \"User\" (email) VALUES ('seeded@example.com');\n");
    CliRun run = CliRun.in(dir, env, "migrate", "reset", "--force");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("Running seed script prisma/seed.sql ...").contains("🌱  The seed script has been executed (1 statement).");
    assertThat(run.out().indexOf("The following migration(s) have been applied:")).isLessThan(run.out().indexOf("Running seed script"));
    assertThat(db.queryColumn("SELECT email FROM \"User\"")).containsExactly("seeded@example.com");

    CliRun skipped = CliRun.in(dir, env, "migrate", "reset", "--force", "--skip-seed");
    assertThat(skipped.exitCode()).as(skipped.all()).isZero();
    assertThat(skipped.all()).doesNotContain("seed");
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("0");

    CliRun json = CliRun.in(dir, env, "migrate", "reset", "--force", "--json");
    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat(json.out()).startsWith("{").contains("\"seed\" : {").contains("\"script\" : \"prisma/seed.sql\"").doesNotContain("Running");
    assertThat(json.err()).contains("Running seed script prisma/seed.sql ...");
  }

  @Test
  void a_reset_runs_the_configured_seed_command_with_the_database_url() throws IOException {
    Files.writeString(dir.resolve("prisma.config.ts"), """
        import { defineConfig, env } from "prisma/config";
        export default defineConfig({
          schema: "prisma/schema.prisma",
          migrations: { seed: "sh ./seed.sh" },
          datasource: { url: env("DATABASE_URL") },
        });
        """);
    Files.writeString(dir.resolve("seed.sh"), "echo \"seeding $DATABASE_URL\"\n");
    CliRun run = CliRun.in(dir, env, "migrate", "reset", "--force");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("Running seed command `sh ./seed.sh` ...").contains("seeding " + db.url())
        .contains("🌱  The seed command has been executed.");

    Files.writeString(dir.resolve("seed.sh"), "exit 3\n");
    CliRun failed = CliRun.in(dir, env, "migrate", "reset", "--force");
    assertThat(failed.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(failed.out()).contains("Database reset successful");
    assertThat(failed.err()).contains("The seed command `sh ./seed.sh` failed with exit code 3.")
        .contains("only the seed failed").contains("strata db seed").doesNotContain("\tat ");
  }

  @Test
  void force_drops_everything_and_applies_every_migration_again() {
    CliRun run = CliRun.in(dir, env, "migrate", "reset", "--force");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("Database reset successful").contains("The following migration(s) have been applied:");
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("0");
    assertThat(db.queryColumn("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'"))
        .containsExactlyInAnyOrder("User", "Post", "_prisma_migrations");
    assertThat(db.queryValue("SELECT count(*)::text FROM _prisma_migrations WHERE finished_at IS NOT NULL")).contains("2");
  }

  @Test
  void an_interactive_no_drops_nothing_and_a_yes_resets() {
    CliRun no = InteractiveRun.answering(dir, env, "n\n", "migrate", "reset");
    assertThat(no.exitCode()).as(no.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(no.err()).contains("Are you sure you want to reset your database? All data will be lost. [y/N]");
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("2");
    CliRun yes = InteractiveRun.answering(dir, env, "y\n", "migrate", "reset");
    assertThat(yes.exitCode()).as(yes.all()).isZero();
    assertThat(db.queryValue("SELECT count(*)::text FROM \"User\"")).contains("0");
  }
}
