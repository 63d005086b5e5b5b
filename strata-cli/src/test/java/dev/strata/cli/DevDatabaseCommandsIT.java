package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which commands use a running {@code strata dev} database when no URL is configured: every
 * dev-side one (here the read-only {@code migrate status} and {@code db pull}, and {@code migrate
 * reset}), as {@code strata config} shows; {@code migrate deploy} never, and its error says why.
 */
class DevDatabaseCommandsIT {
  private static final Duration START_WAIT = Duration.ofSeconds(120);

  @TempDir static Path dir;
  private static CompletableFuture<CliRun> server;
  private static DevDatabase.State state;

  @BeforeAll
  static void startTheDevDatabaseWithOneMigrationApplied() throws Exception {
    Path migration = dir.resolve("prisma/migrations/20240101000000_init/migration.sql");
    Files.createDirectories(migration.getParent());
    Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
    Files.writeString(migration, "CREATE TABLE \"Pet\" (\"id\" INTEGER NOT NULL, \"name\" TEXT NOT NULL,"
        + " CONSTRAINT \"Pet_pkey\" PRIMARY KEY (\"id\"));\n");
    Files.writeString(dir.resolve("prisma/schema.prisma"), """
        datasource db {
          provider = "postgresql"
        }

        model Pet {
          id   Int    @id
          name String
        }
        """);
    server = CompletableFuture.supplyAsync(() -> CliRun.in(dir, "dev"));
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (state == null && System.nanoTime() < deadline) {
      state = DevDatabase.running(dir).orElse(null);
      if (state == null && server.isDone()) {
        throw new AssertionError("strata dev ended early: " + server.get().all());
      }
      Thread.sleep(100);
    }
    assertThat(state).as("strata dev started").isNotNull();
    CliRun reset = CliRun.in(dir, Map.of(), "migrate", "reset", "--force");
    assertThat(reset.exitCode()).as(reset.all()).isZero();
    assertThat(reset.err()).contains(note());
  }

  @AfterAll
  static void stop() throws Exception {
    CliRun.in(dir, "dev", "--stop");
    if (server != null) {
      server.get(60, TimeUnit.SECONDS);
    }
  }

  private static String note() {
    return "Using the Strata dev database at " + state.urlText() + " (no DATABASE_URL set)";
  }

  @Test
  void migrate_status_reads_the_dev_database_and_says_so() {
    CliRun status = CliRun.in(dir, Map.of(), "migrate", "status");
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.err()).contains(note());
    assertThat(status.out()).contains("2024-01-01 00:00:00  init  applied").contains("Database schema is up to date!");
  }

  @Test
  void db_pull_reads_the_dev_database_and_says_so() {
    CliRun pull = CliRun.in(dir, Map.of(), "db", "pull", "--print");
    assertThat(pull.exitCode()).as(pull.all()).isZero();
    assertThat(pull.err()).contains(note());
    assertThat(pull.out()).contains("model Pet {");
  }

  @Test
  void migrate_deploy_does_not_use_the_dev_database_and_says_why() {
    CliRun deploy = CliRun.in(dir, Map.of(), "migrate", "deploy");
    assertThat(deploy.exitCode()).as(deploy.all()).isEqualTo(ExitCodes.ERROR);
    assertThat(deploy.err())
        .contains("No database URL is configured.")
        .contains("A Strata dev database is running at " + state.urlText() + ", but `migrate deploy` and `migrate resolve` do not use it, on purpose")
        .contains("--url " + state.urlText())
        .doesNotContain("Using the Strata dev database");
  }

  @Test
  void config_shows_which_database_each_kind_of_command_uses() {
    CliRun config = CliRun.in(dir, Map.of(), "config");
    assertThat(config.exitCode()).as(config.all()).isZero();
    assertThat(config.out())
        .contains("database url   (not set)")
        .contains("dev database   " + state.urlText() + "  (running; .strata/dev-db.json)")
        .contains("  dev side     " + state.urlText() + " (the Strata dev database)")
        .contains("  deploy side  (none: set DATABASE_URL or pass --url; never the dev database)");
    CliRun json = CliRun.in(dir, Map.of(), "config", "--json");
    assertThat(json.out()).contains("\"devCommands\" : \"" + state.urlText() + " (the Strata dev database)\"")
        .contains("\"deployCommands\" : null");

    CliRun configured = CliRun.in(dir, Map.of("DATABASE_URL", "postgresql://app:s3cret@db.internal:5432/app"), "config");
    assertThat(configured.out())
        .contains("  dev side     postgresql://app:****@db.internal:5432/app (DATABASE_URL")
        .contains("  deploy side  postgresql://app:****@db.internal:5432/app (DATABASE_URL")
        .doesNotContain("s3cret");
  }
}
