package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint in the workflow from the command line: {@code migrate dev} prints the lint of the migration it
 * wrote (an error warns, the exit code stays 0); {@code migrate deploy} shows each pending
 * migration's lint in the preflight and refuses an error-level finding (exit 3) unless
 * {@code --allow-unsafe}; {@code --dry-run} says it would refuse; {@code --json} carries it all.
 */
@StrataDatabase
class MigrateLintWorkflowIT {
  private static final String SCHEMA = """
      datasource db {
        provider = "postgresql"
      }

      model Coach {
        id    Int    @id @default(autoincrement())
        name  String
        phone String?
      }
      """;

  @TempDir Path dir;
  private Map<String, String> env;

  @BeforeEach
  void emptyDatabase(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    env = Map.of("DATABASE_URL", db.url());
    Files.createDirectories(dir.resolve("prisma"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), SCHEMA);
  }

  private CliRun strata(String... args) {
    return CliRun.in(dir, env, args);
  }

  private String folder(String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("prisma/migrations"))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).findFirst().orElseThrow();
    }
  }

  @Test
  void migrate_dev_prints_the_lint_of_what_it_wrote_and_json_carries_it(TestDatabase db) throws IOException {
    CliRun init = strata("migrate", "dev", "--name", "init");
    assertThat(init.exitCode()).as(init.all()).isZero();
    assertThat(init.out()).containsPattern("Your database is now in sync with your schema\\.\n\nLinted 1 migration \\(\\d+ statements?\\): 0 errors, ");
    assertThat(init.err()).doesNotContain("error-level lint finding");

    db.execute("INSERT INTO \"Coach\" (name, phone) VALUES ('Ann', '555')");
    Files.writeString(dir.resolve("prisma/schema.prisma"), SCHEMA.replace("  phone String?\n", ""));
    CliRun drop = strata("migrate", "dev", "--name", "drop_phone", "--accept-data-loss");

    assertThat(drop.exitCode()).as(drop.all()).isZero();
    String file = "prisma/migrations/" + folder("_drop_phone") + "/migration.sql";
    assertThat(drop.out()).contains("Your database is now in sync with your schema.\n\nerror[LN002]: ")
        .contains("  --> " + file + ":").contains("Linted 1 migration (").contains("1 error, ");
    assertThat(drop.err()).contains("warning: the new migration has 1 error-level lint finding: strata migrate deploy refuses");

    Files.writeString(dir.resolve("prisma/schema.prisma"), SCHEMA.replace("  phone String?\n", "  bio String?\n"));
    CliRun json = strata("migrate", "dev", "--name", "bio", "--create-only", "--json");
    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat(json.out()).contains("\"lint\" : {").contains("\"files\" : [ \"prisma/migrations/" + folder("_bio") + "/migration.sql\" ]")
        .contains("\"summary\" : {").contains("\"findings\" : [");
  }

  @Test
  void migrate_deploy_refuses_an_error_level_finding_unless_allow_unsafe(TestDatabase db) throws IOException {
    Path migrations = dir.resolve("prisma/migrations");
    Files.createDirectories(migrations.resolve("20240101000000_init"));
    Files.writeString(migrations.resolve("20240101000000_init/migration.sql"), "CREATE TABLE accounts (id INT PRIMARY KEY, balance INT);\n");
    CliRun init = strata("migrate", "deploy", "--no-verify");
    assertThat(init.exitCode()).as(init.all()).isZero();
    assertThat(init.out()).contains("20240101000000_init  down.sql: none; lint: skipped, database empty\n");

    db.execute("INSERT INTO accounts SELECT g, g FROM generate_series(1, 50) g");
    Files.createDirectories(migrations.resolve("20240102000000_drop"));
    Files.writeString(migrations.resolve("20240102000000_drop/migration.sql"), "ALTER TABLE accounts DROP COLUMN balance;\n");
    String location = "prisma/migrations/20240102000000_drop/migration.sql:1";

    CliRun refused = strata("migrate", "deploy", "--no-verify");
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(refused.out()).containsPattern("20240102000000_drop  down.sql: none; touches accounts; lint: 1 error, \\d+ warnings?, \\d+ notes?\n")
        .contains("    error[LN002] " + location + " ")
        .contains("1 error-level lint finding: the deploy refuses to apply anything (--allow-unsafe to go ahead)")
        .doesNotContain("Applying migration");
    assertThat(refused.err()).contains("error: The deploy was refused before applying anything")
        .contains("\n  " + location + " LN002 ").contains("--allow-unsafe");
    assertThat(db.queryValue("SELECT count(*) FROM _prisma_migrations")).hasValue("1");

    CliRun dry = strata("migrate", "deploy", "--dry-run");
    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.out()).contains("error[LN002] " + location).contains("The deploy would be refused");

    CliRun json = strata("migrate", "deploy", "--json");
    assertThat(json.exitCode()).as(json.all()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(json.out()).contains("\"ok\" : false").contains("\"refused\" : \"unsafe\"").contains("\"refuses\" : true")
        .contains("\"lintErrors\" : 1").contains("\"code\" : \"LN002\"").contains("\"code\" : \"CHECK_FAILED\"");

    CliRun unsafe = strata("migrate", "deploy", "--no-verify", "--allow-unsafe");
    assertThat(unsafe.exitCode()).as(unsafe.all()).isZero();
    assertThat(unsafe.out()).contains("1 error-level lint finding, applied anyway (--allow-unsafe)")
        .contains("All migrations have been successfully applied.");
    assertThat(db.queryValue("SELECT count(*) FROM _prisma_migrations")).hasValue("2");
  }
}
