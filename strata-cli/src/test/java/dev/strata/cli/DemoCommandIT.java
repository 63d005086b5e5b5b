package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata demo}: the whole workflow on the bundled example, on a throwaway database, leaving nothing running. */
class DemoCommandIT {
  @TempDir Path dir;

  @Test
  void runs_the_whole_workflow_on_a_throwaway_database_and_ignores_the_users_database_url() throws IOException {
    // A DATABASE_URL of the user's that would fail if used: the demo must never touch it.
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/users_own_db"), "demo", "--dir", "demo");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("1. Validate the schema").contains("is valid")
        .contains("is formatted")
        .contains("Usr")
        .contains("4. Create and apply the first migration").contains("$ strata migrate dev --name init")
        .contains("5. Seed it with prisma/seed.sql").contains("The seed script has been executed")
        .contains("6. Check the migration status").contains("Database schema is up to date!")
        .contains("7. Pull the database back").contains("already matches").contains("left as it is")
        .contains("8. Lint the migration").contains("$ strata migrate lint --all")
        .contains("9. Check the database's health").contains("fk-without-index")
        .contains("10. Back up the database").contains("$ strata backup create --label demo")
        .contains("12. The schema as an ER diagram").contains("erDiagram")
        .contains("13. Every code Strata prints is explained").contains("P3009")
        .contains("Demo complete")
        .doesNotContain("users_own_db");
    Path migrations = dir.resolve("demo/prisma/migrations");
    try (Stream<Path> folders = Files.list(migrations)) {
      List<String> names = folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
      assertThat(names).singleElement().satisfies(n -> assertThat(n).endsWith("_init"));
    }
    assertThat(Files.readString(dir.resolve("demo/prisma/seed.sql"))).contains("INSERT INTO \"users\"");
    // db pull left the user's schema byte for byte as the example has it.
    assertThat(Files.readString(dir.resolve("demo/prisma/schema.prisma")))
        .isEqualTo(Files.readString(Path.of("..", "examples", "fitness", "prisma", "schema.prisma")));
  }

  @Test
  void reports_every_step_in_json() {
    CliRun run = CliRun.in(dir, "demo", "--dir", "demo-json", "--json");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("\"ok\" : true")
        .contains("\"command\" : \"strata migrate dev --name init\"")
        .contains("\"command\" : \"strata db seed\"")
        .contains("\"command\" : \"strata migrate status\"")
        .contains("\"command\" : \"strata db pull\"")
        .contains("\"command\" : \"strata migrate lint --all\"")
        .contains("\"command\" : \"strata backup create --label demo\"")
        .contains("\"command\" : \"strata erd\"")
        .contains("\"command\" : \"strata explain P3009\"");
  }
}
