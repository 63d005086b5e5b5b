package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The launcher's archive comes from this run: it must finish without a database and leave nothing behind. */
class ClassDataTrainingTest {
  @Test
  void runs_without_a_database_and_removes_its_project() throws IOException {
    List<Path> before = trainingDirectories();
    ClassDataTraining.main(new String[0]);
    assertThat(trainingDirectories()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void loads_the_classes_a_deploy_uses() throws IOException, InterruptedException {
    // A JVM of its own, as the launcher runs it, so that no other test's classes count.
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
        ClassDataTraining.class.getName()).redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(log.length() > 2000 ? log.substring(log.length() - 2000) : log).isZero();
    for (String name : List.of("dev.strata.migrate.MigrationRunner", "dev.strata.migrate.MigrationsDirectory",
        "dev.strata.migrate.SqlSplitter", "dev.strata.cli.command.migrate.MigrateDeployCommand",
        "dev.strata.prisma.PrismaFrontEnd", "org.postgresql.core.v3.QueryExecutorImpl", "picocli.CommandLine$Help",
        "dev.strata.lint.Linter", "dev.strata.lint.parse.PgQuery")) {
      assertThat(log).as(name).contains(" " + name + " ");
    }
  }

  private static List<Path> trainingDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(p -> p.getFileName().toString().startsWith("strata-training")).toList();
    }
  }
}
