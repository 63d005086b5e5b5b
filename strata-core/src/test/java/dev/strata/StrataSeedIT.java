package dev.strata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.embedded.StrataDatabase;
import dev.strata.embedded.TestDatabase;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db seed} through the Java API: the configured command, run with DATABASE_URL, on the embedded PostgreSQL. */
@StrataDatabase
class StrataSeedIT {
  @TempDir Path project;

  private Strata strata(TestDatabase db) throws IOException {
    Files.createDirectories(project.resolve("prisma"));
    Files.writeString(project.resolve("prisma/schema.prisma"), "datasource db {\n  provider = \"postgresql\"\n}\n");
    return Strata.configure().project(project).environment(Map.of("DATABASE_URL", db.url())).load();
  }

  @Test
  void the_package_json_seed_runs_with_the_database_url_and_its_exit_status_is_returned(TestDatabase db) throws IOException {
    Files.writeString(project.resolve("package.json"), "{\"prisma\": {\"seed\": \"echo seeding; echo \\\"$DATABASE_URL\\\" > url.txt\"}}");
    Strata strata = strata(db);
    assertThat(strata.seedCommand()).contains("echo seeding; echo \"$DATABASE_URL\" > url.txt");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    SeedResult result = strata.seed(strata.seedCommand().orElseThrow(), Map.of("PATH", System.getenv("PATH")), Optional.of(db.url()),
        false, out, err);
    assertThat(result.succeeded()).isTrue();
    assertThat(out.toString()).isEqualTo("seeding\n");
    assertThat(Files.readString(project.resolve("url.txt")).strip()).isEqualTo(db.url());
  }

  @Test
  void a_failing_seed_is_a_result_with_its_exit_code(TestDatabase db) throws IOException {
    Strata strata = strata(db);
    assertThat(strata.seedCommand()).isEmpty();
    StringWriter err = new StringWriter();
    SeedResult result = strata.seed("echo broken >&2; exit 3", Map.of(), Optional.empty(), false, new StringWriter(), err);
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.succeeded()).isFalse();
    assertThat(err.toString()).isEqualTo("broken\n");
  }

  @Test
  void a_seed_sql_runs_through_execute(TestDatabase db) throws IOException {
    db.execute("DROP TABLE IF EXISTS pets");
    Path seed = project.resolve("prisma/seed.sql");
    Strata strata = strata(db);
    Files.writeString(seed, "CREATE TABLE pets (name text);\nINSERT INTO pets VALUES ('Rex');\n");
    assertThat(strata.execute(seed, "prisma/seed.sql").statements()).isEqualTo(2);
    assertThat(db.queryColumn("SELECT name FROM pets")).containsExactly("Rex");
    db.execute("DROP TABLE pets");
  }
}
