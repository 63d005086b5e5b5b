package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guarded {@code strata migrate deploy}: the preflight, the blockers named on a lock timeout, the drift check, in text and JSON. */
@StrataDatabase
class MigrateDeployGuardIT {
  @TempDir Path dir;
  private Map<String, String> env;

  @BeforeEach
  void project(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    env = Map.of("DATABASE_URL", db.url());
    Files.createDirectories(dir.resolve("prisma/migrations"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n");
    Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), MigrateDeployCommandIT.LOCK);
    migration("20240101000000_init", "CREATE TABLE \"A\" (\"id\" INTEGER NOT NULL, CONSTRAINT \"A_pkey\" PRIMARY KEY (\"id\"));\n");
  }

  private void migration(String name, String sql) throws IOException {
    Files.createDirectories(dir.resolve("prisma/migrations").resolve(name));
    Files.writeString(dir.resolve("prisma/migrations").resolve(name).resolve("migration.sql"), sql);
  }

  private CliRun strata(String... args) {
    return CliRun.in(dir, env, args);
  }

  @Test
  void prints_the_preflight_then_says_the_database_matches_its_history(TestDatabase db) {
    CliRun deploy = strata("migrate", "deploy");
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.out()).contains("\n\nPreflight:\n  20240101000000_init  down.sql: none; lint: skipped, database empty\n  database size ")
        .containsPattern("connections \\d+ of \\d+ \\(\\d+ reserved, \\d+ free\\)")
        .contains("All migrations have been successfully applied.")
        .endsWith("\nThe database matches the migration history.\n");
    assertThat(deploy.out().indexOf("Preflight:")).isLessThan(deploy.out().indexOf("Applying migration"));

    CliRun again = strata("migrate", "deploy");
    assertThat(again.out()).doesNotContain("Preflight").doesNotContain("migration history");
  }

  @Test
  void a_run_of_migrations_with_nothing_to_say_is_one_preflight_line_and_a_migration_that_differs_keeps_its_own() throws IOException {
    assertThat(strata("migrate", "deploy", "--no-verify").exitCode()).isZero(); // "A" exists from here on
    for (int i = 1; i <= 4; i++) {
      migration("2024010100000" + i + "_t" + i, "CREATE TABLE \"T" + i + "\" (\"id\" INTEGER NOT NULL);\n");
    }
    migration("20240101000005_fk", "ALTER TABLE \"T1\" ADD CONSTRAINT \"T1_a\" FOREIGN KEY (\"id\") REFERENCES \"A\"(\"id\") NOT VALID;\n");
    CliRun deploy = strata("migrate", "deploy", "--no-verify");
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    // only existing tables are "touched": "T1" is created by this very deploy
    assertThat(deploy.out())
        .contains("\n\nPreflight:\n  20240101000001_t1 … 20240101000004_t4 (4 migrations)  down.sql: none; lint: skipped, touches no existing table\n"
            + "  20240101000005_fk  down.sql: none; touches \"A\"; lint: ");
  }

  @Test
  void names_the_blocking_session_when_it_gives_up_and_reports_drift_in_json(TestDatabase db) throws Exception {
    assertThat(strata("migrate", "deploy", "--no-verify").out()).doesNotContain("migration history");
    migration("20240102000000_b", "ALTER TABLE \"A\" ADD COLUMN \"b\" INTEGER;\n");
    try (Connection blocker = db.connection()) {
      blocker.createStatement().execute("SET application_name = 'nightly-export'");
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("SELECT count(*) FROM \"A\"");

      CliRun blocked = strata("migrate", "deploy", "--statement-lock-timeout", "300ms", "--lock-retries", "1");

      assertThat(blocked.exitCode()).isEqualTo(1);
      assertThat(blocked.out()).contains("these sessions hold locks the migrations need and would block them:")
          .contains("application \"nightly-export\", idle in transaction");
      assertThat(blocked.err()).contains("blocked by pid ")
          .contains("was not applied: its statements waited longer than lock_timeout for a lock, on all 2 attempts")
          .contains("It was blocked by:\n  pid ").contains("nightly-export").contains("SELECT count(*) FROM \"A\"");
      blocker.rollback();
    }
    db.execute("CREATE INDEX by_hand ON \"A\" (id)");
    CliRun json = strata("migrate", "deploy", "--json");
    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat(json.out()).contains("\"preflight\" : {").contains("\"down\" : \"none\"").contains("\"relations\" : [ \"\\\"A\\\"\" ]")
        .contains("\"lint\" : {").contains("\"lintSkipped\" : null").contains("\"refuses\" : false").contains("\"drift\" : {").contains("\"outcome\" : \"differs\"").contains("CREATE INDEX \\\"by_hand\\\"");
  }
}
