package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata init}: a new project that validates, without clobbering anything that was there. */
class InitCommandTest {
  @TempDir Path dir;

  @Test
  void creates_a_schema_a_config_an_env_and_a_gitignore_that_validate() throws IOException {
    CliRun run = CliRun.in(dir, "init");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("created  prisma/schema.prisma", "created  prisma.config.ts", "created  .env", "created  .gitignore");
    String schema = Files.readString(dir.resolve("prisma/schema.prisma"));
    assertThat(schema).contains("provider = \"postgresql\"").contains("generator client {");
    assertThat(Files.readString(dir.resolve(".env"))).contains("DATABASE_URL=\"postgresql://");
    assertThat(Files.readString(dir.resolve(".gitignore"))).isEqualTo(".env\n.strata/\n/backups/\n/generated/prisma\n");

    CliRun validate = CliRun.in(dir, "validate");
    assertThat(validate.exitCode()).as(validate.all()).isZero();
    assertThat(CliRun.in(dir, "format", "--check").exitCode()).isZero();
    CliRun config = CliRun.in(dir, "config");
    assertThat(config.out()).contains("prisma.config.ts").contains("postgresql://postgres:****@localhost:5432/mydb");
  }

  @Test
  void refuses_to_overwrite_an_existing_schema() throws IOException {
    Files.createDirectories(dir.resolve("prisma"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), "// mine\n");
    CliRun run = CliRun.in(dir, "init");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).startsWith("error: This folder already has a Prisma schema (prisma/schema.prisma)");
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(dir.resolve("prisma/schema.prisma"))).isEqualTo("// mine\n");
    assertThat(dir.resolve(".env")).doesNotExist();
  }

  @Test
  void appends_to_an_existing_gitignore_and_env_and_keeps_what_is_there() throws IOException {
    Files.writeString(dir.resolve(".gitignore"), "node_modules\n/.env");
    Files.writeString(dir.resolve(".env"), "OTHER=1");
    CliRun run = CliRun.in(dir, "init");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(Files.readString(dir.resolve(".gitignore"))).isEqualTo("node_modules\n/.env\n.strata/\n/backups/\n/generated/prisma\n");
    assertThat(Files.readString(dir.resolve(".env"))).startsWith("OTHER=1\nDATABASE_URL=");
    assertThat(run.out()).contains("updated  .gitignore (added .strata/, /backups/, /generated/prisma)").contains("updated  .env");

    Files.delete(dir.resolve("prisma/schema.prisma"));
    CliRun again = CliRun.in(dir, "init");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out()).contains("kept     prisma.config.ts").contains("kept     .env").doesNotContain(".gitignore");
    assertThat(Files.readString(dir.resolve(".env"))).startsWith("OTHER=1\nDATABASE_URL=").containsOnlyOnce("DATABASE_URL");
  }

  @Test
  void json_reports_what_was_done_and_the_url_is_masked() throws IOException {
    CliRun run = CliRun.in(dir, "init", "--json", "--url", "postgresql://app:hunter2@db:5432/shop");
    assertThat(run.exitCode()).as(run.all()).isZero();
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("ok").asBoolean()).isTrue();
    assertThat(doc.get("created").toString()).contains("prisma/schema.prisma", ".env", ".gitignore");
    assertThat(doc.get("databaseUrl").asText()).isEqualTo("postgresql://app:****@db:5432/shop");
    assertThat(run.out()).doesNotContain("hunter2");
    assertThat(Files.readString(dir.resolve(".env"))).contains("postgresql://app:hunter2@db:5432/shop");

    CliRun refused = CliRun.in(dir, "init", "--json");
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(new ObjectMapper().readTree(refused.out()).at("/error/message").asText()).contains("already has a Prisma schema");
  }

  @Test
  void a_malformed_url_is_refused_before_anything_is_written() {
    CliRun run = CliRun.in(dir, "init", "--url", "mysql://root:hunter2@localhost/db");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).doesNotContain("hunter2").doesNotContain("\tat ");
    assertThat(dir.resolve("prisma")).doesNotExist();
  }
}
