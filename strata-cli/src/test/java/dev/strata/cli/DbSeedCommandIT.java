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

@StrataDatabase
class DbSeedCommandIT {
  @TempDir Path dir;

  @BeforeEach
  void emptyDatabase(TestDatabase db) throws IOException {
    db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    Files.createDirectories(dir.resolve("prisma"));
    Files.writeString(dir.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n");
  }

  private void config(String seed) throws IOException {
    Files.writeString(dir.resolve("prisma.config.ts"), """
        import { defineConfig, env } from "prisma/config";
        export default defineConfig({
          schema: "prisma/schema.prisma",
          migrations: { seed: "%s" },
          datasource: { url: env("DATABASE_URL") },
        });
        """.formatted(seed));
  }

  @Test
  void runs_the_config_seed_command_with_the_database_url_and_the_extra_arguments(TestDatabase db) throws IOException {
    config("sh ./seed.sh");
    Files.writeString(dir.resolve("seed.sh"), "echo \"url=$DATABASE_URL args=$*\"\necho to-stderr >&2\n");
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", db.url()), "db", "seed", "--", "--env", "two words");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("Running seed command `sh ./seed.sh --env 'two words'` ...")
        .contains("url=" + db.url() + " args=--env two words")
        .contains("The seed command has been executed.");
    assertThat(run.err()).contains("to-stderr");
  }

  @Test
  void a_failing_seed_command_exits_1_with_its_exit_code(TestDatabase db) throws IOException {
    config("sh -c 'exit 3'");
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", db.url()), "db", "seed");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("The seed command `sh -c 'exit 3'` failed with exit code 3.");
    assertThat(run.out()).doesNotContain("has been executed");
  }

  @Test
  void reads_the_seed_command_of_package_json_without_a_config_file(TestDatabase db) throws IOException {
    Files.writeString(dir.resolve("package.json"), "{\"name\": \"x\", \"prisma\": {\"seed\": \"echo seeded-from-package-json\"}}");
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", db.url()), "db", "seed");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("Running seed command `echo seeded-from-package-json`").contains("seeded-from-package-json\n");
  }

  @Test
  void without_a_command_runs_prisma_seed_sql(TestDatabase db) throws IOException {
    db.execute("CREATE TABLE coach (id int PRIMARY KEY, name text)");
    Files.writeString(dir.resolve("prisma/seed.sql"), "INSERT INTO coach VALUES (1, 'Ada');\nINSERT INTO coach VALUES (2, 'Grace');\n");
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", db.url()), "db", "seed");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("Running seed script prisma/seed.sql").contains("The seed script has been executed (2 statements).");
    assertThat(db.queryValue("SELECT count(*)::text FROM coach")).contains("2");
  }

  @Test
  void a_failing_seed_sql_names_the_line_and_keeps_nothing(TestDatabase db) throws IOException {
    db.execute("CREATE TABLE coach (id int PRIMARY KEY, name text)");
    Files.writeString(dir.resolve("prisma/seed.sql"), "INSERT INTO coach VALUES (1, 'Ada');\nINSERT INTO coach VALUES (1, 'Again');\n");
    CliRun run = CliRun.in(dir, Map.of("DATABASE_URL", db.url()), "db", "seed");
    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err()).contains("prisma/seed.sql failed at line 2").contains("[23505]").contains("Nothing of the script was applied");
    assertThat(db.queryValue("SELECT count(*)::text FROM coach")).contains("0");
  }

  @Test
  void with_nothing_to_run_it_explains_how_to_configure_a_seed() {
    CliRun run = CliRun.in(dir, Map.of(), "db", "seed");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("No seed command configured").contains("migrations: { seed:").contains("prisma/seed.sql");
  }
}
