package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on a machine the embedded PostgreSQL does not support (a JVM told it runs on Linux
 * aarch64): commands that need it stop at once with what to use instead, before touching anything.
 */
class OtherPlatformIT {
  @TempDir Path dir;

  /** Runs the CLI in a child JVM that believes it runs on Linux aarch64; stdout and stderr merged. */
  private Result strata(String databaseUrl, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dos.arch=aarch64", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().remove("DATABASE_URL");
    if (databaseUrl != null) {
      builder.environment().put("DATABASE_URL", databaseUrl);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private record Result(int exitCode, String output) {}

  @Test
  void strata_dev_names_the_platform_and_an_external_database_and_creates_nothing() throws Exception {
    Result run = strata(null, "dev");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.output())
        .contains("The embedded PostgreSQL ships Linux x86-64 binaries only, and this machine is Linux aarch64.")
        .contains("`strata dev` cannot run here")
        .contains("set DATABASE_URL")
        .doesNotContain("\tat ");
    assertThat(dir.resolve(".strata")).doesNotExist();
  }

  @Test
  void migrate_dev_without_a_shadow_url_names_the_flag_before_it_connects_to_the_database() throws Exception {
    Files.createDirectories(dir.resolve("prisma"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n\nmodel A {\n  id Int @id\n}\n");
    // Nothing listens on port 9: had the command connected first, it would report that instead.
    Result run = strata("postgresql://postgres@127.0.0.1:9/nowhere", "migrate", "dev", "--name", "init");
    assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.output())
        .contains("this machine is Linux aarch64.")
        .contains("pass --shadow-database-url with an empty database of your own")
        .doesNotContain("127.0.0.1:9")
        .doesNotContain("\tat ");
    assertThat(dir.resolve("prisma/migrations")).doesNotExist();
  }
}
