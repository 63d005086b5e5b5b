package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a database: JSON errors with Prisma's code, the SQLSTATE and the migration; counts of one in the singular. */
@StrataDatabase
class ErrorDetailsAndCountsIT {
  @TempDir Path dir;
  private Map<String, String> env;

  @BeforeEach
  void project(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    env = Map.of("DATABASE_URL", db.url());
    Files.createDirectories(dir.resolve("prisma/migrations/20240101000000_broken"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n");
    Files.writeString(dir.resolve("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
    Files.writeString(dir.resolve("prisma/migrations/20240101000000_broken/migration.sql"), "ALTER TABLE \"Missing\" ADD COLUMN \"x\" INTEGER;\n");
  }

  @Test
  void a_failed_deploy_then_a_blocked_one_carry_the_code_the_sqlstate_and_the_migration() throws IOException {
    CliRun failed = CliRun.in(dir, env, "migrate", "deploy");
    assertThat(failed.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(failed.err()).contains("P3018").contains("42P01");

    CliRun blocked = CliRun.in(dir, env, "migrate", "deploy", "--json");
    assertThat(blocked.exitCode()).isEqualTo(ExitCodes.ERROR);
    JsonNode error = new ObjectMapper().readTree(blocked.out()).get("error");
    assertThat(error.get("prismaCode").asText()).isEqualTo("P3009");
    assertThat(error.get("migration").asText()).isEqualTo("20240101000000_broken");

    CliRun rolledBack = CliRun.in(dir, env, "migrate", "resolve", "--rolled-back", "20240102000000_other", "--json");
    JsonNode neverApplied = new ObjectMapper().readTree(rolledBack.out()).get("error");
    assertThat(neverApplied.get("prismaCode").asText()).isEqualTo("P3011");
    assertThat(neverApplied.get("migration").asText()).isEqualTo("20240102000000_other");
  }

  @Test
  void a_failed_script_gives_its_sqlstate_in_json(TestDatabase db) throws IOException {
    Files.writeString(dir.resolve("bad.sql"), "SELECT * FROM \"Missing\";\n");
    CliRun run = CliRun.in(dir, env, "db", "execute", "--file", "bad.sql", "--json");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(new ObjectMapper().readTree(run.out()).at("/error/sqlState").asText()).isEqualTo("42P01");
  }

  @Test
  void one_table_one_enum_and_one_statement_are_singular(TestDatabase db) throws IOException {
    db.execute("CREATE TYPE \"Mood\" AS ENUM ('happy', 'sad'); CREATE TABLE \"Person\" (\"id\" INTEGER PRIMARY KEY, \"mood\" \"Mood\");");
    Files.delete(dir.resolve("prisma/schema.prisma"));
    CliRun pull = CliRun.in(dir, env, "db", "pull");
    assertThat(pull.exitCode()).as(pull.all()).isZero();
    assertThat(pull.out()).contains("Introspected 1 table and 1 enum from");

    Files.writeString(dir.resolve("prisma/seed.sql"), "INSERT INTO \"Person\" VALUES (1, 'happy');\n");
    CliRun seed = CliRun.in(dir, env, "db", "seed");
    assertThat(seed.exitCode()).as(seed.all()).isZero();
    assertThat(seed.out()).contains("The seed script has been executed (1 statement).");
  }
}
