package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands run in a subfolder of a project use the project above, and say so. */
class ProjectDiscoveryTest {
  private static final String SCHEMA = "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel User {\n  id Int @id\n}\n";

  @TempDir Path dir;
  private Path sub;

  @BeforeEach
  void project() throws IOException {
    Files.createDirectories(dir.resolve(".git"));
    Files.createDirectories(dir.resolve("prisma"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), SCHEMA);
    Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgresql://app:s3cret@db.internal:5432/app\n");
    sub = Files.createDirectories(dir.resolve("src/lib"));
  }

  @Test
  void validate_in_a_subfolder_finds_the_schema_above_and_names_the_project() {
    CliRun run = CliRun.in(sub, "validate");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains(dir.resolve("prisma/schema.prisma") + " is valid");
    assertThat(run.err()).isEqualTo("Using the project in " + dir + " (prisma/schema.prisma is there; you are in a subfolder).\n");
  }

  @Test
  void the_env_file_and_the_migrations_folder_are_those_of_the_project() throws IOException {
    CliRun run = CliRun.in(sub, "config", "--json");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("projectDir").asText()).isEqualTo(dir.toString());
    assertThat(doc.get("migrations").asText()).isEqualTo(dir.resolve("prisma/migrations").toString());
    assertThat(doc.at("/database/url").asText()).isEqualTo("postgresql://app:****@db.internal:5432/app");
    assertThat(run.out()).doesNotContain("s3cret");
    assertThat(doc.get("deployWindow").isNull()).isTrue();
    assertThat(CliRun.in(sub, "config").out()).contains("deploy window  (none: migrate deploy runs at any time)");

    // the project's maintenance window, as the deploy reads it; one that cannot be read is a problem of the config
    Files.writeString(dir.resolve("strata.toml"), "[deploy]\nwindow = \"sat,sun 01:00-05:00 Europe/Berlin\"\n");
    assertThat(new ObjectMapper().readTree(CliRun.in(sub, "config", "--json").out()).get("deployWindow").asText())
        .isEqualTo("Sat,Sun 01:00-05:00 Europe/Berlin");
    assertThat(CliRun.in(sub, "config").out()).contains("deploy window  Sat,Sun 01:00-05:00 Europe/Berlin");
    Files.writeString(dir.resolve("strata.toml"), "[deploy]\nwindow = \"sometimes\"\n");
    CliRun bad = CliRun.in(sub, "config");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(bad.err()).contains("strata.toml: [deploy] The deploy window `sometimes` cannot be read");
  }

  @Test
  void a_prisma_config_file_above_is_found_too() throws IOException {
    Files.move(dir.resolve("prisma/schema.prisma"), dir.resolve("prisma/main.prisma"));
    Files.writeString(dir.resolve("prisma.config.ts"), "export default { schema: \"prisma/main.prisma\" };\n");
    CliRun run = CliRun.in(sub, "validate");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains(dir.resolve("prisma/main.prisma") + " is valid");
    assertThat(run.err()).contains("prisma.config.ts is there");
  }

  @Test
  void a_schema_named_on_the_command_line_is_relative_to_the_working_directory_and_gets_no_note() throws IOException {
    Files.writeString(sub.resolve("local.prisma"), SCHEMA);
    CliRun run = CliRun.in(sub, "validate", "--schema", "local.prisma");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("local.prisma is valid");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void in_the_project_folder_itself_nothing_is_said() {
    CliRun run = CliRun.in(dir, "validate");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.err()).isEmpty();
  }
}
